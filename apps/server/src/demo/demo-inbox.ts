import type { RunningSimulators } from '@sillage/simulators';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { InboxIngestion } from '../inbox/inbox-ingestion.service.ts';

type Incoming =
  | { network: 'facebook'; kind: 'comment' | 'message'; author: string; text: string }
  | { network: 'instagram'; author: string; text: string }
  | { network: 'mastodon'; author: string; text: string }
  | { network: 'bluesky'; author: string; text: string }
  | { network: 'google_business'; author: string; rating: 1 | 2 | 3 | 4 | 5; text: string };

/** What Maison Lumière's community writes, in French and English: questions, praise, complaints, reviews. */
const script: readonly Incoming[] = [
  { network: 'facebook', kind: 'comment', author: 'Camille Martin', text: 'La bougie Figue noire revient cet hiver ?' },
  {
    network: 'google_business',
    author: 'Sophie Bernard',
    rating: 5,
    text: 'Accueil chaleureux, bougies magnifiques, je recommande vivement la boutique de Lyon !',
  },
  {
    network: 'facebook',
    kind: 'message',
    author: 'Julien Petit',
    text: 'Bonjour, je voudrais offrir 40 coffrets pour un mariage en juin : faites-vous des remises ?',
  },
  { network: 'instagram', author: 'ines.lyon', text: 'Trop belle cette collection 😍 Elle sent quoi la Feu de bois ?' },
  {
    network: 'mastodon',
    author: 'lou@piaille.example',
    text: 'vos bougies sont-elles en cire de colza ou de soja ? Merci !',
  },
  {
    network: 'bluesky',
    author: 'emma-reads.bsky.test',
    text: 'Is the autumn box still available? Asking for a friend 🕯️',
  },
  {
    network: 'facebook',
    kind: 'comment',
    author: 'Thomas Roux',
    text: 'Commandé vendredi, toujours rien reçu et pas de numéro de suivi… très déçu.',
  },
  {
    network: 'google_business',
    author: 'Hugo Lefèvre',
    rating: 2,
    text: 'Livraison très lente et personne ne répond au téléphone.',
  },
  { network: 'instagram', author: 'oliviagreen', text: 'Gorgeous photos! Do you ship to the UK?' },
  {
    network: 'facebook',
    kind: 'message',
    author: 'Sarah Collins',
    text: 'Hi! My candle arrived with a cracked glass, what can I do?',
  },
  {
    network: 'mastodon',
    author: 'nico@mastodon.example',
    text: 'Just lit the Feu de bois one, cosy evening guaranteed.',
  },
  {
    network: 'bluesky',
    author: 'lyon-bonnes-adresses.bsky.test',
    text: 'Une maison lyonnaise qui coule tout à la main 👏',
  },
  {
    network: 'google_business',
    author: 'Emily Turner',
    rating: 4,
    text: 'Lovely little shop, a bit pricey but the candles last for ages.',
  },
  { network: 'instagram', author: 'marie.deco', text: 'Quel est le temps de combustion de la grande bougie ?' },
];

const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

/**
 * The demo inbox: a stream of comments, DMs, mentions and reviews arriving on the demo channels' simulators
 * (a few at start, then one every `intervalMs`), read by the inbox's polling like any network's.
 */
export async function startDemoInbox(deps: {
  db: Kysely<DB>;
  simulators: RunningSimulators;
  ingestion: InboxIngestion;
  intervalMs?: number;
  initialCount?: number;
  onError?: (error: unknown) => void;
}): Promise<{ stop(): void } | undefined> {
  const channels = await deps.db
    .selectFrom('channels')
    .innerJoin('workspaces', 'workspaces.id', 'channels.workspace_id')
    .select(['channels.network', 'channels.network_account_id as accountId'])
    .where('workspaces.is_demo', '=', true)
    .where('channels.status', '=', 'active')
    .execute();
  const accountOf = (network: string) => channels.find((channel) => channel.network === network)?.accountId;
  if (channels.length === 0) return undefined;
  const { inbox } = deps.simulators;
  let index = 0;

  async function deliver(entry: Incoming): Promise<boolean> {
    const accountId = accountOf(entry.network);
    if (!accountId) return false;
    switch (entry.network) {
      case 'facebook': {
        const from = { id: String(100_000 + slug(entry.author).length * 7919 + index), name: entry.author };
        if (entry.kind === 'message') {
          await inbox.facebook.addIncoming({ pageId: accountId, kind: 'message', from, message: entry.text });
          return true;
        }
        // Comments go on the Page's latest post, once the launch post is out.
        const post = (deps.simulators.posts('facebook') as { id: string; pageId: string; deleted: boolean }[])
          .filter((one) => one.pageId === accountId && !one.deleted)
          .at(-1);
        if (!post) return false;
        await inbox.facebook.addIncoming({
          pageId: accountId,
          kind: 'comment',
          postId: post.id,
          from,
          message: entry.text,
        });
        return true;
      }
      case 'instagram': {
        const media = (deps.simulators.posts('instagram') as { id: string; accountId: string }[])
          .filter((one) => one.accountId === accountId)
          .at(-1);
        if (!media) return false;
        await inbox.instagram.addIncoming({
          mediaId: media.id,
          from: { id: String(178_400 + index), username: entry.author },
          text: entry.text,
        });
        return true;
      }
      case 'mastodon':
        inbox.mastodon.addIncoming({ to: accountId, from: entry.author, text: entry.text });
        return true;
      case 'bluesky':
        inbox.bluesky.addIncoming({ to: accountId, fromHandle: entry.author, text: entry.text });
        return true;
      case 'google_business':
        inbox.google_business.addIncoming({
          location: accountId,
          reviewer: entry.author,
          rating: entry.rating,
          comment: entry.text,
        });
        return true;
    }
  }

  async function step(count: number): Promise<void> {
    for (let sent = 0, tries = 0; sent < count && tries < script.length; tries += 1) {
      const entry = script[index % script.length]!;
      index += 1;
      if (await deliver(entry)) sent += 1;
    }
    await deps.ingestion.pollAll();
  }

  const onError = deps.onError ?? (() => undefined);
  await step(deps.initialCount ?? 6).catch(onError);
  const timer = setInterval(() => {
    step(1).catch(onError);
  }, deps.intervalMs ?? 90_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
