import { useState, type FormEvent } from 'react';
import { type Channel, ChannelClient, Client, Ok, SaveClientRequest } from '@sillage/contracts';
import type { z } from 'zod';
import { api, workspacePath } from '../../api/client.ts';
import { describeApiError, useFormErrors } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { useToast } from '../../ui/toast.tsx';
import { useWorkspace } from '../workspaces/workspace-context.tsx';
import { networkName } from './networks.ts';

type ClientData = z.infer<typeof Client>;

/** The workspace's clients (`GET …/clients`), shared by the channels and members pages. */
export function useClients(workspaceId: string) {
  return useResource(`clients:${workspaceId}`, (signal) =>
    api.get(workspacePath(workspaceId, 'clients'), Client.array(), { signal }),
  );
}

/**
 * Clients (brands) of an agency workspace and the client of each channel. Members scoped to a client see only its
 * channels' data; only members who see the whole workspace change clients (the server checks it again).
 */
export function ClientsPanel({ channels, canManage }: { channels: readonly Channel[]; canManage: boolean }) {
  const { t } = useI18n();
  const { workspace } = useWorkspace();
  const toast = useToast();
  const form = useFormErrors();
  const clients = useClients(workspace.id);
  const [editing, setEditing] = useState<ClientData | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);

  function startEdit(client: ClientData | null) {
    setEditing(client);
    setName(client?.name ?? '');
    form.clear();
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const body = form.validate(SaveClientRequest, { name });
    if (!body) return;
    setBusy(true);
    try {
      const saved = editing
        ? await api.patch(workspacePath(workspace.id, 'clients', editing.id), Client, body)
        : await api.post(workspacePath(workspace.id, 'clients'), Client, body);
      clients.setData((current) =>
        [...(current ?? []).filter((client) => client.id !== saved.id), saved].sort((a, b) =>
          a.name.localeCompare(b.name),
        ),
      );
      toast.show(t(editing ? 'clients.renamed' : 'clients.created', { name: saved.name }));
      startEdit(null);
    } catch (error) {
      form.fromError(error);
    } finally {
      setBusy(false);
    }
  }

  async function remove(client: ClientData) {
    try {
      await api.delete(workspacePath(workspace.id, 'clients', client.id), Ok);
      clients.setData((current) => current?.filter((other) => other.id !== client.id));
      toast.show(t('clients.deleted', { name: client.name }));
    } catch (error) {
      toast.show(describeApiError(error, t), 'error');
    }
  }

  async function assign(channel: Channel, clientId: string | null) {
    try {
      await api.put(workspacePath(workspace.id, 'channels', channel.id, 'client'), ChannelClient, { clientId });
      clients.setData((current) =>
        current?.map((client) => ({
          ...client,
          channelIds: [
            ...client.channelIds.filter((id) => id !== channel.id),
            ...(client.id === clientId ? [channel.id] : []),
          ],
        })),
      );
      toast.show(t('clients.channelAssigned', { channel: channel.name }));
    } catch (error) {
      toast.show(describeApiError(error, t), 'error');
    }
  }

  const channelName = (id: string) => channels.find((channel) => channel.id === id)?.name ?? id;
  const clientOf = (channel: Channel) => clients.data?.find((client) => client.channelIds.includes(channel.id));

  const clientColumns: Column<ClientData>[] = [
    { key: 'name', header: t('fields.name'), isRowHeader: true, cell: (client) => client.name },
    {
      key: 'channels',
      header: t('clients.channels'),
      cell: (client) => client.channelIds.map(channelName).join(', ') || t('clients.noChannel'),
    },
  ];
  if (canManage)
    clientColumns.push({
      key: 'actions',
      header: <span className="visually-hidden">{t('common.actions')}</span>,
      align: 'end',
      cell: (client) => (
        <div className="row-actions">
          <Button onClick={() => startEdit(client)}>
            {t('clients.rename')}
            <span className="visually-hidden"> {client.name}</span>
          </Button>
          <Button variant="danger" onClick={() => void remove(client)}>
            {t('clients.delete')}
            <span className="visually-hidden"> {client.name}</span>
          </Button>
        </div>
      ),
    });

  const channelColumns: Column<Channel>[] = [
    {
      key: 'channel',
      header: t('channels.account'),
      isRowHeader: true,
      cell: (channel) => (
        <>
          {channel.name}
          <div className="muted">{networkName(channel.network)}</div>
        </>
      ),
    },
    {
      key: 'client',
      header: t('clients.clientOfChannel'),
      cell: (channel) =>
        canManage ? (
          <>
            <label className="visually-hidden" htmlFor={`channel-client-${channel.id}`}>
              {t('clients.clientOf', { channel: channel.name })}
            </label>
            <select
              id={`channel-client-${channel.id}`}
              className="select"
              value={clientOf(channel)?.id ?? ''}
              onChange={(event) => void assign(channel, event.target.value || null)}
            >
              <option value="">{t('clients.none')}</option>
              {(clients.data ?? []).map((client) => (
                <option key={client.id} value={client.id}>
                  {client.name}
                </option>
              ))}
            </select>
          </>
        ) : (
          (clientOf(channel)?.name ?? t('clients.none'))
        ),
    },
  ];

  return (
    <section aria-labelledby="clients-title">
      <h2 className="section-title" id="clients-title">
        {t('clients.title')}
      </h2>
      <p>{t('clients.intro')}</p>
      {clients.error && <LoadFailure error={clients.error} onRetry={clients.reload} />}
      {!clients.data && !clients.error && <LoadingBlock />}
      {clients.data &&
        (clients.data.length === 0 ? (
          <EmptyState title={t('clients.empty')} />
        ) : (
          <Table
            caption={t('clients.title')}
            captionHidden
            columns={clientColumns}
            rows={clients.data}
            rowKey={(client) => client.id}
          />
        ))}
      {clients.data && channels.length > 0 && (
        <Table
          caption={t('clients.channelsCaption')}
          columns={channelColumns}
          rows={[...channels]}
          rowKey={(channel) => channel.id}
        />
      )}
      {canManage && (
        <form className="form" onSubmit={save} noValidate aria-label={t('clients.formLabel')}>
          <h3>{editing ? t('clients.renameTitle', { name: editing.name }) : t('clients.createTitle')}</h3>
          {form.formError && <Alert tone="error">{form.formError}</Alert>}
          <TextField label={t('fields.name')} value={name} onChange={setName} error={form.fieldErrors['name']} />
          <div className="row-actions">
            <Button type="submit" variant="primary" busy={busy}>
              {editing ? t('clients.save') : t('clients.create')}
            </Button>
            {editing && <Button onClick={() => startEdit(null)}>{t('common.cancel')}</Button>}
          </div>
        </form>
      )}
    </section>
  );
}
