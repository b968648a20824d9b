import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../apps/server/src/db/schema.ts';
import { createSecretBox } from '../../apps/server/src/security/secret-box.ts';

const TIME_ZONE = 'Europe/Paris';
const CHUNK = 1_000;

/** The wall clock of `instant` in `timeZone`: what the user picked in the calendar. */
function wallClock(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return { localDate: `${parts.year}-${parts.month}-${parts.day}`, localTime: `${parts.hour}:${parts.minute}` };
}

/**
 * One workspace with one channel per simulator account (tokens sealed as the app seals them) and one post
 * per publication, spread round-robin over the channels. Publications are `scheduled` an hour ahead until
 * `scheduleAllAt` moves them all to one instant, once the workers are up.
 */
export async function seedBurst(
  db: Kysely<DB>,
  options: {
    secretKey: Buffer;
    publications: number;
    accounts: readonly { id: string; accessToken: string; refreshToken: string }[];
  },
) {
  const box = createSecretBox(options.secretKey);
  const user = await db
    .insertInto('users')
    .values({ email: 'bench@sillage.local', name: 'Bench', password_hash: 'not-a-login' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const workspace = await db
    .insertInto('workspaces')
    .values({ name: 'Publishing burst', time_zone: TIME_ZONE })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('memberships').values({ workspace_id: workspace.id, user_id: user.id, role: 'owner' }).execute();
  const channels = await db
    .insertInto('channels')
    .values(
      options.accounts.map((account, index) => ({
        workspace_id: workspace.id,
        network: 'x',
        network_account_id: account.id,
        display_name: `Burst account ${index + 1}`,
        instance_url: null,
        access_token_encrypted: box.seal(account.accessToken, workspace.id),
        refresh_token_encrypted: box.seal(account.refreshToken, workspace.id),
        token_expires_at: null,
        created_by: user.id,
      })),
    )
    .returning('id')
    .execute();

  const placeholder = new Date(Date.now() + 3_600_000);
  const { localDate, localTime } = wallClock(placeholder, TIME_ZONE);
  const texts: string[] = [];
  for (let start = 0; start < options.publications; start += CHUNK) {
    const posts = Array.from({ length: Math.min(CHUNK, options.publications - start) }, (_, offset) => {
      const index = start + offset;
      const text = `Burst publication ${index + 1}: the autumn collection is live in every boutique.`;
      texts.push(text);
      return { id: randomUUID(), index, text };
    });
    await db
      .insertInto('posts')
      .values(posts.map((post) => ({ id: post.id, workspace_id: workspace.id, author_id: user.id, text: post.text })))
      .execute();
    await db
      .insertInto('publications')
      .values(
        posts.map((post) => ({
          workspace_id: workspace.id,
          post_id: post.id,
          channel_id: channels[post.index % channels.length]!.id,
          state: 'scheduled',
          scheduled_at: placeholder,
          next_attempt_at: placeholder,
          time_zone: TIME_ZONE,
          local_date: localDate,
          local_time: localTime,
        })),
      )
      .execute();
  }

  return {
    texts,
    /** Every publication due at `instant` (and its wall clock with it). */
    async scheduleAllAt(instant: Date): Promise<void> {
      const clock = wallClock(instant, TIME_ZONE);
      await db
        .updateTable('publications')
        .set({
          scheduled_at: instant,
          next_attempt_at: instant,
          local_date: clock.localDate,
          local_time: clock.localTime,
          updated_at: new Date(),
        })
        .where('state', '=', 'scheduled')
        .execute();
    },
  };
}
