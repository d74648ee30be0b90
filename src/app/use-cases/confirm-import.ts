import { audit } from '../audit';
import type { PendingImportRow } from '../ports/store';
import { importRecord, planImport, REGISTERS, writeImport } from '../register-import';
import { AppError, type UseCaseContext, type UseCaseResult } from '../use-case';
import { importPreviewCard } from '../views/import-cards';

export interface ImportButton {
  importId: number;
  key: string;
}

const ENDED: Record<PendingImportRow['status'], string> = {
  pending: '',
  applied: '这次导入已完成，没有重复导入。',
  cancelled: '这次导入已取消，名录未改动。如需导入请重新发送文件。',
  stale: '这次预览之后名录已有改动，未导入。请重新发送文件。',
};

/** The import the button names (its random key must match), its row locked: a second click waits and then sees the first one's result. */
async function lockImport(ctx: UseCaseContext, input: ImportButton) {
  const p = await ctx.repos.registers.lockPending(ctx.actor.agencyId, input.importId);
  if (!p || p.key !== input.key) throw new AppError('not_found', '找不到这次导入（它可能属于其他单位，或按钮已失效）。请重新发送名录文件。');
  return p;
}

async function endedCard(ctx: UseCaseContext, id: number) {
  return importPreviewCard((await ctx.repos.registers.pending(ctx.actor.agencyId, id))!, ctx.env.clock.now());
}

/**
 * 确认导入: applies exactly what the preview showed — the stored rows compared with the register
 * again, refused (and ended) when the register is no longer the one previewed (someone imported
 * or changed it in between). Once only: a double click finds it done and changes nothing.
 */
export async function confirmImport(ctx: UseCaseContext, input: ImportButton): Promise<UseCaseResult> {
  const { repos, actor, env } = ctx;
  const now = env.clock.now();
  const p = await lockImport(ctx, input);
  if (p.status !== 'pending') return { toast: { kind: 'info', text: ENDED[p.status] }, card: importPreviewCard(p, now) };
  if (now >= p.expiresAt) return { toast: { kind: 'warning', text: '这次预览已过期，名录未改动。请重新发送文件。' }, card: importPreviewCard(p, now) };
  const info = REGISTERS[p.register];
  const plan = await planImport<unknown>(repos, actor.agencyId, p.register, p.rows, p.full);
  const subject = `import:${p.id}` as const;
  if (plan.baseline !== p.baseline) {
    await repos.registers.endPending(p.id, 'stale', actor.id, now);
    await audit(repos, actor, 'directory.import_refused', {
      agencyId: actor.agencyId,
      subject,
      data: { file: p.fileName, reason: 'register changed since the preview' },
    });
    return { toast: { kind: 'error', text: `未导入：预览之后${info.label}已有改动。请重新发送文件，按新的预览确认。` }, card: await endedCard(ctx, p.id) };
  }
  await writeImport(repos, actor.agencyId, p.register, plan.diff, now);
  await repos.registers.endPending(p.id, 'applied', actor.id, now);
  await audit(repos, actor, info.audit, { agencyId: actor.agencyId, subject, data: importRecord(p.fileName, plan.preview, p.full) });
  const v = plan.preview;
  const u = info.unit;
  return {
    toast: { kind: 'success', text: `已导入${info.label}：新增 ${v.added} ${u}，更新 ${v.updated} ${u}，不再列入 ${v.delisted} ${u}。` },
    card: await endedCard(ctx, p.id),
  };
}

/** 取消: the import ends without any change to the register. */
export async function cancelImport(ctx: UseCaseContext, input: ImportButton): Promise<UseCaseResult> {
  const { repos, actor, env } = ctx;
  const now = env.clock.now();
  const p = await lockImport(ctx, input);
  if (p.status !== 'pending') return { toast: { kind: 'info', text: ENDED[p.status] }, card: importPreviewCard(p, now) };
  await repos.registers.endPending(p.id, 'cancelled', actor.id, now);
  await audit(repos, actor, 'directory.import_cancelled', { agencyId: actor.agencyId, subject: `import:${p.id}`, data: { file: p.fileName } });
  return { toast: { kind: 'info', text: '已取消导入，名录未改动。' }, card: await endedCard(ctx, p.id) };
}
