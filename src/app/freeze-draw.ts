/**
 * The three steps of a prepared draw with the directory in the database: the domain decides
 * (startPrepare, planLot, commitDraw), the store reads the special enterprises and counts and
 * serializes the plain ones where they are (drawSlice, freezeLot). The domain's prepareDraw
 * runs the same steps in memory.
 */
import { commitDraw, needsPlainGroups, planLot, startPrepare, type PrepareDrawBase, type PreparedHead } from '../domain/draw';
import type { Repos } from './ports/store';
import { AppError } from './use-case';

/**
 * Prepares and freezes a draw; a draw that may not go ahead is an AppError with the Chinese
 * reason (thrown inside the caller's transaction, so a lot frozen before the refusal is not kept).
 */
export async function freezeDraw(
  repos: Repos,
  agencyId: number,
  input: Omit<PrepareDrawBase, 'officers' | 'history'>,
): Promise<{ head: PreparedHead; lotId: number }> {
  const refuse = (reason: string): never => {
    throw new AppError('invalid', `无法抽取：${reason}`);
  };
  const { officers, history } = await repos.directory.drawRoster(agencyId);
  const start = startPrepare({ ...input, officers, history });
  if (!start.ok) return refuse(start.reason);
  const slice = await repos.directory.drawSlice(agencyId, start.spec, { countPlain: needsPlainGroups(start) });
  const plan = planLot(start, slice);
  if (!plan.ok) return refuse(plan.reason);
  const specials = plan.specials.map((e, i) => ({ uscc: e.uscc, line: plan.specialLines[i] as string }));
  const lot = await repos.draws.freezeLot(agencyId, start.spec, specials);
  const head = commitDraw(start, plan, lot);
  if (!head.ok) return refuse(head.reason);
  return { head, lotId: lot.lotId };
}
