import { describe, expect, it } from 'vitest';
import { checkRecordNumber } from '../../../src/domain/publication/record-number';

describe('国家企业信用信息公示系统 record number (loose check)', () => {
  it.each([
    ['豫应急抽查〔2026〕3号', '豫应急抽查〔2026〕3号'],
    ['浙工商抽查[2017]1号', '浙工商抽查[2017]1号'],
    ['410381202603000123', '410381202603000123'],
    ['豫公示-2026-001', '豫公示-2026-001'],
    ['  ＧＳ２０２６/０００１ ', 'GS2026/0001'],
  ])('accepts %s', (input, number) => {
    expect(checkRecordNumber(input)).toEqual({ ok: true, number });
  });

  it.each([
    ['', /请填写/],
    ['   ', /请填写/],
    ['无', /长度为 1 个字符/],
    ['已在系统公示', /数字不足 4 位/],
    ['2026 3', /不能有空格/],
    ['abc;1234', /不允许的字符/],
    ['1'.repeat(65), /长度为 65 个字符/],
  ])('refuses %j, saying the expected shape', (input, why) => {
    const check = checkRecordNumber(input);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.reason).toMatch(why);
      expect(check.reason).toContain('例如“豫应急抽查〔2026〕3号”');
    }
  });
});
