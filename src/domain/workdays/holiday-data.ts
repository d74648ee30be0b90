/**
 * Built-in State Council holiday schedules (全国放假调休安排), 2023–2026.
 *
 * Legal basis: 国务院《全国年节及纪念日放假办法》 (revised 2024-11, effective 2025-01-01) fixes the
 * statutory holidays; each year 国务院办公厅 publishes a notice (《关于YYYY年部分节假日安排的通知》)
 * that turns them into concrete days off (放假, often 放假调休) and weekend working days (调休上班).
 *
 * This is data, not code: a new year is added by appending one entry here (or, at run time, by an
 * administrator's override file, see `holiday-file.ts`). Every day off is listed one by one,
 * including the Saturdays and Sundays inside a block (`weekend: true`); `workdays` lists the
 * 调休 Saturdays/Sundays that are working days. The weekday comment on each line was computed,
 * and `test/domain/workdays/holiday-data.test.ts` checks both the flags and the counts against
 * the notices (shared/research/domain-rules.md §6).
 *
 * A notice may list days of the previous December (元旦 blocks cross the year: 2022-12-31 is in
 * the 2023 notice, 2023-12-30/31 in the 2024 notice). Such days are known, but only the notice's
 * own `year` becomes a loaded year: 2022 is "no schedule".
 */
import type { IsoDate } from '../model';

/** One day off of a notice. */
export interface ScheduledHoliday {
  date: IsoDate;
  /** Holiday name as the notice writes it, e.g. 春节, 中秋节、国庆节. */
  name: string;
  /** True when the day is a Saturday or Sunday that falls inside the block. */
  weekend: boolean;
}

/** One 调休 working day (always a Saturday or Sunday). */
export interface ScheduledWorkday {
  date: IsoDate;
  name: string;
}

/** A year's schedule as published by 国务院办公厅. */
export interface YearSchedule {
  year: number;
  /** Document number (文号) of the notice, the source of the entry. */
  notice: string;
  title: string;
  /** Date the notice was issued. */
  published: IsoDate;
  holidays: readonly ScheduledHoliday[];
  workdays: readonly ScheduledWorkday[];
}

export const BUILT_IN_SCHEDULES: readonly YearSchedule[] = [
  /**
   * 国务院办公厅关于2023年部分节假日安排的通知, 国办发明电〔2022〕16号, 2022-12-08.
   * 元旦 2022-12-31 至 2023-01-02 starts in 2022: 2022-12-31 (Sat) is listed here, but 2022 itself is not a loaded year.
   */
  {
    year: 2023,
    notice: '国办发明电〔2022〕16号',
    title: '国务院办公厅关于2023年部分节假日安排的通知',
    published: '2022-12-08',
    holidays: [
      { date: '2022-12-31', name: '元旦', weekend: true }, // 星期六
      { date: '2023-01-01', name: '元旦', weekend: true }, // 星期日
      { date: '2023-01-02', name: '元旦', weekend: false }, // 星期一
      { date: '2023-01-21', name: '春节', weekend: true }, // 星期六
      { date: '2023-01-22', name: '春节', weekend: true }, // 星期日
      { date: '2023-01-23', name: '春节', weekend: false }, // 星期一
      { date: '2023-01-24', name: '春节', weekend: false }, // 星期二
      { date: '2023-01-25', name: '春节', weekend: false }, // 星期三
      { date: '2023-01-26', name: '春节', weekend: false }, // 星期四
      { date: '2023-01-27', name: '春节', weekend: false }, // 星期五
      { date: '2023-04-05', name: '清明节', weekend: false }, // 星期三
      { date: '2023-04-29', name: '劳动节', weekend: true }, // 星期六
      { date: '2023-04-30', name: '劳动节', weekend: true }, // 星期日
      { date: '2023-05-01', name: '劳动节', weekend: false }, // 星期一
      { date: '2023-05-02', name: '劳动节', weekend: false }, // 星期二
      { date: '2023-05-03', name: '劳动节', weekend: false }, // 星期三
      { date: '2023-06-22', name: '端午节', weekend: false }, // 星期四
      { date: '2023-06-23', name: '端午节', weekend: false }, // 星期五
      { date: '2023-06-24', name: '端午节', weekend: true }, // 星期六
      { date: '2023-09-29', name: '中秋节、国庆节', weekend: false }, // 星期五
      { date: '2023-09-30', name: '中秋节、国庆节', weekend: true }, // 星期六
      { date: '2023-10-01', name: '中秋节、国庆节', weekend: true }, // 星期日
      { date: '2023-10-02', name: '中秋节、国庆节', weekend: false }, // 星期一
      { date: '2023-10-03', name: '中秋节、国庆节', weekend: false }, // 星期二
      { date: '2023-10-04', name: '中秋节、国庆节', weekend: false }, // 星期三
      { date: '2023-10-05', name: '中秋节、国庆节', weekend: false }, // 星期四
      { date: '2023-10-06', name: '中秋节、国庆节', weekend: false }, // 星期五
    ],
    workdays: [
      { date: '2023-01-28', name: '春节调休上班' }, // 星期六
      { date: '2023-01-29', name: '春节调休上班' }, // 星期日
      { date: '2023-04-23', name: '劳动节调休上班' }, // 星期日
      { date: '2023-05-06', name: '劳动节调休上班' }, // 星期六
      { date: '2023-06-25', name: '端午节调休上班' }, // 星期日
      { date: '2023-10-07', name: '中秋节、国庆节调休上班' }, // 星期六
      { date: '2023-10-08', name: '中秋节、国庆节调休上班' }, // 星期日
    ],
  },
  /**
   * 国务院办公厅关于2024年部分节假日安排的通知, 国办发明电〔2023〕7号, 2023-10-25.
   * 元旦: “1月1日放假，与周末连休” = 2023-12-30 (Sat) to 2024-01-01. 除夕 2024-02-09 (Fri) is NOT a day off (units were only “鼓励” to let staff rest), so it is a workday.
   */
  {
    year: 2024,
    notice: '国办发明电〔2023〕7号',
    title: '国务院办公厅关于2024年部分节假日安排的通知',
    published: '2023-10-25',
    holidays: [
      { date: '2023-12-30', name: '元旦', weekend: true }, // 星期六
      { date: '2023-12-31', name: '元旦', weekend: true }, // 星期日
      { date: '2024-01-01', name: '元旦', weekend: false }, // 星期一
      { date: '2024-02-10', name: '春节', weekend: true }, // 星期六
      { date: '2024-02-11', name: '春节', weekend: true }, // 星期日
      { date: '2024-02-12', name: '春节', weekend: false }, // 星期一
      { date: '2024-02-13', name: '春节', weekend: false }, // 星期二
      { date: '2024-02-14', name: '春节', weekend: false }, // 星期三
      { date: '2024-02-15', name: '春节', weekend: false }, // 星期四
      { date: '2024-02-16', name: '春节', weekend: false }, // 星期五
      { date: '2024-02-17', name: '春节', weekend: true }, // 星期六
      { date: '2024-04-04', name: '清明节', weekend: false }, // 星期四
      { date: '2024-04-05', name: '清明节', weekend: false }, // 星期五
      { date: '2024-04-06', name: '清明节', weekend: true }, // 星期六
      { date: '2024-05-01', name: '劳动节', weekend: false }, // 星期三
      { date: '2024-05-02', name: '劳动节', weekend: false }, // 星期四
      { date: '2024-05-03', name: '劳动节', weekend: false }, // 星期五
      { date: '2024-05-04', name: '劳动节', weekend: true }, // 星期六
      { date: '2024-05-05', name: '劳动节', weekend: true }, // 星期日
      { date: '2024-06-08', name: '端午节', weekend: true }, // 星期六
      { date: '2024-06-09', name: '端午节', weekend: true }, // 星期日
      { date: '2024-06-10', name: '端午节', weekend: false }, // 星期一
      { date: '2024-09-15', name: '中秋节', weekend: true }, // 星期日
      { date: '2024-09-16', name: '中秋节', weekend: false }, // 星期一
      { date: '2024-09-17', name: '中秋节', weekend: false }, // 星期二
      { date: '2024-10-01', name: '国庆节', weekend: false }, // 星期二
      { date: '2024-10-02', name: '国庆节', weekend: false }, // 星期三
      { date: '2024-10-03', name: '国庆节', weekend: false }, // 星期四
      { date: '2024-10-04', name: '国庆节', weekend: false }, // 星期五
      { date: '2024-10-05', name: '国庆节', weekend: true }, // 星期六
      { date: '2024-10-06', name: '国庆节', weekend: true }, // 星期日
      { date: '2024-10-07', name: '国庆节', weekend: false }, // 星期一
    ],
    workdays: [
      { date: '2024-02-04', name: '春节调休上班' }, // 星期日
      { date: '2024-02-18', name: '春节调休上班' }, // 星期日
      { date: '2024-04-07', name: '清明节调休上班' }, // 星期日
      { date: '2024-04-28', name: '劳动节调休上班' }, // 星期日
      { date: '2024-05-11', name: '劳动节调休上班' }, // 星期六
      { date: '2024-09-14', name: '中秋节调休上班' }, // 星期六
      { date: '2024-09-29', name: '国庆节调休上班' }, // 星期日
      { date: '2024-10-12', name: '国庆节调休上班' }, // 星期六
    ],
  },
  /**
   * 国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号, 2024-11-12.
   * First year under the 2024-11 revision of 《全国年节及纪念日放假办法》 (除夕 and one more 劳动节 day added). 元旦 1 day, no 调休.
   */
  {
    year: 2025,
    notice: '国办发明电〔2024〕12号',
    title: '国务院办公厅关于2025年部分节假日安排的通知',
    published: '2024-11-12',
    holidays: [
      { date: '2025-01-01', name: '元旦', weekend: false }, // 星期三
      { date: '2025-01-28', name: '春节', weekend: false }, // 星期二
      { date: '2025-01-29', name: '春节', weekend: false }, // 星期三
      { date: '2025-01-30', name: '春节', weekend: false }, // 星期四
      { date: '2025-01-31', name: '春节', weekend: false }, // 星期五
      { date: '2025-02-01', name: '春节', weekend: true }, // 星期六
      { date: '2025-02-02', name: '春节', weekend: true }, // 星期日
      { date: '2025-02-03', name: '春节', weekend: false }, // 星期一
      { date: '2025-02-04', name: '春节', weekend: false }, // 星期二
      { date: '2025-04-04', name: '清明节', weekend: false }, // 星期五
      { date: '2025-04-05', name: '清明节', weekend: true }, // 星期六
      { date: '2025-04-06', name: '清明节', weekend: true }, // 星期日
      { date: '2025-05-01', name: '劳动节', weekend: false }, // 星期四
      { date: '2025-05-02', name: '劳动节', weekend: false }, // 星期五
      { date: '2025-05-03', name: '劳动节', weekend: true }, // 星期六
      { date: '2025-05-04', name: '劳动节', weekend: true }, // 星期日
      { date: '2025-05-05', name: '劳动节', weekend: false }, // 星期一
      { date: '2025-05-31', name: '端午节', weekend: true }, // 星期六
      { date: '2025-06-01', name: '端午节', weekend: true }, // 星期日
      { date: '2025-06-02', name: '端午节', weekend: false }, // 星期一
      { date: '2025-10-01', name: '国庆节、中秋节', weekend: false }, // 星期三
      { date: '2025-10-02', name: '国庆节、中秋节', weekend: false }, // 星期四
      { date: '2025-10-03', name: '国庆节、中秋节', weekend: false }, // 星期五
      { date: '2025-10-04', name: '国庆节、中秋节', weekend: true }, // 星期六
      { date: '2025-10-05', name: '国庆节、中秋节', weekend: true }, // 星期日
      { date: '2025-10-06', name: '国庆节、中秋节', weekend: false }, // 星期一
      { date: '2025-10-07', name: '国庆节、中秋节', weekend: false }, // 星期二
      { date: '2025-10-08', name: '国庆节、中秋节', weekend: false }, // 星期三
    ],
    workdays: [
      { date: '2025-01-26', name: '春节调休上班' }, // 星期日
      { date: '2025-02-08', name: '春节调休上班' }, // 星期六
      { date: '2025-04-27', name: '劳动节调休上班' }, // 星期日
      { date: '2025-09-28', name: '国庆节、中秋节调休上班' }, // 星期日
      { date: '2025-10-11', name: '国庆节、中秋节调休上班' }, // 星期六
    ],
  },
  /**
   * 国务院办公厅关于2026年部分节假日安排的通知, 国务院办公厅 2025-11-04 通知（文号未在公开转载中见到）, 2025-11-04.
   * 春节 9 days, 腊月二十八 to 正月初七.
   */
  {
    year: 2026,
    notice: '国务院办公厅 2025-11-04 通知（文号未在公开转载中见到）',
    title: '国务院办公厅关于2026年部分节假日安排的通知',
    published: '2025-11-04',
    holidays: [
      { date: '2026-01-01', name: '元旦', weekend: false }, // 星期四
      { date: '2026-01-02', name: '元旦', weekend: false }, // 星期五
      { date: '2026-01-03', name: '元旦', weekend: true }, // 星期六
      { date: '2026-02-15', name: '春节', weekend: true }, // 星期日
      { date: '2026-02-16', name: '春节', weekend: false }, // 星期一
      { date: '2026-02-17', name: '春节', weekend: false }, // 星期二
      { date: '2026-02-18', name: '春节', weekend: false }, // 星期三
      { date: '2026-02-19', name: '春节', weekend: false }, // 星期四
      { date: '2026-02-20', name: '春节', weekend: false }, // 星期五
      { date: '2026-02-21', name: '春节', weekend: true }, // 星期六
      { date: '2026-02-22', name: '春节', weekend: true }, // 星期日
      { date: '2026-02-23', name: '春节', weekend: false }, // 星期一
      { date: '2026-04-04', name: '清明节', weekend: true }, // 星期六
      { date: '2026-04-05', name: '清明节', weekend: true }, // 星期日
      { date: '2026-04-06', name: '清明节', weekend: false }, // 星期一
      { date: '2026-05-01', name: '劳动节', weekend: false }, // 星期五
      { date: '2026-05-02', name: '劳动节', weekend: true }, // 星期六
      { date: '2026-05-03', name: '劳动节', weekend: true }, // 星期日
      { date: '2026-05-04', name: '劳动节', weekend: false }, // 星期一
      { date: '2026-05-05', name: '劳动节', weekend: false }, // 星期二
      { date: '2026-06-19', name: '端午节', weekend: false }, // 星期五
      { date: '2026-06-20', name: '端午节', weekend: true }, // 星期六
      { date: '2026-06-21', name: '端午节', weekend: true }, // 星期日
      { date: '2026-09-25', name: '中秋节', weekend: false }, // 星期五
      { date: '2026-09-26', name: '中秋节', weekend: true }, // 星期六
      { date: '2026-09-27', name: '中秋节', weekend: true }, // 星期日
      { date: '2026-10-01', name: '国庆节', weekend: false }, // 星期四
      { date: '2026-10-02', name: '国庆节', weekend: false }, // 星期五
      { date: '2026-10-03', name: '国庆节', weekend: true }, // 星期六
      { date: '2026-10-04', name: '国庆节', weekend: true }, // 星期日
      { date: '2026-10-05', name: '国庆节', weekend: false }, // 星期一
      { date: '2026-10-06', name: '国庆节', weekend: false }, // 星期二
      { date: '2026-10-07', name: '国庆节', weekend: false }, // 星期三
    ],
    workdays: [
      { date: '2026-01-04', name: '元旦调休上班' }, // 星期日
      { date: '2026-02-14', name: '春节调休上班' }, // 星期六
      { date: '2026-02-28', name: '春节调休上班' }, // 星期六
      { date: '2026-05-09', name: '劳动节调休上班' }, // 星期六
      { date: '2026-09-20', name: '国庆节调休上班' }, // 星期日
      { date: '2026-10-10', name: '国庆节调休上班' }, // 星期六
    ],
  },
];
