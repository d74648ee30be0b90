import { describe, expect, it } from 'vitest';
import type { Enterprise, Officer } from '../../../src/domain/model';
import { diffRegister, ENTERPRISE_REGISTER, OFFICER_REGISTER, registerFingerprint } from '../../../src/domain/registers';

const e = (uscc: string, over: Partial<Enterprise> = {}): Enterprise => ({
  uscc,
  name: `企业${uscc}`,
  industry: '机械',
  township: '岳滩镇',
  riskLevel: '一般',
  status: '在营',
  keySupervision: false,
  ...over,
});

describe('what an import of the enterprise directory changes', () => {
  const current = [e('A'), e('B'), e('C'), e('D', { status: '移出名录' }), e('E', { address: '一号' })];

  it('sorts the file into added, updated (with each change), unchanged, and no longer listed', () => {
    const file = [e('A'), e('B', { name: '新名字', riskLevel: '高' }), e('D'), e('E'), e('F')];
    const diff = diffRegister(current, file, ENTERPRISE_REGISTER, true);
    expect(diff.added.map((x) => x.uscc)).toEqual(['F']);
    expect(diff.updated.map((u) => [u.after.uscc, u.changes])).toEqual([
      ['B', ['企业名称：企业B → 新名字', '风险等级：一般 → 高']],
      ['D', ['状态：移出名录 → 在营']],
      ['E', ['地址：一号 → （空）']],
    ]);
    expect(diff.unchanged).toBe(1);
    // C is missing: marked, never dropped; D was already 移出名录 and is listed again.
    expect(diff.delisted).toEqual([e('C', { status: '移出名录' })]);
  });

  it('leaves missing rows alone when the import is not full', () => {
    expect(diffRegister(current, [e('A')], ENTERPRISE_REGISTER, false).delisted).toEqual([]);
  });

  it('fingerprints the content whatever the order, and sees any change', () => {
    const fp = registerFingerprint(current, ENTERPRISE_REGISTER);
    expect(registerFingerprint([...current].reverse(), ENTERPRISE_REGISTER)).toBe(fp);
    expect(registerFingerprint([...current.slice(1), e('A', { phone: '1' })], ENTERPRISE_REGISTER)).not.toBe(fp);
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('what an import of the officer roster changes', () => {
  const o = (cert: string, over: Partial<Officer> = {}): Officer => ({
    certificateNo: cert,
    name: `人${cert}`,
    unit: '法规科',
    certificateValidUntil: '2030-12-31',
    expertise: ['机械'],
    onDuty: true,
    conflicts: [],
    ...over,
  });

  it('marks an officer the roster no longer lists as off duty, and compares lists in order', () => {
    const diff = diffRegister([o('1'), o('2'), o('3', { onDuty: false })], [o('1', { expertise: ['机械', '建材'] })], OFFICER_REGISTER, true);
    expect(diff.updated[0]?.changes).toEqual(['擅长行业：机械 → 机械、建材']);
    expect(diff.delisted).toEqual([o('2', { onDuty: false })]);
  });
});
