import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { CalendarView, Member, PostView } from '@sillage/contracts';
import { addLocalDays, addLocalMonths, publicationStates, type LocalDate } from '@sillage/domain';
import { api, workspacePath } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/select-field.tsx';
import { useSignedIn } from '../auth/session.tsx';
import { networkName } from '../channels/networks.ts';
import { useWorkspace } from '../workspaces/workspace-context.tsx';
import { FeedDialog, ImportDialog, MoveDialog, RepeatDialog } from './calendar-dialogs.tsx';
import { ListView, MonthView, stateKeys, useDayLabel, WeekView, type CardActions } from './calendar-views.tsx';
import {
  byDay,
  entriesOf,
  filterEntries,
  mondayOf,
  monthGrid,
  todayIn,
  weekRange,
  type CalendarEntry,
  type CalendarFilters,
} from './calendar-week.ts';
import { PublishingPauseBanner } from '../crisis/publishing-pause-banner.tsx';

const REFRESH_MS = 15_000;

type ViewKind = 'week' | 'month' | 'list';
const noFilters: CalendarFilters = { channelId: '', state: '', authorId: '' };

/** The zone the user chose to see the calendar in (remembered per user on this browser), or the workspace's. */
function useDisplayZone(userId: string, workspaceZone: string) {
  const storageKey = `sillage.calendar.zone.${userId}`;
  const [zone, setZone] = useState(() => {
    try {
      return localStorage.getItem(storageKey) ?? workspaceZone;
    } catch {
      return workspaceZone;
    }
  });
  const choose = (next: string) => {
    setZone(next);
    try {
      if (next === workspaceZone) localStorage.removeItem(storageKey);
      else localStorage.setItem(storageKey, next);
    } catch {
      // Private browsing: the choice lasts for this page only.
    }
  };
  return [zone, choose] as const;
}

/**
 * `/w/:id/calendar`: the workspace's publications by week, by month or as a list, on the workspace's zone or
 * the user's display zone; filters by channel, state and author; drag a post to another day (or "Move") to
 * reschedule it at the same wall-clock time; "Repeat" makes it recurring; "Import CSV" adds posts in bulk.
 */
export function CalendarPage() {
  const { t, locale } = useI18n();
  const dayLabel = useDayLabel();
  const { workspace } = useWorkspace();
  const session = useSignedIn();
  const [displayZone, setDisplayZone] = useDisplayZone(session.user.id, workspace.timeZone);
  const [view, setView] = useState<ViewKind>('week');
  const [anchor, setAnchor] = useState<LocalDate>(() => todayIn(displayZone));
  const [filters, setFilters] = useState<CalendarFilters>(noFilters);
  const [moving, setMoving] = useState<CalendarEntry>();
  const [repeating, setRepeating] = useState<CalendarEntry>();
  const [importing, setImporting] = useState(false);
  const [subscribing, setSubscribing] = useState(false);
  const [moveError, setMoveError] = useState<string>();

  const week = weekRange(mondayOf(anchor), displayZone);
  const month = monthGrid(anchor, displayZone);
  const range = view === 'week' ? week : month;
  const query = `?from=${encodeURIComponent(range.from.toISOString())}&to=${encodeURIComponent(range.to.toISOString())}`;
  const calendar = useResource(`calendar:${workspace.id}:${query}`, (signal) =>
    api.get(workspacePath(workspace.id, 'calendar') + query, CalendarView, { signal }),
  );
  const members = useResource(`members:${workspace.id}`, (signal) =>
    api.get(workspacePath(workspace.id, 'members'), Member.array(), { signal }),
  );
  const { reload } = calendar;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const all = useMemo(() => entriesOf(calendar.data?.posts ?? [], displayZone), [calendar.data, displayZone]);
  const shown = useMemo(() => filterEntries(all, filters), [all, filters]);
  const days = useMemo(() => byDay(shown), [shown]);

  const channels = [...new Map(all.map((entry) => [entry.publication.channelId, entry.publication])).values()];
  const authors = [...new Set(all.flatMap((entry) => (entry.post.authorId ? [entry.post.authorId] : [])))];
  const authorName = (id: string) => members.data?.find((member) => member.userId === id)?.name ?? id.slice(0, 8);
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = [...new Set([workspace.timeZone, browserZone, displayZone])];

  const step = (direction: 1 | -1) =>
    setAnchor(view === 'week' ? addLocalDays(anchor, 7 * direction) : addLocalMonths(anchor, direction));

  // Stable callbacks: the day columns and their cards are memoized, so a refresh or a dialog opening does not
  // re-render thousands of unchanged cards.
  const onDropPost = useCallback(
    (postId: string, date: LocalDate) => {
      setMoveError(undefined);
      void api
        .post(workspacePath(workspace.id, 'posts', postId, 'reschedule'), PostView, { date })
        .catch((cause: unknown) => setMoveError(cause instanceof Error ? cause.message : String(cause)))
        .finally(reload);
    },
    [workspace.id, reload],
  );
  const actions: CardActions = useMemo(() => ({ onMove: setMoving, onRepeat: setRepeating }), []);
  const title =
    view === 'week'
      ? t('calendar.weekOf', { date: dayLabel(week.days[0]!) })
      : new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
          month: 'long',
          year: 'numeric',
          timeZone: 'UTC',
        }).format(new Date(`${month.month}-15T12:00:00Z`));

  return (
    <section className="page">
      <header className="page__header">
        <h1>{t('pillar.calendar')}</h1>
        <p className="lead">{t('calendar.lead', { zone: displayZone })}</p>
      </header>
      <PublishingPauseBanner />
      <div className="calendar__toolbar">
        <div className="calendar__views" role="group" aria-label={t('calendar.view.label')}>
          {(['week', 'month', 'list'] as const).map((kind) => (
            <Button
              key={kind}
              variant={view === kind ? 'primary' : 'secondary'}
              aria-pressed={view === kind}
              onClick={() => setView(kind)}
            >
              {t(`calendar.view.${kind}`)}
            </Button>
          ))}
        </div>
        <div className="calendar__views">
          <Link className="button button--primary" to={`/w/${workspace.id}/compose`}>
            {t('composer.newPost')}
          </Link>
          <Button variant="secondary" onClick={() => setImporting(true)}>
            {t('calendar.import')}
          </Button>
          <Button variant="secondary" onClick={() => setSubscribing(true)}>
            {t('calendar.feed')}
          </Button>
        </div>
      </div>
      <nav className="calendar__nav" aria-label={t('calendar.weekNavigation')}>
        <Button variant="secondary" onClick={() => step(-1)}>
          {view === 'week' ? t('calendar.previousWeek') : t('calendar.previousMonth')}
        </Button>
        <Button variant="secondary" onClick={() => setAnchor(todayIn(displayZone))}>
          {view === 'week' ? t('calendar.thisWeek') : t('calendar.thisMonth')}
        </Button>
        <Button variant="secondary" onClick={() => step(1)}>
          {view === 'week' ? t('calendar.nextWeek') : t('calendar.nextMonth')}
        </Button>
        <h2 className="calendar__range">{title}</h2>
      </nav>
      <div className="calendar__filters">
        <SelectField
          label={t('calendar.filter.channel')}
          value={filters.channelId}
          options={[
            { value: '', label: t('calendar.filter.all') },
            ...channels.map((channel) => ({
              value: channel.channelId,
              label: `${networkName(channel.network)} · ${channel.channelName}`,
            })),
          ]}
          onChange={(channelId) => setFilters({ ...filters, channelId })}
        />
        <SelectField
          label={t('calendar.filter.state')}
          value={filters.state}
          options={[
            { value: '', label: t('calendar.filter.all') },
            ...publicationStates.map((state) => ({ value: state, label: t(stateKeys[state]) })),
          ]}
          onChange={(state) => setFilters({ ...filters, state })}
        />
        <SelectField
          label={t('calendar.filter.author')}
          value={filters.authorId}
          options={[
            { value: '', label: t('calendar.filter.all') },
            ...authors.map((id) => ({ value: id, label: authorName(id) })),
          ]}
          onChange={(authorId) => setFilters({ ...filters, authorId })}
        />
        <SelectField
          label={t('calendar.displayZone')}
          hint={t('calendar.displayZoneHint', { zone: workspace.timeZone })}
          value={displayZone}
          options={zones.map((zone) => ({ value: zone, label: zone }))}
          onChange={setDisplayZone}
        />
      </div>
      {moveError ? <Alert tone="error">{moveError}</Alert> : null}
      {calendar.data?.truncated ? <Alert tone="warning">{t('calendar.truncated')}</Alert> : null}
      {calendar.error ? (
        <LoadFailure error={calendar.error} onRetry={reload} />
      ) : calendar.loading && !calendar.data ? (
        <LoadingBlock />
      ) : view === 'week' ? (
        <WeekView days={week.days} entries={days} actions={actions} onDropPost={onDropPost} />
      ) : view === 'month' ? (
        <MonthView days={month.days} month={month.month} entries={days} actions={actions} onDropPost={onDropPost} />
      ) : (
        <ListView entries={shown} actions={actions} />
      )}
      <MoveDialog
        workspaceId={workspace.id}
        entry={moving}
        onClose={() => setMoving(undefined)}
        onMoved={() => {
          setMoving(undefined);
          reload();
        }}
      />
      <RepeatDialog
        workspaceId={workspace.id}
        entry={repeating}
        onClose={() => setRepeating(undefined)}
        onSaved={reload}
      />
      <FeedDialog workspaceId={workspace.id} open={subscribing} onClose={() => setSubscribing(false)} />
      <ImportDialog
        workspaceId={workspace.id}
        open={importing}
        onClose={() => setImporting(false)}
        onImported={reload}
      />
    </section>
  );
}
