import { hexToBytes } from '@noble/hashes/utils.js';
import { buildDrawExport, type DrawExport, type PreparedDraw, type PublicationEntry } from '../domain/draw';
import type { DrawRow, Repos, TaskRow } from './ports/store';
import { publishedLate, publishedOn } from './views/task-cards';

/**
 * The published record of an executed draw, from the database; undefined before execution.
 * Replacements carry only that a 回避 happened (never its grounds), and the results published so
 * far are listed with their 公示系统 record numbers (informational, not part of verification).
 */
export async function loadDrawExport(repos: Repos, draw: DrawRow): Promise<DrawExport | undefined> {
  if (!draw.seed || !draw.result) return undefined;
  const prepared = (await repos.draws.frozen(draw.id)) as PreparedDraw;
  const { seed, tasks, strata } = draw.result;
  const doc = buildDrawExport(prepared, hexToBytes(draw.secret), { seed, tasks, strata }, await repos.draws.replacements(draw.id));
  return { ...doc, publications: publicationsOf(await repos.tasks.ofDraw(draw.id)) };
}

function publicationsOf(tasks: readonly TaskRow[]): PublicationEntry[] {
  return tasks.flatMap((t) => {
    const on = publishedOn(t);
    if (t.status !== 'published' || on === null) return [];
    return [
      {
        taskIndex: t.ordinal,
        publishedOn: on,
        recordNumber: t.publicationRef ?? '',
        due: t.publicationDue,
        late: publishedLate(t),
        lateWorkdays: t.publicationLateWorkdays ?? 0,
      },
    ];
  });
}
