import { propTest } from './proportion-tests.ts';
import { normalQuantile } from './special-functions.ts';
import { sampleSizeTwoProportions } from './two-proportions.ts';

export type VariantCounts = { impressions: number; conversions: number };

export type AbDecisionCode =
  | 'experiments.significant_b_better'
  | 'experiments.significant_a_better'
  | 'experiments.not_significant'
  | 'experiments.sample_not_reached';

export type AbDecision = {
  /** Message code for the UI (translated there), with `params` to fill it. */
  code: AbDecisionCode;
  params: {
    pValue: number;
    /** Relative lift of B over A (0.2 = +20%), null when A has no conversion. */
    lift: number | null;
    liftLow: number;
    liftHigh: number;
    /** Impressions each variant still needs (0 when reached); null when the rates are equal (nothing to detect). */
    remainingPerVariant: number | null;
  };
};

/**
 * Compares variant B with variant A on a rate (clicks or engagements per impression): two-proportion test
 * with continuity correction at `alpha`, relative lift B/A - 1 with a log-ratio (Katz) interval, and the
 * impressions per variant still needed to detect the observed lift with 80% power. Refuses to conclude before
 * the declared minimum sample (no peeking).
 * @example decideAbTest({ impressions: 5000, conversions: 100 }, { impressions: 5000, conversions: 150 }, { minimumSample: 4000 }).code
 */
export function decideAbTest(
  a: VariantCounts,
  b: VariantCounts,
  options: { alpha?: number; minimumSample?: number; power?: number } = {},
): AbDecision {
  for (const [name, variant] of [
    ['A', a],
    ['B', b],
  ] as const)
    if (!(variant.impressions > 0) || variant.conversions < 0 || variant.conversions > variant.impressions)
      throw new RangeError(`variant ${name}: need 0 <= conversions <= impressions, impressions > 0`);
  const alpha = options.alpha ?? 0.05;
  const rateA = a.conversions / a.impressions;
  const rateB = b.conversions / b.impressions;
  const { pValue } = propTest([b.conversions, a.conversions], [b.impressions, a.impressions]);
  // Katz interval on log(rateB / rateA), with half a count added when a count is zero.
  const cA = a.conversions || 0.5;
  const cB = b.conversions || 0.5;
  const logRatio = Math.log(cB / b.impressions / (cA / a.impressions));
  const se = Math.sqrt(1 / cA - 1 / a.impressions + 1 / cB - 1 / b.impressions);
  const z = normalQuantile(1 - alpha / 2);
  const needed = sampleSizeTwoProportions(rateA, rateB, { alpha, power: options.power ?? 0.8 });
  const smallest = Math.min(a.impressions, b.impressions);
  const remainingPerVariant = Number.isFinite(needed)
    ? Math.max(0, Math.ceil(Math.max(options.minimumSample ?? 0, needed) - smallest))
    : null;
  const params = {
    pValue,
    lift: rateA > 0 ? rateB / rateA - 1 : null,
    liftLow: Math.exp(logRatio - z * se) - 1,
    liftHigh: Math.exp(logRatio + z * se) - 1,
    remainingPerVariant,
  };
  if (smallest < (options.minimumSample ?? 0)) return { code: 'experiments.sample_not_reached', params };
  if (pValue >= alpha) return { code: 'experiments.not_significant', params };
  return { code: rateB > rateA ? 'experiments.significant_b_better' : 'experiments.significant_a_better', params };
}
