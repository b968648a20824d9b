/**
 * Conversion and money KPIs of docs/metrics.md: conversion rate, CPC, CPM, CPA, CPL, lead
 * qualification rate, ROAS, ROI. Amounts are `Money` (integer minor units + ISO currency); several
 * currencies need `exchange` rates, else the figure is `undefined` ('missing_exchange_rate').
 */
import {
  assertCount,
  divide,
  isReported,
  metricValue,
  notReported,
  ratioOfSums,
  sumCounts,
  undefinedMetric,
  type Count,
  type MetricResult,
  type Ratio,
} from './metric-result.ts';
import { sumMoney, type ExchangeRates, type Money } from './money.ts';

/**
 * How amounts in several currencies are brought to one. The cost functions also take `currency`, needed
 * only when `spend` is empty (the cost is then 0 in it).
 */
export type MoneyOptions = { exchange?: ExchangeRates };

/**
 * Conversion rate: Σ conversions / Σ link clicks (or tracked-link sessions) over the items where both
 * are reported. Which conversion counts (signup, lead, purchase) is the objective's choice.
 * @example conversionRate([{ conversions: 3, linkClicks: 100 }]) // value 0.03
 */
export function conversionRate(items: readonly { conversions: Count; linkClicks: Count }[]): MetricResult<Ratio> {
  return ratioOfSums(items.map((item) => ({ numerator: item.conversions, denominator: item.linkClicks })));
}

/**
 * Σ spend / Σ count, rounded to the nearest minor unit, times `per` (1000 for CPM). The basis of CPC,
 * CPM, CPA and CPL: `undefined` when the count is 0, `not_reported` when no count was reported.
 * @example costPer({ spend: [{ amountMinor: 1000, currency: 'EUR' }], counts: [3] }) // value { amountMinor: 333, currency: 'EUR' }
 */
export function costPer(
  input: { spend: readonly Money[]; counts: readonly Count[]; per?: number; currency?: string },
  options: MoneyOptions = {},
): MetricResult<Money> {
  const spend = sumMoney(input.spend, { currency: input.currency, exchange: options.exchange });
  if (spend.kind !== 'value') return spend;
  const count = sumCounts(input.counts);
  if (count.kind !== 'value') return count;
  if (count.value === 0) return undefinedMetric('zero_denominator');
  const amountMinor = Math.round((spend.value.amountMinor * (input.per ?? 1)) / count.value);
  return metricValue({ amountMinor, currency: spend.value.currency }, count.notes ?? []);
}

/**
 * CPC: spend / link clicks.
 * @example costPerClick({ spend: [{ amountMinor: 5000, currency: 'EUR' }], linkClicks: [200] }) // 25 cents
 */
export function costPerClick(
  input: { spend: readonly Money[]; linkClicks: readonly Count[]; currency?: string },
  options: MoneyOptions = {},
): MetricResult<Money> {
  return costPer({ spend: input.spend, counts: input.linkClicks, currency: input.currency }, options);
}

/**
 * CPM: spend / impressions × 1000.
 * @example costPerMille({ spend: [{ amountMinor: 5000, currency: 'EUR' }], impressions: [20000] }) // 250 cents
 */
export function costPerMille(
  input: { spend: readonly Money[]; impressions: readonly Count[]; currency?: string },
  options: MoneyOptions = {},
): MetricResult<Money> {
  return costPer({ spend: input.spend, counts: input.impressions, per: 1000, currency: input.currency }, options);
}

/**
 * CPA: spend / acquisitions (purchases, or the conversion the objective chose).
 * @example costPerAcquisition({ spend: [{ amountMinor: 10000, currency: 'EUR' }], acquisitions: [4] }) // 2500 cents
 */
export function costPerAcquisition(
  input: { spend: readonly Money[]; acquisitions: readonly Count[]; currency?: string },
  options: MoneyOptions = {},
): MetricResult<Money> {
  return costPer({ spend: input.spend, counts: input.acquisitions, currency: input.currency }, options);
}

/**
 * CPL: spend / leads.
 * @example costPerLead({ spend: [{ amountMinor: 30000, currency: 'EUR' }], leads: [12] }) // 2500 cents
 */
export function costPerLead(
  input: { spend: readonly Money[]; leads: readonly Count[]; currency?: string },
  options: MoneyOptions = {},
): MetricResult<Money> {
  return costPer({ spend: input.spend, counts: input.leads, currency: input.currency }, options);
}

/**
 * Lead qualification rate: qualified leads / leads (same period, same source).
 * @example leadQualificationRate({ qualifiedLeads: 3, leads: 12 }) // value 0.25
 */
export function leadQualificationRate(input: { qualifiedLeads: Count; leads: Count }): MetricResult<Ratio> {
  assertCount(input.qualifiedLeads, 'qualifiedLeads');
  assertCount(input.leads, 'leads');
  if (!isReported(input.qualifiedLeads) || !isReported(input.leads)) return notReported();
  if (input.qualifiedLeads > input.leads) {
    throw new RangeError(
      `qualifiedLeads (${input.qualifiedLeads}) cannot exceed leads (${input.leads}): a qualified lead is a lead.`,
    );
  }
  return divide(input.qualifiedLeads, input.leads);
}

/** Brings revenue and costs to one currency: the exchange target, else the single currency used. */
function totals(
  groups: Record<string, readonly Money[]>,
  options: MoneyOptions,
): { ok: true; totals: Record<string, number>; currency: string } | { ok: false; result: MetricResult<never> } {
  const all = Object.values(groups).flat();
  const currency = options.exchange?.target ?? all[0]?.currency;
  if (currency === undefined) return { ok: false, result: undefinedMetric('zero_denominator') };
  const result: Record<string, number> = {};
  for (const [name, amounts] of Object.entries(groups)) {
    const sum = sumMoney(amounts, { currency, exchange: options.exchange });
    if (sum.kind !== 'value') return { ok: false, result: sum };
    result[name] = sum.value.amountMinor;
  }
  return { ok: true, totals: result, currency };
}

/**
 * ROAS: attributed revenue / ad spend (2.5 = 2.50 of revenue per 1.00 spent).
 * @example returnOnAdSpend({ attributedRevenue: [{ amountMinor: 50000, currency: 'EUR' }], adSpend: [{ amountMinor: 20000, currency: 'EUR' }] }) // value 2.5
 */
export function returnOnAdSpend(
  input: { attributedRevenue: readonly Money[]; adSpend: readonly Money[] },
  options: MoneyOptions = {},
): MetricResult<Ratio> {
  const summed = totals({ revenue: input.attributedRevenue, spend: input.adSpend }, options);
  if (!summed.ok) return summed.result;
  return divide(summed.totals.revenue ?? 0, summed.totals.spend ?? 0);
}

/**
 * ROI: (attributed revenue − total cost) / total cost, total cost = ad spend + production + tools (not
 * only ads). 0.5 = 50% return; −1 = everything lost.
 * @example returnOnInvestment({ attributedRevenue: [eur(60000)], adSpend: [eur(20000)], productionCosts: [eur(15000)], toolCosts: [eur(5000)] }) // value 0.5
 */
export function returnOnInvestment(
  input: {
    attributedRevenue: readonly Money[];
    adSpend: readonly Money[];
    productionCosts: readonly Money[];
    toolCosts: readonly Money[];
  },
  options: MoneyOptions = {},
): MetricResult<Ratio> {
  const summed = totals(
    {
      revenue: input.attributedRevenue,
      ads: input.adSpend,
      production: input.productionCosts,
      tools: input.toolCosts,
    },
    options,
  );
  if (!summed.ok) return summed.result;
  const { revenue = 0, ads = 0, production = 0, tools = 0 } = summed.totals;
  const cost = ads + production + tools;
  return divide(revenue - cost, cost);
}
