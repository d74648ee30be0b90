import { audit, auditActor } from '../audit';
import type { IsoDate } from '../../domain/model';
import { addDays, createWorkdayCalendar, daysBetween, parseHolidayFile, parseIsoDate, type HolidayFileResult } from '../../domain/workdays';
import { chatOperator, operatorActor, requireAdmin, type CliShell, type Operator, type OperatorContext } from '../operator';
import { calendarOf, todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';

/**
 * Loading a year's State Council holiday schedule (国务院办公厅《关于YYYY年部分节假日安排的通知》)
 * so deadlines in that year stop being provisional. Two inputs, one validator
 * (`parseHolidayFile`, all or nothing, every error in Chinese):
 *
 * - the override file (CSV or JSON, see src/domain/workdays/holiday-file.ts) pasted after the
 *   command, on several lines: `/holidays⏎年份,2027⏎日期,类型,名称⏎2027-01-01,放假,元旦…`;
 * - an inline form on one line (chat inputs that drop line breaks):
 *   `/holidays 2027 元旦 放假 01-01~01-03；春节 放假 02-06~02-12；春节 上班 01-31、02-20`.
 *   Segments are separated by “；” or “;”; each has a name, 放假 or 上班, and dates: `MM-DD`,
 *   `M月D日` or `YYYY-MM-DD` (the last for December of the previous year), lists with “、” or
 *   “,”, ranges with “~” or “至”.
 */
export const HOLIDAYS_USAGE = [
  '单行格式：/holidays 2027 元旦 放假 01-01~01-03；春节 放假 02-06~02-12；春节 上班 01-31、02-20',
  '  每段为“名称 放假/上班 日期”，段之间用“；”分隔；日期写 01-01 或 1月1日，范围用“~”或“至”，多个日期用“、”分隔；上一年 12 月的日期写完整年份，如 2026-12-31。',
  '文件格式：/holidays 后换行粘贴放假文件内容（首行“年份,2027”，次行“日期,类型,名称”，之后每行一个日期）。',
  '须列出通知中的全部放假日期（含假期中的周六、周日）和全部调休上班日期；导入后该年不再按周一至周五暂定。',
].join('\n');

const MAX_RANGE_DAYS = 31;

function inlineDate(part: string, year: number): IsoDate | undefined {
  const m = /^(?:(\d{4})[-/.年])?(\d{1,2})[-/.月](\d{1,2})日?$/.exec(part.trim());
  if (!m) return undefined;
  const iso = `${m[1] ?? year}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return parseIsoDate(iso) ? iso : undefined;
}

/** The one-line form → the JSON override file, so the file's validator checks it. */
function parseInline(body: string): HolidayFileResult {
  const m = /^(\d{4})年?\s*(.*)$/s.exec(body.trim());
  if (!m) return { ok: false, errors: ['请先写年份，例如：/holidays 2027 元旦 放假 01-01~01-03；春节 上班 02-06'] };
  const year = Number(m[1]);
  const errors: string[] = [];
  const days: Array<{ date: IsoDate; type: string; name: string }> = [];
  const segments = m[2]!
    .split(/[;；]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (!segments.length) return { ok: false, errors: [`没有列出 ${year} 年的任何日期。\n${HOLIDAYS_USAGE}`] };
  segments.forEach((seg, index) => {
    const where = `第 ${index + 1} 段“${seg}”`;
    const tokens = seg.split(/\s+/);
    const type = tokens.find((t) => t === '放假' || t === '上班');
    if (!type) errors.push(`${where}：缺少类型“放假”或“上班”。`);
    const dateTokens = tokens.filter((t) => /^\d/.test(t));
    const name = tokens.filter((t) => t !== type && !/^\d/.test(t)).join('');
    if (!dateTokens.length) errors.push(`${where}：缺少日期，例如 01-01~01-03 或 1月1日。`);
    for (const part of dateTokens
      .join('、')
      .split(/[、,，]/)
      .filter(Boolean)) {
      const [a, b, extra] = part.split(/[~～至到]/);
      const from = inlineDate(a ?? '', year);
      const to = b === undefined ? from : inlineDate(b, year);
      if (!from || !to || extra !== undefined) {
        errors.push(`${where}：日期“${part}”无效，应写成 01-01、1月1日 或 01-01~01-03。`);
        continue;
      }
      const span = daysBetween(from, to);
      if (span < 0 || span >= MAX_RANGE_DAYS) {
        errors.push(`${where}：日期范围“${part}”无效：结束日期应不早于开始日期，且不超过 ${MAX_RANGE_DAYS} 天。`);
        continue;
      }
      for (let i = 0; i <= span; i++) days.push({ date: addDays(from, i), type: type ?? '', name });
    }
  });
  if (errors.length) return { ok: false, errors };
  const parsed = parseHolidayFile(JSON.stringify({ year, days }));
  if (parsed.ok) return parsed;
  const named = parsed.errors.map((e) => e.replace(/^JSON：/, '').replace(/days 第 (\d+) 项/g, (_s, n: string) => `「${days[Number(n) - 1]?.date ?? ''}」`));
  return { ok: false, errors: named };
}

/** File content (several lines, or JSON) or the one-line form. */
export function parseHolidayInput(body: string): HolidayFileResult {
  const text = body.replace(/^\uFEFF/, '').trim();
  if (text === '') return { ok: false, errors: [`内容为空。\n${HOLIDAYS_USAGE}`] };
  return text.includes('\n') || /^[{[]/.test(text) ? parseHolidayFile(text) : parseInline(text);
}

export type HolidayImportResult =
  | { ok: true; year: number; days: number; source?: string; recomputed: Array<{ taskId: number; from: IsoDate; to: IsoDate; provisional: boolean }> }
  | { ok: false; errors: string[] };

/**
 * Stores the year (days + year complete), then recomputes every provisional publication
 * deadline with the new calendar, each change in the audit log. Administrators only; the
 * schedule is national, so the CLI needs no agency for it. Used by the chat command and by
 * `npm run cli -- holidays import`.
 */
export async function importHolidayText(ctx: OperatorContext<Operator | CliShell>, body: string): Promise<HolidayImportResult> {
  const { repos, operator } = ctx;
  requireAdmin(operator, '录入节假日安排');
  const loadedBy = operatorActor(operator);
  const at = ctx.env.clock.now();
  const parsed = parseHolidayInput(body);
  if (!parsed.ok) return parsed;
  const days = await repos.holidays.importYear(parsed.year, parsed.calendarOverrides, auditActor(loadedBy));
  await audit(repos, loadedBy, 'holidays.imported', {
    agencyId: null,
    subject: `holidays:${parsed.year}`,
    data: { year: parsed.year, days, source: parsed.source ?? null },
  });
  const calendar = createWorkdayCalendar(await repos.holidays.overrides());
  const recomputed: Array<{ taskId: number; from: IsoDate; to: IsoDate; provisional: boolean }> = [];
  for (const p of await repos.reminders.provisionalPublications()) {
    const agency = await repos.directory.agency(p.agencyId);
    if (!agency) continue;
    const due = calendar.addWorkdays(p.resultDate, agency.publicationWorkdays, { countStartDay: agency.countStartDay });
    if (due.provisional && due.date === p.publicationDue) continue;
    if (!(await repos.reminders.updatePublicationDue(p.taskId, due.date, due.provisional, at))) continue;
    recomputed.push({ taskId: p.taskId, from: p.publicationDue, to: due.date, provisional: due.provisional });
    await audit(repos, loadedBy, 'task.publication_due_recomputed', {
      agencyId: p.agencyId,
      subject: `task:${p.taskId}`,
      data: { from: p.publicationDue, to: due.date, provisional: due.provisional, year: parsed.year },
    });
  }
  return { ok: true, year: parsed.year, days, ...(parsed.source ? { source: parsed.source } : {}), recomputed };
}

/** `/holidays`: without content shows what is loaded (leaders, administrators); with content imports (administrators). */
export async function importHolidays(ctx: UseCaseContext, body: string): Promise<UseCaseResult> {
  if (body.trim() === '') {
    const calendar = await calendarOf(ctx.repos);
    const year = Number(todayOf(ctx.env).slice(0, 4));
    const missing = [year, year + 1].filter((y) => !calendar.hasSchedule(y));
    const lines = [`已录入放假安排的年份：${calendar.loadedYears().join('、')}。`];
    if (missing.length) lines.push(`尚未录入：${missing.join('、')} 年（涉及的期限按周一至周五暂定）。`);
    const text = [...lines, '', HOLIDAYS_USAGE].join('\n');
    return { reply: { type: 'text', text } };
  }
  const result = await importHolidayText(chatOperator(ctx), body);
  if (!result.ok) {
    return { reply: { type: 'text', text: `未导入，请修改后重新发送：\n${result.errors.map((e) => `· ${e}`).join('\n')}` } };
  }
  const moved = result.recomputed.length ? `已按新安排重新计算 ${result.recomputed.length} 项暂定的公示期限。` : '';
  return {
    reply: {
      type: 'text',
      text: `已录入 ${result.year} 年放假安排（${result.days} 个日期${result.source ? `，来源：${result.source}` : ''}），该年期限不再暂定。${moved}`,
    },
  };
}
