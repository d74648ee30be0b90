import { INDUSTRIES, type Industry } from '../model';

/**
 * The six 工贸 industries of the plan (偃应急〔2023〕18号 §二(一): “冶金、有色、建材、机械、轻工、纺织等工贸行业企业”).
 *
 * The scope lines follow the national economic classification (GB/T 4754-2017) as used by
 * 《冶金有色建材机械轻工纺织烟草和商贸行业安全监管分类标准（试行）》（应急厅〔2019〕17号）; they are a guide
 * for the administrator who sorts the enterprise directory, not a legal definition.
 */
export interface IndustryInfo {
  name: Industry;
  /** Stable ASCII code for URLs, file names and logs. */
  code: 'metallurgy' | 'nonferrous' | 'building_materials' | 'machinery' | 'light' | 'textile';
  /** What belongs to it (GB/T 4754 divisions), in Chinese. */
  scope: string;
}

export const INDUSTRY_CATALOG: readonly IndustryInfo[] = [
  { name: '冶金', code: 'metallurgy', scope: '黑色金属冶炼和压延加工业（炼铁、炼钢、钢压延加工、铁合金冶炼等）' },
  { name: '有色', code: 'nonferrous', scope: '有色金属冶炼和压延加工业（铝、铜、铅锌、镁等冶炼及压延加工）' },
  { name: '建材', code: 'building_materials', scope: '非金属矿物制品业（水泥、商品混凝土、砖瓦及墙体材料、玻璃、陶瓷、耐火材料、石材加工等）' },
  {
    name: '机械',
    code: 'machinery',
    scope: '金属制品业，通用设备、专用设备、汽车、铁路船舶航空航天和其他运输设备、电气机械和器材等制造业（含铸造、锻造、涂装）',
  },
  {
    name: '轻工',
    code: 'light',
    scope: '农副食品加工、食品、酒饮料和精制茶、家具、造纸和纸制品、印刷、文教工美体育和娱乐用品、橡胶和塑料制品、皮革制鞋等制造业',
  },
  { name: '纺织', code: 'textile', scope: '纺织业、纺织服装服饰业、化学纤维制造业' },
];

/** True when `s` is one of the plan's six industries, written exactly. */
export function isIndustry(s: string): s is Industry {
  return (INDUSTRIES as readonly string[]).includes(s);
}

/** The catalog entry of an industry, or undefined. */
export function findIndustry(name: string): IndustryInfo | undefined {
  return INDUSTRY_CATALOG.find((i) => i.name === name);
}

/** “冶金、有色、建材、机械、轻工、纺织”, for messages that list the choices. */
export function industryChoicesText(): string {
  return INDUSTRIES.join('、');
}
