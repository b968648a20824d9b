import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { engagementRateByImpressions } from './audience-kpis.ts';
import { facebookPostEngagement, importFacebookMetrics, type ImportedFacebookPost } from './facebook-metrics-import.ts';
import { notReported, type MetricResult } from './metric-result.ts';

// 9 posts of the CC BY 4.0 dataset (Moro et al. 2016); see fixtures/README.md for the lines chosen.
const excerpt = readFileSync(new URL('./fixtures/facebook-metrics-excerpt.csv', import.meta.url), 'utf8');
const header = excerpt.split(/\r?\n/)[0]!;

function valueOf(result: MetricResult<number>): number {
  assert.equal(result.kind, 'value', `expected a value, got ${JSON.stringify(result)}`);
  return (result as { value: number }).value;
}

function postAt(posts: ImportedFacebookPost[], line: number): ImportedFacebookPost {
  const post = posts.find((candidate) => candidate.line === line);
  assert.ok(post, `no post imported from line ${line}`);
  return post;
}

test('imports every readable row of the excerpt, empty fields included', () => {
  const result = importFacebookMetrics(excerpt);
  assert.equal(result.posts.length, 9);
  assert.deepEqual(result.rejected, []);
});

test('maps the dataset columns onto post metrics', () => {
  const post = postAt(importFacebookMetrics(excerpt).posts, 5);
  assert.deepEqual(post, {
    line: 5,
    pageTotalLikes: 139441,
    type: 'photo',
    category: 2,
    postedMonth: 12,
    postedWeekday: 2,
    postedHour: 10,
    paid: true,
    reach: 50128,
    impressions: 87991,
    engagedUsers: 2211,
    consumers: 790,
    consumptions: 1119,
    fanImpressions: 61027,
    fanReach: 32048,
    fanEngagedUsers: 1386,
    comments: 58,
    reactions: 1572,
    shares: 147,
    interactions: 1777,
  });
});

test('keeps empty fields as not reported, never 0, and lists the row with its line and columns', () => {
  const result = importFacebookMetrics(excerpt);
  assert.deepEqual(
    result.incomplete.map((issue) => [issue.line, issue.code, issue.params.columns]),
    [
      [6, 'facebook_import.empty_fields', 'like, share'],
      [7, 'facebook_import.empty_fields', 'share'],
      [10, 'facebook_import.empty_fields', 'Paid'],
    ],
  );
  assert.deepEqual(postAt(result.posts, 6).reactions, notReported());
  assert.deepEqual(postAt(result.posts, 7).shares, notReported());
  assert.deepEqual(postAt(result.posts, 10).paid, notReported());
  assert.match(result.incomplete[0]!.message, /Line 6: empty fields like, share/);
});

test('keeps but flags the rows whose impressions are below reach', () => {
  const result = importFacebookMetrics(excerpt);
  assert.deepEqual(
    result.flagged.map((issue) => [issue.line, issue.code, issue.params]),
    [
      [8, 'facebook_import.impressions_below_reach', { reach: 37088, impressions: 10966 }],
      [9, 'facebook_import.impressions_below_reach', { reach: 39600, impressions: 7927 }],
    ],
  );
  assert.equal(postAt(result.posts, 8).impressions, 10966);
  const suspect = facebookPostEngagement(postAt(result.posts, 8)).rateByImpressions;
  assert.ok(suspect.kind === 'value');
  assert.deepEqual(suspect.notes, [{ code: 'includes_inconsistent_source', count: 1 }]);
  const sound = facebookPostEngagement(postAt(result.posts, 2)).rateByImpressions;
  assert.ok(sound.kind === 'value' && sound.notes === undefined);
});

test('gives the engagement rates computed by hand', () => {
  const { posts } = importFacebookMetrics(excerpt);
  const cases: [line: number, byReach: number, byImpressions: number][] = [
    // Line 2: 4 comments + 79 likes + 17 shares = 100 (= Total Interactions); 100 / 2752 reach = 0.036337209;
    // 100 / 5091 impressions = 0.019642506.
    [2, 0.036337209, 0.019642506],
    // Line 3: 5 + 130 + 29 = 164; 164 / 10460 = 0.015678776; 164 / 19057 = 0.008605762.
    [3, 0.015678776, 0.008605762],
    // Line 5 (paid): 58 + 1572 + 147 = 1777; 1777 / 50128 = 0.035449250; 1777 / 87991 = 0.020195247.
    [5, 0.03544925, 0.020195247],
    // Line 7: share empty, Total Interactions 2 reported; 2 / 584 = 0.003424658; 2 / 1029 = 0.001943635.
    [7, 0.003424658, 0.001943635],
    // Line 8 (flagged): 7 + 579 + 47 = 633; 633 / 37088 = 0.017067515; 633 / 10966 = 0.057723874.
    [8, 0.017067515, 0.057723874],
  ];
  for (const [line, byReach, byImpressions] of cases) {
    const rates = facebookPostEngagement(postAt(posts, line));
    assert.ok(Math.abs(valueOf(rates.rateByReach) - byReach) < 5e-10, `line ${line} by reach`);
    assert.ok(Math.abs(valueOf(rates.rateByImpressions) - byImpressions) < 5e-10, `line ${line} by impressions`);
  }
});

test('sums engagements and impressions, not rates, across posts', () => {
  const { posts } = importFacebookMetrics(excerpt);
  const sample = [2, 3, 4].map((line) => postAt(posts, line));
  const rate = engagementRateByImpressions(
    sample.map((post) => ({ engagements: post.interactions, impressions: post.impressions })),
  );
  // (100 + 164 + 80) / (5091 + 19057 + 4373) = 344 / 28521 = 0.012061288; the mean of the three rates
  // would be (0.019642506 + 0.008605762 + 0.018294077) / 3 = 0.015514115.
  assert.ok(Math.abs(valueOf(rate) - 0.012061288) < 5e-10);
});

test('rejects an unreadable row with its line, column and the expected value, and goes on', () => {
  const csv = [
    header,
    '139441;Photo;2;12;4;3;0;2752;5091;178;109;159;3078;1640;119;4;79;17;100',
    '1;Reel;2;12;4;3;0;1;1;1;1;1;1;1;1;0;0;0;0',
    '1;Photo;2;13;4;3;0;1;1;1;1;1;1;1;1;0;0;0;0',
    '1;Photo;2;12;4',
  ].join('\n');
  const result = importFacebookMetrics(csv);
  assert.equal(result.posts.length, 1);
  assert.deepEqual(
    result.rejected.map((issue) => [issue.line, issue.code, issue.params.column ?? issue.params.found]),
    [
      [3, 'facebook_import.invalid_value', 'Type'],
      [4, 'facebook_import.invalid_value', 'Post Month'],
      [5, 'facebook_import.wrong_column_count', 5],
    ],
  );
  assert.match(result.rejected[1]!.message, /"13" is not a whole number from 1 to 12/);
});

test('flags a Total Interactions that is not the sum of its parts', () => {
  const csv = [header, '1;Status;1;1;1;1;0;100;200;10;10;10;10;10;10;1;2;3;7'].join('\r\n');
  const result = importFacebookMetrics(csv);
  assert.deepEqual(result.flagged[0]?.params, { interactions: 7, sum: 6 });
});

test('refuses a file that is not the dataset, naming the header that differs', () => {
  assert.throws(
    () => importFacebookMetrics('Page total likes,Type\n1,Photo'),
    /Line 1, column 1: expected the header "Page total likes"/,
  );
});
