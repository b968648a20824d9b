import { z } from 'zod';
import path from 'node:path';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Every setting Sillage reads from the environment, validated in one place. */
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  SILLAGE_DATA_DIR: z.string().min(1).default('./.sillage'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  SILLAGE_SECRET_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/_-]{43,}={0,2}$/, 'must be 32 random bytes in base64 (openssl rand -base64 32)')
    .optional(),
  SILLAGE_PUBLIC_URL: z.url().optional(),
  SILLAGE_DEMO: booleanFromEnv.optional(),
  SILLAGE_TRUST_PROXY: booleanFromEnv.default(false),
  SILLAGE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SILLAGE_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  SILLAGE_MAIL_FROM: z.string().default('Sillage <no-reply@sillage.local>'),
  SILLAGE_API_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  SILLAGE_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  secretKey: string | undefined;
  publicUrl: string | undefined;
  /** The demo world runs when asked, or by default on the embedded database. */
  demo: boolean;
  trustProxy: boolean;
  logLevel: z.infer<typeof ConfigSchema>['SILLAGE_LOG_LEVEL'];
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Requests per minute per principal on the API. */
  apiRateLimitPerMinute: number;
  workerConcurrency: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/** Reads and validates the configuration; throws ConfigError naming each bad variable and what to do. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const values = parsed.data;
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir: path.resolve(values.SILLAGE_DATA_DIR),
    databaseUrl: values.DATABASE_URL,
    secretKey: values.SILLAGE_SECRET_KEY,
    publicUrl: values.SILLAGE_PUBLIC_URL,
    demo: values.SILLAGE_DEMO ?? values.DATABASE_URL === undefined,
    trustProxy: values.SILLAGE_TRUST_PROXY,
    logLevel: values.SILLAGE_LOG_LEVEL,
    smtpUrl: values.SILLAGE_SMTP_URL,
    mailFrom: values.SILLAGE_MAIL_FROM,
    apiRateLimitPerMinute: values.SILLAGE_API_RATE_LIMIT,
    workerConcurrency: values.SILLAGE_WORKER_CONCURRENCY,
  };
}
