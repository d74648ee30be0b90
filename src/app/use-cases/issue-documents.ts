import { audit } from '../audit';
import { documentsOf, loadDocumentRecord } from '../documents/load-record';
import { DOCX_CONTENT_TYPE, type DocumentKind } from '../documents/document-view';
import { messagePeople } from '../message-people';
import { loadOwnTask } from '../task-access';
import { AppError, type AppFiles, todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';

function filesOf(ctx: UseCaseContext): AppFiles {
  if (!ctx.env.files) throw new AppError('invalid', '本实例未配置文件存储，无法生成执法文书。');
  return ctx.env.files;
}

/**
 * Generates the task's 执法文书 from its stored record, keeps each file in the evidence store
 * (the SHA-256 of what was issued goes into the audit log), and queues it as a file to each person
 * in `to`, through the outbox (so a failed send is retried and nothing is sent twice). `only`
 * limits it to some kinds (and a 复查 round); `tag` makes the outbox keys of one issue unique.
 */
export async function issueDocuments(
  ctx: UseCaseContext,
  input: { taskId: number; to: number[]; tag: string; only?: { kinds: DocumentKind[]; round?: number } },
): Promise<string[]> {
  const files = filesOf(ctx);
  const rec = await loadDocumentRecord(ctx.repos, input.taskId);
  if (!rec) throw new AppError('invalid', '这项任务还没有检查结果，暂无执法文书。');
  const keyOf = (v: { kind: DocumentKind; number: string }, personId: number) => `task:${rec.task.id}:doc:${input.tag}:${v.kind}:${v.number}:${personId}`;
  const wanted = documentsOf(rec).filter(
    (v) => !input.only || (input.only.kinds.includes(v.kind) && (input.only.round === undefined || v.round === undefined || v.round === input.only.round)),
  );
  // A repeated request (a double tap; the task's lock puts the second after the first) issues nothing again.
  const queued = await ctx.repos.outbox.queuedKeys(wanted.flatMap((v) => input.to.map((p) => keyOf(v, p))));
  const views = wanted.filter((v) => input.to.some((p) => !queued.has(keyOf(v, p))));
  if (views.length === 0) return [];
  const issued: Array<{ kind: DocumentKind; number: string; fileName: string; sha256: string; size: number }> = [];
  const bytes = new Map<string, string>();
  for (const v of views) {
    const rendered = await files.documents.render(v);
    const stored = await files.evidence.put(rendered, DOCX_CONTENT_TYPE);
    issued.push({ kind: v.kind, number: v.number, fileName: v.fileName, sha256: stored.sha256, size: stored.size });
    bytes.set(stored.sha256, Buffer.from(rendered).toString('base64'));
  }
  await audit(ctx.repos, ctx.actor, 'task.documents_issued', {
    agencyId: rec.task.agencyId,
    subject: `task:${rec.task.id}`,
    data: { documents: issued, to: input.to },
  });
  await messagePeople(
    ctx.repos,
    rec.task.agencyId,
    ctx.origin.platform,
    input.to.flatMap((personId) =>
      issued.map((d) => ({
        personId,
        // The bytes travel in the outbox row (a retry sends the same file); the store keeps the copy the audit entry names.
        message: { type: 'file' as const, file: { name: d.fileName, mediaType: DOCX_CONTENT_TYPE, base64: bytes.get(d.sha256)! } },
        idempotencyKey: keyOf(d, personId),
      })),
    ),
  );
  return issued.map((d) => d.fileName);
}

/**
 * 执法文书 (a button on the publication card): every document the record supports, to the asker's
 * direct chat, once a day: a second tap the same day (a double tap above all) sends nothing twice
 * and says where the files are; a document the record gained since (a new 复查) is sent.
 */
export async function sendDocuments(ctx: UseCaseContext, input: { taskId: number }): Promise<UseCaseResult> {
  const own = await loadOwnTask(ctx, input.taskId);
  const names = await issueDocuments(ctx, { taskId: own.task.id, to: [ctx.actor.id], tag: `asked:${todayOf(ctx.env)}` });
  if (names.length === 0) return { toast: { kind: 'info', text: '今天已将这些执法文书发送到你与机器人的私聊，请在私聊中查看。' } };
  return { toast: { kind: 'success', text: `已发送 ${names.length} 份执法文书到你的私聊：${names.map((n) => n.replace(/-.*$/, '')).join('、')}。` } };
}
