import type { ValidFindings } from '../../domain/findings/types';
import type { RecheckResult } from './reminders';
import type { IsoDate } from '../../domain/model';

export interface TaskOfficerRow {
  id: number;
  taskId: number;
  personId: number;
  name: string;
  unit: string;
  certificateNo: string;
  /** `awaiting_recusal`: applied for 回避, not yet decided by the agency head. */
  status: 'pending' | 'confirmed' | 'awaiting_recusal' | 'recused' | 'released';
  replacementNo: number;
  /** Only on rows from before recusals were decided by the head; the reason now lives in the recusal (private). */
  recusalReason: string | null;
}

export interface TaskRow {
  id: number;
  agencyId: number;
  drawId: number;
  drawNo: string;
  ordinal: number;
  uscc: string;
  enterpriseName: string;
  industry: string;
  /** The enterprise's 乡镇/街道 when it was drawn ('' for tasks drawn before it was kept and not found since). */
  township: string;
  status: 'assigned' | 'inspected' | 'published' | 'cancelled';
  windowFrom: IsoDate;
  windowTo: IsoDate;
  resultDate: IsoDate | null;
  publicationDue: IsoDate | null;
  publicationDueProvisional: boolean;
  publishedAt: Date | null;
  /** The officer who marked the result published (谁公开). */
  publishedBy: number | null;
  /** The 国家企业信用信息公示系统 record number given when it was marked published. */
  publicationRef: string | null;
  /**
   * Set when published: working days between the deadline and the publication date (0 when on
   * time; a publication on a day off just after the deadline is late by 0: compare the dates).
   */
  publicationLateWorkdays: number | null;
  officers: TaskOfficerRow[];
}

/** A validated findings form (see validateFindings) for one task. */
export interface FindingsInput extends ValidFindings {
  taskId: number;
  submittedBy: number;
}

/** The findings as stored; hazards of the first format are read as entries (see readHazards). */
export interface FindingsRow extends FindingsInput {
  /** The latest 复查's outcome while no new 整改期限 awaits one (see RecordRepo.setRectificationState). */
  recheckResult: RecheckResult | null;
  recheckedAt: Date | null;
  createdAt: Date;
}

/** 检查任务 (one enterprise and its officers each), their state transitions and their findings. */
export interface TaskRepo {
  insertMany(
    drawId: number,
    agencyId: number,
    tasks: Array<{
      ordinal: number;
      uscc: string;
      enterpriseName: string;
      industry: string;
      /** Default ''. */
      township?: string;
      windowFrom: IsoDate;
      windowTo: IsoDate;
      officers: Array<{ personId: number; certificateNo: string }>;
    }>,
  ): Promise<number[]>;
  byId(id: number): Promise<TaskRow | undefined>;
  /**
   * Locks the task's row until the transaction ends. Take the draw's lock first (draws.lock), so
   * that every change of a draw or its tasks lines up in one order and none interleaves.
   */
  lock(id: number): Promise<void>;
  ofDraw(drawId: number): Promise<TaskRow[]>;
  ofPerson(personId: number, statuses: TaskRow['status'][]): Promise<TaskRow[]>;
  ofAgency(agencyId: number, statuses: TaskRow['status'][]): Promise<TaskRow[]>;
  transition(
    id: number,
    from: TaskRow['status'][],
    to: TaskRow['status'],
    fields: {
      resultDate?: IsoDate;
      publicationDue?: IsoDate;
      publicationDueProvisional?: boolean;
      publishedBy?: number;
      publishedAt?: Date;
      publicationRef?: string;
      publicationLateWorkdays?: number;
      at: Date;
    },
  ): Promise<boolean>;
  cancelOfDraw(drawId: number, at: Date): Promise<number>;
  setOfficerStatus(
    taskOfficerId: number,
    from: TaskOfficerRow['status'][],
    to: TaskOfficerRow['status'],
    fields: { recusalReason?: string; at: Date },
  ): Promise<boolean>;
  addOfficer(taskId: number, personId: number, certificateNo: string, replacementNo: number): Promise<void>;
  insertFindings(input: FindingsInput): Promise<boolean>;
  findings(taskId: number): Promise<FindingsRow | undefined>;
}
