import type { ItemResult } from '../../domain/findings/validate-findings';
import type { IsoDate } from '../../domain/model';
import type { DrawSummary } from './draws';
import type { RecheckResult } from './reminders';

/**
 * Filters of the public results; each one given narrows the list (all apply together). Values
 * are as validated by the page (src/web/public-query.ts): trimmed, short, no control characters.
 */
export interface PublicResultFilter {
  /** Part of the enterprise's name or USCC, any case (“机械”, “9141”). */
  q?: string;
  industry?: string;
  township?: string;
  /** The year of the inspection. */
  year?: number;
  /** A result category code (src/domain/catalog/result-categories.ts). */
  result?: string;
  agencyId?: number;
}

/**
 * A position in the results' order (newest published first): the result's `publishedAt` exactly
 * as stored (ISO 8601 in UTC with microseconds) and its id.
 */
export interface PublicResultCursor {
  publishedAt: string;
  id: number;
}

/**
 * A published inspection result, with only what is published: no notes, hazards' wording,
 * responsible person, officers or contacts. Adding a published field is one column of the
 * query (src/db/repos/public-record-repo.ts, src/db/memory/public-record-repo.ts) and one field
 * here, shown by one entry of src/app/views/public-columns.ts.
 */
export interface PublicResult {
  /** The task's id. */
  id: number;
  agencyId: number;
  agencyName: string;
  drawNo: string;
  enterpriseName: string;
  uscc: string;
  industry: string;
  township: string;
  inspectionDate: IsoDate;
  /** Check item code → its result. */
  itemResults: Record<string, ItemResult>;
  resultCategory: string;
  rectification: 'none' | 'immediate' | 'deadline';
  rectificationDue: IsoDate | null;
  recheckResult: RecheckResult | null;
  /** The 公示系统 record number (or note) given when the result was marked published. */
  publicationRef: string | null;
  /** Working days past the 5-working-day deadline it was published (0: on time; null: not recorded, before it was kept). */
  publicationLateWorkdays: number | null;
  /** ISO 8601 in UTC with microseconds, as stored (the cursor's key). */
  publishedAt: string;
}

/**
 * The draws shown to the public: every draw from its preparation on (the announcement with its
 * commitment is public before the result exists), executed ones, and those abandoned or
 * cancelled with their reason, time and people.
 */
export const PUBLIC_DRAW_STATUSES = ['prepared', 'executed', 'cancelled', 'abandoned'] as const;
export type PublicDrawStatus = (typeof PUBLIC_DRAW_STATUSES)[number];

/** A drawn enterprise as announced. */
export interface PublicDrawnEnterprise {
  ordinal: number;
  name: string;
  uscc: string;
  industry: string;
  township: string;
}

/** What a draw's announcement shows of its stored summary (not the excluded officers and their reasons). */
export type PublicSummaryField = 'filtersText' | 'quotaText' | 'windowFrom' | 'windowTo' | 'groupSize' | 'enterprisePoolSize' | 'officerPoolSize';

/**
 * A draw's announcement (抽查任务公告) and its verification data. Only what the announcement card
 * showed the group: not the excluded officers and their reasons, not the secret before execution.
 */
export interface PublicDraw extends Pick<DrawSummary, PublicSummaryField> {
  id: number;
  agencyId: number;
  agencyName: string;
  drawNo: string;
  year: number;
  /** The annual plan (and batch) the draw belongs to, as its announcement named it (`偃应急〔2026〕18号 第一批`); else the plan's title. */
  planTitle: string | null;
  status: PublicDrawStatus;
  /** 定向 (a list of enterprises) or 不定向. */
  directed: boolean;
  /** Enterprises drawn (0 when never executed). */
  drawnCount: number;
  /** The drawn enterprises in draw order: the first few in a list, all of them for one draw. */
  enterprises: PublicDrawnEnterprise[];
  enterprisePoolHash: string;
  officerPoolHash: string;
  commitment: string;
  /** Revealed at execution; null for a draw abandoned before it. */
  seed: string | null;
  /** Revealed at execution or abandonment (hex); null while pending. */
  secret: string | null;
  /** The drand round the draw commits to, and when it is published (ISO). */
  beaconRound: number | null;
  beaconPublishAt: string | null;
  preparedAt: Date;
  executedAt: Date | null;
  endedAt: Date | null;
  endedReason: string | null;
  /** Who abandoned it or asked for the cancellation; who agreed to the cancellation. */
  endedBy: string | null;
  confirmedBy: string | null;
  /** The ended draw of the same scope this one draws again. */
  supersedesNo: string | null;
}

/** The values the public results can be filtered by, for the page's choices. */
export interface PublicResultFacets {
  /** In no particular order (the page sorts them). */
  industries: string[];
  /** In no particular order. */
  townships: string[];
  /** Years with inspections, newest first. */
  years: number[];
}

/**
 * The read-only queries of the “一公开” page and its machine-readable twins, served from indexes
 * (a page, a capped count, the filter choices) so that 100 000 results cost a page's worth of
 * reading. Nothing unpublished: a result appears when its task is marked published.
 */
export interface PublicRecordRepo {
  /**
   * Up to `limit` results in the public order (newest published first, then by id), after
   * (older than) or before (newer than) a cursor; `more` when there are further rows that way.
   * With `before`, rows still come newest first.
   */
  results(
    filter: PublicResultFilter,
    page: { limit: number; after?: PublicResultCursor; before?: PublicResultCursor },
  ): Promise<{ rows: PublicResult[]; more: boolean }>;
  /** How many results match, counted up to `cap + 1` (a page says “more than cap” rather than counting 100 000). */
  countResults(filter: PublicResultFilter, cap: number): Promise<number>;
  resultFacets(agencyId?: number): Promise<PublicResultFacets>;
  /** Draws newest first (by id), at most `limit`, below `beforeId`; each with its first `enterprisesEach` enterprises. */
  draws(
    filter: { agencyId?: number; year?: number },
    page: { limit: number; beforeId?: number; enterprisesEach: number },
  ): Promise<{ rows: PublicDraw[]; more: boolean }>;
  /** One public draw with all its enterprises. */
  draw(id: number): Promise<PublicDraw | undefined>;
}
