import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { CreateWorkspaceRequest, Workspace } from '@sillage/contracts';
import { api } from '../../api/client.ts';
import { useFormErrors } from '../../api/form-errors.ts';
import { browserTimeZone } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { useToast } from '../../ui/toast.tsx';
import { useSession } from '../auth/session.tsx';
import { WorkspaceFields } from './workspace-fields.tsx';

/** Instance admins only: a new workspace, then straight into it. */
export function CreateWorkspaceDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { refresh } = useSession();
  const toast = useToast();
  const navigate = useNavigate();
  const form = useFormErrors();
  const [values, setValues] = useState({ name: '', timeZone: browserTimeZone(), locale: locale });
  const [busy, setBusy] = useState(false);
  const formId = 'create-workspace-form';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = form.validate(CreateWorkspaceRequest, values);
    if (!body) return;
    setBusy(true);
    try {
      const workspace = await api.post('/api/workspaces', Workspace, body);
      await refresh();
      toast.show(t('workspaces.created', { name: workspace.name }));
      onClose();
      void navigate(`/w/${workspace.id}`);
    } catch (error) {
      form.fromError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('workspaces.newTitle')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" form={formId} variant="primary" busy={busy}>
            {t('workspaces.create')}
          </Button>
        </>
      }
    >
      <form id={formId} className="form" onSubmit={submit} noValidate>
        {form.formError && <Alert tone="error">{form.formError}</Alert>}
        <WorkspaceFields values={values} onChange={setValues} errors={form.fieldErrors} />
      </form>
    </Dialog>
  );
}
