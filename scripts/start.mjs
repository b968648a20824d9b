// `npm start`: builds the web app when its sources are newer than the build, then runs `sillage start`.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'apps/web');
const built = path.join(web, 'dist/index.html');

function newest(directory) {
  let latest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(directory, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

const sources = [
  path.join(web, 'src'),
  path.join(web, 'index.html'),
  path.join(root, 'packages/contracts/src'),
  path.join(root, 'packages/domain/src'),
];
const stale =
  !existsSync(built) ||
  sources.some(
    (source) =>
      existsSync(source) &&
      (statSync(source).isDirectory() ? newest(source) : statSync(source).mtimeMs) > statSync(built).mtimeMs,
  );
if (stale) {
  process.stderr.write('Building the web app…\n');
  const result = spawnSync('npm', ['run', 'build', '-w', '@sillage/web'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const args = ['apps/server/bin/sillage.mjs', 'start', ...process.argv.slice(2).filter((arg) => arg !== '--dev')];
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
