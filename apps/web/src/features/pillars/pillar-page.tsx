import { useI18n } from '../../i18n/i18n.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import type { Pillar } from './pillars.ts';

/** A pillar that is not built yet: what it will do, and an honest status (no fake figures). */
export function PillarPage({ pillar }: { pillar: Pillar }) {
  const { t } = useI18n();
  return (
    <section className="page">
      <header className="page__header">
        <h1>{t(pillar.label)}</h1>
        <p className="lead">{t(pillar.summary)}</p>
      </header>
      <EmptyState title={t('pillar.notBuilt')}>
        <p>{t('pillar.notBuiltBody')}</p>
      </EmptyState>
    </section>
  );
}
