import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Plan } from '@sillage/domain';
import { planAnswersFromOptions } from './plan.ts';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/sillage.mjs');

type Outcome = { code: number | null; stdout: string; stderr: string };

/** Runs the real `sillage` binary; `plan` needs no database and no data directory. */
function sillage(args: string[]): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = { ...process.env, SILLAGE_LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const doneWhen = ['plan', '--business', 'ecommerce', '--size', 'sme', '--budget', '5000', '--currency', 'EUR'];

describe('sillage plan', () => {
  it('prints the e-commerce SME plan as JSON: 3,000 / 2,000 EUR, the guide formats, a 2-4% conversion target', async () => {
    const outcome = await sillage([...doneWhen, '--objectives', 'awareness,acquisition', '--format', 'json']);
    assert.equal(outcome.code, 0, outcome.stderr);
    const plan = JSON.parse(outcome.stdout) as Plan;
    assert.deepEqual(
      plan.budget.lines.map((line) => [line.category, line.amount]),
      [
        ['production_and_community', { amountMinor: 300_000, currency: 'EUR' }],
        ['advertising', { amountMinor: 200_000, currency: 'EUR' }],
      ],
    );
    const formats = (network: string) =>
      plan.channels
        .find((channel) => channel.network === network)
        ?.formats.map((format) => `${format.format}/${format.content}`);
    assert.ok(formats('instagram')?.includes('carousel/product_carousel'));
    assert.ok(formats('tiktok')?.includes('video/tutorial_video'));
    assert.ok(formats('linkedin')?.includes('text/industry_post'));
    const target = plan.objectives
      .flatMap((objective) => objective.kpis)
      .find((kpi) => kpi.kpi === 'conversion_rate')?.target;
    assert.ok(target?.kind === 'between');
    assert.ok(target.min >= 0.02 && target.max <= 0.04 && target.min < target.max);
  });

  it('prints Markdown in the language asked for, by default', async () => {
    const [french, english] = await Promise.all([
      sillage([...doneWhen, '--objectives', 'acquisition']),
      sillage([...doneWhen, '--objectives', 'acquisition', '--lang', 'en', '--format', 'md']),
    ]);
    assert.equal(french.code, 0, french.stderr);
    assert.match(french.stdout, /^# Plan de marketing sur les réseaux sociaux\n/);
    assert.match(french.stdout, /\| Publicité \| 40\s%/);
    assert.equal(english.code, 0, english.stderr);
    assert.match(english.stdout, /^# Social media marketing plan\n/);
    assert.match(english.stdout, /\| Advertising \| 40% \| €2,000\.00 \|/);
  });

  it('refuses bad options with exit code 2, naming the option and what it accepts', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['plan', '--business', 'shop', '--size', 'sme', '--budget', '5000', '--objectives', 'awareness'],
        /--business must be one of ecommerce, b2b, local, other \(got "shop"\)/,
      ],
      [[...doneWhen, '--objectives', 'awareness', '--format', 'pdf'], /--format must be json or markdown/],
      [[...doneWhen, '--objectives', 'awareness', '--frobnicate'], /--frobnicate/],
    ];
    const outcomes = await Promise.all(cases.map(([args]) => sillage(args)));
    outcomes.forEach((outcome, index) => {
      const [args, message] = cases[index]!;
      assert.equal(outcome.code, 2, args.join(' '));
      assert.match(outcome.stderr, message);
      assert.equal(outcome.stdout, '');
    });
  });
});

describe('planAnswersFromOptions', () => {
  it('reads sizes, currencies, decimals and channel lists', () => {
    const answers = planAnswersFromOptions({
      business: 'local',
      size: 'large',
      budget: '1 234.5',
      currency: 'usd',
      objectives: 'customer_service, loyalty',
      channels: 'google_business,facebook',
      language: 'en',
      'ads-percent': '25',
    });
    assert.deepEqual(answers, {
      businessType: 'local',
      size: 'enterprise',
      objectives: ['customer_service', 'loyalty'],
      monthlyBudget: { amountMinor: 123_450, currency: 'USD' },
      channelsUsed: ['google_business', 'facebook'],
      language: 'en',
      advertisingPercent: 25,
    });
  });

  it('refuses more decimals than the currency has, an unknown currency, a percentage over 100 and an unknown channel', () => {
    const base = { business: 'b2b', size: 'sme', objectives: 'awareness', budget: '100' };
    assert.throws(() => planAnswersFromOptions({ ...base, budget: '5k' }), /--budget must be a positive amount in EUR/);
    assert.throws(
      () => planAnswersFromOptions({ ...base, objectives: 'fame,awareness' }),
      /--objectives: unknown "fame"/,
    );
    assert.throws(() => planAnswersFromOptions({ ...base, objectives: undefined }), /--objectives is required/);
    assert.throws(
      () => planAnswersFromOptions({ ...base, size: 'huge' }),
      /--size must be one of solo, sme, mid, enterprise/,
    );
    assert.throws(
      () => planAnswersFromOptions({ ...base, budget: '100.5', currency: 'JPY' }),
      /JPY has 0 decimal places/,
    );
    assert.throws(() => planAnswersFromOptions({ ...base, currency: 'euros' }), /--currency must be an ISO 4217 code/);
    assert.throws(() => planAnswersFromOptions({ ...base, 'ads-percent': '140' }), /--ads-percent/);
    assert.throws(
      () => planAnswersFromOptions({ ...base, channels: 'instagram,myspace' }),
      /--channels: unknown "myspace"/,
    );
    assert.throws(() => planAnswersFromOptions({ ...base, budget: '0' }), /--budget must be more than 0/);
  });
});
