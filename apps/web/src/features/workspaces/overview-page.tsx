import { useI18n } from '../../i18n/i18n.tsx';
import { useSignedIn } from '../auth/session.tsx';
import { pillars } from '../pillars/pillars.ts';
import { useWorkspace } from './workspace-context.tsx';

/** `/w/:workspaceId`: a greeting, the workspace's facts, and the honest state of each pillar. */
export function OverviewPage() {
  const { t } = useI18n();
  const session = useSignedIn();
  const { workspace } = useWorkspace();
  return (
    <section className="page">
      <header className="page__header">
        <h1>{t('overview.greeting', { name: session.user.name })}</h1>
        <p className="lead">
          {t('overview.workspaceIntro', { workspace: workspace.name })}
          {workspace.isDemo && <span className="badge">{t('workspaces.demoBadge')}</span>}
        </p>
        <dl className="facts">
          <div>
            <dt>{t('fields.workspaceName')}</dt>
            <dd>{workspace.name}</dd>
          </div>
          <div>
            <dt>{t('fields.timeZone')}</dt>
            <dd>{workspace.timeZone}</dd>
          </div>
        </dl>
      </header>
      <h2 className="section-title">{t('overview.pillarsTitle')}</h2>
      <ul className="cards">
        {pillars.map((pillar) => (
          <li key={pillar.slug} className="card card--pillar">
            <h3 className="card__title">{t(pillar.label)}</h3>
            <p>{t(pillar.summary)}</p>
            <p className="status-pill">{t('pillar.notBuilt')}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
