import type { PlanContent, TaskTally } from '../../domain/plan';

/** A stored plan (年度抽查计划). */
export interface PlanRow extends PlanContent {
  id: number;
  agencyId: number;
  /** The plan a draw of its year goes to when the draw names none (one per agency and year). */
  isDefault: boolean;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The annual plans of the agencies, and the tallies of their draws' tasks. */
export interface PlanRepo {
  /** Stores a new plan; with `isDefault` it must be the only default of its year (the caller clears the old one first). */
  insert(row: PlanContent & { agencyId: number; isDefault: boolean; createdBy: string }): Promise<PlanRow>;
  /** Replaces a plan's content; undefined when there is no such plan of the agency. */
  update(agencyId: number, id: number, content: PlanContent, at: Date): Promise<PlanRow | undefined>;
  byId(agencyId: number, id: number): Promise<PlanRow | undefined>;
  byDocNo(agencyId: number, docNo: string): Promise<PlanRow | undefined>;
  defaultOf(agencyId: number, year: number): Promise<PlanRow | undefined>;
  /** Every plan of the agency, newest year first, then by id. */
  list(agencyId: number): Promise<PlanRow[]>;
  /** Makes `id` the default of its year and the year's other plans not (one statement each, in this transaction). */
  setDefault(agencyId: number, id: number, at: Date): Promise<void>;
  /** Locks the plan's row until the transaction ends (an edit and a draw of the plan line up). */
  lock(id: number): Promise<void>;
  /** The tasks of the plan's executed draws, cancelled ones left out, counted by batch, industry and status. */
  tallies(planId: number): Promise<TaskTally[]>;
  /** How many draws (any status) belong to the plan. */
  drawCount(planId: number): Promise<number>;
  /** The eligible enterprises per industry frozen once the plan's year was over, if they were. */
  eligibleAtYearEnd(planId: number): Promise<Record<string, number> | undefined>;
  /** Freezes them (once: a plan already frozen keeps its counts). */
  freezeEligible(planId: number, counts: Record<string, number>): Promise<void>;
}
