import { useState, type FormEvent } from 'react';
import { UpdateWorkspaceRequest, Workspace } from '@sillage/contracts';
import { api, workspacePath } from '../../api/client.ts';
import { useFormErrors } from '../../api/form-errors.ts';
import { formatInstant } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { useToast } from '../../ui/toast.tsx';
import { useSession, useSignedIn } from '../auth/session.tsx';
import { CreateWorkspaceDialog } from './create-workspace-dialog.tsx';
import { useWorkspace } from './workspace-context.tsx';
import { WorkspaceFields } from './workspace-fields.tsx';

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
        <WorkspaceFields values={values} onChange={setValues} errors={form.fieldErrors} readOnly={!editable} />
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
