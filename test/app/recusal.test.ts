/**
 * 回避 decided by the agency head (行政处罚法 第四十三条；河南省行政执法条例 第二十三条), as a chat
 * transcript: an officer applies, the leaders decide with 同意 / 不同意 (不同意 with a reason), and
 * only 同意 draws a replacement; a leader may also order a recusal with /recuse.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/app/dispatch';
import type { UseCaseContext } from '../../src/app/use-case';
import type { CardView } from '../../src/app/views/card-view';
import { verifyDrawExport } from '../../src/domain/draw';
import { cardText, startTestRuntime, transcript, type TestRuntime } from '../support/test-runtime';

const FIRST_REASON = '本人曾在该企业兼任安全顾问';
const SECOND_REASON = '本人配偶在该企业任财务负责人';
const ORDER_REASON = '该执法人员之兄为该企业法定代表人';
const REJECT_REASON = '兼任关系已于2024年解除，不影响公正执法';

describe('回避 decided by the head', () => {
  let t: TestRuntime<'memory'>;
  let taskId: string;
  let a: string;
  let b: string;
  const labels = (card: CardView | undefined) => [...(card?.actions ?? []).map((x) => x.label), ...(card?.form ? [card.form.submit.label] : [])];
  const taskCards = (who: string) => t.chat.dm(who).filter((m) => m.card?.key === `task:${taskId}`);
  const recusalCards = (who: string) => t.chat.dm(who).filter((m) => m.card?.key.startsWith('recusal:'));

  beforeAll(async () => {
    t = await startTestRuntime({ kind: 'memory' });
    await t.chat.say('leader', '/draw 机械 3家 每组2人 3月2日-3月31日');
    const announcement = t.chat.lastCard(t.chat.group(), 'draw:');
    await t.chat.click('leader', announcement.id, 'draw.execute', t.chat.button(announcement.card, '确认抽取').payload);
    const group1 = (await t.data.taskOfficers()).filter((o) => o.ordinal === 0);
    taskId = String(group1[0]!.taskId);
    [a, b] = [group1[0]!.localId!, group1[1]!.localId!];
    await t.chat.click(a, taskCards(a).at(-1)!.id, 'task.confirm', { taskId });
  });
  afterAll(() => t?.close());

  async function apply(who: string, ground: string, reason: string) {
    await t.chat.click(who, taskCards(who).at(-1)!.id, 'task.recusal_form', { taskId });
    const form = t.chat.lastCard(t.chat.dm(who), `task:${taskId}:recusal`);
    return t.chat.click(who, form.id, 'task.recuse', { taskId }, { ground, reason });
  }

  it('an application waits for the head: 回避待审批 on every copy, nothing asked of the officer, the leaders decide', async () => {
    const groupBefore = t.chat.group().length;
    const noGround = await apply(b, '', FIRST_REASON);
    expect(noGround.body.toast?.text).toMatch(/请选择回避事由/);
    const applied = await apply(b, 'interest', FIRST_REASON);
    expect(applied.body.toast).toMatchObject({ kind: 'success', text: expect.stringMatching(/已提交局领导审批/) });
    expect(await t.data.recusals()).toEqual([{ id: 1, taskId: Number(taskId), kind: 'application', status: 'pending', replacementNo: null }]);

    for (const who of [a, b]) {
      for (const m of taskCards(who)) expect(cardText(m.card!)).toMatch(/任务状态：待检查（回避待审批）[\s\S]*回避待审批：.+的回避申请正在等待局领导审批/);
    }
    for (const m of taskCards(b)) expect(labels(m.card)).toEqual([]);
    // Nothing is drawn and nobody else is told yet.
    expect((await t.data.taskOfficers()).filter((o) => o.replacementNo > 0)).toEqual([]);
    expect(t.chat.group().length).toBe(groupBefore);

    // The leader gets the application with its ground and reason; the administrator does not.
    const approval = t.chat.lastCard(t.chat.dm('leader'), 'recusal:1');
    expect(cardText(approval.card)).toContain(`回避理由：${FIRST_REASON}`);
    expect(cardText(approval.card)).toContain('回避事由：第二十三条（二）与本人或者本人近亲属有利害关系');
    expect(labels(approval.card)).toEqual(['同意', '不同意']);
    expect(recusalCards('admin')).toEqual([]);

    // Nobody but a leader may decide it (the law gives it to the head), whatever reaches the bot.
    for (const role of ['officer', 'admin'] as const) {
      const actor = { id: 99, agencyId: 1, name: '某人', role, unit: '', certificateNo: null };
      for (const name of ['recusal.approve', 'recusal.reject_form', 'recusal.reject']) {
        const run = createDispatcher().runAction({ actor } as UseCaseContext, name, { payload: { recusalId: '1' }, values: { reason: '不同意' } });
        await expect(run).rejects.toThrow(/只有局领导可以决定执法人员回避/);
      }
    }
    const byOfficer = await t.chat.click(a, approval.id, 'recusal.approve', { recusalId: '1' });
    expect(byOfficer.body.toast?.kind ?? 'error').toBe('error');
    expect(await t.data.auditCount('task.recusal_approved')).toBe(0);

    // While it waits, the officer is not asked to act on the task: no findings form, nothing due in his reminders.
    const form = await t.chat.click(b, taskCards(b).at(-1)!.id, 'task.recusal_form', { taskId });
    expect(form.body.toast?.text).toMatch(/按钮与这张卡片不符/);
    await t.chat.say(b, '/tasks', 'dm');
    expect(cardText(taskCards(b).at(-1)!.card!)).toContain('我的状态：回避待审批');
    expect(labels(taskCards(b).at(-1)!.card)).toEqual([]);
    await t.chat.say(b, '/deadlines', 'dm');
    expect(cardText(t.chat.lastCard(t.chat.dm(b), 'my-deadlines').card)).toMatch(/回避申请待局领导审批，审批前无需处理本任务/);
    await t.chat.say('leader', '/remind');
    expect(t.chat.dm(b).filter((m) => m.card?.key.startsWith('digest:'))).toEqual([]);
    const digest = t.chat.lastCard(t.chat.dm('leader'), 'digest:');
    expect(cardText(digest.card)).toMatch(/待审批的回避申请（1 项[\s\S]*申请回避/);
    expect(cardText(digest.card)).not.toContain(FIRST_REASON);
  });

  it('不同意 needs a reason; the applicant is told why and is back on the task as he was', async () => {
    const approval = t.chat.lastCard(t.chat.dm('leader'), 'recusal:1');
    await t.chat.click('leader', approval.id, 'recusal.reject_form', { recusalId: '1' });
    const form = t.chat.lastCard(t.chat.dm('leader'), 'recusal:1:reject');
    const empty = await t.chat.click('leader', form.id, 'recusal.reject', { recusalId: '1' }, { reason: ' ' });
    expect(empty.body.toast?.text).toMatch(/请填写不同意的理由/);
    expect((await t.data.recusals())[0]!.status).toBe('pending');

    const rejected = await t.chat.click('leader', form.id, 'recusal.reject', { recusalId: '1' }, { reason: REJECT_REASON });
    expect(rejected.body.toast?.text).toMatch(/已决定不同意.+回避，并通知申请人/);
    expect((await t.data.recusals())[0]!.status).toBe('rejected');
    expect(await t.data.auditCount('task.recusal_rejected')).toBe(1);
    // Every copy of the leader's card shows the decision and lost its buttons.
    for (const m of recusalCards('leader').filter((x) => x.card!.key.startsWith('recusal:1'))) {
      expect(cardText(m.card!)).toMatch(/审批结果：不同意/);
      expect(labels(m.card)).toEqual([]);
    }
    // The applicant gets the decision and its reason, and may act on the task again.
    const decision = t.chat.lastCard(t.chat.dm(b), 'recusal:1:decision');
    expect(decision.card.title).toBe(`回避申请结果（不同意）：${(await t.data.tasks())[0]!.enterpriseName}`);
    expect(cardText(decision.card)).toContain(`不同意的理由：${REJECT_REASON}`);
    expect(cardText(decision.card)).toContain('确认接收');
    for (const m of taskCards(b)) {
      expect(cardText(m.card!)).toContain('我的状态：待确认');
      expect(labels(m.card)).toEqual(['确认接收', '申请回避', '现场检查方案', '上传证据']);
    }
    for (const m of taskCards(a)) expect(cardText(m.card!)).not.toContain('回避待审批');
    expect((await t.data.taskOfficers()).filter((o) => o.replacementNo > 0)).toEqual([]);
    // The old 同意 button finds it decided.
    const late = await t.chat.click('leader', approval.id, 'recusal.approve', { recusalId: '1' });
    expect(late.body.toast).toMatchObject({ kind: 'info', text: expect.stringMatching(/已由.+决定：不同意/) });
    expect(await t.data.auditCount('task.recusal_approved')).toBe(0);
  });

  it('同意 draws the replacement from the same seed and tells the applicant; the group hears no reason', async () => {
    expect((await apply(b, 'relative', SECOND_REASON)).body.toast?.kind).toBe('success');
    const approval = t.chat.lastCard(t.chat.dm('leader'), 'recusal:2');
    const approved = await t.chat.click('leader', approval.id, 'recusal.approve', t.chat.button(approval.card, '同意').payload);
    expect(approved.body.toast?.text).toMatch(/已同意.+回避，已随机补抽 .+，并通知申请人/);
    const replacement = (await t.data.taskOfficers()).find((o) => o.taskId === Number(taskId) && o.replacementNo === 1)!.localId!;
    expect([a, b]).not.toContain(replacement);
    expect(t.chat.lastCard(t.chat.dm(replacement), `task:${taskId}`).card.actions?.map((x) => x.label)).toContain('确认接收');
    const decision = t.chat.lastCard(t.chat.dm(b), 'recusal:2:decision');
    expect(cardText(decision.card)).toMatch(/审批结果：同意[\s\S]*补抽：已按原种子随机补抽/);
    for (const m of taskCards(b)) expect(cardText(m.card!)).toContain('我的状态：已回避');
    expect(transcript(t.chat.group())).toMatch(
      /第 1 组（.+）：.+回避（经局领导同意），已按原种子随机补抽 .+（第 1 次补抽，可用 \/verify 偃应急抽〔2026〕1号 复核）。/,
    );

    const record = await (await t.runtime.app.request('/public/draws/1.json')).json();
    expect(verifyDrawExport(record)).toEqual({ ok: true });
    const certificates = (await t.data.taskOfficers()).filter((o) => o.taskId === Number(taskId));
    expect(record.replacements).toEqual([expect.objectContaining({ taskIndex: 0, replacementNo: 1, reason: '回避', decidedOn: '2026-03-02' })]);
    expect(record.replacements[0].replacedOfficer).toBe(record.tasks[0].officers.find((c: string) => !record.finalTasks[0].officers.includes(c)));
    expect(certificates).toHaveLength(3);
  });

  it('a leader orders a recusal with /recuse, in a direct chat only', async () => {
    const group2 = (await t.data.taskOfficers()).filter((o) => o.ordinal === 1);
    const [c] = [group2[0]!.localId!];
    const inGroup = await t.chat.say('leader', '/recuse 1 第2组');
    expect(inGroup.body.toast?.text ?? transcript(t.chat.group())).toMatch(/为保护回避理由，请在与机器人的私聊中发送/);
    await t.chat.say(c, '/recuse 1 第2组', 'dm');
    expect(transcript(t.chat.dm(c))).toMatch(/只有局领导可以决定执法人员回避/);
    await t.chat.say('admin', '/recuse 1 第2组', 'dm');
    expect(transcript(t.chat.dm('admin'))).toMatch(/只有局领导可以决定执法人员回避.+你的身份是管理员/);
    await t.chat.say('leader', '/recuse 1 第9组', 'dm');
    expect(transcript(t.chat.dm('leader'))).toMatch(/没有第 9 组/);

    await t.chat.say('leader', '/recuse 偃应急抽〔2026〕1号 2', 'dm');
    const form = t.chat.lastCard(t.chat.dm('leader'), `task:${group2[0]!.taskId}:order-recusal`);
    const field = form.card.form!.fields.find((f) => f.name === 'officer')!;
    expect(field.type === 'select' && field.options.length).toBe(2);
    const officerRow = String(group2[0]!.officerId);
    const payload = t.chat.button(form.card, '决定回避').payload;
    const missing = await t.chat.click('leader', form.id, 'recusal.order', payload, { officer: officerRow, ground: 'relative', reason: '' });
    expect(missing.body.toast?.text).toMatch(/请填写回避理由/);
    const values = { officer: officerRow, ground: 'relative', reason: ORDER_REASON };
    const ordered = await t.chat.click('leader', form.id, 'recusal.order', payload, values);
    expect(ordered.body.toast?.text).toMatch(/已决定.+回避，已随机补抽 .+，并私信通知/);
    const again = await t.chat.click('leader', form.id, 'recusal.order', payload, values);
    expect(again.body.toast?.kind).toBe('info');
    expect(await t.data.auditCount('task.recusal_ordered')).toBe(1);
    expect((await t.data.recusals()).at(-1)).toMatchObject({ kind: 'order', status: 'approved', replacementNo: 1 });

    const told = t.chat.lastCard(t.chat.dm(c), 'recusal:');
    expect(told.card.title).toMatch(/^回避决定（已决定）：/);
    expect(cardText(told.card)).toContain(`回避理由：${ORDER_REASON}`);
    expect(transcript(t.chat.group())).toMatch(/第 2 组（.+）：.+回避（局领导决定），已按原种子随机补抽/);
    expect(verifyDrawExport(await (await t.runtime.app.request('/public/draws/1.json')).json())).toEqual({ ok: true });
  });

  it('/status and /tasks count the recusals awaiting approval', async () => {
    const group3 = (await t.data.taskOfficers()).filter((o) => o.ordinal === 2);
    const d = group3[0]!.localId!;
    const third = String(group3[0]!.taskId);
    await t.chat.click(d, t.chat.lastCard(t.chat.dm(d), `task:${third}`).id, 'task.recusal_form', { taskId: third });
    const form = t.chat.lastCard(t.chat.dm(d), `task:${third}:recusal`);
    await t.chat.click(d, form.id, 'task.recuse', { taskId: third }, { ground: 'other', reason: '与该企业存在未结的民事纠纷' });
    await t.chat.say('leader', '/status');
    expect(cardText(t.chat.lastCard(t.chat.group(), 'status').card)).toContain('回避待审批：1');
    await t.chat.say('leader', '/tasks');
    expect(cardText(t.chat.lastCard(t.chat.group(), 'tasks').card)).toMatch(/第3组.+\| 回避待审批 \|/);
  });
});
