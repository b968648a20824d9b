import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { LanguageSwitcher } from './language-switcher.tsx';

/** The frame of the pages one sees before signing in: set-up, login, invitation, errors. */
export function PublicLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="public">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="public__header">
        <span className="brand">{t('app.name')}</span>
        <LanguageSwitcher />
      </header>
      <main id="main" className="public__main" tabIndex={-1}>
        <div className="card public__card">
          <h1 className="public__title">{title}</h1>
          {children}
        </div>
      </main>
    </div>
  );
}
