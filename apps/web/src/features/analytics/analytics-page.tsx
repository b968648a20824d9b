import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  AnalyticsOverview,
  AnalyticsReportSent,
  type AnalyticsTable,
  type BreakdownRow,
  type KpiView,
  type MetricResultView,
} from '@sillage/contracts';
import { addLocalDays, localDaysBetween, utcToZoned } from '@sillage/domain';
import { api, workspacePath } from '../../api/client.ts';
import { describeApiError } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { formatInstant } from '../../i18n/format.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { useToast } from '../../ui/toast.tsx';
import { networkName } from '../channels/networks.ts';
import { XlsxLink } from '../reports/xlsx-link.tsx';
import { useWorkspace } from '../workspaces/workspace-context.tsx';
import { BarChart, ChartWithTable, LineChart } from './charts.tsx';
import { FreshnessNote } from './freshness-note.tsx';
import { InsightsPanel } from './insights-panel.tsx';
import {
  explainFigure,
  formatFigure,
  formatLocalDate,
  formatNumber,
  kpiDefinition,
  kpiLabel,
  numberOf,
  type Unit,
} from './figures.ts';
import './analytics.css';

type Overview = AnalyticsOverview;
type Post = Overview['posts'][number];
const presets = [7, 28, 90] as const;

/** The export link of one table of the overview, for the period shown. */
export function exportHref(workspaceId: string, table: AnalyticsTable, period: { start: string; end: string }) {
  const query = new URLSearchParams({ table, start: period.start, end: period.end });
  return `${workspacePath(workspaceId, 'analytics', 'export')}?${query.toString()}`;
}

function ExportLink(props: { workspaceId: string; table: AnalyticsTable; period: { start: string; end: string } }) {
  const { t } = useI18n();
  return (
    <>
      <a
        className="button button--secondary"
        href={exportHref(props.workspaceId, props.table, props.period)}
        download
        aria-label={t('analytics.exportTable', { table: t(`analytics.table.${props.table}` as MessageKey) })}
      >
        {t('analytics.exportCsv')}
      </a>
      <XlsxLink {...props} />
    </>
  );
}

/** A figure with "not reported" / notes said in words next to it. */
export function Figure({ result, unit }: { result: MetricResultView; unit: Unit }) {
  const { t, locale } = useI18n();
  const explanations = explainFigure(result, t);
  return (
    <span
      className={result.kind === 'value' ? 'figure' : 'figure figure--missing'}
      title={explanations.join(' ') || undefined}
    >
      {formatFigure(result, unit, locale, t)}
    </span>
  );
}

function KpiCard({ kpi, period }: { kpi: KpiView; period: Overview['period'] }) {
  const { t, locale } = useI18n();
  const explanations = explainFigure(kpi.current, t);
  const change = kpi.relativeChange;
  const direction = change.kind === 'value' ? (change.value > 0 ? 'up' : change.value < 0 ? 'down' : 'flat') : 'none';
  return (
    <li className="card kpi-card" data-kpi={kpi.key}>
      <h3 className="kpi-card__label">{t(kpiLabel[kpi.key])}</h3>
      <p className={`kpi-card__value${kpi.current.kind === 'value' ? '' : ' kpi-card__value--missing'}`}>
        {formatFigure(kpi.current, kpi.unit, locale, t)}
      </p>
      {explanations.map((text) => (
        <p key={text} className="kpi-card__note">
          {text}
        </p>
      ))}
      <p className={`kpi-card__change kpi-card__change--${direction}`}>
        {change.kind === 'value'
          ? t('analytics.changeVsPrevious', {
              change: `${change.value > 0 ? '+' : ''}${formatNumber(change.value, 'ratio', locale)}`,
              previous: formatFigure(kpi.previous, kpi.unit, locale, t),
            })
          : t('analytics.previousValue', { previous: formatFigure(kpi.previous, kpi.unit, locale, t) })}
      </p>
      <p className="kpi-card__meta">
        {t('analytics.periodRange', {
          start: formatLocalDate(period.start, locale),
          end: formatLocalDate(addLocalDays(period.end, -1), locale),
        })}
        {' · '}
        {kpi.sources.length > 0 ? t('analytics.sources', { sources: kpi.sources.join(', ') }) : t('analytics.noSource')}
      </p>
      <details className="kpi-card__definition">
        <summary>{t('analytics.definition')}</summary>
        <p>{t(kpiDefinition[kpi.key])}</p>
        <p className="kpi-card__meta">{t('analytics.definitionSource', { anchor: kpi.definition })}</p>
      </details>
    </li>
  );
}

function PeriodPicker(props: {
  today: string;
  period: { start: string; end: string };
  onChange: (start: string, end: string) => void;
}) {
  const { t } = useI18n();
  const [start, setStart] = useState(props.period.start);
  const [last, setLast] = useState(addLocalDays(props.period.end, -1));
  const [error, setError] = useState<string | null>(null);
  function apply(event: FormEvent) {
    event.preventDefault();
    if (!start || !last || last < start) {
      setError(t('analytics.periodInvalid'));
      return;
    }
    setError(null);
    props.onChange(start, addLocalDays(last, 1));
  }
  return (
    <form className="period-picker" onSubmit={apply} aria-label={t('analytics.period')}>
      <div className="period-picker__presets" role="group" aria-label={t('analytics.presets')}>
        {presets.map((days) => {
          const active = props.period.end === props.today && props.period.start === addLocalDays(props.today, -days);
          return (
            <Button
              key={days}
              variant={active ? 'primary' : 'secondary'}
              aria-pressed={active}
              onClick={() => {
                setStart(addLocalDays(props.today, -days));
                setLast(addLocalDays(props.today, -1));
                props.onChange(addLocalDays(props.today, -days), props.today);
              }}
            >
              {t('analytics.lastDays', { days })}
            </Button>
          );
        })}
      </div>
      <label className="period-picker__field">
        <span>{t('analytics.from')}</span>
        <input className="input" type="date" value={start} onChange={(event) => setStart(event.target.value)} />
      </label>
      <label className="period-picker__field">
        <span>{t('analytics.to')}</span>
        <input className="input" type="date" value={last} onChange={(event) => setLast(event.target.value)} />
      </label>
      <Button type="submit">{t('analytics.apply')}</Button>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

const weekdayKeys: MessageKey[] = [
  'analytics.weekday.1',
  'analytics.weekday.2',
  'analytics.weekday.3',
  'analytics.weekday.4',
  'analytics.weekday.5',
  'analytics.weekday.6',
  'analytics.weekday.7',
];

/** Engagement rate by impressions of the posts published at each local weekday and hour, as a table. */
function BestHours({ cells }: { cells: Overview['bestHours'] }) {
  const { t, locale } = useI18n();
  const hours = [...new Set(cells.map((cell) => cell.hour))].sort((a, b) => a - b);
  const max = Math.max(
    1e-9,
    ...cells.flatMap((cell) =>
      cell.engagementRateByImpressions.kind === 'value' ? [cell.engagementRateByImpressions.value] : [],
    ),
  );
  if (cells.length === 0) return <p>{t('analytics.noPosts')}</p>;
  return (
    <div className="table-wrap">
      <table className="table heatmap">
        <caption className="visually-hidden">{t('analytics.bestHoursCaption')}</caption>
        <thead>
          <tr>
            <td />
            {hours.map((hour) => (
              <th key={hour} scope="col">
                {t('analytics.hour', { hour })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weekdayKeys.map((key, index) => (
            <tr key={key}>
              <th scope="row">{t(key)}</th>
              {hours.map((hour) => {
                const cell = cells.find((item) => item.weekday === index + 1 && item.hour === hour);
                const rate = cell ? numberOf(cell.engagementRateByImpressions) : null;
                const intensity = rate === null ? 0 : rate / max;
                return (
                  <td
                    key={hour}
                    className="heatmap__cell"
                    style={{
                      backgroundColor:
                        rate === null ? undefined : `rgb(31 95 139 / ${(0.08 + intensity * 0.8).toFixed(2)})`,
                      color: intensity > 0.55 ? '#fff' : undefined,
                    }}
                  >
                    {cell ? (
                      <>
                        {formatFigure(cell.engagementRateByImpressions, 'ratio', locale, t)}
                        <span className="heatmap__posts">{t('analytics.postsCount', { count: cell.posts })}</span>
                      </>
                    ) : (
                      <span aria-label={t('analytics.noPostAtHour')}>·</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Measure = 'impressions' | 'engagements' | 'linkClicks';
const measureLabel: Record<Measure, MessageKey> = {
  impressions: 'analytics.kpi.impressions',
  engagements: 'analytics.kpi.engagements',
  linkClicks: 'analytics.kpi.link_clicks',
};

function BreakdownTable({
  rows,
  caption,
  labelOf,
}: {
  rows: BreakdownRow[];
  caption: string;
  labelOf: (row: BreakdownRow) => string;
}) {
  const { t } = useI18n();
  const columns: Column<BreakdownRow>[] = [
    { key: 'label', header: t('analytics.column.name'), isRowHeader: true, cell: labelOf },
    { key: 'posts', header: t('analytics.column.posts'), align: 'end', cell: (row) => row.posts },
    {
      key: 'impressions',
      header: t('analytics.kpi.impressions'),
      align: 'end',
      cell: (row) => <Figure result={row.impressions} unit="count" />,
    },
    {
      key: 'engagements',
      header: t('analytics.kpi.engagements'),
      align: 'end',
      cell: (row) => <Figure result={row.engagements} unit="count" />,
    },
    {
      key: 'rate',
      header: t('analytics.kpi.engagement_rate_by_impressions'),
      align: 'end',
      cell: (row) => <Figure result={row.engagementRateByImpressions} unit="ratio" />,
    },
    {
      key: 'clicks',
      header: t('analytics.kpi.link_clicks'),
      align: 'end',
      cell: (row) => <Figure result={row.linkClicks} unit="count" />,
    },
    {
      key: 'ctr',
      header: t('analytics.kpi.click_through_rate'),
      align: 'end',
      cell: (row) => <Figure result={row.clickThroughRate} unit="ratio" />,
    },
  ];
  return <Table caption={caption} columns={columns} rows={rows} rowKey={(row) => row.key} />;
}

/** E-mails the caller the report of the last N days (N: the length of the period shown), PDF and CSV. */
function SendReportButton({ workspaceId, days }: { workspaceId: string; days: number }) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  async function send() {
    setBusy(true);
    try {
      const query = new URLSearchParams({ periodDays: String(days), language: locale });
      const sent = await api.post(
        `${workspacePath(workspaceId, 'analytics', 'reports', 'send')}?${query.toString()}`,
        AnalyticsReportSent,
      );
      toast.show(
        sent.delivered
          ? t('analytics.reportSent', { email: sent.recipients.join(', ') })
          : t('analytics.reportNotSent'),
        sent.delivered ? 'success' : 'error',
      );
    } catch (error) {
      toast.show(describeApiError(error, t), 'error');
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button onClick={send} busy={busy}>
      {t('analytics.emailReport', { days })}
    </Button>
  );
}

/** `/w/:id/analytics`: the period's KPIs against the previous period, charts with their tables, the posts. */
export function AnalyticsPage() {
  const { t, locale } = useI18n();
  const { workspace, can } = useWorkspace();
  const [search, setSearch] = useSearchParams();
  const today = utcToZoned(new Date(), workspace.timeZone).date;
  const period = {
    start: search.get('start') ?? addLocalDays(today, -28),
    end: search.get('end') ?? today,
  };
  const [measure, setMeasure] = useState<Measure>('impressions');
  const [breakdown, setBreakdown] = useState<'channels' | 'formats'>('channels');
  const overview = useResource(`analytics:${workspace.id}:${period.start}:${period.end}`, (signal) =>
    api.get(
      `${workspacePath(workspace.id, 'analytics', 'overview')}?${new URLSearchParams(period).toString()}`,
      AnalyticsOverview,
      { signal },
    ),
  );
  const data = overview.data;
  const formatLabel = (format: string) => t(`analytics.format.${format}` as MessageKey) ?? format;

  const postColumns: Column<Post>[] = [
    {
      key: 'text',
      header: t('analytics.column.post'),
      isRowHeader: true,
      cell: (post) => (
        <Link to={`posts/${post.postId}?${new URLSearchParams(period).toString()}`} className="analytics-post-link">
          {post.text.length > 70 ? `${post.text.slice(0, 70)}…` : post.text}
        </Link>
      ),
    },
    {
      key: 'published',
      header: t('analytics.column.published'),
      cell: (post) => formatInstant(post.publishedAt, workspace.timeZone, locale),
    },
    { key: 'channel', header: t('analytics.column.channel'), cell: (post) => networkName(post.network) },
    {
      key: 'format',
      header: t('analytics.column.format'),
      cell: (post) => (post.format ? formatLabel(post.format) : '—'),
    },
    {
      key: 'impressions',
      header: t('analytics.kpi.impressions'),
      align: 'end',
      cell: (post) => <Figure result={post.impressions} unit="count" />,
    },
    {
      key: 'engagements',
      header: t('analytics.kpi.engagements'),
      align: 'end',
      cell: (post) => <Figure result={post.engagements} unit="count" />,
    },
    {
      key: 'rate',
      header: t('analytics.kpi.engagement_rate_by_impressions'),
      align: 'end',
      cell: (post) => <Figure result={post.engagementRateByImpressions} unit="ratio" />,
    },
    {
      key: 'clicks',
      header: t('analytics.kpi.link_clicks'),
      align: 'end',
      cell: (post) => <Figure result={post.linkClicks} unit="count" />,
    },
    {
      key: 'reach',
      header: t('analytics.column.lifetimeReach'),
      align: 'end',
      cell: (post) => <Figure result={post.lifetimeReach} unit="count" />,
    },
  ];

  const seriesPoints = (data?.series ?? []).map((point) => ({
    label: formatLocalDate(point.start, locale, { dateStyle: 'short' }),
    value: numberOf(point[measure]),
  }));
  const breakdownRows = data ? (breakdown === 'channels' ? data.byChannel : data.byFormat) : [];
  const breakdownLabel = (row: BreakdownRow) =>
    breakdown === 'channels' ? `${row.network ? networkName(row.network) : ''} · ${row.label}` : formatLabel(row.key);
  const posts = [...(data?.posts ?? [])].sort((left, right) => right.publishedAt.localeCompare(left.publishedAt));

  return (
    <section className="page page--wide analytics">
      <header className="page__header">
        <h1>{t('pillar.analytics')}</h1>
        <p className="lead">{t('analytics.lead', { zone: workspace.timeZone })}</p>
        <p>
          <Link to={`/w/${workspace.id}/analytics/reports`}>{t('reports.open')}</Link>
        </p>
      </header>
      <PeriodPicker
        key={`${period.start}:${period.end}`}
        today={today}
        period={period}
        onChange={(start, end) => setSearch({ start, end })}
      />
      {overview.error && <LoadFailure error={overview.error} onRetry={overview.reload} />}
      {overview.loading && !data && <LoadingBlock />}
      {data && (
        <>
          <p className="analytics__comparison">
            {t('analytics.comparedWith', {
              start: formatLocalDate(data.previousPeriod.start, locale),
              end: formatLocalDate(addLocalDays(data.previousPeriod.end, -1), locale),
            })}
          </p>
          <FreshnessNote
            freshness={data.freshness}
            channelLabel={(channelId) => {
              const row = data.byChannel.find((channel) => channel.key === channelId);
              return row ? `${networkName(row.network ?? '')} · ${row.label}` : channelId.slice(0, 8);
            }}
            timeZone={workspace.timeZone}
          />
          <div className="analytics__section-header">
            <h2 className="section-title">{t('analytics.kpis')}</h2>
            <div className="analytics-chart__actions">
              {can('reports.manage') && (
                <SendReportButton
                  workspaceId={workspace.id}
                  days={localDaysBetween(data.period.start, data.period.end)}
                />
              )}
              <ExportLink workspaceId={workspace.id} table="kpis" period={data.period} />
            </div>
          </div>
          <ul className="cards kpi-cards">
            {data.kpis.map((kpi) => (
              <KpiCard key={kpi.key} kpi={kpi} period={data.period} />
            ))}
          </ul>

          <ChartWithTable
            title={t('analytics.overTime', { measure: t(measureLabel[measure]) })}
            actions={
              <>
                <label className="analytics-chart__select">
                  <span className="visually-hidden">{t('analytics.measure')}</span>
                  <select
                    className="input"
                    value={measure}
                    onChange={(event) => setMeasure(event.target.value as Measure)}
                  >
                    {(Object.keys(measureLabel) as Measure[]).map((key) => (
                      <option key={key} value={key}>
                        {t(measureLabel[key])}
                      </option>
                    ))}
                  </select>
                </label>
                <ExportLink workspaceId={workspace.id} table="series" period={data.period} />
              </>
            }
            chart={
              <LineChart
                points={seriesPoints}
                label={t('analytics.seriesChartLabel', { measure: t(measureLabel[measure]) })}
                format={(value) => formatNumber(value, 'count', locale)}
              />
            }
            table={
              <Table
                caption={t('analytics.seriesCaption', {
                  granularity: t(`analytics.granularity.${data.granularity}` as MessageKey),
                })}
                columns={[
                  {
                    key: 'start',
                    header: t('analytics.column.period'),
                    isRowHeader: true,
                    cell: (point) => formatLocalDate(point.start, locale),
                  },
                  {
                    key: 'impressions',
                    header: t('analytics.kpi.impressions'),
                    align: 'end',
                    cell: (point) => <Figure result={point.impressions} unit="count" />,
                  },
                  {
                    key: 'engagements',
                    header: t('analytics.kpi.engagements'),
                    align: 'end',
                    cell: (point) => <Figure result={point.engagements} unit="count" />,
                  },
                  {
                    key: 'clicks',
                    header: t('analytics.kpi.link_clicks'),
                    align: 'end',
                    cell: (point) => <Figure result={point.linkClicks} unit="count" />,
                  },
                ]}
                rows={data.series}
                rowKey={(point) => point.start}
              />
            }
          />

          <ChartWithTable
            title={breakdown === 'channels' ? t('analytics.byChannel') : t('analytics.byFormat')}
            actions={
              <>
                <label className="analytics-chart__select">
                  <span className="visually-hidden">{t('analytics.breakdownBy')}</span>
                  <select
                    className="input"
                    value={breakdown}
                    onChange={(event) => setBreakdown(event.target.value as 'channels' | 'formats')}
                  >
                    <option value="channels">{t('analytics.byChannel')}</option>
                    <option value="formats">{t('analytics.byFormat')}</option>
                  </select>
                </label>
                <ExportLink workspaceId={workspace.id} table={breakdown} period={data.period} />
              </>
            }
            chart={
              <BarChart
                label={t('analytics.breakdownChartLabel')}
                rows={breakdownRows.map((row) => ({
                  key: row.key,
                  label: breakdownLabel(row),
                  value: numberOf(row.engagementRateByImpressions),
                  text: formatFigure(row.engagementRateByImpressions, 'ratio', locale, t),
                }))}
              />
            }
            table={
              <BreakdownTable rows={breakdownRows} caption={t('analytics.breakdownCaption')} labelOf={breakdownLabel} />
            }
          />

          <InsightsPanel
            insights={data.insights}
            channelName={(channelId) => data.byChannel.find((row) => row.key === channelId)?.label ?? ''}
            postHref={(postId) => `/w/${workspace.id}/analytics/posts/${postId}`}
          />

          <section className="card analytics-chart">
            <header className="analytics-chart__header">
              <h2 className="analytics-chart__title">{t('analytics.bestHours')}</h2>
              <div className="analytics-chart__actions">
                <ExportLink workspaceId={workspace.id} table="best_hours" period={data.period} />
              </div>
            </header>
            <p className="kpi-card__meta">{t('analytics.bestHoursLead', { zone: workspace.timeZone })}</p>
            <BestHours cells={data.bestHours} />
          </section>

          <div className="analytics__section-header">
            <h2 className="section-title">{t('analytics.posts')}</h2>
            <ExportLink workspaceId={workspace.id} table="posts" period={data.period} />
          </div>
          <p className="kpi-card__meta">{t('analytics.postsLead')}</p>
          {posts.length === 0 ? (
            <EmptyState title={t('analytics.noPosts')} />
          ) : (
            <Table
              caption={t('analytics.postsCaption')}
              captionHidden
              columns={postColumns}
              rows={posts}
              rowKey={(post) => post.publicationId}
            />
          )}
        </>
      )}
    </section>
  );
}
