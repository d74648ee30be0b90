/**
 * 年度抽查计划 in the chat: `/plan` shows a plan's progress against its targets (leaders and
 * administrators); `/plan 新建` and `/plan 编辑` give administrators the plan's form card.
 */
import { z } from 'zod';
import { docNoExample, looksLikeDocNo, readDocNo } from '../../domain/plan';
import { AppError } from '../use-case';
import { editPlanButton, openPlanForm, submitPlanForm } from '../use-cases/plan-form';
import { showPlan, type PlanRef } from '../use-cases/show-plan';
import { action, anyValues, command, idField, type Permission } from './entry';

const ADMINS: Permission = { roles: ['admin'], does: '录入或修改抽查计划' };
const VIEWERS: Permission = { roles: ['leader', 'admin'], does: '查看抽查计划' };

/** `ref` undefined: this year's default plan. */
export type PlanCommand = { kind: 'show'; ref?: PlanRef } | { kind: 'form'; ref?: PlanRef | 'new' };

/** How to write `/plan`, with examples of `year`. */
const usage = (year: number) => `/plan（本年度默认计划）、/plan ${docNoExample(year)}、/plan ${year - 1}、/plan 新建、/plan 编辑 ${docNoExample(year)}`;

/** The plan named after `/plan` or `/plan 编辑`: a document number or a year. */
function readRef(text: string, year: number): PlanRef | undefined {
  if (text === '') return undefined;
  const docNo = readDocNo(text);
  if (docNo) return { docNo };
  const written = /^((?:19|20)\d{2})年?$/.exec(text.normalize('NFKC'));
  if (written) return { year: Number(written[1]) };
  const why = looksLikeDocNo(text) ? `文号“${text}”写法不对，应写成“${docNoExample(year)}”。` : `看不懂“${text}”。`;
  throw new AppError('invalid', `${why}可以这样写：${usage(year)}`);
}

/** Reads the words after `/plan`; `year` (this year) is the year of the examples in a refusal. */
export function parsePlanCommand(body: string, year: number): PlanCommand {
  const text = body.trim();
  const m = /^(新建|新增|录入|编辑|修改)(?:计划)?\s*(.*)$/s.exec(text);
  if (!m) return { kind: 'show', ...(text ? { ref: readRef(text, year) } : {}) };
  if (m[1] === '编辑' || m[1] === '修改') {
    const ref = readRef(m[2]!.trim(), year);
    return { kind: 'form', ...(ref ? { ref } : {}) };
  }
  if (m[2]!.trim()) throw new AppError('invalid', '新建计划请只发送 /plan 新建，然后在表单中填写文号、批次和目标。');
  return { kind: 'form', ref: 'new' };
}

const planPayload = z.object({ payload: z.object({ planId: idField('planId') }), values: anyValues }).transform((d) => d.payload);
const savePayload = z
  .object({ payload: z.object({ planId: idField('planId').optional() }), values: anyValues })
  .transform((d) => ({ ...(d.payload.planId !== undefined ? { planId: d.payload.planId } : {}), values: d.values }));

export const planCommands = [
  command({
    words: ['plan', '计划'],
    help: {
      usage: '/plan',
      summary: '年度抽查计划：各批次目标与完成进度（新建、编辑限管理员）',
      examples: (today) => [
        `/plan ${docNoExample(Number(today.slice(0, 4)))}　查看某个计划`,
        '/plan 新建　录入年度计划（文号、批次、各行业目标）',
        '/plan 编辑　修改本年度默认计划',
      ],
    },
    places: ['group', 'direct'],
    permission: (input: PlanCommand) => (input.kind === 'form' ? ADMINS : VIEWERS),
    parse: ({ body }, { today }) => parsePlanCommand(body, Number(today.slice(0, 4))),
    run: (ctx, input) => (input.kind === 'show' ? showPlan(ctx, input.ref) : openPlanForm(ctx, input.ref)),
  }),
];

export const planActions = [
  action({ name: 'plan.edit', permission: ADMINS, input: planPayload, run: editPlanButton }),
  action({ name: 'plan.save', permission: ADMINS, input: savePayload, run: submitPlanForm }),
];
