import { useId } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSignedIn } from '../auth/session.tsx';

/** Moves to another workspace, staying on the same section. */
export function WorkspaceSwitcher({ currentId }: { currentId: string }) {
  const { t } = useI18n();
  const session = useSignedIn();
  const navigate = useNavigate();
  const location = useLocation();
  const id = useId();

  function go(nextId: string) {
    const prefix = `/w/${currentId}`;
    const rest = location.pathname.startsWith(prefix) ? location.pathname.slice(prefix.length) : '';
    void navigate(`/w/${encodeURIComponent(nextId)}${rest}`);
  }

  return (
    <div className="inline-field">
      <label htmlFor={id} className="inline-field__label">
        {t('workspaces.switch')}
      </label>
      <select
        id={id}
        className="select select--compact"
        data-testid="workspace-switcher"
        value={currentId}
        onChange={(event) => go(event.target.value)}
      >
        {session.workspaces.map((workspace) => (
          <option key={workspace.id} value={workspace.id}>
            {workspace.name}
          </option>
        ))}
      </select>
    </div>
  );
}
