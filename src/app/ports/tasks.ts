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
  status: 'pending' | 'confirmed' | 'recused' | 'released';
  replacementNo: number;
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
  status: 'assigned' | 'inspected' | 'published' | 'cancelled';
  windowFrom: IsoDate;
  windowTo: IsoDate;
  resultDate: IsoDate | null;
  publicationDue: IsoDate | null;
  publicationDueProvisional: boolean;
  publishedAt: Date | null;
  /** The officer who marked the result published (谁公开). */
  publishedBy: number | null;
  /** The 公示系统 record number or note given when it was marked published. */
  publicationRef: string | null;
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
  published(agencyId: number | null, limit: number): Promise<Array<TaskRow & { findings: FindingsRow | undefined }>>;
}
