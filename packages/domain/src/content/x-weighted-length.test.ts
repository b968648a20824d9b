import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { parseXText } from './x-weighted-length.ts';
import { extractXUrls } from './x-url-extractor.ts';
import { xTextConfigV2, xTextConfigV3, type XTextConfig } from './x-text-config.ts';

// twitter-text's conformance suite, vendored (Apache-2.0) so the test runs anywhere; read at run
// time as its README asks, never converted into static cases.
const fixtures = new URL('./fixtures/twitter-text/', import.meta.url);
const sharedReference = new URL('../../../../../shared/reference/contracts/twitter-text/', import.meta.url).pathname;

type Expected = boolean | Record<string, number | boolean>;
type ConformanceCase = { description: string; text: string; expected: Expected };

function decodeDoubleQuoted(raw: string): string {
  return raw.replace(/\\(U[0-9a-fA-F]{8}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, escape: string) => {
    if (/^[Uux]/.test(escape) && escape.length > 1) return String.fromCodePoint(parseInt(escape.slice(1), 16));
    const simple: Record<string, string> = { n: '\n', t: '\t', '"': '"', '\\': '\\', '/': '/', '0': '\0' };
    const decoded = simple[escape];
    if (decoded === undefined) throw new Error(`unsupported YAML escape \\${escape}`);
    return decoded;
  });
}

function scalar(raw: string): string | number | boolean {
  if (raw.startsWith('"') && raw.endsWith('"')) return decodeDoubleQuoted(raw.slice(1, -1));
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (/^-?\d+$/.test(raw)) return Number(raw);
  return raw;
}

// Just enough YAML for validate.yml: tests -> section -> list of { description, text, expected }.
function parseConformance(source: string): Map<string, ConformanceCase[]> {
  const sections = new Map<string, ConformanceCase[]>();
  let cases: ConformanceCase[] = [];
  let current: ConformanceCase | undefined;
  for (const line of source.split('\n')) {
    const section = /^ {2}(\w+):\s*$/.exec(line);
    const field = /^ {4}(?:- | {2})(description|text|expected):\s*(.*?)\s*$/.exec(line);
    const expectation = /^ {8}(\w+):\s*(.*?)\s*$/.exec(line);
    if (section?.[1] !== undefined) {
      cases = [];
      sections.set(section[1], cases);
    } else if (field?.[1] === 'description') {
      current = { description: String(scalar(field[2] ?? '')), text: '', expected: {} };
      cases.push(current);
    } else if (field?.[1] === 'text' && current !== undefined) {
      current.text = String(scalar(field[2] ?? ''));
    } else if (field?.[1] === 'expected' && current !== undefined) {
      current.expected = field[2] === '' ? {} : (scalar(field[2] ?? '') as boolean);
    } else if (expectation?.[1] !== undefined && current !== undefined && typeof current.expected === 'object') {
      current.expected[expectation[1]] = scalar(expectation[2] ?? '') as number | boolean;
    }
  }
  return sections;
}

const suite = parseConformance(readFileSync(new URL('validate.yml', fixtures), 'utf8'));
const configV2 = JSON.parse(readFileSync(new URL('config-v2.json', fixtures), 'utf8')) as XTextConfig;
const configV3 = JSON.parse(readFileSync(new URL('config-v3.json', fixtures), 'utf8')) as XTextConfig;

// Which config each weighted section of the suite is meant for (v3 = emoji counted as one unit).
const configBySection: Record<string, XTextConfig> = {
  WeightedTweetsCounterTest: configV2,
  WeightedTweetsWithDiscountedEmojiCounterTest: configV3,
  UnicodeDirectionalMarkerCounterTest: configV3,
};

test('runs every section of the conformance suite that has weighted expectations', () => {
  const weighted = [...suite].filter(([, cases]) => cases.some((c) => typeof c.expected === 'object'));
  assert.deepEqual(weighted.map(([name]) => name).sort(), Object.keys(configBySection).sort());
});

for (const [section, config] of Object.entries(configBySection)) {
  const cases = suite.get(section) ?? [];
  test(`${section} has cases`, () => assert.ok(cases.length > 0));
  for (const conformance of cases) {
    test(`${section} (v${config.version}): ${conformance.description}`, () => {
      assert.deepEqual({ ...parseXText(conformance.text, config) }, { ...(conformance.expected as object) });
    });
  }
}

for (const conformance of suite.get('urls_without_protocol') ?? []) {
  test(`extracts a URL without protocol: ${conformance.description}`, () => {
    const urls = extractXUrls(conformance.text);
    assert.deepEqual(urls, [{ url: conformance.text, start: 0, end: conformance.text.length }]);
  });
}

test('keeps the built-in v2 and v3 configs identical to twitter-text config files', () => {
  assert.deepEqual(xTextConfigV2, configV2);
  assert.deepEqual(xTextConfigV3, configV3);
});

test(
  'keeps the vendored conformance files identical to the shared reference',
  { skip: !existsSync(sharedReference) },
  () => {
    const pairs = [
      ['conformance/validate.yml', 'validate.yml'],
      ['config/v2.json', 'config-v2.json'],
      ['config/v3.json', 'config-v3.json'],
    ];
    for (const [shared, vendored] of pairs) {
      assert.equal(
        readFileSync(new URL(vendored ?? '', fixtures), 'utf8'),
        readFileSync(sharedReference + shared, 'utf8'),
      );
    }
  },
);

test('counts a URL as 23 characters on X', () => {
  assert.equal(parseXText('https://example.com/a/very/long/path/that/goes/on/and/on').weightedLength, 23);
});

test('counts a protocol-less domain with a known TLD as a URL but not one with an unknown TLD', () => {
  assert.equal(parseXText('example.com').weightedLength, 23);
  assert.equal(parseXText('foo.notatld').weightedLength, 11);
});

test('counts a ZWJ family, a flag, a keycap and a skin-toned emoji as 2 each under v3', () => {
  assert.equal(parseXText('👨‍👩‍👧‍👦').weightedLength, 2);
  assert.equal(parseXText('🇫🇷').weightedLength, 2);
  assert.equal(parseXText('#️⃣').weightedLength, 2);
  assert.equal(parseXText('👍🏿').weightedLength, 2);
});

test('counts CJK characters as 2 and Latin letters as 1', () => {
  assert.equal(parseXText('日本').weightedLength, 4);
  assert.equal(parseXText('ab').weightedLength, 2);
});

test('refuses U+FEFF, U+FFFE and U+FFFF but accepts direction marks', () => {
  for (const character of ['\uFEFF', '\uFFFE', '\uFFFF']) assert.equal(parseXText(`a${character}`).valid, false);
  assert.equal(parseXText('a\u202Eb').valid, true);
});

test('refuses an empty text and a text over 280 weighted characters', () => {
  assert.equal(parseXText('').valid, false);
  assert.equal(parseXText('x'.repeat(280)).valid, true);
  assert.equal(parseXText('x'.repeat(281)).valid, false);
});
