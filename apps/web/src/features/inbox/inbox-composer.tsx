import { useEffect, useRef, useState } from 'react';
import { RenderedSavedReply, SavedReplyView } from '@sillage/contracts';
import type { z } from 'zod';
import { api, ApiError, workspacePath } from '../../api/client.ts';
import { describeApiError } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/button.tsx';
import { matchSavedReplies } from './saved-reply-search.ts';

type SavedReply = z.infer<typeof SavedReplyView>;

/** What a send may answer besides success: another reply came since, and the caller may send anyway. */
export type SendOutcome = { conflict: string } | undefined;

/**
 * A text box with its submit button. With `savedReplies`, typing "/" in an empty box (or the button) opens a
 * search of the workspace's saved replies; Enter or a click inserts the chosen one, its variables filled by
 * the server for this item.
 */
export function Composer({
  id,
  label,
  submitLabel,
  textareaRef,
  savedReplies,
  onSubmit,
  onDone,
  onTyping,
}: {
  id: string;
  label: string;
  submitLabel: string;
  textareaRef?: React.RefObject<HTMLTextAreaElement | null>;
  savedReplies?: { workspaceId: string; itemId: string } | undefined;
  onSubmit: (text: string, confirm: boolean) => Promise<unknown>;
  onDone: () => void;
  onTyping?: (typing: boolean) => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState<string>();
  const [picking, setPicking] = useState(false);
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const area = textareaRef ?? ownRef;

  const typing = text.trim().length > 0;
  useEffect(() => onTyping?.(typing), [typing, onTyping]);

  const submit = async (confirm: boolean) => {
    if (!text.trim()) {
      setError(t('inbox.textRequired'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const outcome = await onSubmit(text, confirm);
      if (outcome && typeof outcome === 'object' && 'conflict' in outcome) {
        setConflict((outcome as { conflict: string }).conflict);
        return;
      }
      setConflict(undefined);
      setText('');
      onDone();
    } catch (cause) {
      setError(describeApiError(cause, t));
    } finally {
      setBusy(false);
    }
  };

  const insert = async (saved: SavedReply) => {
    if (!savedReplies) return;
    setPicking(false);
    setError(undefined);
    try {
      const rendered = await api.get(
        workspacePath(savedReplies.workspaceId, 'inbox', 'items', savedReplies.itemId, 'saved-replies', saved.id),
        RenderedSavedReply,
      );
      setText((current) =>
        current.trim() === '' || current.trim() === '/' ? rendered.text : `${current}${rendered.text}`,
      );
      area.current?.focus();
    } catch (cause) {
      setError(
        cause instanceof ApiError && (cause.code === 'unknown_variable' || cause.code === 'variable_without_value')
          ? t('inbox.saved.renderFailed', { title: saved.title, reason: cause.message })
          : describeApiError(cause, t),
      );
    }
  };

  return (
    <form
      className="inbox__composer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(false);
      }}
    >
      <div className="field">
        <label htmlFor={id} className="field__label">
          {label}
        </label>
        <textarea
          id={id}
          ref={area}
          className="textarea"
          rows={3}
          maxLength={8_000}
          value={text}
          aria-invalid={error ? true : undefined}
          onKeyDown={(event) => {
            if (savedReplies && event.key === '/' && text === '') {
              event.preventDefault();
              setPicking(true);
            }
          }}
          onChange={(event) => setText(event.target.value)}
        />
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
      </div>
      {picking && savedReplies && (
        <SavedReplyPicker
          workspaceId={savedReplies.workspaceId}
          onPick={(saved) => void insert(saved)}
          onClose={() => {
            setPicking(false);
            area.current?.focus();
          }}
        />
      )}
      {conflict && (
        <div className="alert alert--warning inbox__conflict" role="alert" data-testid="inbox-reply-conflict">
          <p>{conflict}</p>
          <Button variant="primary" busy={busy} onClick={() => void submit(true)}>
            {t('inbox.conflict.sendAnyway')}
          </Button>{' '}
          <Button variant="ghost" onClick={() => setConflict(undefined)}>
            {t('inbox.conflict.cancel')}
          </Button>
        </div>
      )}
      <div className="inbox__composer-actions">
        <Button type="submit" variant="primary" busy={busy}>
          {submitLabel}
        </Button>
        {savedReplies && (
          <Button variant="ghost" aria-expanded={picking} onClick={() => setPicking((open) => !open)}>
            {t('inbox.saved.open')}
          </Button>
        )}
      </div>
    </form>
  );
}

function SavedReplyPicker({
  workspaceId,
  onPick,
  onClose,
}: {
  workspaceId: string;
  onPick: (saved: SavedReply) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const list = useResource(`saved-replies:${workspaceId}`, (signal) =>
    api.get(workspacePath(workspaceId, 'inbox', 'saved-replies'), SavedReplyView.array(), { signal }),
  );
  const matches = matchSavedReplies(list.data ?? [], query);
  const chosen = matches[Math.min(active, matches.length - 1)];
  return (
    <div className="inbox__picker" data-testid="saved-reply-picker">
      <label htmlFor="saved-reply-search" className="field__label">
        {t('inbox.saved.search')}
      </label>
      <input
        id="saved-reply-search"
        className="input"
        type="search"
        autoFocus
        value={query}
        role="combobox"
        aria-expanded="true"
        aria-controls="saved-reply-options"
        aria-activedescendant={chosen ? `saved-reply-${chosen.id}` : undefined}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') setActive((index) => Math.min(index + 1, matches.length - 1));
          else if (event.key === 'ArrowUp') setActive((index) => Math.max(index - 1, 0));
          else if (event.key === 'Enter' && chosen) onPick(chosen);
          else if (event.key === 'Escape') onClose();
          else return;
          event.preventDefault();
        }}
      />
      {!list.data ? (
        <p className="muted">{t('inbox.saved.loading')}</p>
      ) : matches.length === 0 ? (
        <p className="muted">{t('inbox.saved.none')}</p>
      ) : (
        <ul
          id="saved-reply-options"
          role="listbox"
          className="inbox__picker-options"
          aria-label={t('inbox.saved.list')}
        >
          {matches.map((saved) => (
            <li
              key={saved.id}
              id={`saved-reply-${saved.id}`}
              role="option"
              aria-selected={saved.id === chosen?.id}
              className={
                saved.id === chosen?.id ? 'inbox__picker-option inbox__picker-option--active' : 'inbox__picker-option'
              }
              onMouseDown={(event) => {
                event.preventDefault();
                onPick(saved);
              }}
            >
              <strong>{saved.title}</strong>
              {saved.language && <span className="badge">{saved.language.toUpperCase()}</span>}
              <span className="muted"> {saved.body.length > 90 ? `${saved.body.slice(0, 89)}…` : saved.body}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
