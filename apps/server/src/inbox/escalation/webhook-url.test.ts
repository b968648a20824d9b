import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPrivateAddress, resolvedWebhookProblem, webhookUrlProblem } from './webhook-url.ts';

const strict = { allowLoopbackHttp: false };
const tests = { allowLoopbackHttp: true };

describe('escalation webhook URL policy', () => {
  it('knows private, loopback, link-local and public addresses', () => {
    for (const address of [
      '10.1.2.3',
      '127.0.0.1',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
    ])
      assert.equal(isPrivateAddress(address), true, address);
    for (const address of ['8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:1.1.1.1'])
      assert.equal(isPrivateAddress(address), false, address);
  });

  it('accepts public https URLs and refuses the rest with a reason', () => {
    assert.equal(webhookUrlProblem('https://hooks.slack.com/services/T/B/X', strict), null);
    assert.equal(webhookUrlProblem('https://8.8.8.8/hook', strict), null);
    assert.match(webhookUrlProblem('http://hooks.slack.com/x', strict)!, /https/);
    assert.match(webhookUrlProblem('https://192.168.0.10/x', strict)!, /private/);
    assert.match(webhookUrlProblem('https://[::1]/x', strict)!, /private/);
    assert.match(webhookUrlProblem('https://localhost/x', strict)!, /this machine/);
    assert.match(webhookUrlProblem('https://user:secret@hooks.example.com/x', strict)!, /password/);
    assert.match(webhookUrlProblem('http://127.0.0.1:8080/x', strict)!, /https/);
  });

  it('lets tests post over http to loopback only', async () => {
    assert.equal(webhookUrlProblem('http://127.0.0.1:8080/x', tests), null);
    assert.match(webhookUrlProblem('http://10.0.0.1/x', tests)!, /https/);
    assert.equal(await resolvedWebhookProblem('http://127.0.0.1:8080/x', tests), null);
    assert.match((await resolvedWebhookProblem('https://169.254.169.254/latest', tests))!, /private/);
  });
});
