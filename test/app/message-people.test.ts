import { describe, expect, it } from 'vitest';
import { messagePeople } from '../../src/app/message-people';
import type { OutboxInput, Repos } from '../../src/app/ports/store';

/** Just the two ports the helper uses: person 1 and 3 have a Feishu account, 2 has none. */
function fakeRepos() {
  const queued: OutboxInput[] = [];
  const asked: number[][] = [];
  const accounts = new Map([
    [1, 'ou_1'],
    [3, 'ou_3'],
  ]);
  const repos = {
    directory: {
      accountsOf: async (ids: number[]) => {
        asked.push(ids);
        return new Map(ids.filter((id) => accounts.has(id)).map((id) => [id, accounts.get(id)!]));
      },
    },
    outbox: { enqueue: async (items: OutboxInput[]) => void queued.push(...items) },
  } as unknown as Pick<Repos, 'directory' | 'outbox'>;
  return { repos, queued, asked };
}

const text = (t: string) => ({ type: 'text' as const, text: t });

describe('messagePeople', () => {
  it('queues in order to those with an account and returns the others once', async () => {
    const { repos, queued, asked } = fakeRepos();
    const missing = await messagePeople(repos, 7, 'feishu', [
      { personId: 1, message: text('a'), idempotencyKey: 'k1' },
      { personId: 2, message: text('b'), idempotencyKey: 'k2' },
      { personId: 3, message: text('c'), idempotencyKey: 'k3' },
      { personId: 2, message: text('d'), idempotencyKey: 'k4' },
      { personId: 1, message: text('e'), idempotencyKey: 'k5' },
    ]);
    expect(missing).toEqual([2]);
    expect(asked).toEqual([[1, 2, 3]]);
    expect(queued).toEqual([
      { agencyId: 7, to: { kind: 'user', platform: 'feishu', id: 'ou_1' }, message: text('a'), idempotencyKey: 'k1' },
      { agencyId: 7, to: { kind: 'user', platform: 'feishu', id: 'ou_3' }, message: text('c'), idempotencyKey: 'k3' },
      { agencyId: 7, to: { kind: 'user', platform: 'feishu', id: 'ou_1' }, message: text('e'), idempotencyKey: 'k5' },
    ]);
  });

  it('asks nothing when there is nobody to message', async () => {
    const { repos, queued, asked } = fakeRepos();
    expect(await messagePeople(repos, 7, 'feishu', [])).toEqual([]);
    expect(asked).toEqual([]);
    expect(queued).toEqual([]);
  });
});
