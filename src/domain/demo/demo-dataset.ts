/**
 * A fictional, deterministic demo data set for 洛阳市偃师区应急管理局: about 300 enterprises, 30 officers,
 * a leader and an administrator. Every enterprise name contains 示例, every address is on a 演示路,
 * phone numbers and certificate numbers are made up. The USCCs are well-formed (valid GB 11714
 * organization-code part and GB 32100 check character) but invented.
 *
 * Randomness comes from SHA-256 over a fixed seed and a counter, never from Math.random, so two
 * calls give the same data. Only the officers' certificate expiry dates depend on `referenceDate`
 * (they are offsets from it), so "2 expired, 3 expiring within 60 days" holds for any date.
 */
import type { NewAuditEntry } from '../audit/audit-chain';
import type { Enterprise, EnterpriseStatus, Industry, IsoDate, Officer, RiskLevel } from '../model';
import { INDUSTRIES } from '../model';
import { usccCheckCharacter } from '../uscc';
import { fromDayNumber, isIsoDate, toDayNumber } from '../workdays/dates';
import { SeededRandom } from './seeded-random';

export interface DemoAgency {
  name: string;
  shortName: string;
  timezone: string;
  publicationWorkdays: number;
}

export interface DemoPerson {
  /** Identity in the local chat simulator: `leader`, `admin`, `officer-01` … */
  localId: string;
  name: string;
  role: 'leader' | 'admin' | 'officer';
  certificateNo?: string;
  unit: string;
}

export interface DemoDataset {
  agency: DemoAgency;
  enterprises: Enterprise[];
  officers: Officer[];
  people: DemoPerson[];
}

/**
 * Townships (乡镇/街道) used for the demo enterprises. The four 街道 and nine 镇 administered by 偃师区
 * itself, plus 李村镇, 庞村镇 and 寇店镇, which belong to 偃师区 but are administered (托管) by 伊滨区
 * (given a low weight). 城关街道 is not used: 城关镇 was split into 槐新、商城、伊洛 街道.
 */
export const DEMO_TOWNSHIPS: readonly { name: string; weight: number }[] = [
  { name: '槐新街道', weight: 3 },
  { name: '商城街道', weight: 10 },
  { name: '伊洛街道', weight: 4 },
  { name: '首阳山街道', weight: 12 },
  { name: '岳滩镇', weight: 7 },
  { name: '顾县镇', weight: 9 },
  { name: '翟镇镇', weight: 8 },
  { name: '缑氏镇', weight: 7 },
  { name: '府店镇', weight: 6 },
  { name: '高龙镇', weight: 6 },
  { name: '大口镇', weight: 5 },
  { name: '邙岭镇', weight: 5 },
  { name: '山化镇', weight: 8 },
  { name: '李村镇', weight: 2 },
  { name: '庞村镇', weight: 4 },
  { name: '寇店镇', weight: 2 },
];

export const DEMO_AGENCY: DemoAgency = {
  name: '偃师区应急管理局',
  shortName: '偃应急',
  timezone: 'Asia/Shanghai',
  publicationWorkdays: 5,
};

/** How many enterprises of each industry (300 in all; 机械 and 建材 most). */
const INDUSTRY_COUNTS: Readonly<Record<Industry, number>> = { 机械: 90, 建材: 75, 轻工: 54, 纺织: 30, 冶金: 27, 有色: 24 };
const RISK_COUNTS: Readonly<Record<RiskLevel, number>> = { 高: 12, 较高: 33, 一般: 150, 低: 105 };
const NOT_OPERATING: Readonly<Record<Exclude<EnterpriseStatus, '在营' | '移出名录'>, number>> = { 停产: 6, 注销: 4, 吊销: 2, 迁出: 3 };
const KEY_SUPERVISION_COUNT = 9;

const PRODUCTS: Readonly<Record<Industry, readonly string[]>> = {
  冶金: ['特钢', '钢铁', '铸钢', '钢管', '冶金材料', '轧钢', '铁合金'],
  有色: ['铝业', '铜业', '有色金属', '铝材', '镁业', '合金材料', '铝型材'],
  建材: ['建材', '水泥制品', '耐火材料', '新型墙材', '混凝土', '石材', '玻璃制品', '陶瓷', '保温材料'],
  机械: ['机械', '机械制造', '重工', '农机', '汽车配件', '电机', '阀门', '轴承', '矿山机械', '摩托车配件', '起重设备', '精密铸造'],
  轻工: ['钢制家具', '家具', '食品', '纸业', '塑业', '包装', '酒业', '鞋业', '印务', '工艺品'],
  纺织: ['针织', '纺织', '服饰', '无纺布', '制衣', '棉纺'],
};

const BRANDS = [
  '宏达',
  '华兴',
  '恒信',
  '永盛',
  '金鼎',
  '瑞丰',
  '鑫源',
  '伊河',
  '洛浦',
  '商都',
  '汇通',
  '天顺',
  '中原',
  '嵩岳',
  '丰源',
  '昌盛',
  '利民',
  '盛华',
  '锦程',
  '宏远',
  '东方',
  '正信',
  '广源',
  '福泰',
  '兴业',
  '新达',
  '豫丰',
  '德隆',
  '嘉禾',
  '博远',
  '安泰',
  '晨光',
  '泰和',
  '诚达',
  '金穗',
  '河洛',
  '明远',
  '顺达',
  '康华',
  '万通',
];
const COMPANY_FORMS = ['有限公司', '有限公司', '有限公司', '有限责任公司', '股份有限公司', '厂'];

const SURNAMES = Array.from(
  '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢崔钟谭陆范金石贾夏付方白孟秦段雷侯史',
);
const GIVEN = [
  '伟',
  '芳',
  '敏',
  '静',
  '磊',
  '军',
  '勇',
  '杰',
  '涛',
  '超',
  '刚',
  '斌',
  '鹏',
  '浩',
  '凯',
  '亮',
  '辉',
  '波',
  '建国',
  '志强',
  '秀英',
  '桂兰',
  '海燕',
  '俊杰',
  '晓东',
  '红梅',
  '丽娟',
  '文博',
  '建华',
  '国强',
  '玉梅',
  '晓燕',
  '志刚',
  '建军',
  '春梅',
  '永强',
  '雪梅',
  '振华',
  '立新',
  '海涛',
  '明辉',
  '俊峰',
  '晓明',
  '金凤',
  '艳红',
  '宏伟',
  '卫东',
  '新民',
  '素芳',
  '翠萍',
  '少华',
  '向阳',
  '利军',
  '伟峰',
  '亚楠',
  '佳怡',
  '子轩',
  '梦琪',
  '浩然',
  '思远',
];

const UNITS: readonly { unit: string; count: number }[] = [
  { unit: '法规科', count: 4 },
  { unit: '安全生产基础科', count: 3 },
  { unit: '工贸监管科', count: 5 },
  { unit: '综合行政执法大队', count: 18 },
];

/** Build the demo data. `referenceDate` (YYYY-MM-DD) anchors the certificate expiry dates. */
export function buildDemoDataset(options: { referenceDate: IsoDate }): DemoDataset {
  const ref = parseReferenceDate(options.referenceDate);
  const usedNames = new Set<string>();
  const nameRng = new SeededRandom('yanshi-demo/people/v1');
  const personName = (): string => uniqueName(nameRng, usedNames);

  const enterprises = buildEnterprises(new SeededRandom('yanshi-demo/enterprises/v1'), personName);
  const officers = buildOfficers(new SeededRandom('yanshi-demo/officers/v1'), ref, enterprises, personName);

  const people: DemoPerson[] = [
    { localId: 'leader', name: personName(), role: 'leader', unit: '局领导' },
    { localId: 'admin', name: personName(), role: 'admin', unit: '法规科' },
    ...officers.map((o, i) => ({
      localId: `officer-${String(i + 1).padStart(2, '0')}`,
      name: o.name,
      role: 'officer' as const,
      certificateNo: o.certificateNo,
      unit: o.unit,
    })),
  ];
  return { agency: { ...DEMO_AGENCY }, enterprises, officers, people };
}

function buildEnterprises(rng: SeededRandom, personName: () => string): Enterprise[] {
  const industries = rng.shuffle(expand(INDUSTRY_COUNTS));
  const risks = rng.shuffle(expand(RISK_COUNTS));
  const total = industries.length;
  const statuses: EnterpriseStatus[] = rng.shuffle([...expand(NOT_OPERATING), ...new Array<EnterpriseStatus>(total - sum(NOT_OPERATING)).fill('在营')]);
  const usedUscc = new Set<string>();
  const usedNames = new Set<string>();
  const list: Enterprise[] = industries.map((industry, i) => {
    const township = rng.weighted(DEMO_TOWNSHIPS.map((t) => [t.name, industry === '轻工' && t.name === '庞村镇' ? 20 : t.weight]));
    return {
      uscc: uniqueUscc(rng, usedUscc),
      name: uniqueEnterpriseName(rng, industry, usedNames),
      industry,
      township,
      address: `洛阳市偃师区${township}演示路${1 + rng.int(199)}号`,
      contactPerson: personName(),
      phone: `0379-6${String(rng.int(10_000_000)).padStart(7, '0')}`,
      riskLevel: risks[i] ?? '一般',
      status: statuses[i] ?? '在营',
      keySupervision: false,
    };
  });
  const keyCandidates = list.map((e, i) => ({ e, i })).filter(({ e }) => e.status === '在营' && (e.riskLevel === '高' || e.riskLevel === '较高'));
  for (const { e } of rng.shuffle(keyCandidates).slice(0, KEY_SUPERVISION_COUNT)) e.keySupervision = true;
  return list;
}

function buildOfficers(rng: SeededRandom, ref: number, enterprises: readonly Enterprise[], personName: () => string): Officer[] {
  const total = UNITS.reduce((n, u) => n + u.count, 0);
  const certNumbers = rng.shuffle(Array.from({ length: 9000 }, (_, i) => 1000 + i)).slice(0, total);
  const primaryOrder: Industry[] = ['机械', '建材', '轻工', '纺织', '冶金', '有色'];
  const officers: Officer[] = [];
  for (const { unit, count } of UNITS) {
    for (let k = 0; k < count; k++) {
      const i = officers.length;
      const primary = primaryOrder[i % primaryOrder.length] ?? '机械';
      const extraCount = rng.weighted<number>([
        [0, 3],
        [1, 5],
        [2, 2],
      ]);
      const expertise: string[] = [primary];
      while (expertise.length < 1 + extraCount) {
        const extra = rng.weighted<Industry>([
          ['机械', 5],
          ['建材', 4],
          ['轻工', 3],
          ['纺织', 2],
          ['冶金', 2],
          ['有色', 2],
        ]);
        if (!expertise.includes(extra)) expertise.push(extra);
      }
      officers.push({
        certificateNo: `41038100${certNumbers[i] ?? 1000 + i}`,
        name: personName(),
        unit,
        certificateValidUntil: fromDayNumber(ref + 400 + rng.int(500)),
        expertise: INDUSTRIES.filter((ind) => expertise.includes(ind)),
        onDuty: true,
        conflicts: [],
      });
    }
  }
  // Special cases on distinct officers: 2 expired, 3 expiring within 60 days, 2 off duty, 2 with conflicts.
  const picks = rng.shuffle(officers.map((_, i) => i)).slice(0, 9);
  const at = (n: number): Officer => officers[picks[n] ?? 0] as Officer;
  at(0).certificateValidUntil = fromDayNumber(ref - 15 - rng.int(200));
  at(1).certificateValidUntil = fromDayNumber(ref - 1 - rng.int(30));
  for (const n of [2, 3, 4]) at(n).certificateValidUntil = fromDayNumber(ref + 5 + rng.int(50));
  at(5).onDuty = false;
  at(6).onDuty = false;
  const conflictPool = rng.shuffle(enterprises.filter((e) => e.status === '在营' && !e.keySupervision));
  at(7).conflicts = [conflictPool[0]?.uscc ?? ''].filter(Boolean);
  at(8).conflicts = [conflictPool[1]?.uscc ?? '', conflictPool[2]?.uscc ?? ''].filter(Boolean);
  return officers;
}

// ---------------------------------------------------------------------------------------------
// Generators

function uniqueUscc(rng: SeededRandom, used: Set<string>): string {
  for (;;) {
    // 9 = 工商登记, 1 = 企业, 410381 = 偃师; 主体标识码 in the post-2015 “MA” series.
    let body = 'MA';
    for (let i = 0; i < 6; i++) body += ORG_BODY_CHARS.charAt(rng.int(ORG_BODY_CHARS.length));
    const first17 = `91410381${body}${orgCodeCheckCharacter(body)}`;
    const uscc = first17 + usccCheckCharacter(first17);
    if (!used.has(uscc)) {
      used.add(uscc);
      return uscc;
    }
  }
}

/** Characters allowed both in a GB 11714 organization code and in a USCC. */
const ORG_BODY_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 11714 check character of an 8-character organization-code body. */
function orgCodeCheckCharacter(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let total = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body.charAt(i);
    const value = /[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    total += value * (weights[i] ?? 0);
  }
  const c = 11 - (total % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

function uniqueEnterpriseName(rng: SeededRandom, industry: Industry, used: Set<string>): string {
  for (;;) {
    const name = `偃师区示例${rng.pick(BRANDS)}${rng.pick(PRODUCTS[industry])}${rng.pick(COMPANY_FORMS)}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

function uniqueName(rng: SeededRandom, used: Set<string>): string {
  for (;;) {
    const name = rng.pick(SURNAMES) + rng.pick(GIVEN);
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

function expand<K extends string>(counts: Readonly<Record<K, number>>): K[] {
  return (Object.entries(counts) as [K, number][]).flatMap(([k, n]) => new Array<K>(n).fill(k));
}

function sum(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

function parseReferenceDate(iso: IsoDate): number {
  if (!isIsoDate(iso)) throw new RangeError(`referenceDate must be a calendar date written YYYY-MM-DD, got ${iso}`);
  return toDayNumber(iso);
}

/**
 * The demo's people as the directory stores them: each with his officer record's certificate,
 * expertise, duty and conflicts where he is an officer (leaders and administrators have none).
 */
export function demoPeopleRows(data: DemoDataset, agencyId: number) {
  const officerByCert = new Map(data.officers.map((o) => [o.certificateNo, o]));
  return data.people.map((p) => {
    const o = p.certificateNo ? officerByCert.get(p.certificateNo) : undefined;
    return {
      agencyId,
      name: p.name,
      role: p.role,
      unit: p.unit,
      localId: p.localId,
      certificateNo: o?.certificateNo ?? null,
      certificateValidUntil: o?.certificateValidUntil ?? null,
      expertise: o?.expertise ?? [],
      onDuty: o?.onDuty ?? true,
      conflicts: o?.conflicts ?? [],
    };
  });
}

/** The local chat's one group chat id: the demo binds it to the demo agency. */
export const LOCAL_GROUP_CHAT_ID = 'group';

/** The audit entry of a demo seed, the same on every store. */
export function demoSeededEntry(data: DemoDataset, agencyId: number, referenceDate: IsoDate, at: Date): NewAuditEntry {
  return {
    agencyId,
    at,
    actor: 'system',
    action: 'demo.seeded',
    subject: `agency:${agencyId}`,
    data: { enterprises: data.enterprises.length, people: data.people.length, referenceDate },
  };
}
