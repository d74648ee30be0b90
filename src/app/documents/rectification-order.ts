/**
 * 责令限期整改指令书: issued when hazards are to be rectified by a date (安全生产法 第六十五条第一款
 * 第二、三项, 第一百零二条), laid out as the model of the 安全生产执法文书: the problems found, the
 * deadline, the warning of the consequences, the remedies (行政复议法、行政诉讼法: 60 days, 6 months),
 * the signatures and the seal.
 */
import { HAZARD_LEVEL_TEXT } from '../../domain/findings/types';
import { documentNumber } from './document-number';
import type { DocumentView } from './document-view';
import { inspectorSignatures, signatureOfParty } from './inspection-record';
import { cnDate, type DocumentRecord } from './record';

/** The order, or undefined when no hazard has a date (nothing to order by a date). */
export function rectificationOrderView(rec: DocumentRecord): DocumentView | undefined {
  const { task, findings: f, agency } = rec;
  const dated = f.hazards.filter((h) => h.due);
  if (!dated.length) return undefined;
  const number = documentNumber('rectification-order', { shortName: agency.shortName, drawNo: task.drawNo, ordinal: task.ordinal });
  return {
    kind: 'rectification-order',
    number,
    fileName: `责令限期整改指令书-${number}.docx`,
    title: `责令限期整改指令书 ${number}`,
    blocks: [
      { type: 'title', agency: agency.name, name: '责令限期整改指令书' },
      { type: 'number', text: number },
      { type: 'paragraph', text: `${task.enterpriseName}：` },
      { type: 'paragraph', indent: true, text: `经查，你单位存在下列问题（${cnDate(f.inspectionDate)}现场检查）：` },
      ...dated.map((h, i) => ({
        type: 'paragraph' as const,
        indent: true,
        text: `${i + 1}. ${h.location}：${h.description}（${HAZARD_LEVEL_TEXT[h.level]}），责令于${cnDate(h.due!)}前整改完毕。`,
      })),
      {
        type: 'paragraph',
        indent: true,
        text: '依据《中华人民共和国安全生产法》第六十五条第一款第二项、第三项和第一百零二条的规定，责令你单位在上述期限内整改完毕，达到有关法律法规规章和标准规定的要求。由此造成事故的，依法追究有关人员的责任。',
      },
      { type: 'paragraph', indent: true, text: '整改期间，你单位应当采取措施，确保安全生产。对安全生产违法行为，将依法予以行政处罚。' },
      {
        type: 'paragraph',
        indent: true,
        text: '如果不服本指令，可以依法在六十日内申请行政复议，或者在六个月内依法向人民法院提起行政诉讼，但本指令不停止执行，法律另有规定的除外。',
      },
      { type: 'space', lines: 1 },
      ...inspectorSignatures(rec, '安全生产行政执法人员（签名）'),
      ...signatureOfParty(rec),
      { type: 'space', lines: 1 },
      { type: 'paragraph', align: 'right', text: `${agency.name}（印章）` },
      { type: 'paragraph', align: 'right', text: cnDate(f.inspectionDate) },
    ],
  };
}
