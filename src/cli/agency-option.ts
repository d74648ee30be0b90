import { cliStore } from './cli-store';
import type { CliIo } from './command';
import type { CliContext } from './commands';

/**
 * The agency a CLI command acts on: `--agency <n>` when given, else the only one there is.
 * Prints why (in Chinese) and returns undefined when it cannot tell.
 */
export async function resolveAgencyId(ctx: CliContext, io: CliIo, given: string | undefined): Promise<number | undefined> {
  const all = await (await cliStore(ctx)).transaction((repos) => repos.directory.agencies());
  const list = () => all.map((a) => `${a.id} ${a.name}`).join('；') || '无';
  if (given !== undefined) {
    const found = all.find((a) => String(a.id) === given);
    if (!found) io.err(`没有编号为 ${given} 的单位。现有：${list()}`);
    return found?.id;
  }
  if (all.length === 1) return all[0]!.id;
  io.err(
    all.length === 0
      ? '数据库中还没有单位，请先运行：npm run cli -- directory agency --name 偃师区应急管理局 --short 偃应急'
      : `有 ${all.length} 个单位，请用 --agency 指定：${list()}`,
  );
  return undefined;
}
