import { useState, type FormEvent } from 'react';
import { CustomRole, Member, Ok, SaveCustomRoleRequest, WorkspaceRoles } from '@sillage/contracts';
import { permissions, type Permission, type Role } from '@sillage/domain';
import type { z } from 'zod';
import { api, workspacePath } from '../../api/client.ts';
import { describeApiError, useFormErrors } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { Field } from '../../ui/field.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { useToast } from '../../ui/toast.tsx';
import { useWorkspace } from '../workspaces/workspace-context.tsx';
import { grantableRoles, permissionKey, roleKey } from './role-labels.ts';
import { RoleSelect } from './role-select.tsx';

type CustomRoleData = z.infer<typeof CustomRole>;
type MemberData = z.infer<typeof Member>;

/** The workspace's custom roles (`GET …/roles`), shared by the panel and the members table. */
export function useCustomRoles(workspaceId: string) {
  return useResource(`custom-roles:${workspaceId}`, (signal) =>
    api.get(workspacePath(workspaceId, 'roles'), WorkspaceRoles, { signal }),
  );
}

/**
 * The workspace's own roles on top of the built-in ones: list, create, change and delete them. Only the
 * permissions the user holds can be granted; the server checks it again.
 */
export function CustomRolesPanel({ canManage }: { canManage: boolean }) {
  const { t } = useI18n();
  const { workspace, role: myRole, can } = useWorkspace();
  const toast = useToast();
  const form = useFormErrors();
  const roles = useCustomRoles(workspace.id);
  const [editing, setEditing] = useState<CustomRoleData | null>(null);
  const [name, setName] = useState('');
  const [baseRole, setBaseRole] = useState<Role>('editor');
  const [granted, setGranted] = useState<Set<Permission>>(new Set(['workspace.read']));
  const [busy, setBusy] = useState(false);
  const baseOptions = grantableRoles(myRole).filter((role) => role !== 'owner');

  function startEdit(role: CustomRoleData | null) {
    setEditing(role);
    setName(role?.name ?? '');
    setBaseRole(role?.baseRole ?? (baseOptions.includes('editor') ? 'editor' : (baseOptions[0] ?? 'client')));
    setGranted(new Set(role?.permissions ?? ['workspace.read']));
    form.clear();
  }

  function toggle(permission: Permission) {
    setGranted((current) => {
      const next = new Set(current);
      if (next.has(permission)) next.delete(permission);
      else next.add(permission);
      return next;
    });
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const body = form.validate(SaveCustomRoleRequest, {
      name,
      baseRole,
      permissions: permissions.filter((permission) => granted.has(permission)),
    });
    if (!body) return;
    setBusy(true);
    try {
      const saved = editing
        ? await api.put(workspacePath(workspace.id, 'roles', editing.id), CustomRole, body)
        : await api.post(workspacePath(workspace.id, 'roles'), CustomRole, body);
      roles.setData((current) =>
        current
          ? {
              ...current,
              custom: [...current.custom.filter((role) => role.id !== saved.id), saved].sort((a, b) =>
                a.name.localeCompare(b.name),
              ),
            }
          : current,
      );
      toast.show(t(editing ? 'customRoles.updated' : 'customRoles.created', { name: saved.name }));
      startEdit(null);
    } catch (error) {
      form.fromError(error);
    } finally {
      setBusy(false);
    }
  }

  async function remove(role: CustomRoleData) {
    try {
      await api.delete(workspacePath(workspace.id, 'roles', role.id), Ok);
      roles.setData((current) =>
        current ? { ...current, custom: current.custom.filter((item) => item.id !== role.id) } : current,
      );
      toast.show(t('customRoles.deleted', { name: role.name }));
    } catch (error) {
      toast.show(describeApiError(error, t), 'error');
    }
  }

  const columns: Column<CustomRoleData>[] = [
    { key: 'name', header: t('fields.name'), isRowHeader: true, cell: (role) => role.name },
    { key: 'base', header: t('customRoles.baseRole'), cell: (role) => t(roleKey(role.baseRole)) },
    {
      key: 'permissions',
      header: t('customRoles.permissions'),
      cell: (role) => role.permissions.map((permission) => t(permissionKey(permission))).join(', '),
    },
    { key: 'holders', header: t('customRoles.holders'), align: 'end', cell: (role) => String(role.holders) },
  ];
  if (canManage)
    columns.push({
      key: 'actions',
      header: <span className="visually-hidden">{t('common.actions')}</span>,
      align: 'end',
      cell: (role) => (
        <div className="row-actions">
          <Button onClick={() => startEdit(role)}>
            {t('customRoles.edit')}
            <span className="visually-hidden"> {role.name}</span>
          </Button>
          <Button variant="danger" onClick={() => remove(role)} disabled={role.holders > 0}>
            {t('customRoles.delete')}
            <span className="visually-hidden"> {role.name}</span>
          </Button>
        </div>
      ),
    });

  return (
    <section aria-labelledby="custom-roles-title">
      <h2 className="section-title" id="custom-roles-title">
        {t('customRoles.title')}
      </h2>
      <p>{t('customRoles.intro')}</p>
      {roles.error && <LoadFailure error={roles.error} onRetry={roles.reload} />}
      {!roles.data && !roles.error && <LoadingBlock />}
      {roles.data &&
        (roles.data.custom.length === 0 ? (
          <EmptyState title={t('customRoles.empty')} />
        ) : (
          <Table
            caption={t('customRoles.title')}
            captionHidden
            columns={columns}
            rows={roles.data.custom}
            rowKey={(role) => role.id}
          />
        ))}
      {canManage && (
        <form className="form" onSubmit={save} noValidate aria-label={t('customRoles.formLabel')}>
          <h3>{editing ? t('customRoles.editTitle', { name: editing.name }) : t('customRoles.createTitle')}</h3>
          {form.formError && <Alert tone="error">{form.formError}</Alert>}
          <TextField label={t('fields.name')} value={name} onChange={setName} error={form.fieldErrors['name']} />
          <Field
            label={t('customRoles.baseRole')}
            hint={t('customRoles.baseRoleHint')}
            error={form.fieldErrors['baseRole']}
          >
            {(control) => <RoleSelect {...control} value={baseRole} options={baseOptions} onChange={setBaseRole} />}
          </Field>
          <fieldset className="checkbox-group">
            <legend>{t('customRoles.permissions')}</legend>
            {form.fieldErrors['permissions'] && <p className="field__error">{form.fieldErrors['permissions']}</p>}
            {permissions.map((permission) => (
              <label key={permission} className="checkbox">
                <input
                  type="checkbox"
                  checked={granted.has(permission)}
                  disabled={!can(permission)}
                  onChange={() => toggle(permission)}
                />{' '}
                {t(permissionKey(permission))}
              </label>
            ))}
          </fieldset>
          <div className="row-actions">
            <Button type="submit" variant="primary" busy={busy}>
              {editing ? t('customRoles.save') : t('customRoles.create')}
            </Button>
            {editing && <Button onClick={() => startEdit(null)}>{t('common.cancel')}</Button>}
          </div>
        </form>
      )}
    </section>
  );
}

/** The custom role of one member, and a select to change it (none = the built-in role alone). */
export function CustomRoleChanger({
  member,
  options,
  onChanged,
}: {
  member: MemberData;
  options: readonly CustomRoleData[];
  onChanged: (member: MemberData) => void;
}) {
  const { t } = useI18n();
  const { workspace } = useWorkspace();
  const toast = useToast();
  const [value, setValue] = useState(member.customRole?.id ?? '');
  const [busy, setBusy] = useState(false);

  async function save() {
    setBusy(true);
    try {
      const updated = await api.put(workspacePath(workspace.id, 'members', member.userId, 'custom-role'), Member, {
        customRoleId: value || null,
      });
      onChanged(updated);
      toast.show(
        updated.customRole
          ? t('customRoles.assigned', { name: updated.name, role: updated.customRole.name })
          : t('customRoles.unassigned', { name: updated.name }),
      );
    } catch (error) {
      toast.show(describeApiError(error, t), 'error');
      setValue(member.customRole?.id ?? '');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="row-actions">
      <label className="visually-hidden" htmlFor={`custom-role-${member.userId}`}>
        {t('customRoles.of', { name: member.name })}
      </label>
      <select
        id={`custom-role-${member.userId}`}
        className="select"
        value={value}
        onChange={(event) => setValue(event.target.value)}
      >
        <option value="">{t('customRoles.none')}</option>
        {options.map((role) => (
          <option key={role.id} value={role.id}>
            {role.name}
          </option>
        ))}
      </select>
      <Button onClick={save} busy={busy} disabled={value === (member.customRole?.id ?? '')}>
        {t('customRoles.apply')}
        <span className="visually-hidden"> {member.name}</span>
      </Button>
    </div>
  );
}
