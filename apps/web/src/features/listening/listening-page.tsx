import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  CrisisRoomView,
  CrisisSummaryView,
  ListeningAlertView,
  ListeningQueryView,
  MentionsPage,
  type CrisisSeverity,
} from '@sillage/contracts';
import { api, workspacePath } from '../../api/client.ts';
import { describeApiError } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/select-field.tsx';
import { Table } from '../../ui/table.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { useToast } from '../../ui/toast.tsx';
import { useWorkspace } from '../workspaces/workspace-context.tsx';
import { QuerySeries } from './listening-series.tsx';
import { MentionList } from './mention-list.tsx';

const REFRESH_MS = 10_000;

export const severityKeys: Record<CrisisSeverity, MessageKey> = {
  notice: 'crisis.severity.notice',
  warning: 'crisis.severity.warning',
  critical: 'crisis.severity.critical',
  crisis: 'crisis.severity.crisis',
};
const alertKindKeys: Record<ListeningAlertView['kind'], MessageKey> = {
  volume: 'listening.alert.volume',
  negative_share: 'listening.alert.negative_share',
};

type Filters = { queryId: string; sentiment: string; lang: string; source: string };

/**
 * `/w/:id/listening`: the workspace's queries with their volume and sentiment per hour (a chart and its table),
 * the live mention stream with its filters, the alerts (each may open a crisis room) and the crises.
 */
export function ListeningPage() {
  const { t, locale } = useI18n();
  const { workspace, can } = useWorkspace();
  const navigate = useNavigate();
  const toast = useToast();
  const base = (...segments: string[]) => workspacePath(workspace.id, ...segments);
  const [filters, setFilters] = useState<Filters>({ queryId: '', sentiment: '', lang: '', source: '' });
  const [selected, setSelected] = useState('');
  const [tick, setTick] = useState(0);
  const [opening, setOpening] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<CrisisSeverity>('warning');

  useEffect(() => {
    const timer = setInterval(() => setTick((value) => value + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  const queries = useResource(`listening-queries:${workspace.id}`, (signal) =>
    api.get(base('listening', 'queries'), ListeningQueryView.array(), { signal }),
  );
  const params = new URLSearchParams({ limit: '30' });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const mentions = useResource(`mentions:${workspace.id}:${params.toString()}:${tick}`, (signal) =>
    api.get(`${base('listening', 'mentions')}?${params.toString()}`, MentionsPage, { signal }),
  );
  const alerts = useResource(`alerts:${workspace.id}:${tick}`, (signal) =>
    api.get(`${base('listening', 'alerts')}?limit=20`, ListeningAlertView.array(), { signal }),
  );
  const crises = useResource(`crises:${workspace.id}:${tick}`, (signal) =>
    api.get(base('crises'), CrisisSummaryView.array(), { signal }),
  );

  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const queryList = queries.data ?? [];
  const selectedQuery = queryList.find((query) => query.id === selected) ?? queryList[0];
  const any = { value: '', label: t('listening.filter.any') };

  async function openCrisis(body: Record<string, unknown>, key: string) {
    setOpening(key);
    try {
      const room = await api.post(base('crises'), CrisisRoomView, body);
      void navigate(`/w/${workspace.id}/crisis/${room.crisis.id}`);
    } catch (error) {
      toast.show(describeApiError(error, t), 'error');
      setOpening(null);
    }
  }

  return (
    <section className="page listening">
      <header className="page__header">
        <h1>{t('pillar.listening')}</h1>
        <p className="lead">{t('listening.lead')}</p>
      </header>

      <section aria-labelledby="listening-alerts">
        <h2 id="listening-alerts">{t('listening.alerts')}</h2>
        {alerts.error ? <LoadFailure error={alerts.error} onRetry={alerts.reload} /> : null}
        {alerts.data && alerts.data.length === 0 ? <p className="muted">{t('listening.alerts.none')}</p> : null}
        <ul className="listening__alerts" data-testid="listening-alerts">
          {(alerts.data ?? []).map((alert) => (
            <li key={alert.id} className={`listening__alert listening__alert--${alert.severity}`}>
              <p>
                <strong>{alert.queryName}</strong> · {t(alertKindKeys[alert.kind])} · {t(severityKeys[alert.severity])}{' '}
                · {when.format(new Date(alert.windowStart))}
              </p>
              <p className="muted">
                {t('listening.alert.observed', {
                  observed: number.format(alert.observed),
                  expected: number.format(alert.expected),
                })}
              </p>
              {can('crisis.manage') ? (
                <Button
                  busy={opening === alert.id}
                  onClick={() =>
                    void openCrisis(
                      {
                        title: `${alert.queryName}: ${t(alertKindKeys[alert.kind])}`,
                        severity: alert.severity,
                        alertId: alert.id,
                      },
                      alert.id,
                    )
                  }
                >
                  {t('listening.alert.openCrisis')}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="listening-crises">
        <h2 id="listening-crises">{t('crisis.list')}</h2>
        {crises.data && crises.data.length === 0 ? <p className="muted">{t('crisis.list.none')}</p> : null}
        <ul>
          {(crises.data ?? []).map((crisis) => (
            <li key={crisis.id}>
              <Link to={`/w/${workspace.id}/crisis/${crisis.id}`}>{crisis.title}</Link> ·{' '}
              {t(severityKeys[crisis.severity])} ·{' '}
              {t(crisis.status === 'open' ? 'crisis.status.open' : 'crisis.status.closed')} ·{' '}
              {when.format(new Date(crisis.onsetAt))}
            </li>
          ))}
        </ul>
        {can('crisis.manage') ? (
          <form
            className="listening__open-form"
            onSubmit={(event) => {
              event.preventDefault();
              void openCrisis({ title, severity, ...(selectedQuery ? { queryId: selectedQuery.id } : {}) }, 'hand');
            }}
          >
            <h3>{t('crisis.open.byHand')}</h3>
            <TextField label={t('crisis.open.title')} value={title} onChange={setTitle} required maxLength={200} />
            <SelectField
              label={t('crisis.severity')}
              value={severity}
              options={(Object.keys(severityKeys) as CrisisSeverity[]).map((value) => ({
                value,
                label: t(severityKeys[value]),
              }))}
              onChange={setSeverity}
            />
            <Button type="submit" busy={opening === 'hand'}>
              {t('crisis.open.submit')}
            </Button>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="listening-queries">
        <h2 id="listening-queries">{t('listening.queries')}</h2>
        {queries.loading ? <LoadingBlock /> : null}
        {queries.error ? <LoadFailure error={queries.error} onRetry={queries.reload} /> : null}
        {queries.data && queryList.length === 0 ? <p className="muted">{t('listening.noQueries')}</p> : null}
        {queryList.length > 0 ? (
          <>
            <SelectField
              label={t('listening.query')}
              value={selectedQuery?.id ?? ''}
              options={queryList.map((query) => ({ value: query.id, label: `${query.name} (${query.kind})` }))}
              onChange={setSelected}
            />
            {selectedQuery ? (
              <QuerySeries workspaceId={workspace.id} queryId={selectedQuery.id} name={selectedQuery.name} />
            ) : null}
            <Table
              caption={t('listening.queries')}
              captionHidden
              columns={[
                { key: 'name', header: t('listening.query'), cell: (query) => query.name, isRowHeader: true },
                { key: 'kind', header: t('listening.kind'), cell: (query) => query.kind },
                { key: 'text', header: t('listening.queryText'), cell: (query) => <code>{query.text}</code> },
              ]}
              rows={queryList}
              rowKey={(query) => query.id}
            />
          </>
        ) : null}
      </section>

      <section aria-labelledby="listening-mentions">
        <h2 id="listening-mentions">{t('listening.mentions')}</h2>
        <div className="listening__filters">
          <SelectField
            label={t('listening.filter.query')}
            value={filters.queryId}
            options={[any, ...queryList.map((query) => ({ value: query.id, label: query.name }))]}
            onChange={(queryId) => setFilters({ ...filters, queryId })}
          />
          <SelectField
            label={t('listening.filter.sentiment')}
            value={filters.sentiment}
            options={[
              any,
              ...(['negative', 'neutral', 'positive'] as const).map((value) => ({
                value,
                label: t(`listening.sentiment.${value}`),
              })),
            ]}
            onChange={(sentiment) => setFilters({ ...filters, sentiment })}
          />
          <SelectField
            label={t('listening.filter.language')}
            value={filters.lang}
            options={[any, { value: 'fr', label: 'Français' }, { value: 'en', label: 'English' }]}
            onChange={(lang) => setFilters({ ...filters, lang })}
          />
          <SelectField
            label={t('listening.filter.source')}
            value={filters.source}
            options={[
              any,
              ...['x', 'bluesky', 'mastodon', 'reddit', 'youtube', 'rss', 'reviews'].map((value) => ({
                value,
                label: value,
              })),
            ]}
            onChange={(source) => setFilters({ ...filters, source })}
          />
        </div>
        {mentions.error ? <LoadFailure error={mentions.error} onRetry={mentions.reload} /> : null}
        {mentions.data ? (
          <MentionList mentions={mentions.data.mentions} empty={t('listening.mentions.none')} />
        ) : (
          <LoadingBlock />
        )}
      </section>
    </section>
  );
}
