import { useState, type FormEvent } from 'react';
import { Navigate } from 'react-router-dom';
import { SessionResponse, SetupRequest } from '@sillage/contracts';
import { api } from '../../api/client.ts';
import { useFormErrors } from '../../api/form-errors.ts';
import { PublicLayout } from '../../app/public-layout.tsx';
import { browserTimeZone } from '../../i18n/format.ts';
import { LocaleField, TimeZoneField } from '../../i18n/locale-and-zone-fields.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { useSession } from '../auth/session.tsx';

/** First run: the instance owner's account and the first workspace, in one form. */
export function SetupPage() {
  const { t, locale: uiLocale } = useI18n();
  const { state, signedIn } = useSession();
  const form = useFormErrors();
  const [values, setValues] = useState({
    name: '',
    email: '',
    password: '',
    locale: uiLocale,
    workspaceName: '',
    timeZone: browserTimeZone(),
  });
  const [busy, setBusy] = useState(false);

  if (state.status === 'signedIn') return <Navigate to="/" replace />;
  if (state.status !== 'needsSetup') return <Navigate to="/login" replace />;

  const change =
    <K extends keyof typeof values>(field: K) =>
    (value: (typeof values)[K]) =>
      setValues((current) => ({ ...current, [field]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = form.validate(SetupRequest, values);
    if (!body) return;
    setBusy(true);
    try {
      signedIn(await api.post('/api/setup', SessionResponse, body, { publicCall: true }));
    } catch (error) {
      form.fromError(error);
      setBusy(false);
    }
  }

  return (
    <PublicLayout title={t('setup.title')}>
      <p className="lead">{t('setup.intro')}</p>
      <form className="form" onSubmit={submit} noValidate>
        {form.formError && <Alert tone="error">{form.formError}</Alert>}
        <fieldset className="fieldset">
          <legend>{t('setup.accountLegend')}</legend>
          <TextField
            label={t('fields.name')}
            error={form.fieldErrors['name']}
            autoComplete="name"
            value={values.name}
            onChange={change('name')}
          />
          <TextField
            label={t('fields.email')}
            error={form.fieldErrors['email']}
            type="email"
            autoComplete="email"
            value={values.email}
            onChange={change('email')}
          />
          <TextField
            label={t('fields.password')}
            hint={t('fields.passwordHint')}
            error={form.fieldErrors['password']}
            type="password"
            autoComplete="new-password"
            value={values.password}
            onChange={change('password')}
          />
          <LocaleField
            label={t('fields.language')}
            error={form.fieldErrors['locale']}
            value={values.locale}
            onChange={change('locale')}
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('setup.workspaceLegend')}</legend>
          <TextField
            label={t('fields.workspaceName')}
            error={form.fieldErrors['workspaceName']}
            value={values.workspaceName}
            onChange={change('workspaceName')}
          />
          <TimeZoneField
            label={t('fields.timeZone')}
            hint={t('fields.timeZoneHint')}
            error={form.fieldErrors['timeZone']}
            value={values.timeZone}
            onChange={change('timeZone')}
          />
        </fieldset>
        <Button type="submit" variant="primary" busy={busy}>
          {busy ? t('setup.submitting') : t('setup.submit')}
        </Button>
      </form>
    </PublicLayout>
  );
}
