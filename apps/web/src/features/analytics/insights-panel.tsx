import { Link } from 'react-router-dom';
import type { AnalyticsInsight } from '@sillage/contracts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { networkName } from '../channels/networks.ts';
import { formatNumber } from './figures.ts';

type Props = {
  insights: readonly AnalyticsInsight[];
  channelName: (channelId: string) => string;
  postHref: (postId: string) => string;
};

/**
 * The overview's insights, each worded for a marketer with its evidence (the numbers behind it and their
 * periods); definitions in docs/metrics.md, "Insights".
 */
export function InsightsPanel({ insights, channelName, postHref }: Props) {
  const { t } = useI18n();
  return (
    <section className="card analytics-insights" aria-labelledby="analytics-insights-title">
      <h2 id="analytics-insights-title" className="analytics-chart__title">
        {t('insights.title')}
      </h2>
      {insights.length === 0 ? (
        <p className="kpi-card__meta">{t('insights.none')}</p>
      ) : (
        <ul className="analytics-insights__list">
          {insights.map((insight) => (
            <li
              key={`${insight.kind}:${insight.channelId}:${'postId' in insight ? insight.postId : ''}`}
              className={`analytics-insights__item analytics-insights__item--${insight.kind}`}
            >
              <InsightText insight={insight} channel={channelName(insight.channelId)} postHref={postHref} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function InsightText({
  insight,
  channel,
  postHref,
}: {
  insight: AnalyticsInsight;
  channel: string;
  postHref: (postId: string) => string;
}) {
  const { t, locale } = useI18n();
  const count = (value: number) => formatNumber(value, 'count', locale);
  const percent = (value: number) => formatNumber(value, 'ratio', locale);
  const where = `${networkName(insight.network)} · ${channel}`;
  switch (insight.kind) {
    case 'reach_change':
      return (
        <>
          <strong>
            {t(insight.direction === 'drop' ? 'insights.reachDrop' : 'insights.reachRise', {
              where,
              measure: t(insight.measure === 'reach' ? 'insights.measure.reach' : 'insights.measure.impressions'),
              change: percent(Math.abs(insight.change)),
            })}
          </strong>{' '}
          {t(insight.frequencyUnchanged ? 'insights.reachAlgorithm' : 'insights.reachFrequency')}
          <p className="kpi-card__meta">
            {t('insights.reachEvidence', {
              recent: count(insight.recentMedian),
              baseline: count(insight.baselineMedian),
              recentFrom: insight.recentDays.from,
              recentTo: insight.recentDays.to,
              baselineFrom: insight.baselineDays.from,
              baselineTo: insight.baselineDays.to,
              recentPosts: insight.recentPostsPerWeek.toFixed(1),
              baselinePosts: insight.baselinePostsPerWeek.toFixed(1),
            })}
          </p>
        </>
      );
    case 'best_format':
      return (
        <>
          <strong>
            {t('insights.bestFormat', {
              where,
              format: t(`format.${insight.format}` as MessageKey),
              lift: percent(insight.engagementRate / insight.channelRate - 1),
            })}
          </strong>
          <p className="kpi-card__meta">
            {t('insights.bestFormatEvidence', {
              posts: insight.posts,
              rate: percent(insight.engagementRate),
              channelRate: percent(insight.channelRate),
              others: insight.otherFormats
                .map(
                  (other) =>
                    `${t(`format.${other.format}` as MessageKey)} ${percent(other.engagementRate)} (${other.posts})`,
                )
                .join(', '),
            })}
          </p>
        </>
      );
    case 'best_time':
      return (
        <>
          <strong>
            {t(insight.weekdays === 'weekend' ? 'insights.bestTimeWeekend' : 'insights.bestTimeWeekdays', {
              where,
              from: `${String(insight.fromHour).padStart(2, '0')}:00`,
              to: `${String(insight.fromHour + 3).padStart(2, '0')}:00`,
              lift: percent(insight.engagementRate / insight.channelRate - 1),
            })}
          </strong>
          <p className="kpi-card__meta">
            {t('insights.bestTimeEvidence', {
              posts: insight.posts,
              rate: percent(insight.engagementRate),
              channelRate: percent(insight.channelRate),
            })}
          </p>
        </>
      );
    case 'post_outlier':
      return (
        <>
          <strong>
            {t(insight.direction === 'above' ? 'insights.postAbove' : 'insights.postBelow', {
              where,
              ratio: insight.ratio.toFixed(1),
            })}
          </strong>{' '}
          <Link to={postHref(insight.postId)}>{t('insights.openPost')}</Link>
          <p className="kpi-card__meta">
            {t('insights.postEvidence', {
              engagements: count(insight.engagements),
              expected: count(insight.expectedEngagements),
              posts: insight.channelPosts,
            })}
          </p>
        </>
      );
  }
}
