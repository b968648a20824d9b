/**
 * A target on one KPI for one period, in the KPI's unit (see `kpiDefinitions`): ratios as fractions, money in
 * minor units of the plan's currency, durations in minutes.
 */
import type { ErrorSink } from './field-error.ts';
import { isCalendarDate, isRecord } from './field-error.ts';
import { kpiDefinitions, type KpiId } from './kpis.ts';

/** What the user has to decide before a `to_set` target means something. */
export type TargetHint =
  /** A cost ceiling that follows from the margin per sale or per lead (the guide: "sous le seuil défini"). */
  | 'ceiling_from_unit_economics'
  /** A figure that only makes sense against the brand's own history: measure first. */
  | 'from_first_month_baseline';

export type KpiTarget =
  | { kind: 'between'; min: number; max: number }
  | { kind: 'at_least'; value: number }
  | { kind: 'at_most'; value: number }
  /** Better than the baseline period by `change` (0.1 = 10% better; "better" is lower for costs). */
  | { kind: 'improve_on_baseline'; change: number }
  | { kind: 'to_set'; hint: TargetHint };

/** The period a target covers: every week/month/quarter/year, or one dated range (inclusive, YYYY-MM-DD). */
export type TargetPeriod =
  { kind: 'recurring'; cadence: 'week' | 'month' | 'quarter' | 'year' } | { kind: 'range'; from: string; to: string };

const cadences = ['week', 'month', 'quarter', 'year'];
const targetKinds = ['between', 'at_least', 'at_most', 'improve_on_baseline', 'to_set'];
const hints: readonly TargetHint[] = ['ceiling_from_unit_economics', 'from_first_month_baseline'];

function checkValue(kpi: KpiId, value: unknown, field: string, report: ErrorSink): void {
  const definition = kpiDefinitions[kpi];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    report(field, 'invalid_type', { expected: 'number' });
    return;
  }
  if (definition.unit === 'money' && !Number.isSafeInteger(value))
    report(field, 'invalid_type', { expected: 'integer_minor_units' });
  const min = definition.min ?? -Infinity;
  const max = definition.max ?? Infinity;
  if (value < min || value > max)
    report(field, 'out_of_range', { min: definition.min ?? '-inf', max: definition.max ?? 'inf' });
}

/** Checks a target against its KPI's unit and range, reporting under `field`. */
export function validateKpiTarget(kpi: KpiId, target: unknown, field: string, report: ErrorSink): void {
  if (!isRecord(target)) return report(field, 'invalid_type', { expected: 'object' });
  switch (target.kind) {
    case 'between':
      checkValue(kpi, target.min, `${field}.min`, report);
      checkValue(kpi, target.max, `${field}.max`, report);
      if (typeof target.min === 'number' && typeof target.max === 'number' && target.min > target.max)
        report(field, 'inverted_range');
      return;
    case 'at_least':
    case 'at_most':
      return checkValue(kpi, target.value, `${field}.value`, report);
    case 'improve_on_baseline':
      if (typeof target.change !== 'number' || !Number.isFinite(target.change))
        return report(`${field}.change`, 'invalid_type', { expected: 'number' });
      if (target.change <= 0 || target.change > 10) report(`${field}.change`, 'out_of_range', { min: 0, max: 10 });
      return;
    case 'to_set':
      if (!hints.includes(target.hint as TargetHint))
        report(`${field}.hint`, 'not_allowed', { allowed: hints.join(', ') });
      return;
    default:
      report(`${field}.kind`, 'not_allowed', { allowed: targetKinds.join(', ') });
  }
}

/** Checks a target period, reporting under `field`. */
export function validateTargetPeriod(period: unknown, field: string, report: ErrorSink): void {
  if (!isRecord(period)) return report(field, 'invalid_type', { expected: 'object' });
  if (period.kind === 'recurring') {
    if (!cadences.includes(period.cadence as string))
      report(`${field}.cadence`, 'not_allowed', { allowed: cadences.join(', ') });
    return;
  }
  if (period.kind !== 'range') return report(`${field}.kind`, 'not_allowed', { allowed: 'recurring, range' });
  const fromValid = isCalendarDate(period.from);
  const toValid = isCalendarDate(period.to);
  if (!fromValid) report(`${field}.from`, 'invalid_date');
  if (!toValid) report(`${field}.to`, 'invalid_date');
  if (fromValid && toValid && (period.from as string) > (period.to as string)) report(field, 'inverted_range');
}
