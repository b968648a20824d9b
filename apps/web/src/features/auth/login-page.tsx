import { useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { LoginRequest, SessionResponse } from '@sillage/contracts';
import { api, ApiError } from '../../api/client.ts';
import { useFormErrors } from '../../api/form-errors.ts';
import { PublicLayout } from '../../app/public-layout.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { useSession } from './session.tsx';

/** Where to go after signing in: the page that sent the user here, if any. */
function returnPath(state: unknown): string {
  const from = typeof state === 'object' && state !== null ? (state as { from?: unknown }).from : undefined;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  const { t } = useI18n();
  const { state, signedIn } = useSession();
  const location = useLocation();
  const form = useFormErrors();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [wrongCredentials, setWrongCredentials] = useState(false);

  if (state.status === 'signedIn') return <Navigate to={returnPath(location.state)} replace />;
  if (state.status === 'needsSetup') return <Navigate to="/setup" replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setWrongCredentials(false);
    const body = form.validate(LoginRequest, { email, password });
    if (!body) return;
    setBusy(true);
    try {
      signedIn(await api.post('/api/auth/login', SessionResponse, body, { publicCall: true }));
    } catch (error) {
      form.fromError(error);
      if (error instanceof ApiError && error.status === 401) setWrongCredentials(true);
      setBusy(false);
    }
  }

  const message = wrongCredentials ? t('login.wrongCredentials') : form.formError;
  return (
    <PublicLayout title={t('login.title')}>
      <p className="lead">{t('login.intro')}</p>
      <form className="form" onSubmit={submit} noValidate data-testid="login-form">
        {message && <Alert tone="error">{message}</Alert>}
        <TextField
          label={t('fields.email')}
          error={form.fieldErrors['email']}
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
        />
        <TextField
          label={t('fields.password')}
          error={form.fieldErrors['password']}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
        />
        <Button type="submit" variant="primary" busy={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </Button>
      </form>
    </PublicLayout>
  );
}
