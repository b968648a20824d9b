import { useId, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/button.tsx';
import { useSignedIn } from '../auth/session.tsx';
import { CreateWorkspaceDialog } from './create-workspace-dialog.tsx';

/** Moves to another workspace, staying on the same section; instance admins may create one. */
export function WorkspaceSwitcher({ currentId }: { currentId: string }) {
  const { t } = useI18n();
  const session = useSignedIn();
  const navigate = useNavigate();
  const location = useLocation();
  const id = useId();
  const [creating, setCreating] = useState(false);

  function go(nextId: string) {
    const prefix = `/w/${currentId}`;
    const rest = location.pathname.startsWith(prefix) ? location.pathname.slice(prefix.length) : '';
    navigate(`/w/${encodeURIComponent(nextId)}${rest}`);
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
      {session.user.isInstanceAdmin && (
        <>
          <Button variant="ghost" onClick={() => setCreating(true)}>
            {t('workspaces.new')}
          </Button>
          <CreateWorkspaceDialog open={creating} onClose={() => setCreating(false)} />
        </>
      )}
    </div>
  );
}
