import { useState, type FormEvent } from 'react';
import { ChangePasswordRequest, Ok, SessionUser, UpdateProfileRequest } from '@sillage/contracts';
import { api } from '../../api/client.ts';
import { useFormErrors } from '../../api/form-errors.ts';
import { useI18n, type Locale } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { Field } from '../../ui/field.tsx';
import { useToast } from '../../ui/toast.tsx';
import { useSession, useSignedIn } from '../auth/session.tsx';

/** My account: name, language, password. */
export function AccountPage() {
  const { t } = useI18n();
  const session = useSignedIn();
  return (
    <section className="page">
      <header className="page__header">
        <h1>{t('settings.account')}</h1>
        <p className="lead">{t('account.intro', { email: session.user.email })}</p>
      </header>
      <ProfileForm />
      <PasswordForm />
    </section>
  );
}

function ProfileForm() {
  const { t, setLocale } = useI18n();
  const session = useSignedIn();
  const { refresh } = useSession();
  const toast = useToast();
  const form = useFormErrors();
  const [name, setName] = useState(session.user.name);
  const [locale, setUserLocale] = useState<Locale>(session.user.locale);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = form.validate(UpdateProfileRequest, { name, locale });
    if (!body) return;
    setBusy(true);
    try {
      const user = await api.patch('/api/me', SessionUser, body);
      setLocale(user.locale);
      await refresh();
      toast.show(t('common.saved'));
    } catch (error) {
      form.fromError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form form--narrow panel" onSubmit={submit} noValidate aria-labelledby="profile-title">
      <h2 id="profile-title" className="section-title">
        {t('account.profileTitle')}
      </h2>
      {form.formError && <Alert tone="error">{form.formError}</Alert>}
      <Field label={t('fields.name')} error={form.fieldErrors['name']}>
        {(control) => (
          <input
            {...control}
            className="input"
            autoComplete="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('fields.language')} hint={t('account.languageHint')} error={form.fieldErrors['locale']}>
        {(control) => (
          <select
            {...control}
            className="select"
            value={locale}
            onChange={(event) => setUserLocale(event.target.value as Locale)}
          >
            <option value="fr">{t('language.fr')}</option>
            <option value="en">{t('language.en')}</option>
          </select>
        )}
      </Field>
      <Button type="submit" variant="primary" busy={busy}>
        {t('common.save')}
      </Button>
    </form>
  );
}

function PasswordForm() {
  const { t } = useI18n();
  const session = useSignedIn();
  const { refresh } = useSession();
  const toast = useToast();
  const form = useFormErrors();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = form.validate(ChangePasswordRequest, { currentPassword, newPassword });
    if (!body) return;
    setBusy(true);
    try {
      await api.post('/api/auth/password', Ok, body);
      // The server rotates the session: read it again to get the new CSRF token.
      await refresh();
      setCurrentPassword('');
      setNewPassword('');
      toast.show(t('account.passwordChanged'));
    } catch (error) {
      form.fromError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form form--narrow panel" onSubmit={submit} noValidate aria-labelledby="password-title">
      <h2 id="password-title" className="section-title">
        {t('account.passwordTitle')}
      </h2>
      {form.formError && <Alert tone="error">{form.formError}</Alert>}
      <input type="text" autoComplete="username" value={session.user.email} readOnly hidden />
      <Field label={t('account.currentPassword')} error={form.fieldErrors['currentPassword']}>
        {(control) => (
          <input
            {...control}
            className="input"
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => setCurrentPassword(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('account.newPassword')} hint={t('fields.passwordHint')} error={form.fieldErrors['newPassword']}>
        {(control) => (
          <input
            {...control}
            className="input"
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(event) => setNewPassword(event.target.value)}
          />
        )}
      </Field>
      <Button type="submit" variant="primary" busy={busy}>
        {t('account.changePassword')}
      </Button>
    </form>
  );
}
