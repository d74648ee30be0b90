/**
 * `/tasks` for a leader: the agency's tasks as a table, narrowed by draw, status, officer,
 * industry and 逾期, and paged; for an officer, his own live task cards with their buttons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText, startTestRuntime, type TestRuntime } from '../support/test-runtime';
import { fillFindings, goodFindings } from '../support/findings';

describe('/tasks', () => {
  let t: TestRuntime<'memory'>;
  beforeAll(async () => {
    t = await startTestRuntime({ kind: 'memory' });
    for (const draw of ['/draw 机械 15家 每组2人', '/draw 建材 10家 每组2人']) {
      await t.chat.say('leader', draw);
      const announcement = t.chat.lastCard(t.chat.group(), 'draw:');
      await t.chat.click('leader', announcement.id, 'draw.execute', t.chat.button(announcement.card, '确认抽取').payload);
    }
  });
  afterAll(() => t?.close());

  /** The leader's /tasks table: its title and its rows (序号 … as shown). */
  const list = async (filter: string) => {
    await t.chat.say('leader', `/tasks ${filter}`.trim());
    const card = t.chat.lastCard(t.chat.group(), 'tasks').card;
    const table = card.sections.find((s) => s.type === 'table');
    return { title: card.title, text: cardText(card), rows: table?.type === 'table' ? table.rows : [] };
  };

  it('pages all tasks, newest first, 20 to a page', async () => {
    const first = await list('');
    expect(first.title).toBe('检查任务（共 25 项，第 1/2 页）');
    expect(first.rows).toHaveLength(20);
    const second = await list('第2页');
    expect(second.title).toBe('检查任务（共 25 项，第 2/2 页）');
    expect(second.rows).toHaveLength(5);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.join('|'))).size).toBe(25);
    // A page past the last shows the last.
    expect((await list('p9')).title).toBe('检查任务（共 25 项，第 2/2 页）');
  });

  it('narrows by draw, industry, status, officer and 逾期', async () => {
    expect((await list('2026-2')).title).toBe('检查任务（共 10 项）');
    expect((await list('偃应急抽（2026）1号')).title).toBe('检查任务（共 15 项）');
    expect((await list('建材')).title).toBe('检查任务（共 10 项）');
    expect((await list('待确认')).title).toBe('检查任务（共 25 项，第 1/2 页）');

    const [officer] = await t.data.taskOfficers();
    const name = (await t.data.personName(officer!.localId!))!;
    const mine = await list(name);
    expect(mine.rows.length).toBeGreaterThan(0);
    for (const row of mine.rows) expect(row.join('|')).toContain(name);

    // One task inspected and past its publication deadline: 待公示 and 逾期 find it.
    const taskId = String(officer!.taskId);
    const partners = (await t.data.taskOfficers()).filter((o) => o.taskId === officer!.taskId).map((o) => o.localId!);
    const held = (who: string, key: string) => [...t.chat.dm(who)].reverse().find((m) => m.card?.key === key)!;
    for (const who of partners) await t.chat.click(who, held(who, `task:${taskId}`).id, 'task.confirm', { taskId });
    await t.chat.click(partners[0]!, held(partners[0]!, `task:${taskId}`).id, 'task.findings_form', { taskId });
    const form = held(partners[0]!, `task:${taskId}:findings`);
    const submitted = await fillFindings(t.chat.click, partners[0]!, form.id, taskId, goodFindings());
    expect(submitted.body.toast?.kind, JSON.stringify(submitted.body)).toBe('success');
    expect((await list('待公示')).title).toBe('检查任务（共 1 项）');
    expect((await list('逾期')).title).toBe('检查任务（共 0 项）');
    t.clock.set('2026-03-20T01:30:00Z');
    const overdue = await list('逾期');
    expect(overdue.title).toBe('检查任务（共 1 项）');
    expect(overdue.text).toContain('公示逾期');
    // Filters combine.
    expect((await list('建材 待公示')).title).toBe('检查任务（共 0 项）');
    t.clock.set('2026-03-02T01:30:00Z');
  });

  it('gives an officer his own task cards with their buttons, not the table', async () => {
    const [officer] = await t.data.taskOfficers();
    const who = officer!.localId!;
    await t.chat.say(who, '/tasks 建材', 'dm');
    const cards = t.chat.dm(who).filter((m) => m.card?.key.match(/^task:\d+$/));
    expect(cards.length).toBeGreaterThan(0);
    expect(t.chat.dm(who).some((m) => m.card?.key === 'tasks')).toBe(false);
  });
});
