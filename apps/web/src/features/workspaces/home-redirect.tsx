import { useState } from 'react';
import { Navigate } from 'react-router-dom';
import { useI18n } from '../../i18n/i18n.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { PublicLayout } from '../../app/public-layout.tsx';
import { Button } from '../../ui/button.tsx';
import { useSession, useSignedIn } from '../auth/session.tsx';
import { CreateWorkspaceDialog } from './create-workspace-dialog.tsx';
import { readLastWorkspace } from './last-workspace.ts';

/** `/`: the last workspace opened, else the first; a plain explanation when there is none. */
export function HomeRedirect() {
  const { t } = useI18n();
  const session = useSignedIn();
  const { signOut } = useSession();
  const [creating, setCreating] = useState(false);
  const last = readLastWorkspace();
  const target = session.workspaces.find((workspace) => workspace.id === last) ?? session.workspaces[0];
  if (target) return <Navigate to={`/w/${target.id}`} replace />;
  const actions = (
    <>
      {session.user.isInstanceAdmin && (
        <Button variant="primary" onClick={() => setCreating(true)}>
          {t('workspaces.new')}
        </Button>
      )}
      <Button onClick={() => void signOut()}>{t('userMenu.logout')}</Button>
    </>
  );
  return (
    <PublicLayout title={t('workspaces.noneTitle')}>
      <EmptyState title={t('workspaces.noneTitle')} action={actions}>
        <p>{session.user.isInstanceAdmin ? t('workspaces.noneBodyAdmin') : t('workspaces.noneBody')}</p>
      </EmptyState>
      {session.user.isInstanceAdmin && <CreateWorkspaceDialog open={creating} onClose={() => setCreating(false)} />}
    </PublicLayout>
  );
}
