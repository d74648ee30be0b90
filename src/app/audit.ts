import type { Person, Repos } from './ports/store';

/**
 * What the audit log records, as stored in its `action` column. The strings are the record
 * (行政执法全过程记录): an entry written today must read the same in ten years, so a name is
 * never changed, only added. The last group is written by the database layer itself (imports
 * from the CLI, the demo seed), listed here so that the whole vocabulary is in one place.
 */
export type AuditAction =
  | 'account.linked'
  | 'account.unlinked'
  | 'chat.bound'
  | 'draw.prepared'
  | 'draw.executed'
  | 'draw.failed'
  | 'draw.abandoned'
  | 'draw.cancel_requested'
  | 'draw.cancelled'
  | 'draw.verified'
  | 'holidays.imported'
  | 'plan.created'
  | 'plan.updated'
  | 'plan.default_set'
  | 'task.confirmed'
  // Before recusals were decided by the head, an officer's 回避 took effect at once:
  | 'task.recused'
  | 'task.recusal_requested'
  | 'task.recusal_approved'
  | 'task.recusal_rejected'
  | 'task.recusal_ordered'
  | 'task.replacement_drawn'
  | 'task.replacement_failed'
  | 'task.findings_submitted'
  | 'task.major_hazard_reported'
  | 'task.documents_issued'
  | 'task.evidence_attached'
  | 'task.published'
  | 'task.recheck_recorded'
  | 'task.publication_due_recomputed'
  | 'report.exported'
  | 'outbox.resent'
  | 'outbox.abandoned'
  // A register file: previewed in the chat, then imported, cancelled or refused (the register changed meanwhile).
  | 'directory.import_previewed'
  | 'directory.enterprises_imported'
  | 'directory.officers_imported'
  | 'directory.import_cancelled'
  | 'directory.import_refused'
  // Written in src/db (repos/directory-import.ts, seed/demo.ts):
  | 'agency.created'
  | 'people.added'
  | 'demo.seeded';

/** Who acted: a person, the bot itself (a replacement drawn after a recusal), or the command line. */
export type AuditActor = Pick<Person, 'id'> | 'system' | 'cli';

/** What an entry is about: `draw:3`, `task:12`, `person:5`, `chat:feishu:oc_…`, `holidays:2027`. */
export type AuditSubject =
  | `draw:${number}`
  | `task:${number}`
  | `person:${number}`
  | `chat:${string}`
  | `holidays:${number}`
  | `agency:${number}`
  | `plan:${number}`
  | `import:${number}`
  | `outbox:${number}`;

/** The actor as the log writes it: `person:<id>`, `system` or `cli`. The one place that spells it. */
export function auditActor(actor: AuditActor): string {
  return typeof actor === 'string' ? actor : `person:${actor.id}`;
}

/**
 * Appends an entry to the hash-chained audit log. Call it in the transaction of the state change
 * it records, so that both are committed or neither is.
 */
export async function audit(
  repos: Pick<Repos, 'audit'>,
  actor: AuditActor,
  action: AuditAction,
  entry: { agencyId: number | null; subject: AuditSubject; data: unknown },
): Promise<void> {
  await repos.audit.append({ agencyId: entry.agencyId, actor: auditActor(actor), action, subject: entry.subject, data: entry.data });
}
