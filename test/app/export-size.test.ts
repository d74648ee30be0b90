/** An export too large for the platform is refused before anything is recorded, with what to do instead. */
import { describe, expect, it } from 'vitest';
import { fileBytes, SENDABLE_FILE_BYTES } from '../../src/app/ports/messenger';
import { oversizeFile } from '../../src/app/use-cases/export-year';

const fileOf = (name: string, bytes: number) => ({ name, mediaType: 'text/csv', base64: Buffer.alloc(bytes, 7).toString('base64') });

describe('the size of a file to send', () => {
  it('is read from its base64 without decoding, for every padding', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 1000, 1001, 1002]) expect(fileBytes(fileOf('a', n))).toBe(n);
  });

  it('refuses the first file over the limit, naming it, its size and the two ways out', () => {
    const files = [fileOf('甲.csv', 900), fileOf('乙.csv', 2 * 1048576 + 1), fileOf('丙.csv', 10)];
    expect(oversizeFile(files, 2 * 1048576)).toBe(
      '导出文件“乙.csv”有 2.0 MB，超过本平台单个文件 2.0 MB 的上限，未发送。请改用 /export 年份 csv 分表导出，或由管理员在服务器上运行 npm run cli -- export 年份 取得文件。',
    );
    expect(oversizeFile(files.slice(0, 1), 2 * 1048576)).toBeUndefined();
  });

  it('knows each platform’s limit: Feishu 30 MB, DingTalk 20 MB', () => {
    expect(SENDABLE_FILE_BYTES).toEqual({ feishu: 31457280, dingtalk: 20971520, local: 31457280 });
  });
});
