import { useId, useState } from 'react';
import { Member, Ok } from '@sillage/contracts';
import { mayGrantRole, type Role } from '@sillage/domain';
import type { z } from 'zod';
import { api, workspacePath } from '../../api/client.ts';
import { describeApiError } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { formatInstant } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { useToast } from '../../ui/toast.tsx';
import { useSignedIn } from '../auth/session.tsx';
import { useWorkspace } from '../workspaces/workspace-context.tsx';
import { CustomRoleChanger, CustomRolesPanel, useCustomRoles } from './custom-roles-panel.tsx';
import { InvitationsPanel } from './invitations-panel.tsx';
import { MemberScopesPanel } from './member-scopes-panel.tsx';
import { grantableRoles, roleKey } from './role-labels.ts';
import { RoleMatrixTable } from './role-matrix.tsx';
import { RoleSelect } from './role-select.tsx';

type MemberData = z.infer<typeof Member>;

/** Members of the workspace, their roles, pending invitations and the role matrix. */
export function MembersPage() {
  const { t, locale } = useI18n();
  const session = useSignedIn();
  const { workspace, role: myRole, can } = useWorkspace();
  const toast = useToast();
  const canManage = can('members.manage');
  const members = useResource(`members:${workspace.id}`, (signal) =>
    api.get(workspacePath(workspace.id, 'members'), Member.array(), { signal }),
  );
  const customRoles = useCustomRoles(workspace.id);
  const [removing, setRemoving] = useState<MemberData | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);

  const manageable = (member: MemberData) =>
    canManage && member.userId !== session.user.id && mayGrantRole(myRole, member.role);

  async function remove() {
    if (!removing) return;
    setRemoveBusy(true);
    try {
      await api.delete(workspacePath(workspace.id, 'members', removing.userId), Ok);
      members.setData((current) => current?.filter((member) => member.userId !== removing.userId));
      toast.show(t('members.removed', { name: removing.name }));
      setRemoving(null);
    } catch (error) {
      toast.show(describeApiError(error, t), 'error');
    } finally {
      setRemoveBusy(false);
    }
  }

  const columns: Column<MemberData>[] = [
    {
      key: 'name',
      header: t('fields.name'),
      isRowHeader: true,
      cell: (member) => (
        <>
          {member.name}
          {member.userId === session.user.id && <span className="muted"> {t('members.you')}</span>}
        </>
      ),
    },
    { key: 'email', header: t('fields.email'), cell: (member) => member.email },
    {
      key: 'role',
      header: t('fields.role'),
      cell: (member) =>
        manageable(member) ? (
          <RoleChanger
            member={member}
            options={grantableRoles(myRole)}
            onChanged={(updated) =>
              members.setData((current) => current?.map((item) => (item.userId === updated.userId ? updated : item)))
            }
          />
        ) : (
          t(roleKey(member.role))
        ),
    },
    {
      key: 'customRole',
      header: t('customRoles.column'),
      cell: (member) =>
        manageable(member) && member.role !== 'owner' && (customRoles.data?.custom.length ?? 0) > 0 ? (
          <CustomRoleChanger
            member={member}
            options={customRoles.data?.custom ?? []}
            onChanged={(updated) => {
              members.setData((current) => current?.map((item) => (item.userId === updated.userId ? updated : item)));
              customRoles.reload();
            }}
          />
        ) : (
          (member.customRole?.name ?? t('customRoles.none'))
        ),
    },
    {
      key: 'joined',
      header: t('members.joinedAt'),
      cell: (member) => formatInstant(member.joinedAt, workspace.timeZone, locale),
    },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: <span className="visually-hidden">{t('common.actions')}</span>,
      align: 'end',
      cell: (member) =>
        manageable(member) ? (
          <Button variant="danger" onClick={() => setRemoving(member)}>
            {t('members.remove')}
            <span className="visually-hidden"> {member.name}</span>
          </Button>
        ) : null,
    });
  }

  return (
    <section className="page">
      <header className="page__header">
        <h1>{t('settings.members')}</h1>
        <p className="lead">{t('members.intro')}</p>
      </header>
      {members.error && <LoadFailure error={members.error} onRetry={members.reload} />}
      {!members.data && !members.error && <LoadingBlock />}
      {members.data && (
        <Table
          caption={t('members.tableCaption')}
          captionHidden
          columns={columns}
          rows={members.data}
          rowKey={(member) => member.userId}
        />
      )}
      {canManage && <InvitationsPanel />}
      <h2 className="section-title">{t('members.matrix.title')}</h2>
      <p>{t('members.matrix.intro')}</p>
      <RoleMatrixTable />
      <CustomRolesPanel canManage={canManage} />
      {members.data && <MemberScopesPanel members={members.data} />}
      <Dialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('members.removeTitle')}
        footer={
          <>
            <Button onClick={() => setRemoving(null)}>{t('common.cancel')}</Button>
            <Button variant="danger" busy={removeBusy} onClick={remove}>
              {t('members.removeConfirm')}
            </Button>
          </>
        }
      >
        <p>{t('members.removeBody', { name: removing?.name ?? '', workspace: workspace.name })}</p>
      </Dialog>
    </section>
  );
}

/** A role select and its "Change role" button for one member. */
function RoleChanger({
  member,
  options,
  onChanged,
}: {
  member: MemberData;
  options: Role[];
  onChanged: (member: MemberData) => void;
}) {
  const { t } = useI18n();
  const { workspace } = useWorkspace();
  const toast = useToast();
  const [role, setRole] = useState<Role>(member.role);
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function save() {
    setBusy(true);
    try {
      const updated = await api.patch(workspacePath(workspace.id, 'members', member.userId), Member, { role });
      onChanged(updated);
      toast.show(t('members.roleChanged', { name: updated.name, role: t(roleKey(updated.role)) }));
    } catch (error) {
      toast.show(describeApiError(error, t), 'error');
      setRole(member.role);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="row-actions">
      <label htmlFor={id} className="visually-hidden">
        {t('members.roleOf', { name: member.name })}
      </label>
      <RoleSelect id={id} value={role} options={options} onChange={setRole} />
      <Button onClick={save} busy={busy} disabled={role === member.role}>
        {t('members.changeRole')}
        <span className="visually-hidden"> {member.name}</span>
      </Button>
    </div>
  );
}
