import { batchLabel, targetsMet } from '../../domain/plan';
import { assessmentOf, percent, type StatFigures, type StatRow } from '../../domain/reports/statistics';
import type { PlanOfYear, YearReport } from '../year-report';
import type { CardSection, CardView } from './card-view';

/** Officers and townships shown on a card; the export has them all. */
const CARD_ROWS = 30;

const FIGURE_COLUMNS = ['任务', '确认', '检查', '按时公示', '逾期公示', '逾期未公示', '隐患', '已整改', '重大隐患'];
const figureCells = (f: StatFigures) =>
  [f.tasks, f.confirmed, f.inspected, f.publishedOnTime, f.publishedLate, f.overdue, f.hazards, f.hazardsRectified, f.majorHazards].map(String);

function table(first: string[], rows: StatRow[], cells: (r: StatRow) => string[]): CardSection[] {
  const shown = rows.slice(0, CARD_ROWS);
  return [
    { type: 'table', columns: [...first, ...FIGURE_COLUMNS], rows: shown.map((r) => [...cells(r), ...figureCells(r)]) },
    ...(rows.length > shown.length ? [{ type: 'text' as const, text: `另有 ${rows.length - shown.length} 行未显示，完整数据请用 /export 导出。` }] : []),
  ];
}

/** “2026 年没有抽取记录” with the years that have some. */
function emptyYear(r: YearReport, what: string): CardView {
  return {
    key: `stats:${r.year}`,
    title: `${r.year} 年${what}`,
    tone: 'neutral',
    sections: [{ type: 'text', text: `${r.year} 年没有抽取记录。${r.years.length ? `有记录的年份：${r.years.join('、')}，例如 /stats ${r.years[0]}。` : ''}` }],
  };
}

/** `/stats`: the year's figures in all, a chart by industry, and tables by industry, township, unit and officer. */
export function statsCard(r: YearReport): CardView {
  const s = r.stats;
  if (s.total.tasks === 0) return emptyYear(r, '抽查统计');
  const t = s.total;
  return {
    key: `stats:${r.year}`,
    title: `${r.year} 年抽查统计（截至 ${r.today}）`,
    tone: t.overdue > 0 ? 'warning' : 'info',
    sections: [
      {
        type: 'fields',
        fields: [
          { label: '检查任务', value: String(t.tasks) },
          { label: '已确认', value: String(t.confirmed) },
          { label: '已检查', value: String(t.inspected) },
          { label: '按时公示', value: String(t.publishedOnTime) },
          { label: '逾期公示', value: String(t.publishedLate) },
          { label: '逾期未公示', value: String(t.overdue) },
          { label: '发现隐患', value: String(t.hazards) },
          { label: '已整改隐患', value: String(t.hazardsRectified) },
          { label: '重大事故隐患', value: String(t.majorHazards) },
        ],
      },
      {
        type: 'chart',
        chart: {
          kind: 'bar',
          title: '各行业检查进度',
          data: s.byIndustry.flatMap((row) => [
            { label: row.label, series: '任务', value: row.tasks },
            { label: row.label, series: '已检查', value: row.inspected },
            { label: row.label, series: '按时公示', value: row.publishedOnTime },
          ]),
        },
      },
      { type: 'text', text: '按行业' },
      ...table(['行业'], s.byIndustry, (row) => [row.label]),
      { type: 'text', text: '按乡镇/街道' },
      ...table(['乡镇/街道'], s.byTownship, (row) => [row.label]),
      { type: 'text', text: '按单位' },
      ...table(['单位'], s.byUnit, (row) => [row.label]),
      { type: 'text', text: '按执法人员' },
      ...table(['执法人员', '单位'], s.byOfficer, (row) => [row.label, row.unit ?? '']),
      { type: 'text', text: `年终考评：/stats ${r.year} 考评；导出 Excel：/export ${r.year}。` },
    ],
  };
}

const RATE_COLUMNS = ['任务', '完成', '完成率', '应公示', '按时公示', '及时率'];

function rateCells(row: StatRow): string[] {
  const a = assessmentOf(row);
  return [String(a.tasks), String(a.inspected), percent(a.completionRate), String(a.due), String(a.publishedOnTime), percent(a.timelinessRate)];
}

/** `/stats 年份 考评`: completion and timeliness rates by unit and by officer (年终考评). */
export function assessmentCard(r: YearReport): CardView {
  const s = r.stats;
  if (s.total.tasks === 0) return emptyYear(r, '年终考评');
  const officers = s.byOfficer.slice(0, CARD_ROWS);
  const rate = (x: number | null) => (x === null ? 0 : Math.round(x * 1000) / 10);
  return {
    key: `stats:${r.year}:assessment`,
    title: `${r.year} 年年终考评（截至 ${r.today}）`,
    tone: 'info',
    sections: [
      {
        type: 'chart',
        chart: {
          kind: 'bar',
          title: '各单位完成率与及时率（%）',
          data: s.byUnit.flatMap((row) => {
            const a = assessmentOf(row);
            return [
              { label: row.label, series: '完成率', value: rate(a.completionRate) },
              { label: row.label, series: '及时率', value: rate(a.timelinessRate) },
            ];
          }),
        },
      },
      { type: 'table', columns: ['单位', ...RATE_COLUMNS], rows: s.byUnit.map((row) => [row.label, ...rateCells(row)]) },
      { type: 'table', columns: ['执法人员', '单位', ...RATE_COLUMNS], rows: officers.map((row) => [row.label, row.unit ?? '', ...rateCells(row)]) },
      ...(s.byOfficer.length > officers.length
        ? [{ type: 'text' as const, text: `另有 ${s.byOfficer.length - officers.length} 名执法人员未显示，完整数据请用 /export 导出。` }]
        : []),
      ...planTargetSections(r),
      {
        type: 'text',
        text: '完成率 = 已检查任务 ÷ 检查任务；及时率 = 按时公示 ÷ 应公示（已公示的，以及超过公示期限仍未公示的）。公示期限为检查之日起 5 个工作日（偃应急〔2023〕18号）。计划目标：某批次某行业已检查的企业数达到目标即为完成（只抽取、未检查的不算）。',
      },
    ],
  };
}

/** The plan's name as the assessment shows it: its document number, else its title. */
export const planName = (p: PlanOfYear) => p.docNo ?? p.title;

/** One row per target of the year's plans: 计划, 批次, 行业, 目标家数, 已抽取, 已检查, 完成. */
export function planTargetRows(plans: readonly PlanOfYear[]): Array<[string, string, string, number, number, number, '是' | '否']> {
  return plans.flatMap((p) =>
    p.rows.flatMap((row) =>
      row.target === null
        ? []
        : [
            [
              planName(p),
              row.batch === null ? '未分批' : batchLabel(row.batch),
              row.industry,
              row.target,
              row.drawn,
              row.inspected,
              row.inspected >= row.target ? '是' : '否',
            ] as const,
          ],
    ),
  ) as Array<[string, string, string, number, number, number, '是' | '否']>;
}

/** 计划目标完成情况 of the assessment: per plan how many targets were met, and each target. */
function planTargetSections(r: YearReport): CardSection[] {
  if (r.plans.length === 0) return [{ type: 'text', text: `${r.year} 年没有抽查计划，不考评计划目标。管理员可用 /plan 新建 录入年度计划。` }];
  const withTargets = r.plans.filter((p) => targetsMet(p.rows).set > 0);
  if (withTargets.length === 0)
    return [{ type: 'text', text: `${r.year} 年的抽查计划没有设定目标，不考评计划目标。管理员可用 /plan 编辑 加上批次和各行业目标。` }];
  return [
    {
      type: 'fields',
      fields: withTargets.map((p) => {
        const m = targetsMet(p.rows);
        return {
          label: `计划目标：${planName(p)}`,
          value: `完成 ${m.met}/${m.set} 项；已检查 ${m.inspected}/${m.target} 家（${percent(m.target ? m.inspected / m.target : null)}）`,
        };
      }),
    },
    {
      type: 'table',
      columns: ['计划', '批次', '行业', '目标家数', '已抽取', '已检查', '完成'],
      rows: planTargetRows(withTargets).map((row) => row.map(String)),
    },
  ];
}
