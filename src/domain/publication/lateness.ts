import type { IsoDate } from '../model';
import type { WorkdayCalendar } from '../workdays';

/**
 * Where a publication stands against its deadline (偃应急〔2023〕18号 §二(三): “自检查结果产生之日起
 * 5个工作日内 … 向社会公示”): on time, or late by the working days in (deadline, published]. A
 * publication on a day off right after the deadline is late too, by 0 working days.
 */
export interface PublicationTiming {
  late: boolean;
  /** Working days after the deadline; 0 when on time. */
  workdaysOver: number;
  /** The count looked at a year without a holiday schedule. */
  provisional: boolean;
}

export function publicationTiming(due: IsoDate, publishedOn: IsoDate, calendar: WorkdayCalendar): PublicationTiming {
  if (publishedOn <= due) return { late: false, workdaysOver: 0, provisional: false };
  const over = calendar.workdaysBetween(due, publishedOn);
  return { late: true, workdaysOver: over.count, provisional: over.provisional };
}

/** “逾期 2 个工作日公示” / “按期公示”, for cards and the public page. */
export function timingText(lateWorkdays: number | null, late: boolean): string {
  if (!late) return '按期公示';
  return lateWorkdays && lateWorkdays > 0 ? `逾期 ${lateWorkdays} 个工作日公示` : '逾期公示（期限后的休息日）';
}
