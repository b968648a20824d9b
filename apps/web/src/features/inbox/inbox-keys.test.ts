import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shortcutOf, stepSelection } from './inbox-keys.ts';

const press = (key: string, over: Partial<Parameters<typeof shortcutOf>[0]> = {}) =>
  shortcutOf({ key, ctrlKey: false, metaKey: false, altKey: false, targetTag: 'body', targetEditable: false, ...over });

describe('inbox shortcuts', () => {
  it('maps j, k, a, c and r', () => {
    assert.deepEqual(
      ['j', 'k', 'a', 'c', 'r', 'x'].map((key) => press(key)),
      ['next', 'previous', 'assignToMe', 'close', 'focusReply', undefined],
    );
  });
  it('ignores keys typed in a field or with a modifier', () => {
    assert.equal(press('j', { targetTag: 'TEXTAREA' }), undefined);
    assert.equal(press('c', { targetTag: 'input' }), undefined);
    assert.equal(press('a', { targetEditable: true }), undefined);
    assert.equal(press('r', { ctrlKey: true }), undefined);
  });
  it('steps within the list', () => {
    assert.equal(stepSelection([], undefined, 1), undefined);
    assert.equal(stepSelection(['a', 'b', 'c'], undefined, 1), 'a');
    assert.equal(stepSelection(['a', 'b', 'c'], 'a', 1), 'b');
    assert.equal(stepSelection(['a', 'b', 'c'], 'c', 1), 'c');
    assert.equal(stepSelection(['a', 'b', 'c'], 'a', -1), 'a');
    assert.equal(stepSelection(['a', 'b', 'c'], 'gone', -1), 'a');
  });
});
