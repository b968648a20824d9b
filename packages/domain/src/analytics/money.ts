/**
 * Money in integer minor units (cents) with an ISO 4217 currency. Amounts in different currencies are
 * never added without an exchange rate: a missing rate gives `undefined` with the currencies involved.
 */
import { metricValue, type MetricResult } from './metric-result.ts';

/** An amount in the currency's minor unit (EUR cents, JPY yen): always an integer. */
export type Money = { amountMinor: number; currency: string };

/**
 * Rates into one target currency: `rates.USD = 0.92` means 1 USD = 0.92 units of `target`.
 * The target's own rate is implicitly 1.
 */
export type ExchangeRates = { target: string; rates: Readonly<Record<string, number>> };

const fractionDigitsCache = new Map<string, number>();

/**
 * Minor-unit digits of an ISO 4217 currency (EUR 2, JPY 0, KWD 3); throws on an unknown or malformed code.
 * @example currencyFractionDigits('JPY') // 0
 */
export function currencyFractionDigits(currency: string): number {
  const cached = fractionDigitsCache.get(currency);
  if (cached !== undefined) return cached;
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new RangeError(`Currency "${currency}" is not an ISO 4217 code (three capital letters, e.g. EUR).`);
  }
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  fractionDigitsCache.set(currency, digits ?? 2);
  return digits ?? 2;
}

/** Checks that an amount is an integer of minor units in a valid currency; throws naming the field. */
export function assertMoney(money: Money, field: string): void {
  if (!Number.isSafeInteger(money.amountMinor)) {
    throw new RangeError(
      `${field}.amountMinor must be an integer number of minor units (cents); got ${String(money.amountMinor)}.`,
    );
  }
  currencyFractionDigits(money.currency);
}

/**
 * Converts an amount into `rates.target`, rounding to the nearest minor unit; undefined when no rate is known.
 * @example convertMoney({ amountMinor: 1000, currency: 'USD' }, { target: 'EUR', rates: { USD: 0.9 } }) // { amountMinor: 900, currency: 'EUR' }
 */
export function convertMoney(money: Money, exchange: ExchangeRates): Money | undefined {
  if (money.currency === exchange.target) return money;
  const rate = exchange.rates[money.currency];
  if (rate === undefined || !Number.isFinite(rate) || rate <= 0) return undefined;
  const major = money.amountMinor / 10 ** currencyFractionDigits(money.currency);
  const amountMinor = Math.round(major * rate * 10 ** currencyFractionDigits(exchange.target));
  return { amountMinor: amountMinor === 0 ? 0 : amountMinor, currency: exchange.target };
}

/**
 * Adds amounts. With one currency, the sum is in it; with several, every amount is converted into
 * `exchange.target` first, and an amount without a rate makes the sum `undefined` ('missing_exchange_rate').
 * An empty list sums to 0 in `currency` (required then, since there is nothing to take it from).
 * @example sumMoney([{ amountMinor: 150, currency: 'EUR' }, { amountMinor: 250, currency: 'EUR' }]) // value { amountMinor: 400, currency: 'EUR' }
 */
export function sumMoney(
  amounts: readonly Money[],
  options: { currency?: string; exchange?: ExchangeRates } = {},
): MetricResult<Money> {
  amounts.forEach((money, index) => assertMoney(money, `amounts[${index}]`));
  const currencies = [...new Set(amounts.map((money) => money.currency))].sort();
  const single = currencies.length === 1 ? currencies[0] : undefined;
  const target = options.exchange?.target ?? options.currency ?? single;
  if (target === undefined) {
    if (currencies.length === 0) {
      throw new RangeError('No amounts and no currency: pass the currency the (zero) total is expressed in.');
    }
    return { kind: 'undefined', reason: 'missing_exchange_rate', currencies };
  }
  currencyFractionDigits(target);
  let total = 0;
  const missing = new Set<string>();
  for (const money of amounts) {
    const converted =
      options.exchange === undefined
        ? money.currency === target
          ? money
          : undefined
        : convertMoney(money, options.exchange);
    if (converted === undefined) missing.add(money.currency);
    else total += converted.amountMinor;
  }
  if (missing.size > 0) return { kind: 'undefined', reason: 'missing_exchange_rate', currencies: [...missing].sort() };
  return metricValue({ amountMinor: total, currency: target });
}
