import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Runs zoned-time.test.ts under several process time zones: the results must not depend on TZ.
const testFile = fileURLToPath(new URL('./zoned-time.test.ts', import.meta.url));

for (const timeZone of ['UTC', 'Asia/Kolkata', 'America/New_York', undefined]) {
  test(`gives the same conversions when the process TZ is ${timeZone ?? 'unset'}`, () => {
    const env = { ...process.env };
    if (timeZone === undefined) delete env.TZ;
    else env.TZ = timeZone;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', testFile], { env, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
  });
}
