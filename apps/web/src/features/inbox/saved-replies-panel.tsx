import { useState } from 'react';
import { Ok, SavedReplyBody, SavedReplyView } from '@sillage/contracts';
import { unknownSavedReplyVariables } from '@sillage/domain';
import type { z } from 'zod';
import { api, workspacePath } from '../../api/client.ts';
import { describeApiError, useFormErrors } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { SelectField } from '../../ui/select-field.tsx';
import { TextField } from '../../ui/text-field.tsx';

type SavedReply = z.infer<typeof SavedReplyView>;
type Draft = { title: string; body: string; language: '' | 'fr' | 'en'; tags: string };

const emptyDraft: Draft = { title: '', body: '', language: '', tags: '' };

/** The workspace's saved replies: the list, and a form to write a new one or edit one (variables explained). */
export function SavedRepliesPanel({ workspaceId }: { workspaceId: string }) {
  const { t } = useI18n();
  const list = useResource(`saved-replies:${workspaceId}`, (signal) =>
    api.get(workspacePath(workspaceId, 'inbox', 'saved-replies'), SavedReplyView.array(), { signal }),
  );
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>();
  const form = useFormErrors();

  const [unknown, setUnknown] = useState<string>();
  const save = async () => {
    const names = unknownSavedReplyVariables(draft.body);
    setUnknown(
      names.length > 0
        ? t('inbox.savedPanel.unknownVariable', { names: names.map((name) => `{{${name}}}`).join(', ') })
        : undefined,
    );
    if (names.length > 0) return;
    const body = form.validate(SavedReplyBody, {
      title: draft.title,
      body: draft.body,
      language: draft.language === '' ? null : draft.language,
      tags: draft.tags
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    });
    if (!body) return;
    setBusy(true);
    try {
      const path = workspacePath(workspaceId, 'inbox', 'saved-replies', ...(editing ? [editing] : []));
      if (editing) await api.put(path, SavedReplyView, body);
      else await api.post(path, SavedReplyView, body);
      setNotice(t('inbox.savedPanel.saved', { title: body.title }));
      setDraft(emptyDraft);
      setEditing(null);
      list.reload();
    } catch (error) {
      form.fromError(error);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (saved: SavedReply) => {
    try {
      await api.delete(workspacePath(workspaceId, 'inbox', 'saved-replies', saved.id), Ok);
      setNotice(t('inbox.savedPanel.deleted', { title: saved.title }));
      list.reload();
    } catch (error) {
      setNotice(describeApiError(error, t));
    }
  };

  return (
    <section className="inbox-saved" aria-labelledby="inbox-saved-title" data-testid="saved-replies-panel">
      <h2 id="inbox-saved-title">{t('inbox.savedPanel.title')}</h2>
      <p className="muted">{t('inbox.savedPanel.variables')}</p>
      {notice && <Alert tone="success">{notice}</Alert>}
      <form
        className="inbox-saved__form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <TextField
          label={t('inbox.savedPanel.titleLabel')}
          value={draft.title}
          maxLength={100}
          error={form.fieldErrors['title']}
          onChange={(title) => setDraft({ ...draft, title })}
        />
        <div className="field">
          <label htmlFor="saved-reply-body" className="field__label">
            {t('inbox.savedPanel.bodyLabel')}
          </label>
          <textarea
            id="saved-reply-body"
            className="textarea"
            rows={4}
            maxLength={8_000}
            value={draft.body}
            aria-invalid={form.fieldErrors['body'] || unknown ? true : undefined}
            onChange={(event) => setDraft({ ...draft, body: event.target.value })}
          />
          {(form.fieldErrors['body'] ?? unknown) && (
            <p className="field__error" role="alert">
              {form.fieldErrors['body'] ?? unknown}
            </p>
          )}
        </div>
        <SelectField
          label={t('inbox.savedPanel.language')}
          value={draft.language}
          options={[
            { value: '', label: t('inbox.savedPanel.anyLanguage') },
            { value: 'fr', label: t('language.fr') },
            { value: 'en', label: t('language.en') },
          ]}
          onChange={(language) => setDraft({ ...draft, language })}
        />
        <TextField
          label={t('inbox.savedPanel.tags')}
          hint={t('inbox.savedPanel.tagsHint')}
          value={draft.tags}
          maxLength={500}
          onChange={(tags) => setDraft({ ...draft, tags })}
        />
        {form.formError && <Alert tone="error">{form.formError}</Alert>}
        <div className="inbox__composer-actions">
          <Button type="submit" variant="primary" busy={busy}>
            {editing ? t('inbox.savedPanel.update') : t('inbox.savedPanel.create')}
          </Button>
          {editing && (
            <Button
              variant="ghost"
              onClick={() => {
                setEditing(null);
                setDraft(emptyDraft);
                form.clear();
              }}
            >
              {t('inbox.conflict.cancel')}
            </Button>
          )}
        </div>
      </form>
      {list.error && !list.data ? (
        <LoadFailure error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <LoadingBlock />
      ) : list.data.length === 0 ? (
        <EmptyState title={t('inbox.savedPanel.empty')}>{t('inbox.savedPanel.emptyHint')}</EmptyState>
      ) : (
        <ul className="inbox__entries">
          {list.data.map((saved) => (
            <li key={saved.id} className="inbox__entry">
              <p>
                <strong>{saved.title}</strong>
                {saved.language && <span className="badge">{saved.language.toUpperCase()}</span>}
                {saved.tags.map((tag) => (
                  <span key={tag} className="badge inbox__tag">
                    {tag}
                  </span>
                ))}
              </p>
              <p className="inbox__saved-body">{saved.body}</p>
              <div className="inbox__composer-actions">
                <Button
                  variant="secondary"
                  aria-label={t('inbox.savedPanel.editOne', { title: saved.title })}
                  onClick={() => {
                    setEditing(saved.id);
                    setDraft({
                      title: saved.title,
                      body: saved.body,
                      language: saved.language ?? '',
                      tags: saved.tags.join(', '),
                    });
                  }}
                >
                  {t('inbox.savedPanel.edit')}
                </Button>
                <Button
                  variant="ghost"
                  aria-label={t('inbox.savedPanel.deleteOne', { title: saved.title })}
                  onClick={() => void remove(saved)}
                >
                  {t('inbox.savedPanel.delete')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
