import { test } from 'node:test';
import assert from 'node:assert/strict';
import { networkIds } from '../../publishing/networks.ts';
import { contentRules, formatsOf, limitsOf, textCounters } from './content-rules.ts';
import { issueFromRule, ruleCases } from './testing/rule-cases.ts';
import { sampleContent } from './testing/sample-content.ts';
import { validatePost } from './validate-post.ts';

// Generated from the table: every rule fails when broken by the smallest step and passes exactly at its limit.
for (const network of networkIds) {
  for (const format of formatsOf(network)) {
    const entry = limitsOf(network, format)!;
    const base = sampleContent(network, format);

    test(`${network} ${format}: a post built from the table meets every rule`, () => {
      assert.deepEqual(validatePost(network, format, base), []);
    });

    entry.rules.forEach((rule, index) => {
      test(`${network} ${format} rule ${index + 1} (${rule.kind}) fails when broken and passes at its limit — ${rule.source}`, () => {
        const { passing, failing } = ruleCases(rule, base, entry.rules);
        assert.ok(passing.length > 0 && failing.length > 0, 'each rule has a passing and a failing case');
        for (const example of passing) {
          const fired = validatePost(network, format, example.content, example.options).filter((issue) =>
            issueFromRule(rule, issue),
          );
          assert.deepEqual(fired, [], `passes with ${example.label}`);
        }
        for (const example of failing) {
          const fired = validatePost(network, format, example.content, example.options).filter((issue) =>
            issueFromRule(rule, issue),
          );
          const expected = example.expect!;
          const match = fired.find((issue) => issue.code === expected.code && issue.field === expected.field);
          assert.ok(match, `fails with ${example.label}: got ${JSON.stringify(fired)}`);
          assert.equal(match.severity, rule.severity ?? 'error');
          for (const [key, value] of Object.entries(expected.params ?? {}))
            assert.deepEqual(match.params[key], value, `${example.label}: params.${key}`);
        }
      });
    });
  }
}

test('every rule names its source', () => {
  for (const network of networkIds)
    for (const format of formatsOf(network))
      for (const rule of limitsOf(network, format)!.rules)
        assert.match(rule.source, /platforms\.md §|README|docs|help|Help|API/, `${network} ${format} ${rule.kind}`);
});

test('every network of the domain has a table with at least one format', () => {
  assert.deepEqual(Object.keys(contentRules).sort(), [...networkIds].sort());
  for (const network of networkIds) assert.ok(formatsOf(network).length > 0, network);
});

test('a network that counts characters in bytes or weights says so in the rule', () => {
  const counting = (network: (typeof networkIds)[number], format: Parameters<typeof limitsOf>[1]) =>
    limitsOf(network, format)!
      .rules.filter((rule) => rule.kind === 'text_length' && rule.field === 'text')
      .map((rule) => (rule.kind === 'text_length' ? `${rule.counting}:${rule.max}` : ''));
  assert.deepEqual(counting('x', 'text'), ['x_weighted:280']);
  assert.deepEqual(counting('bluesky', 'text'), ['graphemes:300', 'utf8_bytes:3000']);
  assert.deepEqual(counting('mastodon', 'text'), ['mastodon:500']);
  assert.deepEqual(counting('threads', 'text'), ['threads:500']);
  assert.deepEqual(counting('youtube', 'video'), ['utf8_bytes:5000']);
});

test('limitsOf applies an instance configuration and formatsOf lists only the network formats', () => {
  const rules = limitsOf('mastodon', 'text', { limits: { maxCharacters: 5000 } })!.rules;
  assert.equal(
    rules.find((rule) => rule.kind === 'text_length')?.kind === 'text_length' && rules[0]!.kind,
    'text_length',
  );
  assert.deepEqual(
    rules.filter((rule) => rule.kind === 'text_length').map((rule) => (rule.kind === 'text_length' ? rule.max : 0)),
    [5000],
  );
  assert.equal(limitsOf('x', 'reel'), undefined);
  assert.deepEqual(formatsOf('instagram'), ['image', 'carousel', 'reel', 'story']);
  assert.deepEqual(formatsOf('google_business'), ['local_post', 'offer']);
});

test('a nonsensical configured limit (negative, NaN) is ignored, not applied', () => {
  for (const value of [-1, Number.NaN]) {
    const rules = limitsOf('mastodon', 'text', { limits: { maxCharacters: value } })!.rules;
    assert.equal(rules[0]!.kind === 'text_length' ? rules[0]!.max : 0, 500);
  }
});

test('gives the composer one counter per way the network counts, with what is left', () => {
  assert.deepEqual(textCounters('x', 'text', 'Hi http://test.co'), [
    { counting: 'x_weighted', count: 26, limit: 280, remaining: 254 },
  ]);
  assert.deepEqual(textCounters('bluesky', 'text', 'Été 👍🏽'), [
    { counting: 'graphemes', count: 5, limit: 300, remaining: 295 },
    { counting: 'utf8_bytes', count: 14, limit: 3000, remaining: 2986 },
  ]);
  assert.deepEqual(textCounters('mastodon', 'text', 'a', { limits: { maxCharacters: 1000 } }), [
    { counting: 'mastodon', count: 1, limit: 1000, remaining: 999 },
  ]);
  assert.deepEqual(textCounters('x', 'reel', 'Hi'), []);
});
