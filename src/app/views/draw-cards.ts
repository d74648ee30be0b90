import type { DrawRow, TaskRow } from '../ports/store';
import type { CardView } from './card-view';

const STATUS_TEXT: Record<DrawRow['status'], string> = {
  prepared: '待确认：领导确认后立即揭示秘密值并抽取',
  executed: '已抽取',
  abandoned: '已放弃（记录保留，不可重抽）',
  cancelled: '已撤销（记录保留）',
};

export function drawCardKey(drawId: number): string {
  return `draw:${drawId}`;
}

/** Announcement of a prepared draw: the frozen pools, their hashes and the commitment. */
export function drawAnnouncementCard(draw: DrawRow): CardView {
  const s = draw.summary;
  const excluded = s.excludedEnterprises.map((e) => `${e.reason}：${e.count} 家${e.examples.length ? `（如 ${e.examples.join('、')}）` : ''}`);
  const officersOut = s.excludedOfficers.map((o) => `${o.name}：${o.reason}`);
  return {
    key: drawCardKey(draw.id),
    title: `抽取准备 ${draw.drawNo}`,
    tone: draw.status === 'prepared' ? 'info' : draw.status === 'executed' ? 'success' : 'neutral',
    sections: [
      {
        type: 'fields',
        fields: [
          { label: '状态', value: STATUS_TEXT[draw.status] },
          ...(s.planText ? [{ label: '所属计划', value: s.planText }] : []),
          { label: '抽取范围', value: s.filtersText },
          { label: '抽取数量', value: s.quotaText },
          { label: '检查期', value: `${s.windowFrom} 至 ${s.windowTo}` },
          { label: '每组人数', value: `${s.groupSize} 人` },
          { label: '企业池', value: `${s.enterprisePoolSize} 家符合条件` },
          { label: '执法人员池', value: `${s.officerPoolSize} 人符合条件` },
        ],
      },
      { type: 'list', title: '未进入企业池的企业（按原因）', items: excluded.length ? excluded : ['无'] },
      ...(officersOut.length ? [{ type: 'list' as const, title: '未进入人员池的执法人员', items: officersOut }] : []),
      {
        type: 'fields',
        fields: [
          { label: '企业池哈希 SHA-256', value: draw.enterprisePoolHash },
          { label: '人员池哈希 SHA-256', value: draw.officerPoolHash },
          { label: '秘密值承诺 SHA-256', value: draw.commitment },
        ],
      },
      { type: 'text', text: '名单与参数已冻结并公布哈希；秘密值在确认抽取时揭示，任何人都可据此复核抽取结果。' },
      ...(draw.endedReason ? [{ type: 'text' as const, text: `原因：${draw.endedReason}` }] : []),
    ],
    actions:
      draw.status === 'prepared'
        ? [
            { label: '确认抽取', style: 'primary', action: 'draw.execute', payload: { drawId: String(draw.id) } },
            { label: '放弃', style: 'danger', action: 'draw.abandon', payload: { drawId: String(draw.id) } },
          ]
        : [],
  };
}

/** Rows of the result table per card: long draws are paged so every card stays small. */
export const RESULT_PAGE_SIZE = 50;

/**
 * The result: the groups, the revealed secret and seed, and how to check them. A draw of more
 * than {@link RESULT_PAGE_SIZE} enterprises comes as several cards, one page each.
 */
export function drawResultCards(draw: DrawRow, tasks: TaskRow[]): CardView[] {
  const pages = Math.max(1, Math.ceil(tasks.length / RESULT_PAGE_SIZE));
  return Array.from({ length: pages }, (_, p) => {
    const slice = tasks.slice(p * RESULT_PAGE_SIZE, (p + 1) * RESULT_PAGE_SIZE);
    const rows = slice.map((t) => [
      String(t.ordinal + 1),
      t.enterpriseName,
      t.industry,
      t.officers
        .filter((o) => o.status !== 'recused' && o.status !== 'released')
        .map((o) => o.name)
        .join('、'),
    ]);
    const page = pages > 1 ? `（第 ${p + 1}/${pages} 页）` : '';
    return {
      key: `draw:${draw.id}:result${pages > 1 ? `:${p + 1}` : ''}`,
      title: `抽取结果 ${draw.drawNo}${page}`,
      tone: draw.status === 'cancelled' ? 'neutral' : 'success',
      sections: [
        ...(p === 0
          ? [
              {
                type: 'text' as const,
                text: `共抽取 ${tasks.length} 家企业，已向各执法人员发送任务卡。${draw.status === 'cancelled' ? '（本次抽取已撤销）' : ''}`,
              },
            ]
          : []),
        { type: 'table', columns: ['序号', '企业', '行业', '执法人员'], rows },
        ...(p === pages - 1
          ? [
              {
                type: 'fields' as const,
                fields: [
                  { label: '秘密值（已揭示）', value: draw.secret },
                  { label: '随机种子', value: draw.seed ?? '' },
                  { label: '复核方法', value: `在群里发送 /verify ${draw.drawNo}，或导出记录后运行 npm run cli -- draw verify <文件>` },
                ],
              },
            ]
          : []),
      ],
    };
  });
}

/** Where a `/cancel` confirmation stands. */
export type CancelStep = 'asking' | 'done' | 'kept';

/**
 * The question `/cancel` asks before it ends a draw: what ends with it, the reason as typed, and
 * 确认撤销 / 不撤销. After a click the same card says what happened and keeps no button.
 */
export function cancelConfirmCard(draw: DrawRow, reason: string, openTasks: number, step: CancelStep): CardView {
  const payload = { drawId: String(draw.id), reason };
  const ending = draw.status === 'prepared' ? '放弃（尚未抽取，承诺保留）' : `撤销，${openTasks} 项未完成的检查任务随之终止`;
  const outcome: Record<CancelStep, string> = {
    asking: `确认后，${draw.drawNo} 将被${ending}。记录保留，不可重抽。`,
    done: `${draw.drawNo} 已${draw.status === 'prepared' || draw.status === 'abandoned' ? '放弃' : '撤销'}。`,
    kept: `未撤销：${draw.drawNo} 保持原状。`,
  };
  return {
    key: `draw-cancel:${draw.id}`,
    title: `撤销抽取 ${draw.drawNo}？`,
    tone: step === 'asking' ? 'warning' : 'neutral',
    sections: [
      { type: 'fields', fields: [{ label: '撤销原因', value: reason }] },
      { type: 'text', text: outcome[step] },
    ],
    actions:
      step === 'asking'
        ? [
            { label: '确认撤销', style: 'danger', action: 'draw.cancel', payload },
            { label: '不撤销', action: 'draw.keep', payload },
          ]
        : [],
  };
}
