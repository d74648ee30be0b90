import { describe, expect, it } from 'vitest';
import { createBotIdentity } from '../../../src/bot/feishu/bot-identity';

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('the bot’s identity', () => {
  it('is read again after a failure at start, at most once a minute, until it is known', async () => {
    let calls = 0;
    let now = 0;
    const warnings: string[] = [];
    const bot = createBotIdentity(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('token: app secret invalid');
        return { openId: 'ou_bot', name: '双随机助手' };
      },
      { info() {}, warn: (msg: string) => warnings.push(msg) },
      () => now,
    );
    bot.start();
    await flush();
    expect(warnings).toHaveLength(1);
    // A message within the minute does not ask again.
    now = 30_000;
    expect(bot.openId()).toBeUndefined();
    expect(calls).toBe(1);
    // One after the minute does, and from then on the identity is known.
    now = 61_000;
    expect(bot.openId()).toBeUndefined();
    await flush();
    expect(bot.openId()).toBe('ou_bot');
    now = 999_000;
    bot.openId();
    expect(calls).toBe(2);
  });
});
