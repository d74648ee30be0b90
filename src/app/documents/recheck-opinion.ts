/**
 * 整改复查意见书: the result of a 复查 of the hazards ordered rectified, per hazard, as the model of
 * the 安全生产执法文书 lays it out: the order it follows, the opinion on each hazard, a new deadline
 * where one was set, the evidence sent for this 复查 (上传证据 on its form), the signatures and the seal.
 */
import { RECHECK_OUTCOME_TEXT } from '../../domain/findings/recheck';
import { HAZARD_LEVEL_TEXT } from '../../domain/findings/types';
import { documentNumber } from './document-number';
import type { DocumentView } from './document-view';
import { inspectorSignatures } from './inspection-record';
import { cnDate, evidenceTable, type DocumentRecord } from './record';

export function recheckOpinionView(rec: DocumentRecord, round: number): DocumentView | undefined {
  const r = rec.rechecks.find((x) => x.round === round);
  if (!r) return undefined;
  const { task, findings: f, agency } = rec;
  const number = documentNumber('recheck-opinion', { shortName: agency.shortName, drawNo: task.drawNo, ordinal: task.ordinal, round });
  const order = documentNumber('rectification-order', { shortName: agency.shortName, drawNo: task.drawNo, ordinal: task.ordinal });
  const hasOrder = f.hazards.some((h) => h.due);
  const evidence = rec.evidence.filter((e) => e.round === round);
  return {
    kind: 'recheck-opinion',
    number,
    round,
    fileName: `整改复查意见书-${number}.docx`,
    title: `整改复查意见书 ${number}`,
    blocks: [
      { type: 'title', agency: agency.name, name: '整改复查意见书' },
      { type: 'number', text: number },
      { type: 'paragraph', text: `${task.enterpriseName}：` },
      {
        type: 'paragraph',
        indent: true,
        text: `本机关于${cnDate(f.inspectionDate)}对你单位进行现场检查${hasOrder ? `，并作出《责令限期整改指令书》（${order}）` : ''}。${cnDate(r.recheckDate)}，经对你单位整改情况进行${round > 1 ? `第 ${round} 次` : ''}复查，提出如下意见：`,
      },
      {
        type: 'table',
        header: true,
        widths: [8, 44, 18, 14, 16],
        rows: [
          ['序号', '隐患', '部位', '等级', '复查结果'],
          ...r.results.map((x) => {
            const h = f.hazards.find((y) => y.no === x.no);
            return [String(x.no), h?.description ?? '', h?.location ?? '', h ? HAZARD_LEVEL_TEXT[h.level] : '', RECHECK_OUTCOME_TEXT[x.result]];
          }),
        ],
      },
      ...(r.note ? [{ type: 'paragraph' as const, indent: true, text: `复查情况：${r.note}` }] : []),
      ...(evidence.length ? [{ type: 'paragraph' as const, indent: true, text: `复查证据材料（${evidence.length} 份）：` }, evidenceTable(evidence)] : []),
      {
        type: 'paragraph',
        indent: true,
        text: r.results.every((x) => x.result === 'rectified')
          ? '经复查，上述事故隐患已整改完毕。'
          : `经复查，你单位未按要求完成全部整改。${r.newDue ? `责令你单位于${cnDate(r.newDue)}前整改完毕，逾期未整改的，依照《中华人民共和国安全生产法》第一百零二条的规定处理。` : '对未整改的事故隐患，依照《中华人民共和国安全生产法》第一百零二条的规定处理。'}`,
      },
      { type: 'space', lines: 1 },
      ...inspectorSignatures(rec, '安全生产行政执法人员（签名）'),
      { type: 'paragraph', text: `被复查单位负责人（签名）：____________    ${cnDate(r.recheckDate)}` },
      { type: 'space', lines: 1 },
      { type: 'paragraph', align: 'right', text: `${agency.name}（印章）` },
      { type: 'paragraph', align: 'right', text: cnDate(r.recheckDate) },
    ],
  };
}
