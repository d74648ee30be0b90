import type { IsoDate } from '../../domain/model';
import type { ReminderTask } from '../../domain/reminders';
import type { Person, Role } from './directory';
import type { Platform } from './messenger';

/** A task for the reminders, with the platform of its draw (where its cards were sent). */
export interface ReminderTaskRow extends ReminderTask {
  platform: Platform;
  resultDate: IsoDate | null;
}

export type RecheckResult = 'rectified' | 'not_rectified';

/** Daily reminders, 复查 results and provisional deadlines (src/db/repos/reminder-repo.ts). */
export interface ReminderRepo {
  /** Tasks that may have something due: assigned or inspected, and published ones still awaiting a 复查. Filter by agency or by an officer of the task. */
  openTasks(filter: { agencyId?: number; personId?: number }): Promise<ReminderTaskRow[]>;
  /** People with one of the roles, in one agency or in all. */
  staff(roles: Role[], agencyId?: number): Promise<Person[]>;
  /** Every messenger account of each person. */
  accounts(personIds: number[]): Promise<Map<number, Array<{ platform: Platform; accountId: string }>>>;
  /** Inserts reminder keys (ON CONFLICT DO NOTHING); returns the id of each key that was new. */
  claim(rows: Array<{ key: string; day: IsoDate; recipient: string }>): Promise<Map<string, number>>;
  /** Inspected tasks whose publication deadline is provisional, with what recomputes it. */
  provisionalPublications(): Promise<Array<{ taskId: number; agencyId: number; resultDate: IsoDate; publicationDue: IsoDate }>>;
  /** Replaces a provisional publication deadline (only while the task is still inspected and provisional). */
  updatePublicationDue(taskId: number, due: IsoDate, provisional: boolean, at: Date): Promise<boolean>;
}
