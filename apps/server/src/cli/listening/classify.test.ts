import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTextAnalyzer } from '@sillage/domain';
import { formatCsvField, parseCsv } from './classify.ts';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/sillage.mjs');

type Outcome = { code: number | null; stdout: string; stderr: string };

function classify(args: string[], stdin: string): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = { ...process.env, SILLAGE_LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [bin, 'listening', 'classify', ...args], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks (RFC 4180)', () => {
    const records = parseCsv('\uFEFFid,text\r\n1,"a, ""b""\nc"\r\n\r\n2,plain\n', 'test');
    assert.deepEqual(records, [
      { line: 1, fields: ['id', 'text'] },
      { line: 2, fields: ['1', 'a, "b"\nc'] },
      { line: 5, fields: ['2', 'plain'] },
    ]);
  });

  it('reports an unclosed quote with the line it opens on', () => {
    assert.throws(
      () => parseCsv('text\n"never closed\n', 'input.csv'),
      /input\.csv line 2: a quoted field is never closed/,
    );
  });

  it('quotes only the fields that need it', () => {
    assert.equal(formatCsvField('plain'), 'plain');
    assert.equal(formatCsvField('a, "b"'), '"a, ""b"""');
  });
});

// Each test spawns the real binary; they run concurrently to keep the file fast.
describe('sillage listening classify', { concurrency: true }, () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'sillage-classify-'));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('writes text,label,score,language for every row, in order, ignoring other columns', async () => {
    const input = [
      'id,text,author',
      '1,"Merci, la bougie est magnifique !",a',
      '2,"Quelle honte,\nservice client nul",b',
      '3,The shop opens at ten on Saturdays,c',
    ].join('\n');
    const outcome = await classify(['--lang', 'auto'], input);
    assert.equal(outcome.code, 0, outcome.stderr);
    const rows = parseCsv(outcome.stdout, 'stdout');
    assert.deepEqual(rows[0]?.fields, ['text', 'label', 'score', 'language']);
    assert.deepEqual(
      rows.slice(1).map((row) => [row.fields[0], row.fields[1], row.fields[3]]),
      [
        ['Merci, la bougie est magnifique !', 'positive', 'fr'],
        ['Quelle honte,\nservice client nul', 'negative', 'fr'],
        ['The shop opens at ten on Saturdays', 'neutral', 'en'],
      ],
    );
    for (const row of rows.slice(1)) {
      const score = Number(row.fields[2]);
      assert.ok(score >= -1 && score <= 1, row.fields.join('|'));
    }
  });

  it('forces the language with --lang', async () => {
    const outcome = await classify(['--lang', 'en'], 'text\nMagnifique\n');
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, /^Magnifique,neutral,0,en$/m);
  });

  it('applies --learn corrections to similar texts', async () => {
    const corrections = path.join(folder, 'corrections.csv');
    await writeFile(
      corrections,
      [
        'text,label',
        'Encore en rupture de stock sur le site,negative',
        'Toujours en rupture ça fait un mois,negative',
        'Rupture de stock de la bougie ambre,negative',
        'La bougie figue est en rupture,negative',
        'Rupture totale sur la collection hiver,negative',
        'Livrée ce matin tout est parfait,positive',
        'La boutique ouvre à dix heures,neutral',
      ].join('\n'),
    );
    const text = 'La collection printemps est en rupture de stock';
    assert.equal(createTextAnalyzer().analyze(text, { language: 'fr' }).sentiment.label, 'neutral');
    const learned = await classify(['--lang', 'fr', '--learn', corrections], `text\n${text}\n`);
    assert.equal(learned.code, 0, learned.stderr);
    assert.match(learned.stdout, /,negative,/);
  });

  it('exits 2 with a clear message when the text column is missing', async () => {
    const outcome = await classify([], 'id,message\n1,hello\n');
    assert.equal(outcome.code, 2);
    assert.match(outcome.stderr, /standard input has no "text" column in its header row \(found: id, message\)/);
    assert.equal(outcome.stdout, '');
  });

  it('exits 2 naming the line of a bad label in the corrections', async () => {
    const corrections = path.join(folder, 'bad.csv');
    await writeFile(corrections, 'text,label\nbon,positive\n"deux\nlignes",neutral\nmauvais,bad\n');
    const outcome = await classify(['--learn', corrections], 'text\nhello\n');
    assert.equal(outcome.code, 2);
    assert.match(outcome.stderr, /bad\.csv line 5: label "bad" is not one of negative, neutral, positive/);
  });

  it('exits 2 on an unknown --lang and on a missing corrections file', async () => {
    const [language, missing] = await Promise.all([
      classify(['--lang', 'de'], 'text\nhallo\n'),
      classify(['--learn', path.join(folder, 'nope.csv')], 'text\nhello\n'),
    ]);
    assert.equal(language.code, 2);
    assert.match(language.stderr, /--lang must be fr, en or auto \(got "de"\)/);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--learn: cannot read .*nope\.csv \(ENOENT\)/);
  });
});
