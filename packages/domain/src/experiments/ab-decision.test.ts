import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideAbTest } from './ab-decision.ts';
import { propTest } from './proportion-tests.ts';
import { chiSquareUpper, incompleteBeta, logGamma, normalCdf, normalQuantile } from './special-functions.ts';
import { zeroin } from './zeroin.ts';

describe('the A/B decision helper', () => {
  it('declares B better when the difference is significant, with the lift and its interval', () => {
    const decision = decideAbTest(
      { impressions: 5000, conversions: 100 },
      { impressions: 5000, conversions: 150 },
      { minimumSample: 4000 },
    );
    assert.equal(decision.code, 'experiments.significant_b_better');
    assert.equal(decision.params.pValue, propTest([150, 100], [5000, 5000]).pValue);
    assert.ok(Math.abs(decision.params.lift! - 0.5) < 1e-12);
    assert.ok(decision.params.liftLow > 0 && decision.params.liftHigh > 0.5);
    assert.equal(decision.params.remainingPerVariant, 0);
  });

  it('declares A better when B is significantly worse', () => {
    const decision = decideAbTest({ impressions: 5000, conversions: 150 }, { impressions: 5000, conversions: 100 });
    assert.equal(decision.code, 'experiments.significant_a_better');
    assert.ok(decision.params.liftHigh < 0);
  });

  it('says not significant, and how many impressions are still needed, for a small difference', () => {
    const decision = decideAbTest({ impressions: 1000, conversions: 20 }, { impressions: 1000, conversions: 24 });
    assert.equal(decision.code, 'experiments.not_significant');
    assert.ok(decision.params.liftLow < 0 && decision.params.liftHigh > 0);
    assert.ok(decision.params.remainingPerVariant! > 15_000, String(decision.params.remainingPerVariant));
  });

  it('refuses to conclude before the declared minimum sample, even on a large difference', () => {
    const decision = decideAbTest(
      { impressions: 500, conversions: 5 },
      { impressions: 500, conversions: 40 },
      { minimumSample: 1000 },
    );
    assert.equal(decision.code, 'experiments.sample_not_reached');
    assert.equal(decision.params.remainingPerVariant, 500);
  });

  it('has nothing to detect when the rates are equal', () => {
    const decision = decideAbTest({ impressions: 800, conversions: 40 }, { impressions: 800, conversions: 40 });
    assert.equal(decision.code, 'experiments.not_significant');
    assert.equal(decision.params.remainingPerVariant, null);
  });

  it('refuses impossible counts', () => {
    assert.throws(
      () => decideAbTest({ impressions: 10, conversions: 11 }, { impressions: 10, conversions: 1 }),
      /variant A/,
    );
  });
});

describe('special functions', () => {
  it('log-gamma matches factorials', () => {
    let logFactorial = 0;
    for (let k = 1; k < 170; k += 1) {
      logFactorial += Math.log(k);
      assert.ok(Math.abs(logGamma(k + 1) - logFactorial) < 1e-12 * Math.max(1, logFactorial), `logGamma(${k + 1})`);
    }
    assert.ok(Math.abs(logGamma(0.5) - Math.log(Math.sqrt(Math.PI))) < 1e-14);
  });

  it('normal quantile inverts the normal distribution function, tails included', () => {
    for (const p of [1e-300, 1e-12, 0.001, 0.025, 0.3, 0.5, 0.8, 0.975, 1 - 1e-10]) {
      const z = normalQuantile(p);
      assert.ok(Math.abs(normalCdf(z) - p) <= 1e-13 * p, `p = ${p}`);
    }
    assert.ok(Math.abs(normalQuantile(0.975) - 1.959963984540054) < 1e-15);
  });

  it('incomplete beta and chi-square agree with closed forms', () => {
    // I_x(1, b) = 1 - (1 - x)^b; chi-square with 2 df: P(X > x) = exp(-x / 2).
    assert.ok(Math.abs(incompleteBeta(0.3, 1, 7) - (1 - 0.7 ** 7)) < 1e-15);
    assert.ok(Math.abs(chiSquareUpper(5, 2) - Math.exp(-2.5)) < 1e-15);
  });

  it("zeroin takes R's steps: it stops within R's tolerance, not at machine precision", () => {
    const root = zeroin((x) => x * x - 2, 0, 2);
    assert.ok(Math.abs(root - Math.SQRT2) < 1.3e-4);
    assert.throws(() => zeroin((x) => x * x + 1, 0, 2), /same sign/);
  });
});
