/**
 * The “一公开” record as the public page and its machine-readable twins read it: a page of
 * results with the cursors of its neighbours, and a draw's downloadable record with nothing in it
 * that is not published.
 */
import type { DrawExport, DrawPlanRef } from '../domain/draw';
import { loadDrawExport, planRefOf } from './draw-export';
import type { PublicResult, PublicResultCursor, PublicResultFilter } from './ports/public-record';
import type { DrawRow, Repos } from './ports/store';

export interface PublicResultsPage {
  rows: PublicResult[];
  /** Where the newer page starts (null on the first page). */
  newer: PublicResultCursor | null;
  /** Where the older page starts (null on the last page). */
  older: PublicResultCursor | null;
}

const cursorOf = (r: PublicResult): PublicResultCursor => ({ publishedAt: r.publishedAt, id: r.id });

/** A page of results and the cursors of the pages around it. */
export async function publicResultsPage(
  repos: Repos,
  filter: PublicResultFilter,
  page: { limit: number; after?: PublicResultCursor; before?: PublicResultCursor },
): Promise<PublicResultsPage> {
  const { rows, more } = await repos.publicRecord.results(filter, page);
  const first = rows[0];
  const last = rows.at(-1);
  if (page.before) return { rows, newer: more && first ? cursorOf(first) : null, older: last ? cursorOf(last) : null };
  return { rows, newer: page.after && first ? cursorOf(first) : null, older: more && last ? cursorOf(last) : null };
}

/**
 * The record of an executed draw for anyone to re-run (docs/draw-algorithm.md), without what an
 * officer wrote when recusing: a replacement keeps its kind (“回避”) but not the reason, which the
 * computation never reads. Undefined for a draw not executed (or not public).
 */
/**
 * What a pending draw publishes the moment it is prepared (偃应急〔2023〕18号: the draw in the
 * open): everything it is committed to, before anyone can know its result.
 */
export interface DrawAnnouncement {
  format: 'drbot-draw-announcement/1';
  status: 'prepared';
  drawNo: string;
  preparedAt: string;
  params: DrawExport['params'];
  paramsCanonical: string;
  enterprisePoolHash: string;
  officerPoolHash: string;
  commitment: string;
  seedVersion: 2 | 1;
  excludedEnterprisesHash: string | null;
  excludedOfficersHash: string | null;
  beacon: { chainHash: string; round: number; publishAt: string } | null;
  /** The annual plan the draw carries out (see DrawExport.plan). */
  plan?: DrawPlanRef;
}

async function announcementOf(repos: Repos, draw: DrawRow): Promise<DrawAnnouncement> {
  const head = await repos.draws.frozen(draw.id, () => []);
  const plan = await planRefOf(repos, draw);
  return {
    format: 'drbot-draw-announcement/1',
    status: 'prepared',
    drawNo: draw.drawNo,
    preparedAt: draw.createdAt.toISOString(),
    params: draw.params,
    paramsCanonical: head?.paramsCanonical ?? '',
    enterprisePoolHash: draw.enterprisePoolHash,
    officerPoolHash: draw.officerPoolHash,
    commitment: draw.commitment,
    seedVersion: head?.seedVersion ?? 1,
    excludedEnterprisesHash: head?.excludedEnterprisesHash ?? null,
    excludedOfficersHash: head?.excludedOfficersHash ?? null,
    beacon: draw.beacon && { chainHash: draw.beacon.chainHash, round: draw.beacon.round, publishAt: draw.beacon.publishAt },
    ...(plan ? { plan } : {}),
  };
}

export async function publicDrawRecord(repos: Repos, id: number): Promise<DrawExport | DrawAnnouncement | undefined> {
  const announced = await repos.publicRecord.draw(id);
  if (!announced) return undefined;
  const draw = await repos.draws.byId(announced.agencyId, id);
  if (draw?.status === 'prepared') return announcementOf(repos, draw);
  const doc = draw && (await loadDrawExport(repos, draw));
  if (!doc) return undefined;
  return { ...doc, replacements: doc.replacements.map((r) => ({ ...r, reason: r.reason.split('：')[0] ?? '' })) };
}
