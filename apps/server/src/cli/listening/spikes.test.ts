import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseSeriesCsv, parseTimestamp, spikesCommand } from './spikes.ts';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/sillage.mjs');

function sillage(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, SILLAGE_LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Ten days of 5-minute counts with a daily cycle and one burst on day 8 at 14:00 UTC. */
function seriesCsv(): string {
  const start = Date.UTC(2026, 10, 2);
  const rows = ['timestamp,value'];
  for (let index = 0; index < 10 * 288; index += 1) {
    const at = start + index * 300_000;
    const hour = (at % 86_400_000) / 3_600_000;
    let value = Math.round(30 + 20 * Math.sin(((hour - 9) / 24) * 2 * Math.PI) + ((index * 7919) % 11) - 5);
    if (at >= start + 8 * 86_400_000 + 14 * 3_600_000 && at < start + 8 * 86_400_000 + 16 * 3_600_000) value *= 6;
    rows.push(`${new Date(at).toISOString().slice(0, 19).replace('T', ' ')},${value}`);
  }
  return rows.join('\n') + '\n';
}

describe('sillage listening spikes', () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'sillage-spikes-'));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('writes one CSV row per alert with timestamp and severity', async () => {
    const input = path.join(folder, 'series.csv');
    await writeFile(input, seriesCsv());
    const outcome = await sillage(['listening', 'spikes', '--input', input, '--sensitivity', 'medium']);
    assert.equal(outcome.code, 0, outcome.stderr);
    const [header, ...rows] = outcome.stdout.trim().split('\n');
    assert.equal(header, 'timestamp,severity,value,expected,score');
    assert.equal(rows.length, 1, outcome.stdout);
    const [timestamp, severity] = rows[0]!.split(',');
    assert.ok(timestamp! >= '2026-11-10T14:00' && timestamp! < '2026-11-10T16:00', timestamp);
    assert.match(severity!, /^(notice|warning|critical)$/);
  });

  it('names the line and the reason of a bad row, and exits 2', async () => {
    const input = path.join(folder, 'bad.csv');
    await writeFile(input, 'timestamp,value\n2026-11-02 00:00:00,3\n02/11/2026 00:05,4\n');
    const outcome = await sillage(['listening', 'spikes', '--input', input]);
    assert.equal(outcome.code, 2);
    assert.match(outcome.stderr, /bad\.csv:3: timestamp "02\/11\/2026 00:05" is not ISO 8601/);
  });

  it('refuses an unknown sensitivity', async () => {
    const input = path.join(folder, 'series.csv');
    const outcome = await sillage(['listening', 'spikes', '--input', input, '--sensitivity', 'extreme']);
    assert.equal(outcome.code, 2);
    assert.match(outcome.stderr, /--sensitivity must be low, medium or high/);
  });

  it('asks for --input and a positive --step-minutes', async () => {
    await assert.rejects(spikesCommand.run({}, undefined as never), /--input <series\.csv> is required/);
    await assert.rejects(
      spikesCommand.run({ input: 'x.csv', 'step-minutes': '0' }, undefined as never),
      /--step-minutes must be a positive number/,
    );
  });

  it('names the line of a bad value, and refuses a header without timestamp and value', () => {
    assert.throws(
      () => parseSeriesCsv('timestamp,value\n2026-11-02T00:00:00Z,many\n', 'in.csv'),
      /in\.csv:2: value "many"/,
    );
    assert.throws(
      () => parseSeriesCsv('timestamp,value\n2026-11-02T00:00:00Z,-3\n', 'in.csv'),
      /in\.csv:2: value "-3"/,
    );
    assert.throws(() => parseSeriesCsv('time,count\n2026-11-02T00:00:00Z,1\n', 'in.csv'), /in\.csv:1: the header/);
    assert.throws(() => parseSeriesCsv('timestamp,value\n', 'in.csv'), /no data rows/);
    assert.deepEqual(parseSeriesCsv('value,timestamp\r\n4,2026-11-02T00:00:00Z\r\n', 'in.csv'), [
      { at: Date.UTC(2026, 10, 2), value: 4 },
    ]);
  });

  it('reads ISO 8601 with offsets and "YYYY-MM-DD HH:MM:SS" as UTC', () => {
    assert.equal(parseTimestamp('2026-11-02 10:00:00'), Date.UTC(2026, 10, 2, 10));
    assert.equal(parseTimestamp('2026-11-02T11:00:00+01:00'), Date.UTC(2026, 10, 2, 10));
    assert.equal(parseTimestamp('2026-11-02T10:00:00.500Z'), Date.UTC(2026, 10, 2, 10) + 500);
    assert.equal(parseTimestamp('2026-13-02 10:00:00'), null);
    assert.equal(parseTimestamp('yesterday'), null);
  });
});
