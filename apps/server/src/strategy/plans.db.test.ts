import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Plan } from '@sillage/domain';
import { createTestApp, type SignedInClient, type TestApp } from '../testing/test-app.ts';
import { databaseKindsUnderTest } from '../testing/test-database.ts';

type VersionView = { version: number; currentVersion: number; kind: string; changeCount: number; plan: Plan };
type Diff = { from: number; to: number; changes: { type: string; path: string; before?: unknown; after?: unknown }[] };

const answers = {
  businessType: 'ecommerce',
  size: 'sme',
  monthlyBudget: { amountMinor: 500000, currency: 'EUR' },
  objectives: ['awareness', 'acquisition'],
  channelsUsed: ['instagram'],
  language: 'en',
};

/** The text of a PDF, as pdftotext (poppler-utils) reads it, with runs of spaces collapsed. */
async function pdfText(pdf: Buffer): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'sillage-plan-'));
  try {
    const file = path.join(directory, 'plan.pdf');
    await writeFile(file, pdf);
    const { stdout } = await promisify(execFile)('pdftotext', ['-layout', file, '-']);
    return stdout.replace(/[ \t]+/g, ' ');
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

for (const kind of databaseKindsUnderTest()) {
  describe(`the SMM plan over HTTP on ${kind}`, () => {
    let t: TestApp;
    let owner: SignedInClient;
    let analyst: SignedInClient;
    let workspaceId: string;
    const url = (suffix = '') => `/api/workspaces/${workspaceId}/strategy/plan${suffix}`;

    before(async () => {
      t = await createTestApp(kind);
      workspaceId = (await t.createWorkspace('Maison Lumière')).id;
      const user = await t.createUser({ email: `owner-${kind}@plan.test`, workspaceId, role: 'owner' });
      owner = await t.signIn(user.email);
      const reader = await t.createUser({ email: `analyst-${kind}@plan.test`, workspaceId, role: 'analyst' });
      analyst = await t.signIn(reader.email);
    });
    after(() => t.close());

    it('has no plan before the first generation', async () => {
      const response = await owner.request({ method: 'GET', url: url() });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json(), null);
      const missing = await owner.request({ method: 'GET', url: url('/export.md') });
      assert.equal(missing.statusCode, 404);
    });

    it('rejects bad answers naming each field, and saves nothing', async () => {
      const response = await owner.request({
        method: 'POST',
        url: url(),
        payload: { answers: { ...answers, monthlyBudget: { amountMinor: 0, currency: 'EUR' } } },
      });
      assert.equal(response.statusCode, 400, response.body);
      const error = response.json<{ error: { details: { path: string; message: string }[] } }>().error;
      assert.deepEqual(
        error.details.map((detail) => detail.path),
        ['body.answers.monthlyBudget.amountMinor'],
      );
      assert.match(error.details[0]!.message, /from 1 to/);
      assert.equal((await owner.request({ method: 'GET', url: url('/versions') })).json<unknown[]>().length, 0);
    });

    it('generates version 1 for an e-commerce SME with 5,000 EUR a month: 3,000 / 2,000, the native formats, a 2-4% conversion rate', async () => {
      const response = await owner.request({ method: 'POST', url: url(), payload: { answers, note: 'First plan' } });
      assert.equal(response.statusCode, 201, response.body);
      const view = response.json<VersionView>();
      assert.equal(view.version, 1);
      assert.equal(view.currentVersion, 1);
      assert.equal(view.kind, 'generated');
      const amounts = Object.fromEntries(view.plan.budget.lines.map((line) => [line.category, line.amount]));
      assert.deepEqual(amounts, {
        production_and_community: { amountMinor: 300000, currency: 'EUR' },
        advertising: { amountMinor: 200000, currency: 'EUR' },
      });
      const contents = (network: string) =>
        view.plan.channels.find((channel) => channel.network === network)?.formats.map((format) => format.content);
      assert.ok(contents('instagram')?.includes('product_carousel'));
      assert.ok(contents('tiktok')?.includes('tutorial_video'));
      assert.ok(contents('linkedin')?.includes('industry_post'));
      const conversion = view.plan.objectives
        .flatMap((objective) => objective.kpis)
        .find((kpi) => kpi.kpi === 'conversion_rate');
      assert.ok(conversion && conversion.target.kind === 'between');
      assert.ok(conversion.target.min >= 0.02 && conversion.target.max <= 0.04, JSON.stringify(conversion.target));

      const current = await analyst.request({ method: 'GET', url: url() });
      assert.equal(current.statusCode, 200);
      assert.equal(current.json<VersionView>().version, 1);
    });

    it('does not let a read-only role generate or edit the plan', async () => {
      const response = await analyst.request({ method: 'POST', url: url(), payload: { answers } });
      assert.equal(response.statusCode, 403);
    });

    it('saves an edit as version 2 with recomputed amounts, and the diff shows the change', async () => {
      const v1 = (await owner.request({ method: 'GET', url: url() })).json<VersionView>().plan;
      const edited: Plan = structuredClone(v1);
      for (const line of edited.budget.lines) line.percent = line.category === 'advertising' ? 30 : 70;
      // A wrong amount is recomputed from the percentage, never trusted.
      edited.budget.lines[0]!.amount = { amountMinor: 1, currency: 'EUR' };
      const conversion = edited.objectives[1]!.kpis.find((kpi) => kpi.kpi === 'conversion_rate')!;
      conversion.target = { kind: 'between', min: 0.025, max: 0.035 };
      edited.channels = edited.channels.filter((channel) => channel.network !== 'facebook');

      const saved = await owner.request({
        method: 'POST',
        url: url('/versions'),
        payload: { plan: edited, basedOn: 1, note: 'More production' },
      });
      assert.equal(saved.statusCode, 201, saved.body);
      const v2 = saved.json<VersionView>();
      assert.equal(v2.version, 2);
      assert.deepEqual(
        v2.plan.budget.lines.map((line) => [line.category, line.percent, line.amount.amountMinor]),
        [
          ['production_and_community', 70, 350000],
          ['advertising', 30, 150000],
        ],
      );

      const last = await owner.request({ method: 'GET', url: url('/diff') });
      assert.deepEqual([last.json<Diff>().from, last.json<Diff>().to], [1, 2], 'by default, the last change');
      const diff = await owner.request({ method: 'GET', url: url('/diff?from=1&to=2') });
      assert.equal(diff.statusCode, 200, diff.body);
      const changes = diff.json<Diff>().changes;
      const change = (pathName: string) => changes.find((entry) => entry.path === pathName);
      assert.deepEqual(change('budget.lines[advertising].percent'), {
        type: 'changed',
        path: 'budget.lines[advertising].percent',
        before: 40,
        after: 30,
      });
      assert.equal(change('budget.lines[advertising].amount.amountMinor')?.after, 150000);
      assert.equal(change('objectives[acquisition].kpis[conversion_rate].target.min')?.after, 0.025);
      assert.equal(change('channels[facebook]')?.type, 'removed');

      const versions = await owner.request({ method: 'GET', url: url('/versions') });
      assert.deepEqual(
        versions
          .json<{ version: number; kind: string; changeCount: number }[]>()
          .map((entry) => [entry.version, entry.kind]),
        [
          [2, 'edited'],
          [1, 'generated'],
        ],
      );
      assert.equal(versions.json<{ changeCount: number }[]>()[0]!.changeCount, changes.length);
      const first = await owner.request({ method: 'GET', url: url('/versions/1') });
      assert.equal(first.json<VersionView>().plan.budget.lines[1]!.percent, 40);

      const audit = await owner.request({ method: 'GET', url: `/api/workspaces/${workspaceId}/audit-log` });
      const actions = JSON.stringify(audit.json());
      assert.match(actions, /strategy_plan\.generated/);
      assert.match(actions, /strategy_plan\.edited/);
    });

    it('rejects an edit whose percentages do not add up to 100, or that starts from an old version; adds nothing for an edit without change', async () => {
      const current = (await owner.request({ method: 'GET', url: url() })).json<VersionView>();
      const bad: Plan = structuredClone(current.plan);
      bad.budget.lines[0]!.percent = 50;
      bad.objectives[1]!.kpis[0]!.target = { kind: 'between', min: 0.05, max: 0.01 };
      const invalid = await owner.request({
        method: 'POST',
        url: url('/versions'),
        payload: { plan: bad, basedOn: current.version },
      });
      assert.equal(invalid.statusCode, 400, invalid.body);
      const details = invalid.json<{ error: { details: { path: string; message: string }[] } }>().error.details;
      assert.deepEqual(details.map((detail) => detail.path).sort(), [
        'body.plan.budget.lines',
        'body.plan.objectives[1].kpis[0].target',
      ]);
      assert.match(details.find((detail) => detail.path === 'body.plan.budget.lines')!.message, /add up to 80/);

      const stale = await owner.request({
        method: 'POST',
        url: url('/versions'),
        payload: { plan: current.plan, basedOn: 1 },
      });
      assert.equal(stale.statusCode, 409, stale.body);
      const unchanged = await owner.request({
        method: 'POST',
        url: url('/versions'),
        payload: { plan: current.plan, basedOn: current.version },
      });
      assert.equal(unchanged.statusCode, 200, 'an edit that changes nothing adds no version');
      assert.equal(unchanged.json<VersionView>().version, 2);
      assert.equal((await owner.request({ method: 'GET', url: url() })).json<VersionView>().version, 2);
    });

    it('exports Markdown in French and English', async () => {
      const en = await owner.request({ method: 'GET', url: url('/export.md?lang=en') });
      assert.equal(en.statusCode, 200);
      assert.match(String(en.headers['content-type']), /^text\/markdown/);
      assert.match(String(en.headers['content-disposition']), /smm-plan-v2-en\.md/);
      assert.match(en.body, /^# Social media marketing plan/);
      assert.match(en.body, /product carousels/);
      const fr = await owner.request({ method: 'GET', url: url('/export.md?lang=fr&version=1') });
      assert.match(fr.body, /^# Plan de marketing sur les réseaux sociaux/);
      assert.match(fr.body, /Taux de conversion/);
    });

    it('exports a PDF whose text holds the objectives with their KPIs, the channels with their formats and the budget split', async () => {
      const response = await owner.request({ method: 'GET', url: url('/export.pdf?lang=en&version=1') });
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'application/pdf');
      const pdf = response.rawPayload;
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      const text = await pdfText(pdf);
      for (const expected of [
        'Awareness',
        'Acquisition',
        'Conversion rate',
        'Instagram',
        'product carousels',
        'TikTok',
        'tutorial videos',
        'LinkedIn',
        'industry posts',
        'Production and community management',
        'Advertising',
      ])
        assert.ok(text.includes(expected), `"${expected}" is missing from the PDF:\n${text}`);
      assert.match(text, /60%.*€3,000\.00/);
      assert.match(text, /40%.*€2,000\.00/);
      assert.match(text, /2%.*4%/);

      const french = await pdfText(
        (await owner.request({ method: 'GET', url: url('/export.pdf?lang=fr') })).rawPayload,
      );
      assert.match(french, /70 %.*3 500,00 €/);
      assert.match(french, /30 %.*1 500,00 €/);
      assert.ok(french.includes('carrousels produit'), french);
    });

    it('keeps the plan of one workspace out of another', async () => {
      const other = (await t.createWorkspace('Other brand')).id;
      const user = await t.createUser({ email: `other-${kind}@plan.test`, workspaceId: other, role: 'owner' });
      const outsider = await t.signIn(user.email);
      const response = await outsider.request({ method: 'GET', url: url() });
      assert.equal(response.statusCode, 404);
      const own = await outsider.request({ method: 'GET', url: `/api/workspaces/${other}/strategy/plan` });
      assert.equal(own.json(), null);
    });
  });
}
