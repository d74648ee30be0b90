import type { Enterprise } from '../../domain/model';
import type { RecheckRow } from './records';
import type { RecheckResult } from './reminders';
import type { FindingsRow, TaskRow } from './tasks';

/** Findings with their 复查 (re-check) result. */
export interface ReportFindings extends FindingsRow {
  recheckResult: RecheckResult | null;
  recheckedAt: Date | null;
}

/** A task of the year with its officers and findings, for the statistics and the export. */
export interface ReportTask extends TaskRow {
  findings: ReportFindings | null;
  /** Its 复查 rounds, oldest first. */
  rechecks: RecheckRow[];
  /** How many photos and files are attached to it as evidence. */
  evidenceCount: number;
}

/**
 * What the statistics (`/stats`) and the export (`/export`, `npm run cli -- export`) read: a
 * year's tasks in full, and the enterprise directory. Internal: leaders and administrators only.
 */
export interface ReportRepo {
  /** The tasks of the agency's draws of `year` (cancelled ones too), with officers, findings, 复查 rounds and evidence count, by draw and ordinal. */
  tasksOfYear(agencyId: number, year: number): Promise<ReportTask[]>;
  /** The agency's enterprise directory, by USCC. */
  enterprises(agencyId: number): Promise<Enterprise[]>;
  /** Years with draws of the agency, newest first. */
  years(agencyId: number): Promise<number[]>;
}
