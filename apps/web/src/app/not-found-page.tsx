import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/i18n.tsx';
import { PublicLayout } from './public-layout.tsx';

/** The body of a "not found" answer, usable inside the shell too. */
export function NotFoundContent() {
  const { t } = useI18n();
  return (
    <section className="page">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <PublicLayout title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </PublicLayout>
  );
}
