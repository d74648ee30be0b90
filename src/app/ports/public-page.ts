import type { DrawExport } from '../../domain/draw';
import type { FindingsRow, TaskRow } from './tasks';

/** A published result as the public page lists it. */
export type PublishedResult = TaskRow & { findings: FindingsRow | undefined; agencyName: string };

/** A draw's public record (the secret is revealed once executed). */
export interface PublicDraw {
  id: number;
  drawNo: string;
  agencyName: string;
  status: string;
  executedAt: Date | null;
  commitment: string;
  seed: string | null;
}

/** The read-only queries behind the “一公开” page (src/web/public-page.ts); nothing secret before a draw is executed. */
export interface PublicPageDeps {
  /** Published results, newest first. */
  published(limit: number): Promise<PublishedResult[]>;
  /** Executed draws with their public record (the secret is revealed once executed). */
  draws(limit: number): Promise<PublicDraw[]>;
  drawExport(id: number): Promise<DrawExport | undefined>;
}
