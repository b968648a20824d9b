/**
 * Multi-touch attribution of conversions to the tracked-link clicks that preceded them: last click,
 * first click, linear, position-based (40/20/40) and time decay, within a look-back window. Each
 * conversion hands out exactly 1 conversion and its exact value (integer minor units) as credit to
 * channels, campaigns and posts; conversions with no click in the window are reported as unattributed.
 */
import {
  deduplicateConversions,
  type ConversionConflict,
  type ConversionEvent,
  type ConversionType,
} from './conversions.ts';
import { type Money } from './money.ts';

/** A click on a tracked link. */
export type Touchpoint = {
  visitorId: string;
  channel: string;
  campaignId?: string;
  postId?: string;
  at: Date;
};

export type AttributionModel = 'last_click' | 'first_click' | 'linear' | 'position_based' | 'time_decay';

export type AttributionOptions = {
  model: AttributionModel;
  /** Clicks older than this before the conversion get no credit (e.g. 30 days). */
  lookBackDays: number;
  /** time_decay only: a click this many days older than another gets half its credit (default 7). */
  halfLifeDays?: number;
  /** Only these conversion types are attributed (default: all). */
  types?: readonly ConversionType[];
};

/** Credit given to one channel, campaign or post. */
export type Credit = {
  /** Channel, campaign id or post id; `null` gathers the clicks that had no campaign (or no post). */
  key: string | null;
  /** Fractional conversions (0.4 + 0.2 + 0.4 = 1 per conversion). */
  conversions: number;
  conversionsByType: Partial<Record<ConversionType, number>>;
  /** Credited value per currency, in integer minor units (largest-remainder split, so totals are exact). */
  values: Money[];
};

export type AttributionResult = {
  model: AttributionModel;
  byChannel: Credit[];
  byCampaign: Credit[];
  byPost: Credit[];
  /** Conversions with no click from their visitor in the look-back window. */
  unattributed: { conversions: number; values: Money[] };
  /** Input events dropped as repeats of an earlier event id, and those whose payload differed. */
  duplicates: number;
  conflicts: ConversionConflict[];
};

const dayMs = 86_400_000;

/**
 * Share of the credit of each click, oldest first (the shares add up to 1).
 * @example modelWeights('position_based', 4, []) // [0.4, 0.1, 0.1, 0.4]
 */
export function modelWeights(
  model: AttributionModel,
  count: number,
  ageDays: readonly number[],
  halfLifeDays = 7,
): number[] {
  if (count === 0) return [];
  const last = count - 1;
  switch (model) {
    case 'last_click':
      return Array.from({ length: count }, (_, index) => (index === last ? 1 : 0));
    case 'first_click':
      return Array.from({ length: count }, (_, index) => (index === 0 ? 1 : 0));
    case 'linear':
      return Array.from({ length: count }, () => 1 / count);
    case 'position_based':
      if (count === 1) return [1];
      if (count === 2) return [0.5, 0.5];
      return Array.from({ length: count }, (_, index) => (index === 0 || index === last ? 0.4 : 0.2 / (count - 2)));
    case 'time_decay': {
      const raw = ageDays.map((age) => 2 ** (-age / halfLifeDays));
      const sum = raw.reduce((total, weight) => total + weight, 0);
      return raw.map((weight) => weight / sum);
    }
  }
}

/** Splits an integer amount by weights into integers that add up to it (largest remainder, ties to the earlier). */
export function splitMinorUnits(amountMinor: number, weights: readonly number[]): number[] {
  const exact = weights.map((weight) => amountMinor * weight);
  const floors = exact.map((value) => Math.floor(value));
  let remainder = amountMinor - floors.reduce((total, value) => total + value, 0);
  const order = exact.map((value, index) => ({ index, fraction: value - Math.floor(value) }));
  order.sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (const { index } of order) {
    if (remainder <= 0) break;
    floors[index] = (floors[index] ?? 0) + 1;
    remainder -= 1;
  }
  return floors;
}

type Accumulator = Map<
  string | null,
  { conversions: number; byType: Map<ConversionType, number>; values: Map<string, number> }
>;

function credit(into: Accumulator, key: string | null, type: ConversionType, share: number, value?: Money): void {
  const entry = into.get(key) ?? { conversions: 0, byType: new Map(), values: new Map() };
  entry.conversions += share;
  entry.byType.set(type, (entry.byType.get(type) ?? 0) + share);
  if (value !== undefined)
    entry.values.set(value.currency, (entry.values.get(value.currency) ?? 0) + value.amountMinor);
  into.set(key, entry);
}

function toMoneyList(values: Map<string, number>): Money[] {
  return [...values.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amountMinor]) => ({ amountMinor, currency }));
}

function toCredits(accumulator: Accumulator): Credit[] {
  return [...accumulator.entries()]
    .map(([key, entry]) => ({
      key,
      conversions: entry.conversions,
      conversionsByType: Object.fromEntries(entry.byType),
      values: toMoneyList(entry.values),
    }))
    .sort((a, b) => b.conversions - a.conversions || String(a.key).localeCompare(String(b.key)));
}

/**
 * Attributes conversions to clicks. Events are first deduplicated by event id (first wins); a click
 * counts when it is from the same visitor, not after the conversion, and at most `lookBackDays` before.
 * @example attribute(clicks, conversions, { model: 'linear', lookBackDays: 30 }).byChannel
 */
export function attribute(
  touchpoints: readonly Touchpoint[],
  events: readonly ConversionEvent[],
  options: AttributionOptions,
): AttributionResult {
  if (!(options.lookBackDays > 0)) throw new RangeError(`lookBackDays must be > 0; got ${options.lookBackDays}.`);
  const halfLifeDays = options.halfLifeDays ?? 7;
  if (!(halfLifeDays > 0)) throw new RangeError(`halfLifeDays must be > 0; got ${halfLifeDays}.`);
  touchpoints.forEach((touch, index) => {
    if (Number.isNaN(touch.at.getTime())) throw new RangeError(`touchpoints[${index}].at is not a valid date.`);
  });
  const { conversions, duplicates, conflicts } = deduplicateConversions(events);
  const clicksByVisitor = new Map<string, Touchpoint[]>();
  for (const touch of touchpoints) {
    const clicks = clicksByVisitor.get(touch.visitorId);
    if (clicks === undefined) clicksByVisitor.set(touch.visitorId, [touch]);
    else clicks.push(touch);
  }

  const byChannel: Accumulator = new Map();
  const byCampaign: Accumulator = new Map();
  const byPost: Accumulator = new Map();
  let unattributedCount = 0;
  const unattributedValues = new Map<string, number>();
  for (const conversion of conversions) {
    if (options.types !== undefined && !options.types.includes(conversion.type)) continue;
    const end = conversion.at.getTime();
    const start = end - options.lookBackDays * dayMs;
    const eligible = (clicksByVisitor.get(conversion.visitorId) ?? [])
      .filter((touch) => touch.at.getTime() <= end && touch.at.getTime() >= start)
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    if (eligible.length === 0) {
      unattributedCount += 1;
      if (conversion.value !== undefined) {
        const { currency, amountMinor } = conversion.value;
        unattributedValues.set(currency, (unattributedValues.get(currency) ?? 0) + amountMinor);
      }
      continue;
    }
    const ages = eligible.map((touch) => (end - touch.at.getTime()) / dayMs);
    const weights = modelWeights(options.model, eligible.length, ages, halfLifeDays);
    const valueShares =
      conversion.value === undefined ? undefined : splitMinorUnits(conversion.value.amountMinor, weights);
    eligible.forEach((touch, index) => {
      const share = weights[index] ?? 0;
      const amount = valueShares?.[index];
      if (share === 0 && !amount) return;
      const value =
        conversion.value === undefined || amount === undefined
          ? undefined
          : { ...conversion.value, amountMinor: amount };
      credit(byChannel, touch.channel, conversion.type, share, value);
      credit(byCampaign, touch.campaignId ?? null, conversion.type, share, value);
      credit(byPost, touch.postId ?? null, conversion.type, share, value);
    });
  }
  return {
    model: options.model,
    byChannel: toCredits(byChannel),
    byCampaign: toCredits(byCampaign),
    byPost: toCredits(byPost),
    unattributed: { conversions: unattributedCount, values: toMoneyList(unattributedValues) },
    duplicates,
    conflicts,
  };
}
