import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { AcceptInvitationRequest, InvitationPreview, Password, SessionResponse } from '@sillage/contracts';
import { z } from 'zod';
import { api } from '../../api/client.ts';
import { useFormErrors } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { PublicLayout } from '../../app/public-layout.tsx';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { browserTimeZone, formatInstant } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { useSession } from '../auth/session.tsx';
import { roleKey } from './role-labels.ts';

/** A new account needs a name and a strong password; an existing one proves itself with its password. */
const NewAccountAcceptance = AcceptInvitationRequest.extend({
  name: z.string().trim().min(1).max(120),
  password: Password,
});

/** `/invitations/:token`: the public page an invitation link opens. */
export function InvitationAcceptPage() {
  const { t, locale } = useI18n();
  const { token = '' } = useParams();
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const form = useFormErrors();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const preview = useResource(`invitation:${token}`, (signal) =>
    api.get(`/api/invitations/${encodeURIComponent(token)}`, InvitationPreview, { signal, publicCall: true }),
  );

  if (preview.error) {
    return (
      <PublicLayout title={t('acceptInvitation.title')}>
        {preview.error.status === 404 || preview.error.status === 410 ? (
          <Alert tone="error">{t('acceptInvitation.invalid')}</Alert>
        ) : (
          <LoadFailure error={preview.error} onRetry={preview.reload} />
        )}
      </PublicLayout>
    );
  }
  if (!preview.data) {
    return (
      <PublicLayout title={t('acceptInvitation.title')}>
        <LoadingBlock />
      </PublicLayout>
    );
  }
  const invitation = preview.data;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = invitation.hasAccount
      ? form.validate(AcceptInvitationRequest, { password })
      : form.validate(NewAccountAcceptance, { name, password });
    if (!body) return;
    setBusy(true);
    try {
      const session = await api.post(`/api/invitations/${encodeURIComponent(token)}/accept`, SessionResponse, body, {
        publicCall: true,
      });
      signedIn(session);
      void navigate('/', { replace: true });
    } catch (error) {
      form.fromError(error);
      setBusy(false);
    }
  }

  return (
    <PublicLayout title={t('acceptInvitation.title')}>
      <p className="lead">
        {t('acceptInvitation.intro', { workspace: invitation.workspaceName, role: t(roleKey(invitation.role)) })}
      </p>
      <p className="muted">
        {t('acceptInvitation.expires', { date: formatInstant(invitation.expiresAt, browserTimeZone(), locale) })}
      </p>
      <form className="form" onSubmit={submit} noValidate>
        {form.formError && <Alert tone="error">{form.formError}</Alert>}
        <p>{invitation.hasAccount ? t('acceptInvitation.existingAccount') : t('acceptInvitation.newAccount')}</p>
        <TextField
          label={t('fields.email')}
          type="email"
          autoComplete="username"
          value={invitation.email}
          readOnly
          onChange={() => undefined}
        />
        {!invitation.hasAccount && (
          <TextField
            label={t('fields.name')}
            error={form.fieldErrors['name']}
            autoComplete="name"
            value={name}
            onChange={setName}
          />
        )}
        <TextField
          label={t('fields.password')}
          hint={invitation.hasAccount ? undefined : t('fields.passwordHint')}
          error={form.fieldErrors['password']}
          type="password"
          autoComplete={invitation.hasAccount ? 'current-password' : 'new-password'}
          value={password}
          onChange={setPassword}
        />
        <Button type="submit" variant="primary" busy={busy}>
          {t('acceptInvitation.submit')}
        </Button>
      </form>
    </PublicLayout>
  );
}
