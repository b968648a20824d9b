import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/sillage.mjs');

type Outcome = { code: number | null; stdout: string; stderr: string };

function sillage(args: string[], stdin?: string): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = { ...process.env, SILLAGE_LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [bin, ...args], {
    env,
    stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (stdin !== undefined) child.stdin!.end(stdin);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const mentions = [
  { id: 'm1', text: 'J’adore les bougies de Maison Lumière #bougie', language: 'fr' },
  { id: 2, text: 'This candle from Maison Lumiere arrived broken', language: 'en', source: 'bluesky' },
  { id: 'm3', text: 'Rien à voir', language: 'fr' },
];

describe('sillage listening match', () => {
  let directory: string;
  const file = (name: string) => path.join(directory, name);
  before(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'sillage-match-'));
    await writeFile(
      file('queries.json'),
      JSON.stringify([
        { id: 'brand', query: '"maison lumière"' },
        { id: 'candles-fr', query: '(bougie* OR #bougie) lang:fr' },
        { id: 7, query: 'candle NEAR/4 broken' },
        { id: 'not-brand', query: 'NOT lumiere' },
      ]),
    );
    await writeFile(file('mentions.jsonl'), mentions.map((mention) => JSON.stringify(mention)).join('\n') + '\n\n');
  });
  after(() => rm(directory, { recursive: true, force: true }));

  it('writes one line per mention with the ids of the queries it matches, ids as given', async () => {
    const outcome = await sillage([
      'listening',
      'match',
      '--queries',
      file('queries.json'),
      '--input',
      file('mentions.jsonl'),
    ]);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.deepEqual(
      outcome.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
      [
        { id: 'm1', queries: ['brand', 'candles-fr'] },
        { id: 2, queries: ['brand', 7] },
        { id: 'm3', queries: ['not-brand'] },
      ],
    );
  });

  it('reads the mentions on standard input without --input', async () => {
    const outcome = await sillage(
      ['listening', 'match', '--queries', file('queries.json')],
      JSON.stringify(mentions[2]),
    );
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.equal(outcome.stdout, '{"id":"m3","queries":["not-brand"]}\n');
  });

  it('lists every bad query with its position and message, exits 2 and outputs nothing', async () => {
    await writeFile(
      file('bad.json'),
      JSON.stringify([
        { id: 'good', query: 'bougie' },
        { id: 'paren', query: 'bougie AND (a OR b' },
        { id: 'near', query: 'maison NEAR lumiere' },
      ]),
    );
    const outcome = await sillage([
      'listening',
      'match',
      '--queries',
      file('bad.json'),
      '--input',
      file('mentions.jsonl'),
    ]);
    assert.equal(outcome.code, 2);
    assert.equal(outcome.stdout, '');
    assert.match(outcome.stderr, /2 invalid queries/);
    assert.match(outcome.stderr, /query "paren" at position 11: .*never closed.*\[unclosed_parenthesis\]/);
    assert.match(outcome.stderr, /query "near" at position 7: .*NEAR\/3.*\[near_missing_distance\]/);
    assert.match(outcome.stderr, /\n {4}maison NEAR lumiere\n {11}\^{4}\n/);
    assert.doesNotMatch(outcome.stderr, /"good"/);
  });

  it('stops on a bad JSONL line, naming its line number', async () => {
    await writeFile(file('broken.jsonl'), `${JSON.stringify(mentions[0])}\n{"id": "x", "text": 3}\n`);
    const outcome = await sillage([
      'listening',
      'match',
      '--queries',
      file('queries.json'),
      '--input',
      file('broken.jsonl'),
    ]);
    assert.equal(outcome.code, 2);
    assert.match(outcome.stderr, /broken\.jsonl line 2: "text" must be a string/);

    await writeFile(file('garbled.jsonl'), `{"id": "x", "text": "ok"}\n\n{not json\n`);
    const garbled = await sillage([
      'listening',
      'match',
      '--queries',
      file('queries.json'),
      '--input',
      file('garbled.jsonl'),
    ]);
    assert.equal(garbled.code, 2);
    assert.match(garbled.stderr, /garbled\.jsonl line 3: not valid JSON/);
  });

  it('refuses a missing or malformed queries file with exit code 2', async () => {
    const missing = await sillage(['listening', 'match', '--input', file('mentions.jsonl')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--queries <file.json> is required/);
    await writeFile(file('shape.json'), JSON.stringify([{ id: 'a' }]));
    const shape = await sillage([
      'listening',
      'match',
      '--queries',
      file('shape.json'),
      '--input',
      file('mentions.jsonl'),
    ]);
    assert.equal(shape.code, 2);
    assert.match(shape.stderr, /item 1 of .*shape\.json needs an "id".* and a "query"/);
  });
});
