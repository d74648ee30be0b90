/**
 * The shape of an inspection's findings (检查结果): a result per check item, the hazards found, each
 * its own entry, the measures ordered, and the enterprise's signature or its refusal. The minimum
 * record is that of 安全生产法 第六十八条 (time, place, content, problems found and their handling,
 * signed by the inspectors and the enterprise's responsible person, or the refusal recorded).
 */
import type { IsoDate } from '../model';

export const ITEM_RESULTS = ['符合', '不符合', '不涉及'] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];

/** 一般事故隐患 / 重大事故隐患 (工贸企业重大事故隐患判定标准, 应急管理部令第10号). */
export type HazardLevel = 'general' | 'major';
export const HAZARD_LEVEL_TEXT: Record<HazardLevel, string> = { general: '一般事故隐患', major: '重大事故隐患' };

/** 立即整改, or 限期整改 by a date. */
export type HazardRectification = 'immediate' | 'deadline';
export const HAZARD_RECTIFICATION_TEXT: Record<HazardRectification, string> = { immediate: '立即整改', deadline: '限期整改' };

/** One hazard found, as the officer entered it. `no` is its number in the record (1, 2, …). */
export interface Hazard {
  no: number;
  description: string;
  location: string;
  /** The check item it falls under (its code), or null when it falls under none. */
  itemCode: string | null;
  level: HazardLevel;
  rectification: HazardRectification;
  /** The 整改期限 of a 限期整改; null for 立即整改. */
  due: IsoDate | null;
}

/**
 * The measures 安全生产法 第六十五条第一款第三项 lets an inspector order on a hazard: 责令立即排除;
 * for a 重大事故隐患 that cannot be removed safely, 责令从危险区域内撤出作业人员 and 责令暂时停产停业或者
 * 停止使用相关设施、设备.
 */
export const MEASURES = [
  { code: 'remove', label: '责令立即排除' },
  { code: 'evacuate', label: '责令从危险区域内撤出作业人员' },
  { code: 'suspend', label: '责令暂时停产停业或者停止使用相关设施、设备' },
] as const;
export type Measure = (typeof MEASURES)[number]['code'];
export const measureLabel = (code: Measure): string => MEASURES.find((m) => m.code === code)!.label;

/** The task-level rectification the reminders and the 复查 follow: none, all 立即, or a dated one. */
export type Rectification = 'none' | 'immediate' | 'deadline';

export interface ValidFindings {
  inspectionDate: IsoDate;
  itemResults: Record<string, ItemResult>;
  /** What was found, for every item that is 不符合 (keyed by item code). */
  itemNotes: Record<string, string>;
  hazards: Hazard[];
  majorHazard: boolean;
  measures: Measure[];
  /** Derived from the hazards: `deadline` when any has a date, `immediate` when all are 立即, `none` without any. */
  rectification: Rectification;
  /** The latest 整改期限 of the hazards: the day from which the 复查 is due. */
  rectificationDue: IsoDate | null;
  resultCategory: string;
  /** 立案查处 chosen, with its case number (案件编号). */
  caseFiled: boolean;
  caseNo: string | null;
  responsiblePerson: string | null;
  refusedToSign: boolean;
  /** The inspectors' note of a refusal to sign (安全生产法 第六十八条: “将情况记录在案”). */
  refusalNote: string | null;
  notes: string | null;
}

/** What the steps of the findings form have collected so far (see src/app/views/findings-form.ts). */
export interface FindingsDraft {
  inspectionDate?: IsoDate;
  itemResults?: Record<string, ItemResult>;
  itemNotes?: Record<string, string>;
  hazards: Hazard[];
  /** The last values typed on the conclusion step, shown again when it comes back. */
  conclusion?: Record<string, string>;
}

export const EMPTY_DRAFT: FindingsDraft = { hazards: [] };

/**
 * Hazards as stored: the current shape, or the first one (`{ description, major }`, one line each,
 * the task's single rectification), which is read as entries with no location or check item.
 */
export function readHazards(raw: unknown, legacy: { rectification: string; rectificationDue: IsoDate | null }): Hazard[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((h: Record<string, unknown>, i): Hazard => {
    if (typeof h['level'] === 'string') return h as unknown as Hazard;
    const dated = legacy.rectification === 'deadline' && legacy.rectificationDue !== null;
    return {
      no: i + 1,
      description: String(h['description'] ?? ''),
      location: '',
      itemCode: null,
      level: h['major'] === true ? 'major' : 'general',
      rectification: dated ? 'deadline' : 'immediate',
      due: dated ? legacy.rectificationDue : null,
    };
  });
}
