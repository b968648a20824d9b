import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bestFormats, bestTimes, postOutliers, reachChanges, type ChannelDay, type InsightPost } from './insights.ts';

const dateBefore = (last: string, daysBack: number) =>
  new Date(Date.parse(`${last}T00:00:00Z`) - daysBack * 86_400_000).toISOString().slice(0, 10);
// A fixed wobble of ±5% so medians and spreads are not degenerate.
const wobble = (index: number) => 1 + 0.05 * Math.sin(index * 1.7);

function days(input: { recent: number; baseline: number; recentPosts?: number; reach?: boolean }): ChannelDay[] {
  return Array.from({ length: 35 }, (_, back) => {
    const level = back < 7 ? input.recent : input.baseline;
    const figure = Math.round(level * wobble(back));
    return {
      channelId: 'ig',
      network: 'instagram',
      date: dateBefore('2026-06-30', back),
      reach: input.reach === false ? null : figure,
      impressions: Math.round(figure * 1.6),
      posts: back < 7 ? (input.recentPosts ?? 1) : 1,
    };
  });
}

describe('reachChanges', () => {
  it('flags a drop of organic reach with unchanged posting as a possible algorithm change, with its evidence', () => {
    const [insight, ...rest] = reachChanges(days({ recent: 550, baseline: 1000 }), '2026-06-30');
    assert.equal(rest.length, 0);
    assert.ok(insight && insight.kind === 'reach_change');
    assert.equal(insight.direction, 'drop');
    assert.equal(insight.measure, 'reach');
    assert.ok(insight.change < -0.4 && insight.change > -0.5, String(insight.change));
    assert.deepEqual(insight.recentDays, { from: '2026-06-24', to: '2026-06-30', count: 7 });
    assert.deepEqual(insight.baselineDays, { from: '2026-05-27', to: '2026-06-23', count: 28 });
    assert.equal(insight.recentPostsPerWeek, 7);
    assert.equal(insight.frequencyUnchanged, true);
  });

  it('says when the brand also posted less, stays quiet on small moves or short history, and reads impressions where reach is not reported', () => {
    const fewer = reachChanges(days({ recent: 400, baseline: 1000, recentPosts: 0 }), '2026-06-30')[0];
    assert.ok(fewer?.kind === 'reach_change' && fewer.frequencyUnchanged === false);
    assert.deepEqual(reachChanges(days({ recent: 900, baseline: 1000 }), '2026-06-30'), []);
    const short = days({ recent: 500, baseline: 1000 }).filter((day) => day.date >= '2026-06-10');
    assert.deepEqual(reachChanges(short, '2026-06-30'), []);
    const rise = reachChanges(days({ recent: 2600, baseline: 1000, reach: false }), '2026-06-30')[0];
    assert.ok(rise?.kind === 'reach_change');
    assert.equal(rise.measure, 'impressions');
    assert.equal(rise.direction, 'rise');
  });
});

const post = (id: string, figures: Partial<InsightPost>): InsightPost => ({
  postId: id,
  publicationId: `pub-${id}`,
  channelId: 'ig',
  network: 'instagram',
  format: 'image',
  weekday: 2,
  hour: 10,
  impressions: 1000,
  engagements: 30,
  ...figures,
});

describe('bestFormats and bestTimes', () => {
  const posts = [
    ...[0, 1, 2, 3].map((index) => post(`c${index}`, { format: 'carousel', engagements: 60 + index, hour: 18 })),
    ...[0, 1, 2, 3, 4].map((index) => post(`i${index}`, { engagements: 30 + index, hour: 9 })),
    post('r0', { format: 'reel', engagements: 80 }),
  ];

  it('names the format that beats the channel by 20% or more with at least 3 posts (a single lucky reel does not count)', () => {
    const [insight] = bestFormats(posts);
    assert.ok(insight?.kind === 'best_format');
    assert.equal(insight.format, 'carousel');
    assert.equal(insight.posts, 4);
    assert.ok(Math.abs(insight.engagementRate - 0.0615) < 1e-9);
    assert.ok(insight.engagementRate > insight.channelRate * 1.2);
    assert.deepEqual(
      insight.otherFormats.map((other) => other.format),
      ['reel', 'image'],
    );
    assert.deepEqual(bestFormats(posts.filter((one) => one.format !== 'carousel')), []);
  });

  it('names the best 3-hour block of publication, weekdays apart from the weekend', () => {
    const [insight] = bestTimes(posts);
    assert.ok(insight?.kind === 'best_time');
    assert.equal(insight.fromHour, 18);
    assert.equal(insight.weekdays, 'weekdays');
    assert.equal(insight.posts, 4);
  });

  it('leaves posts without impressions or engagements out (not reported is not 0)', () => {
    const unreported = posts.map((one) => ({ ...one, impressions: null }));
    assert.deepEqual(bestFormats(unreported), []);
    assert.deepEqual(bestTimes(unreported), []);
  });
});

describe('postOutliers', () => {
  it('finds the posts far above and below what the channel’s typical rate predicts for their impressions', () => {
    const usual = Array.from({ length: 10 }, (_, index) =>
      post(`u${index}`, {
        impressions: 800 + index * 100,
        engagements: Math.round((800 + index * 100) * 0.03 * wobble(index)),
      }),
    );
    const insights = postOutliers([
      ...usual,
      post('hit', { impressions: 1000, engagements: 310 }),
      post('flop', { impressions: 5000, engagements: 4 }),
    ]);
    assert.deepEqual(
      insights.map((insight) => insight.kind === 'post_outlier' && [insight.postId, insight.direction]),
      [
        ['hit', 'above'],
        ['flop', 'below'],
      ],
    );
    const hit = insights[0]!;
    assert.ok(hit.kind === 'post_outlier' && hit.ratio > 9 && hit.channelPosts === 12);
    assert.deepEqual(postOutliers(usual.slice(0, 7)), [], 'too few posts to judge');
  });
});
