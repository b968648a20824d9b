import { useState } from 'react';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure } from '../../app/status-blocks.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { listMedia, type MediaItem } from './media-api.ts';
import { mediaFacts, MediaThumb } from './media-library-page.tsx';
import './media.css';

/** The composer's media picker: the workspace's library, searchable, each item added with one button. */
export function MediaPicker(props: { workspaceId: string; busy?: boolean; onPick: (item: MediaItem) => void }) {
  const { t, locale } = useI18n();
  const [search, setSearch] = useState('');
  const library = useResource(`media-picker:${props.workspaceId}:${search}`, (signal) =>
    listMedia(props.workspaceId, { search }, signal),
  );
  const items = library.data?.media.slice(0, 30) ?? [];
  return (
    <div className="media-picker" role="group" aria-label={t('media.pickerLabel')}>
      <TextField label={t('media.pickerSearch')} type="search" value={search} onChange={setSearch} />
      {library.error && <LoadFailure error={library.error} onRetry={library.reload} />}
      {library.data && items.length === 0 && <p className="field__hint">{t('media.pickerEmpty')}</p>}
      <ul className="media-picker__list">
        {items.map((item) => (
          <li key={item.id} className="media-picker__item">
            <MediaThumb item={item} />
            <span className="media-picker__facts">{mediaFacts(item, locale)}</span>
            <Button busy={props.busy ?? false} onClick={() => props.onPick(item)}>
              {t('media.pickerAdd', { name: item.originalName })}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
