import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatsOf, limitsOf, networkIds, type PostContent, type PostFormat } from '@sillage/domain';
import { sampleContent } from '@sillage/domain/content/rules/testing/sample-content';
import type { PublishRequest } from './connector.ts';
import { connectors } from './registry.ts';

// The domain's content-rules table and the connectors' capabilities describe the same networks: checked here,
// because packages/domain must not depend on the connectors.

function publishRequest(format: PostFormat, content: PostContent): PublishRequest {
  const located = (media: PostContent['media']) =>
    media.map((item) => ({ url: 'https://cdn.example.com/media/1.jpg', ...item }));
  return {
    idempotencyKey: 'publication-1',
    format,
    text: content.text,
    media: located(content.media),
    ...(content.link ? { link: content.link } : {}),
    ...(content.threadParts
      ? { threadParts: content.threadParts.map((part) => ({ text: part.text, media: located(part.media ?? []) })) }
      : {}),
    ...(content.firstComment ? { firstComment: content.firstComment } : {}),
    options: { ...content.options, ...(content.title === undefined ? {} : { title: content.title }) },
  };
}

test('the content-rules table covers every format a connector declares, and only those', () => {
  for (const network of networkIds) {
    const declared = [...connectors[network].capabilities.formats].sort();
    for (const format of declared) assert.ok(limitsOf(network, format), `${network} ${format} has rules`);
    assert.deepEqual([...formatsOf(network)].sort(), declared, `${network}: the composer offers what can be published`);
  }
});

test("a connector's capabilities agree with the table on text length, media count, threads and first comments", () => {
  for (const network of networkIds) {
    const { capabilities } = connectors[network];
    const entries = formatsOf(network).map((format) => limitsOf(network, format)!);
    const rules = entries.flatMap((entry) => entry.rules);
    const textMaxima = rules.flatMap((rule) =>
      rule.kind === 'text_length' && rule.field === 'text' ? [rule.max] : [],
    );
    assert.ok(
      textMaxima.includes(capabilities.maxTextLength),
      `${network}: ${capabilities.maxTextLength} in ${textMaxima.join(', ')}`,
    );
    const mediaMaxima = rules.flatMap((rule) => (rule.kind === 'media_count' ? [rule.max] : []));
    assert.equal(Math.max(...mediaMaxima), capabilities.maxMediaPerPost, `${network} media per post`);
    assert.equal(formatsOf(network).includes('thread'), capabilities.threads, `${network} threads`);
    assert.equal(
      entries.some((entry) => entry.features.firstComment),
      capabilities.firstComment,
      `${network} first comment`,
    );
  }
});

test("every connector accepts the smallest post the table's rules allow for each of its formats", () => {
  for (const network of networkIds)
    for (const format of formatsOf(network)) {
      const problems = connectors[network].validate(publishRequest(format, sampleContent(network, format)));
      assert.deepEqual(
        problems.map((problem) => problem.reason),
        [],
        `${network} ${format}`,
      );
    }
});
