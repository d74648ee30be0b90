/**
 * The draw: `/draw` prepares (the lot frozen and committed in front of the group), the card's
 * 确认抽取 executes and 放弃 abandons it; `/verify` re-runs a draw from its record and `/cancel`
 * ends one with a reason. Leaders and administrators draw (偃应急〔2023〕18号: 局领导 organises
 * the 双随机 draw).
 */
import { z } from 'zod';
import { AppError } from '../use-case';
import { abandonDraw } from '../use-cases/abandon-draw';
import { prefetchCommittedRound } from '../draw-beacon';
import { drawRefForms } from '../draw-lookup';
import { askCancelDraw, cancelDraw, keepDraw } from '../use-cases/cancel-draw';
import { executeDraw } from '../use-cases/execute-draw';
import { prepareDraw } from '../use-cases/prepare-draw';
import { verifyDraw } from '../use-cases/verify-draw';
import { DRAW_REASON_MAX } from '../views/draw-cards';
import { action, anyValues, command, idField, type Permission } from './entry';
import { drawExample, parseDraw } from './parse-draw';

const LEADERS = ['leader', 'admin'] as const;
const leadersMay = (does: string): Permission => ({ roles: LEADERS, does });

const drawPayload = z.object({ payload: z.object({ drawId: idField('drawId') }), values: anyValues }).transform((d) => d.payload);

/** A reason to abandon or cancel a draw: 2 to 200 characters, published with the draw's record. */
function readReason(reason: string, what: '撤销' | '放弃' = '撤销'): string {
  if (reason.length < 2) throw new AppError('invalid', `请写明${what}原因（至少 2 个字），原因将与抽取记录一并公开。`);
  if (reason.length > DRAW_REASON_MAX) throw new AppError('invalid', `${what}原因不超过 ${DRAW_REASON_MAX} 字（现为 ${reason.length} 字）。`);
  return reason;
}

/** 放弃: the button (no reason yet: the form asking for one comes back) or the form's 确认放弃 with its reason. */
const abandonPayload = z
  .object({ payload: z.object({ drawId: idField('drawId') }), values: anyValues })
  .transform(({ payload, values }) => (values.reason === undefined ? payload : { ...payload, reason: readReason(values.reason.trim(), '放弃') }));

const cancelPayload = z
  .object({
    payload: z.object({
      drawId: idField('drawId'),
      reason: z.string({ error: '按钮数据缺少撤销原因，请重新发送 /cancel。' }),
      requestedBy: idField('requestedBy').optional(),
    }),
    values: anyValues,
  })
  .transform((d) => d.payload)
  .refine((p) => p.reason.trim().length >= 2 && p.reason.length <= DRAW_REASON_MAX, { error: '按钮数据中的撤销原因无效，请重新发送 /cancel。' });

export const drawCommands = [
  command({
    words: ['draw', '抽取', '摇号'],
    help: {
      usage: drawExample,
      summary: '抽取',
      examples: ['/draw 机械5家 建材3家 每组2人　分行业数量', '/draw 高风险30% 低风险1% 每组3人　按风险比例', '/draw 定向 91410381XXXXXXXXXX 10家　定向抽取'],
    },
    places: ['group'],
    wrongPlace: { kind: 'permission', text: '抽取须在局里绑定的工作群中发起，以便全体见证。' },
    permission: leadersMay('发起抽取'),
    parse: ({ body }, { today }) => parseDraw(body, today),
    run: prepareDraw,
  }),
  command({
    words: ['verify', '验证'],
    help: { usage: '/verify 编号', summary: '复核一次抽取（编号如 1，即今年第 1 号）' },
    places: ['group', 'direct'],
    parse: ({ body }, { today }) => {
      if (!body) throw new AppError('invalid', `请写明要验证的抽取编号，例如：/verify 3。${drawRefForms(Number(today.slice(0, 4)))}。`);
      return { ref: body };
    },
    run: verifyDraw,
  }),
  command({
    words: ['cancel', '撤销'],
    help: { usage: '/cancel 编号 原因', summary: '放弃待确认的抽取，或申请撤销已执行的抽取（须另一位领导同意，记录公开）' },
    places: ['group', 'direct'],
    permission: leadersMay('撤销抽取'),
    parse: ({ body }, { today }) => {
      const [ref = '', ...rest] = body.split(/[\s\u3000]+/);
      // The reason is kept exactly as typed (after the number), punctuation and spaces included.
      const reason = body.slice(body.indexOf(ref) + ref.length).trim();
      if (!ref || rest.length === 0)
        throw new AppError('invalid', `请写明抽取编号和撤销原因，例如：/cancel 3 企业已停产需重新安排。${drawRefForms(Number(today.slice(0, 4)))}。`);
      return { ref, reason: readReason(reason) };
    },
    run: askCancelDraw,
  }),
];

export const drawActions = [
  action({
    name: 'draw.execute',
    permission: leadersMay('确认抽取'),
    input: drawPayload,
    prefetch: (ctx, { drawId }) => prefetchCommittedRound(ctx, drawId),
    run: executeDraw,
  }),
  action({
    name: 'draw.abandon',
    permission: leadersMay('放弃抽取'),
    input: abandonPayload,
    prefetch: (ctx, input) => ('reason' in input ? prefetchCommittedRound(ctx, input.drawId) : Promise.resolve()),
    run: abandonDraw,
  }),
  action({ name: 'draw.cancel', permission: leadersMay('撤销抽取'), input: cancelPayload, run: cancelDraw }),
  action({ name: 'draw.keep', permission: leadersMay('撤销抽取'), input: cancelPayload, run: keepDraw }),
];
