import { useState, type FormEvent } from 'react';
import {
  CreateSiteKeyBody,
  CreateTrackedLinkBody,
  SiteKey,
  SiteKeyList,
  TrackedLink,
  TrackedLinkList,
  UtmConventionsBody,
} from '@sillage/contracts';
import { buildUtmUrl } from '@sillage/domain';
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
import { EmptyState } from '../../ui/empty-state.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { useToast } from '../../ui/toast.tsx';
import { useWorkspace } from '../workspaces/workspace-context.tsx';

type LinkData = z.infer<typeof TrackedLink>;
type SiteKeyData = z.infer<typeof SiteKey>;

/** Tracked links with their clicks, the UTM builder, and the site keys of the conversion snippet. */
export function LinksPage() {
  const { t, locale } = useI18n();
  const { workspace, can } = useWorkspace();
  const links = useResource(`links:${workspace.id}`, (signal) =>
    api.get(workspacePath(workspace.id, 'links'), TrackedLinkList, { signal }),
  );
  const conventions = useResource(`utm-conventions:${workspace.id}`, (signal) =>
    api.get(workspacePath(workspace.id, 'links', 'utm-conventions'), UtmConventionsBody, { signal }),
  );
  const date = (instant: string) => formatInstant(instant, workspace.timeZone, locale);

  const columns: Column<LinkData>[] = [
    {
      key: 'short',
      header: t('links.shortUrl'),
      isRowHeader: true,
      cell: (link) => <code>{link.shortUrl}</code>,
    },
    { key: 'target', header: t('links.destination'), cell: (link) => <span className="muted">{link.targetUrl}</span> },
    { key: 'campaign', header: t('links.campaign'), cell: (link) => link.utm.campaign },
    { key: 'clicks', header: t('links.clicks'), align: 'end', cell: (link) => link.clicks },
    { key: 'bots', header: t('links.botClicks'), align: 'end', cell: (link) => link.botClicks },
    { key: 'created', header: t('links.createdAt'), cell: (link) => date(link.createdAt) },
  ];

  return (
    <section className="page">
      <header className="page__header">
        <h1>{t('links.title')}</h1>
        <p className="lead">{t('links.intro')}</p>
      </header>
      {can('links.manage') && conventions.data && (
        <UtmBuilder
          conventions={conventions.data}
          onCreated={(link) => links.setData((current) => ({ links: [link, ...(current?.links ?? [])] }))}
        />
      )}
      <h2 className="section-title">{t('links.listTitle')}</h2>
      <p className="muted">{t('links.clicksDefinition')}</p>
      {links.error && <LoadFailure error={links.error} onRetry={links.reload} />}
      {!links.data && !links.error && <LoadingBlock />}
      {links.data && links.data.links.length === 0 && <EmptyState title={t('links.none')} />}
      {links.data && links.data.links.length > 0 && (
        <Table
          caption={t('links.tableCaption')}
          captionHidden
          columns={columns}
          rows={links.data.links}
          rowKey={(link) => link.id}
        />
      )}
      {can('conversions.manage') && <SiteKeys />}
    </section>
  );
}

function UtmBuilder({
  conventions,
  onCreated,
}: {
  conventions: z.infer<typeof UtmConventionsBody>;
  onCreated: (link: LinkData) => void;
}) {
  const { t } = useI18n();
  const { workspace } = useWorkspace();
  const form = useFormErrors();
  const toast = useToast();
  const [destinationUrl, setDestination] = useState('');
  const [source, setSource] = useState('');
  const [medium, setMedium] = useState('');
  const [campaign, setCampaign] = useState('');
  const [content, setContent] = useState('');
  const [busy, setBusy] = useState(false);
  const utm = { source, medium, campaign, ...(content.trim() ? { content } : {}) };
  const preview = buildUtmUrl(destinationUrl, utm, conventions);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = form.validate(CreateTrackedLinkBody, { destinationUrl, utm });
    if (!body) return;
    setBusy(true);
    try {
      const created = await api.post(workspacePath(workspace.id, 'links'), TrackedLink, body);
      onCreated(created);
      toast.show(t('links.created', { url: created.shortUrl }));
      setDestination('');
      setContent('');
    } catch (error) {
      form.fromError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="utm-builder-title">
      <h2 id="utm-builder-title" className="section-title">
        {t('links.builderTitle')}
      </h2>
      <form className="form" onSubmit={submit} noValidate>
        {form.formError && <Alert tone="error">{form.formError}</Alert>}
        <TextField
          label={t('links.destination')}
          hint={t('links.destinationHint')}
          error={form.fieldErrors['destinationUrl']}
          value={destinationUrl}
          onChange={setDestination}
          type="url"
        />
        <TextField label="utm_source" hint={t('links.sourceHint')} value={source} onChange={setSource} />
        <TextField label="utm_medium" hint={t('links.mediumHint')} value={medium} onChange={setMedium} />
        <TextField label="utm_campaign" hint={t('links.campaignHint')} value={campaign} onChange={setCampaign} />
        <TextField label="utm_content" hint={t('links.contentHint')} value={content} onChange={setContent} />
        {form.fieldErrors['utm'] && <Alert tone="error">{form.fieldErrors['utm']}</Alert>}
        <p className="muted" aria-live="polite">
          {preview.ok
            ? t('links.preview', { url: preview.url })
            : destinationUrl || source || medium || campaign
              ? t('links.previewIncomplete', {
                  fields: preview.issues
                    .map((issue) => (issue.field === 'url' ? t('links.destination') : `utm_${issue.field}`))
                    .join(', '),
                })
              : ''}
        </p>
        <Button type="submit" variant="primary" busy={busy}>
          {t('links.create')}
        </Button>
      </form>
    </section>
  );
}

function SiteKeys() {
  const { t } = useI18n();
  const { workspace } = useWorkspace();
  const toast = useToast();
  const form = useFormErrors();
  const keys = useResource(`site-keys:${workspace.id}`, (signal) =>
    api.get(workspacePath(workspace.id, 'site-keys'), SiteKeyList, { signal }),
  );
  const [name, setName] = useState('');
  const [origins, setOrigins] = useState('');
  const [busy, setBusy] = useState(false);

  async function create(event: FormEvent) {
    event.preventDefault();
    const allowedOrigins = origins
      .split(/[\s,]+/)
      .map((origin) => origin.trim())
      .filter((origin) => origin !== '');
    const body = form.validate(CreateSiteKeyBody, { name, allowedOrigins });
    if (!body) return;
    setBusy(true);
    try {
      const created = await api.post(workspacePath(workspace.id, 'site-keys'), SiteKey, body);
      keys.setData((current) => ({ siteKeys: [created, ...(current?.siteKeys ?? [])] }));
      setName('');
      setOrigins('');
    } catch (error) {
      form.fromError(error);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(key: SiteKeyData) {
    try {
      const revoked = await api.post(workspacePath(workspace.id, 'site-keys', key.id, 'revoke'), SiteKey);
      keys.setData((current) => ({
        siteKeys: (current?.siteKeys ?? []).map((item) => (item.id === key.id ? revoked : item)),
      }));
      toast.show(t('links.keyRevoked', { name: key.name }));
    } catch (error) {
      toast.show(describeApiError(error, t), 'error');
    }
  }

  return (
    <section className="panel" aria-labelledby="site-keys-title">
      <h2 id="site-keys-title" className="section-title">
        {t('links.siteKeysTitle')}
      </h2>
      <p className="muted">{t('links.siteKeysIntro')}</p>
      <form className="form form--inline" onSubmit={create} noValidate>
        {form.formError && <Alert tone="error">{form.formError}</Alert>}
        <TextField label={t('fields.name')} error={form.fieldErrors['name']} value={name} onChange={setName} />
        <TextField
          label={t('links.origins')}
          hint={t('links.originsHint')}
          error={form.fieldErrors['allowedOrigins']}
          value={origins}
          onChange={setOrigins}
        />
        <Button type="submit" variant="primary" busy={busy}>
          {t('links.createKey')}
        </Button>
      </form>
      {keys.error && <LoadFailure error={keys.error} onRetry={keys.reload} />}
      {keys.data && keys.data.siteKeys.length === 0 && <EmptyState title={t('links.noKeys')} />}
      {keys.data?.siteKeys.map((key) => (
        <article key={key.id} className="panel">
          <h3>
            {key.name} {key.revokedAt && <span className="muted">({t('links.revoked')})</span>}
          </h3>
          <p className="muted">{t('links.allowedOrigins', { origins: key.allowedOrigins.join(', ') })}</p>
          {!key.revokedAt && (
            <>
              <CopyValue
                label={t('links.snippet')}
                value={key.snippet}
                copyLabel={t('common.copy')}
                copiedLabel={t('common.copied')}
              />
              <Button variant="danger" onClick={() => void revoke(key)}>
                {t('links.revokeKey')}
                <span className="visually-hidden"> {key.name}</span>
              </Button>
            </>
          )}
        </article>
      ))}
    </section>
  );
}
