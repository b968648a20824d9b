import { test } from 'node:test';
import assert from 'node:assert/strict';
import { networkIds } from '../../publishing/networks.ts';
import { formatsOf, limitsOf } from './content-rules.ts';
import { describeIssue } from './describe-issue.ts';
import { formatBytes, formatSeconds, fieldLabel } from './issue-wording.ts';
import { ruleCases } from './testing/rule-cases.ts';
import { sampleContent } from './testing/sample-content.ts';
import { issueCodes, type ContentIssue } from './types.ts';
import { validatePost } from './validate-post.ts';

const nbsp = '\u202f'; // French thousands separator from Intl

/** Every issue the table's breaking cases raise, plus the ones that come from a post's extras. */
function allIssues(): ContentIssue[] {
  const found: ContentIssue[] = [];
  for (const network of networkIds)
    for (const format of formatsOf(network)) {
      const entry = limitsOf(network, format)!;
      const base = sampleContent(network, format);
      for (const rule of entry.rules)
        for (const example of ruleCases(rule, base, entry.rules).failing)
          found.push(...validatePost(network, format, example.content, example.options));
      found.push(
        ...validatePost(network, format, {
          ...base,
          firstComment: 'Merci !',
          link: { url: 'https://boutique.fr' },
          threadParts: [{ text: 'Suite' }],
          text: 'Soldes',
        }),
      );
    }
  found.push(...validatePost('x', 'reel', { text: '', media: [] }));
  return found;
}

test('every issue code has an English and a French sentence, with no hole in it', () => {
  const issues = allIssues();
  const seen = new Set(issues.map((issue) => issue.code));
  assert.deepEqual(
    issueCodes.filter((code) => !seen.has(code)),
    [],
    'the table raises every code',
  );
  for (const issue of issues)
    for (const locale of ['en', 'fr'] as const) {
      const sentence = describeIssue(issue, locale);
      assert.match(sentence, /^\p{Lu}/u, sentence);
      assert.match(sentence, /\.$/, sentence);
      assert.doesNotMatch(sentence, /undefined|NaN|\[object|\$\{|options\.|threadParts|media\[/, sentence);
    }
});

test('tells how much to cut from an X post and why', () => {
  const [issue] = validatePost('x', 'text', { text: `${'a'.repeat(294)} https://boutique.fr/promo`, media: [] });
  assert.equal(
    describeIssue(issue!, 'en'),
    'Shorten the text by 38 characters (X counts 280 weighted characters; links count 23, emoji and CJK characters 2).',
  );
  assert.equal(
    describeIssue(issue!, 'fr'),
    'Raccourcissez le texte de 38 caractères (X compte 280 caractères pondérés ; un lien compte pour 23, un emoji ou un caractère CJK pour 2).',
  );
});

test('speaks in bytes where the network counts bytes, with French number formatting', () => {
  const [issue] = validatePost('youtube', 'video', { ...sampleContent('youtube', 'video'), text: 'é'.repeat(2501) });
  assert.equal(
    describeIssue(issue!, 'en'),
    'Shorten the text by 2 bytes (YouTube allows 5,000 bytes; an accented letter takes 2, an emoji 4).',
  );
  assert.equal(
    describeIssue(issue!, 'fr'),
    `Raccourcissez le texte de 2 octets (YouTube accepte 5${nbsp}000 octets ; une lettre accentuée en prend 2, un emoji 4).`,
  );
});

test('names the media item, its size and duration in the reader’s units', () => {
  const content = { ...sampleContent('instagram', 'story') };
  const [issue] = validatePost('instagram', 'story', {
    ...content,
    media: [{ mimeType: 'video/mp4', durationSeconds: 75, width: 1080, height: 1920 }],
  });
  assert.equal(
    describeIssue(issue!, 'en'),
    'Trim media 1 by 15 s: an Instagram story lasts at most 1 min (it lasts 1 min 15 s).',
  );
  assert.equal(
    describeIssue(issue!, 'fr'),
    'Coupez 15 s du média 1 : Instagram accepte au plus 1 min pour ce format (story) et il dure 1 min 15 s.',
  );
  const [heavy] = validatePost('instagram', 'image', {
    text: '',
    media: [{ mimeType: 'image/jpeg', byteLength: 9 * 1024 * 1024, width: 1080, height: 1080 }],
  });
  assert.equal(
    describeIssue(heavy!, 'fr'),
    'Compressez le média 1 sous 8 Mo : Instagram accepte au plus 8 Mo ici (il fait 9 Mo).',
  );
});

test('says the crop to make and the count to reach for a carousel', () => {
  const jpeg = { mimeType: 'image/jpeg', byteLength: 100_000, width: 1080, height: 1920 };
  const issues = validatePost('instagram', 'carousel', { text: '', media: [jpeg] });
  assert.deepEqual(
    issues.map((issue) => describeIssue(issue, 'en')),
    [
      'Add 1 media item: an Instagram carousel takes at least 2 (it has 1).',
      'Crop media 1 to a ratio between 4:5 and 1.91:1: that is what an Instagram carousel takes (it is 1,080×1,920).',
    ],
  );
  assert.equal(
    describeIssue(issues[1]!, 'fr'),
    `Recadrez le média 1 avec un ratio entre 4:5 et 1,91:1 : Instagram l’exige pour ce format (carrousel) ; il mesure 1${nbsp}080×1${nbsp}920.`,
  );
});

test('labels fields in words, thread parts counted from the first post', () => {
  assert.equal(fieldLabel('threadParts[1].text', 'en'), 'part 3 of the thread');
  assert.equal(fieldLabel('threadParts[0].media[1].mimeType', 'fr'), 'le média 2 de la partie 2');
  assert.equal(fieldLabel('media[0].altText', 'en'), 'the alt text of media 1');
  assert.equal(fieldLabel('options.boardId', 'fr'), 'le tableau');
});

test('writes sizes in binary units and durations in s, min and h', () => {
  assert.equal(formatBytes(2_000_000, 'en'), '1.91 MB');
  assert.equal(formatBytes(512, 'fr'), '512 octets');
  assert.equal(formatSeconds(140, 'en'), '2 min 20 s');
  assert.equal(formatSeconds(43_200, 'fr'), '12 h');
  assert.equal(formatSeconds(0.5, 'fr'), '0,5 s');
});
