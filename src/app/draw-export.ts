import { hexToBytes } from '@noble/hashes/utils.js';
import { buildDrawExport, type DrawExport, type PreparedDraw } from '../domain/draw';
import type { DrawRow, Repos } from './ports/store';

/** The published record of an executed draw, from the database; undefined before execution. */
export async function loadDrawExport(repos: Repos, draw: DrawRow): Promise<DrawExport | undefined> {
  if (!draw.seed || !draw.result || !draw.secret) return undefined;
  const prepared = (await repos.draws.frozen(draw.id)) as PreparedDraw;
  const { seed, tasks, strata } = draw.result;
  return buildDrawExport(prepared, hexToBytes(draw.secret), { seed, tasks, strata }, await repos.draws.replacements(draw.id));
}
