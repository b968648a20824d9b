import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  buildUtmUrl,
  defaultUtmConventions,
  destinationIssue,
  normalizeUtmParams,
  normalizeUtmValue,
  type UtmConventions,
} from './utm.ts';

const sale = { source: 'Instagram', medium: 'Social', campaign: "Soldes d'Été 2026" };

test('normalizes values: accents removed, lowercase, one separator, none at the ends', () => {
  assert.equal(normalizeUtmValue("  Soldes d'Été 2026 ", defaultUtmConventions), 'soldes-d-ete-2026');
  assert.equal(
    normalizeUtmValue('Black__Friday--2026', { ...defaultUtmConventions, separator: '_' }),
    'black_friday_2026',
  );
  assert.equal(normalizeUtmValue('Fête des Mères', { ...defaultUtmConventions, lowercase: false }), 'Fete-des-Meres');
  assert.equal(normalizeUtmValue('a.b c', { ...defaultUtmConventions, separator: '.' }), 'a.b.c');
});

test('adds the UTM parameters and keeps the existing query and fragment as written', () => {
  const result = buildUtmUrl('https://shop.example/p?id=4&flag&q=robe%20lin#size', sale, defaultUtmConventions);
  assert.ok(result.ok);
  assert.equal(
    result.url,
    'https://shop.example/p?id=4&flag&q=robe%20lin&utm_source=instagram&utm_medium=social&utm_campaign=soldes-d-ete-2026#size',
  );
  assert.deepEqual(result.params, { source: 'instagram', medium: 'social', campaign: 'soldes-d-ete-2026' });
});

test('replaces UTM parameters already in the URL and adds term and content when given', () => {
  const result = buildUtmUrl(
    'https://shop.example/?UTM_SOURCE=old&a=1',
    { ...sale, term: 'Robe Lin', content: 'Carousel A' },
    defaultUtmConventions,
  );
  assert.ok(result.ok);
  assert.equal(
    result.url,
    'https://shop.example/?a=1&utm_source=instagram&utm_medium=social&utm_campaign=soldes-d-ete-2026&utm_term=robe-lin&utm_content=carousel-a',
  );
});

test('requires source, medium and campaign, naming each missing field', () => {
  const result = normalizeUtmParams({ source: ' ', medium: '', campaign: '!!' }, defaultUtmConventions);
  assert.equal(result.ok, false);
  assert.deepEqual(!result.ok && result.issues.map((issue) => issue.field), ['source', 'medium', 'campaign']);
});

test('refuses a medium outside the workspace list, after normalisation', () => {
  const conventions: UtmConventions = { ...defaultUtmConventions, allowedMediums: ['Social', 'Paid Social'] };
  assert.ok(normalizeUtmParams({ ...sale, medium: 'paid social' }, conventions).ok);
  const refused = normalizeUtmParams({ ...sale, medium: 'banner' }, conventions);
  assert.equal(refused.ok, false);
  assert.match(
    !refused.ok ? refused.issues[0]!.reason : '',
    /not one of the workspace's mediums \(social, paid-social\)/,
  );
});

test('refuses non-http(s) URLs, relative URLs and URLs with credentials', () => {
  assert.match(destinationIssue('javascript:alert(1)') ?? '', /Only http and https/);
  assert.match(destinationIssue('ftp://files.example/a') ?? '', /Only http and https/);
  assert.match(destinationIssue('/sale') ?? '', /not an absolute URL/);
  assert.match(destinationIssue('https://user:pw@shop.example/') ?? '', /user name or password/);
  assert.match(destinationIssue('') ?? '', /empty/);
  assert.equal(destinationIssue('http://shop.example/sale'), undefined);
  const result = buildUtmUrl(
    'data:text/html,hi',
    { source: '', medium: 'social', campaign: 'x' },
    defaultUtmConventions,
  );
  assert.deepEqual(!result.ok && result.issues.map((issue) => issue.field), ['url', 'source']);
});

test('refuses values longer than 100 characters', () => {
  const result = normalizeUtmParams({ ...sale, campaign: 'x'.repeat(101) }, defaultUtmConventions);
  assert.equal(result.ok, false);
});
