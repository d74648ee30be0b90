import { ConfigError } from '../config';
import { DataDirLockedError } from '../db/data-dir-lock';

/**
 * What the operator reads when a command fails for a reason other than a refusal: the two
 * failures of the environment he can fix (a bad setting, the PGlite folder held by the running
 * server) said in Chinese with the fix; anything else with its own message and its causes, which
 * name what went wrong (a refused connection, a failed query).
 */
export function errorText(error: unknown): string {
  if (error instanceof ConfigError) return `环境变量设置有误，请修改后重试：\n${error.issues.map((i) => `  - ${i}`).join('\n')}`;
  if (error instanceof DataDirLockedError)
    return (
      `数据目录 ${error.dataDir} 正被另一个进程使用（进程号 ${error.holderPid}，启动于 ${error.holderStartedAt}）。` +
      '两个进程同时使用同一个 PGlite 数据目录会丢失数据：请先停止该进程（例如正在运行的 npm start），或用 DATA_DIR 指定另一个目录。'
    );
  return `出错了，操作未完成：${[firstLine(error), ...causes(error)].join('\n  原因：')}`;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

/** The causes under a wrapper (drizzle's "Failed query: …" hides e.g. `connect ECONNREFUSED`). */
function causes(error: unknown): string[] {
  const out: string[] = [];
  for (let e = (error as { cause?: unknown }).cause; e !== undefined && out.length < 3; e = (e as { cause?: unknown }).cause) out.push(firstLine(e));
  return out;
}
