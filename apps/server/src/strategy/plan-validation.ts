/**
 * Checks an edited plan with the domain's validators and derives what is derived (budget amounts, posts per
 * week), so that a saved version is always consistent. Every problem is reported, each under its field.
 */
import {
  maxSplittableMinor,
  planBudget,
  validateKpiTarget,
  validatePlanAnswers,
  validateTargetPeriod,
  type Plan,
  type StrategyFieldError,
} from '@sillage/domain';
import { AppError } from '../http/errors.ts';

type Sink = (field: string, reason: StrategyFieldError['reason'], params?: Record<string, string | number>) => void;

/** The English sentence for a domain reason code, saying what is wrong and what to do. */
export function describeFieldError(error: StrategyFieldError): string {
  const params = error.params ?? {};
  switch (error.reason) {
    case 'required':
      return params.allowed ? `Required: give at least one of ${params.allowed}.` : 'Required.';
    case 'invalid_type':
      return `Wrong type: expected ${params.expected ?? 'another type'}.`;
    case 'not_allowed':
      return `Not allowed: use one of ${params.allowed ?? 'the listed values'}.`;
    case 'out_of_range':
      return `Out of range: use a value from ${params.min ?? '-inf'} to ${params.max ?? 'inf'}.`;
    case 'duplicate':
      return `Appears twice${params.value !== undefined ? ` ("${params.value}")` : ''}: keep one.`;
    case 'unknown_reference':
      return `Unknown reference "${params.value ?? ''}".`;
    case 'inverted_range':
      return 'The minimum is above the maximum (or the period ends before it starts): swap them.';
    case 'invalid_date':
      return 'Not a calendar date: write it YYYY-MM-DD.';
    case 'not_summing_to_100':
      return `The percentages add up to ${params.total ?? '?'}: they must add up to 100.`;
  }
}

function unique<T>(items: readonly T[], identity: (item: T) => string, field: string, report: Sink): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const key = identity(item);
    if (seen.has(key)) report(`${field}[${index}]`, 'duplicate', { value: key });
    seen.add(key);
  });
}

/** Every problem of an edited plan (already of the right shape: the zod contract checked it). */
export function validateEditedPlan(plan: Plan): StrategyFieldError[] {
  const errors: StrategyFieldError[] = [];
  const report: Sink = (field, reason, params) => errors.push(params ? { field, reason, params } : { field, reason });

  const answers = validatePlanAnswers({ ...plan.answers, monthlyBudget: plan.budget.monthly });
  if (!answers.ok)
    for (const error of answers.errors)
      errors.push({
        ...error,
        field: error.field.startsWith('monthlyBudget')
          ? `budget.${error.field.replace('monthlyBudget', 'monthly')}`
          : `answers.${error.field}`,
      });

  if (plan.objectives.length === 0) report('objectives', 'required');
  unique(plan.objectives, (objective) => `${objective.kind}:${objective.label ?? ''}`, 'objectives', report);
  plan.objectives.forEach((objective, index) => {
    const field = `objectives[${index}]`;
    if (objective.kind === 'custom' && !objective.label?.trim()) report(`${field}.label`, 'required');
    unique(objective.kpis, (kpi) => kpi.kpi, `${field}.kpis`, report);
    unique(objective.kpis, (kpi) => String(kpi.priority), `${field}.kpis`, report);
    objective.kpis.forEach((kpi, kpiIndex) => {
      validateTargetPeriod(kpi.period, `${field}.kpis[${kpiIndex}].period`, report);
      validateKpiTarget(kpi.kpi, kpi.target, `${field}.kpis[${kpiIndex}].target`, report);
    });
  });

  if (plan.channels.length === 0) report('channels', 'required');
  unique(plan.channels, (channel) => channel.network, 'channels', report);
  plan.channels.forEach((channel, index) => {
    unique(channel.roles, (role) => role, `channels[${index}].roles`, report);
    unique(channel.formats, (format) => `${format.format}:${format.content}`, `channels[${index}].formats`, report);
  });

  const categories = plan.budget.lines.map((line) => line.category);
  unique(plan.budget.lines, (line) => line.category, 'budget.lines', report);
  for (const category of ['production_and_community', 'advertising'] as const)
    if (!categories.includes(category)) report('budget.lines', 'required', { allowed: category });
  const total = plan.budget.lines.reduce((sum, line) => sum + line.percent, 0);
  if (total !== 100) report('budget.lines', 'not_summing_to_100', { total });
  if (plan.budget.monthly.amountMinor > maxSplittableMinor)
    report('budget.monthly.amountMinor', 'out_of_range', { min: 1, max: maxSplittableMinor });

  unique(plan.tools, (tool) => `${tool.id}:${tool.network ?? ''}`, 'tools', report);
  unique(plan.playbooks, (playbook) => playbook.id, 'playbooks', report);
  return errors;
}

/**
 * The plan to store: checked (a 400 naming every field otherwise) and with its derived figures recomputed:
 * budget amounts from the percentages (adding up exactly to the monthly budget), channels' posts per week.
 * An unchanged split keeps the previous version's budget lines as they were (their amounts and sources).
 */
export function normalizeEditedPlan(plan: Plan, previous: Plan | undefined): Plan {
  const errors = validateEditedPlan(plan);
  if (errors.length > 0)
    throw new AppError(
      400,
      'invalid_plan',
      `Some fields of the plan are not valid (${errors.map((error) => error.field).join(', ')}); correct them and save again.`,
      errors.map((error) => ({
        path: `body.plan.${error.field}`,
        message: describeFieldError(error),
        reason: error.reason,
        ...(error.params ? { params: error.params } : {}),
      })),
    );
  const advertising = plan.budget.lines.find((line) => line.category === 'advertising')!.percent;
  const monthly = { amountMinor: plan.budget.monthly.amountMinor, currency: plan.budget.monthly.currency };
  const copy = JSON.parse(JSON.stringify(plan)) as Plan;
  const percentOf = (budget: Plan['budget'], category: string) =>
    budget.lines.find((line) => line.category === category)?.percent;
  const splitUnchanged =
    previous !== undefined &&
    previous.budget.monthly.amountMinor === monthly.amountMinor &&
    previous.budget.monthly.currency === monthly.currency &&
    plan.budget.lines.every((line) => percentOf(previous.budget, line.category) === line.percent);
  const channels = copy.channels.map((channel) => ({
    ...channel,
    postsPerWeek: channel.formats.reduce((sum, format) => sum + format.postsPerWeek, 0),
  }));
  if (splitUnchanged)
    return {
      ...copy,
      answers: { ...copy.answers, monthlyBudget: monthly },
      channels,
      budget: JSON.parse(JSON.stringify(previous.budget)) as Plan['budget'],
    };
  // As the domain's withAdvertisingPercent does: split again, and the answers say which share was chosen.
  return {
    ...copy,
    answers: { ...copy.answers, monthlyBudget: monthly, advertisingPercent: advertising },
    channels,
    budget: planBudget(monthly, advertising, plan.answers.size),
  };
}
