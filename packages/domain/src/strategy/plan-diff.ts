/**
 * The difference between two versions of a plan, as a list the UI can show: what was added, removed or
 * changed, where (a path), with the values before and after. Items of lists are matched by their identity
 * (network, KPI, category, id...) rather than by position, so removing a channel does not "change" all the
 * following ones.
 */
import type { Plan } from './plan.ts';

/** One step of a path: an object key, or a list item named by its identity (`{ key: 'network', value: 'tiktok' }`) or index. */
export type PlanPathSegment = string | { key: string; value: string } | { index: number };

export type PlanChange = {
  type: 'added' | 'removed' | 'changed';
  /** Readable path: `channels[tiktok].formats[video:tutorial_video].postsPerWeek`. */
  path: string;
  segments: PlanPathSegment[];
  before?: unknown;
  after?: unknown;
};

/**
 * Fields that name a list item, tried in order; a composite identity joins several with ':', and a key ending
 * in '?' is used when present (a tool is `tracked_links`, or `connect_channel:tiktok`).
 */
const identityKeys: readonly (readonly string[])[] = [
  ['id', 'network?'],
  ['network'],
  ['kpi'],
  ['category'],
  ['kind', 'label?'],
  ['step'],
  ['format', 'content'],
];

function identityOf(item: unknown, keys: readonly string[]): string | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  const record = item as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of keys) {
    const optional = key.endsWith('?');
    const value = record[optional ? key.slice(0, -1) : key];
    if (typeof value === 'string') parts.push(value);
    else if (!optional) return undefined;
  }
  return parts.join(':');
}

/** The identity keys that name every item of both lists uniquely, if any. */
function identityFor(before: unknown[], after: unknown[]): readonly string[] | undefined {
  return identityKeys.find((keys) =>
    [before, after].every((items) => {
      const identities = items.map((item) => identityOf(item, keys));
      return identities.every((identity) => identity !== undefined) && new Set(identities).size === identities.length;
    }),
  );
}

function render(segments: PlanPathSegment[]): string {
  return segments
    .map((segment, index) => {
      if (typeof segment === 'string') return index === 0 ? segment : `.${segment}`;
      return 'index' in segment ? `[${segment.index}]` : `[${segment.value}]`;
    })
    .join('');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameValue(a[key], b[key]));
  }
  return false;
}

function diffValues(before: unknown, after: unknown, segments: PlanPathSegment[], changes: PlanChange[]): void {
  if (sameValue(before, after)) return;
  const change = (type: PlanChange['type'], values: { before?: unknown; after?: unknown }): void => {
    changes.push({ type, path: render(segments), segments, ...values });
  };
  if (before === undefined) return change('added', { after });
  if (after === undefined) return change('removed', { before });
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys) diffValues(before[key], after[key], [...segments, key], changes);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) return diffLists(before, after, segments, changes);
  change('changed', { before, after });
}

function diffLists(before: unknown[], after: unknown[], segments: PlanPathSegment[], changes: PlanChange[]): void {
  const keys = identityFor(before, after);
  const primitive = [...before, ...after].every((item) => typeof item !== 'object' || item === null);
  if (!keys && !primitive) {
    // No identity: compare position by position.
    const length = Math.max(before.length, after.length);
    for (let index = 0; index < length; index += 1)
      diffValues(before[index], after[index], [...segments, { index }], changes);
    return;
  }
  const name = (item: unknown) => (keys ? identityOf(item, keys)! : JSON.stringify(item));
  const keyName = keys ? keys.map((key) => key.replace('?', '')).join(':') : 'value';
  const segmentFor = (identity: string): PlanPathSegment => ({ key: keyName, value: identity });
  const beforeNames = before.map(name);
  const afterNames = after.map(name);
  before.forEach((item, index) => {
    const identity = beforeNames[index]!;
    const match = afterNames.indexOf(identity);
    if (match < 0)
      changes.push({
        type: 'removed',
        path: render([...segments, segmentFor(identity)]),
        segments: [...segments, segmentFor(identity)],
        before: item,
      });
    else if (keys) diffValues(item, after[match], [...segments, segmentFor(identity)], changes);
  });
  after.forEach((item, index) => {
    const identity = afterNames[index]!;
    if (!beforeNames.includes(identity))
      changes.push({
        type: 'added',
        path: render([...segments, segmentFor(identity)]),
        segments: [...segments, segmentFor(identity)],
        after: item,
      });
  });
  // Order carries meaning (KPI priority, channel ranking): report a reordering of the items both versions share.
  const shared = (names: string[], other: string[]) => names.filter((identity) => other.includes(identity));
  const beforeOrder = shared(beforeNames, afterNames);
  const afterOrder = shared(afterNames, beforeNames);
  if (!sameValue(beforeOrder, afterOrder))
    changes.push({
      type: 'changed',
      path: `${render(segments)}(order)`,
      segments: [...segments, '(order)'],
      before: beforeOrder,
      after: afterOrder,
    });
}

/**
 * What changed from plan `a` to plan `b`, in document order; empty when they are equal.
 * @example diffPlans(plan, withAdvertisingPercent(plan, 30)) // [{ type: 'changed', path: 'answers.advertisingPercent' ... }, { type: 'changed', path: 'budget.lines[production_and_community].percent', before: 60, after: 70 }, ...]
 */
export function diffPlans(a: Plan, b: Plan): PlanChange[] {
  const changes: PlanChange[] = [];
  diffValues(a, b, [], changes);
  return changes;
}

/** A saved version of a plan: its number, when and by whom it was saved, and what changed from the previous one. */
export type PlanVersion = { version: number; savedAt: string; savedBy?: string; plan: Plan; changes: PlanChange[] };

/**
 * The next version of a plan; `now` is an ISO-8601 UTC instant supplied by the caller.
 * @example nextPlanVersion(undefined, plan, { now: '2026-11-28T16:00:00.000Z' }).version // 1
 */
export function nextPlanVersion(
  previous: PlanVersion | undefined,
  plan: Plan,
  options: { now: string; savedBy?: string },
): PlanVersion {
  return {
    version: previous ? previous.version + 1 : 1,
    savedAt: options.now,
    ...(options.savedBy ? { savedBy: options.savedBy } : {}),
    plan: JSON.parse(JSON.stringify(plan)) as Plan,
    changes: previous ? diffPlans(previous.plan, plan) : [],
  };
}
