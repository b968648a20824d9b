import type { PostVariant } from '@sillage/contracts';
import { networkIds, utcToZoned, type NetworkId } from '@sillage/domain';
import type { RunningSimulators, SimulatedAccount } from '@sillage/simulators';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { PostsService, PostWithPublications } from '../publishing/posts.service.ts';
import { createSecretBox, type SecretBox } from '../security/secret-box.ts';
import { demoMedia, type DemoMediaName } from './demo-media.ts';
import { seedDemoMetrics } from './demo-metrics.ts';

/** The demo's account on each network, as Maison Lumière would name it. */
const demoAccountNames: Record<NetworkId, string> = {
  facebook: 'Maison Lumière',
  instagram: 'maisonlumiere',
  threads: 'maisonlumiere',
  linkedin: 'Maison Lumière',
  x: 'Maison Lumière',
  tiktok: 'maisonlumiere',
  youtube: 'Maison Lumière',
  pinterest: 'maisonlumiere',
  bluesky: 'maisonlumiere',
  mastodon: 'maisonlumiere',
  google_business: 'Maison Lumière — Lyon',
};

/**
 * Connects the demo workspace's channels, one per network, to the simulators started with this process.
 * Simulators keep their accounts in memory, so each start creates fresh accounts and rebinds the same channel
 * rows (their publications and history stay): the channel's instance URL is the simulator, which the engine
 * calls instead of the real network.
 */
export async function connectDemoChannels(deps: {
  db: Kysely<DB>;
  secretBox: SecretBox;
  simulators: RunningSimulators;
  workspaceId: string;
  ownerId: string;
  now: () => Date;
}): Promise<Map<NetworkId, { channelId: string; account: SimulatedAccount }>> {
  const { db, secretBox, workspaceId } = deps;
  const connected = new Map<NetworkId, { channelId: string; account: SimulatedAccount }>();
  for (const network of networkIds) {
    const account = await deps.simulators.createAccount(network, demoAccountNames[network]);
    const values = {
      network_account_id: account.accountId,
      display_name: account.displayName,
      instance_url: account.instanceUrl ?? deps.simulators.baseUrls[network],
      access_token_encrypted: secretBox.seal(account.accessToken, workspaceId),
      refresh_token_encrypted:
        account.refreshToken === undefined ? null : secretBox.seal(account.refreshToken, workspaceId),
      token_expires_at: account.expiresAt ?? null,
      status: 'active' as const,
      last_error_at: null,
      last_error: null,
      blocked_until: null,
      updated_at: deps.now(),
    };
    const channelId = await db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('channels')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('network', '=', network)
        .orderBy('created_at')
        .forUpdate()
        .executeTakeFirst();
      if (existing) {
        await trx.updateTable('channels').set(values).where('id', '=', existing.id).execute();
        return existing.id;
      }
      const inserted = await trx
        .insertInto('channels')
        .values({ ...values, workspace_id: workspaceId, network, created_by: deps.ownerId })
        .returning('id')
        .executeTakeFirstOrThrow();
      return inserted.id;
    });
    connected.set(network, { channelId, account });
  }
  return connected;
}

const media = (base: string, name: DemoMediaName, altText?: string) => ({
  url: `${base}/demo-media/${name}`,
  ...demoMedia[name].meta,
  ...(altText ? { altText } : {}),
});

/**
 * The autumn collection launch, one post on all eleven networks, each in its native format: an Instagram
 * carousel, an X and a Threads thread, a LinkedIn document, a TikTok video, a YouTube Short, a Pin, a Bluesky
 * link card, a Mastodon image with its description, a Google Business offer and a Facebook photo.
 */
export function launchPostVariants(
  channels: ReadonlyMap<NetworkId, { channelId: string; account: SimulatedAccount }>,
  mediaBase: string,
  today: string,
): PostVariant[] {
  const id = (network: NetworkId) => channels.get(network)!.channelId;
  const alt = 'Une bougie ambrée allumée sur une table en chêne';
  const shop = 'https://maison-lumiere.example/automne';
  const inAMonth = addDays(today, 30);
  return [
    { channelId: id('facebook'), format: 'image', media: [media(mediaBase, 'candle-square.jpg', alt)] },
    {
      channelId: id('instagram'),
      format: 'carousel',
      text: 'Notre collection d’automne est là 🍂 Cinq parfums coulés à la main à Lyon. #bougie #automne #faitmain',
      media: [media(mediaBase, 'candle-portrait.jpg', alt), media(mediaBase, 'candle-square.jpg', alt)],
    },
    {
      channelId: id('threads'),
      format: 'thread',
      threadParts: [{ text: 'Nos préférées : Feu de bois et Figue noire. Laquelle allumerez-vous ce soir ?' }],
    },
    {
      channelId: id('linkedin'),
      format: 'document',
      text: 'Lookbook automne 2026 : comment une petite maison lyonnaise fabrique ses bougies, de la cire au colis.',
      media: [{ ...media(mediaBase, 'lookbook.pdf'), altText: 'Lookbook automne 2026' }],
    },
    {
      channelId: id('x'),
      format: 'thread',
      text: 'La collection d’automne de Maison Lumière est en ligne 🕯️ Cinq parfums, cire végétale, coulés à Lyon.',
      threadParts: [{ text: `Livraison offerte jusqu’à dimanche : ${shop}` }],
    },
    {
      channelId: id('tiktok'),
      format: 'video',
      text: 'On coule la collection d’automne 🕯️ #bougie #asmr #faitmain',
      media: [media(mediaBase, 'candle-vertical.mp4')],
      options: { privacyLevel: 'PUBLIC_TO_EVERYONE' },
    },
    {
      channelId: id('youtube'),
      format: 'short',
      text: 'Coulage de la bougie Feu de bois, collection automne 2026. #Shorts',
      media: [media(mediaBase, 'candle-vertical.mp4')],
      options: { title: 'Collection automne 2026 : le coulage #Shorts' },
    },
    {
      channelId: id('pinterest'),
      format: 'pin',
      text: 'Bougie parfumée Feu de bois, cire végétale, coulée à la main à Lyon.',
      media: [media(mediaBase, 'candle-pin.jpg', alt)],
      link: { url: shop },
      options: { boardId: channels.get('pinterest')!.account.defaults.boardId ?? '', title: 'Bougie Feu de bois' },
    },
    {
      channelId: id('bluesky'),
      format: 'link',
      text: `La collection d’automne est en ligne : ${shop}`,
      link: { url: shop, title: 'Collection automne 2026', description: 'Cinq parfums coulés à la main à Lyon.' },
    },
    {
      channelId: id('mastodon'),
      format: 'image',
      media: [media(mediaBase, 'candle-square.jpg', alt)],
    },
    {
      channelId: id('google_business'),
      format: 'offer',
      text: 'Collection d’automne : -15 % en boutique rue Mercière avec le code AUTOMNE15.',
      media: [media(mediaBase, 'candle-square.jpg', alt)],
      options: {
        title: 'Automne -15 %',
        startDate: today,
        endDate: inAMonth,
        couponCode: 'AUTOMNE15',
        languageCode: 'fr',
        redeemOnlineUrl: shop,
      },
    },
  ];
}

function addDays(date: string, days: number): string {
  const instant = new Date(`${date}T12:00:00Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return instant.toISOString().slice(0, 10);
}

export const LAUNCH_POST_TEXT =
  'La collection d’automne de Maison Lumière est arrivée : cinq parfums coulés à la main à Lyon 🕯️';

/**
 * Schedules the launch post once, a few minutes ahead in the workspace's zone, so the demo shows it go from
 * scheduled to published on every network. Returns undefined when the demo already has it.
 */
export async function scheduleLaunchPost(deps: {
  db: Kysely<DB>;
  posts: PostsService;
  channels: ReadonlyMap<NetworkId, { channelId: string; account: SimulatedAccount }>;
  workspaceId: string;
  timeZone: string;
  owner: { userId: string; email: string };
  mediaBase: string;
  now: () => Date;
  minutesAhead?: number;
}): Promise<PostWithPublications | undefined> {
  const existing = await deps.db
    .selectFrom('posts')
    .select('id')
    .where('workspace_id', '=', deps.workspaceId)
    .where('text', '=', LAUNCH_POST_TEXT)
    .executeTakeFirst();
  if (existing) return undefined;
  // Minutes ahead, rounded up to a whole minute (times are chosen to the minute); 0 means the current minute.
  const minutesAhead = deps.minutesAhead ?? 2;
  const at = new Date(deps.now().getTime() + (minutesAhead === 0 ? 0 : (minutesAhead + 1) * 60_000));
  const local = utcToZoned(at, deps.timeZone);
  const actor = {
    userId: deps.owner.userId,
    email: deps.owner.email,
    ip: '127.0.0.1',
    workspaceId: deps.workspaceId,
    role: 'owner' as const,
  };
  return deps.posts.create(actor, {
    text: LAUNCH_POST_TEXT,
    channelIds: [...deps.channels.values()].map((channel) => channel.channelId),
    schedule: { date: local.date, time: local.time, timeZone: deps.timeZone },
    variants: launchPostVariants(deps.channels, deps.mediaBase, local.date),
  });
}

/** At each start of the demo: channels bound to this process's simulators, and the launch post the first time. */
export async function startDemoPublishing(deps: {
  db: Kysely<DB>;
  secretKey: Buffer;
  simulators: RunningSimulators;
  posts: PostsService;
  mediaBase: string;
  minutesAhead?: number;
  now: () => Date;
}): Promise<void> {
  const workspace = await deps.db
    .selectFrom('workspaces')
    .select(['id', 'time_zone as timeZone'])
    .where('is_demo', '=', true)
    .executeTakeFirst();
  if (!workspace) return;
  const owner = await deps.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email'])
    .where('memberships.workspace_id', '=', workspace.id)
    .where('memberships.role', '=', 'owner')
    .executeTakeFirst();
  if (!owner) return;
  const channels = await connectDemoChannels({
    db: deps.db,
    secretBox: createSecretBox(deps.secretKey),
    simulators: deps.simulators,
    workspaceId: workspace.id,
    ownerId: owner.id,
    now: deps.now,
  });
  // Once: about 90 days of published posts and their figures for the analytics pages.
  await seedDemoMetrics({
    db: deps.db,
    workspaceId: workspace.id,
    timeZone: workspace.timeZone,
    authorId: owner.id,
    channels,
    now: deps.now,
  });
  await scheduleLaunchPost({
    db: deps.db,
    posts: deps.posts,
    channels,
    workspaceId: workspace.id,
    timeZone: workspace.timeZone,
    owner: { userId: owner.id, email: owner.email },
    mediaBase: deps.mediaBase,
    ...(deps.minutesAhead === undefined ? {} : { minutesAhead: deps.minutesAhead }),
    now: deps.now,
  });
}
