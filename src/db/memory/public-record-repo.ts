import {
  PUBLIC_DRAW_STATUSES,
  type PublicDraw,
  type PublicDrawStatus,
  type PublicRecordRepo,
  type PublicResult,
  type PublicResultCursor,
  type PublicResultFilter,
} from '../../app/ports/public-record';
import type { MemoryTx } from './memory-database';
import type { DrawRecord, FindingsRecord, TaskRecord } from './rows';
import { readDate, readJson } from './values';

/** A timestamp as PostgreSQL's to_char(… 'US') writes it: the cursor's key. */
const microsIso = (d: Date) => d.toISOString().replace(/Z$/, '000Z');

/** (publishedAt, id) compared as the SQL row comparison does; ISO strings of one format compare as text. */
function compareKey(a: PublicResultCursor, b: PublicResultCursor): number {
  if (a.publishedAt !== b.publishedAt) return a.publishedAt < b.publishedAt ? -1 : 1;
  return a.id - b.id;
}

/** The filter as the SQL WHERE applies it; the search as public_search_grams plus strpos, both lower-cased. */
function matches(t: TaskRecord, f: FindingsRecord, filter: PublicResultFilter): boolean {
  if (filter.agencyId !== undefined && t.agencyId !== filter.agencyId) return false;
  if (filter.industry !== undefined && t.industry !== filter.industry) return false;
  if (filter.township !== undefined && t.township !== filter.township) return false;
  if (filter.year !== undefined && t.resultDate?.slice(0, 4) !== String(filter.year)) return false;
  if (filter.result !== undefined && f.resultCategory !== filter.result) return false;
  if (filter.q !== undefined && !`${t.enterpriseName} ${t.uscc}`.toLowerCase().includes(filter.q.toLowerCase())) return false;
  return true;
}

/** The public record on the in-memory store, held to the SQL repository by the contract suite. */
export function publicRecordRepo(tx: MemoryTx): PublicRecordRepo {
  const findingsByTask = () => new Map([...tx.read('findings').values()].map((f) => [f.taskId, f]));

  function published(filter: PublicResultFilter): Array<{ t: TaskRecord; f: FindingsRecord; key: PublicResultCursor }> {
    const findings = findingsByTask();
    const out: Array<{ t: TaskRecord; f: FindingsRecord; key: PublicResultCursor }> = [];
    for (const t of tx.read('tasks').values()) {
      const f = findings.get(t.id);
      if (t.status !== 'published' || !t.publishedAt || !f || !matches(t, f, filter)) continue;
      out.push({ t, f, key: { publishedAt: microsIso(t.publishedAt), id: t.id } });
    }
    return out.sort((a, b) => compareKey(b.key, a.key));
  }

  function toResult(t: TaskRecord, f: FindingsRecord, publishedAt: string): PublicResult {
    return {
      id: t.id,
      agencyId: t.agencyId,
      agencyName: tx.read('agencies').get(t.agencyId)?.name ?? '',
      drawNo: tx.read('draws').get(t.drawId)!.drawNo,
      enterpriseName: t.enterpriseName,
      uscc: t.uscc,
      industry: t.industry,
      township: t.township,
      inspectionDate: f.inspectionDate,
      itemResults: readJson(f.itemResults),
      resultCategory: f.resultCategory,
      rectification: f.rectification,
      rectificationDue: f.rectificationDue,
      recheckResult: f.recheckResult,
      publicationRef: t.publicationRef,
      publicationLateWorkdays: t.publicationLateWorkdays ?? null,
      publishedAt,
    };
  }

  function toDraw(d: DrawRecord, each: number | null): PublicDraw {
    const tasks = [...tx.read('tasks').values()].filter((t) => t.drawId === d.id && (each === null || t.ordinal < each)).sort((a, b) => a.ordinal - b.ordinal);
    const s = d.summary;
    return {
      id: d.id,
      agencyId: d.agencyId,
      agencyName: tx.read('agencies').get(d.agencyId)?.name ?? '',
      drawNo: d.drawNo,
      year: d.year,
      planTitle: s.planText ?? (d.planId !== null ? (tx.read('plans').get(d.planId)?.title ?? null) : null),
      status: d.status as PublicDrawStatus,
      directed: d.params.filters.usccs !== undefined,
      filtersText: s.filtersText,
      quotaText: s.quotaText,
      windowFrom: s.windowFrom,
      windowTo: s.windowTo,
      groupSize: s.groupSize,
      enterprisePoolSize: s.enterprisePoolSize,
      officerPoolSize: s.officerPoolSize,
      drawnCount: d.result?.tasks.length ?? 0,
      enterprises: tasks.map((t) => ({ ordinal: t.ordinal, name: t.enterpriseName, uscc: t.uscc, industry: t.industry, township: t.township })),
      enterprisePoolHash: d.enterprisePoolHash,
      officerPoolHash: d.officerPoolHash,
      commitment: d.commitment,
      seed: d.seed,
      secret: d.status === 'prepared' ? null : d.secret,
      beaconRound: d.beacon?.round ?? null,
      beaconPublishAt: d.beacon?.publishAt ?? null,
      preparedAt: readDate(d.createdAt),
      executedAt: readDate(d.executedAt),
      endedAt: readDate(d.endedAt),
      endedReason: d.endedReason,
      endedBy: d.endedBy === null ? null : (tx.read('people').get(d.endedBy)?.name ?? null),
      confirmedBy: d.cancelConfirmedBy === null ? null : (tx.read('people').get(d.cancelConfirmedBy)?.name ?? null),
      supersedesNo: d.supersedesId === null ? null : (tx.read('draws').get(d.supersedesId)?.drawNo ?? null),
    };
  }

  const isPublic = (d: DrawRecord) => (PUBLIC_DRAW_STATUSES as readonly string[]).includes(d.status);

  return {
    async results(filter, page) {
      const all = published(filter);
      const before = page.before;
      const after = page.after;
      const way = before ? all.filter((r) => compareKey(r.key, before) > 0).reverse() : after ? all.filter((r) => compareKey(r.key, after) < 0) : all;
      const list = way.slice(0, page.limit).map((r) => toResult(r.t, r.f, r.key.publishedAt));
      return { rows: before ? list.reverse() : list, more: way.length > page.limit };
    },
    async countResults(filter, cap) {
      return Math.min(published(filter).length, cap + 1);
    },
    async resultFacets(agencyId) {
      const all = published(agencyId === undefined ? {} : { agencyId });
      const distinct = (values: string[]) => [...new Set(values.filter((v) => v !== ''))];
      const years = all.map((r) => Number(r.t.resultDate!.slice(0, 4)));
      const [lo, hi] = [Math.min(...years), Math.max(...years)];
      return {
        industries: distinct(all.map((r) => r.t.industry)),
        townships: distinct(all.map((r) => r.t.township)),
        years: years.length ? Array.from({ length: hi - lo + 1 }, (_, i) => hi - i) : [],
      };
    },
    async draws(filter, page) {
      const list = [...tx.read('draws').values()]
        .filter(
          (d) =>
            isPublic(d) &&
            (filter.agencyId === undefined || d.agencyId === filter.agencyId) &&
            (filter.year === undefined || d.year === filter.year) &&
            (page.beforeId === undefined || d.id < page.beforeId),
        )
        .sort((a, b) => b.id - a.id);
      return { rows: list.slice(0, page.limit).map((d) => toDraw(d, page.enterprisesEach)), more: list.length > page.limit };
    },
    async draw(id) {
      const d = tx.read('draws').get(id);
      return d && isPublic(d) ? toDraw(d, null) : undefined;
    },
  };
}
