import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createSecretBox } from './secret-box.ts';

describe('secret box', () => {
  const box = createSecretBox(randomBytes(32));
  const workspace = '3f0c1b8e-0000-4000-8000-000000000001';

  it('opens what it sealed, with a fresh IV each time', () => {
    const first = box.seal('token-123', workspace);
    assert.notEqual(first, box.seal('token-123', workspace));
    assert.equal(box.open(first, workspace), 'token-123');
  });

  it('refuses a ciphertext moved to another workspace', () => {
    const sealed = box.seal('token-123', workspace);
    assert.throws(() => box.open(sealed, '3f0c1b8e-0000-4000-8000-000000000002'));
  });

  it('refuses an altered ciphertext and another key', () => {
    const sealed = Buffer.from(box.seal('token-123', workspace), 'base64');
    sealed[14] = sealed[14]! ^ 1;
    assert.throws(() => box.open(sealed.toString('base64'), workspace));
    assert.throws(() => createSecretBox(randomBytes(32)).open(box.seal('x', workspace), workspace));
  });
});
