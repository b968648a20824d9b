import type { MentionView } from '@sillage/contracts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';

export const sentimentKeys: Record<MentionView['sentiment'], MessageKey> = {
  negative: 'listening.sentiment.negative',
  neutral: 'listening.sentiment.neutral',
  positive: 'listening.sentiment.positive',
};

/** Mentions, newest first: source, author, time, sentiment and text. */
export function MentionList({ mentions, empty }: { mentions: readonly MentionView[]; empty: string }) {
  const { t, locale } = useI18n();
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  if (mentions.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="mention-list">
      {mentions.map((mention) => (
        <li key={mention.id} className={`mention-list__item mention-list__item--${mention.sentiment}`}>
          <p className="mention-list__meta">
            <span>{mention.source}</span> · <span>{mention.author ?? '—'}</span> ·{' '}
            <time dateTime={mention.publishedAt}>{when.format(new Date(mention.publishedAt))}</time> ·{' '}
            <span>{t(sentimentKeys[mention.sentiment])}</span> · <span>{mention.lang}</span>
          </p>
          <p className="mention-list__text">{mention.text}</p>
        </li>
      ))}
    </ul>
  );
}
