/**
 * The reason of a 回避 is seen by the officer concerned and the leaders only: after an approved
 * application, a refused one and an order, every other output of the bot (the group, the other
 * officers' and the administrators' chats, /public, the draw's public record, /verify and
 * `draw verify`) is searched for each reason and the refusal's reason. The public record keeps
 * that a 回避 happened, which is all verification needs; records from before keep verifying.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawCommand } from '../../src/cli/draw-command';
import type { CliContext } from '../../src/cli/commands';
import type { LocalMessage } from '../../src/bot/local';
import { verifyDrawExport } from '../../src/domain/draw';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime';
import { TEST_DRAW_KEY } from '../support/draw-key';

const APPROVED = '隐私测试甲：本人表弟在该企业任车间主任';
const REFUSED = '隐私测试乙：本人曾参与该企业评审';
const REFUSAL = '隐私测试丙：评审已结束三年，不影响公正';
const ORDERED = '隐私测试丁：其妻为该企业股东';
const LEGACY = '隐私测试戊：旧版记录中的理由';
const SECRETS = [APPROVED, REFUSED, REFUSAL, ORDERED, LEGACY];

const noDb: CliContext = { drawKey: () => TEST_DRAW_KEY, openDatabase: () => Promise.reject(new Error('draw verify needs no database')) };

describe('privacy of a recusal’s reason', () => {
  let t: TestRuntime<'memory'>;
  /** Who may read each reason: the officer concerned and the leader. */
  let allowed: Set<string>;
  let everyone: string[];

  const dump = (messages: LocalMessage[]) => JSON.stringify(messages);
  const leaks = (text: string) => SECRETS.filter((s) => text.includes(s));

  async function apply(who: string, taskId: string, reason: string) {
    await t.chat.click(who, t.chat.lastCard(t.chat.dm(who), `task:${taskId}`).id, 'task.recusal_form', { taskId });
    const form = t.chat.lastCard(t.chat.dm(who), `task:${taskId}:recusal`);
    await t.chat.click(who, form.id, 'task.recuse', { taskId }, { ground: 'relative', reason });
    return t.chat.lastCard(t.chat.dm('leader'), 'recusal:');
  }

  beforeAll(async () => {
    t = await startTestRuntime({ kind: 'memory' });
    await t.chat.say('leader', '/draw 机械 3家 每组2人 3月2日-3月31日');
    const announcement = t.chat.lastCard(t.chat.group(), 'draw:');
    await t.chat.click('leader', announcement.id, 'draw.execute', t.chat.button(announcement.card, '确认抽取').payload);
    const rows = await t.data.taskOfficers();
    const [g1, g2, g3] = [0, 1, 2].map((k) => rows.filter((o) => o.ordinal === k));
    const [x, y, z] = [g1![0]!, g2![0]!, g3![0]!];

    // Group 1: approved. Group 2: refused with a reason. Group 3: ordered by the leader.
    const first = await apply(x.localId!, String(x.taskId), APPROVED);
    await t.chat.click('leader', first.id, 'recusal.approve', t.chat.button(first.card, '同意').payload);
    const second = await apply(y.localId!, String(y.taskId), REFUSED);
    await t.chat.click('leader', second.id, 'recusal.reject_form', t.chat.button(second.card, '不同意').payload);
    const reject = t.chat.lastCard(t.chat.dm('leader'), 'recusal:2:reject');
    await t.chat.click('leader', reject.id, 'recusal.reject', { recusalId: '2' }, { reason: REFUSAL });
    await t.chat.say('leader', '/recuse 1 第3组', 'dm');
    const order = t.chat.lastCard(t.chat.dm('leader'), 'task:');
    await t.chat.click('leader', order.id, 'recusal.order', t.chat.button(order.card, '决定回避').payload, {
      officer: String(z.officerId),
      ground: 'relative',
      reason: ORDERED,
    });

    // A record stored before reasons became private: its reason was “回避：<理由>”.
    await t.memory!.transaction(async (tx) => {
      const row = [...tx.read('drawReplacements').values()][0]!;
      tx.put('drawReplacements', row.id, { ...row, record: { ...(row.record as object), reason: `回避：${LEGACY}` } });
    });
    expect(JSON.stringify([...t.memory!.committed.drawReplacements.values()])).toContain(LEGACY);
    await t.chat.say('officer-05', '/verify 1');
    allowed = new Set(['leader', x.localId!, y.localId!, z.localId!]);
    everyone = [...new Set([...(await t.data.taskOfficers()).map((o) => o.localId!), 'admin', 'officer-05'])];
  });
  afterAll(() => t?.close());

  it('reaches the people it concerns (so the search below can find it)', () => {
    const leader = dump(t.chat.dm('leader'));
    for (const s of [APPROVED, REFUSED, REFUSAL, ORDERED]) expect(leader).toContain(s);
  });

  it('is in no group message and in no other person’s chat', () => {
    expect(leaks(dump(t.chat.group()))).toEqual([]);
    expect(t.chat.group().some((m) => /回避（经局领导同意）/.test(m.text ?? ''))).toBe(true);
    expect(t.chat.group().some((m) => /复核通过：偃应急抽〔2026〕1号.+2 次补抽/.test(m.text ?? ''))).toBe(true);
    for (const who of everyone.filter((p) => !allowed.has(p))) expect(leaks(dump(t.chat.dm(who))), who).toEqual([]);
  });

  it('is not on /public, in the draw’s record, nor in what `draw verify` prints; the record still verifies', async () => {
    expect(leaks(await (await t.runtime.app.request('/public')).text())).toEqual([]);
    const text = await (await t.runtime.app.request('/public/draws/1.json')).text();
    expect(leaks(text)).toEqual([]);
    const doc = JSON.parse(text);
    expect(doc.replacements.map((r: { reason: string }) => r.reason)).toEqual(['回避', '回避']);
    expect(verifyDrawExport(doc)).toEqual({ ok: true });

    const file = join(mkdtempSync(join(tmpdir(), 'drbot-privacy-')), 'draw.json');
    writeFileSync(file, text);
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) };
    expect(await drawCommand.run(['verify', file], io, noDb)).toBe(0);
    expect(out).toEqual(['OK']);

    // A tampered record fails and says where, without any reason in the words.
    const tampered = { ...doc, replacements: [{ ...doc.replacements[0], replacedOfficer: doc.replacements[1].officer }, doc.replacements[1]] };
    writeFileSync(file, JSON.stringify(tampered));
    out.length = 0;
    expect(await drawCommand.run(['verify', file], io, noDb)).toBe(1);
    expect(out.join('\n')).toMatch(/replacements\[0\] 的被替换人员 replacedOfficer .+ 不在离开人员 excludedOfficers 中/);
  });

  it('an older record, with the reason in it and none of the new fields, still verifies', async () => {
    const doc = await (await t.runtime.app.request('/public/draws/1.json')).json();
    const old = {
      ...doc,
      replacements: doc.replacements.map(({ replacedOfficer: _r, decidedOn: _d, ...r }: Record<string, unknown>) => ({ ...r, reason: `回避：${LEGACY}` })),
    };
    delete old.publications;
    expect(verifyDrawExport(old)).toEqual({ ok: true });
  });
});
