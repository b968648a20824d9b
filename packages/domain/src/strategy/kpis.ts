/**
 * The KPIs a strategy may set targets on: the ids of the KPI dictionary (docs/metrics.md), one per row, with
 * the unit a target on it is expressed in.
 */

/**
 * KPI ids, in the order of the dictionary.
 * @example kpiIds.includes('conversion_rate') // true
 */
export const kpiIds = [
  'impressions',
  'reach',
  'organic_reach',
  'paid_reach',
  'frequency',
  'engagements',
  'engagement_rate',
  'engagement_rate_by_impressions',
  'click_through_rate',
  'conversion_rate',
  'cpc',
  'cpm',
  'cpa',
  'cpl',
  'lead_qualification_rate',
  'roas',
  'roi',
  'cltv',
  'share_of_voice',
  'net_sentiment',
  'response_rate',
  'first_response_time',
  'follower_growth',
] as const;

export type KpiId = (typeof kpiIds)[number];

/**
 * The unit of a KPI target: `ratio` is a fraction (0.03 = 3%), `money` is integer minor units of the plan's
 * currency, `minutes` a duration, `count` a number of things, `multiple` a factor such as ROAS (2 = 2x).
 */
export type KpiUnit = 'count' | 'ratio' | 'money' | 'minutes' | 'multiple';

/** Whether a higher value is better (reach) or a lower one (CPA, first response time). */
export type KpiDirection = 'higher_is_better' | 'lower_is_better';

export type KpiDefinition = { unit: KpiUnit; direction: KpiDirection; min?: number; max?: number };

/** Unit, direction and the range a target may take, per KPI. Ratios are bounded unless they may exceed 100%. */
export const kpiDefinitions: Readonly<Record<KpiId, KpiDefinition>> = {
  impressions: { unit: 'count', direction: 'higher_is_better', min: 0 },
  reach: { unit: 'count', direction: 'higher_is_better', min: 0 },
  organic_reach: { unit: 'count', direction: 'higher_is_better', min: 0 },
  paid_reach: { unit: 'count', direction: 'higher_is_better', min: 0 },
  frequency: { unit: 'multiple', direction: 'higher_is_better', min: 0 },
  engagements: { unit: 'count', direction: 'higher_is_better', min: 0 },
  engagement_rate: { unit: 'ratio', direction: 'higher_is_better', min: 0 },
  engagement_rate_by_impressions: { unit: 'ratio', direction: 'higher_is_better', min: 0 },
  click_through_rate: { unit: 'ratio', direction: 'higher_is_better', min: 0, max: 1 },
  conversion_rate: { unit: 'ratio', direction: 'higher_is_better', min: 0, max: 1 },
  cpc: { unit: 'money', direction: 'lower_is_better', min: 0 },
  cpm: { unit: 'money', direction: 'lower_is_better', min: 0 },
  cpa: { unit: 'money', direction: 'lower_is_better', min: 0 },
  cpl: { unit: 'money', direction: 'lower_is_better', min: 0 },
  lead_qualification_rate: { unit: 'ratio', direction: 'higher_is_better', min: 0, max: 1 },
  roas: { unit: 'multiple', direction: 'higher_is_better', min: 0 },
  roi: { unit: 'ratio', direction: 'higher_is_better', min: -1 },
  cltv: { unit: 'money', direction: 'higher_is_better', min: 0 },
  share_of_voice: { unit: 'ratio', direction: 'higher_is_better', min: 0, max: 1 },
  net_sentiment: { unit: 'ratio', direction: 'higher_is_better', min: -1, max: 1 },
  response_rate: { unit: 'ratio', direction: 'higher_is_better', min: 0, max: 1 },
  first_response_time: { unit: 'minutes', direction: 'lower_is_better', min: 0 },
  follower_growth: { unit: 'count', direction: 'higher_is_better' },
};

/**
 * Whether a string names a KPI of the dictionary.
 * @example isKpiId('cpl') // true
 */
export function isKpiId(value: unknown): value is KpiId {
  return typeof value === 'string' && (kpiIds as readonly string[]).includes(value);
}
