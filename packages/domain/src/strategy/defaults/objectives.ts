/**
 * The KPIs that come first for each objective, in priority order, with default monthly targets. Figures come
 * only from the guide; elsewhere the target is "better than the first month" or a threshold the user sets.
 */
import type { KpiTarget } from '../kpi-target.ts';
import type { KpiId } from '../kpis.ts';
import type { BusinessType, PlannableObjective } from '../plan.ts';
import { fromGuide, sillageDefault, type Basis } from './basis.ts';

export type KpiDefault = { kpi: KpiId; target: KpiTarget; basis: Basis };

const improve = (reasoning: string): { target: KpiTarget; basis: Basis } => ({
  target: { kind: 'improve_on_baseline', change: 0.1 },
  basis: sillageDefault(
    `${reasoning} No public benchmark fits every sector and network, so the first month is the baseline and the default aim is 10% better; compare with a published sector benchmark (for example Rival IQ's yearly Social Media Industry Benchmark Report) before committing to a figure.`,
    'kpis_tools',
  ),
});

const awareness: readonly KpiDefault[] = [
  { kpi: 'reach', ...improve('The guide lists organic and paid reach first among the key indicators.') },
  { kpi: 'engagement_rate', ...improve('Engagement rate shows whether the reached audience cares.') },
  { kpi: 'follower_growth', ...improve('Growth of the owned audience that organic posts reach for free.') },
  { kpi: 'share_of_voice', ...improve('Visibility against the competitors tracked by social listening.') },
];

const ecommerceAcquisition: readonly KpiDefault[] = [
  {
    kpi: 'conversion_rate',
    target: { kind: 'between', min: 0.02, max: 0.04 },
    basis: fromGuide(
      'example_ecommerce_launch',
      'KPI visés : taux de conversion 2-4%, coût par achat sous le seuil défini',
    ),
  },
  {
    kpi: 'cpa',
    target: { kind: 'to_set', hint: 'ceiling_from_unit_economics' },
    basis: fromGuide(
      'example_ecommerce_launch',
      'coût par achat sous le seuil défini',
      'The ceiling follows from the margin per order, which only the brand knows.',
    ),
  },
  { kpi: 'click_through_rate', ...improve('Clicks are the step before the conversion.') },
  { kpi: 'roas', ...improve('Revenue attributed to the ads, per unit of ad spend.') },
];

const b2bAcquisition: readonly KpiDefault[] = [
  {
    kpi: 'cpl',
    target: { kind: 'to_set', hint: 'ceiling_from_unit_economics' },
    basis: fromGuide(
      'example_b2b_leads',
      'KPI : CPL (coût par lead) et taux de qualification des leads',
      'The ceiling follows from the value of a qualified lead, which only the brand knows.',
    ),
  },
  {
    kpi: 'lead_qualification_rate',
    ...improve('The guide names the lead qualification rate as the second B2B KPI.'),
  },
  { kpi: 'click_through_rate', ...improve('Clicks from decision makers towards the landing page.') },
  { kpi: 'conversion_rate', ...improve('Landing page visits that become leads.') },
];

const genericAcquisition: readonly KpiDefault[] = [
  { kpi: 'conversion_rate', ...improve('The guide ties social performance to business conversions.') },
  {
    kpi: 'cpa',
    target: { kind: 'to_set', hint: 'ceiling_from_unit_economics' },
    basis: fromGuide('measurement', 'Suivi des KPI (portée, engagement, taux de clic, taux de conversion, CPA, ROI)'),
  },
  { kpi: 'click_through_rate', ...improve('Clicks are the step before the conversion.') },
];

const customerService: readonly KpiDefault[] = [
  {
    kpi: 'response_rate',
    target: { kind: 'at_least', value: 0.9 },
    basis: sillageDefault(
      'A Sillage default, not a benchmark: answering nine conversations in ten leaves room for spam and trolls that need no answer.',
      'community_listening',
    ),
  },
  {
    kpi: 'first_response_time',
    target: { kind: 'at_most', value: 240 },
    basis: sillageDefault(
      'A Sillage default, not a benchmark: a first answer within half a business day (four hours); tighten it once measured.',
      'community_listening',
    ),
  },
  { kpi: 'net_sentiment', ...improve('Listening shows whether answers change how people talk about the brand.') },
];

const loyalty: readonly KpiDefault[] = [
  {
    kpi: 'cltv',
    ...improve('The guide names the customer lifetime value from the social channel among the key KPIs.'),
  },
  { kpi: 'engagement_rate', ...improve('Customers who keep interacting come back.') },
  { kpi: 'net_sentiment', ...improve('Loyal customers speak well of the brand.') },
];

/** The KPI defaults for an objective and a business type. */
export function kpiDefaultsFor(objective: PlannableObjective, businessType: BusinessType): readonly KpiDefault[] {
  switch (objective) {
    case 'awareness':
      return awareness;
    case 'acquisition':
      return businessType === 'ecommerce'
        ? ecommerceAcquisition
        : businessType === 'b2b'
          ? b2bAcquisition
          : genericAcquisition;
    case 'customer_service':
      return customerService;
    case 'loyalty':
      return loyalty;
  }
}

/** Every default list, for the tests and the docs. */
export const allKpiDefaults: readonly (readonly KpiDefault[])[] = [
  awareness,
  ecommerceAcquisition,
  b2bAcquisition,
  genericAcquisition,
  customerService,
  loyalty,
];
