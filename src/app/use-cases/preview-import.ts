import { bytesToHex } from '@noble/hashes/utils.js';
import { audit } from '../audit';
import type { UploadedFile } from '../commands/entry';
import { messagePeople } from '../message-people';
import { changesAnything, importRecord, planImport, REGISTERS } from '../register-import';
import type { UseCaseContext, UseCaseResult } from '../use-case';
import { importPreviewCard, importProblemsCard, PROBLEMS_SHOWN } from '../views/import-cards';

/** How long a preview may be confirmed. */
export const IMPORT_PREVIEW_HOURS = 24;

/**
 * A register file sent to the bot by an administrator: read and checked as the CLI does; with
 * any problem nothing is kept and every problem is named (beyond the first hundred, in a CSV
 * file); else what it would change is shown with 确认导入 / 取消, and kept until then. Nothing in
 * the register changes here. The whole file is the register: rows it lacks will be no longer listed.
 */
export async function previewImport(ctx: UseCaseContext, file: UploadedFile): Promise<UseCaseResult> {
  const { repos, env, actor, origin } = ctx;
  const read = await ctx.env.spreadsheets.readRegister(file);
  if (!read.ok) {
    const withFile = read.errors.length > PROBLEMS_SHOWN && origin.platform !== 'dingtalk';
    if (withFile) {
      await messagePeople(repos, actor.agencyId, origin.platform, [
        {
          personId: actor.id,
          message: { type: 'file', file: ctx.env.spreadsheets.csv({ name: '问题', columns: ['问题'], rows: read.errors.map((e) => [e]) }, '导入问题清单.csv') },
          idempotencyKey: `import-problems:${ctx.requestKey ?? file.name}`,
        },
      ]);
    }
    return {
      toast: { kind: 'error', text: `未导入：${file.name} 有 ${read.errors.length} 处问题。` },
      reply: { type: 'card', card: importProblemsCard(file.name, read.errors, withFile) },
    };
  }
  const info = REGISTERS[read.kind];
  const plan = await planImport<unknown>(repos, actor.agencyId, read.kind, read.rows, true);
  if (!changesAnything(plan.preview)) {
    return { reply: { type: 'text', text: `${file.name} 与当前${info.label}一致（${plan.preview.rows} ${info.unit}），无需导入，名录未改动。` } };
  }
  const now = env.clock.now();
  const pending = await repos.registers.insertPending({
    agencyId: actor.agencyId,
    key: bytesToHex(env.random.bytes(8)),
    register: read.kind,
    fileName: file.name,
    rows: read.rows,
    preview: plan.preview,
    baseline: plan.baseline,
    full: true,
    createdBy: actor.id,
    expiresAt: new Date(now.getTime() + IMPORT_PREVIEW_HOURS * 3600_000),
  });
  await audit(repos, actor, 'directory.import_previewed', {
    agencyId: actor.agencyId,
    subject: `import:${pending.id}`,
    data: { register: read.kind, ...importRecord(file.name, plan.preview, true) },
  });
  return { reply: { type: 'card', card: importPreviewCard(pending, now) } };
}
