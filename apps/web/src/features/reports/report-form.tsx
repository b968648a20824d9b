import { useState, type ChangeEvent, type FormEvent } from 'react';
import {
  Member,
  ReportBody,
  ReportView,
  kpiKeys,
  reportPeriods,
  reportSections,
  type KpiKey,
  type ReportSchedule,
  type ReportSection,
} from '@sillage/contracts';
import type { z } from 'zod';
import { api, workspacePath } from '../../api/client.ts';
import { useFormErrors } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/select-field.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { kpiLabel } from '../analytics/figures.ts';
import { useWorkspace } from '../workspaces/workspace-context.tsx';
import { weekdayName } from './report-text.ts';

type Report = z.infer<typeof ReportView>;
type Draft = z.input<typeof ReportBody>;
type ScheduleKind = ReportSchedule['kind'];

const logoMaxBytes = 200_000;

export function emptyDraft(locale: 'fr' | 'en'): Draft {
  return {
    title: '',
    language: locale,
    period: 'last_7_days',
    kpis: ['impressions', 'engagements', 'engagement_rate_by_impressions', 'link_clicks'],
    sections: ['kpis', 'series', 'channels', 'top_posts', 'commentary'],
    commentary: '',
    recipients: [],
    branding: { brandColor: '#1d4ed8', agencyName: null, logoDataUrl: null },
    schedule: { kind: 'weekly', weekday: 1, time: '09:00' },
  };
}

export function draftOf(report: Report): Draft {
  return {
    title: report.title,
    language: report.language,
    period: report.period,
    kpis: report.kpis,
    sections: report.sections,
    commentary: report.commentary,
    recipients: report.recipients,
    branding: report.branding,
    schedule: report.schedule,
  };
}

const toggle = <T,>(list: readonly T[], item: T, on: boolean): T[] =>
  on ? (list.includes(item) ? [...list] : [...list, item]) : list.filter((entry) => entry !== item);

/** The report builder: content (KPIs, ordered sections, commentary), language, period, recipients, branding, schedule. */
export function ReportForm(props: { report: Report | null; onSaved: (report: Report) => void; onCancel: () => void }) {
  const { t, locale } = useI18n();
  const { workspace } = useWorkspace();
  const form = useFormErrors();
  const [draft, setDraft] = useState<Draft>(() => (props.report ? draftOf(props.report) : emptyDraft(locale)));
  const [busy, setBusy] = useState(false);
  const [logoError, setLogoError] = useState<string | undefined>(undefined);
  const members = useResource(`members:${workspace.id}`, (signal) =>
    api.get(workspacePath(workspace.id, 'members'), Member.array(), { signal }),
  );
  const update = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const sections = draft.sections ?? [];
  const kpis = draft.kpis ?? [];
  const recipients = draft.recipients ?? [];
  const branding = draft.branding ?? { brandColor: '#1d4ed8', agencyName: null, logoDataUrl: null };
  const schedule: ReportSchedule = draft.schedule ?? { kind: 'none' };

  function setScheduleKind(kind: ScheduleKind) {
    const time = schedule.kind === 'none' ? '09:00' : schedule.time;
    update({
      schedule:
        kind === 'none' ? { kind } : kind === 'weekly' ? { kind, weekday: 1, time } : { kind, dayOfMonth: 1, time },
    });
  }

  function moveSection(section: ReportSection, by: -1 | 1) {
    const index = sections.indexOf(section);
    const target = index + by;
    if (index < 0 || target < 0 || target >= sections.length) return;
    const next = [...sections];
    [next[index], next[target]] = [next[target]!, next[index]!];
    update({ sections: next });
  }

  function readLogo(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setLogoError(undefined);
    if (!file) return;
    if (!['image/png', 'image/jpeg'].includes(file.type)) return setLogoError(t('reports.logoType'));
    if (file.size > logoMaxBytes) return setLogoError(t('reports.logoSize'));
    const reader = new FileReader();
    reader.onload = () =>
      update({ branding: { ...branding, logoDataUrl: typeof reader.result === 'string' ? reader.result : null } });
    reader.readAsDataURL(file);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = form.validate(ReportBody, draft);
    if (!body) return;
    setBusy(true);
    try {
      const saved = props.report
        ? await api.put(workspacePath(workspace.id, 'reports', props.report.id), ReportView, body)
        : await api.post(workspacePath(workspace.id, 'reports'), ReportView, body);
      props.onSaved(saved);
    } catch (error) {
      form.fromError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form report-form" onSubmit={submit} noValidate aria-labelledby="report-form-title">
      <h2 id="report-form-title" className="section-title">
        {props.report ? t('reports.editTitle', { title: props.report.title }) : t('reports.newTitle')}
      </h2>
      {form.formError && <Alert tone="error">{form.formError}</Alert>}
      <TextField
        label={t('reports.fieldTitle')}
        value={draft.title}
        onChange={(title) => update({ title })}
        error={form.fieldErrors['title']}
      />
      <div className="report-form__row">
        <SelectField
          label={t('reports.language')}
          value={draft.language}
          options={[
            { value: 'fr', label: 'Français' },
            { value: 'en', label: 'English' },
          ]}
          onChange={(language) => update({ language })}
        />
        <SelectField
          label={t('reports.period')}
          value={draft.period}
          options={reportPeriods.map((period) => ({
            value: period,
            label: t(`reports.period.${period}` as MessageKey),
          }))}
          onChange={(period) => update({ period })}
        />
      </div>

      <fieldset className="checkbox-group" aria-invalid={form.fieldErrors['kpis'] ? true : undefined}>
        <legend>{t('reports.kpis')}</legend>
        {kpiKeys.map((key: KpiKey) => (
          <label key={key} className="checkbox">
            <input
              type="checkbox"
              checked={kpis.includes(key)}
              onChange={(event) => update({ kpis: toggle(kpis, key, event.target.checked) })}
            />
            {t(kpiLabel[key])}
          </label>
        ))}
      </fieldset>
      {form.fieldErrors['kpis'] && <p className="field__error">{form.fieldErrors['kpis']}</p>}

      <fieldset className="fieldset">
        <legend>{t('reports.sections')}</legend>
        <p className="field__hint">{t('reports.sectionsHint')}</p>
        <ol className="report-form__sections">
          {sections.map((section, index) => (
            <li key={section}>
              <span>{t(`reports.section.${section}` as MessageKey)}</span>
              <Button variant="ghost" disabled={index === 0} onClick={() => moveSection(section, -1)}>
                {t('reports.moveUp')}
                <span className="visually-hidden"> {t(`reports.section.${section}` as MessageKey)}</span>
              </Button>
              <Button variant="ghost" disabled={index === sections.length - 1} onClick={() => moveSection(section, 1)}>
                {t('reports.moveDown')}
                <span className="visually-hidden"> {t(`reports.section.${section}` as MessageKey)}</span>
              </Button>
              <Button variant="ghost" onClick={() => update({ sections: toggle(sections, section, false) })}>
                {t('reports.removeSection')}
                <span className="visually-hidden"> {t(`reports.section.${section}` as MessageKey)}</span>
              </Button>
            </li>
          ))}
        </ol>
        {reportSections
          .filter((section) => !sections.includes(section))
          .map((section) => (
            <Button key={section} onClick={() => update({ sections: [...sections, section] })}>
              {t('reports.addSection', { section: t(`reports.section.${section}` as MessageKey) })}
            </Button>
          ))}
        {form.fieldErrors['sections'] && <p className="field__error">{form.fieldErrors['sections']}</p>}
      </fieldset>

      {sections.includes('commentary') && (
        <div className="field">
          <label className="field__label" htmlFor="report-commentary">
            {t('reports.commentary')}
          </label>
          <textarea
            id="report-commentary"
            className="input"
            rows={4}
            maxLength={5000}
            value={draft.commentary ?? ''}
            onChange={(event) => update({ commentary: event.target.value })}
          />
        </div>
      )}

      <fieldset className="checkbox-group">
        <legend>{t('reports.recipients')}</legend>
        {members.data?.map((member) => {
          const email = member.email.toLowerCase();
          return (
            <label key={member.userId} className="checkbox">
              <input
                type="checkbox"
                checked={recipients.includes(email)}
                onChange={(event) => update({ recipients: toggle(recipients, email, event.target.checked) })}
              />
              {member.name} ({member.email})
            </label>
          );
        })}
      </fieldset>
      <p className="field__hint">{t('reports.recipientsHint')}</p>

      <fieldset className="fieldset">
        <legend>{t('reports.branding')}</legend>
        <div className="report-form__row">
          <div className="field">
            <label className="field__label" htmlFor="report-colour">
              {t('reports.brandColor')}
            </label>
            <input
              id="report-colour"
              type="color"
              value={branding.brandColor ?? '#1d4ed8'}
              onChange={(event) => update({ branding: { ...branding, brandColor: event.target.value } })}
            />
          </div>
          <TextField
            label={t('reports.agencyName')}
            hint={t('reports.agencyHint')}
            value={branding.agencyName ?? ''}
            onChange={(value) => update({ branding: { ...branding, agencyName: value.trim() ? value : null } })}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="report-logo">
            {t('reports.logo')}
          </label>
          <p className="field__hint">{t('reports.logoHint')}</p>
          <input id="report-logo" type="file" accept="image/png,image/jpeg" onChange={readLogo} />
          {logoError && <p className="field__error">{logoError}</p>}
          {branding.logoDataUrl && (
            <p>
              <img src={branding.logoDataUrl} alt={t('reports.logoPreview')} className="report-form__logo" />{' '}
              <Button variant="ghost" onClick={() => update({ branding: { ...branding, logoDataUrl: null } })}>
                {t('reports.removeLogo')}
              </Button>
            </p>
          )}
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('reports.schedule')}</legend>
        <p className="field__hint">{t('reports.scheduleHint', { zone: workspace.timeZone })}</p>
        <div className="report-form__row">
          <SelectField
            label={t('reports.frequency')}
            value={schedule.kind}
            options={(['none', 'weekly', 'monthly'] as const).map((kind) => ({
              value: kind,
              label: t(`reports.schedule.${kind}` as MessageKey),
            }))}
            onChange={setScheduleKind}
          />
          {schedule.kind === 'weekly' && (
            <SelectField
              label={t('reports.weekday')}
              value={String(schedule.weekday)}
              options={[1, 2, 3, 4, 5, 6, 7].map((day) => ({ value: String(day), label: weekdayName(day, locale) }))}
              onChange={(day) => update({ schedule: { ...schedule, weekday: Number(day) } })}
            />
          )}
          {schedule.kind === 'monthly' && (
            <TextField
              label={t('reports.dayOfMonth')}
              hint={t('reports.dayOfMonthHint')}
              type="number"
              min={1}
              max={31}
              value={String(schedule.dayOfMonth)}
              onChange={(day) => update({ schedule: { ...schedule, dayOfMonth: Number(day) } })}
            />
          )}
          {schedule.kind !== 'none' && (
            <TextField
              label={t('reports.time')}
              type="time"
              value={schedule.time}
              onChange={(time) => update({ schedule: { ...schedule, time } })}
            />
          )}
        </div>
        {form.fieldErrors['schedule'] && <p className="field__error">{form.fieldErrors['schedule']}</p>}
      </fieldset>

      <div className="report-form__actions">
        <Button type="submit" variant="primary" busy={busy}>
          {t('reports.save')}
        </Button>
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}
