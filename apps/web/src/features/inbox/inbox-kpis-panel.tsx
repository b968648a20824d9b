import { useState } from 'react';
import { Channel, InboxKpisView, Member } from '@sillage/contracts';
import type { z } from 'zod';
import { api, workspacePath } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { SelectField } from '../../ui/select-field.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { networkName } from '../channels/networks.ts';
import { BarChart, ChartWithTable } from '../analytics/charts.tsx';
import '../analytics/analytics.css';

type Kpis = z.infer<typeof InboxKpisView>;
type Figures = Kpis['overall'];
type Metric = Figures['responseRate'];
type Row = Figures & { key: string; label: string };
type Measure = 'conversations' | 'responseRate' | 'medianFirstResponseMinutes';

const periods = [7, 28, 90] as const;
const measureKeys: Record<Measure, MessageKey> = {
  conversations: 'inbox.kpi.volume',
  responseRate: 'inbox.kpi.responseRate',
  medianFirstResponseMinutes: 'inbox.kpi.firstResponse',
};
const sentimentLabels = ['negative', 'neutral', 'positive', 'unknown'] as const;
const sentimentKeys: Record<(typeof sentimentLabels)[number], MessageKey> = {
  negative: 'inbox.sentiment.negative',
  neutral: 'inbox.sentiment.neutral',
  positive: 'inbox.sentiment.positive',
  unknown: 'inbox.kpi.sentimentUnknown',
};

const valueOf = (metric: Metric) => (metric.kind === 'value' ? metric.value : null);

/**
 * The community KPIs of the inbox for a chosen period and business hours: volume, response rate, median first
 * response in business minutes and the sentiment of conversations, overall, by channel and by agent; every
 * chart has its table, and every figure its definition (docs/metrics.md).
 */
export function InboxKpisPanel({ workspaceId, timeZone }: { workspaceId: string; timeZone: string }) {
  const { t, locale } = useI18n();
  const [days, setDays] = useState<(typeof periods)[number]>(28);
  const [hours, setHours] = useState('09:00-18:00');
  const [measure, setMeasure] = useState<Measure>('conversations');
  const [to] = useState(() => new Date());
  const from = new Date(to.getTime() - days * 86_400_000);
  const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), hours }).toString();
  const kpis = useResource(`inbox-kpis:${workspaceId}:${query}`, (signal) =>
    api.get(`${workspacePath(workspaceId, 'inbox', 'kpis')}?${query}`, InboxKpisView, { signal }),
  );
  const channels = useResource(`channels:${workspaceId}`, (signal) =>
    api.get(workspacePath(workspaceId, 'channels'), Channel.array(), { signal }),
  );
  const members = useResource(`members:${workspaceId}`, (signal) =>
    api.get(workspacePath(workspaceId, 'members'), Member.array(), { signal }),
  );
  const intl = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const count = (value: number) => new Intl.NumberFormat(intl).format(value);
  const show = (metric: Metric, kind: Measure) => {
    if (metric.kind !== 'value') return t('analytics.undefined');
    if (kind === 'responseRate')
      return new Intl.NumberFormat(intl, { style: 'percent', maximumFractionDigits: 1 }).format(metric.value);
    return t('inbox.kpi.minutes', {
      minutes: new Intl.NumberFormat(intl, { maximumFractionDigits: 1 }).format(metric.value),
    });
  };
  const measured = (row: Figures): { value: number | null; text: string } =>
    measure === 'conversations'
      ? { value: row.conversations, text: count(row.conversations) }
      : { value: valueOf(row[measure]), text: show(row[measure], measure) };

  const channelLabel = (id: string) => {
    const channel = channels.data?.find((one) => one.id === id);
    return channel ? `${networkName(channel.network)} · ${channel.name}` : id.slice(0, 8);
  };
  const agentLabel = (id: string | null) =>
    id === null ? t('inbox.nobody') : (members.data?.find((one) => one.userId === id)?.name ?? id.slice(0, 8));

  const columns: Column<Row>[] = [
    { key: 'label', header: t('inbox.kpi.group'), cell: (row) => row.label, isRowHeader: true },
    { key: 'volume', header: t('inbox.kpi.volume'), cell: (row) => count(row.conversations), align: 'end' },
    { key: 'answered', header: t('inbox.kpi.answered'), cell: (row) => count(row.answered), align: 'end' },
    {
      key: 'rate',
      header: t('inbox.kpi.responseRate'),
      cell: (row) => show(row.responseRate, 'responseRate'),
      align: 'end',
    },
    {
      key: 'median',
      header: t('inbox.kpi.firstResponse'),
      cell: (row) => show(row.medianFirstResponseMinutes, 'medianFirstResponseMinutes'),
      align: 'end',
    },
    ...sentimentLabels.map((label) => ({
      key: label,
      header: t(sentimentKeys[label]),
      cell: (row: Row) => count(row.sentiment[label]),
      align: 'end' as const,
    })),
  ];

  const grouped = (title: string, rows: Row[]) => (
    <ChartWithTable
      title={title}
      chart={
        <BarChart
          label={`${title} · ${t(measureKeys[measure])}`}
          rows={rows.map((row) => ({ key: row.key, label: row.label, ...measured(row) }))}
        />
      }
      table={<Table caption={title} columns={columns} rows={rows} rowKey={(row) => row.key} />}
    />
  );

  const data = kpis.data;
  return (
    <section className="inbox-kpis" aria-labelledby="inbox-kpis-title" data-testid="inbox-kpis">
      <h2 id="inbox-kpis-title">{t('inbox.kpi.title')}</h2>
      <p className="muted">{t('inbox.kpi.lead', { zone: timeZone })}</p>
      <div className="inbox__filters">
        <SelectField
          label={t('inbox.kpi.period')}
          value={String(days)}
          options={periods.map((value) => ({ value: String(value), label: t('inbox.kpi.lastDays', { days: value }) }))}
          onChange={(value) => setDays(Number(value) as (typeof periods)[number])}
        />
        <TextField
          label={t('inbox.kpi.hours')}
          hint={t('inbox.kpi.hoursHint')}
          value={hours}
          maxLength={200}
          onChange={setHours}
        />
        <SelectField
          label={t('inbox.kpi.measure')}
          value={measure}
          options={(Object.keys(measureKeys) as Measure[]).map((value) => ({ value, label: t(measureKeys[value]) }))}
          onChange={setMeasure}
        />
      </div>
      {kpis.error && !data ? (
        <LoadFailure error={kpis.error} onRetry={kpis.reload} />
      ) : !data ? (
        <LoadingBlock />
      ) : (
        <>
          <dl className="inbox-kpis__figures">
            <div>
              <dt>{t('inbox.kpi.volume')}</dt>
              <dd data-testid="inbox-kpi-volume">{count(data.overall.conversations)}</dd>
            </div>
            <div>
              <dt>{t('inbox.kpi.responseRate')}</dt>
              <dd>{show(data.overall.responseRate, 'responseRate')}</dd>
            </div>
            <div>
              <dt>{t('inbox.kpi.firstResponse')}</dt>
              <dd>{show(data.overall.medianFirstResponseMinutes, 'medianFirstResponseMinutes')}</dd>
            </div>
          </dl>
          <ChartWithTable
            title={t('inbox.kpi.sentimentTitle')}
            chart={
              <BarChart
                label={t('inbox.kpi.sentimentTitle')}
                rows={sentimentLabels.map((label) => ({
                  key: label,
                  label: t(sentimentKeys[label]),
                  value: data.overall.sentiment[label],
                  text: count(data.overall.sentiment[label]),
                }))}
              />
            }
            table={
              <Table
                caption={t('inbox.kpi.sentimentTitle')}
                columns={[
                  { key: 'label', header: t('inbox.kpi.sentiment'), cell: (row) => row.label, isRowHeader: true },
                  { key: 'count', header: t('inbox.kpi.volume'), cell: (row) => count(row.value), align: 'end' },
                ]}
                rows={sentimentLabels.map((label) => ({
                  key: label,
                  label: t(sentimentKeys[label]),
                  value: data.overall.sentiment[label],
                }))}
                rowKey={(row) => row.key}
              />
            }
          />
          {grouped(
            t('inbox.kpi.byChannel'),
            data.byChannel.map((row) => ({ ...row, key: row.channelId, label: channelLabel(row.channelId) })),
          )}
          {grouped(
            t('inbox.kpi.byAgent'),
            data.byAgent.map((row) => ({ ...row, key: row.agentId ?? 'none', label: agentLabel(row.agentId) })),
          )}
          <details className="inbox-kpis__definitions">
            <summary>{t('inbox.kpi.definitions')}</summary>
            <dl>
              <dt>{t('inbox.kpi.volume')}</dt>
              <dd>{t('inbox.kpi.def.volume')}</dd>
              <dt>{t('inbox.kpi.responseRate')}</dt>
              <dd>{t('inbox.kpi.def.responseRate')}</dd>
              <dt>{t('inbox.kpi.firstResponse')}</dt>
              <dd>{t('inbox.kpi.def.firstResponse')}</dd>
              <dt>{t('inbox.kpi.sentiment')}</dt>
              <dd>{t('inbox.kpi.def.sentiment')}</dd>
              <dt>{t('inbox.kpi.byAgent')}</dt>
              <dd>{t('inbox.kpi.def.agent')}</dd>
            </dl>
          </details>
        </>
      )}
    </section>
  );
}
