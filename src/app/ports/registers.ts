import type { Enterprise, Officer } from '../../domain/model';

/** The two registers an administrator loads from a file. */
export type RegisterKind = 'enterprises' | 'officers';

/** The largest register file accepted (a directory of 100 000 enterprises is about 12 MB as CSV). */
export const MAX_REGISTER_FILE_BYTES = 20 * 1024 * 1024;

/** A register file read and checked: its register and rows, or every problem (row, column, value and reason). */
export type RegisterFileResult =
  | { ok: true; kind: 'enterprises'; rows: Enterprise[] }
  | { ok: true; kind: 'officers'; rows: Officer[] }
  | { ok: false; kind?: RegisterKind; errors: string[] };

export type PendingImportStatus = 'pending' | 'applied' | 'cancelled' | 'stale';

/** What a preview showed (kept, so that the card can be shown again in any later state). */
export interface ImportPreview {
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  delisted: number;
  /** A few lines of each kind of change, as shown. */
  examples: { added: string[]; updated: string[]; delisted: string[] };
}

export interface PendingImportRow {
  id: number;
  agencyId: number;
  key: string;
  register: RegisterKind;
  fileName: string;
  preview: ImportPreview;
  baseline: string;
  full: boolean;
  status: PendingImportStatus;
  createdBy: number;
  createdAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
}

/** The rows to write: new and changed rows in full, and the keys of the rows no longer listed. */
export interface RegisterChange<T> {
  upsert: readonly T[];
  /** USCCs (enterprises: marked 移出名录) or certificate numbers (officers: marked 不在岗). */
  delist: readonly string[];
}

/** The registers as imports read and write them, and the imports waiting for 确认导入. */
export interface RegisterRepo {
  /** Every enterprise of the agency's directory, every column an import compares. */
  enterprises(agencyId: number): Promise<Enterprise[]>;
  /** The agency's officers with a certificate number (the roster), with a certificate date or ''. */
  officers(agencyId: number): Promise<Officer[]>;
  /** Writes an enterprise import: upserts by USCC (updatedAt = at), marks `delist` 移出名录. Never deletes. */
  applyEnterprises(agencyId: number, change: RegisterChange<Enterprise>, at: Date): Promise<void>;
  /** Writes an officer import: upserts by certificate number (new ones as officers), marks `delist` 不在岗. */
  applyOfficers(agencyId: number, change: RegisterChange<Officer>, at: Date): Promise<void>;
  insertPending(row: Omit<PendingImportRow, 'id' | 'status' | 'createdAt' | 'endedAt'> & { rows: unknown[] }): Promise<PendingImportRow>;
  pending(agencyId: number, id: number): Promise<PendingImportRow | undefined>;
  /**
   * The import with its rows (empty once it has ended), its row locked until the transaction
   * ends: a second click waits for the first one's transaction and then sees what it left.
   */
  lockPending(agencyId: number, id: number): Promise<(PendingImportRow & { rows: unknown[] }) | undefined>;
  /**
   * Ends a pending import: `pending` → `to`, and drops its rows. False when it was not pending
   * (nothing changed).
   */
  endPending(id: number, to: Exclude<PendingImportStatus, 'pending'>, by: number | null, at: Date): Promise<boolean>;
}
