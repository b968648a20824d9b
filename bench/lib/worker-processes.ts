import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export type WorkerProcesses = {
  pids: number[];
  /** Error lines (pino level >= 50) the workers logged, for the summary. */
  errors: string[];
  stop(): Promise<void>;
};

/**
 * Starts `count` real worker processes exactly as an operator would (`sillage start --role worker` with
 * DATABASE_URL), one after the other (processes starting together on a fresh database can deadlock on the
 * start-up DDL), and resolves once each says it is running. Their JSON logs are read for errors.
 */
export async function startWorkers(options: {
  root: string;
  count: number;
  env: Record<string, string>;
  /** Extra Node.js flags for the workers, e.g. ['--cpu-prof'] to profile them. */
  nodeArgs?: readonly string[];
  readyTimeoutMs?: number;
}): Promise<WorkerProcesses> {
  const bin = path.join(options.root, 'apps/server/bin/sillage.mjs');
  const children: ChildProcess[] = [];
  const errors: string[] = [];
  const startOne = () => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), bin, 'start', '--role', 'worker'], {
      cwd: options.root,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (/"level":(5|6)\d/.test(line)) errors.push(line);
    });
    return new Promise<void>((resolve, reject) => {
      let stderr = '';
      const timer = setTimeout(
        () => reject(new Error(`worker ${child.pid} not ready after ${options.readyTimeoutMs ?? 60_000} ms`)),
        options.readyTimeoutMs ?? 60_000,
      );
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        if (stderr.includes('Sillage is running')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`worker exited with ${code} before it was ready:\n${stderr.slice(-2000)}`));
      });
    });
  };
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
  };
  try {
    for (let index = 0; index < options.count; index += 1) await startOne();
  } catch (error) {
    for (const child of children) child.kill('SIGKILL');
    throw error;
  }
  return { pids: children.map((child) => child.pid!), errors, stop };
}
