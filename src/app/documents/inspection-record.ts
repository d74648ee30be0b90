/**
 * 现场检查记录, the written record 安全生产法 第六十八条 requires: the time, place and content of
 * the inspection, the problems found and how they were handled, signed by the inspectors and the
 * enterprise's responsible person (or his refusal recorded). Laid out as the 现场检查记录 of the
 * 安全生产执法文书 models and the 现场检查笔录 of 司法部《行政检查文书基本格式文本（试行）》: the heading,
 * the number, the party, the inspectors' statement with their certificates, the findings, the
 * signatures.
 */
import { findResultCategory } from '../../domain/catalog/result-categories';
import { HAZARD_LEVEL_TEXT, HAZARD_RECTIFICATION_TEXT, measureLabel } from '../../domain/findings/types';
import { documentNumber } from './document-number';
import type { DocBlock, DocumentView } from './document-view';
import { cnDate, evidenceTable, itemName, type DocumentRecord } from './record';

export function partyBlocks(rec: DocumentRecord, label = '被检查单位'): DocBlock {
  const e = rec.enterprise;
  return {
    type: 'table',
    widths: [24, 76],
    rows: [
      [label, rec.task.enterpriseName],
      ['统一社会信用代码', rec.task.uscc],
      ['地址', e?.address ?? '（名录库未登记）'],
      ['负责人及联系电话', [e?.contactPerson, e?.phone].filter(Boolean).join('  ') || '（名录库未登记）'],
    ],
  };
}

export function inspectorsText(rec: DocumentRecord): string {
  return rec.inspectors.map((o) => `${o.name}（执法证号 ${o.certificateNo}）`).join('、');
}

/** The inspectors' signature lines, one per inspector, with his certificate number. */
export function inspectorSignatures(rec: DocumentRecord, label = '检查人员（签名）'): DocBlock[] {
  return rec.inspectors.map((o) => ({ type: 'paragraph', text: `${label}：____________（${o.name}）    执法证号：${o.certificateNo}` }));
}

export function signatureOfParty(rec: DocumentRecord, label = '被检查单位负责人（签名）'): DocBlock[] {
  const f = rec.findings;
  if (f.refusedToSign) {
    return [
      { type: 'paragraph', text: `${label}：拒绝签字${f.responsiblePerson ? `（${f.responsiblePerson}）` : ''}` },
      { type: 'paragraph', text: `拒绝签字情况（检查人员记录在案）：${f.refusalNote ?? ''}`, indent: true },
    ];
  }
  return [{ type: 'paragraph', text: `${label}：____________（${f.responsiblePerson ?? ''}）    ${cnDate(f.inspectionDate)}` }];
}

/**
 * The evidence a 现场检查记录 lists: the inspection's (not a 复查's), attached before the findings
 * were submitted and the record issued. A file sent later is kept and in the audit log, but not in
 * the record, so every copy of a record is the one first issued.
 */
export function inspectionEvidence(rec: DocumentRecord): DocumentRecord['evidence'] {
  return rec.evidence.filter((e) => e.round === null && !e.afterRecord);
}

export function inspectionRecordView(rec: DocumentRecord): DocumentView {
  const { task, findings: f, agency } = rec;
  const number = documentNumber('inspection-record', { shortName: agency.shortName, drawNo: task.drawNo, ordinal: task.ordinal });
  const failing = Object.entries(f.itemResults).filter(([, r]) => r === '不符合');
  // The inspection's own evidence, as attached when the record was made (a copy made later is the
  // same document); what was sent for a 复查 goes in that round's 整改复查意见书.
  const evidence = inspectionEvidence(rec);
  const blocks: DocBlock[] = [
    { type: 'title', agency: agency.name, name: '现场检查记录' },
    { type: 'number', text: number },
    partyBlocks(rec),
    {
      type: 'table',
      widths: [24, 76],
      rows: [
        ['检查场所', rec.enterprise?.address ?? task.enterpriseName],
        ['检查时间', cnDate(f.inspectionDate)],
        ['检查依据', `“双随机、一公开”抽查任务 ${task.drawNo} 第 ${task.ordinal + 1} 组`],
      ],
    },
    {
      type: 'paragraph',
      indent: true,
      text: `我们是${agency.name}的执法人员${inspectorsText(rec)}，已向你单位出示执法证件（安全生产法 第六十七条）。现依法对你单位进行现场检查，请予以配合。`,
    },
    { type: 'paragraph', bold: true, text: '一、检查事项及结果' },
    {
      type: 'table',
      header: true,
      widths: [12, 40, 12, 36],
      rows: [
        ['编号', '检查事项', '结果', '发现的问题'],
        ...Object.entries(f.itemResults).map(([code, r]) => [code, itemName(rec, code).slice(code.length + 1), r, f.itemNotes[code] ?? '']),
      ],
    },
    {
      type: 'paragraph',
      bold: true,
      text: `二、发现的事故隐患（共 ${f.hazards.length} 条${f.majorHazard ? `，其中重大事故隐患 ${f.hazards.filter((h) => h.level === 'major').length} 条` : ''}）`,
    },
    f.hazards.length
      ? {
          type: 'table',
          header: true,
          widths: [8, 36, 18, 14, 12, 12],
          rows: [
            ['序号', '隐患描述', '部位', '检查事项', '等级', '整改要求'],
            ...f.hazards.map((h) => [
              String(h.no),
              h.description,
              h.location,
              itemName(rec, h.itemCode),
              HAZARD_LEVEL_TEXT[h.level],
              h.due ? `${HAZARD_RECTIFICATION_TEXT.deadline}，${cnDate(h.due)}前` : HAZARD_RECTIFICATION_TEXT.immediate,
            ]),
          ],
        }
      : { type: 'paragraph', indent: true, text: failing.length ? '未登记事故隐患。' : '未发现事故隐患。' },
    { type: 'paragraph', bold: true, text: '三、处理情况' },
    {
      type: 'paragraph',
      indent: true,
      text: f.measures.length ? `现场责令：${f.measures.map(measureLabel).join('；')}（安全生产法 第六十五条第一款第三项）。` : '现场未采取责令措施。',
    },
    {
      type: 'paragraph',
      indent: true,
      text: `检查结果：${findResultCategory(f.resultCategory)?.label ?? f.resultCategory}。${f.caseFiled ? `已立案查处，案件编号 ${f.caseNo}。` : ''}`,
    },
    ...(f.notes ? [{ type: 'paragraph' as const, indent: true, text: `备注：${f.notes}` }] : []),
    { type: 'paragraph', bold: true, text: `四、证据材料（${evidence.length} 份）` },
    evidence.length ? evidenceTable(evidence) : { type: 'paragraph', indent: true, text: '未附证据材料。' },
    { type: 'space', lines: 1 },
    ...inspectorSignatures(rec),
    ...signatureOfParty(rec),
    { type: 'paragraph', align: 'right', text: cnDate(f.inspectionDate) },
  ];
  return { kind: 'inspection-record', number, fileName: `现场检查记录-${number}.docx`, title: `现场检查记录 ${number}`, blocks };
}
