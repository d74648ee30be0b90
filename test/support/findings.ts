/** A findings form filled in as an officer would: every check item 符合, no hazard, signed. */
export function goodFindings(inspectionDate = '2026-03-02'): Record<string, string> {
  const items = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`item_CI${String(i + 1).padStart(2, '0')}`, '符合']));
  return {
    inspectionDate,
    ...items,
    hazards: '',
    majorHazard: '否',
    rectification: 'none',
    rectificationDue: '',
    resultCategory: 'no_problem',
    responsiblePerson: '王经理',
    refusedToSign: '否',
    notes: '',
  };
}
