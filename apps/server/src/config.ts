import { networkIds, type NetworkId } from '@sillage/connectors';
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
  // Calls to the networks one worker process makes at once when publishing (pg-boss jobs use the one above).
  SILLAGE_PUBLISH_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
  SILLAGE_PUBLISH_LATE_WINDOW_MINUTES: z.coerce.number().int().min(0).max(1440).default(15),
  // The demo's launch post is scheduled this many minutes after the first start (0: at once).
  SILLAGE_DEMO_LAUNCH_MINUTES: z.coerce.number().int().min(0).max(1440).default(2),
  /** Where the built web app is served from; defaults to apps/web/dist. */
  SILLAGE_WEB_ROOT: z.string().min(1).optional(),
  /** The token Meta's webhook subscription check must send (hub.verify_token); the app secret is Facebook's. */
  SILLAGE_META_WEBHOOK_VERIFY_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Where the media library's files are kept; defaults to <SILLAGE_DATA_DIR>/media. */
  SILLAGE_MEDIA_DIR: z.string().min(1).optional(),
  /** The largest file the media library accepts (upload or import), in megabytes. */
  SILLAGE_MEDIA_MAX_MB: z.coerce.number().int().min(1).max(4096).default(200),
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
  /** Publications one worker process publishes at once (calls to the networks in flight). */
  publishConcurrency: number;
  /** A post not published within this many minutes of its time (workers were down) is marked missed, not sent late. */
  publishLateWindowMinutes: number;
  demoLaunchMinutes: number;
  webRoot: string | undefined;
  /** OAuth apps per network, from SILLAGE_OAUTH_<NETWORK>_CLIENT_ID and _CLIENT_SECRET (both or neither). */
  oauthClients: Partial<Record<NetworkId, { clientId: string; clientSecret: string }>>;
  /** API base URLs per network, from SILLAGE_NETWORK_<NETWORK>_URL (a simulator's in the demo). */
  networkBaseUrls: Partial<Record<NetworkId, string>>;
  /** hub.verify_token of Meta's webhook subscription, from SILLAGE_META_WEBHOOK_VERIFY_TOKEN. */
  metaWebhookVerifyToken?: string;
  /** The media library's folder (SILLAGE_MEDIA_DIR, or <dataDir>/media). */
  mediaDir: string;
  /** The largest media file accepted, in bytes (SILLAGE_MEDIA_MAX_MB). */
  mediaMaxBytes: number;
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
  const networks = readNetworkSettings(present);
  if (networks.problems.length > 0) throw new ConfigError(networks.problems);
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
    publishConcurrency: values.SILLAGE_PUBLISH_CONCURRENCY,
    publishLateWindowMinutes: values.SILLAGE_PUBLISH_LATE_WINDOW_MINUTES,
    demoLaunchMinutes: values.SILLAGE_DEMO_LAUNCH_MINUTES,
    webRoot: values.SILLAGE_WEB_ROOT ? path.resolve(values.SILLAGE_WEB_ROOT) : undefined,
    oauthClients: networks.oauthClients,
    networkBaseUrls: networks.networkBaseUrls,
    mediaDir: values.SILLAGE_MEDIA_DIR
      ? path.resolve(values.SILLAGE_MEDIA_DIR)
      : path.join(path.resolve(values.SILLAGE_DATA_DIR), 'media'),
    mediaMaxBytes: values.SILLAGE_MEDIA_MAX_MB * 1_048_576,
    ...(values.SILLAGE_META_WEBHOOK_VERIFY_TOKEN
      ? { metaWebhookVerifyToken: values.SILLAGE_META_WEBHOOK_VERIFY_TOKEN }
      : {}),
  };
}

const envName = (network: NetworkId) => network.toUpperCase();

/** The per-network variables, named after the network id (GOOGLE_BUSINESS for google_business). */
function readNetworkSettings(env: Record<string, string | undefined>) {
  const problems: string[] = [];
  const oauthClients: Config['oauthClients'] = {};
  const networkBaseUrls: Config['networkBaseUrls'] = {};
  for (const network of networkIds) {
    const prefix = `SILLAGE_OAUTH_${envName(network)}`;
    const clientId = env[`${prefix}_CLIENT_ID`];
    const clientSecret = env[`${prefix}_CLIENT_SECRET`];
    if (clientId && clientSecret) oauthClients[network] = { clientId, clientSecret };
    else if (clientId || clientSecret)
      problems.push(
        `${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET: set both (from the network's app console) or neither`,
      );
    const urlName = `SILLAGE_NETWORK_${envName(network)}_URL`;
    const url = env[urlName];
    if (url === undefined) continue;
    if (z.url({ protocol: /^https?$/ }).safeParse(url).success) networkBaseUrls[network] = url.replace(/\/+$/, '');
    else problems.push(`${urlName}: must be an http(s) URL such as https://api.example.com`);
  }
  return { problems, oauthClients, networkBaseUrls };
}
