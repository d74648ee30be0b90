import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { documentsOf, loadDocumentRecord } from '../app/documents/load-record';
import { parseDrawRef } from '../domain/draw/draw-number';
import { renderDocx } from '../print/docx-render';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand } from './command';
import type { CliContext } from './commands';
import { cliStore } from './cli-store';
import { parseFlags } from './flags';

const USAGE = [
  '用法：npm run cli -- docs <任务编号> [--out 文件夹]',
  '      npm run cli -- docs <抽取编号> <组号> [--out 文件夹]',
  '  从已保存的检查记录生成执法文书（.docx）：现场检查记录；有限期整改的隐患时另有责令限期整改指令书；每次复查一份整改复查意见书。',
  '  例：npm run cli -- docs 12 --out ./文书    npm run cli -- docs 偃应急抽〔2026〕3号 2',
].join('\n');

/** `docs`: a task's 执法文书 written to a folder, from the stored record alone (read-only). */
export const docsCommand: CliCommand<CliContext> = {
  name: 'docs',
  summary: '执法文书：从检查记录生成 .docx（docs <任务编号>）',
  usage: USAGE,
  async run(args, io, ctx) {
    const parsed = parseFlags(args, ['out']);
    if (!parsed.ok || parsed.positional.length < 1 || parsed.positional.length > 2) {
      io.err(parsed.ok ? '请给出任务编号，或抽取编号和组号。' : parsed.error);
      io.err(USAGE);
      return EXIT_USAGE;
    }
    const store = await cliStore(ctx);
    const [first, second] = parsed.positional as [string, string | undefined];
    const found = await store.transaction(async (repos) => {
      let taskId: number | undefined;
      if (second === undefined) {
        if (!/^\d{1,9}$/.test(first)) return { error: `“${first}”不是任务编号（应为数字）；按抽取编号查找时请同时给出组号。` };
        taskId = Number(first);
      } else {
        const ref = parseDrawRef(first);
        const group = Number(second.replace(/^第|组$/g, ''));
        if (!ref?.year || !Number.isInteger(group) || group < 1)
          return { error: `无法识别“${first} ${second}”：请写完整的抽取编号和组号，如 偃应急抽〔2026〕3号 2。` };
        for (const agency of await repos.directory.agencies()) {
          const draw = await repos.draws.byNo(agency.id, `${agency.shortName}抽〔${ref.year}〕${ref.seq}号`);
          const task = draw ? (await repos.tasks.ofDraw(draw.id)).find((t) => t.ordinal === group - 1) : undefined;
          if (task) taskId = task.id;
        }
        if (taskId === undefined) return { error: `找不到 ${first} 第 ${group} 组。` };
      }
      const rec = await loadDocumentRecord(repos, taskId);
      return rec ? { rec } : { error: `任务 ${taskId} 不存在或尚未提交检查结果，暂无执法文书。` };
    });
    if ('error' in found) {
      io.err(found.error ?? '');
      return EXIT_FAILURE;
    }
    const out = resolve(parsed.flags['out'] ?? '.');
    mkdirSync(out, { recursive: true });
    for (const view of documentsOf(found.rec)) {
      const path = join(out, view.fileName);
      writeFileSync(path, await renderDocx(view));
      io.out(`已生成 ${view.fileName.replace(/-.*$/, '')}（${view.number}）：${path}`);
    }
    return EXIT_OK;
  },
};
