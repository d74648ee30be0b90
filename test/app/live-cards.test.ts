/**
 * Cards that stay true: every copy of a task's cards, for everyone who holds one, follows each
 * state change; and a repeated click or submission never shows a card older than the first did.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardView } from '../../src/app/views/card-view';
import { cardText, startTestRuntime, type TestRuntime } from '../support/test-runtime';
import { goodFindings, prepareFindings } from '../support/findings';

const FINDINGS = goodFindings();

describe('live cards', () => {
  let t: TestRuntime<'memory'>;
  let taskId: string;
  let officers: string[];
  /** Every message in a person's direct chat that shows one of this task's cards, as it is now. */
  const copies = (who: string, key: string): CardView[] => t.chat.dm(who).flatMap((m) => (m.card && m.id && m.card.key === key ? [m.card] : []));
  const taskCards = (who: string) => t.chat.dm(who).filter((m) => m.card?.key === `task:${taskId}`);
  const labels = (card: CardView | undefined) => [...(card?.actions ?? []).map((a) => a.label), ...(card?.form ? [card.form.submit.label] : [])];

  beforeAll(async () => {
    t = await startTestRuntime({ kind: 'memory' });
    await t.chat.say('leader', '/draw 机械 1家 每组3人 3月2日-3月31日');
    const announcement = t.chat.lastCard(t.chat.group(), 'draw:');
    await t.chat.click('leader', announcement.id, 'draw.execute', t.chat.button(announcement.card, '确认抽取').payload);
    const rows = await t.data.taskOfficers();
    taskId = String(rows[0]!.taskId);
    officers = rows.map((r) => r.localId!);
  });
  afterAll(() => t?.close());

  it('follows a confirmation on every partner’s card', async () => {
    const [a, b, c] = officers as [string, string, string];
    const card = t.chat.lastCard(t.chat.dm(a), `task:${taskId}`);
    await t.chat.click(a, card.id, 'task.confirm', { taskId });
    for (const partner of [b, c]) {
      expect(cardText(taskCards(partner).at(-1)!.card!)).toMatch(new RegExp(`${await t.data.personName(a)}（[^）]*已确认）`));
    }
    expect(labels(taskCards(a).at(-1)!.card)).not.toContain('确认接收');
  });

  it('shows /tasks cards again, and keeps every copy current', async () => {
    const [a, b] = officers as [string, string];
    await t.chat.say(b, '/tasks', 'dm');
    await t.chat.say(b, '/tasks', 'dm');
    expect(taskCards(b).length).toBeGreaterThanOrEqual(2);
    for (const m of taskCards(b)) expect(labels(m.card)).toContain('确认接收');
    // a's recusal form was opened before b confirms: it stays a form while a may still recuse.
    await t.chat.click(a, taskCards(a).at(-1)!.id, 'task.recusal_form', { taskId });
    await t.chat.click(b, taskCards(b).at(0)!.id, 'task.confirm', { taskId });
    for (const m of taskCards(b)) expect(labels(m.card)).not.toContain('确认接收');
    expect(labels(t.chat.lastCard(t.chat.dm(a), `task:${taskId}:recusal`).card)).toContain('提交回避申请');
  });

  it('shows 回避待审批 on every copy while the head decides, then the recusal and the replacement', async () => {
    const [a, b, c] = officers as [string, string, string];
    await t.chat.click(c, taskCards(c).at(-1)!.id, 'task.recusal_form', { taskId });
    await t.chat.click(c, taskCards(c).at(-1)!.id, 'task.findings_form', { taskId });
    const form = t.chat.lastCard(t.chat.dm(c), `task:${taskId}:recusal`);
    await t.chat.click(c, form.id, 'task.recuse', { taskId }, { ground: 'relative', reason: '本人近亲属在该企业任职' });
    // Until decided: every copy says so, c is asked for nothing, and nobody else sees the reason.
    for (const who of [a, b, c]) {
      for (const m of taskCards(who)) {
        expect(cardText(m.card!)).toContain('回避待审批');
        expect(cardText(m.card!)).not.toContain('近亲属');
      }
    }
    for (const m of taskCards(c)) expect(labels(m.card)).toEqual([]);
    expect(t.chat.dm(c).filter((m) => m.card?.form)).toEqual([]);
    const approval = t.chat.lastCard(t.chat.dm('leader'), 'recusal:');
    await t.chat.click('leader', approval.id, 'recusal.approve', t.chat.button(approval.card, '同意').payload);
    for (const m of taskCards(c)) {
      expect(cardText(m.card!)).toContain('我的状态：已回避');
      expect(labels(m.card)).toEqual([]);
    }
    const replacement = (await t.data.taskOfficers()).find((o) => o.replacementNo === 1)!.localId!;
    officers.push(replacement);
    expect(cardText(taskCards(a).at(-1)!.card!)).toContain(`${await t.data.personName(replacement)}（`);
  });

  it('two quick submissions have one effect and both show the publication card; partners’ open forms follow', async () => {
    const [a, b, , d] = officers as [string, string, string, string];
    await t.chat.click(d, taskCards(d).at(-1)!.id, 'task.confirm', { taskId });
    await t.chat.click(b, taskCards(b).at(-1)!.id, 'task.findings_form', { taskId });
    await t.chat.click(a, taskCards(a).at(-1)!.id, 'task.findings_form', { taskId });
    const form = t.chat.lastCard(t.chat.dm(a), `task:${taskId}:findings`);
    // The steps before the last, then the submission twice at once.
    const { conclusion } = FINDINGS;
    await prepareFindings(t.chat.click, a, form.id, taskId, FINDINGS);
    const [first, second] = await Promise.all([
      t.chat.click(a, form.id, 'task.findings', { taskId }, conclusion),
      t.chat.click(a, form.id, 'task.findings', { taskId }, conclusion),
    ]);
    expect([first.body.toast?.kind, second.body.toast?.kind].sort()).toEqual(['info', 'success']);
    expect(await t.data.count('findings')).toBe(1);
    // The form a showed turned into the publication card, whichever answer came last.
    expect(t.chat.dm(a).find((m) => m.id === form.id)!.card!.key).toBe(`task:${taskId}:publication`);
    // b had the form open: it is no longer a form to submit.
    for (const open of copies(b, `task:${taskId}:publication`)) expect(labels(open)).toEqual(['执法文书', '上传证据', '已公示']);
    expect(t.chat.dm(b).filter((m) => m.card?.form?.submit.label === '提交检查结果')).toEqual([]);
  });

  it('a publication by one shows on every partner’s cards, with who published', async () => {
    const [a, b, , d] = officers as [string, string, string, string];
    const publication = t.chat.lastCard(t.chat.dm(b), `task:${taskId}:publication`);
    const [once, twice] = await Promise.all([
      t.chat.click(b, publication.id, 'task.publish', { taskId }, { reference: '豫公示-2026-007' }),
      t.chat.click(b, publication.id, 'task.publish', { taskId }, { reference: '豫公示-2026-007' }),
    ]);
    expect([once.body.toast?.kind, twice.body.toast?.kind].sort()).toEqual(['info', 'success']);
    const name = await t.data.personName(b);
    for (const who of [a, b, d]) {
      for (const card of [...copies(who, `task:${taskId}:publication`), ...taskCards(who).map((m) => m.card!)]) {
        expect(cardText(card)).toContain(`已由${name}于 2026-03-02 公示（公示系统记录编号 豫公示-2026-007）。`);
        expect(labels(card)).not.toContain('已公示');
      }
    }
    // The form a submitted became the publication card and followed the publication too.
    expect(labels(t.chat.lastCard(t.chat.dm(a), `task:${taskId}:publication`).card)).toEqual(['执法文书', '上传证据']);
  });
});

describe('live cards when a draw is cancelled', () => {
  let t: TestRuntime<'memory'>;
  afterAll(() => t?.close());

  it('every copy held by each of three officers loses its buttons and forms, and says 已撤销', async () => {
    t = await startTestRuntime({ kind: 'memory' });
    await t.chat.say('leader', '/draw 建材 1家 每组3人');
    const announcement = t.chat.lastCard(t.chat.group(), 'draw:');
    await t.chat.click('leader', announcement.id, 'draw.execute', t.chat.button(announcement.card, '确认抽取').payload);
    const rows = await t.data.taskOfficers();
    const taskId = String(rows[0]!.taskId);
    const [a, b, c] = rows.map((r) => r.localId!) as [string, string, string];
    const last = (who: string) => t.chat.lastCard(t.chat.dm(who), `task:${taskId}`);
    // Each holds something different: a confirmed and opened the findings form, b opened the recusal form, c asked /tasks again.
    await t.chat.click(a, last(a).id, 'task.confirm', { taskId });
    await t.chat.click(a, last(a).id, 'task.findings_form', { taskId });
    await t.chat.click(b, last(b).id, 'task.recusal_form', { taskId });
    await t.chat.say(c, '/tasks', 'dm');

    await t.chat.say('leader', '/cancel 1 企业已停产，需重新安排');
    const question = t.chat.lastCard(t.chat.group(), 'draw-cancel:');
    await t.chat.click('admin', question.id, 'draw.cancel', t.chat.button(question.card, '同意撤销').payload);
    expect(cardText(t.chat.group().find((m) => m.card?.key === 'draw:1')!.card!)).toContain('原因：企业已停产，需重新安排');
    for (const who of [a, b, c]) {
      const held = t.chat.dm(who).filter((m) => m.card?.key.startsWith(`task:${taskId}`));
      expect(held.length, who).toBeGreaterThan(0);
      for (const m of held) {
        expect(m.card!.actions ?? [], `${who} ${m.card!.key}`).toEqual([]);
        expect(m.card!.form, `${who} ${m.card!.key}`).toBeUndefined();
        expect(cardText(m.card!)).toContain('已撤销');
      }
    }
  });
});
