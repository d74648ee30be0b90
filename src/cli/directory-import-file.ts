/**
 * `directory enterprises|officers <file>`: the register file read and checked as the chat does
 * (src/app/register-file.ts), compared with the register and written through the same core
 * (src/app/register-import.ts) in one transaction, as the CLI operator; progress on stderr.
 */
import { audit } from '../app/audit';
import type { RegisterKind } from '../app/ports/store';
import { readRegisterFile } from '../import/register-file';
import { importRecord, planImport, REGISTERS, writeImport } from '../app/register-import';
import { EXIT_FAILURE, EXIT_OK, type CliIo } from './command';
import type { CliContext } from './commands';
import { runAsOperator } from './run-as-operator';

export async function importRegisterFile(
  ctx: CliContext,
  io: CliIo,
  input: { agencyId: number; kind: RegisterKind; file: string; data: Uint8Array; full: boolean },
): Promise<number> {
  const { kind, file, full } = input;
  const info = REGISTERS[kind];
  const u = info.unit;
  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} 秒`;
  io.err(`正在读取并检查 ${file} …`);
  const read = await readRegisterFile({ name: file, data: input.data }, kind);
  if (!read.ok) {
    io.err(`文件有 ${read.errors.length} 处问题，未导入任何数据：`);
    for (const e of read.errors) io.err(`  ${e}`);
    return EXIT_FAILURE;
  }
  io.err(`已检查 ${read.rows.length} 行，没有问题（${seconds()}）。正在与${info.label}比较 …`);
  const outcome = await runAsOperator(ctx, { kind: 'cli', agencyId: input.agencyId }, async (uc) => {
    const at = uc.env.clock.now();
    // Planned as a full import, so that the rows a partial one leaves alone can be counted.
    const plan = await planImport<unknown>(uc.repos, input.agencyId, kind, read.rows, true);
    const missing = plan.diff.delisted.length;
    const diff = full ? plan.diff : { ...plan.diff, delisted: [] };
    const preview = full ? plan.preview : { ...plan.preview, delisted: 0 };
    const total = diff.added.length + diff.updated.length + diff.delisted.length;
    io.err(
      `新增 ${preview.added} ${u}，更新 ${preview.updated} ${u}，不变 ${preview.unchanged} ${u}${full ? `，不再列入 ${missing} ${u}` : ''}；写入 ${total} 行 …`,
    );
    let shown = 0;
    await writeImport(uc.repos, input.agencyId, kind, diff, at, (done, all) => {
      // A line per tenth (and the last): a terminal and a log file read alike.
      if (done === all || done - shown >= Math.max(1000, all / 10)) {
        shown = done;
        io.err(`  已写入 ${done}/${all}（${seconds()}）`);
      }
    });
    await audit(uc.repos, 'cli', info.audit, { agencyId: input.agencyId, subject: `agency:${input.agencyId}`, data: importRecord(file, preview, full) });
    return { preview, missing };
  });
  if (!outcome.ok) {
    io.err(`未导入任何数据：${outcome.refusal}`);
    return EXIT_FAILURE;
  }
  const { preview: p, missing } = outcome.value;
  const name = kind === 'enterprises' ? '企业名录' : '执法人员名录';
  const rest = full
    ? `，不再列入 ${p.delisted} ${u}`
    : missing
      ? `。名录中另有 ${missing} ${u}不在文件中，未改动（文件若是完整名录，加 --full 将其标记为${kind === 'enterprises' ? '“移出名录”' : '不在岗'}）`
      : '';
  io.out(`${name}：新增 ${p.added} ${u}，更新 ${p.updated} ${u}，不变 ${p.unchanged} ${u}${rest}。`);
  io.err(`完成，用时 ${seconds()}。`);
  return EXIT_OK;
}
