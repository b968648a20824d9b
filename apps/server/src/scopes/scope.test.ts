import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  channelInScope,
  postInScope,
  postsInScope,
  rowsInScope,
  scopeChannelFilter,
  type ChannelScope,
} from './scope.ts';

const scopeOf = (...channelIds: string[]): ChannelScope => ({
  clientIds: ['client-a'],
  channelIds: [],
  visibleChannelIds: new Set(channelIds),
});

describe('channel scopes', () => {
  it('lets an unscoped caller see every channel, and a scoped one only theirs', () => {
    assert.equal(channelInScope(null, 'b1'), true);
    assert.equal(channelInScope(undefined, 'b1'), true);
    assert.equal(channelInScope(scopeOf('a1'), 'a1'), true);
    assert.equal(channelInScope(scopeOf('a1'), 'b1'), false);
  });

  it('shows a post only when every channel it targets is visible', () => {
    const scope = scopeOf('a1', 'a2');
    assert.equal(postInScope(scope, { authorId: 'x', channelIds: ['a1', 'a2'] }, 'me'), true);
    assert.equal(postInScope(scope, { authorId: 'x', channelIds: ['a1', 'b1'] }, 'me'), false);
    assert.equal(postInScope(scope, { authorId: 'x', channelIds: ['b1'] }, 'me'), false);
    assert.equal(postInScope(null, { authorId: 'x', channelIds: ['b1'] }, 'me'), true);
  });

  it('shows a post without channels only to its author (and to unscoped members)', () => {
    const scope = scopeOf('a1');
    assert.equal(postInScope(scope, { authorId: 'me', channelIds: [] }, 'me'), true);
    assert.equal(postInScope(scope, { authorId: 'other', channelIds: [] }, 'me'), false);
    assert.equal(postInScope(scope, { authorId: null, channelIds: [] }, 'me'), false);
    assert.equal(postInScope(null, { authorId: 'other', channelIds: [] }, 'me'), true);
  });

  it('filters rows and posts, and gives a SQL filter only when scoped', () => {
    const rows = [{ channelId: 'a1' }, { channelId: 'b1' }];
    assert.deepEqual(
      rowsInScope(scopeOf('a1'), rows, (row) => row.channelId),
      [{ channelId: 'a1' }],
    );
    assert.deepEqual(
      rowsInScope(null, rows, (row) => row.channelId),
      rows,
    );
    const posts = [
      { id: 'p1', authorId: 'x', publications: [{ channelId: 'a1' }] },
      { id: 'p2', authorId: 'x', publications: [{ channelId: 'a1' }, { channelId: 'b1' }] },
    ];
    assert.deepEqual(
      postsInScope({ userId: 'me', scope: scopeOf('a1') }, posts).map((post) => post.id),
      ['p1'],
    );
    assert.equal(postsInScope({ userId: 'me', scope: null }, posts).length, 2);
    assert.equal(scopeChannelFilter(null), undefined);
    assert.deepEqual(scopeChannelFilter(scopeOf()), []);
  });
});
