const STORAGE_KEY = 'sillage.workspace';

/** The workspace the user last opened, to bring them back there after signing in. */
export function readLastWorkspace(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function rememberWorkspace(workspaceId: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, workspaceId);
  } catch {
    // Storage refused (private browsing): the first workspace is used next time.
  }
}
