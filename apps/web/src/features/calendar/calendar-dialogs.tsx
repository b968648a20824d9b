import { useEffect, useState } from 'react';
import { CalendarFeedView, ImportReport, PostView, SeriesView, type ImportReport as Report } from '@sillage/contracts';
import { expandRrule, parseRrule, rruleWeekdays, type RruleWeekday } from '@sillage/domain/calendar/rrule';
import { ApiError, api, workspacePath } from '../../api/client.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { CopyValue } from '../../ui/copy-value.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { SelectField } from '../../ui/select-field.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { useDayLabel } from './calendar-views.tsx';
import type { CalendarEntry } from './calendar-week.ts';

const errorText = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause));

/** Moving without a mouse: the post goes to the chosen day at the same wall-clock time. */
export function MoveDialog(props: {
  workspaceId: string;
  entry: CalendarEntry | undefined;
  onClose: () => void;
  onMoved: () => void;
}) {
  const { t } = useI18n();
  const [date, setDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const { entry } = props;
  useEffect(() => {
    setDate(entry?.publication.localDate ?? '');
    setError(undefined);
  }, [entry]);
  const move = async () => {
    if (!entry) return;
    setBusy(true);
    try {
      await api.post(workspacePath(props.workspaceId, 'posts', entry.post.id, 'reschedule'), PostView, { date });
      props.onMoved();
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={entry !== undefined}
      title={t('calendar.moveTitle')}
      onClose={props.onClose}
      footer={
        <>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={busy} onClick={() => void move()} disabled={date === ''}>
            {t('calendar.moveConfirm')}
          </Button>
        </>
      }
    >
      <p>
        {t('calendar.moveHint', {
          time: entry?.publication.localTime ?? '',
          zone: entry?.publication.timeZone ?? '',
        })}
      </p>
      <TextField label={t('calendar.moveDate')} type="date" value={date} onChange={setDate} />
      {error ? <Alert tone="error">{error}</Alert> : null}
    </Dialog>
  );
}

type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY';

/** The rule the form describes, in RFC 5545 text. */
function ruleText(form: {
  freq: Frequency;
  interval: string;
  days: RruleWeekday[];
  end: 'count' | 'until';
  count: string;
  until: string;
}) {
  const parts = [`FREQ=${form.freq}`];
  if (form.interval !== '1') parts.push(`INTERVAL=${form.interval}`);
  if (form.freq === 'WEEKLY' && form.days.length) parts.push(`BYDAY=${form.days.join(',')}`);
  parts.push(form.end === 'count' ? `COUNT=${form.count}` : `UNTIL=${form.until.replaceAll('-', '')}`);
  return parts.join(';');
}

const weekdayKeys: Record<RruleWeekday, MessageKey> = {
  MO: 'calendar.weekday.mo',
  TU: 'calendar.weekday.tu',
  WE: 'calendar.weekday.we',
  TH: 'calendar.weekday.th',
  FR: 'calendar.weekday.fr',
  SA: 'calendar.weekday.sa',
  SU: 'calendar.weekday.su',
};

/**
 * "Repeat": a rule (daily, weekly on chosen days, monthly; every N; an end by count or date) with a preview
 * of the next eight occurrences at the post's wall-clock time; once saved, the series' next eight from the
 * server. A post that already repeats shows its series.
 */
export function RepeatDialog(props: {
  workspaceId: string;
  entry: CalendarEntry | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const dayLabel = useDayLabel();
  const { entry } = props;
  const [form, setForm] = useState({
    freq: 'WEEKLY' as Frequency,
    interval: '1',
    days: [] as RruleWeekday[],
    end: 'count' as 'count' | 'until',
    count: '10',
    until: '',
  });
  const [series, setSeries] = useState<SeriesView>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    setSeries(undefined);
    setError(undefined);
    if (!entry?.post.seriesId) return;
    const controller = new AbortController();
    api
      .get(workspacePath(props.workspaceId, 'posts', entry.post.id, 'occurrences') + '?count=8', SeriesView, {
        signal: controller.signal,
      })
      .then(setSeries)
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setError(errorText(cause));
      });
    return () => controller.abort();
  }, [entry, props.workspaceId]);

  const text = ruleText(form);
  const parsed = parseRrule(text);
  const start =
    entry?.publication.localDate && entry.publication.localTime && entry.publication.timeZone
      ? { date: entry.publication.localDate, time: entry.publication.localTime, timeZone: entry.publication.timeZone }
      : undefined;
  const preview = parsed.ok && start ? expandRrule(parsed.rule, start, { limit: 8, from: new Date() }) : [];
  const occurrences =
    series?.occurrences.map((occurrence) => ({
      key: occurrence.index,
      date: occurrence.date,
      time: occurrence.time,
    })) ?? preview.map((occurrence) => ({ key: occurrence.index, date: occurrence.date, time: occurrence.time }));

  const save = async () => {
    if (!entry) return;
    setBusy(true);
    setError(undefined);
    try {
      setSeries(
        await api.post(workspacePath(props.workspaceId, 'posts', entry.post.id, 'recurrence'), SeriesView, {
          rrule: text,
        }),
      );
      props.onSaved();
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(false);
    }
  };
  const set = (patch: Partial<typeof form>) => setForm((current) => ({ ...current, ...patch }));

  return (
    <Dialog
      open={entry !== undefined}
      title={t('calendar.repeatTitle')}
      onClose={props.onClose}
      footer={
        <>
          <Button onClick={props.onClose}>{t('calendar.close')}</Button>
          {series ? null : (
            <Button variant="primary" busy={busy} disabled={!parsed.ok} onClick={() => void save()}>
              {t('calendar.repeatSave')}
            </Button>
          )}
        </>
      }
    >
      {series ? (
        <p>{t('calendar.repeatSeries', { rule: series.rrule, zone: series.timeZone })}</p>
      ) : (
        <div className="calendar__repeat-form">
          <p>{t('calendar.repeatHint', { time: start?.time ?? '', zone: start?.timeZone ?? '' })}</p>
          <SelectField
            label={t('calendar.repeatFrequency')}
            value={form.freq}
            options={[
              { value: 'DAILY', label: t('calendar.frequency.daily') },
              { value: 'WEEKLY', label: t('calendar.frequency.weekly') },
              { value: 'MONTHLY', label: t('calendar.frequency.monthly') },
            ]}
            onChange={(freq) => set({ freq })}
          />
          <TextField
            label={t('calendar.repeatInterval')}
            type="number"
            min={1}
            value={form.interval}
            onChange={(interval) => set({ interval })}
          />
          {form.freq === 'WEEKLY' ? (
            <fieldset className="calendar__weekdays">
              <legend>{t('calendar.repeatDays')}</legend>
              {rruleWeekdays.map((day) => (
                <label key={day}>
                  <input
                    type="checkbox"
                    checked={form.days.includes(day)}
                    onChange={(event) =>
                      set({
                        days: event.target.checked
                          ? rruleWeekdays.filter((code) => code === day || form.days.includes(code))
                          : form.days.filter((code) => code !== day),
                      })
                    }
                  />{' '}
                  {t(weekdayKeys[day])}
                </label>
              ))}
            </fieldset>
          ) : null}
          <SelectField
            label={t('calendar.repeatEnd')}
            value={form.end}
            options={[
              { value: 'count', label: t('calendar.repeatEnd.count') },
              { value: 'until', label: t('calendar.repeatEnd.until') },
            ]}
            onChange={(end) => set({ end })}
          />
          {form.end === 'count' ? (
            <TextField
              label={t('calendar.repeatCount')}
              type="number"
              min={1}
              value={form.count}
              onChange={(count) => set({ count })}
            />
          ) : (
            <TextField
              label={t('calendar.repeatUntil')}
              type="date"
              value={form.until}
              onChange={(until) => set({ until })}
            />
          )}
          <p className="muted">
            {t('calendar.repeatRule')} <code>{text}</code>
          </p>
          {parsed.ok ? null : <Alert tone="warning">{parsed.message}</Alert>}
        </div>
      )}
      <h3 className="calendar__occurrences-title">{t('calendar.nextOccurrences')}</h3>
      <ol className="calendar__occurrences" aria-label={t('calendar.nextOccurrences')}>
        {occurrences.map((occurrence) => (
          <li key={occurrence.key}>
            {dayLabel(occurrence.date)} · {occurrence.time}
          </li>
        ))}
      </ol>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </Dialog>
  );
}

/** "Import CSV": reads the chosen file, sends it, and shows what was imported and each refused line. */
export function ImportDialog(props: {
  workspaceId: string;
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const { t } = useI18n();
  const [report, setReport] = useState<Report>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!props.open) return;
    setReport(undefined);
    setError(undefined);
  }, [props.open]);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    setReport(undefined);
    try {
      const csv = await file.text();
      const result = await api.post(workspacePath(props.workspaceId, 'posts', 'import'), ImportReport, { csv });
      setReport(result);
      if (result.imported > 0) props.onImported();
    } catch (cause) {
      setError(cause instanceof ApiError ? cause.message : errorText(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      title={t('calendar.importTitle')}
      onClose={props.onClose}
      footer={<Button onClick={props.onClose}>{t('calendar.close')}</Button>}
    >
      <p>{t('calendar.importHint')}</p>
      <p>
        <code>date,time,zone,channels,text,media_url,format</code>
      </p>
      <label className="field__label" htmlFor="calendar-import-file">
        {t('calendar.importFile')}
      </label>
      <input
        id="calendar-import-file"
        type="file"
        accept=".csv,text/csv"
        disabled={busy}
        onChange={(event) => void upload(event.target.files?.[0])}
      />
      {busy ? <p aria-live="polite">{t('calendar.importing')}</p> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      {report ? (
        <div className="calendar__import-report">
          <Alert tone={report.rejected.length ? 'warning' : 'success'}>
            {t('calendar.importResult', { imported: report.imported, rows: report.rows })}
          </Alert>
          {report.rejected.length ? (
            <table className="table">
              <caption>{t('calendar.importRejected', { count: report.rejected.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('calendar.importLine')}</th>
                  <th scope="col">{t('calendar.importReason')}</th>
                </tr>
              </thead>
              <tbody>
                {report.rejected.map((row) => (
                  <tr key={row.line}>
                    <td>{row.line}</td>
                    <td>{row.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </Dialog>
  );
}

/** "Subscribe": a secret iCalendar URL for the user's calendar app; asking again replaces it. */
export function FeedDialog(props: { workspaceId: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!props.open) return;
    setUrl(undefined);
    setError(undefined);
  }, [props.open]);
  const create = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const feed = await api.post(workspacePath(props.workspaceId, 'calendar', 'feed'), CalendarFeedView);
      setUrl(`${window.location.origin}${feed.path}`);
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={props.open}
      title={t('calendar.feedTitle')}
      onClose={props.onClose}
      footer={
        <>
          <Button onClick={props.onClose}>{t('calendar.close')}</Button>
          <Button variant="primary" busy={busy} onClick={() => void create()}>
            {t('calendar.feedCreate')}
          </Button>
        </>
      }
    >
      <p>{t('calendar.feedHint')}</p>
      {url ? (
        <CopyValue
          label={t('calendar.feedUrl')}
          value={url}
          copyLabel={t('calendar.feedCopy')}
          copiedLabel={t('calendar.feedCopied')}
        />
      ) : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
    </Dialog>
  );
}
