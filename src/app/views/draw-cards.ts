import { shanghaiDateTime, shanghaiDateTimeSeconds } from '../../domain/workdays';
import type { DrawRow, Person, TaskRow } from '../ports/store';
import type { CardSection, CardView } from './card-view';

const STATUS_TEXT: Record<DrawRow['status'], string> = {
  prepared: '待确认：领导确认后立即揭示秘密值并抽取',
  executed: '已抽取',
  abandoned: '已放弃（记录保留，不可重抽）',
  cancelled: '已撤销（记录保留）',
};

export function drawCardKey(drawId: number): string {
  return `draw:${drawId}`;
}

/** Who ended a draw, by name (the row keeps their ids). */
export interface DrawEnders {
  endedBy?: string;
  confirmedBy?: string;
  /** The ended draw of the same scope this one draws again. */
  supersedes?: Pick<DrawRow, 'drawNo' | 'status'>;
}

/** Most characters of a reason to abandon or cancel a draw (it is published with the record). */
export const DRAW_REASON_MAX = 200;

/**
 * How an abandoned or cancelled draw ended, all of it public: when, by whom (a cancellation
 * also names who agreed), why, and for an abandoned draw its revealed secret, from which anyone
 * can compute what it would have drawn.
 */
function endedSections(draw: DrawRow, who: DrawEnders): CardSection[] {
  if (draw.status !== 'abandoned' && draw.status !== 'cancelled') return [];
  const fields = [
    { label: draw.status === 'abandoned' ? '放弃时间' : '撤销时间', value: draw.endedAt ? shanghaiDateTime(draw.endedAt) : '未记录' },
    ...(who.endedBy ? [{ label: draw.status === 'abandoned' ? '放弃人' : '申请撤销人', value: who.endedBy }] : []),
    ...(who.confirmedBy ? [{ label: '确认撤销人', value: who.confirmedBy }] : []),
    { label: '原因', value: draw.endedReason ?? '未记录' },
  ];
  const reveal: CardSection[] =
    draw.status === 'abandoned' && !draw.seed
      ? draw.secret
        ? [
            { type: 'fields', fields: [{ label: '秘密值（已揭示）', value: draw.secret }] },
            { type: 'text', text: `任何人都可据此算出本次若执行将抽中的企业：发送 /verify ${draw.drawNo}，或在公开页下载记录后运行 draw verify。` },
          ]
        : [{ type: 'text', text: '秘密值未能揭示：准备本次抽取时的抽取密钥已不在本服务器上（已如实记录）。' }]
      : [];
  return [{ type: 'fields', fields }, ...reveal];
}

/** Announcement of a prepared draw: the frozen pools, their hashes and the commitment. */
export function drawAnnouncementCard(draw: DrawRow, who: DrawEnders = {}): CardView {
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
          ...(who.supersedes
            ? [
                {
                  label: '重新抽取',
                  value: `本次抽取的范围与已${who.supersedes.status === 'cancelled' ? '撤销' : '放弃'}的 ${who.supersedes.drawNo} 相同，两次记录均公开`,
                },
              ]
            : []),
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
          ...(draw.beacon
            ? [
                {
                  label: '公共随机信标',
                  value: `drand 第 ${draw.beacon.round} 轮，${shanghaiDateTimeSeconds(new Date(draw.beacon.publishAt))} 发布${draw.beacon.randomness ? `，随机值 ${draw.beacon.randomness}` : '；发布前任何人（含服务器管理员）都无法预知结果'}`,
                },
              ]
            : []),
        ],
      },
      { type: 'text', text: '名单与参数已冻结并公布哈希；秘密值在确认抽取（或放弃）时揭示，任何人都可据此复核抽取结果。' },
      ...(draw.status === 'abandoned' || draw.status === 'cancelled'
        ? endedSections(draw, who)
        : draw.endedReason
          ? [{ type: 'text' as const, text: `原因：${draw.endedReason}` }]
          : []),
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

export function abandonFormKey(drawId: number): string {
  return `draw-abandon:${drawId}`;
}

/** 放弃 asks why first: the reason is published with the draw's record. */
export function abandonFormCard(draw: DrawRow): CardView {
  return {
    key: abandonFormKey(draw.id),
    title: `放弃抽取 ${draw.drawNo}？`,
    tone: 'warning',
    sections: [
      {
        type: 'text',
        text: '放弃后本次抽取结束，记录保留；秘密值随即公开，任何人都可算出本次若执行将抽中的企业。请写明原因（将与记录一并公开）。',
      },
    ],
    form: {
      name: 'draw-abandon',
      fields: [
        {
          type: 'input',
          name: 'reason',
          label: '放弃原因',
          required: true,
          multiline: true,
          maxLength: DRAW_REASON_MAX,
          placeholder: '如：抽取范围选错，应为机械行业',
        },
      ],
      submit: { label: '确认放弃', style: 'danger', action: 'draw.abandon', payload: { drawId: String(draw.id) } },
    },
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
                  { label: '秘密值（已揭示）', value: draw.secret ?? '' },
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

/** Where a `/cancel` confirmation stands: asked (a prepared draw), requested (an executed one, awaiting a second person), done or kept. */
export type CancelStep = 'asking' | 'requested' | 'done' | 'kept';

/** The key of a cancellation request's card (one per request; the group may hold several). */
export function cancelRequestKey(drawId: number): string {
  return `draw-cancel:${drawId}`;
}

/**
 * The question `/cancel` asks before it ends a draw: what ends with it, the reason as typed.
 * A prepared draw: 确认放弃 / 不放弃 by the asker. An executed draw: who asked, and 同意撤销 /
 * 不撤销 for a second leader or administrator. After a click the same card says what happened
 * and keeps no button.
 */
export function cancelConfirmCard(
  draw: DrawRow,
  reason: string,
  openTasks: number,
  step: CancelStep,
  requester?: Pick<Person, 'id' | 'name'>,
  confirmer?: Pick<Person, 'name'>,
): CardView {
  const prepared = draw.status === 'prepared' || draw.status === 'abandoned';
  const payload: Record<string, string> = { drawId: String(draw.id), reason, ...(requester ? { requestedBy: String(requester.id) } : {}) };
  const outcome: Record<CancelStep, string> = {
    asking: `确认后，${draw.drawNo} 将被放弃（尚未抽取）：秘密值随即公开，任何人都可算出本次若执行将抽中的企业。记录保留，不可重抽。`,
    requested: `${requester?.name ?? '申请人'}申请撤销已执行的抽取 ${draw.drawNo}，${openTasks} 项未完成的检查任务将随之终止。须由另一位局领导或管理员点“同意撤销”；抽取结果、原因和双方姓名将一并公开。`,
    done: prepared
      ? `${draw.drawNo} 已放弃。`
      : `${draw.drawNo} 已撤销${requester && confirmer ? `（${requester.name}申请，${confirmer.name}确认）` : ''}，抽取结果与记录保留公开。`,
    kept: `未撤销：${draw.drawNo} 保持原状。`,
  };
  return {
    key: cancelRequestKey(draw.id),
    title: prepared ? `放弃抽取 ${draw.drawNo}？` : `撤销抽取 ${draw.drawNo}？`,
    tone: step === 'asking' || step === 'requested' ? 'warning' : 'neutral',
    sections: [
      { type: 'fields', fields: [{ label: prepared ? '放弃原因' : '撤销原因', value: reason }] },
      { type: 'text', text: outcome[step] },
    ],
    actions:
      step === 'asking'
        ? [
            { label: '确认放弃', style: 'danger', action: 'draw.cancel', payload },
            { label: '不放弃', action: 'draw.keep', payload },
          ]
        : step === 'requested'
          ? [
              { label: '同意撤销', style: 'danger', action: 'draw.cancel', payload },
              { label: '不撤销', action: 'draw.keep', payload },
            ]
          : [],
  };
}
