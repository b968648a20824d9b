import { useState, type FormEvent } from 'react';
import { type AuditEntry, AuditPage } from '@sillage/contracts';
import type { z } from 'zod';
import { api, workspacePath } from '../../api/client.ts';
import { describeApiError } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { formatInstant } from '../../i18n/format.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { Field } from '../../ui/field.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { useWorkspace } from '../workspaces/workspace-context.tsx';

type Entry = z.infer<typeof AuditEntry>;
const PAGE_SIZE = 50;

const outcomeKey: Record<Entry['outcome'], MessageKey> = {
  success: 'audit.outcome.success',
  denied: 'audit.outcome.denied',
  failure: 'audit.outcome.failure',
};

function auditPath(workspaceId: string, action: string, before: string | null): string {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (before) query.set('before', before);
  if (action) query.set('action', action);
  return `${workspacePath(workspaceId, 'audit-log')}?${query.toString()}`;
}

/** Who did what, when, from where; newest first, 50 at a time, times in the workspace's zone. */
export function AuditLogPage() {
  const { t, locale } = useI18n();
  const { workspace } = useWorkspace();
  const [draftAction, setDraftAction] = useState('');
  const [action, setAction] = useState('');
  const [older, setOlder] = useState<{ entries: Entry[]; nextBefore: string | null } | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const first = useResource(`audit:${workspace.id}:${action}`, (signal) =>
    api.get(auditPath(workspace.id, action, null), AuditPage, { signal }),
  );

  const entries = [...(first.data?.entries ?? []), ...(older?.entries ?? [])];
  const nextBefore = older ? older.nextBefore : (first.data?.nextBefore ?? null);

  function filter(event: FormEvent) {
    event.preventDefault();
    setOlder(null);
    setAction(draftAction.trim());
  }

  async function loadMore() {
    if (!nextBefore) return;
    setMoreBusy(true);
    setMoreError(null);
    try {
      const page = await api.get(auditPath(workspace.id, action, nextBefore), AuditPage);
      setOlder((current) => ({ entries: [...(current?.entries ?? []), ...page.entries], nextBefore: page.nextBefore }));
    } catch (error) {
      setMoreError(describeApiError(error, t));
    } finally {
      setMoreBusy(false);
    }
  }

  const columns: Column<Entry>[] = [
    {
      key: 'at',
      header: t('audit.at'),
      isRowHeader: true,
      cell: (entry) => formatInstant(entry.at, workspace.timeZone, locale),
    },
    { key: 'actor', header: t('audit.actor'), cell: (entry) => entry.actorEmail ?? t('audit.system') },
    { key: 'action', header: t('audit.action'), cell: (entry) => <code>{entry.action}</code> },
    {
      key: 'target',
      header: t('audit.target'),
      cell: (entry) =>
        entry.targetType ? `${entry.targetType}${entry.targetId ? ` · ${entry.targetId.slice(0, 8)}` : ''}` : '—',
    },
    {
      key: 'outcome',
      header: t('audit.outcome'),
      cell: (entry) => <span className={`outcome outcome--${entry.outcome}`}>{t(outcomeKey[entry.outcome])}</span>,
    },
    { key: 'ip', header: t('audit.ip'), cell: (entry) => entry.ip ?? '—' },
    {
      key: 'details',
      header: t('audit.details'),
      cell: (entry) =>
        Object.keys(entry.details).length === 0 ? (
          '—'
        ) : (
          <details>
            <summary>{t('audit.showDetails')}</summary>
            <pre className="details-json">{JSON.stringify(entry.details, null, 2)}</pre>
          </details>
        ),
    },
  ];

  return (
    <section className="page">
      <header className="page__header">
        <h1>{t('settings.audit')}</h1>
        <p className="lead">{t('audit.intro', { timeZone: workspace.timeZone })}</p>
      </header>
      <form className="form form--inline" onSubmit={filter} role="search">
        <Field label={t('audit.filterAction')} hint={t('audit.filterHint')}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={draftAction}
              onChange={(event) => setDraftAction(event.target.value)}
            />
          )}
        </Field>
        <Button type="submit">{t('audit.filter')}</Button>
      </form>
      {first.error && <LoadFailure error={first.error} onRetry={first.reload} />}
      {first.loading && !first.data && <LoadingBlock />}
      {first.data && entries.length === 0 && <EmptyState title={t('audit.none')} />}
      {entries.length > 0 && (
        <Table
          caption={t('audit.tableCaption')}
          captionHidden
          columns={columns}
          rows={entries}
          rowKey={(entry) => entry.id}
        />
      )}
      {moreError && <Alert tone="error">{moreError}</Alert>}
      {nextBefore && (
        <Button onClick={loadMore} busy={moreBusy}>
          {t('audit.loadMore')}
        </Button>
      )}
    </section>
  );
}
