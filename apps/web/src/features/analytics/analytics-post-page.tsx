import { Link, useParams, useSearchParams } from 'react-router-dom';
import { AnalyticsPostDetail } from '@sillage/contracts';
import { api, workspacePath } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { formatInstant } from '../../i18n/format.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { Table } from '../../ui/table.tsx';
import { networkName } from '../channels/networks.ts';
import { useWorkspace } from '../workspaces/workspace-context.tsx';
import { Figure } from './analytics-page.tsx';
import { ChartWithTable, LineChart } from './charts.tsx';
import { formatLocalDate, formatNumber, numberOf, type Unit } from './figures.ts';
import './analytics.css';

type Publication = AnalyticsPostDetail['publications'][number];

function Facts({ publication }: { publication: Publication }) {
  const { t } = useI18n();
  const facts: [MessageKey, Publication[keyof Publication] & object, Unit][] = [
    ['analytics.kpi.impressions', publication.impressions, 'count'],
    ['analytics.column.lifetimeReach', publication.lifetimeReach, 'count'],
    ['analytics.kpi.engagements', publication.engagements, 'count'],
    ['analytics.metric.reactions', publication.components.reactions, 'count'],
    ['analytics.metric.comments', publication.components.comments, 'count'],
    ['analytics.metric.shares', publication.components.shares, 'count'],
    ['analytics.metric.saves', publication.components.saves, 'count'],
    ['analytics.kpi.link_clicks', publication.linkClicks, 'count'],
    ['analytics.kpi.video_views', publication.videoViews, 'count'],
    ['analytics.kpi.engagement_rate_by_reach', publication.engagementRateByReach, 'ratio'],
    ['analytics.kpi.engagement_rate_by_impressions', publication.engagementRateByImpressions, 'ratio'],
    ['analytics.kpi.click_through_rate', publication.clickThroughRate, 'ratio'],
  ];
  return (
    <dl className="post-facts">
      {facts.map(([label, result, unit]) => (
        <div key={label} className="post-facts__item">
          <dt>{t(label)}</dt>
          <dd>
            <Figure result={result as Publication['impressions']} unit={unit} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** `/w/:id/analytics/posts/:postId`: what one post did on each channel since it was published, day by day. */
export function AnalyticsPostPage() {
  const { t, locale } = useI18n();
  const { workspace } = useWorkspace();
  const { postId = '' } = useParams();
  const [search] = useSearchParams();
  const detail = useResource(`analytics-post:${workspace.id}:${postId}`, (signal) =>
    api.get(workspacePath(workspace.id, 'analytics', 'posts', postId), AnalyticsPostDetail, { signal }),
  );
  const back = `/w/${workspace.id}/analytics${search.toString() ? `?${search.toString()}` : ''}`;
  const first = detail.data?.publications[0];
  return (
    <section className="page page--wide analytics">
      <p>
        <Link to={back}>{t('analytics.backToOverview')}</Link>
      </p>
      <header className="page__header">
        <h1>{t('analytics.postTitle')}</h1>
        {first && <p className="lead analytics-post__text">{first.text}</p>}
        <p className="kpi-card__meta">{t('analytics.postLead')}</p>
      </header>
      {detail.error && <LoadFailure error={detail.error} onRetry={detail.reload} />}
      {detail.loading && !detail.data && <LoadingBlock />}
      {detail.data?.publications.map((publication) => (
        <article
          key={publication.publicationId}
          className="card analytics-publication"
          data-network={publication.network}
        >
          <h2 className="analytics-chart__title">
            {networkName(publication.network)} · {publication.channelName}
          </h2>
          <p className="kpi-card__meta">
            {t('analytics.publishedAt', { at: formatInstant(publication.publishedAt, workspace.timeZone, locale) })}
            {publication.format ? ` · ${publication.format}` : ''}
            {' · '}
            {publication.sources.length > 0
              ? t('analytics.sources', { sources: publication.sources.join(', ') })
              : t('analytics.noSource')}
            {publication.url && (
              <>
                {' · '}
                <a href={publication.url} target="_blank" rel="noreferrer">
                  {t('analytics.openOnNetwork')}
                </a>
              </>
            )}
          </p>
          <Facts publication={publication} />
          <ChartWithTable
            title={t('analytics.postDays')}
            chart={
              <LineChart
                label={t('analytics.seriesChartLabel', { measure: t('analytics.kpi.impressions') })}
                points={publication.days.map((day) => ({
                  label: formatLocalDate(day.date, locale, { dateStyle: 'short' }),
                  value: numberOf(day.impressions),
                }))}
                format={(value) => formatNumber(value, 'count', locale)}
              />
            }
            table={
              <Table
                caption={t('analytics.postDaysCaption', { zone: detail.data?.timeZone ?? workspace.timeZone })}
                columns={[
                  {
                    key: 'date',
                    header: t('analytics.column.period'),
                    isRowHeader: true,
                    cell: (day) => formatLocalDate(day.date, locale),
                  },
                  {
                    key: 'impressions',
                    header: t('analytics.kpi.impressions'),
                    align: 'end',
                    cell: (day) => <Figure result={day.impressions} unit="count" />,
                  },
                  {
                    key: 'engagements',
                    header: t('analytics.kpi.engagements'),
                    align: 'end',
                    cell: (day) => <Figure result={day.engagements} unit="count" />,
                  },
                  {
                    key: 'clicks',
                    header: t('analytics.kpi.link_clicks'),
                    align: 'end',
                    cell: (day) => <Figure result={day.linkClicks} unit="count" />,
                  },
                ]}
                rows={publication.days}
                rowKey={(day) => day.date}
              />
            }
          />
        </article>
      ))}
    </section>
  );
}
