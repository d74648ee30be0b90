/**
 * Cards of the annual plans: a plan's progress against its targets (with a chart), and the
 * form that creates or edits one.
 */
import { CHECK_ITEMS, legalBasisText } from '../../domain/catalog/check-items';
import { batchLabel, batchLine, checkItemsText, planLabel, type ProgressRow, progressTotals } from '../../domain/plan';
import type { PlanRow } from '../ports/store';
import type { CardSection, CardView, FormField } from './card-view';

export const planCardKey = (planId: number) => `plan:${planId}`;

export interface PlanProgressView {
  plan: PlanRow;
  rows: ProgressRow[];
  today: string;
  /** The agency's other plans (document number or title, year), to name in `/plan`. */
  others: Array<Pick<PlanRow, 'id' | 'docNo' | 'title' | 'year' | 'isDefault'>>;
  /** Show the 编辑 button (administrators). */
  canEdit: boolean;
}

const percent = (done: number, target: number | null) => (target ? `${Math.floor((done * 100) / target)}%` : '—');
const batchName = (b: number | null) => (b === null ? '未分批' : batchLabel(b));

/** 计划进度: each target against what was drawn, inspected and published; a grouped bar chart of the same. */
export function planProgressCard(v: PlanProgressView): CardView {
  const { plan, rows } = v;
  const totals = progressTotals(rows);
  const items = CHECK_ITEMS.filter((c) => plan.checkItems.includes(c.code));
  const behind = rows.filter((r) => r.target !== null && r.drawn < r.target);
  const sections: CardSection[] = [
    {
      type: 'fields',
      fields: [
        { label: '计划名称', value: plan.title },
        { label: '文号', value: plan.docNo ?? '（未录入文号：默认计划）' },
        { label: '年度', value: `${plan.year} 年${plan.isDefault ? '（本年度默认计划：未写明计划的抽取归入此计划）' : ''}` },
        { label: '批次', value: plan.batches.length ? plan.batches.map((b) => `${batchLabel(b.no)} ${b.from} 至 ${b.to}`).join('；') : '不分批次' },
        { label: '目标合计', value: `${totals.target} 家` },
        { label: '已抽取', value: `${totals.drawn} 家（${percent(totals.drawn, totals.target)}）` },
        { label: '已检查', value: `${totals.inspected} 家` },
        { label: '已公示', value: `${totals.published} 家` },
      ],
    },
  ];
  if (rows.length) {
    sections.push({
      type: 'table',
      columns: ['批次', '行业', '目标', '目标家数', '已抽取', '已检查', '已公示', '抽取完成率'],
      rows: rows.map((r) => [
        batchName(r.batch),
        r.industry,
        r.targetText,
        r.target === null ? '—' : String(r.target),
        String(r.drawn),
        String(r.inspected),
        String(r.published),
        percent(r.drawn, r.target),
      ]),
    });
    sections.push({
      type: 'chart',
      chart: {
        kind: 'bar',
        title: '目标与进度（家）',
        data: rows.flatMap((r) => {
          const label = plan.batches.length > 1 || r.batch === null ? `${batchName(r.batch)} ${r.industry}` : r.industry;
          return [
            { label, series: '目标', value: r.target ?? 0 },
            { label, series: '已抽取', value: r.drawn },
            { label, series: '已检查', value: r.inspected },
            { label, series: '已公示', value: r.published },
          ];
        }),
      },
    });
  } else {
    sections.push({ type: 'text', text: '本计划没有设定抽查目标，也还没有抽取。管理员可用 /plan 编辑 加上批次和各行业目标。' });
  }
  if (behind.length) {
    sections.push({
      type: 'list',
      title: '尚未抽足的目标',
      items: behind.map((r) => `${batchName(r.batch)} ${r.industry}：目标 ${r.target} 家，已抽取 ${r.drawn} 家，还差 ${r.target! - r.drawn} 家`),
    });
  }
  sections.push({ type: 'list', title: '抽查事项及依据', items: items.map((c) => `${c.no}. ${c.title}（依据：${legalBasisText(c)}）`) });
  if (v.others.length) {
    sections.push({
      type: 'list',
      title: '本单位的其他计划（发送 /plan 文号 查看）',
      items: v.others.map((p) => `${p.year} 年 ${planLabel(p)}${p.isDefault ? '（默认）' : ''}`),
    });
  }
  sections.push({
    type: 'text',
    text: `目标按比例的，以当前名录中可抽取（在营、非重点监管）的企业数计算并向上取整。统计截至 ${v.today}；已撤销的任务不计入。`,
  });
  return {
    key: planCardKey(plan.id),
    title: `抽查计划进度：${planLabel(plan)}`,
    tone: behind.length ? 'warning' : 'info',
    sections,
    ...(v.canEdit ? { actions: [{ label: '编辑计划', action: 'plan.edit' as const, payload: { planId: String(plan.id) } }] } : {}),
  };
}

/** The labels of the plan form, also how problems name their field (「批次安排」). */
export const PLAN_FIELD_LABELS = {
  docNo: '文号',
  year: '年度',
  title: '计划名称',
  checkItems: '抽查事项',
  batches: '批次安排',
  isDefault: '设为本年度默认计划',
} as const;

/** Create (no plan) or edit (a plan: blank fields keep what it has) a plan; problems of the last submit listed first. */
export function planFormCard(v: { plan?: PlanRow; year: number; problems?: string[] }): CardView {
  const p = v.plan;
  const keep = p ? '（留空表示不修改）' : '';
  const fields: FormField[] = [
    { type: 'input', name: 'docNo', label: PLAN_FIELD_LABELS.docNo, required: !p, maxLength: 40, placeholder: p?.docNo ?? `如 偃应急〔${v.year}〕18号` },
    { type: 'input', name: 'year', label: PLAN_FIELD_LABELS.year, required: !p, maxLength: 4, placeholder: String(p?.year ?? v.year) },
    {
      type: 'input',
      name: 'title',
      label: PLAN_FIELD_LABELS.title,
      required: !p,
      maxLength: 100,
      placeholder: p?.title ?? `${v.year}年“双随机、一公开”监管工作实施方案`,
    },
    {
      type: 'input',
      name: 'checkItems',
      label: PLAN_FIELD_LABELS.checkItems,
      required: false,
      maxLength: 100,
      placeholder: p ? checkItemsText(p.checkItems) : `事项序号，如 1-10 或 1、3、5；不填为全部 ${CHECK_ITEMS.length} 项`,
    },
    {
      type: 'input',
      name: 'batches',
      label: PLAN_FIELD_LABELS.batches,
      required: false,
      multiline: true,
      maxLength: 1000,
      placeholder: `每行一个批次：第一批 ${v.year}-04-01至${v.year}-06-30 机械5家 建材10%${p ? '；写“无”表示不分批次' : ''}`,
    },
    {
      type: 'select',
      name: 'isDefault',
      label: PLAN_FIELD_LABELS.isDefault,
      required: false,
      options: [
        { value: '是', label: '是：未写明计划的 /draw 归入本计划' },
        { value: '否', label: '否' },
      ],
      ...(p ? { initial: p.isDefault ? '是' : '否' } : {}),
    },
  ];
  const current = p
    ? [
        {
          type: 'list' as const,
          title: '当前内容',
          items: [
            `文号：${p.docNo ?? '（无）'}`,
            `年度：${p.year}`,
            `计划名称：${p.title}`,
            `抽查事项：${checkItemsText(p.checkItems)}`,
            ...(p.batches.length ? p.batches.map((b) => `批次：${batchLine(b)}`) : ['批次：不分批次']),
          ],
        },
      ]
    : [];
  return {
    key: p ? `plan-form:${p.id}` : 'plan-form:new',
    title: p ? `编辑抽查计划：${planLabel(p)}` : '新建年度抽查计划',
    tone: v.problems?.length ? 'danger' : 'info',
    sections: [
      ...(v.problems?.length ? [{ type: 'list' as const, title: '请修改后重新提交（未保存）', items: v.problems }] : []),
      ...current,
      {
        type: 'text',
        text: `批次每行一个：批次名（可省）、检查时间、各行业目标（家数如 机械5家，或占可抽取企业的比例如 建材10%）。抽查事项写序号（1-${CHECK_ITEMS.length}，见 /plan）。${keep}`,
      },
    ],
    form: {
      name: 'plan',
      fields,
      submit: { label: p ? '保存修改' : '保存计划', style: 'primary', action: 'plan.save', payload: p ? { planId: String(p.id) } : {} },
    },
  };
}
