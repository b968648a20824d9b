import { useState, type FormEvent } from 'react';
import {
  Channel,
  ConnectBlueskyRequest,
  ConnectChannelRequest,
  ConnectChannelResponse,
  type ChannelNetwork,
} from '@sillage/contracts';
import { api, workspacePath } from '../../api/client.ts';
import { describeApiError, useFormErrors } from '../../api/form-errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { useWorkspace } from '../workspaces/workspace-context.tsx';
import { networks } from './networks.ts';

/**
 * Sends the browser to the network to grant access; the server's callback brings it back to the channels page.
 * Also used to reconnect an account that needs it.
 */
export async function startOAuthConnection(workspaceId: string, network: ChannelNetwork, instanceUrl?: string) {
  const { authorizeUrl } = await api.post(workspacePath(workspaceId, 'channels', 'connect'), ConnectChannelResponse, {
    network,
    ...(instanceUrl ? { instanceUrl } : {}),
  });
  window.location.assign(authorizeUrl);
}

/** One button per OAuth network, the Mastodon instance field and the Bluesky app-password form. */
export function ConnectChannelPanel({ onConnected }: { onConnected: (channel: Channel) => void }) {
  const { t } = useI18n();
  const { workspace } = useWorkspace();
  const [pending, setPending] = useState<ChannelNetwork | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const mastodon = useFormErrors();
  const [instanceUrl, setInstanceUrl] = useState('');
  const bluesky = useFormErrors();
  const [identifier, setIdentifier] = useState('');
  const [appPassword, setAppPassword] = useState('');
  const [pds, setPds] = useState('');
  const [blueskyBusy, setBlueskyBusy] = useState(false);

  async function connect(network: ChannelNetwork, instance?: string) {
    setPending(network);
    setError(undefined);
    try {
      await startOAuthConnection(workspace.id, network, instance);
    } catch (cause) {
      if (network === 'mastodon') mastodon.fromError(cause);
      else setError(describeApiError(cause, t));
      setPending(null);
    }
  }

  function submitMastodon(event: FormEvent) {
    event.preventDefault();
    const body = mastodon.validate(ConnectChannelRequest, { network: 'mastodon', instanceUrl: instanceUrl.trim() });
    if (body) void connect('mastodon', body.instanceUrl);
  }

  async function submitBluesky(event: FormEvent) {
    event.preventDefault();
    const body = bluesky.validate(ConnectBlueskyRequest, {
      identifier,
      appPassword,
      ...(pds.trim() ? { instanceUrl: pds.trim() } : {}),
    });
    if (!body) return;
    setBlueskyBusy(true);
    try {
      const channel = await api.post(workspacePath(workspace.id, 'channels', 'bluesky'), Channel, body);
      onConnected(channel);
      setIdentifier('');
      setAppPassword('');
    } catch (cause) {
      bluesky.fromError(cause);
    } finally {
      setBlueskyBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="connect-title">
      <h2 id="connect-title" className="section-title">
        {t('channels.connectTitle')}
      </h2>
      <p className="muted">{t('channels.connectIntro')}</p>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="form form--inline">
        {networks
          .filter((info) => info.kind === 'oauth')
          .map((info) => (
            <Button key={info.network} busy={pending === info.network} onClick={() => void connect(info.network)}>
              {t('channels.connectWith', { network: info.name })}
            </Button>
          ))}
      </div>

      <h3>Mastodon</h3>
      <form className="form form--inline" onSubmit={submitMastodon} noValidate>
        {mastodon.formError && <Alert tone="error">{mastodon.formError}</Alert>}
        <TextField
          label={t('channels.instanceUrl')}
          hint={t('channels.instanceHint')}
          type="url"
          placeholder="https://mastodon.social"
          error={mastodon.fieldErrors['instanceUrl']}
          value={instanceUrl}
          onChange={setInstanceUrl}
        />
        <Button type="submit" busy={pending === 'mastodon'}>
          {t('channels.connectWith', { network: 'Mastodon' })}
        </Button>
      </form>

      <h3>Bluesky</h3>
      <form className="form form--inline" onSubmit={submitBluesky} noValidate>
        {bluesky.formError && <Alert tone="error">{bluesky.formError}</Alert>}
        <TextField
          label={t('channels.blueskyIdentifier')}
          hint={t('channels.blueskyIdentifierHint')}
          autoComplete="username"
          error={bluesky.fieldErrors['identifier']}
          value={identifier}
          onChange={setIdentifier}
        />
        <TextField
          label={t('channels.appPassword')}
          hint={t('channels.appPasswordHint')}
          type="password"
          autoComplete="off"
          error={bluesky.fieldErrors['appPassword']}
          value={appPassword}
          onChange={setAppPassword}
        />
        <TextField
          label={t('channels.pdsUrl')}
          hint={t('channels.pdsHint')}
          type="url"
          placeholder="https://bsky.social"
          error={bluesky.fieldErrors['instanceUrl']}
          value={pds}
          onChange={setPds}
        />
        <Button type="submit" variant="primary" busy={blueskyBusy}>
          {t('channels.connectWith', { network: 'Bluesky' })}
        </Button>
      </form>
    </section>
  );
}
