import { hexToBytes } from '@noble/hashes/utils.js';
import {
  buildDrawExport,
  executeDraw,
  type CommittedDraw,
  type DrawExport,
  type DrawPlanRef,
  type DrawTimeline,
  type PreparedDraw,
  type PreparedHead,
  type PublicationEntry,
} from '../domain/draw';
import type { SeedBeacon } from '../domain/draw/commitment';
import type { DrawRow, Repos, TaskRow } from './ports/store';
import { publishedLate, publishedOn } from './views/task-cards';

/**
 * The beacon round a draw's seed mixes in: null for none (an offline installation, or a draw
 * of before seed version 2), undefined while the committed round has not been fetched yet.
 */
export function seedBeaconOf(draw: DrawRow): SeedBeacon | null | undefined {
  if (!draw.beacon) return null;
  const { chainHash, round, randomness } = draw.beacon;
  return randomness ? { chainHash, round, randomness } : undefined;
}

/** The committed draw as frozen, with its beacon round's randomness: what its seed is derived from. */
export async function committedDrawOf(
  repos: Repos,
  draw: DrawRow,
  select?: (head: PreparedHead, lotSize: number) => readonly number[] | null,
): Promise<PreparedDraw & CommittedDraw> {
  const prepared = (await repos.draws.frozen(draw.id, select)) as PreparedDraw;
  const beacon = seedBeaconOf(draw);
  if (beacon === undefined) throw new Error(`draw ${draw.id}: its beacon round ${draw.beacon?.round} has not been fetched`);
  return { ...prepared, beacon };
}

async function nameOf(repos: Repos, id: number | null): Promise<string | undefined> {
  return id === null ? undefined : (await repos.directory.person(id))?.name;
}

async function timelineOf(repos: Repos, draw: DrawRow): Promise<DrawTimeline> {
  const t: DrawTimeline = { preparedAt: draw.createdAt.toISOString(), preparedBy: (await nameOf(repos, draw.preparedBy)) ?? '' };
  if (draw.executedAt) t.executedAt = draw.executedAt.toISOString();
  const executedBy = await nameOf(repos, draw.executedBy);
  if (executedBy) t.executedBy = executedBy;
  if (draw.endedAt) t.endedAt = draw.endedAt.toISOString();
  const endedBy = await nameOf(repos, draw.endedBy);
  if (endedBy) t.endedBy = endedBy;
  const confirmedBy = await nameOf(repos, draw.cancelConfirmedBy);
  if (confirmedBy) t.confirmedBy = confirmedBy;
  if (draw.endedReason) t.endedReason = draw.endedReason;
  return t;
}

/**
 * The published record of a draw, from the database: an executed or cancelled draw with its
 * result, an abandoned one with what it would have drawn (its secret was revealed). Undefined
 * while it is pending, and for an abandoned draw whose secret or beacon round is not known.
 */
export async function loadDrawExport(repos: Repos, draw: DrawRow): Promise<DrawExport | undefined> {
  if (draw.status === 'prepared' || !draw.secret) return undefined;
  const beacon = seedBeaconOf(draw);
  if (beacon === undefined) return undefined;
  const secret = hexToBytes(draw.secret);
  const prepared = await committedDrawOf(repos, draw);
  let result = draw.result;
  if (!result) {
    const would = executeDraw(prepared, secret);
    if (!would.ok) return undefined;
    result = { seed: would.seed, tasks: would.tasks, strata: would.strata };
  }
  const supersedes = draw.supersedesId === null ? null : ((await repos.draws.byId(draw.agencyId, draw.supersedesId))?.drawNo ?? null);
  const recorded =
    draw.beacon?.signature && draw.beacon.randomness ? { ...draw.beacon, signature: draw.beacon.signature, randomness: draw.beacon.randomness } : null;
  const doc = buildDrawExport(prepared, secret, result, await repos.draws.replacements(draw.id), {
    status: draw.status,
    timeline: await timelineOf(repos, draw),
    beacon: recorded && { chainHash: recorded.chainHash, round: recorded.round, signature: recorded.signature, randomness: recorded.randomness },
    supersedes,
  });
  // Informational (not part of verification): the results published so far with their 公示系统 record numbers, and the plan.
  const plan = await planRefOf(repos, draw);
  return { ...doc, publications: publicationsOf(await repos.tasks.ofDraw(draw.id)), ...(plan ? { plan } : {}) };
}

/** The plan a draw belongs to, as its record and announcement name it (none for a draw made before plans). */
export async function planRefOf(repos: Repos, draw: DrawRow): Promise<DrawPlanRef | undefined> {
  const plan = draw.planId === null ? undefined : await repos.plans.byId(draw.agencyId, draw.planId);
  return plan && { docNo: plan.docNo, title: plan.title, year: plan.year, batch: draw.planBatch };
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
