/**
 * Cards of a register file sent in the chat: its problems (nothing imported), or the preview of
 * what it would change with 确认导入 / 取消, and the same card in each later state.
 */
import { shanghaiDateTime } from '../../domain/workdays/dates';
import type { PendingImportRow } from '../ports/store';
import { REGISTERS } from '../register-import';
import type { CardSection, CardView } from './card-view';

export const importCardKey = (id: number) => `import:${id}`;

/** At most this many problems on a card (Feishu's 30 KB); the rest come as a file. */
export const PROBLEMS_SHOWN = 100;

/** The problems of a file: nothing imported, each problem named (the first {@link PROBLEMS_SHOWN}). */
export function importProblemsCard(fileName: string, errors: readonly string[], withFile: boolean): CardView {
  const more = errors.length - PROBLEMS_SHOWN;
  return {
    key: `import-problems:${fileName}`,
    title: `未导入：${fileName} 有 ${errors.length} 处问题`,
    tone: 'danger',
    sections: [
      { type: 'text', text: '名录没有任何改动（整个文件都不导入）。请按下列问题修改后重新发送；每处问题写明行号、列名、单元格的值和原因。' },
      { type: 'list', title: '问题', items: errors.slice(0, PROBLEMS_SHOWN) },
      ...(more > 0 ? [{ type: 'text' as const, text: `另有 ${more} 处问题未在此列出${withFile ? '，全部问题见随后发送的“导入问题清单.csv”' : ''}。` }] : []),
    ],
  };
}

const STATE_TEXT: Record<PendingImportRow['status'] | 'expired', string> = {
  pending: '待确认：确认前名录不会有任何改动',
  applied: '已导入',
  cancelled: '已取消，名录未改动',
  stale: '未导入：预览之后名录已有改动，为免覆盖他人的修改，请重新发送文件',
  expired: '已过期，名录未改动：请重新发送文件',
};

/** The preview of an import, in its current state (pending ones past `expiresAt` as expired). */
export function importPreviewCard(p: PendingImportRow, now: Date): CardView {
  const info = REGISTERS[p.register];
  const v = p.preview;
  const state = p.status === 'pending' && now >= p.expiresAt ? 'expired' : p.status;
  const u = info.unit;
  const sections: CardSection[] = [
    {
      type: 'fields',
      fields: [
        { label: '状态', value: STATE_TEXT[state] + (p.endedAt && state !== 'pending' ? `（${shanghaiDateTime(p.endedAt)}）` : '') },
        { label: '文件', value: p.fileName },
        { label: '名录', value: info.label },
        { label: '文件中', value: `${v.rows} ${u}` },
        { label: '新增', value: `${v.added} ${u}` },
        { label: '更新', value: `${v.updated} ${u}` },
        { label: '不变', value: `${v.unchanged} ${u}` },
        { label: '不再列入', value: `${v.delisted} ${u}${v.delisted ? `（${info.delistedAs}）` : ''}` },
      ],
    },
  ];
  const list = (title: string, items: string[], total: number) =>
    items.length ? [{ type: 'list' as const, title: total > items.length ? `${title}（前 ${items.length} 项，共 ${total} 项）` : title, items }] : [];
  sections.push(
    ...list('新增', v.examples.added, v.added),
    ...list('更新', v.examples.updated, v.updated),
    ...list('不再列入', v.examples.delisted, v.delisted),
  );
  if (state === 'pending') {
    sections.push({
      type: 'text',
      text: `以文件为准：名录中有、文件中没有的${p.register === 'enterprises' ? '企业' : '人员'}将${info.delistedAs}，不会删除。请在 ${shanghaiDateTime(p.expiresAt)} 前确认；确认时如名录已被他人改动，将不予导入。`,
    });
  }
  const payload = { importId: String(p.id), key: p.key };
  return {
    key: importCardKey(p.id),
    title: `导入预览：${p.fileName}`,
    tone: state === 'pending' ? 'info' : state === 'applied' ? 'success' : 'neutral',
    sections,
    actions:
      state === 'pending'
        ? [
            { label: '确认导入', style: 'primary', action: 'import.confirm', payload },
            { label: '取消', action: 'import.cancel', payload },
          ]
        : [],
  };
}
