import { INDUSTRIES, type IsoDate, type RiskLevel } from '../../domain/model';
import type { DrawFilters, QuotaSpec } from '../../domain/draw/types';
import { AppError } from '../use-case';
import type { PrepareDrawInput } from '../use-cases/prepare-draw';

export const DRAW_EXAMPLE = '/draw 冶金 建材 10家 每组2人 6月1日-6月30日';

/** Splits on ASCII/full-width spaces and list punctuation. */
export function listTokens(text: string): string[] {
  return text.split(/[\s\u3000,，、;；]+/).filter(Boolean);
}

const RISK_WORDS: Record<string, RiskLevel> = { 高风险: '高', 较高风险: '较高', 一般风险: '一般', 低风险: '低' };

/**
 * Reads the words after `/draw`. `today` resolves dates written without a year (“6月1日”) to
 * the current year. Bad input throws with what was wrong and a correct example.
 */
export function parseDraw(body: string, today: IsoDate): PrepareDrawInput {
  const args = listTokens(body);
  const industries: string[] = [];
  const townships: string[] = [];
  const riskLevels: RiskLevel[] = [];
  const usccs: string[] = [];
  const byIndustry: Record<string, number> = {};
  const byRiskRatio: Partial<Record<RiskLevel, number>> = {};
  let total: number | undefined;
  let groupSize: number | undefined;
  let requireExpertise: boolean | undefined;
  let window: { from: IsoDate; to: IsoDate } | undefined;
  let directed = false;
  const bad = (message: string): never => {
    throw new AppError('invalid', `${message}\n正确示例：${DRAW_EXAMPLE}`);
  };

  for (const raw of args) {
    const t = raw.replace(/[％]/g, '%');
    const industryQuota = /^(冶金|有色|建材|机械|轻工|纺织)(\d+)家?$/.exec(t);
    const riskRatio = /^(高风险|较高风险|一般风险|低风险)(\d+(?:\.\d+)?)%$/.exec(t);
    const count = /^(\d+)家?$/.exec(t);
    const perGroup = /^每组(\d+)人$/.exec(t);
    if ((INDUSTRIES as readonly string[]).includes(t)) industries.push(t);
    else if (industryQuota) byIndustry[industryQuota[1]!] = Number(industryQuota[2]);
    else if (RISK_WORDS[t]) riskLevels.push(RISK_WORDS[t]!);
    else if (riskRatio) byRiskRatio[RISK_WORDS[riskRatio[1]!]!] = Number(riskRatio[2]) / 100;
    else if (count) total = Number(count[1]);
    else if (perGroup) groupSize = Number(perGroup[1]);
    else if (t === '需专长' || t === '专长') requireExpertise = true;
    else if (t === '定向') directed = true;
    else if (/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(t)) usccs.push(t);
    else if (/(镇|乡|街道)$/.test(t)) townships.push(t);
    else if (/\d/.test(t) && /[-－~～至到]/.test(t)) {
      const w = parseWindow(t, today);
      if (typeof w === 'string') return bad(w);
      window = w;
    } else {
      return bad(
        `看不懂“${raw}”。可以写：行业（${INDUSTRIES.join('、')}）、数量（如 10家）、每组人数（如 每组2人）、检查期（如 6月1日-6月30日）、风险等级（如 高风险）、乡镇街道名称、定向 加统一社会信用代码。`,
      );
    }
  }
  if (directed && usccs.length === 0) return bad('“定向”抽取需要列出企业的统一社会信用代码。');
  if (!directed && usccs.length > 0) return bad('列出企业代码时请加上“定向”二字。');
  const quotaKinds = [total !== undefined, Object.keys(byIndustry).length > 0, Object.keys(byRiskRatio).length > 0].filter(Boolean).length;
  if (quotaKinds === 0 && !directed) return bad('请写明抽取数量，例如“10家”，或分行业数量“冶金3家 建材5家”，或按风险比例“高风险30%”。');
  if (quotaKinds > 1) return bad('数量只能用一种写法：总数（10家）、分行业（冶金3家）或风险比例（高风险30%），不能混用。');
  if (groupSize !== undefined && groupSize < 2) return bad(`每组不得少于 2 人（行政处罚法 第四十二条），你写的是每组${groupSize}人。`);
  const filters: DrawFilters = {};
  if (industries.length) filters.industries = industries;
  if (townships.length) filters.townships = townships;
  if (riskLevels.length) filters.riskLevels = riskLevels;
  if (usccs.length) filters.usccs = usccs;
  const quotas: QuotaSpec = Object.keys(byIndustry).length ? { byIndustry } : Object.keys(byRiskRatio).length ? { byRiskRatio } : (total ?? usccs.length);
  return { filters, quotas, groupSize, requireExpertise, window };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Accepts “6月1日-6月30日”, “2026-06-01至2026-06-30”, “6.1-6.30”. */
export function parseWindow(text: string, today: IsoDate): { from: IsoDate; to: IsoDate } | string {
  const iso = /^(\d{4}-\d{1,2}-\d{1,2})[-－](\d{4}-\d{1,2}-\d{1,2})$/.exec(text);
  const parts = iso ? [iso[1]!, iso[2]!] : /[至到~～]/.test(text) ? text.split(/[至到~～]/) : text.split(/[-－]/);
  if (parts.length !== 2) return `检查期“${text}”写法不对，应为“6月1日-6月30日”或“2026-06-01至2026-06-30”。`;
  const year = Number(today.slice(0, 4));
  const dates = parts.map((p) => parseDate(p.trim(), year));
  if (dates.some((d) => d === undefined)) return `检查期“${text}”里的日期无效，应为“6月1日-6月30日”或“2026-06-01至2026-06-30”。`;
  let [from, to] = dates as [IsoDate, IsoDate];
  if (to < from && to.slice(0, 4) === from.slice(0, 4)) to = `${Number(to.slice(0, 4)) + 1}${to.slice(4)}`;
  if (to < today) return `检查期“${text}”已经过去（今天是 ${today}）。`;
  return { from, to };
}

function parseDate(text: string, year: number): IsoDate | undefined {
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  const short = /^(\d{1,2})[月./](\d{1,2})日?$/.exec(text);
  const [y, mo, d] = full ? [Number(full[1]), Number(full[2]), Number(full[3])] : short ? [year, Number(short[1]), Number(short[2])] : [0, 0, 0];
  if (!y) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${pad(mo)}-${pad(d)}`;
}
