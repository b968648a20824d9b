import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startThreadsSimulator, type ThreadsSimulator } from '@sillage/simulators/threads/threads-simulator';
import { AuthExpired } from '../errors.ts';
import { threadsConnector } from './index.ts';

const now = () => new Date('2026-05-01T12:00:00Z');
let sim: ThreadsSimulator;
const listAccounts = (accessToken: string) =>
  threadsConnector.listAccounts!({ baseUrl: sim.baseUrl, fetch, now, tokens: { accessToken } });

describe('threads listAccounts against the simulator', () => {
  before(async () => {
    sim = await startThreadsSimulator({ now });
  });
  after(() => sim.close());

  it('names the Threads profile behind the token, with its picture', async () => {
    sim.createAccount({ username: 'other' });
    const account = sim.createAccount({ username: 'maisonlumiere' });
    const accounts = await listAccounts(account.accessToken);
    assert.deepEqual(
      accounts.map((one) => [one.accountId, one.handle, one.kind]),
      [[account.userId, 'maisonlumiere', 'profile']],
    );
    assert.match(accounts[0]?.avatarUrl ?? '', /^https:\/\//);
  });

  it('says AuthExpired for a revoked token', async () => {
    const account = sim.createAccount();
    sim.revokeRefreshToken(account.accessToken);
    await assert.rejects(listAccounts(account.accessToken), AuthExpired);
  });
});
