import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContentProblem, PublicationContent } from '@sillage/contracts';
import { AppError } from '../http/errors.ts';
import { mergeProblems, ruleIssues, toPostContent, validateDryRun, withContentRules } from './post-validation.ts';

const x = { id: '00000000-0000-4000-8000-000000000001', network: 'x' };
const instagram = { id: '00000000-0000-4000-8000-000000000002', network: 'instagram' };
const image = { url: 'https://cdn.example/a.jpg', mimeType: 'image/jpeg', width: 1080, height: 1080 };
const content = (value: Partial<PublicationContent>): PublicationContent => ({
  format: 'text',
  text: 'Hello',
  media: [],
  ...value,
});

describe('post validation with the rules table', () => {
  it('reads the title from options.title and keeps the other fields', () => {
    const read = toPostContent(
      content({ format: 'video', options: { title: 'Launch', privacy: 'public' }, firstComment: 'First' }),
    );
    assert.equal(read.title, 'Launch');
    assert.equal(read.firstComment, 'First');
    assert.deepEqual(read.options, { title: 'Launch', privacy: 'public' });
  });

  it('words an X thread part over 280 weighted characters and points at the variant field', () => {
    const thread = content({
      format: 'thread',
      text: 'One',
      threadParts: [{ text: 'Two' }, { text: '🕯'.repeat(141) }],
    });
    const problems = ruleIssues([x], new Map([[x.id, thread]]), [{ channelId: x.id }]);
    assert.equal(problems.length, 1);
    const [problem] = problems;
    assert.equal(problem!.code, 'text_too_long');
    assert.equal(problem!.field, 'variants[0].threadParts[1].text');
    assert.equal(problem!.params?.['actual'], 282);
    assert.match(problem!.reason, /^Shorten the text of part 2 by 2 characters|^Shorten .* by 2 characters/);
    assert.match(problem!.reason, /X counts 280 weighted characters/);
  });

  it('names the post-level field when the channel has no variant', () => {
    const problems = ruleIssues([x], new Map([[x.id, content({ text: 'a'.repeat(300) })]]), undefined);
    assert.deepEqual(
      problems.map((problem) => [problem.field, problem.code]),
      [['text', 'text_too_long']],
    );
  });

  it('says how many items an Instagram carousel lacks', () => {
    const problems = ruleIssues(
      [instagram],
      new Map([[instagram.id, content({ format: 'carousel', media: [image] })]]),
      [{ channelId: instagram.id }],
    );
    const tooFew = problems.find((problem) => problem.code === 'media_too_few');
    assert.ok(tooFew, JSON.stringify(problems));
    assert.equal(tooFew.field, 'variants[0].media');
    assert.match(tooFew.reason, /Add 1 /);
  });

  it('merges by channel, table first, leaves warnings out and gives a duplicate reason once', () => {
    const table: ContentProblem[] = [
      { channelId: instagram.id, network: 'instagram', field: 'text', reason: 'Add media.', code: 'field_required' },
      { channelId: x.id, network: 'x', field: 'text', reason: 'Shorten the text.', code: 'text_too_long' },
      { channelId: x.id, network: 'x', field: 'link.url', reason: 'Drop the link.', severity: 'warning' },
    ];
    const connector: ContentProblem[] = [
      { channelId: x.id, network: 'x', field: 'text', reason: 'shorten the text' },
      { channelId: x.id, network: 'x', field: 'text', reason: 'The account is suspended.' },
    ];
    assert.deepEqual(
      mergeProblems([x, instagram], connector, table).map((problem) => problem.reason),
      ['Shorten the text.', 'The account is suspended.', 'Add media.'],
    );
  });

  it('adds nothing to a content that fits', () => {
    const contents = new Map([[x.id, content({ text: 'Fits' })]]);
    assert.deepEqual(withContentRules({ channels: [x], contents, variants: undefined }, []), []);
  });

  it('answers a dry run with the problems of a content_rejected refusal and rethrows any other', async () => {
    const actor = { userId: 'u', email: 'e', ip: '127.0.0.1', workspaceId: 'w', role: 'owner' as const };
    const problems = [{ channelId: x.id, network: 'x', field: 'text', reason: 'Shorten.' }];
    const refusing = { validate: () => Promise.reject(new AppError(400, 'content_rejected', 'No', { problems })) };
    assert.deepEqual(await validateDryRun(refusing, actor, { text: 'a', channelIds: [] }), { ok: false, problems });
    const accepting = { validate: () => Promise.resolve({}) };
    assert.deepEqual(await validateDryRun(accepting, actor, { text: 'a', channelIds: [] }), { ok: true, problems: [] });
    const missing = { validate: () => Promise.reject(new AppError(404, 'not_found', 'No channel')) };
    await assert.rejects(validateDryRun(missing, actor, { text: 'a', channelIds: [] }), { code: 'not_found' });
  });
});
