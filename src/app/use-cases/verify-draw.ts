import { audit } from '../audit';
import { verifyDrawExport } from '../../domain/draw';
import { loadDrawExport } from '../draw-export';
import { findDrawByRef } from '../draw-lookup';
import type { UseCaseContext, UseCaseResult } from '../use-case';

/**
 * Re-runs a draw from its record alone and says whether the published result follows from it.
 * An abandoned draw's record holds its revealed secret: the check also shows what it would have
 * drawn, so that nobody abandons a draw unseen to draw again until the result pleases.
 */
export async function verifyDraw(ctx: UseCaseContext, input: { ref: string }): Promise<UseCaseResult> {
  const draw = await findDrawByRef(ctx, input.ref);
  if (draw.status === 'prepared') {
    return {
      reply: {
        type: 'text',
        text: `${draw.drawNo} 尚未执行：企业池哈希 ${draw.enterprisePoolHash}，人员池哈希 ${draw.officerPoolHash}，秘密值承诺 ${draw.commitment}${draw.beacon ? `，公共随机信标 drand 第 ${draw.beacon.round} 轮` : ''}。执行后可复核。`,
      },
    };
  }
  const doc = await loadDrawExport(ctx.repos, draw);
  if (!doc) {
    const why = draw.secret ? `所承诺的公共随机信标第 ${draw.beacon?.round} 轮在放弃前尚未取得` : '秘密值未揭示（抽取密钥已不在本服务器上）';
    return { reply: { type: 'text', text: `${draw.drawNo} 已放弃，${why}，无法计算其结果（承诺 ${draw.commitment}）。` } };
  }
  const chain = ctx.env.beacon?.chain();
  const check = verifyDrawExport(doc, chain ? { chain } : {});
  const names = await ctx.repos.directory.enterprisesByUscc(
    draw.agencyId,
    doc.tasks.map((t) => t.uscc),
  );
  const would = doc.tasks.map((t) => names.get(t.uscc)?.name ?? t.uscc).join('、');
  const text = !check.ok
    ? `复核未通过：${draw.drawNo}：${check.difference}`
    : doc.status === 'abandoned'
      ? `复核通过：${draw.drawNo} 已放弃，其秘密值已公开；若当时执行，将抽中 ${doc.tasks.length} 家：${would}。种子 ${doc.seed}。`
      : `复核通过：${draw.drawNo} 的名单哈希、秘密值承诺、${doc.beacon ? `公共随机信标第 ${doc.beacon.round} 轮、` : ''}种子、${doc.tasks.length} 个检查组和 ${doc.replacements.length} 次补抽均可由公开记录重新算出。种子 ${doc.seed}。导出记录：npm run cli -- draw export "${draw.drawNo}"`;
  await audit(ctx.repos, ctx.actor, 'draw.verified', { agencyId: draw.agencyId, subject: `draw:${draw.id}`, data: { ok: check.ok } });
  return { reply: { type: 'text', text } };
}
