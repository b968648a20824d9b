import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import {
  Channel,
  InboxItemDetail,
  InboxItemView,
  InboxNoteView,
  InboxReplyView,
  inboxItemKinds,
  inboxStatuses,
  Member,
} from '@sillage/contracts';
import { api, ApiError, workspacePath } from '../../api/client.ts';
import { describeApiError } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { SelectField } from '../../ui/select-field.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { useSignedIn } from '../auth/session.tsx';
import { networkName } from '../channels/networks.ts';
import { useWorkspace } from '../workspaces/workspace-context.tsx';
import { ItemDetail } from './inbox-item-detail.tsx';
import { InboxKpisPanel } from './inbox-kpis-panel.tsx';
import { shortcutOf, stepSelection } from './inbox-keys.ts';
import { SavedRepliesPanel } from './saved-replies-panel.tsx';
import { excerpt, kindKeys, priorityKeys, sentimentKeys, statusKeys } from './inbox-labels.ts';
import './inbox.css';

const REFRESH_MS = 5_000;

type Item = z.infer<typeof InboxItemView>;
type Detail = z.infer<typeof InboxItemDetail>;
type Filters = { status: string; channelId: string; kind: string; assignee: string; tag: string; search: string };

function queryOf(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.channelId) params.set('channelId', filters.channelId);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.assignee) params.set('assignee', filters.assignee);
  if (filters.tag.trim()) params.set('tag', filters.tag.trim());
  if (filters.search.trim()) params.set('search', filters.search.trim());
  const query = params.toString();
  return query ? `?${query}` : '';
}

/**
 * `/w/:id/inbox`: the unified inbox of comments, replies, mentions, DMs and reviews, refreshed every 5 seconds;
 * the list with its filters on the left, the selected item's thread, history, notes and replies on the right.
 * Keyboard: j/k next/previous, a assign to me, c close, r reply (not while typing in a field).
 */
export function InboxPage() {
  const { t, locale } = useI18n();
  const { workspace } = useWorkspace();
  const session = useSignedIn();
  const [filters, setFilters] = useState<Filters>({
    status: 'open',
    channelId: '',
    kind: '',
    assignee: '',
    tag: '',
    search: '',
  });
  const [view, setView] = useState<'triage' | 'kpis' | 'saved'>('triage');
  const [selectedId, setSelectedId] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const replyRef = useRef<HTMLTextAreaElement>(null);

  const query = queryOf(filters);
  const items = useResource(`inbox:${workspace.id}:${query}`, (signal) =>
    api.get(workspacePath(workspace.id, 'inbox', 'items') + query, InboxItemView.array(), { signal }),
  );
  const detail = useResource(`inbox-item:${workspace.id}:${selectedId ?? ''}`, (signal) =>
    selectedId
      ? api.get(workspacePath(workspace.id, 'inbox', 'items', selectedId), InboxItemDetail, { signal })
      : Promise.resolve(undefined),
  );
  const channels = useResource(`channels:${workspace.id}`, (signal) =>
    api.get(workspacePath(workspace.id, 'channels'), Channel.array(), { signal }),
  );
  const members = useResource(`members:${workspace.id}`, (signal) =>
    api.get(workspacePath(workspace.id, 'members'), Member.array(), { signal }),
  );

  const reloadItems = items.reload;
  useEffect(() => {
    const timer = setInterval(reloadItems, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reloadItems]);

  const time = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: workspace.timeZone,
  });
  const memberName = (id: string | null) =>
    id === null ? t('inbox.nobody') : (members.data?.find((member) => member.userId === id)?.name ?? id.slice(0, 8));
  const list = items.data ?? [];
  const current: Detail | undefined = detail.data?.item.id === selectedId ? detail.data : undefined;

  const act = async (run: () => Promise<unknown>) => {
    setActionError(undefined);
    try {
      await run();
      detail.reload();
      items.reload();
    } catch (error) {
      setActionError(describeApiError(error, t));
    }
  };
  const update = (itemId: string, body: { status?: Item['status']; assigneeId?: string | null; tags?: string[] }) =>
    act(() => api.patch(workspacePath(workspace.id, 'inbox', 'items', itemId), InboxItemView, body));

  // The latest state for the keyboard handler, which is registered once.
  const latest = useRef({ list, selectedId, update, userId: session.user.id });
  latest.current = { list, selectedId, update, userId: session.user.id };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : undefined;
      const shortcut = shortcutOf({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        targetTag: target?.tagName,
        targetEditable: target?.isContentEditable ?? false,
      });
      if (!shortcut) return;
      const state = latest.current;
      const ids = state.list.map((item) => item.id);
      if (shortcut === 'next' || shortcut === 'previous') {
        const next = stepSelection(ids, state.selectedId, shortcut === 'next' ? 1 : -1);
        if (next) setSelectedId(next);
      } else if (!state.selectedId) return;
      else if (shortcut === 'assignToMe') void state.update(state.selectedId, { assigneeId: state.userId });
      else if (shortcut === 'close') void state.update(state.selectedId, { status: 'closed' });
      else if (shortcut === 'focusReply') replyRef.current?.focus();
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const all = { value: '', label: t('inbox.filter.all') };
  return (
    <section className="page">
      <header className="page__header">
        <h1>{t('pillar.inbox')}</h1>
        <p className="lead">{t('inbox.lead', { zone: workspace.timeZone })}</p>
        <p className="inbox__help muted" data-testid="inbox-help">
          {t('inbox.shortcuts')}
        </p>
        <div className="inbox__views" role="group" aria-label={t('inbox.views')}>
          <Button
            variant={view === 'triage' ? 'primary' : 'secondary'}
            aria-pressed={view === 'triage'}
            onClick={() => setView('triage')}
          >
            {t('inbox.view.triage')}
          </Button>
          <Button
            variant={view === 'kpis' ? 'primary' : 'secondary'}
            aria-pressed={view === 'kpis'}
            onClick={() => setView('kpis')}
          >
            {t('inbox.view.kpis')}
          </Button>
          <Button
            variant={view === 'saved' ? 'primary' : 'secondary'}
            aria-pressed={view === 'saved'}
            onClick={() => setView('saved')}
          >
            {t('inbox.view.saved')}
          </Button>
        </div>
      </header>
      {view === 'kpis' ? (
        <InboxKpisPanel workspaceId={workspace.id} timeZone={workspace.timeZone} />
      ) : view === 'saved' ? (
        <SavedRepliesPanel workspaceId={workspace.id} />
      ) : (
        <>
          <div className="inbox__filters">
            <SelectField
              label={t('inbox.filter.status')}
              value={filters.status}
              options={[all, ...inboxStatuses.map((status) => ({ value: status, label: t(statusKeys[status]) }))]}
              onChange={(status) => setFilters({ ...filters, status })}
            />
            <SelectField
              label={t('inbox.filter.channel')}
              value={filters.channelId}
              options={[
                all,
                ...(channels.data ?? []).map((channel) => ({
                  value: channel.id,
                  label: `${networkName(channel.network)} · ${channel.name}`,
                })),
              ]}
              onChange={(channelId) => setFilters({ ...filters, channelId })}
            />
            <SelectField
              label={t('inbox.filter.kind')}
              value={filters.kind}
              options={[all, ...inboxItemKinds.map((kind) => ({ value: kind, label: t(kindKeys[kind]) }))]}
              onChange={(kind) => setFilters({ ...filters, kind })}
            />
            <SelectField
              label={t('inbox.filter.assignee')}
              value={filters.assignee}
              options={[
                all,
                { value: 'none', label: t('inbox.nobody') },
                ...(members.data ?? []).map((member) => ({ value: member.userId, label: member.name })),
              ]}
              onChange={(assignee) => setFilters({ ...filters, assignee })}
            />
            <TextField
              label={t('inbox.filter.tag')}
              value={filters.tag}
              maxLength={50}
              onChange={(tag) => setFilters({ ...filters, tag })}
            />
            <TextField
              label={t('inbox.filter.search')}
              type="search"
              value={filters.search}
              maxLength={200}
              onChange={(search) => setFilters({ ...filters, search })}
            />
          </div>
          {actionError && <Alert tone="error">{actionError}</Alert>}
          <div className="inbox">
            <div className="inbox__list">
              {items.error && !items.data ? (
                <LoadFailure error={items.error} onRetry={items.reload} />
              ) : !items.data ? (
                <LoadingBlock />
              ) : list.length === 0 ? (
                <EmptyState title={t('inbox.empty')}>{t('inbox.emptyHint')}</EmptyState>
              ) : (
                <ul className="inbox__items" aria-label={t('inbox.listLabel')}>
                  {list.map((item) => (
                    <li key={item.id}>
                      <button
                        type="button"
                        className={`inbox__item${item.id === selectedId ? ' inbox__item--selected' : ''}`}
                        aria-current={item.id === selectedId ? 'true' : undefined}
                        data-network={item.network}
                        data-status={item.status}
                        onClick={() => setSelectedId(item.id)}
                      >
                        <span className="inbox__item-head">
                          <span className="badge">{networkName(item.network)}</span>
                          <span className="badge">{t(kindKeys[item.kind])}</span>
                          {item.sentiment && (
                            <span className={`inbox__sentiment inbox__sentiment--${item.sentiment}`}>
                              {t(sentimentKeys[item.sentiment])}
                            </span>
                          )}
                          <time dateTime={item.createdAt} className="muted">
                            {time.format(new Date(item.createdAt))}
                          </time>
                        </span>
                        <strong>{item.author.name}</strong>
                        <span className="inbox__excerpt">{excerpt(item.text)}</span>
                        <span className="muted">
                          {t(statusKeys[item.status])} · {memberName(item.assigneeId)}
                          {item.hidden ? ` · ${t('inbox.hiddenBadge')}` : ''}
                          {item.spam ? ` · ${t('inbox.spamBadge')}` : ''}
                          {item.priority ? ` · ${t(priorityKeys[item.priority])}` : ''}
                        </span>
                        {item.tags.length > 0 && (
                          <span className="inbox__item-tags">
                            {item.tags.map((tag) => (
                              <span key={tag} className="badge inbox__tag">
                                {tag}
                              </span>
                            ))}
                          </span>
                        )}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <div className="inbox__detail" data-testid="inbox-detail">
              {!selectedId ? (
                <p className="muted">{t('inbox.selectHint')}</p>
              ) : detail.error ? (
                <LoadFailure error={detail.error} onRetry={detail.reload} />
              ) : !current ? (
                <LoadingBlock />
              ) : (
                <ItemDetail
                  key={current.item.id}
                  workspaceId={workspace.id}
                  detail={current}
                  formatTime={(iso) => time.format(new Date(iso))}
                  memberName={memberName}
                  replyRef={replyRef}
                  onUpdate={(body) => update(current.item.id, body)}
                  onTags={(tags) => update(current.item.id, { tags })}
                  onAssignToMe={() => update(current.item.id, { assigneeId: session.user.id })}
                  onHide={(hidden) =>
                    act(() =>
                      api.post(
                        workspacePath(workspace.id, 'inbox', 'items', current.item.id, 'hidden'),
                        InboxItemView,
                        {
                          hidden,
                        },
                      ),
                    )
                  }
                  onReply={async (text, lastSeenReplyId, confirm) => {
                    try {
                      await api.post(
                        workspacePath(workspace.id, 'inbox', 'items', current.item.id, 'replies'),
                        InboxReplyView,
                        { text, lastSeenReplyId, confirm },
                      );
                      return undefined;
                    } catch (error) {
                      if (!(error instanceof ApiError) || error.code !== 'reply_conflict') throw error;
                      detail.reload();
                      const other = (error.details as { reply?: { authorId?: string | null } } | undefined)?.reply;
                      return { conflict: t('inbox.conflict.message', { name: memberName(other?.authorId ?? null) }) };
                    }
                  }}
                  onNote={(text) =>
                    api.post(workspacePath(workspace.id, 'inbox', 'items', current.item.id, 'notes'), InboxNoteView, {
                      text,
                    })
                  }
                  onSent={() => {
                    detail.reload();
                    items.reload();
                  }}
                />
              )}
            </div>
          </div>
        </>
      )}
    </section>
  );
}
