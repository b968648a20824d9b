// `npm run e2e`: builds the web app, starts Sillage from scratch (embedded database, demo world) on a free
// port, runs the Playwright journeys of e2e/ in Debian's Chromium, then stops the server.
// `npm run e2e -- calendar plan` runs only the journeys whose file name contains one of the words. The web app is
// built into a temporary folder, so several runs can go on side by side.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const webRoot = mkdtempSync(path.join(tmpdir(), 'sillage-e2e-web-'));
const build = spawnSync('npm', ['run', 'build', '-w', '@sillage/web', '--', '--outDir', webRoot, '--emptyOutDir'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) process.exit(build.status ?? 1);

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const dataDir = mkdtempSync(path.join(tmpdir(), 'sillage-e2e-'));
let output = '';
const server = spawn(process.execPath, ['apps/server/bin/sillage.mjs', 'start'], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    SILLAGE_DATA_DIR: dataDir,
    SILLAGE_WEB_ROOT: webRoot,
    SILLAGE_LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    // The demo's launch post goes out at once, so the calendar journey sees it published.
    SILLAGE_DEMO_LAUNCH_MINUTES: '0',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
server.stdout.on('data', (chunk) => (output += chunk));
server.stderr.on('data', (chunk) => (output += chunk));

const baseUrl = `http://127.0.0.1:${port}`;
let credentials;
for (let second = 0; second < 90 && !credentials; second += 1) {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const match = output.match(/Demo login — e-mail: (\S+)\s+password: (\S+)/);
  if (
    match &&
    (await fetch(`${baseUrl}/api/health`)
      .then((r) => r.ok)
      .catch(() => false))
  )
    credentials = { email: match[1], password: match[2] };
}
if (!credentials) {
  process.stderr.write(`Sillage did not start within 90 s:\n${output}\n`);
  server.kill('SIGKILL');
  process.exit(1);
}

const files = readdirSync(path.join(root, 'e2e'))
  .filter((file) => file.endsWith('.e2e.test.ts'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .map((file) => path.join('e2e', file));
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    SILLAGE_E2E_URL: baseUrl,
    SILLAGE_E2E_EMAIL: credentials.email,
    SILLAGE_E2E_PASSWORD: credentials.password,
  },
});
server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
rmSync(dataDir, { recursive: true, force: true });
rmSync(webRoot, { recursive: true, force: true });
process.exit(result.status ?? 1);
