import { useState } from 'react';
import { MediaAssetView, Ok } from '@sillage/contracts';
import { api, ApiError, workspacePath } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { useToast } from '../../ui/toast.tsx';
import { useWorkspace } from '../workspaces/workspace-context.tsx';
import { describeMediaError } from './media-errors.ts';
import type { MediaItem } from './media-api.ts';

/** A media's details: alt text and tags (editable), the original, its renditions per aspect ratio, deletion. */
export function MediaEditDialog(props: {
  item: MediaItem;
  writable: boolean;
  aspects: readonly string[];
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const { workspace } = useWorkspace();
  const toast = useToast();
  const { item } = props;
  const [altText, setAltText] = useState(item.altText);
  const [tags, setTags] = useState(item.tags.join(', '));
  const [busy, setBusy] = useState<'save' | 'delete' | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const path = workspacePath(workspace.id, 'media', item.id);

  async function save() {
    setBusy('save');
    setError(undefined);
    try {
      const tagList = tags
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean);
      await api.patch(path, MediaAssetView, { altText, tags: tagList });
      toast.show(t('media.saved'));
      props.onChanged();
    } catch (cause) {
      setError(describeMediaError(cause, t));
    } finally {
      setBusy(undefined);
    }
  }

  async function remove() {
    if (!window.confirm(t('media.confirmDelete', { name: item.originalName }))) return;
    setBusy('delete');
    setError(undefined);
    try {
      await api.delete(path, Ok);
      toast.show(t('media.deleted', { name: item.originalName }));
      props.onChanged();
    } catch (cause) {
      setError(
        cause instanceof ApiError && cause.status === 409
          ? t('media.inUse', {
              count: ((cause.details as { postIds?: string[] } | undefined)?.postIds ?? []).length,
            })
          : describeMediaError(cause, t),
      );
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <Dialog
      open
      title={item.originalName}
      onClose={props.onClose}
      footer={
        <>
          {props.writable && (
            <Button variant="danger" busy={busy === 'delete'} onClick={() => void remove()}>
              {t('media.delete')}
            </Button>
          )}
          <Button onClick={props.onClose}>{t('media.close')}</Button>
          {props.writable && (
            <Button variant="primary" busy={busy === 'save'} onClick={() => void save()}>
              {t('media.save')}
            </Button>
          )}
        </>
      }
    >
      {error && <Alert tone="error">{error}</Alert>}
      <div className="field">
        <label htmlFor="media-alt" className="field__label">
          {t('media.altText')}
        </label>
        <textarea
          id="media-alt"
          className="textarea"
          rows={3}
          maxLength={2000}
          value={altText}
          readOnly={!props.writable}
          onChange={(event) => setAltText(event.target.value)}
        />
        <p className="field__hint">{t('media.altHint')}</p>
      </div>
      <TextField
        label={t('media.tags')}
        hint={t('media.tagsHint')}
        value={tags}
        onChange={setTags}
        readOnly={!props.writable}
      />
      <p>
        <a href={`${item.fileUrl}?download=1`}>{t('media.download')}</a> ·{' '}
        <a href={item.fileUrl} target="_blank" rel="noreferrer">
          {t('media.open')}
        </a>
      </p>
      {item.kind !== 'document' && (
        <>
          <h3 className="section-title">{t('media.renditions')}</h3>
          <p className="field__hint">{t('media.renditionsHint')}</p>
          <ul className="media__renditions">
            {props.aspects.map((aspect) => (
              <li key={aspect}>
                <a href={`${path}/renditions/${aspect}`} target="_blank" rel="noreferrer">
                  {aspect.replace('x', ':')}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}
