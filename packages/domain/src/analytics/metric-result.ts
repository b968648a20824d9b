/**
 * The shape of every figure the KPI engine returns: a value, "not reported" (the network does not give
 * it, or it cannot be derived honestly), or "undefined" (a division by zero, a missing exchange rate).
 * A figure the network does not report is never turned into 0. Reason codes are message codes for the UI.
 */

/** A fraction where 1 means 100% (engagement rate 0.034 = 3.4%); ROI and ROAS may exceed 1 or be negative. */
export type Ratio = number & { readonly __unit: 'ratio' };

/** Why a figure is not shown as a number although nothing went wrong. */
export type NotReportedReason =
  /** The network (or the import) does not provide this figure. */
  | 'network_does_not_report'
  /** Reach over several posts, days or channels: only the network's deduplicated figure is a reach. */
  | 'reach_not_additive'
  /** Every input item lacked one of the figures the formula needs. */
  | 'no_reported_items';

/** Why a figure cannot be computed from the figures that were reported. */
export type UndefinedReason =
  /** The denominator is 0 (no impressions, no leads...): the ratio has no value, it is not 0 or infinite. */
  | 'zero_denominator'
  /** Amounts in several currencies and no exchange rate to convert one of them. */
  | 'missing_exchange_rate'
  /** A median or growth over an empty set. */
  | 'no_data';

/** A remark that travels with a value so the UI can qualify it (message code + parameters). */
export type MetricNote =
  /** Items were left out of a sum or ratio because they lacked a figure. */
  | { code: 'items_excluded_not_reported'; count: number }
  /** Some components of a sum were not reported by the source (e.g. saves on a network without saves). */
  | { code: 'components_not_reported'; components: string[] }
  /** The figure is an upper bound (e.g. summed post reach is more than the audience reached). */
  | { code: 'upper_bound' }
  /** Part of the figure comes from rows flagged as inconsistent at import. */
  | { code: 'includes_inconsistent_source'; count: number };

export type MetricValue<T> = { kind: 'value'; value: T; notes?: MetricNote[] };
export type NotReported = { kind: 'not_reported'; reason: NotReportedReason };
export type UndefinedMetric = { kind: 'undefined'; reason: UndefinedReason; currencies?: string[] };

/** What a KPI function returns. */
export type MetricResult<T> = MetricValue<T> | NotReported | UndefinedMetric;

/**
 * An input count: a number the source reported, or `NotReported` when it did not report it.
 * @example const saves: Count = notReported(); // X reports no saves
 */
export type Count = number | NotReported;

/**
 * Wraps a computed value, attaching notes only when there are some.
 * @example metricValue(0.25) // { kind: 'value', value: 0.25 }
 */
export function metricValue<T>(value: T, notes: MetricNote[] = []): MetricValue<T> {
  return notes.length === 0 ? { kind: 'value', value } : { kind: 'value', value, notes };
}

/**
 * A figure that is not reported, with its reason (default: the network does not report it).
 * @example notReported() // { kind: 'not_reported', reason: 'network_does_not_report' }
 */
export function notReported(reason: NotReportedReason = 'network_does_not_report'): NotReported {
  return { kind: 'not_reported', reason };
}

/**
 * A figure with no value (division by zero and the like).
 * @example undefinedMetric('zero_denominator') // { kind: 'undefined', reason: 'zero_denominator' }
 */
export function undefinedMetric(reason: UndefinedReason): UndefinedMetric {
  return { kind: 'undefined', reason };
}

/** True when the count was reported (a number). */
export function isReported(count: Count): count is number {
  return typeof count === 'number';
}

/** Checks that a reported count is a finite, non-negative number; throws a RangeError naming the field. */
export function assertCount(count: Count, field: string): void {
  if (isReported(count) && (!Number.isFinite(count) || count < 0)) {
    throw new RangeError(`${field} must be a finite number ≥ 0 or notReported(); got ${String(count)}.`);
  }
}

/**
 * numerator / denominator as a Ratio; 0 / 0 and n / 0 are `undefined` (never NaN or Infinity).
 * @example divide(3, 4) // { kind: 'value', value: 0.75 }
 */
export function divide(numerator: number, denominator: number, notes: MetricNote[] = []): MetricResult<Ratio> {
  if (denominator === 0) return undefinedMetric('zero_denominator');
  return metricValue((numerator / denominator) as Ratio, notes);
}

/**
 * Σ numerators / Σ denominators over the items where both are reported (never the mean of the items' ratios).
 * Items lacking either figure are left out and counted in an `items_excluded_not_reported` note; no items
 * at all is 0 / 0, hence `undefined`.
 * @example ratioOfSums([{ numerator: 1, denominator: 10 }, { numerator: 3, denominator: 10 }]) // value 0.2
 */
export function ratioOfSums(items: readonly { numerator: Count; denominator: Count }[]): MetricResult<Ratio> {
  let numerator = 0;
  let denominator = 0;
  let included = 0;
  items.forEach((item, index) => {
    assertCount(item.numerator, `items[${index}].numerator`);
    assertCount(item.denominator, `items[${index}].denominator`);
    if (!isReported(item.numerator) || !isReported(item.denominator)) return;
    numerator += item.numerator;
    denominator += item.denominator;
    included += 1;
  });
  if (items.length > 0 && included === 0) return notReported('no_reported_items');
  const excluded = items.length - included;
  return divide(numerator, denominator, excluded > 0 ? [{ code: 'items_excluded_not_reported', count: excluded }] : []);
}

/**
 * Sum of the reported counts; `not_reported` when none was reported, with a note when some were missing;
 * an empty list sums to 0 (nothing happened in the period).
 * Only for additive figures (impressions, clicks, engagements); reach has its own rules.
 * @example sumCounts([3, notReported(), 4]) // { kind: 'value', value: 7, notes: [{ code: 'items_excluded_not_reported', count: 1 }] }
 */
export function sumCounts(counts: readonly Count[]): MetricResult<number> {
  let total = 0;
  let included = 0;
  counts.forEach((count, index) => {
    assertCount(count, `counts[${index}]`);
    if (!isReported(count)) return;
    total += count;
    included += 1;
  });
  if (counts.length > 0 && included === 0) return notReported('no_reported_items');
  const excluded = counts.length - included;
  return metricValue(total, excluded > 0 ? [{ code: 'items_excluded_not_reported', count: excluded }] : []);
}
