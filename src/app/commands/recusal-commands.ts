/**
 * 回避 decided by the agency head (行政处罚法 第四十三条；河南省行政执法条例 第二十三条): the
 * leaders' 同意 / 不同意 on an officer's application, and `/recuse` by which a leader orders one.
 * Only leaders (局领导) decide: the law gives the decision to the head of the agency, so the
 * administrators, who run the registers, do not.
 */
import { z } from 'zod';
import { AppError } from '../use-case';
import { drawRefForms } from '../draw-lookup';
import { approveRecusal } from '../use-cases/approve-recusal';
import { orderRecusal, showRecusalOrderForm } from '../use-cases/order-recusal';
import { rejectRecusal, showRecusalRejectForm } from '../use-cases/reject-recusal';
import { action, anyValues, command, idField, type Permission } from './entry';
import { groundField, reasonField } from './recusal-fields';

const HEAD: Permission = { roles: ['leader'], does: '决定执法人员回避（行政处罚法第四十三条：由行政机关负责人决定）' };

const recusalButton = z.object({ payload: z.object({ recusalId: idField('recusalId') }), values: anyValues }).transform((d) => d.payload);

/** “第2组”, “2组”, “2”. */
function readGroup(word: string | undefined): number | undefined {
  const m = /^第?(\d{1,5})组?$/.exec((word ?? '').normalize('NFKC'));
  return m ? Number(m[1]) : undefined;
}

export const recusalCommands = [
  command({
    words: ['recuse', '决定回避', '回避'],
    help: {
      usage: '/recuse 编号 组号',
      summary: '决定某组的执法人员回避（局领导，在私聊中填写理由）',
      examples: ['/recuse 1 第2组　今年第 1 号抽取的第 2 组'],
    },
    places: ['direct'],
    wrongPlace: { kind: 'invalid', text: '为保护回避理由，请在与机器人的私聊中发送 /recuse 编号 组号，例如：/recuse 1 第2组（今年第 1 号抽取的第 2 组）。' },
    permission: HEAD,
    parse: ({ args }, { today }) => {
      const group = readGroup(args[1]);
      if (!args[0] || group === undefined || group < 1 || args.length > 2) {
        throw new AppError('invalid', `请写明抽取编号和组号，例如：/recuse 1 第2组。${drawRefForms(Number(today.slice(0, 4)))}。`);
      }
      return { ref: args[0], group };
    },
    run: showRecusalOrderForm,
  }),
];

export const recusalActions = [
  action({ name: 'recusal.approve', permission: HEAD, input: recusalButton, run: approveRecusal }),
  action({ name: 'recusal.reject_form', permission: HEAD, input: recusalButton, run: showRecusalRejectForm }),
  action({
    name: 'recusal.reject',
    permission: HEAD,
    input: z
      .object({
        payload: z.object({ recusalId: idField('recusalId') }),
        values: z.object({ reason: reasonField('不同意的理由', '所述亲属关系已解除，不影响公正执法') }),
      })
      .transform((d) => ({ ...d.payload, ...d.values })),
    run: rejectRecusal,
  }),
  action({
    name: 'recusal.order',
    permission: HEAD,
    input: z
      .object({
        payload: z.object({ taskId: idField('taskId') }),
        values: z.object({
          officer: z
            .string({ error: '请选择回避人员。' })
            .regex(/^\d{1,10}$/, { error: '请选择回避人员。' })
            .transform(Number),
          ground: groundField,
          reason: reasonField('回避理由', '该执法人员的配偶在该企业任财务负责人'),
        }),
      })
      .transform((d) => ({ taskId: d.payload.taskId, taskOfficerId: d.values.officer, ground: d.values.ground, reason: d.values.reason })),
    run: orderRecusal,
  }),
];
