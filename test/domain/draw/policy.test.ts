import { describe, expect, it } from 'vitest';
import { checkGroupSize, checkInspectionTeam, DEFAULT_POLICY, MIN_OFFICERS_PER_INSPECTION } from '../../../src/domain/draw';

describe('policy: the two-officer rule (行政处罚法 第四十二条)', () => {
  it('is two, and the default group is the smallest lawful one', () => {
    expect(MIN_OFFICERS_PER_INSPECTION).toBe(2);
    expect(DEFAULT_POLICY.groupSize).toBe(MIN_OFFICERS_PER_INSPECTION);
  });

  it('refuses a draw policy with groups of one', () => {
    expect(checkGroupSize(2)).toBeNull();
    expect(checkGroupSize(1)).toEqual({
      ok: false,
      code: 'group-too-small',
      reason: '每组执法人员不得少于 2 人（行政处罚法 第四十二条；河南省行政执法条例 第二十四条），当前设置为 1 人',
    });
    expect(checkGroupSize(2.5)).toMatchObject({ ok: false, code: 'invalid-policy' });
  });

  it('refuses findings until two officers of the group have confirmed, naming who has not', () => {
    expect(checkInspectionTeam(2, [])).toBeNull();
    expect(checkInspectionTeam(1, ['王五'])).toBe('检查须由至少 2 名执法人员实施（行政处罚法 第四十二条），目前只有 1 人确认，待确认：王五。');
    expect(checkInspectionTeam(1, [])).toBe('检查须由至少 2 名执法人员实施（行政处罚法 第四十二条），目前只有 1 人确认。');
  });
});
