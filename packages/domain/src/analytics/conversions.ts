/**
 * Conversion events as Sillage records them (snippet, server endpoint, CSV import), and their
 * deduplication by event id: the same event id counts once, the first one received wins, and a
 * duplicate whose payload differs is reported as a conflict.
 */
import { assertMoney, type Money } from './money.ts';

export const conversionTypes = ['signup', 'lead', 'qualified_lead', 'purchase'] as const;
export type ConversionType = (typeof conversionTypes)[number];

export type ConversionEvent = {
  /** Idempotency key chosen by the sender (order id, lead id, a UUID from the snippet). */
  eventId: string;
  type: ConversionType;
  /** Required for purchases; optional for the others (a lead's estimated value). */
  value?: Money;
  at: Date;
  /** The visitor id the tracked links set (first-party cookie or CRM id). */
  visitorId: string;
};

/** Two events with one id and different payloads: the first was kept, the later one ignored. */
export type ConversionConflict = {
  eventId: string;
  /** Positions in the input list. */
  keptIndex: number;
  ignoredIndex: number;
  /** The fields that differ. */
  fields: ('type' | 'value' | 'at' | 'visitorId')[];
};

export type DeduplicatedConversions = {
  conversions: ConversionEvent[];
  /** How many input events were dropped as repeats of an earlier event id. */
  duplicates: number;
  conflicts: ConversionConflict[];
};

/** Checks one event; throws a RangeError naming the position and the field. */
export function assertConversionEvent(event: ConversionEvent, position: string): void {
  if (event.eventId.trim() === '') throw new RangeError(`${position}.eventId is empty: give each event a unique id.`);
  if (!(conversionTypes as readonly string[]).includes(event.type)) {
    throw new RangeError(`${position}.type "${event.type}" is not one of ${conversionTypes.join(', ')}.`);
  }
  if (Number.isNaN(event.at.getTime())) throw new RangeError(`${position}.at is not a valid date.`);
  if (event.visitorId.trim() === '') throw new RangeError(`${position}.visitorId is empty.`);
  if (event.value !== undefined) assertMoney(event.value, `${position}.value`);
  if (event.type === 'purchase' && event.value === undefined) {
    throw new RangeError(`${position} is a purchase without a value: send value { amountMinor, currency }.`);
  }
}

function differingFields(a: ConversionEvent, b: ConversionEvent): ConversionConflict['fields'] {
  const fields: ConversionConflict['fields'] = [];
  if (a.type !== b.type) fields.push('type');
  if (a.value?.amountMinor !== b.value?.amountMinor || a.value?.currency !== b.value?.currency) fields.push('value');
  if (a.at.getTime() !== b.at.getTime()) fields.push('at');
  if (a.visitorId !== b.visitorId) fields.push('visitorId');
  return fields;
}

/**
 * Keeps the first event of each event id, in input (arrival) order.
 * @example deduplicateConversions([a, a]).conversions.length // 1
 */
export function deduplicateConversions(events: readonly ConversionEvent[]): DeduplicatedConversions {
  const firstIndex = new Map<string, number>();
  const conversions: ConversionEvent[] = [];
  const conflicts: ConversionConflict[] = [];
  let duplicates = 0;
  events.forEach((event, index) => {
    assertConversionEvent(event, `conversions[${index}]`);
    const keptIndex = firstIndex.get(event.eventId);
    if (keptIndex === undefined) {
      firstIndex.set(event.eventId, index);
      conversions.push(event);
      return;
    }
    duplicates += 1;
    const fields = differingFields(events[keptIndex]!, event);
    if (fields.length > 0) conflicts.push({ eventId: event.eventId, keptIndex, ignoredIndex: index, fields });
  });
  return { conversions, duplicates, conflicts };
}
