/**
 * One problem found by a strategy or plan validator: the path of the field, a reason code the UI translates,
 * and the parameters the message needs. Validators collect every problem instead of stopping at the first.
 */
export type StrategyFieldError = {
  /** A path into the validated value: `objectives[1].kpis[0].target.min`, `editorialLine.bannedTerms[2].term`. */
  field: string;
  reason: StrategyErrorReason;
  params?: Readonly<Record<string, string | number>>;
};

export type StrategyErrorReason =
  /** The field is missing or empty. */
  | 'required'
  /** Wrong type: `params.expected` says which (string, integer, array, object...). */
  | 'invalid_type'
  /** Not one of `params.allowed` (a comma-separated list). */
  | 'not_allowed'
  /** A number outside [`params.min`, `params.max`]. */
  | 'out_of_range'
  /** The same id, term or value appears twice; `params.value` names it. */
  | 'duplicate'
  /** A reference to an id that does not exist (`params.value`). */
  | 'unknown_reference'
  /** A range whose minimum is above its maximum, or a period that ends before it starts. */
  | 'inverted_range'
  /** A date that is not a calendar date written YYYY-MM-DD. */
  | 'invalid_date'
  /** Percentages that must add up to 100 do not (`params.total`). */
  | 'not_summing_to_100';

/** Collects errors under a path prefix; the validators' only mutable state. */
export type ErrorSink = (field: string, reason: StrategyErrorReason, params?: Record<string, string | number>) => void;

/** A sink writing into `errors`. */
export function errorSink(errors: StrategyFieldError[]): ErrorSink {
  return (field, reason, params) => errors.push(params ? { field, reason, params } : { field, reason });
}

/** Whether a value is a non-empty string once trimmed. */
export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** Whether a value is a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a string is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
