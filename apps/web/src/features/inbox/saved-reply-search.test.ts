import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchSavedReplies } from './saved-reply-search.ts';

const replies = [
  { title: 'Livraison retardée', body: 'Bonjour {{author_name}}, votre colis arrive.', tags: ['shipping'] },
  { title: 'Merci', body: 'Merci pour votre retour sur la livraison !', tags: [] },
  { title: 'Refund', body: 'We are sorry.', tags: ['remboursement'] },
];

test('every word must appear in the title, body or tags, accents and case ignored; titles first', () => {
  assert.deepEqual(
    matchSavedReplies(replies, 'LIVRAISON').map((reply) => reply.title),
    ['Livraison retardée', 'Merci'],
  );
  assert.deepEqual(
    matchSavedReplies(replies, 'retardee colis').map((reply) => reply.title),
    ['Livraison retardée'],
  );
  assert.deepEqual(
    matchSavedReplies(replies, 'rembourse').map((reply) => reply.title),
    ['Refund'],
  );
  assert.deepEqual(matchSavedReplies(replies, 'absent'), []);
  assert.equal(matchSavedReplies(replies, '  ').length, 3);
});
