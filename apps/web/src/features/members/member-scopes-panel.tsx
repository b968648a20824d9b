import { useState } from 'react';
import { Channel, type Member, MemberScope } from '@sillage/contracts';
import { mayGrantRole } from '@sillage/domain';
import type { z } from 'zod';
import { api, workspacePath } from '../../api/client.ts';
import { describeApiError } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { useToast } from '../../ui/toast.tsx';
import { useSignedIn } from '../auth/session.tsx';
import { useClients } from '../channels/clients-panel.tsx';
import { useWorkspace } from '../workspaces/workspace-context.tsx';

type MemberData = z.infer<typeof Member>;
type MemberScopeData = z.infer<typeof MemberScope>;
type Row = { member: MemberData; scope: MemberScopeData | undefined };

/**
 * Which part of the workspace each member sees: the whole workspace, or only some clients' channels and single
 * channels. The scope picker is for members.manage holders; an owner always sees the whole workspace.
 */
export function MemberScopesPanel({ members }: { members: readonly MemberData[] }) {
  const { t } = useI18n();
  const session = useSignedIn();
  const { workspace, role: myRole, can } = useWorkspace();
  const toast = useToast();
  const canManage = can('members.manage');
  const scopes = useResource(`member-scopes:${workspace.id}`, (signal) =>
    api.get(workspacePath(workspace.id, 'member-scopes'), MemberScope.array(), { signal }),
  );
  const clients = useClients(workspace.id);
  const channels = useResource(`channels:${workspace.id}`, (signal) =>
    api.get(workspacePath(workspace.id, 'channels'), Channel.array(), { signal }),
  );
  const [editing, setEditing] = useState<MemberData | null>(null);
  const [scoped, setScoped] = useState(false);
  const [clientIds, setClientIds] = useState<Set<string>>(new Set());
  const [channelIds, setChannelIds] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);

  const scopeOf = (userId: string) => scopes.data?.find((scope) => scope.userId === userId);
  const clientName = (id: string) => clients.data?.find((client) => client.id === id)?.name ?? id;
  const channelName = (id: string) => channels.data?.find((channel) => channel.id === id)?.name ?? id;

  function startEdit(member: MemberData) {
    const scope = scopeOf(member.userId);
    setEditing(member);
    setScoped(scope?.scoped ?? false);
    setClientIds(new Set(scope?.clientIds ?? []));
    setChannelIds(new Set(scope?.channelIds ?? []));
  }

  const toggle = (set: Set<string>, id: string) => {
    const next = new Set(set);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  };

  async function save() {
    if (!editing) return;
    setBusy(true);
    try {
      const saved = await api.put(workspacePath(workspace.id, 'members', editing.userId, 'scope'), MemberScope, {
        scoped,
        clientIds: scoped ? [...clientIds] : [],
        channelIds: scoped ? [...channelIds] : [],
      });
      scopes.setData((current) => [...(current ?? []).filter((scope) => scope.userId !== saved.userId), saved]);
      toast.show(t('scopes.saved', { name: editing.name }));
      setEditing(null);
    } catch (error) {
      toast.show(describeApiError(error, t), 'error');
    } finally {
      setBusy(false);
    }
  }

  function describe(scope: MemberScopeData | undefined): string {
    if (!scope?.scoped) return t('scopes.whole');
    const parts = [...scope.clientIds.map(clientName), ...scope.channelIds.map(channelName)];
    return parts.length > 0 ? parts.join(', ') : t('scopes.nothing');
  }

  const columns: Column<Row>[] = [
    { key: 'name', header: t('fields.name'), isRowHeader: true, cell: (row) => row.member.name },
    { key: 'scope', header: t('scopes.header'), cell: (row) => describe(row.scope) },
  ];
  if (canManage)
    columns.push({
      key: 'actions',
      header: <span className="visually-hidden">{t('common.actions')}</span>,
      align: 'end',
      cell: (row) =>
        row.member.role !== 'owner' &&
        row.member.userId !== session.user.id &&
        mayGrantRole(myRole, row.member.role) && (
          <Button onClick={() => startEdit(row.member)}>
            {t('scopes.edit')}
            <span className="visually-hidden"> {row.member.name}</span>
          </Button>
        ),
    });

  const loading = !scopes.data || !clients.data || !channels.data;
  const error = scopes.error ?? clients.error ?? channels.error;
  return (
    <section aria-labelledby="member-scopes-title">
      <h2 className="section-title" id="member-scopes-title">
        {t('scopes.title')}
      </h2>
      <p>{t('scopes.intro')}</p>
      {error && (
        <LoadFailure
          error={error}
          onRetry={() => {
            scopes.reload();
            clients.reload();
            channels.reload();
          }}
        />
      )}
      {loading && !error && <LoadingBlock />}
      {!loading && (
        <Table
          caption={t('scopes.title')}
          captionHidden
          columns={columns}
          rows={members.map((member) => ({ member, scope: scopeOf(member.userId) }))}
          rowKey={(row) => row.member.userId}
        />
      )}
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={t('scopes.editTitle', { name: editing?.name ?? '' })}
        footer={
          <>
            <Button onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
            <Button variant="primary" busy={busy} onClick={() => void save()}>
              {t('common.save')}
            </Button>
          </>
        }
      >
        <fieldset className="checkbox-group">
          <legend>{t('scopes.header')}</legend>
          <label className="checkbox">
            <input type="radio" name="scope-kind" checked={!scoped} onChange={() => setScoped(false)} />{' '}
            {t('scopes.whole')}
          </label>
          <label className="checkbox">
            <input type="radio" name="scope-kind" checked={scoped} onChange={() => setScoped(true)} />{' '}
            {t('scopes.only')}
          </label>
        </fieldset>
        {scoped && (
          <>
            <fieldset className="checkbox-group">
              <legend>{t('scopes.clients')}</legend>
              {(clients.data ?? []).length === 0 && <p className="muted">{t('clients.empty')}</p>}
              {(clients.data ?? []).map((client) => (
                <label key={client.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={clientIds.has(client.id)}
                    onChange={() => setClientIds((current) => toggle(current, client.id))}
                  />{' '}
                  {client.name}
                </label>
              ))}
            </fieldset>
            <fieldset className="checkbox-group">
              <legend>{t('scopes.channels')}</legend>
              {(channels.data ?? []).map((channel) => (
                <label key={channel.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={channelIds.has(channel.id)}
                    onChange={() => setChannelIds((current) => toggle(current, channel.id))}
                  />{' '}
                  {channel.name}
                </label>
              ))}
            </fieldset>
          </>
        )}
      </Dialog>
    </section>
  );
}
