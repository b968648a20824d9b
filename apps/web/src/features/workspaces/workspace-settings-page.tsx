import { useMemo, useState, type FormEvent } from 'react';
import { UpdateWorkspaceRequest, Workspace } from '@sillage/contracts';
import { api, workspacePath } from '../../api/client.ts';
import { useFormErrors } from '../../api/form-errors.ts';
import { formatInstant, timeZoneOptions } from '../../i18n/format.ts';
import { useI18n, type Locale } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { Field } from '../../ui/field.tsx';
import { useToast } from '../../ui/toast.tsx';
import { useSession, useSignedIn } from '../auth/session.tsx';
import { CreateWorkspaceDialog } from './create-workspace-dialog.tsx';
import { useWorkspace } from './workspace-context.tsx';

/** Name, time zone and language of the workspace; read-only without `workspace.update`. */
export function WorkspaceSettingsPage() {
  const { t, locale } = useI18n();
  const { workspace, can, replaceWorkspace } = useWorkspace();
  const { refresh } = useSession();
  const session = useSignedIn();
  const [creating, setCreating] = useState(false);
  const toast = useToast();
  const form = useFormErrors();
  const editable = can('workspace.update');
  const [values, setValues] = useState({
    name: workspace.name,
    timeZone: workspace.timeZone,
    locale: workspace.locale,
  });
  const [busy, setBusy] = useState(false);
  const zones = useMemo(() => timeZoneOptions(values.timeZone), [values.timeZone]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = form.validate(UpdateWorkspaceRequest, values);
    if (!body) return;
    setBusy(true);
    try {
      const updated = await api.patch(workspacePath(workspace.id), Workspace, body);
      replaceWorkspace(updated);
      await refresh();
      toast.show(t('common.saved'));
    } catch (error) {
      form.fromError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page">
      <header className="page__header">
        <h1>{t('settings.workspace')}</h1>
        <p className="lead">
          {t('workspaceSettings.intro', { date: formatInstant(workspace.createdAt, workspace.timeZone, locale) })}
        </p>
      </header>
      {!editable && <Alert>{t('workspaceSettings.readOnly')}</Alert>}
      <form className="form form--narrow" onSubmit={submit} noValidate>
        {form.formError && <Alert tone="error">{form.formError}</Alert>}
        <Field label={t('fields.workspaceName')} error={form.fieldErrors['name']}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={values.name}
              readOnly={!editable}
              onChange={(event) => setValues({ ...values, name: event.target.value })}
            />
          )}
        </Field>
        <Field label={t('fields.timeZone')} hint={t('fields.timeZoneHint')} error={form.fieldErrors['timeZone']}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={values.timeZone}
              disabled={!editable}
              onChange={(event) => setValues({ ...values, timeZone: event.target.value })}
            >
              {zones.map((zone) => (
                <option key={zone}>{zone}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('fields.workspaceLanguage')} error={form.fieldErrors['locale']}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={values.locale}
              disabled={!editable}
              onChange={(event) => setValues({ ...values, locale: event.target.value as Locale })}
            >
              <option value="fr">{t('language.fr')}</option>
              <option value="en">{t('language.en')}</option>
            </select>
          )}
        </Field>
        {editable && (
          <Button type="submit" variant="primary" busy={busy}>
            {t('common.save')}
          </Button>
        )}
      </form>
      {session.user.isInstanceAdmin && (
        <section className="panel" aria-labelledby="new-workspace-title">
          <h2 id="new-workspace-title" className="section-title">
            {t('workspaces.newTitle')}
          </h2>
          <p>{t('workspaceSettings.newWorkspaceIntro')}</p>
          <Button onClick={() => setCreating(true)}>{t('workspaces.new')}</Button>
          {creating && <CreateWorkspaceDialog open onClose={() => setCreating(false)} />}
        </section>
      )}
    </section>
  );
}
