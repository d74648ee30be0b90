/**
 * 整改复查 as a transcript (in memory): the form (not a click), 未整改 of a 重大事故隐患 alerting the
 * leaders and opening a new 整改期限 that the reminders follow, then 已整改 on the next round; each
 * round in the audit and printed as an 整改复查意见书.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { runDailyReminders } from '../../src/app/use-cases/send-reminders';
import { SHEET_NAMES } from '../../src/app/views/export-sheets';
import { loadYearReport } from '../../src/app/year-report';
import { loadDocumentRecord } from '../../src/app/documents/load-record';
import { inspectionRecordView } from '../../src/app/documents/inspection-record';
import { expectFixture, localFileBytes, openDocx } from '../support/documents';
import { jpegWithExif } from '../support/jpeg';
import { fillFindings, goodFindings } from '../support/findings';
import { cardText, startTestRuntime, transcript, type TestRuntime } from '../support/test-runtime';

describe('整改复查 [memory]', () => {
  let t: TestRuntime<'memory'>;
  let a: string;
  let taskId: string;
  const recheckForm = () => t.chat.lastCard(t.chat.dm(a), `task:${taskId}:recheck`);
  /** The texts of the officer's direct chat (it holds files too, which have none). */
  const dmTexts = () =>
    t.chat
      .dm(a)
      .flatMap((m) => (m.text ? [m.text] : []))
      .join('\n');

  beforeAll(async () => {
    t = await startTestRuntime({ kind: 'memory' });
    await t.chat.say('leader', '/draw 机械 1家 每组2人 3月2日-3月31日');
    await t.chat.click('leader', t.chat.lastCard(t.chat.group(), 'draw:').id, 'draw.execute', { drawId: '1' });
    const rows = await t.data.taskOfficers();
    taskId = String(rows[0]!.taskId);
    for (const o of rows) await t.chat.click(o.localId!, t.chat.lastCard(t.chat.dm(o.localId!), `task:${taskId}`).id, 'task.confirm', { taskId });
    a = rows[0]!.localId!;
    await t.chat.click(a, t.chat.lastCard(t.chat.dm(a), `task:${taskId}`).id, 'task.findings_form', { taskId });
    const form = t.chat.lastCard(t.chat.dm(a), `task:${taskId}:findings`);
    const plan = goodFindings('2026-03-02');
    const ok = await fillFindings(t.chat.click, a, form.id, taskId, {
      ...plan,
      hazards: [
        { description: '铝粉尘除尘器未设置泄爆装置', location: '抛光车间', itemCode: 'CI02', level: 'major', rectification: 'deadline', due: '2026-03-09' },
        { description: '配电箱门未关闭', location: '抛光车间', itemCode: 'CI01', level: 'general', rectification: 'deadline', due: '2026-03-05' },
      ],
      conclusion: { ...plan.conclusion, majorHazard: '是', resultCategory: 'pending', measure_remove: '否', measure_evacuate: '是', measure_suspend: '是' },
    });
    expect(ok.body.toast?.kind).toBe('success');
  });
  afterAll(() => t?.close());

  const totals = () => t.store.transaction(async (r) => (await loadYearReport(r, { agencyId: 1, year: 2026, today: '2026-03-20' }))!.stats.total);

  it('asks for a new deadline when a major hazard is not rectified, then alerts the leaders and follows the new date', async () => {
    t.clock.set('2026-03-10T02:00:00Z');
    const publication = t.chat.lastCard(t.chat.dm(a), `task:${taskId}:publication`);
    await t.chat.click(a, publication.id, 'task.recheck', { taskId });
    const form = recheckForm();
    expect(cardText(form.card)).toMatch(/待复查的隐患\n1\. 【重大事故隐患】抛光车间：铝粉尘除尘器未设置泄爆装置/);
    const payload = { taskId, round: '1' };
    const noDate = await t.chat.click(a, form.id, 'task.recheck_submit', payload, {
      recheckDate: '2026-03-10',
      hazard_1: 'not_rectified',
      hazard_2: 'rectified',
      note: '泄爆装置尚未安装',
    });
    expect(noDate.body.toast?.kind).toBe('error');
    expect(cardText(t.chat.dm(a).find((m) => m.id === form.id)!.card!)).toMatch(/重大事故隐患（第 1 条）未整改：请确定「新的整改期限」/);
    const done = await t.chat.click(a, form.id, 'task.recheck_submit', payload, {
      recheckDate: '2026-03-10',
      hazard_1: 'not_rectified',
      hazard_2: 'rectified',
      note: '泄爆装置尚未安装',
      newDue: '2026-03-20',
    });
    expect(done.body.toast).toEqual({ kind: 'warning', text: '已登记第 1 次复查：1 条隐患未整改。' });
    expect(transcript(t.chat.group())).toMatch(/第 1 次复查（2026-03-10）：隐患第 1 条未整改，新的整改期限 2026-03-20，请依法立案查处/);
    const alert = t.chat.lastCard(t.chat.dm('leader'), `task:${taskId}:major-alert:1`);
    expect(alert.card.title).toMatch(/^重大事故隐患复查未整改：/);
    expect(cardText(alert.card)).toContain('铝粉尘除尘器未设置泄爆装置');
    expect(cardText(alert.card)).not.toContain('配电箱门未关闭');
    expect(await t.data.auditCount('task.recheck_recorded')).toBe(1);
    expect(await t.data.auditCount('task.major_hazard_reported')).toBe(2);
    // The reminders follow the new date: nothing due before it, the 复查 from it.
    await runDailyReminders(t.store, '2026-03-11');
    await t.runtime.outbox.drain();
    expect(
      t.chat
        .dm(a)
        .filter((m) => m.card?.key.startsWith('digest:2026-03-11'))
        .map((m) => cardText(m.card!)),
    ).not.toContainEqual(expect.stringMatching(/需复查/));
    // The statistics count each hazard on its own: the general one rectified, the major one not yet.
    expect(await totals()).toMatchObject({ hazards: 2, hazardsRectified: 1, majorHazards: 1 });
    t.clock.set('2026-03-20T01:05:00Z');
    await runDailyReminders(t.store, '2026-03-20');
    await t.runtime.outbox.drain();
    expect(cardText(t.chat.lastCard(t.chat.dm(a), 'digest:2026-03-20').card)).toMatch(/整改期限 2026-03-20 已到，请复查/);
  });

  it('records 已整改 on the next round with only the open hazard, and prints each round', async () => {
    t.clock.set('2026-03-20T03:00:00Z');
    const digest = t.chat.lastCard(t.chat.dm(a), 'digest:2026-03-20');
    const button = digest.card.actions!.find((b) => b.label.startsWith('复查：'))!;
    await t.chat.click(a, digest.id, button.action, button.payload);
    const form = recheckForm();
    expect(form.card.title).toMatch(/^整改复查（第 2 次）：/);
    expect(form.card.form!.fields.map((f) => f.name)).toEqual(['recheckDate', 'hazard_1', 'note', 'newDue']);
    // A photo of the 复查, sent after 上传证据 on its form, belongs to this round.
    const upload = form.card.actions!.find((b) => b.label === '上传证据')!;
    expect(upload.payload).toEqual({ taskId, round: '2' });
    await t.chat.click(a, form.id, upload.action, upload.payload);
    expect(dmTexts()).toMatch(/将附到「.+」的第 2 次复查（偃应急抽〔2026〕1号 第 1 组）/);
    expect((await t.chat.upload(a, '泄爆片.jpg', jpegWithExif('2026:03:20 10:15:30'))).status).toBe(200);
    expect(dmTexts()).toMatch(/已将“泄爆片\.jpg”（1 KB，拍摄时间 2026-03-20 10:15:30）附到「.+」的第 2 次复查/);
    const done = await t.chat.click(
      a,
      form.id,
      'task.recheck_submit',
      { taskId, round: '2' },
      { recheckDate: '2026-03-20', hazard_1: 'rectified', note: '已安装泄爆片' },
    );
    expect(done.body.toast).toEqual({ kind: 'success', text: '已登记第 2 次复查：隐患均已整改。' });
    expect(cardText(t.chat.dm(a).find((m) => m.id === form.id)!.card!)).toMatch(/第 2 次复查 2026-03-20：已安装泄爆片[\s\S]*已整改：1\. 【重大事故隐患】/);
    expect(await t.store.transaction((r) => r.tasks.findings(Number(taskId)))).toMatchObject({ recheckResult: 'rectified', rectificationDue: '2026-03-20' });

    const opinions = t.chat.dm(a).filter((m) => m.file?.name.startsWith('整改复查意见书'));
    expect(opinions.map((m) => m.file!.name)).toEqual(['整改复查意见书-偃应急复查〔2026〕1-1-1号.docx', '整改复查意见书-偃应急复查〔2026〕1-1-2号.docx']);
    const first = openDocx(await localFileBytes(t.runtime.app, opinions[0]!)).text;
    expect(first.join('\n')).toMatch(/经复查，你单位未按要求完成全部整改。责令你单位于2026年3月20日前整改完毕/);
    expectFixture('recheck-opinion-1', first);
    const second = openDocx(await localFileBytes(t.runtime.app, opinions[1]!)).text;
    expect(second.join('\n')).toContain('经复查，上述事故隐患已整改完毕。');
    // The round's photo is in its 意见书, not in the inspection's 现场检查记录 (nor in the first round's).
    expect(second.join('\n')).toMatch(/复查证据材料（1 份）：[\s\S]*泄爆片\.jpg[\s\S]*2026-03-20 10:15:30/);
    expect(first.join('\n')).not.toContain('泄爆片');
    const record = (await t.store.transaction((r) => loadDocumentRecord(r, Number(taskId))))!;
    expect(inspectionRecordView(record).blocks).toContainEqual({ type: 'paragraph', bold: true, text: '四、证据材料（0 份）' });
    // The round is recorded: its 意见书 is issued, so nothing more is attached to it.
    const late = await t.chat.click(a, form.id, upload.action, upload.payload);
    expect(late.body.toast).toEqual({ kind: 'error', text: '第 2 次复查已登记，不能再为它上传证据。请重新打开复查表单。' });
    await t.chat.upload(a, '晚到的照片.jpg', jpegWithExif('2026:03:20 11:00:00'));
    expect(dmTexts()).toMatch(/未保存“晚到的照片\.jpg”：第 2 次复查已登记，其整改复查意见书已出具。/);
    expect(await totals()).toMatchObject({ hazards: 2, hazardsRectified: 2 });
  });

  it('exports each hazard with its latest 复查 and each round in the year’s workbook', async () => {
    await t.chat.say('leader', '/export 2026', 'dm');
    const file = [...t.chat.dm('leader')].reverse().find((m) => m.file?.name.endsWith('.xlsx'))!;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await localFileBytes(t.runtime.app, file)).buffer as ArrayBuffer);
    const rows = (name: string) => {
      const out: string[][] = [];
      book
        .getWorksheet(name)!
        .eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '')))));
      return out;
    };
    const hazards = rows(SHEET_NAMES.hazards);
    expect(hazards[0]).toEqual([
      '抽查任务编号',
      '组号',
      '企业名称',
      '统一社会信用代码',
      '检查日期',
      '隐患序号',
      '隐患等级',
      '隐患部位',
      '对应检查事项',
      '隐患描述',
      '整改方式',
      '整改期限',
      '最近复查结果',
      '最近复查日期',
    ]);
    expect(hazards.slice(1).map((r) => [r[5], r[6], r[7], r[9], r[11], r[12], r[13]])).toEqual([
      ['1', '重大事故隐患', '抛光车间', '铝粉尘除尘器未设置泄爆装置', '2026-03-09', '已整改', '2026-03-20'],
      ['2', '一般事故隐患', '抛光车间', '配电箱门未关闭', '2026-03-05', '已整改', '2026-03-10'],
    ]);
    const rechecks = rows(SHEET_NAMES.rechecks);
    expect(rechecks.slice(1).map((r) => [r[4], r[5], r[6], r[7], r[8], r[9]])).toEqual([
      ['1', '2026-03-10', '2. 配电箱门未关闭', '1. 【重大】铝粉尘除尘器未设置泄爆装置', '泄爆装置尚未安装', '2026-03-20'],
      ['2', '2026-03-20', '1. 【重大】铝粉尘除尘器未设置泄爆装置', '', '已安装泄爆片', ''],
    ]);
    const findings = rows(SHEET_NAMES.findings);
    const header = findings[0]!;
    const row = findings[1]!;
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('处理措施')).toBe('责令从危险区域内撤出作业人员；责令暂时停产停业或者停止使用相关设施、设备');
    expect(cell('重大事故隐患')).toBe('是');
    expect(cell('立案查处')).toBe('否');
    expect(cell('证据（照片和文件）')).toBe('1'); // the second 复查's photo
    expect(rows(SHEET_NAMES.rectifications)[1]!.slice(8)).toEqual(['已整改', '2026-03-20', '已复查', '2']);
  });
});
