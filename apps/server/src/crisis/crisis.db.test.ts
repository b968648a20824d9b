import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { CrisisRoomView, PublishingPauseView } from '@sillage/contracts';
import { createPublishingHarness } from '../publishing/testing/publishing-harness.ts';
import type { SignedInClient } from '../testing/test-app.ts';
import { databaseKindsUnderTest } from '../testing/test-database.ts';

const MINUTE = 60_000;

/** The text of a PDF, as pdftotext (poppler-utils) reads it, with runs of spaces collapsed. */
async function pdfText(pdf: Buffer): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'sillage-postmortem-'));
  try {
    const file = path.join(directory, 'postmortem.pdf');
    await writeFile(file, pdf);
    const { stdout } = await promisify(execFile)('pdftotext', ['-layout', file, '-']);
    return stdout.replace(/[ \t]+/g, ' ');
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

for (const kind of databaseKindsUnderTest()) {
  describe(`the crisis room on ${kind}`, () => {
    let h: Awaited<ReturnType<typeof createPublishingHarness>>;
    let owner: SignedInClient;
    let strategist: SignedInClient;
    let editor: SignedInClient;
    let channelId: string;
    let queryId: string;
    let alertId: string;
    let crisisId: string;
    const onset = new Date('2026-11-20T07:00:00Z');
    const ws = () => `/api/workspaces/${h.w.id}`;
    const room = (suffix = '') => `${ws()}/crises/${crisisId}${suffix}`;

    /** Stores `count` mentions matched by the query at `at` + i seconds, the first `negative` of them negative. */
    async function mentionsAt(at: Date, count: number, negative: number) {
      const db = h.t.testDatabase.database.db;
      for (let index = 0; index < count; index += 1) {
        const publishedAt = new Date(at.getTime() + index * 1000);
        const sentiment = index < negative ? 'negative' : 'neutral';
        const mention = await db
          .insertInto('mentions')
          .values({
            workspace_id: h.w.id,
            source: 'x',
            network_id: `m-${at.getTime()}-${index}`,
            author: 'someone',
            text: 'Livraison en retard chez Maison Lumière',
            lang: 'fr',
            sentiment,
            sentiment_score: sentiment === 'negative' ? -0.6 : 0,
            published_at: publishedAt,
            collected_at: publishedAt,
            cluster_key: `k${index}`,
          } as never)
          .returning('id')
          .executeTakeFirstOrThrow();
        await db
          .insertInto('mention_matches')
          .values({
            workspace_id: h.w.id,
            query_id: queryId,
            mention_id: mention.id,
            published_at: publishedAt,
            sentiment,
          } as never)
          .execute();
      }
    }

    before(async () => {
      h = await createPublishingHarness(kind, { start: '2026-11-20T08:00:00Z' });
      owner = await h.t.signIn(h.w.owner.email);
      const strategistUser = await h.t.createUser({
        email: `crisis-strategist-${kind}@example.com`,
        name: 'Stella Strategist',
        workspaceId: h.w.id,
        role: 'strategist',
      });
      strategist = await h.t.signIn(strategistUser.email);
      editor = await h.t.signIn(h.w.member.email);
      channelId = (await h.addChannel()).id;
      const { queries, alerts } = h.t.composition.services.listening;
      queryId = (
        await queries.insert({
          workspaceId: h.w.id,
          name: 'Maison Lumière',
          text: '"maison lumière"',
          kind: 'brand',
          active: true,
          createdBy: null,
          now: new Date('2026-11-01T00:00:00Z'),
        })
      ).id;
      // Baseline: 84 mentions in the 7 days before the onset (0.5 an hour), 21 negative (25%).
      for (let day = 1; day <= 7; day += 1) await mentionsAt(new Date(onset.getTime() - day * 86_400_000), 12, 3);
      // Since the onset: 40 in the first hour (30 negative), 10 in the second (4 negative).
      await mentionsAt(new Date(onset.getTime() + MINUTE), 40, 30);
      await mentionsAt(new Date(onset.getTime() + 61 * MINUTE), 10, 4);
      alertId = (await alerts.insert({
        workspaceId: h.w.id,
        queryId,
        kind: 'volume',
        severity: 'critical',
        windowStart: onset,
        windowEnd: new Date(onset.getTime() + 4 * MINUTE),
        observed: 40,
        expected: 2,
        score: 9,
        raisedAt: new Date(onset.getTime() + 5 * MINUTE),
      }))!;
    });
    after(() => h.close());

    it('opens a crisis from an alert: its query, its onset, the owner; the alert is acknowledged', async () => {
      const denied = await editor.request({
        method: 'POST',
        url: `${ws()}/crises`,
        payload: { title: 'Late deliveries', severity: 'crisis', alertId },
      });
      assert.equal(denied.statusCode, 403, 'an editor may not open a crisis');
      const response = await owner.request({
        method: 'POST',
        url: `${ws()}/crises`,
        payload: { title: 'Late deliveries', severity: 'crisis', alertId },
      });
      assert.equal(response.statusCode, 201, response.body);
      const view = response.json<CrisisRoomView>();
      crisisId = view.crisis.id;
      assert.equal(view.crisis.queryId, queryId);
      assert.equal(view.crisis.onsetAt, onset.toISOString());
      assert.equal(view.crisis.ownerId, h.w.owner.id);
      assert.equal(view.crisis.status, 'open');
      assert.deepEqual(
        view.events.map((event) => event.kind),
        ['crisis.opened'],
      );
      const alert = await h.t.composition.services.listening.alerts.find(h.w.id, alertId);
      assert.equal(alert?.status, 'acknowledged');
    });

    it('shows the figures since onset against the 7-day baseline', async () => {
      const view = (await owner.request({ method: 'GET', url: room() })).json<CrisisRoomView>();
      const { figures } = view;
      assert.equal(figures.baseline.mentions, 84);
      assert.equal(figures.baseline.perHour, 0.5);
      assert.equal(figures.baseline.negativeShare, 0.25);
      // The clock is at 08:00, one hour after the onset: the second hour's mentions (08:01) are not in yet.
      assert.equal(figures.sinceOnset.mentions, 40);
      assert.equal(figures.sinceOnset.negativeShare, 0.75);
      assert.equal(figures.sinceOnset.perHour, 40);
      assert.equal(figures.volumeRatio, 80);
      assert.deepEqual(figures.peak, { start: onset.toISOString(), mentions: 40 });
      h.clock.set('2026-11-20T08:30:00Z');
      const later = (await owner.request({ method: 'GET', url: room() })).json<CrisisRoomView>();
      assert.equal(later.figures.sinceOnset.mentions, 50);
      assert.deepEqual(
        later.figures.hourly.map((bucket) => [bucket.mentions, bucket.negative]),
        [
          [40, 30],
          [10, 4],
        ],
      );
      assert.equal(later.figures.lastHour.mentions, 10, 'the last hour is 07:30-08:30');
    });

    it('keeps the team’s notes and logs who did what', async () => {
      const response = await owner.request({
        method: 'POST',
        url: room('/notes'),
        payload: { text: 'Carrier confirms a depot outage in Lyon.' },
      });
      assert.equal(response.statusCode, 201, response.body);
      const view = response.json<CrisisRoomView>();
      assert.equal(view.notes[0]?.text, 'Carrier confirms a depot outage in Lyon.');
      assert.equal(view.events.at(-1)?.kind, 'crisis.note_added');
      const audit = await h.t.testDatabase.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('workspace_id', '=', h.w.id)
        .where('action', 'like', 'crisis.%')
        .execute();
      assert.deepEqual(audit.map((row) => row.action).sort(), ['crisis.note_added', 'crisis.opened']);
    });

    let statementId: string;
    let scheduledPostId: string;

    it('pauses the calendar: a scheduled post falls due and is neither claimed nor marked missed', async () => {
      const post = await h.posts.create(h.actor, {
        text: 'Notre calendrier de l’Avent arrive !',
        channelIds: [channelId],
      });
      await h.posts.schedule(h.actor, post.id, { date: '2026-11-20', time: '10:00', timeZone: 'Europe/Paris' });
      scheduledPostId = post.id;
      const denied = await editor.request({
        method: 'POST',
        url: `${ws()}/publishing-pause`,
        payload: { reason: 'Crisis' },
      });
      assert.equal(denied.statusCode, 403, 'an editor may not pause publishing');
      const paused = await strategist.request({
        method: 'POST',
        url: `${ws()}/publishing-pause`,
        payload: { reason: 'Late deliveries crisis', crisisId },
      });
      assert.equal(paused.statusCode, 200, paused.body);
      assert.equal(paused.json<PublishingPauseView>().paused, true);
      assert.equal(paused.json<PublishingPauseView>().pausedByName, 'Stella Strategist');

      h.clock.set('2026-11-20T09:01:00Z');
      assert.equal(await h.engine.tick(), 0, 'nothing is claimed while paused');
      h.clock.set('2026-11-20T09:40:00Z');
      const swept = await h.engine.sweep();
      assert.equal(swept.missed, 0, 'the late sweep leaves paused publications alone');
      assert.deepEqual(
        (await h.publication(post.id)).map((row) => row.state),
        ['scheduled'],
      );
    });

    it('writes a holding statement from a template, refuses it with unfilled variables, approves it by someone allowed', async () => {
      const draft = await owner.request({
        method: 'POST',
        url: room('/statements'),
        payload: { language: 'fr', text: 'Maison Lumière est au courant de {{issue}}.', channelIds: [channelId] },
      });
      assert.equal(draft.statusCode, 201, draft.body);
      statementId = draft.json<CrisisRoomView>().statements[0]!.id;
      const unfilled = await owner.request({ method: 'POST', url: room(`/statements/${statementId}/submit`) });
      assert.equal(unfilled.statusCode, 400, unfilled.body);
      assert.match(unfilled.body, /\{\{issue\}\}/);

      const filled = await owner.request({
        method: 'POST',
        url: room('/statements'),
        payload: {
          language: 'fr',
          text: 'Maison Lumière est au courant des retards de livraison. Prochaine information à 14 h.',
          channelIds: [channelId],
        },
      });
      statementId = filled.json<CrisisRoomView>().statements[1]!.id;
      const submitted = await owner.request({ method: 'POST', url: room(`/statements/${statementId}/submit`) });
      assert.equal(submitted.statusCode, 200, submitted.body);
      const statement = submitted.json<CrisisRoomView>().statements[1]!;
      assert.equal(statement.status, 'submitted');
      assert.ok(statement.postId, 'a post is created for the statement');
      assert.equal(statement.throughApprovalChain, false);

      const editorDecides = await editor.request({
        method: 'POST',
        url: room(`/statements/${statementId}/decision`),
        payload: { decision: 'approve' },
      });
      assert.equal(editorDecides.statusCode, 403, 'an editor may not approve');
      const rejectWithoutReason = await strategist.request({
        method: 'POST',
        url: room(`/statements/${statementId}/decision`),
        payload: { decision: 'reject' },
      });
      assert.equal(rejectWithoutReason.statusCode, 400);
      const approved = await strategist.request({
        method: 'POST',
        url: room(`/statements/${statementId}/decision`),
        payload: { decision: 'approve' },
      });
      assert.equal(approved.statusCode, 200, approved.body);
      const decided = approved.json<CrisisRoomView>().statements[1]!;
      assert.equal(decided.status, 'approved');
      assert.equal(decided.decidedByName, 'Stella Strategist');
      assert.equal(decided.decidedAt, '2026-11-20T09:40:00.000Z');
    });

    it('publishes the approved statement while paused: it is the one thing that goes out', async () => {
      const published = await owner.request({ method: 'POST', url: room(`/statements/${statementId}/publish`) });
      assert.equal(published.statusCode, 200, published.body);
      const statement = published.json<CrisisRoomView>().statements[1]!;
      assert.equal(statement.status, 'published');
      assert.equal(await h.engine.tick(), 1, 'only the statement is claimed');
      assert.deepEqual(
        (await h.publication(statement.postId!)).map((row) => row.state),
        ['published'],
      );
      assert.deepEqual(
        (await h.publication(scheduledPostId)).map((row) => row.state),
        ['scheduled'],
        'the calendar stays paused',
      );
    });

    it('resumes: what fell due during the pause is held for the user, not sent late', async () => {
      h.clock.set('2026-11-20T10:00:00Z');
      const resumed = await strategist.request({ method: 'POST', url: `${ws()}/publishing-pause/resume` });
      assert.equal(resumed.statusCode, 200, resumed.body);
      const state = resumed.json<PublishingPauseView>();
      assert.equal(state.paused, false);
      assert.deepEqual(
        state.held.map((row) => [row.postId, row.state, row.scheduledAt]),
        [[scheduledPostId, 'approved', '2026-11-20T09:00:00.000Z']],
      );
      assert.equal(await h.engine.tick(), 0, 'the held post does not go out on its own');
      // The user publishes it now: it leaves the held list and goes out.
      await h.posts.publishNow(h.actor, scheduledPostId);
      assert.equal(await h.engine.tick(), 1);
      const after = (
        await owner.request({ method: 'GET', url: `${ws()}/publishing-pause` })
      ).json<PublishingPauseView>();
      assert.deepEqual(after.held, []);
    });

    it('closes with lessons learned and exports the post-mortem in English and French', async () => {
      const closed = await owner.request({
        method: 'POST',
        url: room('/close'),
        payload: { summary: 'A depot outage delayed 300 orders.', lessons: 'Warn customers before they ask.' },
      });
      assert.equal(closed.statusCode, 200, closed.body);
      assert.equal(closed.json<CrisisRoomView>().crisis.status, 'closed');
      const again = await owner.request({
        method: 'POST',
        url: room('/close'),
        payload: { summary: 'x', lessons: 'y' },
      });
      assert.equal(again.statusCode, 409);

      const pdf = await owner.request({ method: 'GET', url: room('/postmortem.pdf?locale=en') });
      assert.equal(pdf.statusCode, 200, pdf.body);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const text = await pdfText(pdf.rawPayload);
      for (const expected of [
        'Post-mortem',
        'Late deliveries',
        '2026-11-20 07:00 Onset',
        '2026-11-20 07:05 First alert',
        '2026-11-20 08:00 Crisis opened',
        'Publishing paused',
        'Holding statement approved',
        'Holding statement published',
        'Publishing resumed',
        'Crisis closed',
        'Baseline: 7 days before onset',
        'Negative share',
        '68%',
        'Carrier confirms a depot outage in Lyon.',
        'Warn customers before they ask.',
        'A depot outage delayed 300 orders.',
      ])
        assert.ok(text.includes(expected), `the post-mortem shows "${expected}":\n${text}`);
      const french = await pdfText(
        (await owner.request({ method: 'GET', url: room('/postmortem.pdf?locale=fr') })).rawPayload,
      );
      for (const expected of ['Retour d', 'Chronologie', 'Première alerte', 'Enseignements', 'Part négative'])
        assert.ok(french.includes(expected), `the French post-mortem shows "${expected}":\n${french}`);
    });

    it('sends a statement through the approval chain when it is on: only the step’s approvers decide', async () => {
      const policy = await owner.request({
        method: 'PUT',
        url: `${ws()}/approval-policy`,
        payload: {
          enabled: true,
          reapproveOnEdit: true,
          steps: [{ name: 'Brand', mode: 'any', userIds: [], roles: ['strategist'], client: false }],
        },
      });
      assert.equal(policy.statusCode, 200, policy.body);
      const opened = await owner.request({
        method: 'POST',
        url: `${ws()}/crises`,
        payload: { title: 'Second wave', severity: 'warning', queryId },
      });
      assert.equal(opened.statusCode, 201, opened.body);
      crisisId = opened.json<CrisisRoomView>().crisis.id;
      const drafted = await owner.request({
        method: 'POST',
        url: room('/statements'),
        payload: { language: 'en', text: 'We are aware of the delays.', channelIds: [channelId] },
      });
      const id = drafted.json<CrisisRoomView>().statements[0]!.id;
      const submitted = await owner.request({ method: 'POST', url: room(`/statements/${id}/submit`) });
      assert.equal(submitted.statusCode, 200, submitted.body);
      assert.equal(submitted.json<CrisisRoomView>().statements[0]!.throughApprovalChain, true);
      const byOwner = await owner.request({
        method: 'POST',
        url: room(`/statements/${id}/decision`),
        payload: { decision: 'approve' },
      });
      assert.equal(byOwner.statusCode, 403, 'the owner is not an approver of the step');
      const byStrategist = await strategist.request({
        method: 'POST',
        url: room(`/statements/${id}/decision`),
        payload: { decision: 'approve' },
      });
      assert.equal(byStrategist.statusCode, 200, byStrategist.body);
      const statement = byStrategist.json<CrisisRoomView>().statements[0]!;
      assert.equal(statement.status, 'approved');
      const approval = await owner.request({ method: 'GET', url: `${ws()}/posts/${statement.postId}/approval` });
      assert.equal(approval.json<{ round: { status: string } }>().round.status, 'approved');
    });
  });
}
