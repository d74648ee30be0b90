/**
 * The year's export as sheets (`/export`, `npm run cli -- export`): what to enter into
 * 国家企业信用信息公示系统, the draw announcements, the findings and hazards, the rectifications
 * and 复查, the statistics, the year-end assessment and the enterprise directory. Internal: for
 * leaders and administrators (it holds notes, signatures and contacts the public page never shows).
 */
import { CHECK_ITEMS } from '../../domain/catalog/check-items';
import { RECHECK_OUTCOME_TEXT } from '../../domain/findings/recheck';
import { HAZARD_LEVEL_TEXT, HAZARD_RECTIFICATION_TEXT, measureLabel } from '../../domain/findings/types';
import { assessmentOf, type StatRow } from '../../domain/reports/statistics';
import { shanghaiDate } from '../../domain/workdays';
import type { ReportTask } from '../ports/reports';
import type { Sheet, Spreadsheets, Workbook } from '../ports/spreadsheets';
import type { YearReport } from '../year-report';
import { itemsText, rectificationText, resultLabel } from './public-columns';
import { planTargetRows } from './stats-cards';

export const SHEET_NAMES = {
  gsxt: '公示系统录入',
  draws: '抽查任务公告',
  findings: '检查结果',
  hazards: '隐患清单',
  rectifications: '整改与复查',
  rechecks: '复查记录',
  byIndustry: '统计-按行业',
  byTownship: '统计-按乡镇街道',
  byOfficer: '统计-按执法人员',
  byUnit: '统计-按单位',
  assessUnits: '年终考评-单位',
  assessOfficers: '年终考评-人员',
  assessPlans: '年终考评-计划目标',
  register: '检查对象名录',
} as const;

const RECTIFICATION = { none: '无需整改', immediate: '立即整改', deadline: '限期整改' } as const;
const TASK_STATUS = { assigned: '待检查', inspected: '待公示', published: '已公示', cancelled: '已撤销' } as const;

const inspected = (r: YearReport) =>
  r.tasks.filter((t): t is ReportTask & { findings: NonNullable<ReportTask['findings']> } => t.findings !== null && t.status !== 'cancelled');
const officersOf = (t: ReportTask) =>
  t.officers
    .filter((o) => o.status === 'pending' || o.status === 'confirmed')
    .map((o) => o.name)
    .join('、');

/** One row per inspected enterprise, in the fields of the 公示系统's 抽查检查结果 (copy them in; then mark 已公示). */
function gsxtSheet(r: YearReport): Sheet {
  const directed = new Map(r.draws.map((d) => [d.drawNo, d.directed]));
  return {
    name: SHEET_NAMES.gsxt,
    columns: [
      '检查实施机关',
      '抽查任务编号',
      '抽查类型',
      '企业名称',
      '统一社会信用代码',
      '检查日期',
      '检查事项',
      '检查结果',
      '备注',
      '公示期限',
      '公示状态',
      '公示系统记录编号',
    ],
    dateColumns: [5, 9],
    rows: inspected(r).map((t) => [
      r.agencyName,
      t.drawNo,
      directed.get(t.drawNo) ? '定向抽查' : '不定向抽查',
      t.enterpriseName,
      t.uscc,
      t.findings.inspectionDate,
      itemsText(t.findings.itemResults),
      resultLabel(t.findings.resultCategory),
      rectificationText(t.findings),
      t.publicationDue ?? '',
      t.status === 'published' ? '已公示' : t.publicationDue !== null && r.today > t.publicationDue ? '逾期未公示' : '待公示',
      t.publicationRef ?? '',
    ]),
  };
}

const DRAW_STATUS = { prepared: '已公告，待确认抽取', executed: '已抽取', cancelled: '已撤销', abandoned: '已放弃' } as const;

function drawsSheet(r: YearReport): Sheet {
  const drawn = new Map<string, string[]>();
  for (const t of r.tasks) drawn.set(t.drawNo, [...(drawn.get(t.drawNo) ?? []), `${t.enterpriseName}（${t.uscc}）`]);
  return {
    name: SHEET_NAMES.draws,
    columns: [
      '抽查任务编号',
      '所属抽查计划',
      '抽查类型',
      '抽查范围',
      '抽取数量',
      '检查期自',
      '检查期至',
      '检查机关',
      '抽中企业数',
      '状态',
      '结束原因',
      '名单池企业数',
      '名单池执法人员数',
      '检查对象名单哈希',
      '执法人员名单哈希',
      '秘密值承诺',
      '随机种子',
      '抽取日期',
      '抽中企业',
    ],
    dateColumns: [5, 6, 17],
    rows: r.draws.map((d) => [
      d.drawNo,
      d.planTitle ?? '',
      d.directed ? '定向抽查' : '不定向抽查',
      d.filtersText,
      d.quotaText,
      d.windowFrom,
      d.windowTo,
      d.agencyName,
      d.drawnCount,
      DRAW_STATUS[d.status],
      d.endedReason ?? '',
      d.enterprisePoolSize,
      d.officerPoolSize,
      d.enterprisePoolHash,
      d.officerPoolHash,
      d.commitment,
      d.seed ?? '',
      d.executedAt ? shanghaiDate(d.executedAt) : '',
      (drawn.get(d.drawNo) ?? []).join('\n'),
    ]),
  };
}

/** One row per inspected enterprise: the whole findings record, item by item, as the 现场检查记录 has it. */
function findingsSheet(r: YearReport): Sheet {
  const columns = [
    '抽查任务编号',
    '组号',
    '企业名称',
    '统一社会信用代码',
    '行业',
    '乡镇/街道',
    '执法人员',
    '检查日期',
    '检查结果',
    ...CHECK_ITEMS.map((c) => `${c.no}.${c.title}`),
    '不符合说明',
    '隐患数',
    '隐患描述',
    '重大事故隐患',
    '处理措施',
    '整改要求',
    '整改期限',
    '立案查处',
    '案件编号',
    '企业负责人',
    '负责人拒绝签字',
    '拒绝签字情况',
    '证据（照片和文件）',
    '备注',
    '任务状态',
  ];
  return {
    name: SHEET_NAMES.findings,
    columns,
    dateColumns: [columns.indexOf('检查日期'), columns.indexOf('整改期限')],
    rows: inspected(r).map((t) => {
      const f = t.findings;
      return [
        t.drawNo,
        t.ordinal + 1,
        t.enterpriseName,
        t.uscc,
        t.industry,
        t.township,
        officersOf(t),
        f.inspectionDate,
        resultLabel(f.resultCategory),
        ...CHECK_ITEMS.map((c) => f.itemResults[c.code] ?? ''),
        Object.entries(f.itemNotes)
          .map(([code, note]) => `${itemLabel(code)}：${note}`)
          .join('\n'),
        f.hazards.length,
        f.hazards.map((h) => `${h.no}. ${h.level === 'major' ? '【重大】' : ''}${h.description}`).join('\n'),
        f.majorHazard ? '是' : '否',
        f.measures.map(measureLabel).join('；'),
        RECTIFICATION[f.rectification],
        f.rectificationDue ?? '',
        f.caseFiled ? '是' : '否',
        f.caseNo ?? '',
        f.responsiblePerson ?? '',
        f.refusedToSign ? '是' : '否',
        f.refusalNote ?? '',
        t.evidenceCount,
        f.notes ?? '',
        TASK_STATUS[t.status],
      ];
    }),
  };
}

const itemLabel = (code: string) => {
  const item = CHECK_ITEMS.find((c) => c.code === code);
  return item ? `${item.no}.${item.title}` : code;
};

/** Each hazard's latest 复查 result and its date (undefined before any 复查 of it). */
function lastRecheckOf(t: ReportTask, no: number): { result: string; date: string } | undefined {
  for (const round of [...t.rechecks].reverse()) {
    const found = round.results.find((x) => x.no === no);
    if (found) return { result: RECHECK_OUTCOME_TEXT[found.result], date: round.recheckDate };
  }
  return undefined;
}

/** One row per hazard found (安全生产法 第六十五条: each ordered removed), with where its 复查 stands. */
function hazardsSheet(r: YearReport): Sheet {
  const columns = [
    '抽查任务编号',
    '组号',
    '企业名称',
    '统一社会信用代码',
    '检查日期',
    '隐患序号',
    '隐患等级',
    '隐患部位',
    '对应检查事项',
    '隐患描述',
    '整改方式',
    '整改期限',
    '最近复查结果',
    '最近复查日期',
  ];
  return {
    name: SHEET_NAMES.hazards,
    columns,
    dateColumns: [columns.indexOf('检查日期'), columns.indexOf('整改期限'), columns.indexOf('最近复查日期')],
    rows: inspected(r).flatMap((t) =>
      t.findings.hazards.map((h) => {
        const last = lastRecheckOf(t, h.no);
        return [
          t.drawNo,
          t.ordinal + 1,
          t.enterpriseName,
          t.uscc,
          t.findings.inspectionDate,
          h.no,
          HAZARD_LEVEL_TEXT[h.level],
          h.location,
          h.itemCode ? itemLabel(h.itemCode) : '其他',
          h.description,
          HAZARD_RECTIFICATION_TEXT[h.rectification],
          h.due ?? '',
          last?.result ?? (h.rectification === 'immediate' ? '当场整改' : ''),
          last?.date ?? '',
        ];
      }),
    ),
  };
}

function rectificationsSheet(r: YearReport): Sheet {
  return {
    name: SHEET_NAMES.rectifications,
    columns: [
      '抽查任务编号',
      '企业名称',
      '统一社会信用代码',
      '执法人员',
      '检查日期',
      '隐患数',
      '整改要求',
      '整改期限',
      '复查结果',
      '复查日期',
      '状态',
      '复查次数',
    ],
    dateColumns: [4, 7, 9],
    rows: inspected(r)
      .filter((t) => t.findings.rectification !== 'none')
      .map((t) => {
        const f = t.findings;
        const recheck = f.recheckResult === 'rectified' ? '已整改' : f.recheckResult === 'not_rectified' ? '未整改' : '';
        const state =
          f.rectification === 'immediate'
            ? '当场整改'
            : f.recheckResult
              ? '已复查'
              : f.rectificationDue !== null && r.today > f.rectificationDue
                ? '整改期限已过，待复查'
                : t.rechecks.length
                  ? '已复查，整改中（新的整改期限）'
                  : '整改中';
        return [
          t.drawNo,
          t.enterpriseName,
          t.uscc,
          officersOf(t),
          f.inspectionDate,
          f.hazards.length,
          RECTIFICATION[f.rectification],
          f.rectificationDue ?? '',
          recheck,
          f.recheckedAt ? shanghaiDate(f.recheckedAt) : '',
          state,
          t.rechecks.length,
        ];
      }),
  };
}

/** One row per 复查 round: the date, which hazards were rectified and which not, the note and any new 整改期限. */
function rechecksSheet(r: YearReport): Sheet {
  const nos = (t: ReportTask, round: ReportTask['rechecks'][number], result: 'rectified' | 'not_rectified') =>
    round.results
      .filter((x) => x.result === result)
      .map((x) => {
        const h = t.findings?.hazards.find((z) => z.no === x.no);
        return `${x.no}. ${h?.level === 'major' ? '【重大】' : ''}${h?.description ?? ''}`;
      })
      .join('\n');
  return {
    name: SHEET_NAMES.rechecks,
    columns: ['抽查任务编号', '组号', '企业名称', '统一社会信用代码', '复查轮次', '复查日期', '已整改隐患', '未整改隐患', '复查情况', '新的整改期限'],
    dateColumns: [5, 9],
    rows: r.tasks.flatMap((t) =>
      t.rechecks.map((round) => [
        t.drawNo,
        t.ordinal + 1,
        t.enterpriseName,
        t.uscc,
        round.round,
        round.recheckDate,
        nos(t, round, 'rectified'),
        nos(t, round, 'not_rectified'),
        round.note ?? '',
        round.newDue ?? '',
      ]),
    ),
  };
}

const FIGURES = ['检查任务', '已确认', '已检查', '按时公示', '逾期公示', '逾期未公示', '发现隐患', '已整改隐患', '重大事故隐患'];
const figureCells = (f: StatRow | YearReport['stats']['total']) => [
  f.tasks,
  f.confirmed,
  f.inspected,
  f.publishedOnTime,
  f.publishedLate,
  f.overdue,
  f.hazards,
  f.hazardsRectified,
  f.majorHazards,
];

/** A statistics sheet; `total` adds the year's line (where each task is in one row only). */
function statsSheet(name: string, first: string[], rows: StatRow[], total?: YearReport['stats']['total']): Sheet {
  return {
    name,
    columns: [...first, ...FIGURES],
    rows: [
      ...rows.map((row) => [row.label, ...(first.length > 1 ? [row.unit ?? ''] : []), ...figureCells(row)]),
      ...(total ? [['合计', ...figureCells(total)]] : []),
    ],
  };
}

function assessmentSheet(name: string, first: string[], rows: StatRow[]): Sheet {
  return {
    name,
    columns: [...first, '检查任务', '已完成', '完成率', '应公示', '按时公示', '及时率'],
    percentColumns: [first.length + 2, first.length + 5],
    rows: rows.map((row) => {
      const a = assessmentOf(row);
      return [
        row.label,
        ...(first.length > 1 ? [row.unit ?? ''] : []),
        a.tasks,
        a.inspected,
        a.completionRate ?? '',
        a.due,
        a.publishedOnTime,
        a.timelinessRate ?? '',
      ];
    }),
  };
}

/** The plan's targets of the year and whether each was met (inspected reached it). */
function planTargetsSheet(r: YearReport): Sheet {
  return { name: SHEET_NAMES.assessPlans, columns: ['计划', '批次', '行业', '目标家数', '已抽取', '已检查', '完成'], rows: planTargetRows(r.plans) };
}

/** The enterprise directory in the import template's columns: it imports back unchanged. */
function registerSheet(r: YearReport, writer: Pick<Spreadsheets, 'enterpriseTemplate'>): Sheet {
  const [columns = [], ...rows] = writer.enterpriseTemplate(r.enterprises);
  return { name: SHEET_NAMES.register, columns, rows };
}

/** Every sheet of the year's export. */
export function yearWorkbook(r: YearReport, writer: Pick<Spreadsheets, 'enterpriseTemplate'>): Workbook {
  const s = r.stats;
  return {
    fileName: `${r.agencyShortName}${r.year}年双随机抽查工作导出.xlsx`,
    sheets: [
      gsxtSheet(r),
      drawsSheet(r),
      findingsSheet(r),
      hazardsSheet(r),
      rectificationsSheet(r),
      rechecksSheet(r),
      statsSheet(SHEET_NAMES.byIndustry, ['行业'], s.byIndustry, s.total),
      statsSheet(SHEET_NAMES.byTownship, ['乡镇/街道'], s.byTownship, s.total),
      statsSheet(SHEET_NAMES.byOfficer, ['执法人员', '单位'], s.byOfficer),
      statsSheet(SHEET_NAMES.byUnit, ['单位'], s.byUnit),
      assessmentSheet(SHEET_NAMES.assessUnits, ['单位'], s.byUnit),
      assessmentSheet(SHEET_NAMES.assessOfficers, ['执法人员', '单位'], s.byOfficer),
      planTargetsSheet(r),
      registerSheet(r, writer),
    ],
  };
}
