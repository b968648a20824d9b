import { useCallback, useState } from 'react';
import { inboxStatuses, type InboxItemDetail, type InboxItemView } from '@sillage/contracts';
import type { z } from 'zod';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { networkName } from '../channels/networks.ts';
import { Composer, type SendOutcome } from './inbox-composer.tsx';
import { excerpt, kindKeys, priorityKeys, ruleActionKeys, statusKeys } from './inbox-labels.ts';
import { useInboxPresence } from './inbox-presence.ts';

type Item = z.infer<typeof InboxItemView>;
type Detail = z.infer<typeof InboxItemDetail>;

export type ItemDetailProps = {
  workspaceId: string;
  detail: Detail;
  formatTime: (iso: string) => string;
  memberName: (id: string | null) => string;
  replyRef: React.RefObject<HTMLTextAreaElement | null>;
  onUpdate: (body: { status: Item['status'] }) => Promise<void>;
  onTags: (tags: string[]) => Promise<void>;
  onAssignToMe: () => Promise<void>;
  onHide: (hidden: boolean) => Promise<void>;
  /** Sends a reply; answers `{ conflict }` when another reply came since the one the member last saw. */
  onReply: (text: string, lastSeenReplyId: string | null, confirm: boolean) => Promise<SendOutcome>;
  onNote: (text: string) => Promise<unknown>;
  onSent: () => void;
};

/** The selected item: its thread, who else is on it, tags, what the rules did, replies, notes and history. */
export function ItemDetail({
  workspaceId,
  detail,
  formatTime,
  memberName,
  replyRef,
  onUpdate,
  onTags,
  onAssignToMe,
  onHide,
  onReply,
  onNote,
  onSent,
}: ItemDetailProps) {
  const { t } = useI18n();
  const { item } = detail;
  const [typing, setTyping] = useState(false);
  const onTyping = useCallback((value: boolean) => setTyping(value), []);
  const presence = useInboxPresence(workspaceId, item.id, typing);
  const lastSeenReplyId = detail.replies.at(-1)?.id ?? null;
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
          {item.priority && ` · ${t(priorityKeys[item.priority])}`}
          {item.spam && ` · ${t('inbox.spamBadge')}`}
        </p>
      </header>
      <div aria-live="polite" data-testid="inbox-presence">
        {(presence?.others ?? []).map((other) => (
          <p key={other.userId} className="inbox__presence">
            {other.typing
              ? t('inbox.presence.replying', { name: other.name })
              : t('inbox.presence.viewing', { name: other.name })}
          </p>
        ))}
      </div>
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
      <TagsEditor tags={item.tags} onChange={onTags} />
      {item.parentNetworkId && <p className="muted">{t('inbox.inReplyTo', { id: item.parentNetworkId })}</p>}
      <blockquote className="inbox__message">{item.text}</blockquote>
      {item.url && (
        <p>
          <a href={item.url} target="_blank" rel="noreferrer">
            {t('inbox.openOnNetwork')}
          </a>
        </p>
      )}
      {detail.ruleActions.length > 0 && (
        <section aria-labelledby="inbox-rules-done">
          <h3 id="inbox-rules-done">{t('inbox.ruleActions')}</h3>
          <ul className="inbox__entries" data-testid="inbox-rule-actions">
            {detail.ruleActions.map((action, index) => (
              <li key={`${action.ruleId ?? ''}-${action.action}-${index}`} className="inbox__entry">
                <p>
                  {t(ruleActionKeys[action.action], {
                    value: action.action === 'assign' ? memberName(action.value) : (action.value ?? ''),
                  })}{' '}
                  <span className="muted">
                    · {action.ruleName} · {formatTime(action.appliedAt)}
                    {action.outcome !== 'applied' &&
                      ` · ${t(action.outcome === 'pending' ? 'inbox.rulePending' : 'inbox.ruleFailed')}`}
                    {action.error && ` (${action.error})`}
                  </span>
                </p>
              </li>
            ))}
          </ul>
        </section>
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
            <p className="muted inbox__hint">{t('inbox.saved.hint')}</p>
            <Composer
              id="inbox-reply"
              label={t('inbox.replyLabel')}
              submitLabel={t('inbox.send')}
              textareaRef={replyRef}
              savedReplies={{ workspaceId, itemId: item.id }}
              onTyping={onTyping}
              onSubmit={(text, confirm) => onReply(text, lastSeenReplyId, confirm)}
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
          onSubmit={(text) => onNote(text)}
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

/** The item's tags: each removable, and a field to add one (Enter or the button). */
function TagsEditor({ tags, onChange }: { tags: string[]; onChange: (tags: string[]) => Promise<void> }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string>();
  const add = () => {
    const tag = draft.trim();
    if (!tag) return;
    if (tag.includes(',')) {
      setError(t('inbox.tags.noComma'));
      return;
    }
    setError(undefined);
    setDraft('');
    if (!tags.includes(tag)) void onChange([...tags, tag]);
  };
  return (
    <div className="inbox__tags" data-testid="inbox-tags">
      <span className="field__label">{t('inbox.tags.label')}</span>
      <ul className="inbox__tag-list">
        {tags.length === 0 && <li className="muted">{t('inbox.tags.none')}</li>}
        {tags.map((tag) => (
          <li key={tag} className="badge inbox__tag">
            {tag}
            <button
              type="button"
              className="inbox__tag-remove"
              aria-label={t('inbox.tags.remove', { tag })}
              onClick={() => void onChange(tags.filter((other) => other !== tag))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="inbox__tag-add">
        <label htmlFor="inbox-tag-input" className="visually-hidden">
          {t('inbox.tags.add')}
        </label>
        <input
          id="inbox-tag-input"
          className="input"
          value={draft}
          maxLength={50}
          placeholder={t('inbox.tags.placeholder')}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <Button variant="secondary" onClick={add}>
          {t('inbox.tags.add')}
        </Button>
      </div>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
