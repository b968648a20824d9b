import { useEffect, useRef, type ReactNode } from 'react';
import { Link, NavLink, useLocation, useParams } from 'react-router-dom';
import { useI18n } from '../i18n/i18n.tsx';
import { pillars } from '../features/pillars/pillars.ts';
import { UserMenu } from '../features/auth/user-menu.tsx';
import { WorkspaceSwitcher } from '../features/workspaces/workspace-switcher.tsx';
import { useSignedIn } from '../features/auth/session.tsx';
import { useOptionalWorkspace } from '../features/workspaces/workspace-context.tsx';
import { LanguageSwitcher } from './language-switcher.tsx';

/** The signed-in frame: skip link, top bar (workspace, language, user), pillar sidebar, main content. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { workspaceId = '' } = useParams();
  const session = useSignedIn();
  const loaded = useOptionalWorkspace();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const current = session.workspaces.find((workspace) => workspace.id === workspaceId);
  const base = `/w/${encodeURIComponent(workspaceId)}`;

  // After a client-side navigation, move focus to the new page so screen readers announce it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const heading = main.current?.querySelector<HTMLElement>('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    } else {
      main.current?.focus();
    }
  }, [location.pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="topbar">
        <Link to={base} className="brand">
          {t('app.name')}
        </Link>
        <div className="topbar__workspace">
          <span className="topbar__workspace-name" data-testid="current-workspace-name">
            {loaded?.workspace.name ?? current?.name ?? ''}
          </span>
          <WorkspaceSwitcher currentId={workspaceId} />
        </div>
        <div className="topbar__end">
          <LanguageSwitcher />
          <UserMenu accountPath={`${base}/settings/account`} />
        </div>
      </header>
      <div className="shell__body">
        <nav className="sidebar" aria-label={t('shell.mainNavigation')}>
          <ul className="sidebar__list">
            <li>
              <NavLink to={base} end className="sidebar__link">
                {t('nav.overview')}
              </NavLink>
            </li>
            {pillars.map((pillar) => (
              <li key={pillar.slug}>
                <NavLink to={`${base}/${pillar.slug}`} className="sidebar__link">
                  {t(pillar.label)}
                </NavLink>
              </li>
            ))}
            <li>
              <NavLink to={`${base}/media`} className="sidebar__link">
                {t('nav.media')}
              </NavLink>
            </li>
            <li className="sidebar__separator">
              <NavLink to={`${base}/settings`} className="sidebar__link">
                {t('nav.settings')}
              </NavLink>
            </li>
          </ul>
        </nav>
        <main id="main" className="main" tabIndex={-1} ref={main}>
          {children}
        </main>
      </div>
    </div>
  );
}
