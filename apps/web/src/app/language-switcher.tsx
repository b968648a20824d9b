import { useId } from 'react';
import { useI18n, type Locale } from '../i18n/i18n.tsx';

/** The interface language, kept in localStorage (`sillage.locale`). */
export function LanguageSwitcher() {
  const { locale, setLocale, t } = useI18n();
  const id = useId();
  return (
    <div className="inline-field">
      <label htmlFor={id} className="inline-field__label">
        {t('language.label')}
      </label>
      <select
        id={id}
        className="select select--compact"
        value={locale}
        onChange={(event) => setLocale(event.target.value as Locale)}
      >
        <option value="fr" lang="fr">
          {t('language.fr')}
        </option>
        <option value="en" lang="en">
          {t('language.en')}
        </option>
      </select>
    </div>
  );
}
