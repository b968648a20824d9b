import { useEffect, useState } from 'react';
import { PostView, type PublicationView } from '@sillage/contracts';
import { addLocalDays, type LocalDate } from '@sillage/domain';
import { api, workspacePath } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/button.tsx';
import { networkName } from '../channels/networks.ts';
import { useWorkspace } from '../workspaces/workspace-context.tsx';
import { mondayOf, todayIn, weekRange } from './calendar-week.ts';

const REFRESH_MS = 15_000;

type Entry = { post: PostView; publication: PublicationView };

const stateKeys: Record<PublicationView['state'], MessageKey> = {
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

/**
 * `/w/:id/calendar`: the week's publications day by day on the workspace's zone, each with its network,
 * format, state, and once published the network's id and a link to the post; refreshed while open.
 */
export function CalendarPage() {
  const { t, locale } = useI18n();
  const { workspace } = useWorkspace();
  const timeZone = workspace.timeZone;
  const [monday, setMonday] = useState<LocalDate>(() => mondayOf(todayIn(timeZone)));
  const week = weekRange(monday, timeZone);
  const query = `?from=${encodeURIComponent(week.from.toISOString())}&to=${encodeURIComponent(week.to.toISOString())}`;
  const posts = useResource(`calendar:${workspace.id}:${monday}`, (signal) =>
    api.get(workspacePath(workspace.id, 'posts') + query, PostView.array(), { signal }),
  );
  const { reload } = posts;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const dayLabel = (date: LocalDate) =>
    new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    }).format(new Date(`${date}T12:00:00Z`));

  const entries: Entry[] = (posts.data ?? []).flatMap((post) =>
    post.publications.map((publication) => ({ post, publication })),
  );
  const onDay = (date: LocalDate) =>
    entries
      .filter((entry) => entry.publication.localDate === date)
      .sort((a, b) => (a.publication.localTime ?? '').localeCompare(b.publication.localTime ?? ''));

  return (
    <section className="page">
      <header className="page__header">
        <h1>{t('pillar.calendar')}</h1>
        <p className="lead">{t('calendar.lead', { zone: timeZone })}</p>
      </header>
      <nav className="calendar__nav" aria-label={t('calendar.weekNavigation')}>
        <Button variant="secondary" onClick={() => setMonday(addLocalDays(monday, -7))}>
          {t('calendar.previousWeek')}
        </Button>
        <Button variant="secondary" onClick={() => setMonday(mondayOf(todayIn(timeZone)))}>
          {t('calendar.thisWeek')}
        </Button>
        <Button variant="secondary" onClick={() => setMonday(addLocalDays(monday, 7))}>
          {t('calendar.nextWeek')}
        </Button>
        <h2 className="calendar__range">{t('calendar.weekOf', { date: dayLabel(monday) })}</h2>
      </nav>
      {posts.error ? (
        <LoadFailure error={posts.error} onRetry={reload} />
      ) : posts.loading && !posts.data ? (
        <LoadingBlock />
      ) : (
        <ol className="calendar__week">
          {week.days.map((date) => {
            const items = onDay(date);
            return (
              <li key={date} className="calendar__day" aria-labelledby={`day-${date}`}>
                <h3 id={`day-${date}`} className="calendar__day-title">
                  {dayLabel(date)}
                </h3>
                {items.length === 0 ? (
                  <p className="muted">{t('calendar.nothing')}</p>
                ) : (
                  <ul className="calendar__items">
                    {items.map((entry) => (
                      <PublicationCard key={entry.publication.id} entry={entry} />
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function PublicationCard({ entry }: { entry: Entry }) {
  const { t } = useI18n();
  const { publication } = entry;
  const text = publication.content.text || entry.post.text;
  return (
    <li className="calendar__item" data-network={publication.network} data-state={publication.state}>
      <div className="calendar__item-head">
        <span className="calendar__time">{publication.localTime}</span>
        <span className="calendar__network">{networkName(publication.network)}</span>
        <span className={`status-pill ${stateTone(publication.state)}`}>{t(stateKeys[publication.state])}</span>
      </div>
      <div className="muted">
        {publication.channelName} · {t(`format.${publication.content.format}` as MessageKey)}
      </div>
      <p className="calendar__text">{text.length > 140 ? `${text.slice(0, 139)}…` : text}</p>
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
    </li>
  );
}
