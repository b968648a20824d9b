// This test runs in Node (node --import tsx --test), never in the browser bundle, so node:* is fine here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { interpolate } from './interpolate.ts';

function load(locale: 'fr' | 'en'): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./${locale}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

const fr = load('fr');
const en = load('en');

test('fr and en define exactly the same message keys', () => {
  assert.deepEqual(Object.keys(fr).sort(), Object.keys(en).sort());
});

test('no message is empty in either language', () => {
  for (const [locale, messages] of [
    ['fr', fr],
    ['en', en],
  ] as const) {
    for (const [key, value] of Object.entries(messages)) {
      assert.equal(typeof value, 'string', `${locale}:${key} is not a string`);
      assert.notEqual((value as string).trim(), '', `${locale}:${key} is empty`);
    }
  }
});

test('a message uses the same {placeholders} in fr and en', () => {
  const placeholders = (value: unknown) => [...String(value).matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
  for (const key of Object.keys(en)) {
    assert.deepEqual(placeholders(fr[key]), placeholders(en[key]), `placeholders differ for ${key}`);
  }
});

test('interpolate fills known placeholders and leaves unknown ones visible', () => {
  assert.equal(interpolate('Retry in {seconds} s ({other})', { seconds: 30 }), 'Retry in 30 s ({other})');
});
