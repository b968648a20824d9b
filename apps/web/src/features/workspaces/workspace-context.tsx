import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { Outlet, useParams } from 'react-router-dom';
import { MyAccess, Workspace } from '@sillage/contracts';
import type { Permission, Role } from '@sillage/domain';
import type { z } from 'zod';
import { api, workspacePath } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { AppShell } from '../../app/app-shell.tsx';
import { LoadingBlock, LoadFailure } from '../../app/status-blocks.tsx';
import { NotFoundContent } from '../../app/not-found-page.tsx';
import { rememberWorkspace } from './last-workspace.ts';

export type WorkspaceData = z.infer<typeof Workspace>;

type WorkspaceApi = {
  workspace: WorkspaceData;
  role: Role;
  /** Whether the signed-in user holds a permission here; used to hide what they may not do. */
  can: (permission: Permission) => boolean;
  replaceWorkspace: (workspace: WorkspaceData) => void;
};

const WorkspaceContext = createContext<WorkspaceApi | null>(null);

export function useWorkspace(): WorkspaceApi {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace must be used inside a /w/:workspaceId page');
  return value;
}

/** Route element for `/w/:workspaceId/*`: loads the workspace and the user's access, then the shell. */
export function WorkspaceRoute() {
  const { workspaceId = '' } = useParams();
  const resource = useResource(`workspace:${workspaceId}`, async (signal) => {
    const [workspace, access] = await Promise.all([
      api.get(workspacePath(workspaceId), Workspace, { signal }),
      api.get(workspacePath(workspaceId, 'me'), MyAccess, { signal }),
    ]);
    return { workspace, access };
  });

  const loaded = resource.data?.workspace.id === workspaceId ? resource.data : undefined;
  useEffect(() => {
    if (loaded) rememberWorkspace(loaded.workspace.id);
  }, [loaded]);

  const { setData } = resource;
  const value = useMemo<WorkspaceApi | null>(() => {
    if (!loaded) return null;
    const granted = new Set<Permission>(loaded.access.permissions);
    return {
      workspace: loaded.workspace,
      role: loaded.access.role,
      can: (permission) => granted.has(permission),
      replaceWorkspace: (workspace) => setData((current) => (current ? { ...current, workspace } : current)),
    };
  }, [loaded, setData]);

  let content: ReactNode;
  if (
    resource.error &&
    (resource.error.status === 404 || resource.error.status === 403 || resource.error.status === 400)
  ) {
    content = <NotFoundContent />;
  } else if (resource.error) {
    content = <LoadFailure error={resource.error} onRetry={resource.reload} />;
  } else if (!value) {
    content = <LoadingBlock />;
  }

  return (
    <WorkspaceContext.Provider value={value}>
      <AppShell>{value ? <Outlet /> : content}</AppShell>
    </WorkspaceContext.Provider>
  );
}

/** The workspace context when there is one (the shell renders before it has loaded). */
export function useOptionalWorkspace(): WorkspaceApi | null {
  return useContext(WorkspaceContext);
}
