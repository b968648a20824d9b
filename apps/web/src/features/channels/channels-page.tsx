import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Channel, Ok, type ChannelStatus } from '@sillage/contracts';
import { api, workspacePath } from '../../api/client.ts';
import { describeApiError } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { formatInstant } from '../../i18n/format.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { useToast } from '../../ui/toast.tsx';
import { useWorkspace } from '../workspaces/workspace-context.tsx';
import { ClientsPanel } from './clients-panel.tsx';
import { ConnectChannelPanel, startOAuthConnection } from './connect-channel-panel.tsx';
import { networkName, networks } from './networks.ts';

const statusKeys: Record<ChannelStatus, MessageKey> = {
  active: 'channels.status.active',
  needs_reconnect: 'channels.status.needsReconnect',
  disconnected: 'channels.status.disconnected',
};

const callbackErrors: Record<string, MessageKey> = {
  denied: 'channels.callback.denied',
  invalid_state: 'channels.callback.invalidState',
  expired: 'channels.callback.expired',
  signed_out: 'channels.callback.signedOut',
  forbidden: 'channels.callback.forbidden',
  unavailable: 'channels.callback.unavailable',
  exchange_failed: 'channels.callback.exchangeFailed',
};

/** `/w/:id/settings/channels`: the connected accounts with their health; connect, reconnect, disconnect. */
export function ChannelsPage() {
  const { t, locale } = useI18n();
  const { workspace, can } = useWorkspace();
  const toast = useToast();
  const [searchParams, setSearchParams] = useSearchParams();
  const channels = useResource(`channels:${workspace.id}`, (signal) =>
    api.get(workspacePath(workspace.id, 'channels'), Channel.array(), { signal }),
  );
  const [disconnecting, setDisconnecting] = useState<Channel | null>(null);
  const [busy, setBusy] = useState(false);
  const manages = can('channels.manage');
  const connected = searchParams.get('connected');
  const failure = searchParams.get('error');
  const date = (instant: string | null, empty: string) =>
    instant ? formatInstant(instant, workspace.timeZone, locale) : empty;

  async function disconnect() {
    if (!disconnecting) return;
    setBusy(true);
    try {
      await api.delete(workspacePath(workspace.id, 'channels', disconnecting.id), Ok);
      channels.setData((current) =>
        current?.map((channel) =>
          channel.id === disconnecting.id ? { ...channel, status: 'disconnected', tokenExpiresAt: null } : channel,
        ),
      );
      toast.show(t('channels.disconnected', { name: disconnecting.name }));
      setDisconnecting(null);
    } catch (error) {
      toast.show(describeApiError(error, t), 'error');
    } finally {
      setBusy(false);
    }
  }

  async function reconnect(channel: Channel) {
    try {
      await startOAuthConnection(workspace.id, channel.network, channel.instanceUrl ?? undefined);
    } catch (error) {
      toast.show(describeApiError(error, t), 'error');
    }
  }

  const columns: Column<Channel>[] = [
    {
      key: 'account',
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
      key: 'status',
      header: t('channels.statusHeader'),
      cell: (channel) => (
        <span className={channel.status === 'active' ? 'outcome--success' : 'outcome--failure'}>
          {t(statusKeys[channel.status])}
        </span>
      ),
    },
    {
      key: 'expiry',
      header: t('channels.tokenExpiresAt'),
      cell: (channel) =>
        channel.status === 'disconnected' ? '—' : date(channel.tokenExpiresAt, t('channels.noExpiryReported')),
    },
    { key: 'success', header: t('channels.lastSuccessAt'), cell: (c) => date(c.lastSuccessAt, t('channels.never')) },
    {
      key: 'error',
      header: t('channels.lastError'),
      cell: (channel) =>
        channel.lastError ? (
          <>
            {channel.lastError}
            <div className="muted">{date(channel.lastErrorAt, '')}</div>
          </>
        ) : (
          t('channels.noError')
        ),
    },
    {
      key: 'actions',
      header: <span className="visually-hidden">{t('common.actions')}</span>,
      align: 'end',
      cell: (channel) =>
        manages && (
          <div className="row-actions">
            {channel.status !== 'active' && channel.network !== 'bluesky' && (
              <Button variant="primary" onClick={() => void reconnect(channel)}>
                {t('channels.reconnect')}
                <span className="visually-hidden"> {channel.name}</span>
              </Button>
            )}
            {channel.status !== 'disconnected' && (
              <Button variant="danger" onClick={() => setDisconnecting(channel)}>
                {t('channels.disconnect')}
                <span className="visually-hidden"> {channel.name}</span>
              </Button>
            )}
          </div>
        ),
    },
  ];

  const dismissOutcome = () => setSearchParams({}, { replace: true });
  const needsReconnect = channels.data?.filter((channel) => channel.status === 'needs_reconnect') ?? [];

  return (
    <section className="page">
      <header className="page__header">
        <h1>{t('settings.channels')}</h1>
        <p className="lead">{t('channels.intro', { count: networks.length })}</p>
      </header>
      {connected && (
        <Alert tone="success">
          {t('channels.callback.connected', { network: networkName(connected) })}{' '}
          <Button variant="ghost" onClick={dismissOutcome}>
            {t('common.dismiss')}
          </Button>
        </Alert>
      )}
      {failure && (
        <Alert tone="error">
          {t(callbackErrors[failure] ?? 'channels.callback.unknown')}{' '}
          <Button variant="ghost" onClick={dismissOutcome}>
            {t('common.dismiss')}
          </Button>
        </Alert>
      )}
      {needsReconnect.length > 0 && (
        <Alert tone="warning">
          {t('channels.needsReconnectWarning', { names: needsReconnect.map((channel) => channel.name).join(', ') })}
        </Alert>
      )}
      <h2 className="section-title">{t('channels.listTitle')}</h2>
      {channels.error && <LoadFailure error={channels.error} onRetry={channels.reload} />}
      {!channels.data && !channels.error && <LoadingBlock />}
      {channels.data && channels.data.length === 0 && <EmptyState title={t('channels.none')} />}
      {channels.data && channels.data.length > 0 && (
        <Table
          caption={t('channels.tableCaption')}
          captionHidden
          columns={columns}
          rows={channels.data}
          rowKey={(channel) => channel.id}
        />
      )}
      {channels.data && <ClientsPanel channels={channels.data} canManage={manages} />}
      {manages && (
        <ConnectChannelPanel
          onConnected={(channel) => {
            channels.setData((current) => [channel, ...(current ?? []).filter((other) => other.id !== channel.id)]);
            toast.show(t('channels.callback.connected', { network: networkName(channel.network) }));
          }}
        />
      )}
      <Dialog
        open={disconnecting !== null}
        onClose={() => setDisconnecting(null)}
        title={t('channels.disconnectTitle')}
        footer={
          <>
            <Button onClick={() => setDisconnecting(null)}>{t('common.cancel')}</Button>
            <Button variant="danger" busy={busy} onClick={disconnect}>
              {t('channels.disconnect')}
            </Button>
          </>
        }
      >
        <p>{t('channels.disconnectBody', { name: disconnecting?.name ?? '' })}</p>
      </Dialog>
    </section>
  );
}
