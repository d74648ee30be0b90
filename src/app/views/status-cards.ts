import type { DrawRow, TaskRow } from '../ports/store';
import type { CardView } from './card-view';
import { awaitingRecusal, publishedLate } from './task-cards';

export interface StatusFigures {
  today: string;
  draws: DrawRow[];
  tasks: TaskRow[];
}

/** Progress of the agency: figures, a chart, and what is overdue. */
export function statusCard(f: StatusFigures): CardView {
  const count = (pred: (t: TaskRow) => boolean) => f.tasks.filter(pred).length;
  const unconfirmed = count((t) => t.status === 'assigned' && t.officers.some((o) => o.status === 'pending'));
  const assigned = count((t) => t.status === 'assigned');
  const inspected = count((t) => t.status === 'inspected');
  const published = count((t) => t.status === 'published');
  const overdue = f.tasks.filter((t) => t.status === 'inspected' && t.publicationDue !== null && t.publicationDue < f.today);
  const publishedLateCount = count(publishedLate);
  const recusals = count((t) => awaitingRecusal(t).length > 0);
  return {
    key: 'status',
    title: `抽查工作进度（${f.today}）`,
    tone: overdue.length ? 'warning' : 'info',
    sections: [
      {
        type: 'fields',
        fields: [
          { label: '抽取次数', value: String(f.draws.filter((d) => d.status === 'executed' || d.status === 'cancelled').length) },
          { label: '检查任务', value: String(assigned + inspected + published) },
          { label: '待确认', value: String(unconfirmed) },
          { label: '待检查', value: String(assigned) },
          { label: '待公示', value: String(inspected) },
          { label: '已公示', value: String(published) },
          { label: '公示逾期', value: String(overdue.length) },
          { label: '逾期公示（已公示）', value: String(publishedLateCount) },
          { label: '回避待审批', value: String(recusals) },
        ],
      },
      {
        type: 'chart',
        chart: {
          kind: 'bar',
          title: '任务进度',
          data: [
            { label: '待检查', value: assigned },
            { label: '待公示', value: inspected },
            { label: '已公示', value: published },
          ],
        },
      },
      {
        type: 'list',
        title: '公示逾期',
        items: overdue.length
          ? overdue.map(
              (t) =>
                `${t.enterpriseName}：应于 ${t.publicationDue} 前公示（${t.officers
                  .filter((o) => o.status === 'confirmed')
                  .map((o) => o.name)
                  .join('、')}）`,
            )
          : ['无'],
      },
      {
        type: 'list',
        title: '最近的抽取',
        items: f.draws
          .slice(0, 5)
          .map((d) => `${d.drawNo}：${({ prepared: '待确认', executed: '已抽取', abandoned: '已放弃', cancelled: '已撤销' } as const)[d.status]}`),
      },
    ],
  };
}

const TASK_STATUS_TEXT = { assigned: '待检查', inspected: '待公示', published: '已公示', cancelled: '已撤销' } as const;

/** A page of the agency's tasks for leaders: who inspects what, where each stands, what is overdue. */
export function taskListCard(v: { rows: TaskRow[]; total: number; page: number; pages: number; today: string }): CardView {
  const state = (t: TaskRow) => {
    if (awaitingRecusal(t).length > 0) return '回避待审批';
    if (t.status === 'assigned' && t.officers.some((o) => o.status === 'pending')) return '待确认';
    if (publishedLate(t)) return '已公示（逾期）';
    if (t.status === 'inspected' && t.publicationDue !== null && t.publicationDue < v.today) return '公示逾期';
    return TASK_STATUS_TEXT[t.status];
  };
  return {
    key: 'tasks',
    title: `检查任务（共 ${v.total} 项${v.pages > 1 ? `，第 ${v.page}/${v.pages} 页` : ''}）`,
    tone: 'info',
    sections: [
      v.rows.length
        ? {
            type: 'table',
            columns: ['任务', '企业', '行业', '执法人员', '状态', '公示期限'],
            rows: v.rows.map((t) => [
              `${t.drawNo} 第${t.ordinal + 1}组`,
              t.enterpriseName,
              t.industry,
              t.officers
                .filter((o) => o.status === 'pending' || o.status === 'confirmed')
                .map((o) => o.name)
                .join('、'),
              state(t),
              t.publicationDue ?? '',
            ]),
          }
        : { type: 'text', text: '没有符合条件的检查任务。' },
      {
        type: 'text',
        text: `可按条件查看，例如：/tasks ${v.today.slice(0, 4)}-1（某次抽取）、/tasks 待公示、/tasks 逾期、/tasks 机械、/tasks 张三、/tasks 第2页；/tasks 我的 发送自己的任务卡。`,
      },
    ],
  };
}

/** One command in `/help`, as the command table describes it. */
export interface HelpLine {
  usage: string;
  summary: string;
  aliases: readonly string[];
  groupOnly: boolean;
  examples: readonly string[];
}

function helpItem(line: HelpLine): string {
  const aliases = line.aliases.length ? `；也可写${line.aliases.map((a) => `“${a}”`).join('')}` : '';
  return `${line.usage}　${line.summary}${line.groupOnly ? '（在工作群中）' : ''}${aliases}`;
}

/** The commands the asker may use, each with its aliases and examples, and the asker's page of the manual. */
export function helpCard(lines: readonly HelpLine[], manual?: { text: string; url: string }): CardView {
  return {
    key: 'help',
    title: '双随机抽查机器人：使用说明',
    tone: 'neutral',
    sections: [
      {
        type: 'list',
        title: '你可以使用的命令（在群里 @机器人 后输入，或私聊机器人）',
        items: lines.flatMap((line) => [helpItem(line), ...line.examples]),
      },
      { type: 'text', text: '执法人员通过私聊中的任务卡确认接收、申请回避、查看现场检查方案和填报检查结果。' },
      ...(manual ? [{ type: 'link' as const, ...manual }] : []),
    ],
  };
}
