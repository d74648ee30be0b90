import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docsCommand } from '../../src/cli/docs-command';
import { openDocx } from '../support/documents';
import { fillFindings, findingsWithDeadline } from '../support/findings';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime';
import { runCli } from './cli-harness';
import { TEST_DRAW_KEY } from '../support/draw-key';

describe('npm run cli -- docs', () => {
  let t: TestRuntime;
  const out = mkdtempSync(join(tmpdir(), 'drbot-docs-'));
  let taskId: string;

  beforeAll(async () => {
    t = await startTestRuntime();
    await t.chat.say('leader', '/draw 机械 1家 每组2人 3月2日-3月31日');
    await t.chat.click('leader', t.chat.lastCard(t.chat.group(), 'draw:').id, 'draw.execute', { drawId: '1' });
    const rows = await t.data.taskOfficers();
    taskId = String(rows[0]!.taskId);
    for (const o of rows) await t.chat.click(o.localId!, t.chat.lastCard(t.chat.dm(o.localId!), `task:${taskId}`).id, 'task.confirm', { taskId });
    const a = rows[0]!.localId!;
    await t.chat.click(a, t.chat.lastCard(t.chat.dm(a), `task:${taskId}`).id, 'task.findings_form', { taskId });
    const form = t.chat.lastCard(t.chat.dm(a), `task:${taskId}:findings`);
    expect((await fillFindings(t.chat.click, a, form.id, taskId, findingsWithDeadline('2026-03-02', '2026-03-16'))).body.toast?.kind).toBe('success');
  });
  afterAll(async () => {
    await t?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('writes the task’s documents from the stored record, by task id or by draw number and group', async () => {
    const ctx = { drawKey: () => TEST_DRAW_KEY, openDatabase: async () => t.database };
    const byId = await runCli(docsCommand, [taskId, '--out', out], ctx);
    expect(byId.err).toEqual([]);
    expect(byId.out).toEqual([
      `已生成 现场检查记录（偃应急现记〔2026〕1-1号）：${join(out, '现场检查记录-偃应急现记〔2026〕1-1号.docx')}`,
      `已生成 责令限期整改指令书（偃应急责改〔2026〕1-1号）：${join(out, '责令限期整改指令书-偃应急责改〔2026〕1-1号.docx')}`,
    ]);
    expect(readdirSync(out).sort()).toEqual(['现场检查记录-偃应急现记〔2026〕1-1号.docx', '责令限期整改指令书-偃应急责改〔2026〕1-1号.docx'].sort());
    const { text } = openDocx(readFileSync(join(out, '现场检查记录-偃应急现记〔2026〕1-1号.docx')));
    expect(text).toContain('配电箱未接地');
    const byDraw = await runCli(docsCommand, ['偃应急抽〔2026〕1号', '1', '--out', out], ctx);
    expect(byDraw.code).toBe(0);
  });

  it('says in Chinese what is wrong', async () => {
    const ctx = { drawKey: () => TEST_DRAW_KEY, openDatabase: async () => t.database };
    expect(await runCli(docsCommand, ['999', '--out', out], ctx)).toMatchObject({ code: 1, err: ['任务 999 不存在或尚未提交检查结果，暂无执法文书。'] });
    expect(await runCli(docsCommand, ['abc'], ctx)).toMatchObject({ code: 1, err: ['“abc”不是任务编号（应为数字）；按抽取编号查找时请同时给出组号。'] });
    expect((await runCli(docsCommand, [], ctx)).code).toBe(2);
  });
});
