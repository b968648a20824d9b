import type { PublishRequest } from '@sillage/connectors';
import type { ClaimedPublication } from './publications.repository.ts';

/** What a publication publishes: its stored content, or the post's text for rows from before content was stored. */
export function contentOf(
  publication: Pick<ClaimedPublication, 'content' | 'text'>,
): Omit<PublishRequest, 'idempotencyKey'> {
  const content = publication.content;
  if (!content) return { format: 'text', text: publication.text, media: [] };
  return {
    format: content.format,
    text: content.text,
    media: content.media,
    ...(content.link ? { link: content.link } : {}),
    ...(content.threadParts ? { threadParts: content.threadParts } : {}),
    ...(content.firstComment ? { firstComment: content.firstComment } : {}),
    ...(content.options ? { options: content.options } : {}),
  };
}
