import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { MediaUploadResult, mediaAspects } from '@sillage/contracts';
import { api, workspacePath } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { SelectField } from '../../ui/select-field.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { useToast } from '../../ui/toast.tsx';
import { useWorkspace } from '../workspaces/workspace-context.tsx';
import { MediaEditDialog } from './media-edit-dialog.tsx';
import { describeMediaError } from './media-errors.ts';
import {
  formatBytes,
  formatDuration,
  listMedia,
  uploadMedia,
  type MediaItem,
  type MediaKindFilter,
} from './media-api.ts';
import './media.css';

type Transfer = { id: number; name: string; progress: number; error?: string; done?: boolean };

/** Dimensions, duration and size of a media, as one short line. */
export function mediaFacts(item: MediaItem, locale: string): string {
  return [
    item.width && item.height ? `${item.width}×${item.height}` : '',
    item.durationSeconds ? formatDuration(item.durationSeconds) : '',
    formatBytes(item.byteLength, locale),
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The media library: upload (button or drag and drop, with progress), import from a URL, search, edit, delete. */
export function MediaLibraryPage() {
  const { t, locale } = useI18n();
  const { workspace, can } = useWorkspace();
  const toast = useToast();
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<MediaKindFilter>('');
  const [transfers, setTransfers] = useState<Transfer[]>([]);
  const [dragging, setDragging] = useState(false);
  const [editing, setEditing] = useState<MediaItem | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);
  const counter = useRef(0);
  const library = useResource(`media:${workspace.id}:${kind}:${search}`, (signal) =>
    listMedia(workspace.id, { search, kind }, signal),
  );
  const writable = can('content.write');

  const patchTransfer = (id: number, patch: Partial<Transfer>) =>
    setTransfers((current) => current.map((entry) => (entry.id === id ? { ...entry, ...patch } : entry)));

  async function uploadFiles(files: readonly File[]) {
    for (const file of files) {
      counter.current += 1;
      const id = counter.current;
      setTransfers((current) => [{ id, name: file.name, progress: 0 }, ...current].slice(0, 8));
      try {
        const result = await uploadMedia(workspace.id, file, {}, (progress) => patchTransfer(id, { progress }));
        patchTransfer(id, { progress: 1, done: true });
        toast.show(
          result.duplicate ? t('media.duplicate', { name: file.name }) : t('media.uploaded', { name: file.name }),
        );
        library.reload();
      } catch (error) {
        patchTransfer(id, { error: describeMediaError(error, t) });
      }
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    if (writable) void uploadFiles([...event.dataTransfer.files]);
  }

  return (
    <section className="page media">
      <header className="page__header">
        <h1>{t('media.title')}</h1>
        <p className="lead">{t('media.intro')}</p>
      </header>

      {writable && (
        <div className="media__add">
          <div
            className={dragging ? 'media__drop media__drop--active' : 'media__drop'}
            data-testid="media-drop"
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <p>{t('media.dropHint')}</p>
            <input
              ref={input}
              id="media-file"
              type="file"
              multiple
              accept="image/jpeg,image/png,image/gif,image/webp,video/mp4,video/quicktime,application/pdf"
              className="visually-hidden"
              onChange={(event) => {
                void uploadFiles([...(event.target.files ?? [])]);
                event.target.value = '';
              }}
            />
            <Button variant="primary" onClick={() => input.current?.click()}>
              {t('media.choose')}
            </Button>
            <p className="field__hint">{t('media.accepted')}</p>
          </div>
          <ImportFromUrl onImported={() => library.reload()} />
        </div>
      )}

      {transfers.length > 0 && (
        <ul className="media__transfers" aria-label={t('media.transfers')}>
          {transfers.map((transfer) => (
            <li key={transfer.id}>
              <span className="media__transfer-name">{transfer.name}</span>
              {transfer.error ? (
                <Alert tone="error">{transfer.error}</Alert>
              ) : (
                <progress max={1} value={transfer.progress} aria-label={t('media.progress', { name: transfer.name })} />
              )}
              {transfer.done && <span className="muted">{t('media.done')}</span>}
            </li>
          ))}
        </ul>
      )}

      <div className="media__filters">
        <TextField
          label={t('media.search')}
          hint={t('media.searchHint')}
          type="search"
          value={search}
          onChange={setSearch}
        />
        <SelectField
          label={t('media.kind')}
          value={kind}
          options={[
            { value: '', label: t('media.kind.all') },
            { value: 'image', label: t('media.kind.image') },
            { value: 'video', label: t('media.kind.video') },
            { value: 'document', label: t('media.kind.document') },
          ]}
          onChange={setKind}
        />
      </div>

      {library.error && <LoadFailure error={library.error} onRetry={library.reload} />}
      {!library.data && !library.error && <LoadingBlock />}
      {library.data && library.data.media.length === 0 && (
        <EmptyState title={search || kind ? t('media.noMatch') : t('media.none')} />
      )}
      {library.data && library.data.media.length > 0 && (
        <ul className="media__grid" data-testid="media-grid">
          {library.data.media.map((item) => (
            <li key={item.id} className="media__card">
              <MediaThumb item={item} />
              <div className="media__card-body">
                <strong className="media__name" title={item.originalName}>
                  {item.originalName}
                </strong>
                <span className="muted">{mediaFacts(item, locale)}</span>
                {item.altText ? (
                  <span className="media__alt">{item.altText}</span>
                ) : (
                  <span className="media__alt media__alt--missing">{t('media.noAlt')}</span>
                )}
                {item.tags.length > 0 && (
                  <ul className="media__tags">
                    {item.tags.map((tag) => (
                      <li key={tag}>#{tag}</li>
                    ))}
                  </ul>
                )}
                <Button onClick={() => setEditing(item)}>{t('media.details', { name: item.originalName })}</Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {editing && (
        <MediaEditDialog
          item={editing}
          writable={writable}
          aspects={mediaAspects}
          onClose={() => setEditing(undefined)}
          onChanged={() => {
            setEditing(undefined);
            library.reload();
          }}
        />
      )}
    </section>
  );
}

/** A media's thumbnail, or its type for a document. */
export function MediaThumb({ item }: { item: MediaItem }) {
  return item.thumbnailUrl ? (
    <img className="media__thumb" src={item.thumbnailUrl} alt={item.altText} loading="lazy" />
  ) : (
    <span className="media__thumb media__thumb--document" aria-hidden="true">
      PDF
    </span>
  );
}

function ImportFromUrl({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const { workspace } = useWorkspace();
  const toast = useToast();
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.post(workspacePath(workspace.id, 'media', 'import'), MediaUploadResult, { url });
      toast.show(t('media.imported', { name: result.media.originalName }));
      setUrl('');
      onImported();
    } catch (cause) {
      setError(describeMediaError(cause, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="media__import" onSubmit={submit} noValidate>
      <TextField
        label={t('media.importUrl')}
        hint={t('media.importHint')}
        type="url"
        value={url}
        onChange={setUrl}
        error={error}
      />
      <Button type="submit" busy={busy} disabled={!/^https?:\/\/\S+$/.test(url)}>
        {t('media.import')}
      </Button>
    </form>
  );
}
