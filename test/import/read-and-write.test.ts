import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, parseEnterpriseCsv, readCsvTable, writeCsv } from '../../src/import';
import { usccCheckCharacter } from '../../src/domain/uscc';

describe('writeCsv', () => {
  it('writes a BOM, CRLF line ends and quotes only where needed', () => {
    expect(writeCsv([['a', 'b,c', 'say "hi"', 'x\ny', ' pad', '']])).toBe('\ufeffa,"b,c","say ""hi""","x\ny"," pad",\r\n');
    expect(writeCsv([['a']], { bom: false })).toBe('a\r\n');
  });

  it('reads back what it writes', () => {
    const rows = [
      ['h1', 'h2'],
      ['逗号,在内', '引号"在内'],
      ['换行\r\n在内', ''],
    ];
    const read = readCsvTable(writeCsv(rows));
    expect(read.ok && read.tables[0]?.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['h1', 'h2'],
      ['逗号,在内', '引号"在内'],
      ['换行\r\n在内', ''],
    ]);
  });
});

describe('decodeCsvBytes', () => {
  it('strips a UTF-8 BOM', () => {
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('a');
  });

  it('reads UTF-16LE with BOM (Excel “Unicode 文本”)', () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x2c, 0x00, 0x2d, 0x4e]);
    expect(decodeCsvBytes(bytes)).toBe('a,中');
  });

  it('falls back to GB18030 for files Excel saved in the Windows code page', () => {
    // 行业 in GBK: D0 D0 D2 B5
    expect(decodeCsvBytes(new Uint8Array([0xd0, 0xd0, 0xd2, 0xb5]))).toBe('行业');
  });
});

describe('readCsvTable', () => {
  it('detects a tab-separated file', () => {
    const first17 = '91410381MA44X5Y7X';
    const uscc = first17 + usccCheckCharacter(first17);
    const result = parseEnterpriseCsv(`统一社会信用代码\t企业名称\t行业\t乡镇街道\n${uscc}\t偃师区示例甲有限公司\t机械\t山化镇\n`);
    expect(result.ok && result.rows[0]?.uscc).toBe(uscc);
  });
});
