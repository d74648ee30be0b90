/**
 * 执法文书 from the stored record: issued with the findings to the officer's direct chat (a file
 * message through the outbox), downloadable from the local chat, opened and read back here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillFindings, goodFindings } from '../support/findings';
import { expectFixture, localFileBytes, localFileUrl, openDocx } from '../support/documents';
import { jpegWithExif } from '../support/jpeg';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime';
import { sha256Hex } from '../../src/storage/sha256';

describe('执法文书 [memory]', () => {
  let t: TestRuntime<'memory'>;
  let a: string;
  let taskId: string;

  beforeAll(async () => {
    t = await startTestRuntime({ kind: 'memory', listen: true });
    await t.chat.say('leader', '/draw 机械 1家 每组2人 3月2日-3月31日');
    await t.chat.click('leader', t.chat.lastCard(t.chat.group(), 'draw:').id, 'draw.execute', { drawId: '1' });
    const rows = await t.data.taskOfficers();
    taskId = String(rows[0]!.taskId);
    for (const o of rows) await t.chat.click(o.localId!, t.chat.lastCard(t.chat.dm(o.localId!), `task:${taskId}`).id, 'task.confirm', { taskId });
    a = rows[0]!.localId!;
    // A photo taken on site, attached before the findings: the record lists it.
    await t.chat.click(a, t.chat.lastCard(t.chat.dm(a), `task:${taskId}`).id, 'task.evidence_focus', { taskId });
    expect((await t.chat.upload(a, '叉车司机无证.jpg', jpegWithExif('2026:03:02 10:15:30'))).status).toBe(200);
    await t.chat.click(a, t.chat.lastCard(t.chat.dm(a), `task:${taskId}`).id, 'task.findings_form', { taskId });
    const form = t.chat.lastCard(t.chat.dm(a), `task:${taskId}:findings`);
    const plan = goodFindings('2026-03-02');
    const submitted = await fillFindings(t.chat.click, a, form.id, taskId, {
      ...plan,
      items: { ...plan.items, CI04: '不符合' },
      notes: { CI04: '特种作业人员未持证上岗' },
      hazards: [
        {
          description: '叉车司机未取得特种设备作业人员证',
          location: '成品仓库',
          itemCode: 'CI04',
          level: 'general',
          rectification: 'deadline',
          due: '2026-03-16',
        },
        { description: '砂轮机防护罩缺失', location: '机加工车间', itemCode: '-', level: 'general', rectification: 'immediate', due: '' },
      ],
      conclusion: {
        ...plan.conclusion,
        resultCategory: 'pending',
        measure_remove: '是',
        measure_evacuate: '否',
        measure_suspend: '否',
        responsiblePerson: '钱某',
        refusedToSign: '是',
        refusalNote: '企业负责人钱某拒绝签字，执法人员二人在场',
      },
    });
    expect(submitted.body.toast?.kind).toBe('success');
  });
  afterAll(() => t?.close());

  const files = () => t.chat.dm(a).filter((m) => m.from === 'bot' && m.file);
  const bytesOf = (m: { id: string; conversation: string }) => localFileBytes(t.runtime.app, m);

  it('sends the 现场检查记录 and the 责令限期整改指令书 to the officer who submitted, recorded in the audit', async () => {
    expect(files().map((m) => m.file!.name)).toEqual(['现场检查记录-偃应急现记〔2026〕1-1号.docx', '责令限期整改指令书-偃应急责改〔2026〕1-1号.docx']);
    expect(await t.data.auditCount('task.documents_issued')).toBe(1);
    // What was sent is what the evidence store keeps under the hash the audit entry names.
    for (const m of files()) expect(await t.evidence.has(sha256Hex(await bytesOf(m)))).toBe(true);
  });

  it('prints the record with the agency, number, inspectors and certificates, findings, hazards, measures and the refusal', async () => {
    const { text, xml } = openDocx(await bytesOf(files()[0]!));
    const all = text.join('\n');
    expect(text.slice(0, 3)).toEqual(['偃师区应急管理局', '现场检查记录', '偃应急现记〔2026〕1-1号']);
    const names = (await t.store.transaction((r) => r.tasks.byId(Number(taskId))))!.officers.map((o) => `${o.name}（执法证号 ${o.certificateNo}）`);
    for (const n of names) expect(all).toContain(n);
    expect(all).toMatch(/不符合\n特种作业人员未持证上岗/);
    expect(all).toMatch(/叉车司机未取得特种设备作业人员证\n成品仓库\nCI04 .+\n一般事故隐患\n限期整改，2026年3月16日前/);
    expect(all).toContain('现场责令：责令立即排除（安全生产法 第六十五条第一款第三项）。');
    expect(all).toContain('被检查单位负责人（签名）：拒绝签字（钱某）');
    expect(all).toContain('拒绝签字情况（检查人员记录在案）：企业负责人钱某拒绝签字，执法人员二人在场');
    expect(all).toMatch(/四、证据材料（1 份）[\s\S]*叉车司机无证\.jpg\n2026-03-02 10:15:30\n[0-9a-f]{64}/);
    expect(xml).toContain('w:eastAsia="仿宋"');
    expect(xml).toContain('w:eastAsia="宋体"');
    expectFixture('inspection-record', text);
  });

  it('orders only the dated hazards rectified, with the deadline, remedies and signature lines', async () => {
    const { text } = openDocx(await bytesOf(files()[1]!));
    const all = text.join('\n');
    expect(all).toContain('1. 成品仓库：叉车司机未取得特种设备作业人员证（一般事故隐患），责令于2026年3月16日前整改完毕。');
    expect(all).not.toContain('砂轮机防护罩缺失');
    expect(all).toMatch(/六十日内申请行政复议，或者在六个月内依法向人民法院提起行政诉讼/);
    expect(all).toMatch(/安全生产行政执法人员（签名）：____________（.+） {4}执法证号：/);
    expectFixture('rectification-order', text);
  });

  it('downloads each file from the local chat', async () => {
    const record = files()[0]!;
    const res = await t.runtime.app.request(localFileUrl(record));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent(record.file!.name));
    expect(openDocx(new Uint8Array(await res.arrayBuffer())).text[1]).toBe('现场检查记录');
  });

  it('sends them again on 执法文书, once per click', async () => {
    const publication = t.chat.lastCard(t.chat.dm(a), `task:${taskId}:publication`);
    // A photo sent after the findings is kept, but the 现场检查记录 issued without it stays as issued.
    await t.chat.click(a, publication.id, 'task.evidence_focus', { taskId });
    expect((await t.chat.upload(a, '补拍的照片.jpg', jpegWithExif('2026:03:02 16:00:00'))).status).toBe(200);
    expect(t.chat.dm(a).at(-1)!.text).toMatch(/^已将“补拍的照片\.jpg”.+现场检查记录已出具，这份证据不列入其中，已保存并记入审计日志。SHA-256：/);
    const r = await t.chat.click(a, publication.id, 'task.documents', { taskId });
    expect(r.body.toast?.text).toBe('已发送 2 份执法文书到你的私聊：现场检查记录、责令限期整改指令书。');
    expect(files()).toHaveLength(4);
    const [first, , again] = files();
    expect(again!.file!.name).toBe(first!.file!.name);
    expect(openDocx(await bytesOf(again!)).text).toEqual(openDocx(await bytesOf(first!)).text);
    expect(openDocx(await bytesOf(again!)).text.join('\n')).not.toContain('补拍的照片');
  });
});
