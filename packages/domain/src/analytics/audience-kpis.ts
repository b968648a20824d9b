/**
 * Audience KPIs of docs/metrics.md: impressions, reach (organic and paid), frequency, engagements,
 * engagement rates, click-through rate and follower growth. Inputs are counts a source reported for a
 * scope (a post, a channel, a period); a count the source does not give is `notReported()`.
 */
import {
  assertCount,
  divide,
  isReported,
  metricValue,
  notReported,
  ratioOfSums,
  sumCounts,
  type Count,
  type MetricNote,
  type MetricResult,
  type Ratio,
} from './metric-result.ts';

/**
 * Impressions: times the content was displayed, summed over posts, days or channels (additive).
 * Meta's "views" (2025 onwards) map onto impressions. Period: the period of the summed observations.
 * @example impressions([1200, 800]) // { kind: 'value', value: 2000 }
 */
export function impressions(counts: readonly Count[]): MetricResult<number> {
  return sumCounts(counts);
}

/**
 * Reach: unique accounts that saw the content in the scope. Never summed: one item is its own reach,
 * several items need the network's deduplicated figure for the same scope, else `reach_not_additive`.
 * @example reach({ items: [1500, 900] }) // { kind: 'not_reported', reason: 'reach_not_additive' }
 */
export function reach(input: { items: readonly Count[]; deduplicated?: Count }): MetricResult<number> {
  input.items.forEach((count, index) => assertCount(count, `items[${index}]`));
  if (input.deduplicated !== undefined) {
    assertCount(input.deduplicated, 'deduplicated');
    return isReported(input.deduplicated) ? metricValue(input.deduplicated) : notReported();
  }
  const [only] = input.items;
  if (input.items.length === 1 && only !== undefined) return isReported(only) ? metricValue(only) : notReported();
  return notReported('reach_not_additive');
}

/**
 * Upper bound of the reach of several items: the sum of their reach, labelled `upper_bound` (people who
 * saw two posts are counted twice). For a "at most N people" display only, never as a reach.
 * @example reachUpperBound([1500, 900]) // { kind: 'value', value: 2400, notes: [{ code: 'upper_bound' }] }
 */
export function reachUpperBound(items: readonly Count[]): MetricResult<number> {
  const sum = sumCounts(items);
  if (sum.kind !== 'value') return sum;
  return metricValue(sum.value, [...(sum.notes ?? []), { code: 'upper_bound' }]);
}

/**
 * Organic and paid reach of one scope, as the network splits them (Facebook: organic / paid unique
 * impressions). The two overlap (someone can see both), so they are not added into a total.
 * @example reachByDelivery({ organic: 3000, paid: notReported() }).paid // { kind: 'not_reported', ... }
 */
export function reachByDelivery(input: { organic: Count; paid: Count }): {
  organic: MetricResult<number>;
  paid: MetricResult<number>;
} {
  assertCount(input.organic, 'organic');
  assertCount(input.paid, 'paid');
  return {
    organic: isReported(input.organic) ? metricValue(input.organic) : notReported(),
    paid: isReported(input.paid) ? metricValue(input.paid) : notReported(),
  };
}

/**
 * Frequency: impressions / reach for one scope (average displays per account reached). A value below 1
 * means the source is inconsistent (fewer displays than people) and carries a note.
 * @example frequency({ impressions: 5091, reach: 2752 }) // value 1.8499...
 */
export function frequency(input: { impressions: Count; reach: Count }): MetricResult<Ratio> {
  assertCount(input.impressions, 'impressions');
  assertCount(input.reach, 'reach');
  if (!isReported(input.impressions) || !isReported(input.reach)) return notReported();
  const notes: MetricNote[] =
    input.impressions < input.reach ? [{ code: 'includes_inconsistent_source', count: 1 }] : [];
  return divide(input.impressions, input.reach, notes);
}

/** The interactions counted as engagements; link clicks only where the network counts them. */
export type EngagementComponent = 'reactions' | 'comments' | 'shares' | 'saves' | 'linkClicks';

export type EngagementCounts = {
  reactions: Count;
  comments: Count;
  /** Shares, reposts, retweets, boosts. */
  shares: Count;
  saves: Count;
  linkClicks?: Count;
};

/**
 * Engagements: reactions + comments + shares + saves (+ link clicks when `includeLinkClicks`, for the
 * networks that count them). Components the network does not report are left out and named in a
 * `components_not_reported` note; none reported at all is `not_reported`.
 * @example engagements({ reactions: 79, comments: 4, shares: 17, saves: notReported() }) // value 100, note saves
 */
export function engagements(
  counts: EngagementCounts,
  options: { includeLinkClicks?: boolean } = {},
): MetricResult<number> {
  const components: EngagementComponent[] = ['reactions', 'comments', 'shares', 'saves'];
  if (options.includeLinkClicks === true) components.push('linkClicks');
  let total = 0;
  const missing: string[] = [];
  for (const component of components) {
    const count = counts[component] ?? notReported();
    assertCount(count, component);
    if (isReported(count)) total += count;
    else missing.push(component);
  }
  if (missing.length === components.length) return notReported();
  return metricValue(total, missing.length > 0 ? [{ code: 'components_not_reported', components: missing }] : []);
}

/**
 * Engagement rate by reach (the default rate): engagements / reach of the same scope. For one post the
 * post's reach; for several posts, the network's deduplicated reach of all of them must be given
 * (`deduplicatedReach`), since reach is not additive; without it the rate is `reach_not_additive`
 * (show the rate by impressions instead).
 * @example engagementRateByReach({ items: [{ engagements: 100, reach: 2752 }] }) // value 0.03633...
 */
export function engagementRateByReach(input: {
  items: readonly { engagements: Count; reach: Count }[];
  deduplicatedReach?: Count;
}): MetricResult<Ratio> {
  const scopeReach = reach({ items: input.items.map((item) => item.reach), deduplicated: input.deduplicatedReach });
  if (scopeReach.kind !== 'value') return scopeReach;
  const total = sumCounts(input.items.map((item) => item.engagements));
  if (total.kind !== 'value') return total;
  return divide(total.value, scopeReach.value, total.notes ?? []);
}

/**
 * Engagement rate by impressions: Σ engagements / Σ impressions over the items where both are
 * reported (impressions are additive, so this works across posts, days and channels).
 * @example engagementRateByImpressions([{ engagements: 100, impressions: 5091 }, { engagements: 164, impressions: 19057 }]) // 264 / 24148
 */
export function engagementRateByImpressions(
  items: readonly { engagements: Count; impressions: Count }[],
): MetricResult<Ratio> {
  return ratioOfSums(items.map((item) => ({ numerator: item.engagements, denominator: item.impressions })));
}

/**
 * Click-through rate: Σ link clicks / Σ impressions over the items where both are reported.
 * @example clickThroughRate([{ linkClicks: 30, impressions: 1000 }]) // value 0.03
 */
export function clickThroughRate(items: readonly { linkClicks: Count; impressions: Count }[]): MetricResult<Ratio> {
  return ratioOfSums(items.map((item) => ({ numerator: item.linkClicks, denominator: item.impressions })));
}

/**
 * Follower growth over a period: followers at the end minus at the start, and that change as a rate
 * of the starting followers (`undefined` when the account started at 0).
 * @example followerGrowth({ atStart: 1000, atEnd: 1100 }) // { absolute: value 100, rate: value 0.1 }
 */
export function followerGrowth(input: { atStart: Count; atEnd: Count }): {
  absolute: MetricResult<number>;
  rate: MetricResult<Ratio>;
} {
  assertCount(input.atStart, 'atStart');
  assertCount(input.atEnd, 'atEnd');
  if (!isReported(input.atStart) || !isReported(input.atEnd)) return { absolute: notReported(), rate: notReported() };
  const change = input.atEnd - input.atStart;
  return { absolute: metricValue(change), rate: divide(change, input.atStart) };
}
