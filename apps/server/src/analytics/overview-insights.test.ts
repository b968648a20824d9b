import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addLocalDays, notReported } from '@sillage/domain';
import type { DailyTotal, PublicationSummary } from './metrics.repository.ts';
import { overviewInsights } from './overview-insights.ts';

const row = (localDate: string, level: DailyTotal['level'], metric: string, value: number | null): DailyTotal => ({
  localDate,
  channelId: 'ch-ig',
  level,
  metric,
  delivery: 'organic',
  value,
  reportedCount: value === null ? 0 : 1,
  notReportedCount: value === null ? 1 : 0,
  sources: ['api.instagram'],
});

describe('overviewInsights', () => {
  it('reads daily account reach and posts per day from the rollup, and formats and outliers from the posts', () => {
    const periodEnd = '2026-07-01';
    const rows: DailyTotal[] = [];
    for (let back = 1; back <= 35; back += 1) {
      const date = addLocalDays(periodEnd, -back);
      rows.push(row(date, 'account', 'reach', (back <= 7 ? 500 : 1000) + (back % 3) * 10));
      // Paid figures and other metrics do not count.
      rows.push({ ...row(date, 'account', 'reach', 9999), delivery: 'paid' });
      rows.push(row(date, 'post', 'impressions', 700));
    }
    const summary = (id: string, format: string, hour: number): PublicationSummary => ({
      publicationId: `pub-${id}`,
      postId: id,
      channelId: 'ch-ig',
      channelName: 'Maison Lumière',
      network: 'instagram',
      format,
      text: 'Bougie',
      url: null,
      publishedAt: new Date(`2026-06-23T${String(hour - 2).padStart(2, '0')}:00:00Z`),
    });
    const posts = [
      ...['a', 'bb', 'ccc'].map((id) => ({
        summary: summary(id, 'carousel', 19),
        counts: { impressions: 1000 },
        engagements: { kind: 'value' as const, value: 70 },
      })),
      ...['d', 'ee', 'fff'].map((id) => ({
        summary: summary(id, 'image', 9),
        counts: { impressions: 1000 },
        engagements: { kind: 'value' as const, value: 30 },
      })),
      { summary: summary('g', 'image', 9), counts: { impressions: notReported() }, engagements: notReported() },
    ];
    const insights = overviewInsights({
      rows,
      posts,
      postsPerDay: Array.from({ length: 35 }, (_, back) => ({
        channelId: 'ch-ig',
        localDate: addLocalDays(periodEnd, -1 - back),
        posts: 1,
      })),
      networkOf: () => 'instagram',
      periodEnd,
      timeZone: 'Europe/Paris',
    });
    const kinds = insights.map((insight) => insight.kind);
    assert.deepEqual(kinds, ['reach_change', 'best_format', 'best_time']);
    const [change, format, time] = insights;
    assert.ok(change?.kind === 'reach_change');
    assert.equal(change.measure, 'reach');
    assert.equal(change.direction, 'drop');
    assert.equal(change.recentDays.to, '2026-06-30');
    assert.equal(change.recentPostsPerWeek, 7);
    assert.equal(change.frequencyUnchanged, true);
    assert.ok(format?.kind === 'best_format' && format.format === 'carousel' && format.posts === 3);
    assert.ok(time?.kind === 'best_time' && time.fromHour === 18 && time.posts === 3);
  });
});
