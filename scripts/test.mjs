// `npm test`: every *.test.ts beside the code, through node's test runner.
// Files named *.db.test.ts run on PGlite, and also on PostgreSQL when TEST_DATABASE_URL is set.
// `--pg` runs only the database suites, and requires TEST_DATABASE_URL.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const onlyDatabase = process.argv.includes('--pg');
const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));

function find(directory, found = []) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (['node_modules', 'dist', '.git', '.sillage', 'e2e'].includes(entry.name)) continue;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) find(full, found);
    else if (/\.test\.tsx?$/.test(entry.name)) found.push(path.relative(root, full));
  }
  return found;
}

let files = find(path.join(root, 'packages'))
  .concat(find(path.join(root, 'apps')))
  .sort();
if (onlyDatabase) {
  if (!process.env.TEST_DATABASE_URL) {
    process.stderr.write('npm run test:pg needs TEST_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test\n');
    process.exit(2);
  }
  files = files.filter((file) => file.endsWith('.db.test.ts'));
}
if (filters.length) files = files.filter((file) => filters.some((filter) => file.includes(filter)));

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=300000', ...files],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, SILLAGE_LOG_LEVEL: process.env.SILLAGE_LOG_LEVEL ?? 'silent' },
  },
);
process.exit(result.status ?? 1);
