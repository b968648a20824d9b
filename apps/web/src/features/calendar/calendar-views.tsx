import { memo, useState, type DragEvent } from 'react';
import type { PublicationView } from '@sillage/contracts';
import type { LocalDate } from '@sillage/domain';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { networkName } from '../channels/networks.ts';
import type { CalendarEntry } from './calendar-week.ts';

const DRAG_TYPE = 'application/x-sillage-post';
const MONTH_DAY_LIMIT = 4;
const waiting: PublicationView['state'][] = ['draft', 'in_review', 'approved', 'scheduled'];

export const stateKeys: Record<PublicationView['state'], MessageKey> = {
  draft: 'publication.state.draft',
  in_review: 'publication.state.inReview',
  approved: 'publication.state.approved',
  scheduled: 'publication.state.scheduled',
  publishing: 'publication.state.publishing',
  published: 'publication.state.published',
  failed: 'publication.state.failed',
  unknown_outcome: 'publication.state.unknownOutcome',
  needs_reconnect: 'publication.state.needsReconnect',
  missed: 'publication.state.missed',
  cancelled: 'publication.state.cancelled',
};

const stateTone = (state: PublicationView['state']) =>
  state === 'published'
    ? 'status-pill--success'
    : ['failed', 'missed', 'needs_reconnect', 'unknown_outcome'].includes(state)
      ? 'status-pill--danger'
      : 'status-pill--neutral';

/** What a card can ask the page to do with its post. */
export type CardActions = {
  onMove: (entry: CalendarEntry) => void;
  onRepeat: (entry: CalendarEntry) => void;
};

/** Whether a post can still be moved: one of its publications has not gone out yet. */
export const isMovable = (entry: CalendarEntry) => waiting.includes(entry.publication.state);

export function useDayLabel() {
  const { locale } = useI18n();
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  return (date: LocalDate, style: 'long' | 'short' = 'long') =>
    new Intl.DateTimeFormat(tag, {
      weekday: style,
      day: 'numeric',
      month: style === 'long' ? 'long' : 'short',
      timeZone: 'UTC',
    }).format(new Date(`${date}T12:00:00Z`));
}

/** A day that accepts dropped posts: the post moves to this day at the same wall-clock time. */
function useDropTarget(date: LocalDate, onDropPost: (postId: string, date: LocalDate) => void) {
  const [over, setOver] = useState(false);
  return {
    over,
    handlers: {
      onDragOver: (event: DragEvent) => {
        if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        setOver(true);
      },
      onDragLeave: () => setOver(false),
      onDrop: (event: DragEvent) => {
        setOver(false);
        const postId = event.dataTransfer.getData(DRAG_TYPE);
        if (!postId) return;
        event.preventDefault();
        onDropPost(postId, date);
      },
    },
  };
}

type DaysProps = {
  days: readonly LocalDate[];
  entries: Map<LocalDate, CalendarEntry[]>;
  actions: CardActions;
  onDropPost: (postId: string, date: LocalDate) => void;
};

/** Seven days side by side; every post is a card that can be dragged to another day. */
export function WeekView({ days, entries, actions, onDropPost }: DaysProps) {
  return (
    <ol className="calendar__week">
      {days.map((date) => (
        <WeekDay key={date} date={date} items={entries.get(date) ?? []} actions={actions} onDropPost={onDropPost} />
      ))}
    </ol>
  );
}

const WeekDay = memo(function WeekDay(props: {
  date: LocalDate;
  items: CalendarEntry[];
  actions: CardActions;
  onDropPost: DaysProps['onDropPost'];
}) {
  const { t } = useI18n();
  const dayLabel = useDayLabel();
  const { over, handlers } = useDropTarget(props.date, props.onDropPost);
  return (
    <li
      className={`calendar__day${over ? ' calendar__day--over' : ''}`}
      aria-labelledby={`day-${props.date}`}
      data-date={props.date}
      {...handlers}
    >
      <h3 id={`day-${props.date}`} className="calendar__day-title">
        {dayLabel(props.date)}
      </h3>
      {props.items.length === 0 ? (
        <p className="muted">{t('calendar.nothing')}</p>
      ) : (
        <ul className="calendar__items">
          {props.items.map((entry) => (
            <PublicationCard key={entry.publication.id} entry={entry} actions={props.actions} />
          ))}
        </ul>
      )}
    </li>
  );
});

/** The month as weeks of days; each day shows its first posts and how many more it holds. */
export function MonthView({ days, entries, actions, onDropPost, month }: DaysProps & { month: string }) {
  const { t } = useI18n();
  const dayLabel = useDayLabel();
  return (
    <div className="calendar__month" role="grid" aria-label={t('calendar.view.month')}>
      {Array.from({ length: days.length / 7 }, (_, week) => (
        <div role="row" className="calendar__month-week" key={days[week * 7]}>
          {days.slice(week * 7, week * 7 + 7).map((date) => (
            <MonthDay
              key={date}
              date={date}
              outside={!date.startsWith(month)}
              label={dayLabel(date, 'short')}
              items={entries.get(date) ?? []}
              actions={actions}
              onDropPost={onDropPost}
            />
          ))}
        </div>
      ))}
    </div>
  );
}

const MonthDay = memo(function MonthDay(props: {
  date: LocalDate;
  outside: boolean;
  label: string;
  items: CalendarEntry[];
  actions: CardActions;
  onDropPost: DaysProps['onDropPost'];
}) {
  const { t } = useI18n();
  const [expanded, setExpanded] = useState(false);
  const { over, handlers } = useDropTarget(props.date, props.onDropPost);
  const shown = expanded ? props.items : props.items.slice(0, MONTH_DAY_LIMIT);
  return (
    <div
      role="gridcell"
      className={`calendar__month-day${props.outside ? ' calendar__month-day--outside' : ''}${over ? ' calendar__day--over' : ''}`}
      data-date={props.date}
      aria-label={props.label}
      {...handlers}
    >
      <div className="calendar__month-date">{props.label}</div>
      <ul className="calendar__items">
        {shown.map((entry) => (
          <PublicationCard key={entry.publication.id} entry={entry} actions={props.actions} compact />
        ))}
      </ul>
      {props.items.length > shown.length ? (
        <button type="button" className="calendar__link-button" onClick={() => setExpanded(true)}>
          {t('calendar.more', { count: props.items.length - shown.length })}
        </button>
      ) : null}
    </div>
  );
});

/** Every publication of the range in time order, as a table. */
export function ListView({ entries, actions }: { entries: CalendarEntry[]; actions: CardActions }) {
  const { t } = useI18n();
  const dayLabel = useDayLabel();
  const sorted = [...entries].sort((a, b) =>
    (a.publication.scheduledAt ?? '').localeCompare(b.publication.scheduledAt ?? ''),
  );
  if (sorted.length === 0) return <p className="muted">{t('calendar.nothing')}</p>;
  return (
    <table className="table calendar__list">
      <thead>
        <tr>
          <th scope="col">{t('calendar.list.day')}</th>
          <th scope="col">{t('calendar.list.time')}</th>
          <th scope="col">{t('calendar.list.channel')}</th>
          <th scope="col">{t('calendar.list.state')}</th>
          <th scope="col">{t('calendar.list.text')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('calendar.list.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((entry) => (
          <tr key={entry.publication.id} data-post-id={entry.post.id}>
            <td>{dayLabel(entry.date)}</td>
            <td className="calendar__time">{entry.time}</td>
            <td>
              {networkName(entry.publication.network)} · {entry.publication.channelName}
            </td>
            <td>
              <span className={`status-pill ${stateTone(entry.publication.state)}`}>
                {t(stateKeys[entry.publication.state])}
              </span>
            </td>
            <td className="calendar__text">{excerpt(entry)}</td>
            <td className="calendar__actions">
              <CardButtons entry={entry} actions={actions} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const excerpt = (entry: CalendarEntry, length = 140) => {
  const text = entry.publication.content.text || entry.post.text;
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
};

/** Move and Repeat for a post not yet out; bare buttons (no wrapper) because a busy week holds thousands. */
function CardButtons({ entry, actions }: { entry: CalendarEntry; actions: CardActions }) {
  const { t } = useI18n();
  if (!isMovable(entry)) return null;
  return (
    <>
      <button type="button" className="calendar__link-button" onClick={() => actions.onMove(entry)}>
        {t('calendar.move')}
      </button>
      <button type="button" className="calendar__link-button" onClick={() => actions.onRepeat(entry)}>
        {entry.post.seriesId ? t('calendar.repeats') : t('calendar.repeat')}
      </button>
    </>
  );
}

const PublicationCard = memo(function PublicationCard({
  entry,
  actions,
  compact = false,
}: {
  entry: CalendarEntry;
  actions: CardActions;
  compact?: boolean;
}) {
  const { t } = useI18n();
  const { publication } = entry;
  const movable = isMovable(entry);
  return (
    <li
      className="calendar__item"
      data-network={publication.network}
      data-state={publication.state}
      data-post-id={entry.post.id}
      draggable={movable}
      onDragStart={(event) => {
        event.dataTransfer.setData(DRAG_TYPE, entry.post.id);
        event.dataTransfer.effectAllowed = 'move';
      }}
    >
      <div className="calendar__item-head">
        <span className="calendar__time">{entry.time}</span>
        {networkName(publication.network)}
        <span className={`status-pill ${stateTone(publication.state)}`}>{t(stateKeys[publication.state])}</span>
        {entry.post.seriesId ? (
          <span className="calendar__repeat-mark" title={t('calendar.repeats')}>
            ↻
          </span>
        ) : null}
      </div>
      {compact ? (
        <p className="calendar__text">{excerpt(entry, 60)}</p>
      ) : (
        <>
          <div className="muted">
            {publication.channelName} · {t(`format.${publication.content.format}` as MessageKey)}
          </div>
          <p className="calendar__text">{excerpt(entry)}</p>
          {publication.networkPostId ? (
            <dl className="calendar__facts">
              <dt>{t('calendar.networkId')}</dt>
              <dd>
                <code>{publication.networkPostId}</code>
              </dd>
              {publication.url ? (
                <>
                  <dt>{t('calendar.link')}</dt>
                  <dd>
                    <a href={publication.url} target="_blank" rel="noreferrer noopener">
                      {t('calendar.openOnNetwork', { network: networkName(publication.network) })}
                    </a>
                  </dd>
                </>
              ) : null}
            </dl>
          ) : null}
          {publication.failure ? <p className="outcome--failure">{publication.failure.reason}</p> : null}
        </>
      )}
      <CardButtons entry={entry} actions={actions} />
    </li>
  );
});
