import { groupByOfficer, type DeadlineItem, type ReminderKind } from '../../domain/reminders';
import type { CardButton, CardSection, CardView } from './card-view';
import { standingText } from './standing-text';

const KIND_TITLES: Record<ReminderKind, string> = {
  publication: '公示期限（5 个工作日内公示）',
  findings: '检查期已结束，检查结果未提交',
  window: '检查期即将结束',
  confirm: '待确认接收的任务',
  recheck: '整改期限已到，需复查',
  recusal: '回避待审批',
};
const KIND_ORDER: ReminderKind[] = ['publication', 'findings', 'recheck', 'window', 'confirm', 'recusal'];
const MAX_LINES = 20;
const MAX_RECHECK_BUTTONS = 3;
/** Tasks of a digest that get a button to bring their card back (the rest: /tasks). */
const MAX_OPEN_BUTTONS = 3;

/** 打开任务卡 for the first few tasks with something due other than a 复查 (which has its own buttons). */
function openTaskButtons(items: DeadlineItem[]): CardButton[] {
  const tasks = [...new Map(items.filter((i) => i.kind !== 'recheck').map((i) => [i.taskId, i])).values()];
  return tasks
    .slice(0, MAX_OPEN_BUTTONS)
    .map((i) => ({ label: `打开：${shortName(i.enterpriseName)}`, action: 'task.open', payload: { taskId: String(i.taskId) } }));
}

export function taskLabel(i: DeadlineItem): string {
  return `${i.drawNo} 第${i.ordinal + 1}组 ${i.enterpriseName}`;
}

/** “还剩 2 个工作日” / “今天到期” / “已逾期 3 个工作日” (see {@link standingText}), plus the provisional warning. */
export function whenText(i: DeadlineItem): string {
  const base = standingText(i.state, i.due, i.workdaysLeft);
  return i.provisional ? `${base}，暂定：该年度节假日安排尚未录入` : base;
}

/** What is due, in one line, without the task label. */
export function dueText(i: DeadlineItem): string {
  switch (i.kind) {
    case 'confirm':
      return `请确认接收或申请回避，检查期自 ${i.due} 起（${whenText(i)}）`;
    case 'window':
      return `检查期至 ${i.due}，请按时检查并填报结果（${whenText(i)}）`;
    case 'findings':
      return `检查期已于 ${i.due} 结束，检查结果未提交（${whenText(i)}）`;
    case 'publication':
      return `应于 ${i.due} 前在国家企业信用信息公示系统（河南）公示（${whenText(i)}）`;
    case 'recheck':
      return i.rectificationReached === false
        ? `整改期限 ${i.rectificationDue ?? ''}，到期后请复查并登记结果，复查期限 ${i.due}（${whenText(i)}）`
        : `整改期限 ${i.rectificationDue ?? ''} 已到，请复查并登记结果，复查期限 ${i.due}（${whenText(i)}）`;
    case 'recusal':
      return `${i.officers.map((o) => o.name).join('、')}的回避申请待局领导审批，审批前无需处理本任务（检查期自 ${i.due} 起）`;
  }
}

function capped(lines: string[], more: string): string[] {
  return lines.length <= MAX_LINES ? lines : [...lines.slice(0, MAX_LINES), `……另有 ${lines.length - MAX_LINES} 项，${more}`];
}

function shortName(name: string): string {
  return name.length > 10 ? `${name.slice(0, 10)}…` : name;
}

/** 复查 buttons for the first few 复查 items: each opens the 复查 form (date, result per hazard, note). */
function recheckButtons(items: DeadlineItem[], view: 'digest' | 'deadlines'): CardButton[] {
  return items
    .filter((i) => i.kind === 'recheck')
    .slice(0, MAX_RECHECK_BUTTONS)
    .map((i) => ({
      label: `复查：${shortName(i.enterpriseName)}`,
      style: 'primary' as const,
      action: 'task.recheck',
      payload: { taskId: String(i.taskId), view },
    }));
}

function sectionsByKind(items: DeadlineItem[]): CardSection[] {
  return KIND_ORDER.flatMap((kind) => {
    const lines = items.filter((i) => i.kind === kind).map((i) => `${taskLabel(i)}：${dueText(i)}`);
    return lines.length ? [{ type: 'list' as const, title: KIND_TITLES[kind], items: capped(lines, '发送 /deadlines 查看全部') }] : [];
  });
}

function tone(items: DeadlineItem[]): CardView['tone'] {
  return items.some((i) => i.state === 'overdue') ? 'danger' : items.some((i) => i.state === 'today') ? 'warning' : 'info';
}

export function digestCardKey(day: string, personId: number): string {
  return `digest:${day}:${personId}`;
}

/** An officer's daily digest (每日提醒): one card with everything due that is theirs. */
export function officerDigestCard(name: string, day: string, personId: number, items: DeadlineItem[]): CardView {
  const actions = [...openTaskButtons(items), ...recheckButtons(items, 'digest')];
  return {
    key: digestCardKey(day, personId),
    title: `${name}，今日待办提醒（${day}）`,
    tone: items.length ? tone(items) : 'success',
    sections: items.length
      ? [...sectionsByKind(items), { type: 'text', text: '发送 /deadlines 查看我的全部期限，/tasks 查看任务卡。' }]
      : [{ type: 'text', text: '今天的提醒事项已全部处理。' }],
    ...(actions.length ? { actions } : {}),
  };
}

/** The 回避 applications awaiting the leaders' decision, as the leader's digest lists them. */
function recusalSection(items: DeadlineItem[]): CardSection[] {
  if (items.length === 0) return [];
  const lines = items.map((i) => `${taskLabel(i)}：${i.officers.map((o) => o.name).join('、')}申请回避，检查期自 ${i.due} 起（${whenText(i)}）`);
  return [{ type: 'list', title: `待审批的回避申请（${items.length} 项，请在审批卡片上决定）`, items: capped(lines, '请先审批以上申请') }];
}

/** A leader's daily digest: the 回避 awaiting a decision, and everything overdue in the agency, grouped by officer. */
export function leaderDigestCard(day: string, personId: number, all: DeadlineItem[]): CardView {
  const recusals = all.filter((i) => i.kind === 'recusal');
  const items = all.filter((i) => i.kind !== 'recusal');
  const groups = groupByOfficer(items);
  const shown = groups.slice(0, 30);
  const title = items.length === 0 ? '待审批的回避申请' : recusals.length ? '逾期事项和待审批事项' : '逾期事项汇总';
  const sections: CardSection[] = [
    ...recusalSection(recusals),
    {
      type: 'fields',
      fields: [
        { label: '逾期事项', value: String(items.length) },
        { label: '涉及人员', value: String(groups.length) },
      ],
    },
    ...shown.map((g) => ({
      type: 'list' as const,
      title: `${g.name}（${g.items.length} 项）`,
      items: [
        ...g.items.slice(0, 5).map((i) => `${taskLabel(i)}：${KIND_TITLES[i.kind]}，${whenText(i)}`),
        ...(g.items.length > 5 ? [`……另有 ${g.items.length - 5} 项`] : []),
      ],
    })),
  ];
  if (groups.length > shown.length) sections.push({ type: 'text', text: `另有 ${groups.length - shown.length} 名人员有逾期事项，发送 /status 查看全局进度。` });
  return { key: `digest:${day}:leader:${personId}`, title: `${title}（${day}）`, tone: items.length ? 'danger' : 'warning', sections };
}

/** Told to administrators once a day until the missing years are loaded. */
export function holidayNoticeCard(day: string, years: number[]): CardView {
  const y = years.join('、');
  return {
    key: `holidays-missing:${day}`,
    title: `${y} 年节假日安排尚未录入`,
    tone: 'warning',
    sections: [
      {
        type: 'text',
        text: `${y} 年的国务院放假调休安排尚未录入：涉及该年的期限暂按周一至周五推算，标注为“暂定”。国务院公布安排后，请录入全年的放假和调休上班日期。`,
      },
      {
        type: 'list',
        title: '录入方式',
        items: [
          '在聊天中发送：/holidays 2027 元旦 放假 01-01~01-03；春节 上班 02-06（详见 /holidays）',
          '或在服务器上运行：npm run cli -- holidays import <文件>',
        ],
      },
    ],
  };
}

/** /deadlines: every open deadline of the person, soonest first. */
export function deadlinesCard(name: string, today: string, items: DeadlineItem[]): CardView {
  const actions = recheckButtons(items, 'deadlines');
  return {
    key: 'my-deadlines',
    title: `${name} 的期限（${today}）`,
    tone: items.length ? tone(items) : 'success',
    sections: items.length
      ? [
          {
            type: 'list',
            items: capped(
              items.map((i) => `${taskLabel(i)}：${dueText(i)}`),
              '请先处理以上事项',
            ),
          },
        ]
      : [{ type: 'text', text: '目前没有待办的期限。' }],
    ...(actions.length ? { actions } : {}),
  };
}
