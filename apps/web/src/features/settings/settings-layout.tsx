import { NavLink, Outlet } from 'react-router-dom';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useWorkspace } from '../workspaces/workspace-context.tsx';

type Section = { path: string; label: MessageKey; visible: boolean };

/** `/w/:workspaceId/settings/*`: a second-level navigation, showing only what the user may open. */
export function SettingsLayout() {
  const { t } = useI18n();
  const { can } = useWorkspace();
  const sections: Section[] = [
    { path: 'workspace', label: 'settings.workspace', visible: true },
    { path: 'members', label: 'settings.members', visible: can('members.read') },
    { path: 'channels', label: 'settings.channels', visible: can('content.read') },
    {
      path: 'api-tokens',
      label: 'settings.apiTokens',
      visible: can('api_tokens.manage_own') || can('api_tokens.manage_all'),
    },
    { path: 'links', label: 'settings.links', visible: can('content.read') },
    { path: 'audit', label: 'settings.audit', visible: can('audit.read') },
    { path: 'approvals', label: 'settings.approvals', visible: can('content.read') },
    { path: 'account', label: 'settings.account', visible: true },
  ];
  return (
    <div className="settings">
      <nav className="subnav" aria-label={t('settings.navigation')}>
        <ul className="subnav__list">
          {sections
            .filter((section) => section.visible)
            .map((section) => (
              <li key={section.path}>
                <NavLink to={section.path} className="subnav__link">
                  {t(section.label)}
                </NavLink>
              </li>
            ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
