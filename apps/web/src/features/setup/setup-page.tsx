import { useMemo, useState, type FormEvent } from 'react';
import { Navigate } from 'react-router-dom';
import { SessionResponse, SetupRequest } from '@sillage/contracts';
import { api } from '../../api/client.ts';
import { useFormErrors } from '../../api/form-errors.ts';
import { PublicLayout } from '../../app/public-layout.tsx';
import { browserTimeZone, timeZoneOptions } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { Field } from '../../ui/field.tsx';
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
  const zones = useMemo(() => timeZoneOptions(values.timeZone), [values.timeZone]);

  if (state.status === 'signedIn') return <Navigate to="/" replace />;
  if (state.status !== 'needsSetup') return <Navigate to="/login" replace />;

  const change = (field: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

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
          <Field label={t('fields.name')} error={form.fieldErrors['name']}>
            {(control) => (
              <input {...control} className="input" autoComplete="name" value={values.name} onChange={change('name')} />
            )}
          </Field>
          <Field label={t('fields.email')} error={form.fieldErrors['email']}>
            {(control) => (
              <input
                {...control}
                className="input"
                type="email"
                autoComplete="email"
                value={values.email}
                onChange={change('email')}
              />
            )}
          </Field>
          <Field label={t('fields.password')} hint={t('fields.passwordHint')} error={form.fieldErrors['password']}>
            {(control) => (
              <input
                {...control}
                className="input"
                type="password"
                autoComplete="new-password"
                value={values.password}
                onChange={change('password')}
              />
            )}
          </Field>
          <Field label={t('fields.language')} error={form.fieldErrors['locale']}>
            {(control) => (
              <select {...control} className="select" value={values.locale} onChange={change('locale')}>
                <option value="fr">{t('language.fr')}</option>
                <option value="en">{t('language.en')}</option>
              </select>
            )}
          </Field>
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('setup.workspaceLegend')}</legend>
          <Field label={t('fields.workspaceName')} error={form.fieldErrors['workspaceName']}>
            {(control) => (
              <input {...control} className="input" value={values.workspaceName} onChange={change('workspaceName')} />
            )}
          </Field>
          <Field label={t('fields.timeZone')} hint={t('fields.timeZoneHint')} error={form.fieldErrors['timeZone']}>
            {(control) => (
              <select {...control} className="select" value={values.timeZone} onChange={change('timeZone')}>
                {zones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
        <Button type="submit" variant="primary" busy={busy}>
          {busy ? t('setup.submitting') : t('setup.submit')}
        </Button>
      </form>
    </PublicLayout>
  );
}
