/**
 * CLTV of the customers acquired through each social channel, from the purchases Sillage recorded:
 * average order value × purchases per customer per period × expected lifetime in periods (× gross
 * margin when known). Customers are grouped by their acquisition channel (the attribution's choice).
 */
import { divide, metricValue, undefinedMetric, type MetricResult, type Ratio } from './metric-result.ts';
import { convertMoney, assertMoney, type ExchangeRates, type Money } from './money.ts';

export type CltvInput = {
  /** Each customer once, with the channel credited for acquiring them. */
  customers: readonly { customerId: string; acquisitionChannel: string }[];
  /** Purchases in the observation window (already deduplicated by event id). */
  purchases: readonly { customerId: string; value: Money }[];
  /** Length of the observation window in periods (e.g. 6 for six months), > 0. */
  observedPeriods: number;
  /** How many periods a customer is expected to stay (e.g. 24 months), > 0. */
  expectedLifetimePeriods: number;
  /** Gross margin 0-1 when known; without it CLTV is in revenue, not profit. */
  grossMargin?: number;
  /** The currency of the result; amounts in other currencies are converted with `exchange`. */
  currency: string;
  exchange?: ExchangeRates;
};

export type ChannelCltv = {
  channel: string;
  customers: number;
  purchases: number;
  averageOrderValue: MetricResult<Money>;
  purchasesPerCustomerPerPeriod: MetricResult<Ratio>;
  cltv: MetricResult<Money>;
};

function assertPositive(value: number, field: string): void {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${field} must be a number > 0; got ${value}.`);
}

/**
 * CLTV per acquisition channel. A channel whose customers bought nothing has an `undefined` average
 * order value and a CLTV of 0; a purchase by a customer with no acquisition channel throws.
 * @example cltvByChannel({ customers: [{ customerId: 'c1', acquisitionChannel: 'instagram' }], purchases: [{ customerId: 'c1', value: eur(4000) }], observedPeriods: 2, expectedLifetimePeriods: 12, currency: 'EUR' })
 * // instagram: AOV 4000, 0.5 purchase per period, CLTV 4000 × 0.5 × 12 = 24000 cents
 */
export function cltvByChannel(input: CltvInput): ChannelCltv[] {
  assertPositive(input.observedPeriods, 'observedPeriods');
  assertPositive(input.expectedLifetimePeriods, 'expectedLifetimePeriods');
  if (input.grossMargin !== undefined && !(input.grossMargin >= 0 && input.grossMargin <= 1)) {
    throw new RangeError(`grossMargin must be between 0 and 1; got ${input.grossMargin}.`);
  }
  const channelOf = new Map(input.customers.map((customer) => [customer.customerId, customer.acquisitionChannel]));
  const byChannel = new Map<
    string,
    { customers: number; purchases: number; revenue: number; missingRate: Set<string> }
  >();
  for (const channel of channelOf.values()) {
    const group = byChannel.get(channel) ?? { customers: 0, purchases: 0, revenue: 0, missingRate: new Set() };
    group.customers += 1;
    byChannel.set(channel, group);
  }
  input.purchases.forEach((purchase, index) => {
    assertMoney(purchase.value, `purchases[${index}].value`);
    const channel = channelOf.get(purchase.customerId);
    if (channel === undefined) {
      throw new RangeError(
        `purchases[${index}] is by customer "${purchase.customerId}", who is not in customers: add them with their acquisition channel.`,
      );
    }
    const group = byChannel.get(channel)!;
    const converted = convertMoney(purchase.value, input.exchange ?? { target: input.currency, rates: {} });
    group.purchases += 1;
    if (converted === undefined || converted.currency !== input.currency)
      group.missingRate.add(purchase.value.currency);
    else group.revenue += converted.amountMinor;
  });
  return [...byChannel.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([channel, group]) => {
      const frequency = divide(group.purchases, group.customers * input.observedPeriods);
      if (group.missingRate.size > 0) {
        const missing = { ...undefinedMetric('missing_exchange_rate'), currencies: [...group.missingRate].sort() };
        return {
          channel,
          customers: group.customers,
          purchases: group.purchases,
          averageOrderValue: missing,
          purchasesPerCustomerPerPeriod: frequency,
          cltv: missing,
        };
      }
      const averageOrderValue: MetricResult<Money> =
        group.purchases === 0
          ? undefinedMetric('zero_denominator')
          : metricValue({ amountMinor: Math.round(group.revenue / group.purchases), currency: input.currency });
      // AOV × purchases per customer per period × lifetime = revenue / (customers × observed periods) × lifetime.
      const perCustomerPerPeriod = group.revenue / (group.customers * input.observedPeriods);
      const amountMinor = Math.round(perCustomerPerPeriod * input.expectedLifetimePeriods * (input.grossMargin ?? 1));
      return {
        channel,
        customers: group.customers,
        purchases: group.purchases,
        averageOrderValue,
        purchasesPerCustomerPerPeriod: frequency,
        cltv: metricValue({ amountMinor, currency: input.currency }),
      };
    });
}
