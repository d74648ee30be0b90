import { expect, it } from 'vitest';
import { errorText } from '../../src/cli/error-text';
import { loadConfig } from '../../src/config';
import { DataDirLockedError } from '../../src/db/data-dir-lock';

it('explains in Chinese the failures the operator can fix', () => {
  let configError: unknown;
  try {
    loadConfig({ FEISHU_APP_ID: 'cli_x' });
  } catch (error) {
    configError = error;
  }
  expect(errorText(configError)).toMatch(/^环境变量设置有误，请修改后重试：\n {2}- FEISHU_APP_ID/);
  expect(errorText(new DataDirLockedError('/srv/data', 4242, '2026-03-02T01:30:00Z'))).toBe(
    '数据目录 /srv/data 正被另一个进程使用（进程号 4242，启动于 2026-03-02T01:30:00Z）。两个进程同时使用同一个 PGlite 数据目录会丢失数据：请先停止该进程（例如正在运行的 npm start），或用 DATA_DIR 指定另一个目录。',
  );
  expect(errorText(new Error('connect ECONNREFUSED 127.0.0.1:5432'))).toBe('出错了，操作未完成：connect ECONNREFUSED 127.0.0.1:5432');
});

it('names the cause under a wrapping error, e.g. the refused connection under a failed query', () => {
  const failed = new Error('Failed query: CREATE SCHEMA IF NOT EXISTS "drizzle"\nparams: ', { cause: new Error('connect ECONNREFUSED 127.0.0.1:5432') });
  expect(errorText(failed)).toBe('出错了，操作未完成：Failed query: CREATE SCHEMA IF NOT EXISTS "drizzle"\n  原因：connect ECONNREFUSED 127.0.0.1:5432');
});
