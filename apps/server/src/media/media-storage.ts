import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** The SHA-256 of a file, in hex. */
export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Files on disk by content: `<root>/<workspace id>/<first two hex>/<sha256>`, one folder per workspace so a
 * workspace's files never mix with another's. Paths are built from checked ids and hashes only, never from a name.
 */
export function createMediaStorage(root: string) {
  const pathOf = (workspaceId: string, sha256: string) => {
    if (!UUID.test(workspaceId) || !SHA256.test(sha256)) throw new Error('invalid media storage key');
    return path.join(root, workspaceId, sha256.slice(0, 2), sha256);
  };
  return {
    root,
    pathOf,
    /** A fresh temporary path on the same file system (so keeping it is a rename). */
    async tempPath(): Promise<string> {
      const folder = path.join(root, '.tmp');
      await mkdir(folder, { recursive: true, mode: 0o700 });
      return path.join(folder, randomUUID());
    },
    /** Moves a temporary file to its content address; returns the hash. An existing copy is kept. */
    async keep(workspaceId: string, temporary: string): Promise<{ sha256: string; bytes: number }> {
      const sha256 = await sha256Of(temporary);
      const target = pathOf(workspaceId, sha256);
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      await rename(temporary, target);
      return { sha256, bytes: (await stat(target)).size };
    },
    async exists(workspaceId: string, sha256: string): Promise<boolean> {
      return stat(pathOf(workspaceId, sha256)).then(
        () => true,
        () => false,
      );
    },
    async remove(workspaceId: string, sha256: string): Promise<void> {
      await rm(pathOf(workspaceId, sha256), { force: true });
    },
    async discard(temporary: string): Promise<void> {
      await rm(temporary, { force: true });
    },
  };
}

export type MediaStorage = ReturnType<typeof createMediaStorage>;
