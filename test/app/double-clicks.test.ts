/**
 * Every button and form clicked twice at once (a double tap on a phone, a retried callback) has
 * one effect, and neither answer shows an older state than the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime';

describe('double clicks', () => {
  let t: TestRuntime<'memory'>;
  beforeAll(async () => {
    t = await startTestRuntime({ kind: 'memory' });
  });
  afterAll(() => t?.close());

  const twice = async (who: string, messageId: string, action: string, payload: Record<string, string>, values?: Record<string, string>) => {
    const [a, b] = await Promise.all([t.chat.click(who, messageId, action, payload, values), t.chat.click(who, messageId, action, payload, values)]);
    return [a.body, b.body] as const;
  };

  it('确认抽取, 确认接收, 申请回避, 同意 and 放弃 each take effect once', async () => {
    await t.chat.say('leader', '/draw 机械 1家 每组2人');
    const announcement = t.chat.lastCard(t.chat.group(), 'draw:');
    const drawId = t.chat.button(announcement.card, '确认抽取').payload;
    const [x, y] = await twice('leader', announcement.id, 'draw.execute', drawId);
    expect([x.toast?.kind, y.toast?.kind].sort()).toEqual(['info', 'success']);
    expect(await t.data.auditCount('draw.executed')).toBe(1);
    expect(await t.data.count('tasks')).toBe(1);

    const [first, second] = (await t.data.taskOfficers()).map((o) => o.localId!);
    const taskId = String((await t.data.taskOfficers())[0]!.taskId);
    const card = t.chat.lastCard(t.chat.dm(first!), `task:${taskId}`);
    await twice(first!, card.id, 'task.confirm', { taskId });
    expect(await t.data.auditCount('task.confirmed')).toBe(1);

    const other = t.chat.lastCard(t.chat.dm(second!), `task:${taskId}`);
    await twice(second!, other.id, 'task.recusal_form', { taskId });
    const form = t.chat.lastCard(t.chat.dm(second!), `task:${taskId}:recusal`);
    const [r1, r2] = await twice(second!, form.id, 'task.recuse', { taskId }, { ground: 'interest', reason: '曾在该企业任职' });
    expect([r1.toast?.kind, r2.toast?.kind]).toContain('info');
    expect(await t.data.auditCount('task.recusal_requested')).toBe(1);
    expect(t.chat.dm('leader').filter((m) => m.card?.key.startsWith('recusal:'))).toHaveLength(1);

    const approval = t.chat.lastCard(t.chat.dm('leader'), 'recusal:');
    const [a1, a2] = await twice('leader', approval.id, 'recusal.approve', t.chat.button(approval.card, '同意').payload);
    expect([a1.toast?.kind, a2.toast?.kind].sort()).toEqual(['info', 'success']);
    expect(await t.data.auditCount('task.recusal_approved')).toBe(1);
    expect(await t.data.auditCount('task.replacement_drawn')).toBe(1);

    await t.chat.say('leader', '/draw 建材 1家 每组2人');
    const pending = t.chat.lastCard(t.chat.group(), 'draw:');
    await t.chat.click('leader', pending.id, 'draw.abandon', t.chat.button(pending.card, '放弃').payload);
    const why = t.chat.lastCard(t.chat.group(), 'draw-abandon:');
    await twice('leader', why.id, 'draw.abandon', why.card.form!.submit.payload, { reason: '范围选错' });
    expect(await t.data.auditCount('draw.abandoned')).toBe(1);
  });
});
