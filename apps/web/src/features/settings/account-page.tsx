import { useState, type FormEvent } from 'react';
import { ChangePasswordRequest, Ok, SessionUser, UpdateProfileRequest } from '@sillage/contracts';
import { api } from '../../api/client.ts';
import { useFormErrors } from '../../api/form-errors.ts';
import { LocaleField } from '../../i18n/locale-and-zone-fields.tsx';
import { useI18n, type Locale } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/text-field.tsx';
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
      <TextField
        label={t('fields.name')}
        error={form.fieldErrors['name']}
        autoComplete="name"
        value={name}
        onChange={setName}
      />
      <LocaleField
        label={t('fields.language')}
        hint={t('account.languageHint')}
        error={form.fieldErrors['locale']}
        value={locale}
        onChange={setUserLocale}
      />
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
      <TextField
        label={t('account.currentPassword')}
        error={form.fieldErrors['currentPassword']}
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={setCurrentPassword}
      />
      <TextField
        label={t('account.newPassword')}
        hint={t('fields.passwordHint')}
        error={form.fieldErrors['newPassword']}
        type="password"
        autoComplete="new-password"
        value={newPassword}
        onChange={setNewPassword}
      />
      <Button type="submit" variant="primary" busy={busy}>
        {t('account.changePassword')}
      </Button>
    </form>
  );
}
