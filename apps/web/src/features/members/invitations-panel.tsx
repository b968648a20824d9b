import { useState, type FormEvent } from 'react';
import { CreateInvitationRequest, CreatedInvitation, Invitation, Ok } from '@sillage/contracts';
import type { Role } from '@sillage/domain';
import type { z } from 'zod';
import { api, workspacePath } from '../../api/client.ts';
import { describeApiError, useFormErrors } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { formatInstant } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { CopyValue } from '../../ui/copy-value.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { Field } from '../../ui/field.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { useToast } from '../../ui/toast.tsx';
import { useWorkspace } from '../workspaces/workspace-context.tsx';
import { grantableRoles, roleKey } from './role-labels.ts';
import { RoleSelect } from './role-select.tsx';

type InvitationData = z.infer<typeof Invitation>;

/** Invite by e-mail, show the accept link once (e-mail may not be configured), list and revoke pending ones. */
export function InvitationsPanel() {
  const { t, locale } = useI18n();
  const { workspace, role: myRole } = useWorkspace();
  const toast = useToast();
  const form = useFormErrors();
  const options = grantableRoles(myRole);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>(
    options.includes('editor') ? 'editor' : (options[options.length - 1] ?? 'client'),
  );
  const [busy, setBusy] = useState(false);
  const [acceptUrl, setAcceptUrl] = useState<string | null>(null);
  const invitations = useResource(`invitations:${workspace.id}`, (signal) =>
    api.get(workspacePath(workspace.id, 'invitations'), Invitation.array(), { signal }),
  );
  const pending = invitations.data?.filter((invitation) => invitation.acceptedAt === null) ?? [];

  async function invite(event: FormEvent) {
    event.preventDefault();
    const body = form.validate(CreateInvitationRequest, { email, role });
    if (!body) return;
    setBusy(true);
    try {
      const created = await api.post(workspacePath(workspace.id, 'invitations'), CreatedInvitation, body);
      invitations.setData((current) => [created.invitation, ...(current ?? [])]);
      setEmail('');
      setAcceptUrl(created.acceptUrl);
    } catch (error) {
      form.fromError(error);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(invitation: InvitationData) {
    try {
      await api.delete(workspacePath(workspace.id, 'invitations', invitation.id), Ok);
      invitations.setData((current) => current?.filter((item) => item.id !== invitation.id));
      toast.show(t('invitations.revoked', { email: invitation.email }));
    } catch (error) {
      toast.show(describeApiError(error, t), 'error');
    }
  }

  const columns: Column<InvitationData>[] = [
    { key: 'email', header: t('fields.email'), isRowHeader: true, cell: (invitation) => invitation.email },
    { key: 'role', header: t('fields.role'), cell: (invitation) => t(roleKey(invitation.role)) },
    { key: 'invitedBy', header: t('invitations.invitedBy'), cell: (invitation) => invitation.invitedBy },
    {
      key: 'expires',
      header: t('invitations.expiresAt'),
      cell: (invitation) => formatInstant(invitation.expiresAt, workspace.timeZone, locale),
    },
    {
      key: 'actions',
      header: <span className="visually-hidden">{t('common.actions')}</span>,
      align: 'end',
      cell: (invitation) => (
        <Button variant="danger" onClick={() => void revoke(invitation)}>
          {t('invitations.revoke')}
          <span className="visually-hidden"> {invitation.email}</span>
        </Button>
      ),
    },
  ];

  return (
    <section className="panel" aria-labelledby="invitations-title">
      <h2 id="invitations-title" className="section-title">
        {t('invitations.title')}
      </h2>
      <form className="form form--inline" onSubmit={invite} noValidate>
        {form.formError && <Alert tone="error">{form.formError}</Alert>}
        <TextField
          label={t('fields.email')}
          error={form.fieldErrors['email']}
          type="email"
          autoComplete="off"
          value={email}
          onChange={setEmail}
        />
        <Field label={t('fields.role')} error={form.fieldErrors['role']}>
          {(control) => <RoleSelect {...control} value={role} options={options} onChange={setRole} />}
        </Field>
        <Button type="submit" variant="primary" busy={busy}>
          {t('invitations.send')}
        </Button>
      </form>
      {invitations.error && <LoadFailure error={invitations.error} onRetry={invitations.reload} />}
      {!invitations.data && !invitations.error && <LoadingBlock />}
      {invitations.data && pending.length === 0 && <EmptyState title={t('invitations.none')} />}
      {pending.length > 0 && (
        <Table
          caption={t('invitations.tableCaption')}
          columns={columns}
          rows={pending}
          rowKey={(invitation) => invitation.id}
        />
      )}
      <Dialog
        open={acceptUrl !== null}
        onClose={() => setAcceptUrl(null)}
        title={t('invitations.createdTitle')}
        footer={
          <Button variant="primary" onClick={() => setAcceptUrl(null)}>
            {t('common.done')}
          </Button>
        }
      >
        <p>{t('invitations.createdBody')}</p>
        {acceptUrl && (
          <CopyValue
            label={t('invitations.acceptLink')}
            value={acceptUrl}
            copyLabel={t('common.copy')}
            copiedLabel={t('common.copied')}
          />
        )}
      </Dialog>
    </section>
  );
}
