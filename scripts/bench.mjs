// `npm run bench [-- <name>]`: runs the benchmarks in bench/ (each bench/<name>.bench.ts ends with one JSON line).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const available = readdirSync(path.join(root, 'bench'))
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''));
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length) {
  process.stderr.write(`Unknown benchmark: ${unknown.join(', ')}. Available: ${available.join(', ') || 'none yet'}\n`);
  process.exit(2);
}
const selected = wanted.length ? wanted : available;
if (!selected.length) {
  process.stderr.write('No benchmarks yet (bench/*.bench.ts).\n');
  process.exit(0);
}
for (const name of selected) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', `${name}.bench.ts`)], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
