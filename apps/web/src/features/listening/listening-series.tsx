import { ListeningSeries } from '@sillage/contracts';
import { api, workspacePath } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Table } from '../../ui/table.tsx';

const HOUR = 3_600_000;
// Inline so the chart needs no stylesheet of its own: bars along the bottom, the negative part at the foot.
const barsStyle = { display: 'flex', alignItems: 'flex-end', gap: '2px', height: '8rem', margin: '0.5rem 0' } as const;
const barStyle = {
  flex: 1,
  minHeight: '1px',
  background: '#8aa4c8',
  display: 'flex',
  flexDirection: 'column',
  justifyContent: 'flex-end',
} as const;
const negativeStyle = { background: '#a4262c' } as const;

/** Bars of counts per bucket, the negative part darker; the table under it carries the same numbers. */
export function CountBars({
  label,
  buckets,
}: {
  label: string;
  buckets: readonly { key: string; total: number; negative: number }[];
}) {
  const highest = Math.max(1, ...buckets.map((bucket) => bucket.total));
  return (
    <div className="count-bars" role="img" aria-label={label} style={barsStyle}>
      {buckets.map((bucket) => (
        <div key={bucket.key} style={{ ...barStyle, height: `${(bucket.total / highest) * 100}%` }}>
          <div style={{ ...negativeStyle, height: `${bucket.total ? (bucket.negative / bucket.total) * 100 : 0}%` }} />
        </div>
      ))}
    </div>
  );
}

/** A query's volume and sentiment per hour over the last 24 hours: a chart and its table. */
export function QuerySeries({ workspaceId, queryId, name }: { workspaceId: string; queryId: string; name: string }) {
  const { t, locale } = useI18n();
  const to = new Date(Math.ceil(Date.now() / HOUR) * HOUR);
  const from = new Date(to.getTime() - 24 * HOUR);
  const series = useResource(`series:${queryId}:${to.getTime()}`, (signal) =>
    api.get(
      workspacePath(workspaceId, 'listening', 'queries', queryId, 'series') +
        `?interval=hour&from=${from.toISOString()}&to=${to.toISOString()}`,
      ListeningSeries,
      { signal },
    ),
  );
  if (series.loading) return <LoadingBlock />;
  if (series.error || !series.data) return <LoadFailure error={series.error} onRetry={series.reload} />;
  const hour = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: series.data.timeZone });
  const net = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, signDisplay: 'exceptZero' });
  const buckets = series.data.buckets;
  return (
    <div className="listening__series">
      <h3>{t('listening.series.title', { name })}</h3>
      <CountBars
        label={t('listening.series.chart')}
        buckets={buckets.map((bucket) => ({ key: bucket.start, total: bucket.total, negative: bucket.negative }))}
      />
      <Table
        caption={t('listening.series.title', { name })}
        captionHidden
        columns={[
          {
            key: 'start',
            header: t('listening.series.hour'),
            cell: (bucket) => hour.format(new Date(bucket.start)),
            isRowHeader: true,
          },
          { key: 'total', header: t('listening.series.total'), cell: (bucket) => bucket.total, align: 'end' },
          { key: 'negative', header: t('listening.series.negative'), cell: (bucket) => bucket.negative, align: 'end' },
          { key: 'positive', header: t('listening.series.positive'), cell: (bucket) => bucket.positive, align: 'end' },
          {
            key: 'net',
            header: t('listening.series.net'),
            cell: (bucket) => (bucket.netSentiment === null ? '—' : net.format(bucket.netSentiment)),
            align: 'end',
          },
        ]}
        rows={[...buckets].reverse()}
        rowKey={(bucket) => bucket.start}
      />
    </div>
  );
}
