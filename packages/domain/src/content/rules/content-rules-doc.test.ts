import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderContentRulesMarkdown } from './render-markdown.ts';

const docPath = fileURLToPath(new URL('../../../../../docs/content-rules.md', import.meta.url));

// With SILLAGE_WRITE_CONTENT_RULES_DOC=1 the test writes the doc first: the one way to regenerate it.
test('docs/content-rules.md is the table rendered, unchanged by hand', () => {
  const rendered = renderContentRulesMarkdown();
  if (process.env.SILLAGE_WRITE_CONTENT_RULES_DOC === '1') writeFileSync(docPath, rendered);
  assert.equal(
    readFileSync(docPath, 'utf8'),
    rendered,
    'docs/content-rules.md differs from the table: regenerate it (see the command at the top of the file)',
  );
});

test('the doc has a section per network and a row per rule', () => {
  const rendered = renderContentRulesMarkdown();
  assert.match(rendered, /## X \(`x`\)[\s\S]*### thread \(`thread`\)/);
  assert.match(
    rendered,
    /\| Length of `text` \| ≤ 280 weighted characters .*\(configurable: `maxCharacters`\) \| error \|/,
  );
  assert.match(
    rendered,
    /\| Media items \| 2 to 10 \| error \| platforms\.md §3\.3 Carousel 2–10 children via the API \|/,
  );
  assert.match(rendered, /\| File size \(image\) \| ≤ 8 MB \(8,388,608 bytes\) \|/);
});
