import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { startDemoListening, type DemoListeningStream } from './demo-listening.ts';

const MINUTE = 60_000;

// The demo stream, driven by a fake clock: two days of history warm the spike baseline up, then an injected
// delivery incident must raise an alert within 5 simulated minutes of its onset, and none before it. The onset is
// put in the last minute of a 4-minute bucket (08:51 in 08:48-08:52), the hardest case: the first bucket holds
// one minute of the incident, so the alert has to come when the next bucket closes.
describe('the demo listening stream', () => {
  let t: TestApp;
  let stream: DemoListeningStream | undefined;
  let clock = Date.parse('2026-11-18T08:02:00Z');
  const now = () => new Date(clock);

  before(async () => {
    t = await createTestApp('pglite', { now });
    await t.composition.services.workspaces.insert({
      name: 'Maison Lumière',
      timeZone: 'Europe/Paris',
      locale: 'fr',
      isDemo: true,
    });
  });
  after(async () => {
    await stream?.stop();
    await t?.close();
  });

  it('raises an alert within 5 simulated minutes of an incident’s onset', async () => {
    stream = await startDemoListening({
      db: t.testDatabase.database.db,
      listening: t.composition.services.listening,
      now,
      historyHours: 48,
      intervalMs: 3_600_000,
      firstIncidentMinutes: 49,
      incidentEveryHours: 24,
    });
    assert.ok(stream, 'the demo workspace exists');
    const onset = stream.generator.incidents[0]!.onset;
    const db = t.testDatabase.database.db;
    const stored = await db
      .selectFrom('mentions')
      .select(db.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    assert.ok(Number(stored.count) > 2_000, `two days of history are stored (${stored.count})`);
    const before = await t.composition.services.listening.alerts.list(stream.workspaceId, { limit: 50 });
    const lateHistoryAlerts = before.filter((alert) => alert.raisedAt.getTime() > onset - 24 * 60 * MINUTE);

    // The stream ticks every 10 simulated seconds through the onset and 20 minutes after it.
    let firstAlertAt: number | undefined;
    while (clock < onset + 20 * MINUTE) {
      clock += 10_000;
      await stream.tick();
      if (firstAlertAt === undefined) {
        const alerts = await t.composition.services.listening.alerts.list(stream.workspaceId, { limit: 50 });
        const fresh = alerts.filter((alert) => !before.some((old) => old.id === alert.id));
        if (fresh.length > 0) {
          firstAlertAt = clock;
          assert.ok(
            fresh[0]!.raisedAt.getTime() >= onset,
            `no alert before the incident (got one at ${fresh[0]!.raisedAt.toISOString()} on ${fresh[0]!.queryName})`,
          );
        }
      }
    }
    assert.deepEqual(lateHistoryAlerts, [], 'the quiet day before the incident raised no alert');
    assert.ok(firstAlertAt !== undefined, 'an alert is raised');
    const delayMinutes = (firstAlertAt - onset) / MINUTE;
    assert.equal(new Date(onset).toISOString(), '2026-11-18T08:51:00.000Z');
    assert.ok(delayMinutes <= 5, `alert raised ${delayMinutes} minutes after the onset`);
  });

  it('restarts without storing a mention or a query twice', async () => {
    const db = t.testDatabase.database.db;
    const count = async (table: 'mentions' | 'listening_queries') =>
      Number((await db.selectFrom(table).select(db.fn.countAll<string>().as('count')).executeTakeFirstOrThrow()).count);
    const before = { mentions: await count('mentions'), queries: await count('listening_queries') };
    await stream?.stop();
    stream = await startDemoListening({
      db,
      listening: t.composition.services.listening,
      now,
      intervalMs: 3_600_000,
    });
    assert.deepEqual({ mentions: await count('mentions'), queries: await count('listening_queries') }, before);
  });
});
