/**
 * The plan builder: from a few answers to a plan that follows the guide, using the defaults of `defaults/`.
 * Pure: the same answers always give the same plan.
 */
import { currencyFractionDigits } from '../analytics/money.ts';
import { networkIds, type NetworkId } from '../publishing/networks.ts';
import { budgetSplitDefaults } from './defaults/budget.ts';
import {
  channelCountBySize,
  channelDefaults,
  channelFallbacks,
  frequencyScale,
  type ChannelDefault,
} from './defaults/channels.ts';
import { improvementLoopDefaults } from './defaults/improvement-loop.ts';
import { kpiDefaultsFor } from './defaults/objectives.ts';
import { playbookDefaults } from './defaults/playbooks.ts';
import { toolDefaults } from './defaults/tools.ts';
import { sillageDefault } from './defaults/basis.ts';
import { errorSink, isRecord, type StrategyFieldError } from './field-error.ts';
import {
  businessSizes,
  businessTypes,
  plannableObjectives,
  type BusinessSize,
  type Plan,
  type PlanAnswers,
  type PlanBudget,
  type PlanChannel,
  type PlanObjective,
  type PlanTool,
} from './plan.ts';
import { maxSplittableMinor, splitMoney } from './split-budget.ts';
import { contentLanguages } from './strategy.ts';

export type PlanAnswersResult = { ok: true; answers: PlanAnswers } | { ok: false; errors: StrategyFieldError[] };

/**
 * Checks raw answers (from a form, an API body or the command line) and returns them typed, or every problem.
 * @example validatePlanAnswers({ businessType: 'shop' }) // { ok: false, errors: [{ field: 'businessType', reason: 'not_allowed', ... }, ...] }
 */
export function validatePlanAnswers(input: unknown): PlanAnswersResult {
  const errors: StrategyFieldError[] = [];
  const report = errorSink(errors);
  if (!isRecord(input)) {
    report('', 'invalid_type', { expected: 'object' });
    return { ok: false, errors };
  }
  const oneOf = (field: string, allowed: readonly string[]) => {
    if (input[field] === undefined) report(field, 'required', { allowed: allowed.join(', ') });
    else if (!allowed.includes(input[field] as string)) report(field, 'not_allowed', { allowed: allowed.join(', ') });
  };
  oneOf('businessType', businessTypes);
  oneOf('size', businessSizes);
  oneOf('language', contentLanguages);

  const uniqueList = (field: string, allowed: readonly string[], minimum: number) => {
    const value = input[field];
    if (!Array.isArray(value))
      return report(field, value === undefined ? 'required' : 'invalid_type', { expected: 'array' });
    if (value.length < minimum) report(field, 'required', { allowed: allowed.join(', ') });
    const seen = new Set<unknown>();
    value.forEach((item, index) => {
      if (!allowed.includes(item as string))
        report(`${field}[${index}]`, 'not_allowed', { allowed: allowed.join(', ') });
      else if (seen.has(item)) report(`${field}[${index}]`, 'duplicate', { value: item as string });
      seen.add(item);
    });
  };
  uniqueList('objectives', plannableObjectives, 1);
  uniqueList('channelsUsed', networkIds, 0);

  const budget = input.monthlyBudget;
  if (!isRecord(budget))
    report('monthlyBudget', budget === undefined ? 'required' : 'invalid_type', { expected: 'object' });
  else {
    const amount = budget.amountMinor;
    if (!Number.isSafeInteger(amount))
      report('monthlyBudget.amountMinor', 'invalid_type', { expected: 'integer_minor_units' });
    else if ((amount as number) <= 0 || (amount as number) > maxSplittableMinor)
      report('monthlyBudget.amountMinor', 'out_of_range', { min: 1, max: maxSplittableMinor });
    let currencyValid = typeof budget.currency === 'string';
    try {
      if (currencyValid) currencyFractionDigits(budget.currency as string);
    } catch {
      currencyValid = false;
    }
    if (!currencyValid) report('monthlyBudget.currency', 'not_allowed', { allowed: 'ISO 4217 code, e.g. EUR' });
  }
  const advertising = input.advertisingPercent;
  if (
    advertising !== undefined &&
    (!Number.isInteger(advertising) || (advertising as number) < 0 || (advertising as number) > 100)
  )
    report('advertisingPercent', 'out_of_range', { min: 0, max: 100 });

  if (errors.length > 0) return { ok: false, errors };
  const valid = input as PlanAnswers;
  // Only the known fields travel into the plan.
  const answers: PlanAnswers = {
    businessType: valid.businessType,
    size: valid.size,
    objectives: [...valid.objectives],
    monthlyBudget: { amountMinor: valid.monthlyBudget.amountMinor, currency: valid.monthlyBudget.currency },
    channelsUsed: [...valid.channelsUsed],
    language: valid.language,
  };
  if (valid.advertisingPercent !== undefined) answers.advertisingPercent = valid.advertisingPercent;
  return { ok: true, answers };
}

function scaled(postsPerWeek: number, size: BusinessSize): number {
  return Math.max(1, Math.round(postsPerWeek * frequencyScale[size].factor));
}

function toPlanChannel(entry: ChannelDefault, answers: PlanAnswers): PlanChannel {
  const formats = entry.formats.map((format) => ({
    format: format.format,
    content: format.content,
    postsPerWeek: scaled(format.postsPerWeek, answers.size),
    basis: frequencyScale[answers.size].basis,
  }));
  return {
    network: entry.network,
    roles: [...entry.roles],
    alreadyUsed: answers.channelsUsed.includes(entry.network),
    formats,
    postsPerWeek: formats.reduce((sum, format) => sum + format.postsPerWeek, 0),
    basis: entry.basis,
  };
}

/** The recommended channels for the business type and size, then the channels already used that were not among them. */
function planChannels(answers: PlanAnswers): PlanChannel[] {
  const recommended = channelDefaults[answers.businessType].slice(0, channelCountBySize[answers.size].count);
  const extra = answers.channelsUsed
    .filter((network) => !recommended.some((entry) => entry.network === network))
    .map(
      (network) =>
        channelDefaults[answers.businessType].find((entry) => entry.network === network) ?? channelFallbacks[network],
    );
  return [...recommended, ...extra].map((entry) => toPlanChannel(entry, answers));
}

function planObjectives(answers: PlanAnswers): PlanObjective[] {
  return plannableObjectives
    .filter((objective) => answers.objectives.includes(objective))
    .map((objective) => ({
      kind: objective,
      kpis: kpiDefaultsFor(objective, answers.businessType).map((entry, index) => ({
        kpi: entry.kpi,
        priority: index + 1,
        period: { kind: 'recurring', cadence: 'month' },
        target: entry.target,
        basis: entry.basis,
      })),
    }));
}

/**
 * The budget split for an advertising share (integer percent); amounts add up exactly to the monthly budget.
 * @example planBudget({ amountMinor: 500000, currency: 'EUR' }, 40, 'sme').lines.map((line) => line.amount.amountMinor) // [300000, 200000]
 */
export function planBudget(
  monthly: PlanAnswers['monthlyBudget'],
  advertisingPercent: number,
  size: BusinessSize,
): PlanBudget {
  const [production, advertising] = splitMoney(monthly, [100 - advertisingPercent, advertisingPercent]) as [
    PlanAnswers['monthlyBudget'],
    PlanAnswers['monthlyBudget'],
  ];
  const isDefault = budgetSplitDefaults[size].advertisingPercent === advertisingPercent;
  const basis = isDefault
    ? budgetSplitDefaults[size].basis
    : sillageDefault('Set by the user, replacing the default split.', 'good_practice');
  return {
    monthly: { amountMinor: monthly.amountMinor, currency: monthly.currency },
    lines: [
      {
        category: 'production_and_community',
        percent: 100 - advertisingPercent,
        amount: production,
        basis: { ...basis },
      },
      { category: 'advertising', percent: advertisingPercent, amount: advertising, basis: { ...basis } },
    ],
  };
}

function planTools(answers: PlanAnswers, networks: NetworkId[], advertisingPercent: number): PlanTool[] {
  const context = { answers, networks, advertisingPercent };
  return toolDefaults
    .filter((tool) => tool.when(context))
    .flatMap((tool): PlanTool[] =>
      tool.perNetwork
        ? networks
            .filter((network) => !tool.perNetwork?.networks || tool.perNetwork.networks.includes(network))
            .map((network) => ({ id: tool.id, network, provider: tool.provider, basis: tool.basis }))
        : [{ id: tool.id, provider: tool.provider, basis: tool.basis }],
    );
}

/**
 * Writes the plan for validated answers (see `validatePlanAnswers`).
 * @example buildPlan({ businessType: 'ecommerce', size: 'sme', objectives: ['awareness', 'acquisition'], monthlyBudget: { amountMinor: 500000, currency: 'EUR' }, channelsUsed: [], language: 'fr' }).budget.lines[1].amount // { amountMinor: 200000, currency: 'EUR' }
 */
export function buildPlan(input: PlanAnswers): Plan {
  const checked = validatePlanAnswers(input);
  if (!checked.ok)
    throw new RangeError(
      `Invalid plan answers: ${checked.errors.map((error) => `${error.field} ${error.reason}`).join('; ')}. Check them with validatePlanAnswers first.`,
    );
  const answers = checked.answers;
  const advertisingPercent = answers.advertisingPercent ?? budgetSplitDefaults[answers.size].advertisingPercent;
  const channels = planChannels(answers);
  const networks = channels.map((channel) => channel.network);
  // A JSON copy: the plan shares no object with the defaults nor between its own parts, so editing it in place
  // changes only what was edited.
  return copyPlan({
    schemaVersion: 1,
    answers,
    objectives: planObjectives(answers),
    channels,
    budget: planBudget(answers.monthlyBudget, advertisingPercent, answers.size),
    tools: planTools(answers, networks, advertisingPercent),
    playbooks: playbookDefaults
      .filter((playbook) => playbook.when(answers, advertisingPercent))
      .map((playbook) => ({
        id: playbook.id,
        steps: [...playbook.steps],
        kpis: [...playbook.kpis],
        basis: playbook.basis,
      })),
    improvementLoop: [...improvementLoopDefaults],
  });
}

function copyPlan(plan: Plan): Plan {
  return JSON.parse(JSON.stringify(plan)) as Plan;
}

/**
 * A copy of the plan with another advertising share: the budget is split again, the rest is left as edited.
 * @example withAdvertisingPercent(plan, 30).budget.lines[1].percent // 30
 */
export function withAdvertisingPercent(plan: Plan, advertisingPercent: number): Plan {
  if (!Number.isInteger(advertisingPercent) || advertisingPercent < 0 || advertisingPercent > 100)
    throw new RangeError(`advertisingPercent must be an integer between 0 and 100; got ${String(advertisingPercent)}.`);
  return copyPlan({
    ...plan,
    answers: { ...plan.answers, advertisingPercent },
    budget: planBudget(plan.budget.monthly, advertisingPercent, plan.answers.size),
  });
}
