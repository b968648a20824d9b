import type { AnalyticsOverview } from '@sillage/contracts';
import { formatInstant } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';

type Props = {
  freshness: AnalyticsOverview['freshness'];
  channelLabel: (channelId: string) => string;
  timeZone: string;
};

/**
 * When the figures were last read from each network (the source of the post figures), and which channels failed
 * at their last reading: a number is only as fresh as its last reading.
 */
export function FreshnessNote({ freshness, channelLabel, timeZone }: Props) {
  const { t, locale } = useI18n();
  if (freshness.length === 0) return <p className="kpi-card__meta">{t('analytics.freshness.never')}</p>;
  const read = freshness.filter((row) => row.lastSuccessAt !== null);
  const failing = freshness.filter(
    (row) => row.lastFailureAt !== null && (row.lastSuccessAt === null || row.lastFailureAt > row.lastSuccessAt),
  );
  return (
    <div className="kpi-card__meta analytics__freshness">
      {read.length > 0 && (
        <p>
          {t('analytics.freshness.read', {
            channels: read
              .map((row) => `${channelLabel(row.channelId)} (${formatInstant(row.lastSuccessAt!, timeZone, locale)})`)
              .join(', '),
          })}
        </p>
      )}
      {failing.map((row) => (
        <p key={row.channelId} role="status">
          {t('analytics.freshness.failed', {
            channel: channelLabel(row.channelId),
            at: formatInstant(row.lastFailureAt!, timeZone, locale),
            reason: row.lastFailure ?? '',
          })}
        </p>
      ))}
    </div>
  );
}
