import { drawNumber, parseDrawRef, resolveDrawRef } from '../domain/draw/draw-number';
import type { DrawRow } from './ports/store';
import { AppError, todayOf, type UseCaseContext } from './use-case';

/** How a draw may be named, for refusals: with this year's numbers, and the agency's full number when it is known. */
export function drawRefForms(year: number, shortName?: string): string {
  const full = shortName ? `“${drawNumber(shortName, year, 3)}”（括号不限）、` : '';
  return `编号可写成${full}“${year}-3”，或只写“3”表示今年第 3 号`;
}

/**
 * The actor's agency's draw that `written` names (`偃应急抽〔2026〕3号`, `2026-3`, `3`), or a
 * Chinese refusal that says how to write it.
 */
export async function findDrawByRef(ctx: Pick<UseCaseContext, 'repos' | 'env' | 'actor'>, written: string): Promise<DrawRow> {
  const agency = await ctx.repos.directory.agency(ctx.actor.agencyId);
  if (!agency) throw new AppError('not_found', '找不到你所在的单位。');
  const year = Number(todayOf(ctx.env).slice(0, 4));
  const ref = parseDrawRef(written);
  if (!ref) throw new AppError('invalid', `“${written.slice(0, 40)}”不是抽取编号。${drawRefForms(year, agency.shortName)}。`);
  const resolved = resolveDrawRef(ref, agency.shortName, year);
  if ('refusal' in resolved) throw new AppError('invalid', resolved.refusal);
  const draw = await ctx.repos.draws.byNo(agency.id, resolved.drawNo);
  if (!draw) throw new AppError('not_found', `找不到抽取 ${resolved.drawNo}。发送 /status 可查看最近的抽取。`);
  return draw;
}
