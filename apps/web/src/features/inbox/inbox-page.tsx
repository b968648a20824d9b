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
import { api, workspacePath } from '../../api/client.ts';
import { describeApiError } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { SelectField } from '../../ui/select-field.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { useSignedIn } from '../auth/session.tsx';
import { networkName } from '../channels/networks.ts';
import { useWorkspace } from '../workspaces/workspace-context.tsx';
import { shortcutOf, stepSelection } from './inbox-keys.ts';

const REFRESH_MS = 5_000;

type Item = z.infer<typeof InboxItemView>;
type Detail = z.infer<typeof InboxItemDetail>;
type Filters = { status: string; channelId: string; kind: string; assignee: string; search: string };

const kindKeys: Record<Item['kind'], MessageKey> = {
  comment: 'inbox.kind.comment',
  reply: 'inbox.kind.reply',
  mention: 'inbox.kind.mention',
  dm: 'inbox.kind.dm',
  review: 'inbox.kind.review',
};
const statusKeys: Record<Item['status'], MessageKey> = {
  open: 'inbox.status.open',
  pending: 'inbox.status.pending',
  closed: 'inbox.status.closed',
};
const sentimentKeys: Record<NonNullable<Item['sentiment']>, MessageKey> = {
  negative: 'inbox.sentiment.negative',
  neutral: 'inbox.sentiment.neutral',
  positive: 'inbox.sentiment.positive',
};

function queryOf(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.channelId) params.set('channelId', filters.channelId);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.assignee) params.set('assignee', filters.assignee);
  if (filters.search.trim()) params.set('search', filters.search.trim());
  const query = params.toString();
  return query ? `?${query}` : '';
}

const excerpt = (text: string) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);

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
    search: '',
  });
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
  const update = (itemId: string, body: { status?: Item['status']; assigneeId?: string | null }) =>
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
      </header>
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
                    </span>
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
              detail={current}
              formatTime={(iso) => time.format(new Date(iso))}
              memberName={memberName}
              replyRef={replyRef}
              onUpdate={(body) => update(current.item.id, body)}
              onAssignToMe={() => update(current.item.id, { assigneeId: session.user.id })}
              onHide={(hidden) =>
                act(() =>
                  api.post(workspacePath(workspace.id, 'inbox', 'items', current.item.id, 'hidden'), InboxItemView, {
                    hidden,
                  }),
                )
              }
              onSend={(kind, text) =>
                api.post(
                  workspacePath(
                    workspace.id,
                    'inbox',
                    'items',
                    current.item.id,
                    kind === 'reply' ? 'replies' : 'notes',
                  ),
                  kind === 'reply' ? InboxReplyView : InboxNoteView,
                  { text },
                )
              }
              onSent={() => {
                detail.reload();
                items.reload();
              }}
            />
          )}
        </div>
      </div>
    </section>
  );
}

type ItemDetailProps = {
  detail: Detail;
  formatTime: (iso: string) => string;
  memberName: (id: string | null) => string;
  replyRef: React.RefObject<HTMLTextAreaElement | null>;
  onUpdate: (body: { status: Item['status'] }) => Promise<void>;
  onAssignToMe: () => Promise<void>;
  onHide: (hidden: boolean) => Promise<void>;
  onSend: (kind: 'reply' | 'note', text: string) => Promise<unknown>;
  onSent: () => void;
};

function ItemDetail({
  detail,
  formatTime,
  memberName,
  replyRef,
  onUpdate,
  onAssignToMe,
  onHide,
  onSend,
  onSent,
}: ItemDetailProps) {
  const { t } = useI18n();
  const { item } = detail;
  return (
    <article className="inbox__thread" aria-labelledby="inbox-item-title">
      <header className="inbox__thread-head">
        <h2 id="inbox-item-title">
          {item.author.name}
          {item.author.handle && <span className="muted"> @{item.author.handle.replace(/^@/, '')}</span>}
        </h2>
        <p className="muted">
          {networkName(item.network)} · {item.channelName} · {t(kindKeys[item.kind])} · {formatTime(item.createdAt)}
          {item.rating !== null && ` · ${t('inbox.rating', { rating: item.rating })}`}
        </p>
      </header>
      <div className="inbox__actions" role="group" aria-label={t('inbox.statusLabel')}>
        {inboxStatuses.map((status) => (
          <Button
            key={status}
            variant={item.status === status ? 'primary' : 'secondary'}
            aria-pressed={item.status === status}
            onClick={() => void onUpdate({ status })}
          >
            {t(statusKeys[status])}
          </Button>
        ))}
        <Button onClick={() => void onAssignToMe()}>{t('inbox.assignToMe')}</Button>
        <Button variant="ghost" onClick={() => void onHide(!item.hidden)}>
          {item.hidden ? t('inbox.unhide') : t('inbox.hide')}
        </Button>
      </div>
      <p className="muted" data-testid="inbox-assignee">
        {t('inbox.assignedTo', { name: memberName(item.assigneeId) })}
      </p>
      {item.parentNetworkId && <p className="muted">{t('inbox.inReplyTo', { id: item.parentNetworkId })}</p>}
      <blockquote className="inbox__message">{item.text}</blockquote>
      {item.url && (
        <p>
          <a href={item.url} target="_blank" rel="noreferrer">
            {t('inbox.openOnNetwork')}
          </a>
        </p>
      )}
      <section aria-labelledby="inbox-replies">
        <h3 id="inbox-replies">{t('inbox.replies')}</h3>
        {detail.replies.length === 0 ? (
          <p className="muted">{t('inbox.noReplies')}</p>
        ) : (
          <ul className="inbox__entries" data-testid="inbox-replies">
            {detail.replies.map((reply) => (
              <li key={reply.id} className="inbox__entry">
                <p>{reply.text}</p>
                <p className="muted">
                  {memberName(reply.authorId)} · {formatTime(reply.sentAt)} · {t('inbox.networkId')}{' '}
                  <code>{reply.networkReplyId}</code>
                </p>
              </li>
            ))}
          </ul>
        )}
        {detail.replyWindow.open ? (
          <>
            {detail.replyWindow.closesAt && (
              <p className="muted">{t('inbox.windowCloses', { time: formatTime(detail.replyWindow.closesAt) })}</p>
            )}
            <Composer
              id="inbox-reply"
              label={t('inbox.replyLabel')}
              submitLabel={t('inbox.send')}
              textareaRef={replyRef}
              onSubmit={(text) => onSend('reply', text)}
              onDone={onSent}
            />
          </>
        ) : (
          <Alert tone="warning">{t('inbox.windowClosed')}</Alert>
        )}
      </section>
      <section aria-labelledby="inbox-notes">
        <h3 id="inbox-notes">{t('inbox.notes')}</h3>
        {detail.notes.length === 0 ? (
          <p className="muted">{t('inbox.noNotes')}</p>
        ) : (
          <ul className="inbox__entries">
            {detail.notes.map((note) => (
              <li key={note.id} className="inbox__entry inbox__entry--note">
                <p>{note.text}</p>
                <p className="muted">
                  {memberName(note.authorId)} · {formatTime(note.createdAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
        <Composer
          id="inbox-note"
          label={t('inbox.noteLabel')}
          submitLabel={t('inbox.addNote')}
          onSubmit={(text) => onSend('note', text)}
          onDone={onSent}
        />
      </section>
      <section aria-labelledby="inbox-history">
        <h3 id="inbox-history">{t('inbox.history')}</h3>
        {detail.authorHistory.length === 0 ? (
          <p className="muted">{t('inbox.noHistory')}</p>
        ) : (
          <ul className="inbox__entries">
            {detail.authorHistory.map((other) => (
              <li key={other.id} className="inbox__entry">
                <p>{excerpt(other.text)}</p>
                <p className="muted">
                  {networkName(other.network)} · {t(kindKeys[other.kind])} · {t(statusKeys[other.status])} ·{' '}
                  {formatTime(other.createdAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

function Composer({
  id,
  label,
  submitLabel,
  textareaRef,
  onSubmit,
  onDone,
}: {
  id: string;
  label: string;
  submitLabel: string;
  textareaRef?: React.RefObject<HTMLTextAreaElement | null>;
  onSubmit: (text: string) => Promise<unknown>;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async () => {
    if (!text.trim()) {
      setError(t('inbox.textRequired'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(text);
      setText('');
      onDone();
    } catch (cause) {
      setError(describeApiError(cause, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="inbox__composer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="field">
        <label htmlFor={id} className="field__label">
          {label}
        </label>
        <textarea
          id={id}
          ref={textareaRef}
          className="textarea"
          rows={3}
          maxLength={8_000}
          value={text}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setText(event.target.value)}
        />
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
      </div>
      <Button type="submit" variant="primary" busy={busy}>
        {submitLabel}
      </Button>
    </form>
  );
}
