import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderSavedReply, unknownSavedReplyVariables } from './saved-reply.ts';

test('fills every variable, spaces inside the braces allowed', () => {
  assert.deepEqual(
    renderSavedReply('Bonjour {{ author_name }}, ici {{agent_name}} de {{brand}}.', {
      author_name: 'Léa',
      agent_name: 'Sam',
      brand: 'Maison Lumière',
    }),
    { ok: true, text: 'Bonjour Léa, ici Sam de Maison Lumière.' },
  );
});

test('refuses an unknown variable instead of sending braces to a customer', () => {
  assert.deepEqual(unknownSavedReplyVariables('Hi {{autor_name}} {{brand}} {{autor_name}}'), ['autor_name']);
  assert.deepEqual(renderSavedReply('Hi {{autor_name}}', { author_name: 'Léa' }), {
    ok: false,
    unknown: ['autor_name'],
    missing: [],
  });
});

test('refuses a variable that has no value for this item', () => {
  assert.deepEqual(renderSavedReply('Hi @{{author_handle}}', { author_handle: null }), {
    ok: false,
    unknown: [],
    missing: ['author_handle'],
  });
});

test('a body without variables is kept as written', () => {
  assert.deepEqual(renderSavedReply('Merci !', {}), { ok: true, text: 'Merci !' });
});
