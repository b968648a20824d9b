import {
  buildPlan,
  businessSizes,
  businessTypes,
  contentLanguages,
  currencyFractionDigits,
  maxSplittableMinor,
  networkIds,
  plannableObjectives,
  renderPlanMarkdown,
  validatePlanAnswers,
  type BusinessSize,
  type PlanAnswers,
} from '@sillage/domain';
import type { Command } from './commands.ts';
import { UsageError } from './usage-error.ts';

/** `large` is the issue's word for the `enterprise` size. */
const sizeAliases: Record<string, BusinessSize> = { large: 'enterprise' };
const formatAliases: Record<string, 'json' | 'markdown'> = { json: 'json', markdown: 'markdown', md: 'markdown' };

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined) throw new UsageError(`--${option} is required: one of ${allowed.join(', ')}`);
  if (!allowed.includes(value as T))
    throw new UsageError(`--${option} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

function listOf<T extends string>(option: string, value: string, allowed: readonly T[]): T[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  const unknown = items.filter((item) => !allowed.includes(item as T));
  if (unknown.length > 0)
    throw new UsageError(
      `--${option}: unknown ${unknown.map((item) => `"${item}"`).join(', ')}; use a comma-separated list of ${allowed.join(', ')}`,
    );
  return [...new Set(items)] as T[];
}

/** A monthly amount in major units ("5000", "5000.50") to minor units of the currency. */
function parseBudget(value: string | undefined, currency: string): number {
  if (value === undefined) throw new UsageError('--budget is required: the monthly social budget, e.g. --budget 5000');
  const digits = currencyFractionDigits(currency);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value.replace(/[\s_]/g, ''));
  if (!match)
    throw new UsageError(`--budget must be a positive amount in ${currency}, like 5000 or 5000.50 (got "${value}")`);
  const fraction = match[2] ?? '';
  if (fraction.length > digits)
    throw new UsageError(`--budget: ${currency} has ${digits} decimal places; "${value}" has ${fraction.length}`);
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (minor <= 0) throw new UsageError(`--budget must be more than 0 (got "${value}")`);
  if (minor > maxSplittableMinor) throw new UsageError(`--budget is too large to split exactly (got "${value}")`);
  return minor;
}

function parseCurrency(value: string | undefined): string {
  const currency = (value ?? 'EUR').toUpperCase();
  try {
    currencyFractionDigits(currency);
  } catch {
    throw new UsageError(`--currency must be an ISO 4217 code such as EUR, USD or GBP (got "${value}")`);
  }
  return currency;
}

function parsePercent(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,3}$/.test(value) || Number(value) > 100)
    throw new UsageError(`--ads-percent must be a whole number from 0 to 100 (got "${value}")`);
  return Number(value);
}

/** Turns the command-line options into plan answers, with a message naming the option for each mistake. */
export function planAnswersFromOptions(values: Record<string, string | boolean | undefined>): PlanAnswers {
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  if (text('language') !== undefined && text('lang') !== undefined && text('language') !== text('lang'))
    throw new UsageError('--language and --lang disagree: give one of them');
  const size = text('size');
  const currency = parseCurrency(text('currency'));
  const objectives = text('objectives');
  if (objectives === undefined)
    throw new UsageError(`--objectives is required: a comma-separated list of ${plannableObjectives.join(', ')}`);
  const answers: PlanAnswers = {
    businessType: oneOf('business', text('business'), businessTypes),
    size: oneOf('size', size === undefined ? undefined : (sizeAliases[size] ?? size), businessSizes),
    objectives: listOf('objectives', objectives, plannableObjectives),
    monthlyBudget: { amountMinor: parseBudget(text('budget'), currency), currency },
    channelsUsed: listOf('channels', text('channels') ?? '', networkIds),
    language: oneOf('language', text('language') ?? text('lang') ?? 'fr', contentLanguages),
  };
  const advertisingPercent = parsePercent(text('ads-percent'));
  if (advertisingPercent !== undefined) answers.advertisingPercent = advertisingPercent;
  if (answers.objectives.length === 0)
    throw new UsageError(`--objectives needs at least one of ${plannableObjectives.join(', ')}`);
  const checked = validatePlanAnswers(answers);
  if (!checked.ok) throw new UsageError(checked.errors.map((error) => `${error.field}: ${error.reason}`).join('; '));
  return checked.answers;
}

/** `sillage plan`: the plan builder without a server, printing the plan as JSON or Markdown on standard output. */
export const planCommand: Command = {
  name: 'plan',
  summary: 'Write an SMM plan from a few answers (JSON or Markdown, French or English), without a server',
  options: {
    business: { type: 'string', description: 'ecommerce, b2b, local or other (required)' },
    size: { type: 'string', description: 'solo, sme, mid or enterprise (large) (required)' },
    budget: { type: 'string', description: 'Monthly social budget in major units, e.g. 5000 (required)' },
    currency: { type: 'string', description: 'ISO 4217 code of the budget (default EUR)' },
    objectives: {
      type: 'string',
      description: 'Comma-separated: awareness, acquisition, customer_service, loyalty (required)',
    },
    channels: { type: 'string', description: 'Channels already used, comma-separated, e.g. instagram,facebook' },
    'ads-percent': { type: 'string', description: 'Advertising share of the budget, 0-100 (default by size)' },
    language: { type: 'string', description: 'fr or en: content language and language of the Markdown (default fr)' },
    lang: { type: 'string', description: 'Same as --language' },
    format: { type: 'string', description: 'json or markdown (md) (default markdown)' },
  },
  async run(values) {
    const format = formatAliases[(values.format as string | undefined) ?? 'markdown'];
    if (!format) throw new UsageError(`--format must be json or markdown (got "${String(values.format)}")`);
    const answers = planAnswersFromOptions(values);
    const plan = buildPlan(answers);
    process.stdout.write(
      format === 'json' ? `${JSON.stringify(plan, null, 2)}\n` : renderPlanMarkdown(plan, answers.language),
    );
    return 0;
  },
};
