/**
 * 随机抽查事项清单: the ten check items of 偃应急〔2023〕18号 §三 (执法检查内容), each with its legal
 * basis. The texts are the plan's own words (one obvious transcription slip fixed: “安全生产管理机构和
 * 安全生产管理人员”). Article numbers of 《安全生产法》 are those of the 2021 amendment.
 */

/** One source of law and, where it helps, the articles that apply. */
export interface LegalBasis {
  /** Title with its document number, e.g. 《生产安全事故应急条例》（国务院令第708号）. */
  source: string;
  /** Articles in the source's own numbering, e.g. ['第二十一条', '第二十二条']. Omitted = the whole text. */
  articles?: readonly string[];
}

export type CheckItemCode = 'CI01' | 'CI02' | 'CI03' | 'CI04' | 'CI05' | 'CI06' | 'CI07' | 'CI08' | 'CI09' | 'CI10';

export interface CheckItem {
  code: CheckItemCode;
  /** Position in the plan (1–10). */
  no: number;
  /** Short title for cards and tables. */
  title: string;
  /** Full text of the item in the plan §三. */
  text: string;
  legalBasis: readonly LegalBasis[];
}

const SAFETY_LAW = '《中华人民共和国安全生产法》（2021年修正）';
const HENAN_RISK_MEASURES = '《河南省安全生产风险管控与隐患治理办法》（河南省人民政府令第191号）';
const HENAN_SAFETY_REGULATION = '《河南省安全生产条例》（2019年修订）';

export const CHECK_ITEMS: readonly CheckItem[] = [
  {
    code: 'CI01',
    no: 1,
    title: '安全生产条件、机构人员与责任制度',
    text: '依法通过有关安全生产行政审批的情况；安全生产管理机构和安全生产管理人员设置配备情况；建立和落实安全生产责任制、安全生产规章制度和操作规程、作业规程的情况；安全费用提取、使用情况及安全投入情况；生产安全事故报告情况；负责人、安全管理人员和特种作业人员取证上岗情况；',
    legalBasis: [
      {
        source: SAFETY_LAW,
        articles: ['第二十条', '第二十一条', '第二十二条', '第二十三条', '第二十四条', '第二十七条', '第三十条', '第三十九条', '第八十三条'],
      },
      { source: '《企业安全生产费用提取和使用管理办法》（财资〔2022〕136号）' },
      { source: '《生产安全事故报告和调查处理条例》（国务院令第493号）' },
      { source: '《特种作业人员安全技术培训考核管理规定》（原国家安全生产监督管理总局令第30号）' },
    ],
  },
  {
    code: 'CI02',
    no: 2,
    title: '重大危险源、安全警示标志与安全设备',
    text: '重大危险源登记建档、定期检测、评估、监控和制定应急预案的情况；安全警示标志设置和对安全设备的维护、保养、定期检测的情况；',
    legalBasis: [{ source: SAFETY_LAW, articles: ['第三十五条', '第三十六条', '第四十条'] }, { source: '《危险化学品重大危险源辨识》（GB 18218-2018）' }],
  },
  {
    code: 'CI03',
    no: 3,
    title: '应急预案、应急救援组织与应急物资',
    text: '制定、实施生产安全事故应急预案，定期组织应急预案演练，以及有关应急预案备案的情况；危险物品的生产、经营、储存单位以及矿山、金属冶炼单位建立应急救援组织或者兼职救援队伍、签订应急救援协议情况；应急救援器材、设备和物资的配备、维护、保养的情况以及配备或者聘用注册安全工程师情况；',
    legalBasis: [
      { source: SAFETY_LAW, articles: ['第二十一条', '第二十七条', '第八十一条', '第八十二条'] },
      { source: '《生产安全事故应急条例》（国务院令第708号）', articles: ['第五条', '第七条', '第八条', '第十条', '第十三条'] },
      { source: '《生产安全事故应急预案管理办法》（原国家安全生产监督管理总局令第88号，应急管理部令第2号修正）' },
    ],
  },
  {
    code: 'CI04',
    no: 4,
    title: '建设项目安全设施“三同时”',
    text: '新建、改建、扩建工程项目的安全设施与主体工程同时设计、同时施工、同时投入生产和使用，以及按规定办理设计审查和竣工验收的情况；',
    legalBasis: [
      { source: SAFETY_LAW, articles: ['第三十一条', '第三十二条', '第三十三条', '第三十四条'] },
      { source: '《建设项目安全设施“三同时”监督管理办法》（原国家安全生产监督管理总局令第36号，第77号修正）' },
    ],
  },
  {
    code: 'CI05',
    no: 5,
    title: '安全教育培训、劳动防护用品与危险因素告知',
    text: '对从业人员、被派遣劳动者和实习学生的安全生产教育、培训情况；劳动防护用品的提供和佩戴使用情况；向从业人员如实告知作业场所和工作岗位存在的危险因素、防范措施以及事故应急措施的情况；',
    legalBasis: [
      { source: SAFETY_LAW, articles: ['第二十八条', '第二十九条', '第四十四条', '第四十五条', '第四十七条'] },
      { source: '《生产经营单位安全培训规定》（原国家安全生产监督管理总局令第3号）' },
    ],
  },
  {
    code: 'CI06',
    no: 6,
    title: '事故隐患排查治理',
    text: '生产经营单位实施隐患排查治理以及建立健全生产安全事故隐患排查治理制度情况；',
    legalBasis: [
      { source: SAFETY_LAW, articles: ['第二十一条', '第四十一条', '第四十六条'] },
      { source: '《工贸企业重大事故隐患判定标准》（应急管理部令第10号）' },
    ],
  },
  {
    code: 'CI07',
    no: 7,
    title: '“五高”风险分级监管',
    text: '高风险工艺、高风险设备、高风险场所、高风险岗位、高风险物品的分级监管制度建立和落实情况；',
    legalBasis: [
      { source: SAFETY_LAW, articles: ['第四条', '第四十一条'] },
      { source: HENAN_SAFETY_REGULATION, articles: ['第四十二条'] },
      { source: HENAN_RISK_MEASURES },
    ],
  },
  {
    code: 'CI08',
    no: 8,
    title: '同一作业区域与承包、承租单位安全管理',
    text: '同一作业区域内进行生产经营活动时的安全管理状况；对承包单位、承租单位安全生产工作的协调管理等情况；',
    legalBasis: [{ source: SAFETY_LAW, articles: ['第四十八条', '第四十九条'] }],
  },
  {
    code: 'CI09',
    no: 9,
    title: '河南省风险管控与隐患治理规定事项',
    text: '《河南省安全生产风险管控与隐患治理办法》规定检查的内容；',
    legalBasis: [{ source: HENAN_RISK_MEASURES }, { source: HENAN_SAFETY_REGULATION, articles: ['第四十二条'] }],
  },
  {
    code: 'CI10',
    no: 10,
    title: '其他按照规定应当检查的情况',
    text: '其他按照规定应当检查的情况。',
    legalBasis: [{ source: SAFETY_LAW, articles: ['第六十二条', '第六十五条'] }],
  },
];

/** The item with this code, or undefined. */
export function findCheckItem(code: string): CheckItem | undefined {
  return CHECK_ITEMS.find((item) => item.code === code);
}

/** One basis as text: 《…》第二十一条、第二十二条. */
export function formatLegalBasis(basis: LegalBasis): string {
  return basis.articles && basis.articles.length > 0 ? `${basis.source}${basis.articles.join('、')}` : basis.source;
}

/** All bases of an item as one line, separated by ；(the shape stored in the check-item register). */
export function legalBasisText(item: CheckItem): string {
  return item.legalBasis.map(formatLegalBasis).join('；');
}
