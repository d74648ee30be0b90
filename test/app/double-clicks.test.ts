/**
 * Every button and form clicked twice at once (a double tap on a phone, a retried callback) has
 * one effect, and neither answer shows an older state than the other. The last case checks that
 * every action of the command table was clicked twice here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TABLE } from '../../src/app/commands/table';
import { runDailyReminders } from '../../src/app/use-cases/send-reminders';
import type { CardView } from '../../src/app/views/card-view';
import { enterprisesToCsv } from '../../src/import';
import { findingsWithDeadline } from '../support/findings';
import { cardText, startTestRuntime, type TestRuntime } from '../support/test-runtime';

describe('double clicks', () => {
  let t: TestRuntime<'memory'>;
  const clicked = new Set<string>();
  beforeAll(async () => {
    t = await startTestRuntime({ kind: 'memory' });
  });
  afterAll(() => t?.close());

  const twice = async (who: string, messageId: string, action: string, payload: Record<string, string>, values?: Record<string, string>) => {
    clicked.add(action);
    const [a, b] = await Promise.all([t.chat.click(who, messageId, action, payload, values), t.chat.click(who, messageId, action, payload, values)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    return [a.body, b.body] as const;
  };
  /** Every copy of a card in a conversation is the same (a card shown twice shows one state). */
  const copiesAgree = (conversation: ReturnType<TestRuntime['chat']['group']>, key: string) => {
    const copies = conversation.filter((m) => m.card?.key === key).map((m) => m.card as CardView);
    expect(copies.length).toBeGreaterThan(0);
    for (const c of copies) expect(c).toEqual(copies[0]);
  };
  let taskId: string;
  let officers: string[];

  it('确认抽取, 确认接收, 申请回避, 同意 and 放弃 each take effect once', async () => {
    await t.chat.say('leader', '/draw 机械 1家 每组2人');
    const announcement = t.chat.lastCard(t.chat.group(), 'draw:');
    const drawId = t.chat.button(announcement.card, '确认抽取').payload;
    const [x, y] = await twice('leader', announcement.id, 'draw.execute', drawId);
    expect([x.toast?.kind, y.toast?.kind].sort()).toEqual(['info', 'success']);
    expect(await t.data.auditCount('draw.executed')).toBe(1);
    expect(await t.data.count('tasks')).toBe(1);

    const [first, second] = (await t.data.taskOfficers()).map((o) => o.localId!);
    taskId = String((await t.data.taskOfficers())[0]!.taskId);
    const card = t.chat.lastCard(t.chat.dm(first!), `task:${taskId}`);
    await twice(first!, card.id, 'task.confirm', { taskId });
    expect(await t.data.auditCount('task.confirmed')).toBe(1);

    const other = t.chat.lastCard(t.chat.dm(second!), `task:${taskId}`);
    await twice(second!, other.id, 'task.recusal_form', { taskId });
    copiesAgree(t.chat.dm(second!), `task:${taskId}:recusal`);
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
    officers = [first!, (await t.data.taskOfficers()).find((o) => o.replacementNo === 1)!.localId!];

    await t.chat.say('leader', '/draw 建材 1家 每组2人');
    const pending = t.chat.lastCard(t.chat.group(), 'draw:');
    await t.chat.click('leader', pending.id, 'draw.abandon', t.chat.button(pending.card, '放弃').payload);
    const why = t.chat.lastCard(t.chat.group(), 'draw-abandon:');
    await twice('leader', why.id, 'draw.abandon', why.card.form!.submit.payload, { reason: '范围选错' });
    expect(await t.data.auditCount('draw.abandoned')).toBe(1);
  });

  it('现场检查方案, 上传证据, each step of the findings form, 提交检查结果, 已公示 and 复查 each take effect once', async () => {
    const [a, b] = officers as [string, string];
    await t.chat.click(b, t.chat.lastCard(t.chat.dm(b), `task:${taskId}`).id, 'task.confirm', { taskId });
    const card = t.chat.lastCard(t.chat.dm(a), `task:${taskId}`);
    const payload = { taskId };
    const [p1, p2] = await twice(a, card.id, 'task.plan', payload);
    expect(p1).toEqual(p2);
    copiesAgree(t.chat.dm(a), `task:${taskId}:plan`);
    const [v1, v2] = await twice(a, card.id, 'task.evidence_focus', payload);
    expect(v1).toEqual(v2);

    await twice(a, card.id, 'task.findings_form', payload);
    copiesAgree(t.chat.dm(a), `task:${taskId}:findings`);
    const form = t.chat.lastCard(t.chat.dm(a), `task:${taskId}:findings`);
    const plan = findingsWithDeadline('2026-03-02', '2026-03-10');
    const items = Object.fromEntries(Object.entries(plan.items).map(([c, r]) => [`item_${c}`, r]));
    await twice(a, form.id, 'task.findings_items', payload, { inspectionDate: plan.inspectionDate, ...items });
    await twice(a, form.id, 'task.findings_notes', payload, { note_CI03: plan.notes.CI03! });
    await twice(a, form.id, 'task.findings_step', { ...payload, step: 'hazards' });
    const hazard = (description: string) => ({ ...plan.hazards[0]!, description });
    // 添加隐患 twice at once adds one hazard; 删除第 2 条 twice at once removes one.
    await twice(a, form.id, 'task.hazard_add', payload, hazard('配电箱未接地'));
    await t.chat.click(a, form.id, 'task.hazard_add', payload, hazard('灭火器过期'));
    await t.chat.click(a, form.id, 'task.hazard_add', payload, hazard('消防通道堵塞'));
    expect(cardText(t.chat.dm(a).find((m) => m.id === form.id)!.card!)).toMatch(/已登记隐患 3 条/);
    const shown = () => t.chat.dm(a).find((m) => m.id === form.id)!.card!;
    await twice(a, form.id, 'task.hazard_remove', t.chat.button(shown(), '删除第 3 条').payload);
    expect(cardText(shown())).toMatch(/已登记隐患 2 条/);
    expect(cardText(shown())).not.toMatch(/消防通道堵塞/);
    await t.chat.click(a, form.id, 'task.hazard_remove', t.chat.button(shown(), '删除第 2 条').payload);
    await twice(a, form.id, 'task.findings_step', { ...payload, step: 'conclusion' });
    const [f1, f2] = await twice(a, form.id, 'task.findings', payload, plan.conclusion);
    expect([f1.toast?.kind, f2.toast?.kind].sort()).toEqual(['info', 'success']);
    expect(await t.data.count('findings')).toBe(1);
    // Both forms the double click opened follow: neither is left to submit again.
    expect(t.chat.dm(a).filter((m) => m.card?.key === `task:${taskId}:findings`)).toEqual([]);
    copiesAgree(t.chat.dm(a), `task:${taskId}:publication`);

    const publication = t.chat.lastCard(t.chat.dm(a), `task:${taskId}:publication`);
    const [u1, u2] = await twice(a, publication.id, 'task.publish', payload, { reference: '豫应急抽查〔2026〕9号' });
    expect([u1.toast?.kind, u2.toast?.kind].sort()).toEqual(['info', 'success']);
    expect(await t.data.auditCount('task.published')).toBe(1);
    t.clock.set('2026-03-10T01:05:00Z');
    await runDailyReminders(t.store, '2026-03-10');
    await t.runtime.outbox.drain();
    const digest = t.chat.lastCard(t.chat.dm(b), 'digest:2026-03-10');
    const open = digest.card.actions!.find((x) => x.action === 'task.recheck')!;
    await twice(b, digest.id, 'task.recheck', open.payload);
    copiesAgree(t.chat.dm(b), `task:${taskId}:recheck`);
    const recheck = t.chat.lastCard(t.chat.dm(b), `task:${taskId}:recheck`);
    const [c1, c2] = await twice(b, recheck.id, 'task.recheck_submit', recheck.card.form!.submit.payload, { recheckDate: '2026-03-10', hazard_1: 'rectified' });
    expect([c1.toast?.kind, c2.toast?.kind].sort()).toEqual(['info', 'success']);
    expect(await t.data.auditCount('task.recheck_recorded')).toBe(1);
    t.clock.set('2026-03-02T01:30:00Z');
  });

  it('执法文书 takes effect once', async () => {
    const [a] = officers as [string];
    const publication = t.chat.lastCard(t.chat.dm(a), `task:${taskId}:publication`);
    const files = () => t.chat.dm(a).filter((m) => m.file).length;
    const [before, issued] = [files(), await t.data.auditCount('task.documents_issued')];
    await twice(a, publication.id, 'task.documents', { taskId });
    expect(await t.data.auditCount('task.documents_issued')).toBe(issued + 1);
    // One of each document the record supports (the 复查 above added its 整改复查意见书), each once.
    const sent = t.chat
      .dm(a)
      .filter((m) => m.file)
      .slice(before)
      .map((m) => m.file!.name.replace(/-.*$/, ''));
    expect(sent.sort()).toEqual(['整改复查意见书', '现场检查记录', '责令限期整改指令书'].sort());
  });

  it('打开 on a digest, 不同意, 确认不同意 and 决定回避 each take effect once', async () => {
    await t.chat.say('leader', '/draw 轻工 1家 每组2人');
    const announcement = t.chat.lastCard(t.chat.group(), 'draw:');
    await t.chat.click('leader', announcement.id, 'draw.execute', t.chat.button(announcement.card, '确认抽取').payload);
    const all = await t.data.taskOfficers();
    const rows = all.filter((o) => o.taskId === Math.max(...all.map((x) => x.taskId)));
    const id = String(rows[0]!.taskId);
    const [c, d] = rows.map((o) => o.localId!) as [string, string];

    t.clock.set('2026-03-03T01:05:00Z');
    await runDailyReminders(t.store, '2026-03-03');
    await t.runtime.outbox.drain();
    const digest = t.chat.lastCard(t.chat.dm(c), 'digest:2026-03-03');
    const open = digest.card.actions!.find((x) => x.action === 'task.open' && x.payload.taskId === id)!;
    const [o1, o2] = await twice(c, digest.id, 'task.open', open.payload);
    expect(o1).toEqual(o2);
    copiesAgree(t.chat.dm(c), `task:${id}`);
    t.clock.set('2026-03-02T01:30:00Z');

    await t.chat.click(c, t.chat.lastCard(t.chat.dm(c), `task:${id}`).id, 'task.recusal_form', { taskId: id });
    const form = t.chat.lastCard(t.chat.dm(c), `task:${id}:recusal`);
    await t.chat.click(c, form.id, 'task.recuse', { taskId: id }, { ground: 'relative', reason: '近亲属在该企业任职' });
    const approval = t.chat.lastCard(t.chat.dm('leader'), 'recusal:');
    const reject = t.chat.button(approval.card, '不同意');
    await twice('leader', approval.id, 'recusal.reject_form', reject.payload);
    const rejectForm = t.chat.lastCard(t.chat.dm('leader'), `recusal:${reject.payload.recusalId}:reject`);
    const [j1, j2] = await twice('leader', rejectForm.id, 'recusal.reject', rejectForm.card.form!.submit.payload, { reason: '所述关系不属于回避情形' });
    expect([j1.toast?.kind, j2.toast?.kind].sort()).toEqual(['info', 'success']);
    expect(await t.data.auditCount('task.recusal_rejected')).toBe(1);

    const drawNo = /偃应急抽〔2026〕(\d+)号/.exec(announcement.card.title)![1]!;
    await t.chat.say('leader', `/recuse ${drawNo} 第1组`, 'dm');
    const order = t.chat.lastCard(t.chat.dm('leader'), `task:${id}:order-recusal`);
    const officer = rows.find((o) => o.localId === d)!.officerId;
    const [k1, k2] = await twice('leader', order.id, 'recusal.order', order.card.form!.submit.payload, {
      officer: String(officer),
      ground: 'relative',
      reason: '配偶在该企业任职',
    });
    expect([k1.toast?.kind, k2.toast?.kind]).toContain('info');
    expect(await t.data.auditCount('task.recusal_ordered')).toBe(1);
  });

  it('不撤销 and 同意撤销 each take effect once', async () => {
    await t.chat.say('leader', '/cancel 1 企业已停产');
    const question = t.chat.lastCard(t.chat.group(), 'draw-cancel:');
    const [k1, k2] = await twice('leader', question.id, 'draw.keep', t.chat.button(question.card, '不撤销').payload);
    expect([k1.toast?.text, k2.toast?.text]).toEqual(['未撤销。', '未撤销。']);
    expect(await t.data.auditCount('draw.cancelled')).toBe(0);

    await t.chat.say('leader', '/cancel 1 企业已停产，需重新安排');
    const again = t.chat.lastCard(t.chat.group(), 'draw-cancel:');
    await twice('admin', again.id, 'draw.cancel', t.chat.button(again.card, '同意撤销').payload);
    expect(await t.data.auditCount('draw.cancelled')).toBe(1);
    expect((await t.data.draws())[0]).toMatchObject({ status: 'cancelled' });
  });

  it('重发 and 放弃 on /outbox each take effect once', async () => {
    // Two messages to a platform this installation has no messenger for: refused at once, listed on /outbox.
    await t.store.transaction((repos) =>
      repos.outbox.enqueue(
        [1, 2].map((n) => ({
          agencyId: 1,
          to: { kind: 'user' as const, platform: 'feishu' as const, id: `ou_${n}` },
          message: { type: 'text' as const, text: `消息 ${n}` },
          idempotencyKey: `test:undelivered:${n}`,
        })),
      ),
    );
    await t.runtime.outbox.drain();
    await t.chat.say('admin', '/outbox', 'dm');
    const card = t.chat.lastCard(t.chat.dm('admin'), 'outbox');
    const [resend, abandon] = ['重发', '放弃'].map((verb) => card.card.actions!.find((a) => a.label.startsWith(verb))!);
    const [s1, s2] = await twice('admin', card.id, 'outbox.resend', resend!.payload);
    expect([s1.toast?.kind, s2.toast?.kind].sort()).toEqual(['info', 'success']);
    expect(await t.data.auditCount('outbox.resent')).toBe(1);
    const abandonOther = card.card.actions!.filter((a) => a.action === 'outbox.abandon' && a.payload.messageId !== resend!.payload.messageId)[0] ?? abandon!;
    const [b1, b2] = await twice('admin', card.id, 'outbox.abandon', abandonOther.payload);
    expect([b1.toast?.kind, b2.toast?.kind].sort()).toEqual(['info', 'info']);
    expect(await t.data.auditCount('outbox.abandoned')).toBe(1);
  });

  it('保存计划, 编辑计划, 确认导入 and 取消 (a register import) each take effect once', async () => {
    const created = await t.data.auditCount('plan.created');
    await t.chat.say('admin', '/plan 新建', 'dm');
    const form = t.chat.lastCard(t.chat.dm('admin'), 'plan-form:new');
    const plan = {
      docNo: '偃应急〔2026〕18号',
      year: '2026',
      title: '2026年“双随机、一公开”监管工作实施方案',
      checkItems: '1-10',
      batches: '第一批 2026-03-02至2026-12-31 机械3家 建材3家 轻工3家',
      isDefault: '是',
    };
    const [s1, s2] = await twice('admin', form.id, 'plan.save', form.card.form!.submit.payload, plan);
    expect([s1.toast?.kind, s2.toast?.kind].sort()).toEqual(['info', 'success']);
    expect(await t.data.auditCount('plan.created')).toBe(created + 1);
    const progress = t.chat.dm('admin').find((m) => m.id === form.id)!;
    const [e1, e2] = await twice('admin', progress.id, 'plan.edit', t.chat.button(progress.card!, '编辑计划').payload);
    expect(e1).toEqual(e2);
    copiesAgree(t.chat.dm('admin'), t.chat.lastCard(t.chat.dm('admin'), 'plan-form:').card.key);

    const register = await t.store.transaction((r) => r.registers.enterprises(1));
    const renamed = (name: string) => new TextEncoder().encode(enterprisesToCsv([{ ...register[0]!, name }, ...register.slice(1)]));
    await t.chat.upload('admin', '企业名录.csv', renamed('改过名的企业'));
    const preview = t.chat.lastCard(t.chat.dm('admin'), 'import:');
    const [i1, i2] = await twice('admin', preview.id, 'import.confirm', t.chat.button(preview.card, '确认导入').payload);
    expect([i1.toast?.kind, i2.toast?.kind].sort()).toEqual(['info', 'success']);
    expect(await t.data.auditCount('directory.enterprises_imported')).toBe(1);
    await t.chat.upload('admin', '企业名录.csv', renamed('又改过名的企业'));
    const next = t.chat.lastCard(t.chat.dm('admin'), 'import:');
    await twice('admin', next.id, 'import.cancel', t.chat.button(next.card, '取消').payload);
    expect(await t.data.auditCount('directory.import_cancelled')).toBe(1);
  });

  it('clicked every button and form of the command table twice', () => {
    expect([...clicked].sort()).toEqual(APP_TABLE.actions.map((a) => a.name).sort());
  });
});
