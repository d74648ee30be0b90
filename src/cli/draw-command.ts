import { writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { loadDrawExport } from '../app/draw-export';
import { verifyDrawExport } from '../domain/draw';
import { draws } from '../db/schema';
import { createDrizzleStore } from '../db/store';
import { systemClock } from '../app/ports/clock';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, readInputFile, type CliCommand, type CliIo } from './command';
import type { CliContext } from './commands';
import { simulateDraw } from './draw-simulate';

const USAGE = `Usage:
  npm run cli -- draw export <draw-no> [--out <file>|-]   write the draw's public record (pools, hashes, parameters, commitment, secret, result)
  npm run cli -- draw verify <file.json>                  recompute a record from the file alone (no database): prints OK, or the first difference
  npm run cli -- draw simulate --enterprises <file> --officers <file> --count <N> [--group-size <K>] [--industries 冶金,建材]
                               [--seed <64 hex>] [--from YYYY-MM-DD --to YYYY-MM-DD] --json
                                                          run the pure draw on CSV/XLSX files without a database`;

function safeFileName(drawNo: string): string {
  return `draw-${drawNo.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '')}.json`;
}

async function exportDraw(args: string[], io: CliIo, ctx: CliContext): Promise<number> {
  const drawNo = args[0];
  const outIndex = args.indexOf('--out');
  if (!drawNo || drawNo.startsWith('--') || (outIndex >= 0 && !args[outIndex + 1])) {
    io.err(USAGE);
    return EXIT_USAGE;
  }
  const database = await ctx.openDatabase();
  const found = await database.db.select({ id: draws.id, agencyId: draws.agencyId }).from(draws).where(eq(draws.drawNo, drawNo));
  if (found.length === 0) {
    io.err(`找不到抽取编号“${drawNo}”。编号形如：偃应急抽〔2026〕1号`);
    return EXIT_FAILURE;
  }
  const store = createDrizzleStore(database.db, systemClock);
  const doc = await store.transaction(async (repos) => {
    const draw = await repos.draws.byId(found[0]!.agencyId, found[0]!.id);
    return draw ? loadDrawExport(repos, draw) : undefined;
  });
  if (!doc) {
    io.err(`抽取“${drawNo}”尚未执行（或已放弃），没有秘密值和结果可以导出。`);
    return EXIT_FAILURE;
  }
  const out = outIndex >= 0 ? args[outIndex + 1]! : safeFileName(drawNo);
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
  summary: 'draws: export a record, verify a record, simulate a draw on files',
  usage: USAGE,
  async run(args, io, ctx) {
    const [sub, ...rest] = args;
    if (sub === 'export') return exportDraw(rest, io, ctx);
    if (sub === 'verify') return verifyFile(rest, io);
    if (sub === 'simulate') return simulateDraw(rest, io, () => new Uint8Array(randomBytes(32)), systemClock.now());
    io.err(USAGE);
    return EXIT_USAGE;
  },
};
