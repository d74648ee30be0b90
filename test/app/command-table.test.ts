import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { action, anyValues, command, idField } from '../../src/app/commands/entry';
import { APP_TABLE } from '../../src/app/commands/table';
import { createDispatcher } from '../../src/app/dispatch';
import { EventError } from '../../src/bot/event-error';
import { cardText, startTestRuntime, transcript, type TestRuntime } from '../support/test-runtime';

/** A throwaway command and action: one entry each, nothing else touched. */
const ping = command({
  words: ['ping', '试试'],
  help: { usage: '/ping 次数', summary: '测试用命令' },
  places: ['group'],
  permission: { roles: ['leader'], does: '测试' },
  parse: ({ args }) => ({ times: Math.max(1, Number(args[0]) || 1) }),
  run: async (_ctx, input: { times: number }) => ({ reply: { type: 'text', text: 'pong'.repeat(input.times) } }),
});

const poke = action({
  name: 'test.poke',
  input: z.object({ payload: z.object({ taskId: idField('taskId') }), values: anyValues }).transform((d) => d.payload),
  run: async (_ctx, input: { taskId: number }) => ({ toast: { kind: 'success', text: `poked ${input.taskId}` } }),
});

const FORGERIES: Array<Record<string, string>> = [{}, { taskId: 'x' }, { taskId: '-1' }, { taskId: '0' }, { taskId: '1e3' }];

/** A card whose buttons carry a good payload, payloads the action's schema refuses, and an action no longer in the table. */
const pokeCard = command({
  words: ['pokecard'],
  help: { usage: '/pokecard', summary: '测试用卡片' },
  places: ['group'],
  parse: () => undefined,
  run: async () => ({
    reply: {
      type: 'card',
      card: {
        key: 'test:poke',
        title: 'poke',
        tone: 'info',
        sections: [],
        actions: [
          { label: 'poke', action: 'test.poke' as never, payload: { taskId: '7' } },
          ...FORGERIES.map((payload, i) => ({ label: `bad ${i}`, action: 'test.poke' as never, payload })),
          { label: 'gone', action: 'test.gone' as never, payload: { taskId: '7' } },
        ],
      },
    },
  }),
});

const boom = command({
  words: ['boom'],
  help: { usage: '/boom', summary: '总是出错' },
  places: ['group', 'direct'],
  parse: () => undefined,
  run: async () => {
    throw new Error('disk on fire');
  },
});

describe('the command table', () => {
  let t: TestRuntime<'memory'>;
  const errors: Array<{ msg: string; data?: Record<string, unknown> }> = [];
  beforeAll(async () => {
    const dispatcher = createDispatcher({ commands: [...APP_TABLE.commands, ping, pokeCard, boom], actions: [...APP_TABLE.actions, poke] });
    const logger = { debug() {}, info() {}, warn() {}, error: (msg: string, data?: Record<string, unknown>) => errors.push({ msg, data }) };
    t = await startTestRuntime({ kind: 'memory', dispatcher, logger });
  });
  afterAll(() => t?.close());

  it('runs a command added as one entry, by any of its words', async () => {
    await t.chat.say('leader', '/ping 2');
    expect(transcript(t.chat.group())).toContain('pongpong');
    await t.chat.say('leader', '试试');
    expect(t.chat.group().at(-1)?.text).toBe('pong');
  });

  it('derives the role refusal and the place refusal from the entry', async () => {
    await t.chat.say('officer-01', '/ping');
    expect(t.chat.group().at(-1)?.text).toBe('只有局领导可以测试。你的身份是执法人员。');
    await t.chat.say('leader', '/ping', 'dm');
    expect(t.chat.dm('leader').at(-1)?.text).toBe('/ping 只能在工作群中使用。');
  });

  it('lists the entry in /help for those who may use it, and only for them', async () => {
    await t.chat.say('leader', '/help', 'dm');
    const leaderHelp = cardText(t.chat.lastCard(t.chat.dm('leader'), 'help').card);
    expect(leaderHelp).toContain('/ping 次数　测试用命令（在工作群中）；也可写“试试”');
    expect(leaderHelp).toContain('/draw 冶金 建材 10家');
    await t.chat.say('officer-01', '/help', 'dm');
    const officerHelp = cardText(t.chat.lastCard(t.chat.dm('officer-01'), 'help').card);
    expect(officerHelp).not.toContain('/ping');
    expect(officerHelp).not.toContain('/draw');
    expect(officerHelp).toContain('/deadlines');
    // /holidays is for leaders and administrators even to look at: not in an officer's help.
    expect(officerHelp).not.toContain('/holidays');
    expect(leaderHelp).toContain('/holidays');
  });

  it('runs an action added as one entry and refuses a forged payload in Chinese', async () => {
    await t.chat.say('leader', '/pokecard');
    const card = t.chat.lastCard(t.chat.group(), 'test:poke');
    const ok = await t.chat.click('leader', card.id, 'test.poke', { taskId: '7' });
    expect(ok.body.toast).toEqual({ kind: 'success', text: 'poked 7' });
    // A payload the card never carried is refused before the action runs.
    const notOnCard = await t.chat.click('leader', card.id, 'test.poke', { taskId: '8' });
    expect(notOnCard.body.toast?.text).toContain('按钮与这张卡片不符');
    // Even on the card, the action's schema refuses what is not a valid id.
    for (const forged of FORGERIES) {
      const refused = await t.chat.click('leader', card.id, 'test.poke', forged);
      expect(refused.body.toast).toEqual({ kind: 'error', text: '按钮数据缺少有效的 taskId，请刷新卡片后重试。' });
    }
    const unknown = await t.chat.click('leader', card.id, 'test.gone', { taskId: '7' });
    expect(unknown.body.toast?.text).toBe('这张卡片的按钮已失效，请发送 /tasks 获取最新任务卡。');
  });

  it('a word or action named like a property of Object.prototype is unknown, not a system error', async () => {
    await t.chat.say('leader', '/pokecard');
    const card = t.chat.lastCard(t.chat.group(), 'test:poke');
    const before = errors.length;
    for (const word of ['constructor', '__proto__', 'valueOf', 'toString', 'hasOwnProperty', 'prototype']) {
      await t.chat.say('leader', `/${word}`);
      const reply = t.chat.group().at(-1)?.text ?? '';
      expect(reply, word).not.toContain('系统处理出错');
      expect(reply, word).not.toBe(`/${word}`);
      await t.chat.say('leader', `/draw ${word} 2家`);
      expect(t.chat.group().at(-1)?.text ?? '', word).not.toContain('系统处理出错');
      const click = await t.chat.click('leader', card.id, word, { taskId: '7', [word]: '1' });
      expect(click.body.toast?.kind, word).toBe('error');
      expect(click.body.toast?.text, word).not.toContain('系统处理出错');
    }
    expect(errors.slice(before)).toEqual([]);
  });

  it('refuses a table that names a word or an action twice', () => {
    expect(() => createDispatcher({ commands: [...APP_TABLE.commands, command({ ...ping, words: ['draw'] } as never)], actions: [] })).toThrow(/“draw”/);
    expect(() => createDispatcher({ commands: [], actions: [poke, poke] })).toThrow(/test\.poke/);
  });

  it('logs an unexpected error with the event it broke, and tells the person', async () => {
    await t.chat.say('leader', '/boom now');
    expect(t.chat.group().at(-1)?.text).toBe('系统处理出错，操作未生效，请稍后重试。');
    const logged = errors.find((e) => e.msg.includes('/boom'));
    expect(logged?.msg).toBe('command “/boom” failed: disk on fire');
    const error = logged?.data?.['error'];
    expect(error).toBeInstanceOf(EventError);
    expect((error as EventError).cause).toMatchObject({ message: 'disk on fire' });
    expect(logged?.data).toMatchObject({ type: 'command', platform: 'local', chat: 'group:group', actor: 'leader', what: '/boom' });
  });
});
