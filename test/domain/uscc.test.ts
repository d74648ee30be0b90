import { describe, expect, it } from 'vitest';
import { describeUsccError, isValidUscc, USCC_CHARSET, usccCheckCharacter } from '../../src/domain/uscc';

describe('usccCheckCharacter', () => {
  it('computes the check character of commonly cited codes', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(usccCheckCharacter('91110000600037341')).toBe('L');
  });

  it('gives codes that validate, for several 偃师 prefixes', () => {
    for (const first17 of ['91410381MA44X5Y7X', '91410381MA9XKW0A1', '92410381MA3K7PQ2X', '12410381000000001', '914103817106812345'.slice(0, 17)]) {
      const code = first17 + usccCheckCharacter(first17);
      expect(code).toHaveLength(18);
      expect(isValidUscc(code), code).toBe(true);
    }
  });

  it('maps a sum divisible by 31 to 0', () => {
    expect(usccCheckCharacter('00000000000000000')).toBe('0');
  });

  it('refuses input of the wrong length or alphabet', () => {
    expect(() => usccCheckCharacter('9141038')).toThrow(RangeError);
    expect(() => usccCheckCharacter('91410381MA44X5Y7I')).toThrow(RangeError);
  });
});

describe('isValidUscc', () => {
  it('accepts known-valid codes', () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('91110000600037341L')).toBe(true);
  });

  it('detects every single-character substitution of a valid code', () => {
    const code = '91350100M000100Y43';
    for (let i = 0; i < 18; i++) {
      for (const ch of USCC_CHARSET) {
        if (ch === code[i]) continue;
        const changed = code.slice(0, i) + ch + code.slice(i + 1);
        expect(isValidUscc(changed), changed).toBe(false);
      }
    }
  });

  it('rejects lower case, spaces and wrong lengths', () => {
    expect(isValidUscc('91350100m000100y43')).toBe(false);
    expect(isValidUscc(' 91350100M000100Y43')).toBe(false);
    expect(isValidUscc('91350100M000100Y4')).toBe(false);
    expect(isValidUscc('')).toBe(false);
  });
});

describe('describeUsccError', () => {
  it('returns null for a valid code', () => {
    expect(describeUsccError('91350100M000100Y43')).toBeNull();
  });

  it('says the code is empty', () => {
    expect(describeUsccError('')).toBe('统一社会信用代码为空');
  });

  it('reports the length', () => {
    expect(describeUsccError('9141038171000')).toBe('应为 18 位，实际为 13 位');
    expect(describeUsccError('91350100M000100Y431')).toContain('实际为 19 位');
  });

  it('names each bad character with its position and a hint', () => {
    const msg = describeUsccError('91410381MO44X5Y7X3');
    expect(msg).toContain('第 10 位「O」不是合法字符');
    expect(msg).toContain('是否应为数字 0');
    expect(describeUsccError('91410381MA44X5Y7I3')).toContain('第 17 位「I」');
    expect(describeUsccError('91410381ma44x5y7x3')).toContain('字母应为大写');
    expect(describeUsccError('91410381 MA44X5Y7X')).toContain('第 9 位「空格」');
    expect(describeUsccError('９1350100M000100Y43')).toContain('半角');
  });

  it('reports both a bad character and a wrong length', () => {
    const msg = describeUsccError('91410381MA44X5Y7Z');
    expect(msg).toContain('第 17 位「Z」');
    expect(msg).toContain('实际为 17 位');
  });

  it('says what the check character should be', () => {
    const first17 = '91410381MA44X5Y7X';
    const right = usccCheckCharacter(first17);
    const wrong = right === '0' ? '1' : '0';
    expect(describeUsccError(first17 + wrong)).toBe(`校验位（第 18 位）应为 ${right}，实际为 ${wrong}，请核对代码是否抄错`);
    expect(describeUsccError('91350100M000100Y44')).toContain('校验位（第 18 位）应为 3');
  });

  it('recognises a code that Excel turned into scientific notation', () => {
    expect(describeUsccError('9.14104E+17')).toContain('科学计数法');
  });
});
