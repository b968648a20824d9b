import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  countLinks,
  countText,
  extractHashtags,
  extractMentions,
  graphemeLength,
  mastodonLength,
  threadsLength,
  utf8Length,
} from './text-counting.ts';

test('counts the same French text six ways', () => {
  const text = 'Été 👍🏽'; // É precomposed, a thumbs-up with a skin tone
  assert.equal(countText(text, 'graphemes'), 5);
  assert.equal(countText(text, 'code_points'), 6);
  assert.equal(countText(text, 'utf16'), 8);
  assert.equal(countText(text, 'utf8_bytes'), 4 + 1 + 1 + 8);
  assert.equal(countText(text, 'threads'), 4 + 8);
  assert.equal(countText(text, 'x_weighted'), 4 + 2);
});

test('counts a decomposed accent as one grapheme but two UTF-16 units', () => {
  const decomposed = 'e\u0301te\u0301';
  assert.equal(graphemeLength(decomposed), 3);
  assert.equal(decomposed.length, 5);
  assert.equal(utf8Length('é'), 2);
});

test('counts a Mastodon URL as 23, or as the instance configures, and a remote mention as its local part', () => {
  assert.equal(mastodonLength('See https://example.com/a/very/long/path @ana@social.example'), 32);
  assert.equal(mastodonLength('https://boutique.fr/x', 30), 30);
  assert.equal(countText('Voir https://boutique.fr/une/longue/page', 'mastodon'), 5 + 23);
});

test('counts an emoji as its UTF-8 bytes on Threads, a flag as both of its letters', () => {
  assert.equal(threadsLength('Hi 👋'), 7);
  assert.equal(threadsLength('🇫🇷'), 8);
});

test('finds hashtags with accents, not numbers, C# or URL fragments', () => {
  assert.deepEqual(extractHashtags('Soldes #été #2026 C# #Noël2026 https://boutique.fr/#ancre'), ['été', 'Noël2026']);
});

test('finds @mentions, not e-mail addresses', () => {
  assert.deepEqual(extractMentions('Merci @ana et @bob.martin, écrivez à contact@boutique.fr. Bravo @zoé.'), [
    'ana',
    'bob.martin',
    'zoé',
  ]);
});

test('finds links with or without a scheme, as twitter-text does', () => {
  assert.equal(countLinks('See example.com and https://a.fr/x'), 2);
  assert.equal(countLinks('Rendez-vous en boutique'), 0);
});
