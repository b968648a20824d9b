import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  conversionRate,
  costPerAcquisition,
  costPerClick,
  costPerLead,
  costPerMille,
  leadQualificationRate,
  returnOnAdSpend,
  returnOnInvestment,
} from './conversion-kpis.ts';
import { cltvByChannel } from './customer-lifetime-value.ts';
import { notReported } from './metric-result.ts';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

test('computes the conversion rate from summed conversions and clicks', () => {
  // (3 + 1) / (100 + 100) = 0.02 (the 2-4% launch target's lower end).
  assert.deepEqual(
    conversionRate([
      { conversions: 3, linkClicks: 100 },
      { conversions: 1, linkClicks: 100 },
    ]),
    { kind: 'value', value: 0.02 },
  );
});

test('computes CPC, CPM, CPA and CPL in minor units, rounded to the nearest unit', () => {
  // 50.00 EUR / 200 clicks = 25 cents.
  assert.deepEqual(costPerClick({ spend: [eur(5000)], linkClicks: [150, 50] }), { kind: 'value', value: eur(25) });
  // 50.00 EUR / 20000 impressions x 1000 = 2.50 EUR.
  assert.deepEqual(costPerMille({ spend: [eur(5000)], impressions: [20_000] }), { kind: 'value', value: eur(250) });
  // 10.00 EUR / 3 purchases = 333.33 cents -> 333.
  assert.deepEqual(costPerAcquisition({ spend: [eur(1000)], acquisitions: [3] }), { kind: 'value', value: eur(333) });
  // 300.00 EUR / 12 leads = 25.00 EUR.
  assert.deepEqual(costPerLead({ spend: [eur(20_000), eur(10_000)], leads: [12] }), {
    kind: 'value',
    value: eur(2500),
  });
});

test('gives no cost per lead when there is no lead or no figure, and never mixes currencies', () => {
  assert.deepEqual(costPerLead({ spend: [eur(1000)], leads: [0] }), { kind: 'undefined', reason: 'zero_denominator' });
  assert.deepEqual(costPerLead({ spend: [eur(1000)], leads: [notReported()] }).kind, 'not_reported');
  assert.deepEqual(costPerLead({ spend: [], leads: [3], currency: 'EUR' }), { kind: 'value', value: eur(0) });
  assert.throws(() => costPerLead({ spend: [], leads: [3] }), /No amounts and no currency/);
  assert.deepEqual(costPerLead({ spend: [eur(1000), usd(1000)], leads: [4] }), {
    kind: 'undefined',
    reason: 'missing_exchange_rate',
    currencies: ['EUR', 'USD'],
  });
  // With a rate: 10.00 EUR + 10.00 USD x 0.9 = 19.00 EUR over 4 leads = 4.75 EUR.
  assert.deepEqual(
    costPerLead({ spend: [eur(1000), usd(1000)], leads: [4] }, { exchange: { target: 'EUR', rates: { USD: 0.9 } } }),
    { kind: 'value', value: eur(475) },
  );
});

test('computes the lead qualification rate and refuses more qualified leads than leads', () => {
  assert.deepEqual(leadQualificationRate({ qualifiedLeads: 3, leads: 12 }), { kind: 'value', value: 0.25 });
  assert.deepEqual(leadQualificationRate({ qualifiedLeads: 0, leads: 0 }).kind, 'undefined');
  assert.throws(() => leadQualificationRate({ qualifiedLeads: 5, leads: 4 }), /cannot exceed leads/);
});

test('computes ROAS on ad spend and ROI on the total cost', () => {
  // 500.00 / 200.00 = 2.5.
  assert.deepEqual(returnOnAdSpend({ attributedRevenue: [eur(50_000)], adSpend: [eur(20_000)] }), {
    kind: 'value',
    value: 2.5,
  });
  // Cost 200 + 150 + 50 = 400; (600 - 400) / 400 = 0.5. With ads only it would have been 2.
  assert.deepEqual(
    returnOnInvestment({
      attributedRevenue: [eur(60_000)],
      adSpend: [eur(20_000)],
      productionCosts: [eur(15_000)],
      toolCosts: [eur(5_000)],
    }),
    { kind: 'value', value: 0.5 },
  );
  assert.deepEqual(returnOnAdSpend({ attributedRevenue: [eur(100)], adSpend: [] }), {
    kind: 'undefined',
    reason: 'zero_denominator',
  });
  assert.deepEqual(returnOnAdSpend({ attributedRevenue: [usd(100)], adSpend: [eur(100)] }).kind, 'undefined');
});

test('computes CLTV per acquisition channel', () => {
  const result = cltvByChannel({
    customers: [
      { customerId: 'c1', acquisitionChannel: 'instagram' },
      { customerId: 'c2', acquisitionChannel: 'instagram' },
      { customerId: 'c3', acquisitionChannel: 'linkedin' },
    ],
    purchases: [
      { customerId: 'c1', value: eur(4000) },
      { customerId: 'c1', value: eur(6000) },
      { customerId: 'c2', value: eur(2000) },
    ],
    observedPeriods: 6,
    expectedLifetimePeriods: 24,
    grossMargin: 0.5,
    currency: 'EUR',
  });
  // instagram: 3 purchases, 120.00 EUR: AOV 4000 cents; 3 / (2 customers x 6 months) = 0.25 purchase a
  // month; CLTV = 4000 x 0.25 x 24 x 0.5 = 12000 cents. linkedin: no purchase, AOV undefined, CLTV 0.
  assert.deepEqual(result, [
    {
      channel: 'instagram',
      customers: 2,
      purchases: 3,
      averageOrderValue: { kind: 'value', value: eur(4000) },
      purchasesPerCustomerPerPeriod: { kind: 'value', value: 0.25 },
      cltv: { kind: 'value', value: eur(12_000) },
    },
    {
      channel: 'linkedin',
      customers: 1,
      purchases: 0,
      averageOrderValue: { kind: 'undefined', reason: 'zero_denominator' },
      purchasesPerCustomerPerPeriod: { kind: 'value', value: 0 },
      cltv: { kind: 'value', value: eur(0) },
    },
  ]);
  assert.throws(
    () =>
      cltvByChannel({
        customers: [],
        purchases: [{ customerId: 'x', value: eur(1) }],
        observedPeriods: 1,
        expectedLifetimePeriods: 1,
        currency: 'EUR',
      }),
    /purchases\[0\] is by customer "x", who is not in customers/,
  );
});
