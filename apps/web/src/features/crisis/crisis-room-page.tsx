import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { CrisisRoomView, MentionsPage, type CrisisSeverity } from '@sillage/contracts';
import type { z } from 'zod';
import { api, workspacePath } from '../../api/client.ts';
import { describeApiError } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/button.tsx';
import { Field } from '../../ui/field.tsx';
import { SelectField } from '../../ui/select-field.tsx';
import { Table } from '../../ui/table.tsx';
import { useToast } from '../../ui/toast.tsx';
import { severityKeys } from '../listening/listening-page.tsx';
import { CountBars } from '../listening/listening-series.tsx';
import { MentionList } from '../listening/mention-list.tsx';
import { useWorkspace } from '../workspaces/workspace-context.tsx';
import { PublishingPauseBanner } from './publishing-pause-banner.tsx';
import { StatementsPanel } from './statements-panel.tsx';

const REFRESH_MS = 10_000;
type Room = z.infer<typeof CrisisRoomView>;

function TextArea({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <Field label={label}>
      {(control) => (
        <textarea
          {...control}
          className="input"
          rows={3}
          maxLength={5000}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

/**
 * `/w/:id/crisis/:crisisId`: the crisis room. Figures since onset against the baseline (a chart and its
 * tables), the live timeline of matching mentions, holding statements, the publishing pause, the team's notes,
 * the actions log, the closing with lessons learned, and the post-mortem PDF.
 */
export function CrisisRoomPage() {
  const { t, locale } = useI18n();
  const { workspace, can } = useWorkspace();
  const { crisisId = '' } = useParams();
  const toast = useToast();
  const [tick, setTick] = useState(0);
  const [note, setNote] = useState('');
  const [summary, setSummary] = useState('');
  const [lessons, setLessons] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const path = (...segments: string[]) => workspacePath(workspace.id, 'crises', crisisId, ...segments);

  useEffect(() => {
    const timer = setInterval(() => setTick((value) => value + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  const room = useResource(`crisis:${crisisId}:${tick}`, (signal) => api.get(path(), CrisisRoomView, { signal }));
  const data = room.data;
  const mentionQuery = data
    ? new URLSearchParams({
        limit: '50',
        from: data.crisis.onsetAt,
        to: data.crisis.closedAt ?? new Date(Math.ceil(Date.now() / 60_000) * 60_000).toISOString(),
        ...(data.crisis.queryId ? { queryId: data.crisis.queryId } : {}),
      }).toString()
    : '';
  const mentions = useResource(`crisis-mentions:${crisisId}:${mentionQuery}`, (signal) =>
    mentionQuery
      ? api.get(`${workspacePath(workspace.id, 'listening', 'mentions')}?${mentionQuery}`, MentionsPage, { signal })
      : Promise.resolve(undefined),
  );

  if (!data && room.loading) return <LoadingBlock />;
  if (!data) return <LoadFailure error={room.error} onRetry={room.reload} />;
  const { crisis, figures } = data;
  const open = crisis.status === 'open';
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const percent = (value: number | null) =>
    value === null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  const update = (next: Room) => room.setData(() => next);

  async function act(key: string, call: () => Promise<Room>, after?: () => void) {
    setBusy(key);
    try {
      update(await call());
      after?.();
    } catch (error) {
      toast.show(describeApiError(error, t), 'error');
    } finally {
      setBusy(null);
    }
  }

  const periods = [
    { key: 'baseline', label: t('crisis.figures.baseline'), period: figures.baseline },
    { key: 'since', label: t('crisis.figures.sinceOnset'), period: figures.sinceOnset },
    { key: 'last', label: t('crisis.figures.lastHour'), period: figures.lastHour },
  ];

  return (
    <section className="page crisis">
      <p>
        <Link to={`/w/${workspace.id}/listening`}>{t('crisis.back')}</Link>
      </p>
      <header className="page__header">
        <p className="eyebrow">{t('crisis.room')}</p>
        <h1>{crisis.title}</h1>
        <p className="lead">
          {t(severityKeys[crisis.severity])} · {t(open ? 'crisis.status.open' : 'crisis.status.closed')} ·{' '}
          {t('crisis.owner')}: {crisis.ownerName ?? '—'} · {t('crisis.query')}:{' '}
          {crisis.queryName ?? t('crisis.allMentions')} · {t('crisis.onset')}: {when.format(new Date(crisis.onsetAt))}
        </p>
        {!open && crisis.closedAt ? (
          <p>{t('crisis.closed', { at: when.format(new Date(crisis.closedAt)), name: crisis.closedByName ?? '—' })}</p>
        ) : null}
      </header>

      {open && can('crisis.manage') ? (
        <SelectField
          label={t('crisis.severity.change')}
          value={crisis.severity}
          options={(Object.keys(severityKeys) as CrisisSeverity[]).map((value) => ({
            value,
            label: t(severityKeys[value]),
          }))}
          onChange={(severity) => void act('severity', () => api.patch(path(), CrisisRoomView, { severity }))}
        />
      ) : null}

      <PublishingPauseBanner {...(open ? { crisis: { id: crisis.id, title: crisis.title } } : {})} />

      <section aria-labelledby="crisis-figures">
        <h2 id="crisis-figures">{t('crisis.figures')}</h2>
        <Table
          caption={t('crisis.figures.caption')}
          columns={[
            { key: 'label', header: t('crisis.figures.period'), cell: (row) => row.label, isRowHeader: true },
            {
              key: 'range',
              header: '',
              cell: (row) => `${when.format(new Date(row.period.from))} → ${when.format(new Date(row.period.to))}`,
            },
            {
              key: 'mentions',
              header: t('crisis.figures.mentions'),
              cell: (row) => number.format(row.period.mentions),
              align: 'end',
            },
            {
              key: 'perHour',
              header: t('crisis.figures.perHour'),
              cell: (row) => number.format(row.period.perHour),
              align: 'end',
            },
            {
              key: 'negative',
              header: t('crisis.figures.negativeShare'),
              cell: (row) => percent(row.period.negativeShare),
              align: 'end',
            },
          ]}
          rows={periods}
          rowKey={(row) => row.key}
        />
        <p data-testid="crisis-ratio">
          {figures.volumeRatio === null
            ? t('crisis.figures.noBaseline')
            : t('crisis.figures.ratio', { ratio: number.format(figures.volumeRatio) })}
        </p>
        <h3>{t('crisis.figures.hourly')}</h3>
        <CountBars
          label={t('crisis.figures.hourly')}
          buckets={figures.hourly.map((bucket) => ({
            key: bucket.start,
            total: bucket.mentions,
            negative: bucket.negative,
          }))}
        />
        <Table
          caption={t('crisis.figures.hourly')}
          captionHidden
          columns={[
            {
              key: 'start',
              header: t('crisis.figures.hourStart'),
              cell: (bucket) => when.format(new Date(bucket.start)),
              isRowHeader: true,
            },
            { key: 'mentions', header: t('crisis.figures.mentions'), cell: (bucket) => bucket.mentions, align: 'end' },
            {
              key: 'negative',
              header: t('listening.series.negative'),
              cell: (bucket) => bucket.negative,
              align: 'end',
            },
          ]}
          rows={[...figures.hourly].reverse().slice(0, 48)}
          rowKey={(bucket) => bucket.start}
        />
      </section>

      <StatementsPanel room={data} onChange={update} />

      <section aria-labelledby="crisis-timeline">
        <h2 id="crisis-timeline">{t('crisis.timeline')}</h2>
        {mentions.data ? <MentionList mentions={mentions.data.mentions} empty={t('crisis.timeline.none')} /> : null}
      </section>

      <section aria-labelledby="crisis-notes">
        <h2 id="crisis-notes">{t('crisis.notes')}</h2>
        {data.notes.length === 0 ? <p className="muted">{t('crisis.notes.none')}</p> : null}
        <ul>
          {data.notes.map((item) => (
            <li key={item.id}>
              <span className="muted">
                {when.format(new Date(item.createdAt))} · {item.authorName ?? '—'}
              </span>
              <p>{item.text}</p>
            </li>
          ))}
        </ul>
        {can('crisis.manage') ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void act(
                'note',
                () => api.post(path('notes'), CrisisRoomView, { text: note }),
                () => setNote(''),
              );
            }}
          >
            <TextArea label={t('crisis.notes.text')} value={note} onChange={setNote} />
            <Button type="submit" busy={busy === 'note'} disabled={!note.trim()}>
              {t('crisis.notes.add')}
            </Button>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="crisis-actions">
        <h2 id="crisis-actions">{t('crisis.actions')}</h2>
        <Table
          caption={t('crisis.actions')}
          captionHidden
          columns={[
            {
              key: 'at',
              header: t('crisis.actions.when'),
              cell: (event) => when.format(new Date(event.at)),
              isRowHeader: true,
            },
            { key: 'who', header: t('crisis.actions.who'), cell: (event) => event.actorName ?? '—' },
            { key: 'what', header: t('crisis.actions.what'), cell: (event) => <code>{event.kind}</code> },
          ]}
          rows={[...data.events].reverse()}
          rowKey={(event) => event.id}
        />
      </section>

      {open && can('crisis.manage') ? (
        <section aria-labelledby="crisis-close">
          <h2 id="crisis-close">{t('crisis.close')}</h2>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void act('close', () => api.post(path('close'), CrisisRoomView, { summary, lessons }));
            }}
          >
            <TextArea label={t('crisis.close.summary')} value={summary} onChange={setSummary} />
            <TextArea label={t('crisis.close.lessons')} value={lessons} onChange={setLessons} />
            <Button
              type="submit"
              variant="danger"
              busy={busy === 'close'}
              disabled={!summary.trim() || !lessons.trim()}
            >
              {t('crisis.close')}
            </Button>
          </form>
        </section>
      ) : null}

      <p className="crisis__exports">
        <a className="button button--secondary" href={`${path('postmortem.pdf')}?locale=en`} download>
          {t('crisis.postmortem.en')}
        </a>{' '}
        <a className="button button--secondary" href={`${path('postmortem.pdf')}?locale=fr`} download>
          {t('crisis.postmortem.fr')}
        </a>
      </p>
    </section>
  );
}
