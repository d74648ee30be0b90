/**
 * The grounds of a 回避, as 河南省行政执法条例 第二十三条 lists them (行政处罚法 第四十三条 says the
 * same in fewer words: a direct interest, or another relation that may affect fair enforcement).
 * The code is stored; the label is what people read.
 */
export const RECUSAL_GROUNDS = [
  { code: 'relative', label: '系当事人或者当事人的近亲属', item: '（一）' },
  { code: 'interest', label: '与本人或者本人近亲属有利害关系', item: '（二）' },
  { code: 'other', label: '可能影响公正执法的其他情形', item: '（三）' },
] as const;

export type RecusalGround = (typeof RECUSAL_GROUNDS)[number]['code'];

export const RECUSAL_GROUND_CODES = RECUSAL_GROUNDS.map((g) => g.code) as [RecusalGround, ...RecusalGround[]];

/** “第二十三条（二）与本人或者本人近亲属有利害关系”. */
export function groundText(code: RecusalGround): string {
  const g = RECUSAL_GROUNDS.find((x) => x.code === code);
  return g ? `第二十三条${g.item}${g.label}` : code;
}

/** Shortest and longest reason accepted, in characters (after trimming). */
export const RECUSAL_REASON_MIN = 2;
export const RECUSAL_REASON_MAX = 500;
