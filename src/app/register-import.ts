/**
 * The one way a register file changes a register, for the chat (preview, then 确认导入) and the
 * CLI (at once): the file compared with the register (src/domain/registers), and the changes
 * written in chunks — new and changed rows upserted, rows a full file no longer lists marked
 * (移出名录 / 不在岗), never deleted, unchanged rows left alone.
 */
import type { Enterprise, Officer } from '../domain/model';
import { diffRegister, ENTERPRISE_REGISTER, OFFICER_REGISTER, registerFingerprint, type RegisterDiff, type RegisterSpec } from '../domain/registers';
import type { AuditAction } from './audit';
import type { ImportPreview, RegisterKind, Repos } from './ports/store';

interface RegisterInfo<T> {
  label: string;
  /** 家 or 人. */
  unit: string;
  spec: RegisterSpec<T>;
  /** What a no-longer-listed row becomes, for the preview. */
  delistedAs: string;
  describe(row: T): string;
  read(repos: Repos, agencyId: number): Promise<T[]>;
  write(repos: Repos, agencyId: number, change: { upsert: T[]; delist: string[] }, at: Date): Promise<void>;
  audit: AuditAction;
}

export const REGISTERS: { enterprises: RegisterInfo<Enterprise>; officers: RegisterInfo<Officer> } = {
  enterprises: {
    label: '企业名录（检查对象名录库）',
    unit: '家',
    spec: ENTERPRISE_REGISTER,
    delistedAs: '标记为“移出名录”，不再参与抽取，历史记录保留',
    describe: (e) => `${e.name}（${e.uscc}）`,
    read: (repos, agencyId) => repos.registers.enterprises(agencyId),
    write: (repos, agencyId, change, at) => repos.registers.applyEnterprises(agencyId, change, at),
    audit: 'directory.enterprises_imported',
  },
  officers: {
    label: '执法人员名录（执法检查人员名录库）',
    unit: '人',
    spec: OFFICER_REGISTER,
    delistedAs: '标记为“不在岗”，不再参与抽取，历史记录保留',
    describe: (o) => `${o.name}（${o.certificateNo}）`,
    read: (repos, agencyId) => repos.registers.officers(agencyId),
    write: (repos, agencyId, change, at) => repos.registers.applyOfficers(agencyId, change, at),
    audit: 'directory.officers_imported',
  },
};

/** Rows written per call, so that progress can be told between them. */
export const WRITE_CHUNK = 1000;
const EXAMPLES = 10;

export interface ImportPlan<T> {
  diff: RegisterDiff<T>;
  /** The register's fingerprint now (a confirmation compares it). */
  baseline: string;
  preview: ImportPreview;
}

/** What the file would change in the register, with the preview shown for it. */
export async function planImport<T>(repos: Repos, agencyId: number, kind: RegisterKind, rows: readonly T[], full: boolean): Promise<ImportPlan<T>> {
  const info = REGISTERS[kind] as unknown as RegisterInfo<T>;
  const current = await info.read(repos, agencyId);
  const diff = diffRegister(current, rows, info.spec, full);
  const preview: ImportPreview = {
    rows: rows.length,
    added: diff.added.length,
    updated: diff.updated.length,
    unchanged: diff.unchanged,
    delisted: diff.delisted.length,
    examples: {
      added: diff.added.slice(0, EXAMPLES).map(info.describe),
      updated: diff.updated.slice(0, EXAMPLES).map((u) => `${info.describe(u.after)}：${u.changes.join('；')}`),
      delisted: diff.delisted.slice(0, EXAMPLES).map(info.describe),
    },
  };
  return { diff, baseline: registerFingerprint(current, info.spec), preview };
}

/** Whether the file would change anything at all. */
export const changesAnything = (p: ImportPreview) => p.added + p.updated + p.delisted > 0;

/**
 * Writes the changes of a plan: new and changed rows in chunks of {@link WRITE_CHUNK}, then the
 * rows no longer listed; `onProgress` hears the rows written so far.
 */
export async function writeImport<T>(
  repos: Repos,
  agencyId: number,
  kind: RegisterKind,
  diff: RegisterDiff<T>,
  at: Date,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const info = REGISTERS[kind] as unknown as RegisterInfo<T>;
  const upsert = [...diff.added, ...diff.updated.map((u) => u.after)];
  const total = upsert.length + diff.delisted.length;
  for (let i = 0; i < upsert.length; i += WRITE_CHUNK) {
    await info.write(repos, agencyId, { upsert: upsert.slice(i, i + WRITE_CHUNK), delist: [] }, at);
    onProgress?.(Math.min(i + WRITE_CHUNK, upsert.length), total);
  }
  if (diff.delisted.length) {
    await info.write(repos, agencyId, { upsert: [], delist: diff.delisted.map((r) => info.spec.key(r)) }, at);
    onProgress?.(total, total);
  }
}

/** What the audit log keeps of an import: the file, its counts and how it was applied. */
export function importRecord(fileName: string, preview: ImportPreview, full: boolean): Record<string, unknown> {
  const { examples: _examples, ...counts } = preview;
  return { file: fileName, full, ...counts };
}
