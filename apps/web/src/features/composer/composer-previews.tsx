import { useState } from 'react';
import { textCounters, type NetworkId } from '@sillage/domain';
import { useI18n } from '../../i18n/i18n.tsx';
import { networkName } from '../channels/networks.ts';
import {
  featuresOf,
  isNetwork,
  textOf,
  type ChannelRef,
  type ComposerDraft,
  type DraftMedia,
  type VariantDraft,
} from './composer-model.ts';

type PreviewProps = { draft: ComposerDraft; channel: ChannelRef; variant: VariantDraft };

const fileName = (url: string) => decodeURIComponent(url.split('/').pop()?.split('?')[0] ?? url);

function MediaView({ item, className }: { item: DraftMedia; className?: string }) {
  if (item.mimeType.startsWith('image/')) return <img className={className} src={item.url} alt="" />;
  if (item.mimeType.startsWith('video/'))
    return <video className={className} src={item.url} muted playsInline preload="metadata" />;
  return <div className={`${className ?? ''} preview__file`}>{fileName(item.url)}</div>;
}

function Header({ channel, subtitle }: { channel: ChannelRef; subtitle?: string }) {
  return (
    <div className="preview__header">
      <span className="preview__avatar" aria-hidden="true">
        {channel.name.slice(0, 1).toUpperCase()}
      </span>
      <span className="preview__account">
        <strong>{channel.name}</strong>
        {subtitle ? <span className="preview__subtitle">{subtitle}</span> : null}
      </span>
    </div>
  );
}

/** An Instagram carousel: one slide at a time, arrows and dots, the caption under it. */
function InstagramCarousel({ draft, channel, variant }: PreviewProps) {
  const { t } = useI18n();
  const [index, setIndex] = useState(0);
  const slides = variant.media;
  const current = Math.min(index, Math.max(slides.length - 1, 0));
  return (
    <article className="preview preview--instagram" data-testid="preview-instagram-carousel">
      <Header channel={channel} />
      <div className="preview__slides">
        {slides.length ? (
          <MediaView item={slides[current]!} className="preview__slide" />
        ) : (
          <div className="preview__slide preview__slide--empty">{t('composer.preview.noMedia')}</div>
        )}
        {slides.length > 1 ? (
          <>
            <span className="preview__slide-count">
              {current + 1}/{slides.length}
            </span>
            <button
              type="button"
              className="preview__arrow preview__arrow--previous"
              aria-label={t('composer.preview.previousSlide')}
              disabled={current === 0}
              onClick={() => setIndex(current - 1)}
            >
              ‹
            </button>
            <button
              type="button"
              className="preview__arrow preview__arrow--next"
              aria-label={t('composer.preview.nextSlide')}
              disabled={current === slides.length - 1}
              onClick={() => setIndex(current + 1)}
            >
              ›
            </button>
          </>
        ) : null}
      </div>
      <div className="preview__dots" aria-hidden="true">
        {slides.map((item, position) => (
          <span
            key={`${item.url}-${position}`}
            className={position === current ? 'preview__dot preview__dot--active' : 'preview__dot'}
          />
        ))}
      </div>
      <p className="preview__caption">
        <strong>{channel.name}</strong> {textOf(draft, variant)}
      </p>
      {variant.firstComment.trim() ? <p className="preview__comment">{variant.firstComment}</p> : null}
    </article>
  );
}

/** The weighted counter of one X post: "255 / 280". */
function Counter({ network, format, text }: { network: NetworkId; format: VariantDraft['format']; text: string }) {
  const { t } = useI18n();
  return (
    <>
      {textCounters(network, format, text).map((counter) => (
        <span
          key={counter.counting}
          className={counter.remaining < 0 ? 'preview__counter preview__counter--over' : 'preview__counter'}
          title={t(`composer.counting.${counter.counting}`)}
        >
          {counter.count} / {counter.limit}
        </span>
      ))}
    </>
  );
}

/** A thread (X, Bluesky, Mastodon, Threads): one post per part, joined by a line, each with its own counter. */
function ThreadPreview({ draft, channel, variant }: PreviewProps) {
  const network = channel.network as NetworkId;
  const posts = [textOf(draft, variant), ...variant.threadParts.filter((part) => part.trim())];
  return (
    <article className={`preview preview--thread preview--${network}`} data-testid={`preview-${network}-thread`}>
      {posts.map((text, index) => (
        <div className="preview__thread-post" key={index}>
          <div className="preview__thread-rail">
            <span className="preview__avatar" aria-hidden="true">
              {channel.name.slice(0, 1).toUpperCase()}
            </span>
            {index < posts.length - 1 ? <span className="preview__thread-line" /> : null}
          </div>
          <div className="preview__thread-body">
            <strong>{channel.name}</strong>
            <p className="preview__text">{text}</p>
            {index === 0 && variant.media.length ? (
              <div className="preview__grid">
                {variant.media.map((item, position) => (
                  <MediaView key={`${item.url}-${position}`} item={item} className="preview__thumb" />
                ))}
              </div>
            ) : null}
            <Counter network={network} format={variant.format} text={text} />
          </div>
        </div>
      ))}
    </article>
  );
}

/** A LinkedIn document post: the commentary, then the document card with its title and file. */
function LinkedinDocument({ draft, channel, variant }: PreviewProps) {
  const { t } = useI18n();
  const document = variant.media[0];
  return (
    <article className="preview preview--linkedin" data-testid="preview-linkedin-document">
      <Header channel={channel} subtitle={t('composer.preview.followers')} />
      <p className="preview__text">{textOf(draft, variant)}</p>
      <div className="preview__document">
        <div className="preview__document-page" aria-hidden="true">
          {document ? (fileName(document.url).split('.').pop() ?? '').toUpperCase() : '—'}
        </div>
        <div className="preview__document-meta">
          <strong>
            {variant.title.trim() || (document ? fileName(document.url) : t('composer.preview.noDocument'))}
          </strong>
          {document ? <span>{document.mimeType}</span> : null}
        </div>
      </div>
    </article>
  );
}

/** Any other network and format: the account, the title, the text, the media, the link and the first comment. */
function GenericCard({ draft, channel, variant }: PreviewProps) {
  const { t } = useI18n();
  const features = featuresOf(channel.network, variant.format);
  return (
    <article
      className={`preview preview--generic preview--${channel.network}`}
      data-testid={`preview-${channel.network}`}
    >
      <Header
        channel={channel}
        subtitle={`${networkName(channel.network)} · ${t(`composer.format.${variant.format}`)}`}
      />
      {features.title && variant.title.trim() ? <h4 className="preview__title">{variant.title}</h4> : null}
      {features.text ? <p className="preview__text">{textOf(draft, variant)}</p> : null}
      {variant.media.length ? (
        <div className="preview__grid">
          {variant.media.map((item, position) => (
            <MediaView key={`${item.url}-${position}`} item={item} className="preview__thumb" />
          ))}
        </div>
      ) : null}
      {variant.link.trim() ? <p className="preview__link">{variant.link}</p> : null}
      {variant.firstComment.trim() ? <p className="preview__comment">{variant.firstComment}</p> : null}
    </article>
  );
}

/** The preview that looks like the network's own rendering of this format. */
export function ChannelPreview(props: PreviewProps) {
  const { channel, variant } = props;
  if (!isNetwork(channel.network)) return <GenericCard {...props} />;
  if (channel.network === 'instagram' && variant.format === 'carousel') return <InstagramCarousel {...props} />;
  if (featuresOf(channel.network, variant.format).threadParts) return <ThreadPreview {...props} />;
  if (channel.network === 'linkedin' && variant.format === 'document') return <LinkedinDocument {...props} />;
  return <GenericCard {...props} />;
}
