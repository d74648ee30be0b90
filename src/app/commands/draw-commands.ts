/**
 * The draw: `/draw` prepares (the lot frozen and committed in front of the group), the card's
 * 确认抽取 executes and 放弃 abandons it; `/verify` re-runs a draw from its record and `/cancel`
 * ends one with a reason. Leaders and administrators draw (偃应急〔2023〕18号: 局领导 organises
 * the 双随机 draw).
 */
import { z } from 'zod';
import { AppError } from '../use-case';
import { abandonDraw } from '../use-cases/abandon-draw';
import { cancelDraw } from '../use-cases/cancel-draw';
import { executeDraw } from '../use-cases/execute-draw';
import { prepareDraw } from '../use-cases/prepare-draw';
import { verifyDraw } from '../use-cases/verify-draw';
import { action, anyValues, command, idField, type Permission } from './entry';
import { DRAW_EXAMPLE, listTokens, parseDraw } from './parse-draw';

const LEADERS = ['leader', 'admin'] as const;
const leadersMay = (does: string): Permission => ({ roles: LEADERS, does });

const drawPayload = z.object({ payload: z.object({ drawId: idField('drawId') }), values: anyValues }).transform((d) => d.payload);

export const drawCommands = [
  command({
    words: ['draw', '抽取', '摇号'],
    help: {
      usage: DRAW_EXAMPLE,
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
    help: { usage: '/verify 偃应急抽〔2026〕1号', summary: '复核一次抽取' },
    places: ['group', 'direct'],
    parse: ({ body }) => {
      const tokens = listTokens(body);
      if (tokens.length === 0) throw new AppError('invalid', '请写明要验证的抽取编号，例如：/verify 偃应急抽〔2026〕3号');
      return { drawNo: tokens.join('') };
    },
    run: verifyDraw,
  }),
  command({
    words: ['cancel', '撤销'],
    help: { usage: '/cancel 偃应急抽〔2026〕1号 原因', summary: '撤销一次抽取（记录保留）' },
    places: ['group', 'direct'],
    permission: leadersMay('撤销抽取'),
    parse: ({ body }) => {
      const [drawNo, ...reason] = listTokens(body);
      if (!drawNo || reason.length === 0) throw new AppError('invalid', '请写明抽取编号和撤销原因，例如：/cancel 偃应急抽〔2026〕3号 企业已停产需重新安排');
      return { drawNo, reason: reason.join(' ') };
    },
    run: cancelDraw,
  }),
];

export const drawActions = [
  action({ name: 'draw.execute', permission: leadersMay('确认抽取'), input: drawPayload, run: executeDraw }),
  action({ name: 'draw.abandon', permission: leadersMay('放弃抽取'), input: drawPayload, run: abandonDraw }),
];
