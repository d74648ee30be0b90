import { audit } from '../audit';
import { verifyDrawExport } from '../../domain/draw';
import { loadDrawExport } from '../draw-export';
import { findDrawByRef } from '../draw-lookup';
import type { UseCaseContext, UseCaseResult } from '../use-case';

/** Re-runs a draw from its record alone and says whether the published result follows from it. */
export async function verifyDraw(ctx: UseCaseContext, input: { ref: string }): Promise<UseCaseResult> {
  const draw = await findDrawByRef(ctx, input.ref);
  if (draw.status === 'prepared') {
    return {
      reply: {
        type: 'text',
        text: `${draw.drawNo} 尚未执行：企业池哈希 ${draw.enterprisePoolHash}，人员池哈希 ${draw.officerPoolHash}，秘密值承诺 ${draw.commitment}。执行后可复核。`,
      },
    };
  }
  const doc = await loadDrawExport(ctx.repos, draw);
  if (!doc) return { reply: { type: 'text', text: `${draw.drawNo} 已放弃，未揭示秘密值，没有抽取结果（承诺 ${draw.commitment}）。` } };
  const check = verifyDrawExport(doc);
  const text = check.ok
    ? `复核通过：${draw.drawNo} 的名单哈希、秘密值承诺、种子、${doc.tasks.length} 个检查组和 ${doc.replacements.length} 次补抽均可由公开记录重新算出。种子 ${doc.seed}。导出记录：npm run cli -- draw export "${draw.drawNo}"`
    : `复核未通过：${draw.drawNo}：${check.difference}`;
  await audit(ctx.repos, ctx.actor, 'draw.verified', { agencyId: draw.agencyId, subject: `draw:${draw.id}`, data: { ok: check.ok } });
  return { reply: { type: 'text', text } };
}
