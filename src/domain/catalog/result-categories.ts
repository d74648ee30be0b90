/**
 * Result categories of a 双随机 inspection (检查结果类别), the set suggested for a 应急管理局 in
 * domain-rules §3.1. It follows the categories used on 国家企业信用信息公示系统 by the market-regulation
 * systems; a 重大事故隐患 found is a separate flag on the findings, not a category.
 */

export type ResultCategoryCode = 'no_problem' | 'corrected' | 'pending' | 'not_operating' | 'unreachable' | 'refused' | 'deregistered';

export interface ResultCategory {
  code: ResultCategoryCode;
  /** Text shown on cards and published, as on 国家企业信用信息公示系统. */
  label: string;
  /** When to choose it, for the officer's form. */
  description: string;
  /** Whether an on-site inspection of the business actually took place. */
  inspected: boolean;
  /** Whether a problem (违法违规行为 or 事故隐患) was found. */
  problemFound: boolean;
  /** Legal basis specific to this category, when there is one. */
  legalBasis?: string;
}

export const RESULT_CATEGORIES: readonly ResultCategory[] = [
  {
    code: 'no_problem',
    label: '未发现问题',
    description: '检查的各事项均符合要求，未发现违法违规行为和事故隐患',
    inspected: true,
    problemFound: false,
  },
  {
    code: 'corrected',
    label: '发现问题已责令改正',
    description: '发现问题，已当场或限期责令改正，且已整改完成',
    inspected: true,
    problemFound: true,
  },
  {
    code: 'pending',
    label: '发现问题待后续处理',
    description: '发现问题，正在限期整改、待复查，或已立案待处理',
    inspected: true,
    problemFound: true,
  },
  {
    code: 'not_operating',
    label: '未发现开展本次抽查涉及的生产经营活动',
    description: '企业停产、歇业或未开展本次抽查涉及的生产经营活动',
    inspected: false,
    problemFound: false,
  },
  {
    code: 'unreachable',
    label: '通过登记的住所（经营场所）无法联系',
    description: '按登记的住所或经营场所无法找到、联系企业',
    inspected: false,
    problemFound: false,
  },
  {
    code: 'refused',
    label: '不配合检查情节严重',
    description: '企业拒绝、阻碍依法实施的监督检查，情节严重',
    inspected: false,
    problemFound: true,
    legalBasis: '《中华人民共和国安全生产法》第一百零八条',
  },
  {
    code: 'deregistered',
    label: '已注销/吊销/迁出',
    description: '企业已注销、被吊销营业执照或已迁出本辖区，不再是本次抽查对象',
    inspected: false,
    problemFound: false,
  },
];

/** The category with this code, or undefined. */
export function findResultCategory(code: string): ResultCategory | undefined {
  return RESULT_CATEGORIES.find((c) => c.code === code);
}

/** True when `code` is one of the result category codes. */
export function isResultCategoryCode(code: string): code is ResultCategoryCode {
  return RESULT_CATEGORIES.some((c) => c.code === code);
}
