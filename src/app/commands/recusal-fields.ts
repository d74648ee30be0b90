/** The fields of the 回避 forms, read the same way by the officer's application and the leaders' forms. */
import { z } from 'zod';
import { RECUSAL_GROUND_CODES, RECUSAL_REASON_MAX, RECUSAL_REASON_MIN } from '../../domain/recusal/grounds';

/** A reason typed into a form: trimmed, 2 to 500 characters; `what` names it in the refusal. */
export function reasonField(what: string, example: string) {
  return z
    .string()
    .default('')
    .transform((s) => s.trim())
    .refine((s) => s.length >= RECUSAL_REASON_MIN, { error: `请填写${what}（至少 ${RECUSAL_REASON_MIN} 个字），例如“${example}”。` })
    .refine((s) => s.length <= RECUSAL_REASON_MAX, { error: (issue) => `${what}不超过 ${RECUSAL_REASON_MAX} 字（现为 ${String(issue.input).length} 字）。` });
}

/** The ground of 河南省行政执法条例 第二十三条, chosen from the form's select. */
export const groundField = z.enum(RECUSAL_GROUND_CODES, { error: '请选择回避事由（河南省行政执法条例第二十三条所列情形之一）。' });
