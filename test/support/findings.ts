/**
 * Findings as an officer enters them, step by step (see src/app/views/findings-form.ts): the
 * check items, what was found for each 不符合, each hazard, and the conclusion.
 */
type Click = (
  as: string,
  messageId: string,
  action: string,
  payload: Record<string, string>,
  values?: Record<string, string>,
) => Promise<{ status: number; body: { ok?: boolean; toast?: { kind: string; text: string }; error?: string } }>;

export interface FindingsPlan {
  inspectionDate: string;
  /** item code → 符合 / 不符合 / 不涉及 (every check item). */
  items: Record<string, string>;
  /** item code → what was found, for the 不符合 items. */
  notes: Record<string, string>;
  /** Each hazard's form values: description, location, itemCode, level, rectification, due. */
  hazards: Array<Record<string, string>>;
  /** The conclusion form's values. */
  conclusion: Record<string, string>;
}

export const CHECK_ITEM_CODES = Array.from({ length: 10 }, (_, i) => `CI${String(i + 1).padStart(2, '0')}`);

/** Every check item 符合, no hazard, signed by the responsible person. */
export function goodFindings(inspectionDate = '2026-03-02'): FindingsPlan {
  return {
    inspectionDate,
    items: Object.fromEntries(CHECK_ITEM_CODES.map((c) => [c, '符合'])),
    notes: {},
    hazards: [],
    conclusion: {
      majorHazard: '否',
      resultCategory: 'no_problem',
      caseFiled: '否',
      caseNo: '',
      responsiblePerson: '王经理',
      refusedToSign: '否',
      refusalNote: '',
      notes: '',
    },
  };
}

/** One general hazard under CI03 to be rectified by `due`, and CI03 不符合. */
export function findingsWithDeadline(inspectionDate: string, due: string): FindingsPlan {
  const plan = goodFindings(inspectionDate);
  return {
    ...plan,
    items: { ...plan.items, CI03: '不符合' },
    notes: { CI03: '配电箱未接地' },
    hazards: [{ description: '配电箱未接地', location: '一号车间', itemCode: 'CI03', level: 'general', rectification: 'deadline', due }],
    conclusion: { ...plan.conclusion, resultCategory: 'pending', measure_remove: '否', measure_evacuate: '否', measure_suspend: '否' },
  };
}

/**
 * Walks the findings form on message `messageId` (opened by 填报检查结果) through its steps and
 * submits it; returns the answer to the first step that was refused, else to the submission.
 */
export async function fillFindings(click: Click, as: string, messageId: string, taskId: number | string, plan: FindingsPlan) {
  const r = await prepareFindings(click, as, messageId, taskId, plan);
  if (r.status !== 200 || r.body.toast?.kind === 'error') return r;
  return click(as, messageId, 'task.findings', { taskId: String(taskId) }, plan.conclusion);
}

/** The steps of {@link fillFindings} up to the conclusion card, not submitted; the answer to the last step. */
export async function prepareFindings(click: Click, as: string, messageId: string, taskId: number | string, plan: Omit<FindingsPlan, 'conclusion'>) {
  const payload = { taskId: String(taskId) };
  const items = Object.fromEntries(Object.entries(plan.items).map(([c, r]) => [`item_${c}`, r]));
  const failed = (r: Awaited<ReturnType<Click>>) => r.status !== 200 || r.body.toast?.kind === 'error';
  let r = await click(as, messageId, 'task.findings_items', payload, { inspectionDate: plan.inspectionDate, ...items });
  if (failed(r)) return r;
  if (Object.values(plan.items).includes('不符合')) {
    r = await click(as, messageId, 'task.findings_notes', payload, Object.fromEntries(Object.entries(plan.notes).map(([c, n]) => [`note_${c}`, n])));
    if (failed(r)) return r;
  }
  for (const h of plan.hazards) {
    r = await click(as, messageId, 'task.hazard_add', payload, h);
    if (failed(r)) return r;
  }
  return click(as, messageId, 'task.findings_step', { ...payload, step: 'conclusion' });
}
