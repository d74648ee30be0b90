import { hexToBytes } from '@noble/hashes/utils.js';
import { buildDrawExport, type DrawExport, type ExecutedDraw, type PreparedDraw } from '../domain/draw';
import type { DrawRow, Repos } from './ports/store';

/** The published record of an executed draw, from the database; undefined before execution. */
export async function loadDrawExport(repos: Repos, draw: DrawRow): Promise<DrawExport | undefined> {
  if (!draw.seed || !draw.result) return undefined;
  const prepared = (await repos.draws.frozen(draw.id)) as PreparedDraw;
  const result = draw.result as Omit<ExecutedDraw, 'ok'>;
  const executed: ExecutedDraw = { ok: true, seed: result.seed, tasks: result.tasks, strata: result.strata };
  return buildDrawExport(prepared, hexToBytes(draw.secret), executed, await repos.draws.replacements(draw.id));
}
