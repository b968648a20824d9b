import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  businessMillisecondsBetween,
  medianFirstResponseMinutes,
  netSentiment,
  responseRate,
  shareOfVoice,
  type BusinessHours,
} from './community-kpis.ts';
import { notReported } from './metric-result.ts';

const workday = [
  { start: '09:00', end: '12:00' },
  { start: '14:00', end: '18:00' },
];
// Paris, Monday to Friday 9-12 and 14-18, Easter Monday 2026 closed.
const paris: BusinessHours = {
  timeZone: 'Europe/Paris',
  weekly: { 1: workday, 2: workday, 3: workday, 4: workday, 5: workday },
  closedDates: ['2026-04-06'],
};
const minutes = (from: string, to: string) => businessMillisecondsBetween(new Date(from), new Date(to), paris) / 60_000;

test('computes share of voice against the tracked competitors', () => {
  // 30 / (30 + 50 + 20) = 0.3.
  assert.deepEqual(shareOfVoice({ brandMentions: 30, competitorMentions: [50, 20] }), { kind: 'value', value: 0.3 });
  assert.deepEqual(shareOfVoice({ brandMentions: 0, competitorMentions: [] }).kind, 'undefined');
  assert.deepEqual(shareOfVoice({ brandMentions: notReported(), competitorMentions: [5] }).kind, 'not_reported');
});

test('computes net sentiment on positive and negative mentions, with the neutral share beside it', () => {
  // (60 - 20) / (60 + 20) = 0.5; neutral 20 / 100 = 0.2.
  assert.deepEqual(netSentiment({ positive: 60, negative: 20, neutral: 20 }), {
    netSentiment: { kind: 'value', value: 0.5 },
    neutralShare: { kind: 'value', value: 0.2 },
  });
  assert.deepEqual(netSentiment({ positive: 0, negative: 0, neutral: 5 }).netSentiment.kind, 'undefined');
});

test('computes the response rate', () => {
  assert.deepEqual(responseRate({ answered: 45, conversations: 50 }), { kind: 'value', value: 0.9 });
  assert.deepEqual(responseRate({ answered: 0, conversations: 0 }).kind, 'undefined');
});

test('counts only business hours of the workspace zone, across a weekend and a DST change', () => {
  // Friday 27 March 17:00 Paris (16:00Z, UTC+1) to Monday 30 March 10:00 Paris (08:00Z, UTC+2 since Sunday):
  // Friday 17:00-18:00 + Monday 09:00-10:00 = 120 minutes.
  assert.equal(minutes('2026-03-27T16:00:00Z', '2026-03-30T08:00:00Z'), 120);
  // Tuesday 31 March 11:30 to 14:30 Paris: 11:30-12:00 + 14:00-14:30 = 60 (lunch is closed).
  assert.equal(minutes('2026-03-31T09:30:00Z', '2026-03-31T12:30:00Z'), 60);
  // Saturday: closed.
  assert.equal(minutes('2026-03-28T09:00:00Z', '2026-03-28T15:00:00Z'), 0);
  // Friday 3 April 17:30 to Tuesday 7 April 09:15 Paris, Monday 6 closed: 30 + 15 = 45.
  assert.equal(minutes('2026-04-03T15:30:00Z', '2026-04-07T07:15:00Z'), 45);
  assert.equal(minutes('2026-04-07T07:15:00Z', '2026-04-03T15:30:00Z'), 0);
});

test('takes the median first-response time in business minutes, unanswered conversations aside', () => {
  const conversations = [
    { receivedAt: new Date('2026-03-27T16:00:00Z'), firstReplyAt: new Date('2026-03-30T08:00:00Z') }, // 120
    { receivedAt: new Date('2026-03-31T09:30:00Z'), firstReplyAt: new Date('2026-03-31T12:30:00Z') }, // 60
    { receivedAt: new Date('2026-04-01T08:00:00Z'), firstReplyAt: new Date('2026-04-01T08:05:00Z') }, // 5
    { receivedAt: new Date('2026-04-01T09:00:00Z') }, // unanswered
  ];
  // Sorted 5, 60, 120: the median is 60.
  assert.deepEqual(medianFirstResponseMinutes(conversations, paris), {
    kind: 'value',
    value: 60,
    notes: [{ code: 'items_excluded_not_reported', count: 1 }],
  });
  // Adding the 45-minute Easter reply: 5, 45, 60, 120 -> (45 + 60) / 2 = 52.5.
  const withEaster = [
    ...conversations,
    { receivedAt: new Date('2026-04-03T15:30:00Z'), firstReplyAt: new Date('2026-04-07T07:15:00Z') },
  ];
  assert.deepEqual(medianFirstResponseMinutes(withEaster, paris), {
    kind: 'value',
    value: 52.5,
    notes: [{ code: 'items_excluded_not_reported', count: 1 }],
  });
  assert.deepEqual(medianFirstResponseMinutes([], paris), { kind: 'undefined', reason: 'no_data' });
});

test('refuses business hours in an unknown time zone', () => {
  assert.throws(
    () => businessMillisecondsBetween(new Date(0), new Date(1), { ...paris, timeZone: 'Europe/Lutece' }),
    /"Europe\/Lutece" is not a known IANA time zone/,
  );
});
