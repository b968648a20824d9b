import type { PublicationContent } from '@sillage/contracts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';

/** One channel's version of a post, as an approver reads it: network, account, format, text, thread, media, time. */
export function PostPreviewCard({
  network,
  channelName,
  content,
  when,
}: {
  network: string;
  channelName: string;
  content: PublicationContent;
  when: string | null;
}) {
  const { t } = useI18n();
  const formatKey = `format.${content.format}` as MessageKey;
  return (
    <article className="approval-preview" data-network={network}>
      <header className="approval-preview__header">
        <strong>{channelName}</strong> <span className="muted">· {network}</span>
        <span className="approval-preview__format">{t(formatKey)}</span>
      </header>
      <p className="approval-preview__text">{content.text}</p>
      {content.threadParts && content.threadParts.length > 0 && (
        <ol className="approval-preview__thread">
          {content.threadParts.map((part, index) => (
            <li key={index}>{part.text}</li>
          ))}
        </ol>
      )}
      {content.media.length > 0 && (
        <ul className="approval-preview__media">
          {content.media.map((media, index) => (
            <li key={index}>
              {media.mimeType.startsWith('image/') ? (
                <img src={media.url} alt={media.altText ?? ''} loading="lazy" />
              ) : (
                <a href={media.url}>{media.mimeType}</a>
              )}
            </li>
          ))}
        </ul>
      )}
      {when && <p className="muted">{when}</p>}
    </article>
  );
}

type PreviewedPublication = {
  network: string;
  channelName: string;
  content: PublicationContent;
  localDate: string | null;
  localTime: string | null;
  timeZone: string | null;
};

/** Every channel's version of a post, each with the local time it is planned for. */
export function PublicationPreviews({ publications }: { publications: readonly PreviewedPublication[] }) {
  const { t } = useI18n();
  return (
    <div className="approval-previews">
      {publications.map((publication, index) => (
        <PostPreviewCard
          key={index}
          network={publication.network}
          channelName={publication.channelName}
          content={publication.content}
          when={
            publication.localDate && publication.localTime
              ? t('approvals.plannedFor', {
                  date: publication.localDate,
                  time: publication.localTime,
                  zone: publication.timeZone ?? '',
                })
              : null
          }
        />
      ))}
    </div>
  );
}
