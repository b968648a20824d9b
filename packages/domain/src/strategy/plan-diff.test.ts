import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildPlan, withAdvertisingPercent } from './plan-builder.ts';
import { diffPlans, nextPlanVersion } from './plan-diff.ts';
import type { Plan } from './plan.ts';

function basePlan(): Plan {
  return buildPlan({
    businessType: 'ecommerce',
    size: 'sme',
    objectives: ['awareness', 'acquisition'],
    monthlyBudget: { amountMinor: 500_000, currency: 'EUR' },
    channelsUsed: [],
    language: 'en',
  });
}

const summary = (plan: Plan, edited: Plan) =>
  diffPlans(plan, edited).map((change) => [change.type, change.path, change.before, change.after]);

describe('diffPlans', () => {
  it('finds nothing between a plan and its copy', () => {
    assert.deepEqual(diffPlans(basePlan(), structuredClone(basePlan())), []);
  });

  it('reports a changed frequency under the channel and format it belongs to', () => {
    const plan = basePlan();
    const edited = structuredClone(plan);
    const tiktok = edited.channels.find((channel) => channel.network === 'tiktok')!;
    tiktok.formats[0]!.postsPerWeek = 4;
    tiktok.postsPerWeek = 5;
    assert.deepEqual(summary(plan, edited), [
      ['changed', 'channels[tiktok].formats[video:tutorial_video].postsPerWeek', 2, 4],
      ['changed', 'channels[tiktok].postsPerWeek', 3, 5],
    ]);
    const [change] = diffPlans(plan, edited);
    assert.deepEqual(change!.segments, [
      'channels',
      { key: 'network', value: 'tiktok' },
      'formats',
      { key: 'format:content', value: 'video:tutorial_video' },
      'postsPerWeek',
    ]);
  });

  it('reports a removed channel once, without shifting the others', () => {
    const plan = basePlan();
    const edited = structuredClone(plan);
    const removed = edited.channels.splice(1, 1)[0]!;
    const changes = diffPlans(plan, edited);
    assert.deepEqual(
      changes.map((change) => [change.type, change.path]),
      [['removed', 'channels[tiktok]']],
    );
    assert.deepEqual(changes[0]!.before, removed);
  });

  it('reports an added objective and a new KPI target', () => {
    const plan = basePlan();
    const edited = structuredClone(plan);
    edited.objectives.push({ kind: 'custom', label: 'Hire ambassadors', kpis: [] });
    edited.objectives[1]!.kpis[0]!.target = { kind: 'between', min: 0.03, max: 0.05 };
    assert.deepEqual(summary(plan, edited), [
      ['changed', 'objectives[acquisition].kpis[conversion_rate].target.min', 0.02, 0.03],
      ['changed', 'objectives[acquisition].kpis[conversion_rate].target.max', 0.04, 0.05],
      [
        'added',
        'objectives[custom:Hire ambassadors]',
        undefined,
        { kind: 'custom', label: 'Hire ambassadors', kpis: [] },
      ],
    ]);
  });

  it('reports a reordering of KPIs, since order is priority', () => {
    const plan = basePlan();
    const edited = structuredClone(plan);
    edited.objectives[0]!.kpis.reverse();
    const changes = diffPlans(plan, edited).filter((change) => change.path.endsWith('(order)'));
    assert.deepEqual(
      changes.map((change) => [change.path, change.before, change.after]),
      [
        [
          'objectives[awareness].kpis(order)',
          ['reach', 'engagement_rate', 'follower_growth', 'share_of_voice'],
          ['share_of_voice', 'follower_growth', 'engagement_rate', 'reach'],
        ],
      ],
    );
  });

  it('reports a changed budget split with amounts before and after', () => {
    const plan = basePlan();
    const changes = summary(plan, withAdvertisingPercent(plan, 30));
    assert.deepEqual(
      changes.filter(([, path]) => String(path).includes('amountMinor') || String(path).endsWith('percent')),
      [
        ['changed', 'budget.lines[production_and_community].percent', 60, 70],
        ['changed', 'budget.lines[production_and_community].amount.amountMinor', 300_000, 350_000],
        ['changed', 'budget.lines[advertising].percent', 40, 30],
        ['changed', 'budget.lines[advertising].amount.amountMinor', 200_000, 150_000],
      ],
    );
    assert.deepEqual(changes[0], ['added', 'answers.advertisingPercent', undefined, 30]);
  });

  it('reports a tool connection removed per network', () => {
    const plan = basePlan();
    const edited = structuredClone(plan);
    edited.tools = edited.tools.filter((tool) => !(tool.id === 'connect_channel' && tool.network === 'linkedin'));
    assert.deepEqual(
      diffPlans(plan, edited).map((change) => [change.type, change.path]),
      [['removed', 'tools[connect_channel:linkedin]']],
    );
  });
});

describe('nextPlanVersion', () => {
  it('numbers versions and records the changes from the previous one', () => {
    const first = nextPlanVersion(undefined, basePlan(), { now: '2026-11-28T16:00:00.000Z', savedBy: 'user-1' });
    assert.equal(first.version, 1);
    assert.deepEqual(first.changes, []);
    const second = nextPlanVersion(first, withAdvertisingPercent(first.plan, 50), { now: '2026-11-28T16:05:00.000Z' });
    assert.equal(second.version, 2);
    assert.equal(second.savedAt, '2026-11-28T16:05:00.000Z');
    assert.ok(
      second.changes.some((change) => change.path === 'budget.lines[advertising].percent' && change.after === 50),
    );
  });

  it('keeps its own copy of the plan, so later edits do not rewrite history', () => {
    const plan = basePlan();
    const version = nextPlanVersion(undefined, plan, { now: '2026-11-28T16:00:00.000Z' });
    plan.channels[0]!.postsPerWeek = 99;
    assert.notEqual(version.plan.channels[0]!.postsPerWeek, 99);
  });
});
