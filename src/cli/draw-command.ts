import { writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { loadDrawExport } from '../app/draw-export';
import { verifyDrawExport } from '../domain/draw';
import { parseDrawRef, resolveDrawRef } from '../domain/draw/draw-number';
import { resolveAgencyId } from './agency-option';
import { cliStore } from './cli-store';
import { systemClock } from '../app/ports/clock';
import { shanghaiDate } from '../domain/workdays';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, readInputFile, type CliCommand, type CliIo } from './command';
import type { CliContext } from './commands';
import { simulateDraw } from './draw-simulate';

const USAGE = `用法：
  draw export <抽取编号> [--agency <编号>] [--out <文件>|-]
        导出抽取的公开记录（名单池、哈希、参数、承诺、秘密值、结果）；默认写入 draw-<编号>.json，- 表示输出到屏幕
  draw verify <记录文件.json>
        仅凭文件重新计算并核对记录（不需要数据库）：一致时输出 OK，否则输出第一处不一致
  draw simulate --enterprises <文件> --officers <文件> --count <家数> [--group-size <每组人数>] [--industries 冶金,建材]
                [--seed <64 位十六进制>] [--from YYYY-MM-DD --to YYYY-MM-DD] [--json]
        用 CSV/XLSX 名录文件试算一次抽取（不需要数据库），输出 JSON`;

function safeFileName(drawNo: string): string {
  return `draw-${drawNo.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '')}.json`;
}

async function exportDraw(args: string[], io: CliIo, ctx: CliContext): Promise<number> {
  const drawNo = args[0];
  const outIndex = args.indexOf('--out');
  if (!drawNo || drawNo.startsWith('--') || (outIndex >= 0 && !args[outIndex + 1])) {
    io.err(
      drawNo && !drawNo.startsWith('--') ? '--out 缺少文件名（或用 - 输出到屏幕）。' : 'draw export 需要抽取编号，例如：draw export "偃应急抽〔2026〕1号"',
    );
    io.err(USAGE);
    return EXIT_USAGE;
  }
  const agencyIndex = args.indexOf('--agency');
  const agencyId = await resolveAgencyId(ctx, io, agencyIndex >= 0 ? args[agencyIndex + 1] : undefined);
  if (agencyId === undefined) return EXIT_FAILURE;
  const store = await cliStore(ctx);
  const found = await store.transaction(async (repos) => {
    // The number as people write it (any brackets, 2026-3, or 3 for this year), in the chosen agency.
    const ref = parseDrawRef(drawNo);
    const agency = await repos.directory.agency(agencyId);
    const resolved = ref && agency ? resolveDrawRef(ref, agency.shortName, Number(shanghaiDate(systemClock.now()).slice(0, 4))) : undefined;
    const draw = resolved && 'drawNo' in resolved ? await repos.draws.byNo(agencyId, resolved.drawNo) : undefined;
    return draw && { draw, doc: await loadDrawExport(repos, draw) };
  });
  if (!found) {
    io.err(`找不到抽取编号“${drawNo}”。编号形如：偃应急抽〔2026〕1号、2026-1`);
    return EXIT_FAILURE;
  }
  const { doc } = found;
  if (!doc) {
    io.err(`抽取“${drawNo}”尚未执行（或已放弃），没有秘密值和结果可以导出。`);
    return EXIT_FAILURE;
  }
  const out = outIndex >= 0 ? args[outIndex + 1]! : safeFileName(found.draw.drawNo);
  const text = `${JSON.stringify(doc, null, 1)}\n`;
  if (out === '-') io.out(text.trimEnd());
  else {
    writeFileSync(out, text);
    io.out(out);
  }
  return EXIT_OK;
}

function verifyFile(args: string[], io: CliIo): number {
  if (args.length !== 1) {
    io.err('draw verify 需要一个记录文件。');
    io.err(USAGE);
    return EXIT_USAGE;
  }
  const data = readInputFile(args[0]!, io);
  if (data === undefined) return EXIT_FAILURE;
  const result = verifyDrawExport(data.toString('utf8'));
  if (result.ok) {
    io.out('OK');
    return EXIT_OK;
  }
  io.out(result.difference);
  return EXIT_FAILURE;
}

export const drawCommand: CliCommand<CliContext> = {
  name: 'draw',
  summary: '抽取：导出记录（export）、核对记录（verify）、用文件试算（simulate）',
  usage: USAGE,
  async run(args, io, ctx) {
    const [sub, ...rest] = args;
    if (sub === 'export') return exportDraw(rest, io, ctx);
    if (sub === 'verify') return verifyFile(rest, io);
    if (sub === 'simulate') return simulateDraw(rest, io, () => new Uint8Array(randomBytes(32)), systemClock.now());
    io.err(sub === undefined ? '缺少子命令。' : `未知的子命令“${sub}”。`);
    io.err(USAGE);
    return EXIT_USAGE;
  },
};
