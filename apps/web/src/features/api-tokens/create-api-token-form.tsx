import { useState, type FormEvent } from 'react';
import { type ApiToken, CreateApiTokenRequest, CreatedApiToken } from '@sillage/contracts';
import type { Role } from '@sillage/domain';
import type { z } from 'zod';
import { api, workspacePath } from '../../api/client.ts';
import { useFormErrors } from '../../api/form-errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { CopyValue } from '../../ui/copy-value.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { Field } from '../../ui/field.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { grantableRoles } from '../members/role-labels.ts';
import { RoleSelect } from '../members/role-select.tsx';
import { useWorkspace } from '../workspaces/workspace-context.tsx';

const LIFETIMES = ['30', '90', '365', 'never'] as const;
type Lifetime = (typeof LIFETIMES)[number];

/** A new token: a name, a role no stronger than the creator's, a lifetime; the secret is shown once. */
export function CreateApiTokenForm({ onCreated }: { onCreated: (token: z.infer<typeof ApiToken>) => void }) {
  const { t } = useI18n();
  const { workspace, role: myRole } = useWorkspace();
  const form = useFormErrors();
  const options = grantableRoles(myRole);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(options.includes('analyst') ? 'analyst' : myRole);
  const [lifetime, setLifetime] = useState<Lifetime>('90');
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const expiresInDays = lifetime === 'never' ? null : Number(lifetime);
    const body = form.validate(CreateApiTokenRequest, { name, role, expiresInDays });
    if (!body) return;
    setBusy(true);
    try {
      const created = await api.post(workspacePath(workspace.id, 'api-tokens'), CreatedApiToken, body);
      onCreated(created.apiToken);
      setName('');
      setSecret(created.token);
    } catch (error) {
      form.fromError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="new-token-title">
      <h2 id="new-token-title" className="section-title">
        {t('apiTokens.newTitle')}
      </h2>
      <form className="form form--inline" onSubmit={submit} noValidate>
        {form.formError && <Alert tone="error">{form.formError}</Alert>}
        <TextField
          label={t('fields.name')}
          hint={t('apiTokens.nameHint')}
          error={form.fieldErrors['name']}
          value={name}
          onChange={setName}
        />
        <Field label={t('fields.role')} error={form.fieldErrors['role']}>
          {(control) => <RoleSelect {...control} value={role} options={options} onChange={setRole} />}
        </Field>
        <Field label={t('apiTokens.lifetime')} error={form.fieldErrors['expiresInDays']}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={lifetime}
              onChange={(event) => setLifetime(event.target.value as Lifetime)}
            >
              {LIFETIMES.map((value) => (
                <option key={value} value={value}>
                  {value === 'never' ? t('apiTokens.never') : t('apiTokens.days', { count: value })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Button type="submit" variant="primary" busy={busy}>
          {t('apiTokens.create')}
        </Button>
      </form>
      <Dialog
        open={secret !== null}
        onClose={() => setSecret(null)}
        title={t('apiTokens.createdTitle')}
        footer={
          <Button variant="primary" onClick={() => setSecret(null)}>
            {t('apiTokens.savedIt')}
          </Button>
        }
      >
        <Alert tone="warning">{t('apiTokens.secretWarning')}</Alert>
        {secret && (
          <CopyValue
            label={t('apiTokens.secret')}
            value={secret}
            copyLabel={t('common.copy')}
            copiedLabel={t('common.copied')}
          />
        )}
        <p className="muted">{t('apiTokens.usage')}</p>
      </Dialog>
    </section>
  );
}
