/**
 * The whole inspection through the local chat, from the draw to the publication: run on the
 * in-memory store (test/app/lifecycle.test.ts) and on each real database (test/db/lifecycle.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client';
import { verifyDrawExport } from '../../src/domain/draw';
import { cardText, startTestRuntime, transcript, type StoreKind, type TestRuntime } from '../support/test-runtime';
import { fillFindings, goodFindings } from '../support/findings';

const GOOD_FINDINGS = goodFindings();

/** `open`: the database to run on instead of a fresh one of `kind` (e.g. connected as the runtime role), named by `label`. */
export function describeLifecycle(kind: StoreKind, options: { open?: () => Promise<Database>; label?: string } = {}): void {
  describe(`inspection lifecycle in the local chat [${options.label ?? kind}]`, () => {
    let t: TestRuntime<StoreKind>;
    beforeAll(async () => {
      t = await startTestRuntime({ kind, ...(options.open ? { database: await options.open() } : {}) });
    });
    afterAll(() => t?.close());

    it('leader draws, officers confirm, one recuses with the head’s approval and is replaced, findings are submitted and published', async () => {
      const { chat } = t;
      expect((await chat.say('leader', '/draw 机械 建材 3家 每组2人 3月2日-3月31日')).status).toBe(200);
      const announcement = chat.lastCard(chat.group(), 'draw:');
      expect(announcement.card.title).toContain('偃应急抽〔2026〕1号');
      expect(cardText(announcement.card)).toMatch(/企业池哈希 SHA-256：[0-9a-f]{64}/);
      expect(cardText(announcement.card)).toMatch(/秘密值承诺 SHA-256：[0-9a-f]{64}/);

      // An officer may not execute the draw.
      const denied = await chat.click('officer-01', announcement.id, 'draw.execute', { drawId: '1' });
      expect(denied.body.toast?.text).toMatch(/只有局领导或管理员/);

      const executed = await chat.click('leader', announcement.id, 'draw.execute', { drawId: '1' });
      expect(executed.body.toast?.kind).toBe('success');
      const result = chat.lastCard(chat.group(), 'draw:1:result');
      const table = result.card.sections.find((s) => s.type === 'table');
      expect(table && table.type === 'table' && table.rows.length).toBe(3);

      // Double click: nothing more happens.
      await chat.click('leader', announcement.id, 'draw.execute', { drawId: '1' });
      expect(chat.group().filter((m) => m.card?.key === 'draw:1:result')).toHaveLength(1);
      expect(await t.data.count('tasks')).toBe(3);

      // Find the officers of group 1 through their task cards.
      // By ordinal, then officer (stable sort of rows by officer id).
      const tasks = (await t.data.taskOfficers()).sort((x, y) => x.ordinal - y.ordinal);
      const group1 = tasks.filter((r) => r.ordinal === 0);
      const [a, b] = [group1[0]!.localId!, group1[1]!.localId!];
      const taskId = String(group1[0]!.taskId);
      const cardA = chat.lastCard(chat.dm(a), `task:${taskId}`);
      expect(cardText(cardA.card)).toContain('同组执法人员');
      await chat.click(a, cardA.id, 'task.confirm', { taskId });
      expect(cardText(chat.dm(a).find((m) => m.id === cardA.id)!.card!)).toContain('我的状态：已确认');

      // Findings before the partner confirmed are refused (行政处罚法 第四十二条).
      await chat.click(a, cardA.id, 'task.findings_form', { taskId });
      const earlyForm = chat.lastCard(chat.dm(a), `task:${taskId}:findings`);
      const early = await fillFindings(chat.click, a, earlyForm.id, taskId, GOOD_FINDINGS);
      expect(early.body.toast?.text).toMatch(/至少 2 名执法人员/);

      // Officer b applies for 回避; the head approves; a replacement c is drawn from the same seed.
      const cardB = chat.lastCard(chat.dm(b), `task:${taskId}`);
      await chat.click(b, cardB.id, 'task.recusal_form', { taskId });
      const recusalForm = chat.lastCard(chat.dm(b), `task:${taskId}:recusal`);
      const empty = await chat.click(b, recusalForm.id, 'task.recuse', { taskId }, { ground: 'relative', reason: '' });
      expect(empty.body.toast?.text).toMatch(/请填写回避理由/);
      const applied = await chat.click(b, recusalForm.id, 'task.recuse', { taskId }, { ground: 'relative', reason: '本人近亲属在该企业任职' });
      expect(applied.body.toast?.text).toMatch(/已提交局领导审批/);
      expect(cardText(chat.dm(a).find((m) => m.id === cardA.id)!.card!)).toContain('回避待审批');
      const approval = chat.lastCard(chat.dm('leader'), 'recusal:');
      expect(cardText(approval.card)).toContain('本人近亲属在该企业任职');
      const approved = await chat.click('leader', approval.id, 'recusal.approve', chat.button(approval.card, '同意').payload);
      expect(approved.body.toast?.text).toMatch(/已随机补抽/);
      expect(transcript(chat.group())).toMatch(/回避（经局领导同意），已按原种子随机补抽/);
      expect(transcript(chat.group())).not.toContain('近亲属');
      const replacement = (await t.data.taskOfficers()).filter((o) => o.taskId === Number(taskId) && o.replacementNo === 1)[0]!.localId!;
      expect(replacement).not.toBe(a);
      expect(replacement).not.toBe(b);
      const cardC = chat.lastCard(chat.dm(replacement), `task:${taskId}`);
      await chat.click(replacement, cardC.id, 'task.confirm', { taskId });

      // Invalid findings come back with every problem named, and nothing is saved.
      await chat.click(a, cardA.id, 'task.findings_form', { taskId });
      const form = chat.lastCard(chat.dm(a), `task:${taskId}:findings`);
      const items = Object.fromEntries(Object.entries(GOOD_FINDINGS.items).map(([c, r]) => [`item_${c}`, r]));
      const bad = await chat.click(a, form.id, 'task.findings_items', { taskId }, { inspectionDate: '2026-03-02', ...items, item_CI03: '' });
      expect(bad.body.toast?.kind).toBe('error');
      expect(cardText(chat.dm(a).find((m) => m.id === form.id)!.card!)).toMatch(/「CI03 .+」未填写/);
      expect(await t.data.count('findings')).toBe(0);

      const good = await fillFindings(chat.click, a, form.id, taskId, GOOD_FINDINGS);
      expect(good.body.toast?.text).toContain('2026-03-09');
      const publication = chat.dm(a).find((m) => m.id === form.id)!.card!;
      expect(cardText(publication)).toContain('公示期限：2026-03-09');
      expect(cardText(publication)).toContain('检查结果：未发现问题');
      // The original task cards no longer offer what does not apply any more.
      const original = chat.dm(a).find((m) => m.id === cardA.id)!.card!;
      expect(original.actions?.map((x) => x.label)).toEqual(['现场检查方案', '上传证据']);
      expect(cardText(chat.lastCard(chat.dm(b), `task:${taskId}`).card)).toContain('我的状态：已回避');
      expect(chat.lastCard(chat.dm(b), `task:${taskId}`).card.actions).toEqual([]);

      await chat.click(a, form.id, 'task.publish', { taskId }, { reference: '豫公示-2026-001' });
      const again = await chat.click(a, form.id, 'task.publish', { taskId }, { reference: '豫公示-2026-001' });
      expect(again.body.toast?.text).toMatch(/已登记为公示/);
      expect(transcript(chat.group())).toMatch(/检查结果已由.+公示/);

      const verify = await chat.say('officer-05', '/verify 偃应急抽〔2026〕1号');
      expect(verify.status).toBe(200);
      expect(transcript(chat.group())).toMatch(/复核通过：偃应急抽〔2026〕1号.+1 次补抽/);
      expect(await t.data.verifyAudit()).toMatchObject({ ok: true });

      // 一公开: the result is on the public page at once, and the draw's record re-runs anywhere.
      const page = await (await t.runtime.app.request('/public')).text();
      const published = (await t.data.tasks()).find((x) => x.id === Number(taskId));
      expect(page).toContain(published!.enterpriseName);
      expect(page).toContain('未发现问题');
      expect(page).toContain('豫公示-2026-001');
      const record = await t.runtime.app.request('/public/draws/1.json');
      expect(record.status).toBe(200);
      const doc = await record.json();
      expect(verifyDrawExport(doc)).toEqual({ ok: true });
      expect(doc.replacements[0]).toMatchObject({ reason: '回避', decidedOn: '2026-03-02' });
      expect(doc.publications).toEqual([
        { taskIndex: 0, publishedOn: '2026-03-02', recordNumber: '豫公示-2026-001', due: '2026-03-09', late: false, lateWorkdays: 0 },
      ]);
      expect(JSON.stringify(doc)).not.toContain('近亲属');
    });

    it('executes a draw by industry (the whole lot read) and by total (only the drawn lines read), and both records verify', async () => {
      const { chat } = t;
      for (const command of ['/draw 冶金2家 建材1家 每组2人 3月2日-3月31日', '/draw 4家 每组2人 3月2日-3月31日']) {
        await chat.say('leader', command);
        const announcement = chat.lastCard(chat.group(), 'draw:');
        const drawId = announcement.card.actions![0]!.payload.drawId!;
        const executed = await chat.click('leader', announcement.id, 'draw.execute', { drawId });
        expect(executed.body.toast?.kind, command).toBe('success');
        const tasks = (await t.data.tasks(Number(drawId))).sort((x, y) => x.ordinal - y.ordinal);
        expect(tasks.length, command).toBe(command.includes('冶金') ? 3 : 4);
        if (command.includes('冶金')) expect(tasks.map((x) => x.industry)).toEqual(['冶金', '冶金', '建材']);
        // Each task carries the frozen lot's record of its enterprise, as the directory holds it.
        const names = await t.data.enterpriseNames(tasks.map((x) => x.uscc));
        expect(new Map(tasks.map((x) => [x.uscc, x.enterpriseName]))).toEqual(names);
        const record = await t.runtime.app.request(`/public/draws/${drawId}.json`);
        const doc = await record.json();
        expect(verifyDrawExport(doc), command).toEqual({ ok: true });
      }
    });

    it('pages a long result so every card stays small', async () => {
      const { chat } = t;
      await chat.say('leader', '/draw 60家 每组2人 3月2日-3月31日');
      const announcement = chat.lastCard(chat.group(), 'draw:');
      const drawId = announcement.card.actions![0]!.payload.drawId!;
      await chat.click('leader', announcement.id, 'draw.execute', { drawId });
      const pages = chat.group().filter((m) => m.card?.key.startsWith(`draw:${drawId}:result`));
      expect(pages.map((m) => m.card!.title)).toEqual([expect.stringMatching(/（第 1\/2 页）$/), expect.stringMatching(/（第 2\/2 页）$/)]);
      const rows = pages.map((m) => m.card!.sections.find((x) => x.type === 'table')).map((x) => (x && x.type === 'table' ? x.rows.length : 0));
      expect(rows).toEqual([50, 10]);
      expect(cardText(pages[1]!.card!)).toMatch(/随机种子：[0-9a-f]{64}/);
    });

    it('answers bad commands in Chinese with an example, and refuses strangers', async () => {
      const { chat } = t;
      await chat.say('leader', '/draw 化工 5家');
      expect(transcript(chat.group())).toMatch(/看不懂“化工”[\s\S]*正确示例：\/draw/);
      await chat.say('officer-02', '/draw 机械 2家');
      expect(transcript(chat.group())).toMatch(/只有局领导或管理员可以发起抽取/);
      const stranger = await chat.say('nobody', '/status');
      expect(stranger.body.toast?.text).toMatch(/尚未与本局人员名录关联/);
      // /cancel asks first; 不撤销 leaves the draw as it is.
      await chat.say('leader', '/cancel 偃应急抽〔2026〕1号 企业停产需重新安排');
      const first = chat.lastCard(chat.group(), 'draw-cancel:');
      expect(cardText(first.card)).toContain('企业停产需重新安排');
      const kept = await chat.click('leader', first.id, 'draw.keep', chat.button(first.card, '不撤销').payload);
      expect(kept.body.toast?.text).toBe('未撤销。');
      expect(transcript(chat.group())).not.toMatch(/已撤销抽取/);
      // The short form of the number; the reason is kept exactly as typed. An executed draw is
      // cancelled only when a second leader or administrator agrees: the asker alone cannot.
      await chat.say('leader', '/cancel 1 企业停产，需重新安排！（见 3 月 2 日通知）');
      const question = chat.lastCard(chat.group(), 'draw-cancel:');
      const confirm = chat.button(question.card, '同意撤销');
      expect(confirm.payload.reason).toBe('企业停产，需重新安排！（见 3 月 2 日通知）');
      const alone = await chat.click('leader', question.id, 'draw.cancel', confirm.payload);
      expect(alone.body.toast?.text).toBe('撤销已执行的抽取须由另一位局领导或管理员确认，申请人本人不能确认。');
      expect(await t.data.draws()).toContainEqual({ drawNo: '偃应急抽〔2026〕1号', status: 'executed' });
      const leaderName = await t.data.personName('leader');
      const adminName = await t.data.personName('admin');
      await Promise.all([chat.click('admin', question.id, 'draw.cancel', confirm.payload), chat.click('admin', question.id, 'draw.cancel', confirm.payload)]);
      expect(
        transcript(chat.group()).match(
          new RegExp(`已撤销抽取 偃应急抽〔2026〕1号（${leaderName}申请，${adminName}确认；原因：企业停产，需重新安排！（见 3 月 2 日通知））`, 'g'),
        ),
      ).toHaveLength(1);
      const announcement = chat.group().find((m) => m.card?.key === 'draw:1')!;
      const ended = cardText(announcement.card!);
      expect(ended).toContain('原因：企业停产，需重新安排！（见 3 月 2 日通知）');
      expect(ended).toContain(`申请撤销人：${leaderName}`);
      expect(ended).toContain(`确认撤销人：${adminName}`);
      expect(ended).toMatch(/撤销时间：2026-03-\d\d \d\d:\d\d/);
      await chat.say('leader', '/status');
      expect(chat.lastCard(chat.group(), 'status').card.title).toContain('抽查工作进度');
    });
  });
}
