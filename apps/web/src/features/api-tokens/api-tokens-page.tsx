import { useState } from 'react';
import { ApiToken, Ok } from '@sillage/contracts';
import type { z } from 'zod';
import { api, workspacePath } from '../../api/client.ts';
import { describeApiError } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { formatInstant } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { useToast } from '../../ui/toast.tsx';
import { roleKey } from '../members/role-labels.ts';
import { useWorkspace } from '../workspaces/workspace-context.tsx';
import { CreateApiTokenForm } from './create-api-token-form.tsx';

type ApiTokenData = z.infer<typeof ApiToken>;

/** Personal and workspace API tokens: create (the secret is shown once), list, revoke. */
export function ApiTokensPage() {
  const { t, locale } = useI18n();
  const { workspace, can } = useWorkspace();
  const toast = useToast();
  const tokens = useResource(`api-tokens:${workspace.id}`, (signal) =>
    api.get(workspacePath(workspace.id, 'api-tokens'), ApiToken.array(), { signal }),
  );
  const [revoking, setRevoking] = useState<ApiTokenData | null>(null);
  const [busy, setBusy] = useState(false);
  const date = (instant: string | null, empty: string) =>
    instant ? formatInstant(instant, workspace.timeZone, locale) : empty;

  async function revoke() {
    if (!revoking) return;
    setBusy(true);
    try {
      await api.delete(workspacePath(workspace.id, 'api-tokens', revoking.id), Ok);
      const revokedAt = new Date().toISOString();
      tokens.setData((current) =>
        current?.map((token) => (token.id === revoking.id ? { ...token, revokedAt } : token)),
      );
      toast.show(t('apiTokens.revoked', { name: revoking.name }));
      setRevoking(null);
    } catch (error) {
      toast.show(describeApiError(error, t), 'error');
    } finally {
      setBusy(false);
    }
  }

  const columns: Column<ApiTokenData>[] = [
    { key: 'name', header: t('fields.name'), isRowHeader: true, cell: (token) => token.name },
    { key: 'prefix', header: t('apiTokens.prefix'), cell: (token) => <code>{token.prefix}…</code> },
    { key: 'role', header: t('fields.role'), cell: (token) => t(roleKey(token.role)) },
    { key: 'owner', header: t('apiTokens.owner'), cell: (token) => token.ownerEmail },
    { key: 'created', header: t('apiTokens.createdAt'), cell: (token) => date(token.createdAt, '') },
    { key: 'expires', header: t('apiTokens.expiresAt'), cell: (token) => date(token.expiresAt, t('apiTokens.never')) },
    {
      key: 'used',
      header: t('apiTokens.lastUsedAt'),
      cell: (token) => date(token.lastUsedAt, t('apiTokens.neverUsed')),
    },
    {
      key: 'actions',
      header: <span className="visually-hidden">{t('common.actions')}</span>,
      align: 'end',
      cell: (token) =>
        token.revokedAt ? (
          <span className="muted">{t('apiTokens.revokedOn', { date: date(token.revokedAt, '') })}</span>
        ) : (
          <Button variant="danger" onClick={() => setRevoking(token)}>
            {t('apiTokens.revoke')}
            <span className="visually-hidden"> {token.name}</span>
          </Button>
        ),
    },
  ];

  return (
    <section className="page">
      <header className="page__header">
        <h1>{t('settings.apiTokens')}</h1>
        <p className="lead">{can('api_tokens.manage_all') ? t('apiTokens.introAll') : t('apiTokens.introOwn')}</p>
      </header>
      <CreateApiTokenForm onCreated={(token) => tokens.setData((current) => [token, ...(current ?? [])])} />
      <h2 className="section-title">{t('apiTokens.listTitle')}</h2>
      {tokens.error && <LoadFailure error={tokens.error} onRetry={tokens.reload} />}
      {!tokens.data && !tokens.error && <LoadingBlock />}
      {tokens.data && tokens.data.length === 0 && <EmptyState title={t('apiTokens.none')} />}
      {tokens.data && tokens.data.length > 0 && (
        <Table
          caption={t('apiTokens.tableCaption')}
          captionHidden
          columns={columns}
          rows={tokens.data}
          rowKey={(token) => token.id}
        />
      )}
      <Dialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t('apiTokens.revokeTitle')}
        footer={
          <>
            <Button onClick={() => setRevoking(null)}>{t('common.cancel')}</Button>
            <Button variant="danger" busy={busy} onClick={revoke}>
              {t('apiTokens.revoke')}
            </Button>
          </>
        }
      >
        <p>{t('apiTokens.revokeBody', { name: revoking?.name ?? '' })}</p>
      </Dialog>
    </section>
  );
}
