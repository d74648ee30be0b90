/**
 * verifyDrawExport: recompute everything in a published draw record and report the first
 * difference in plain words (Chinese, for the bureau's staff and the public, each naming the
 * record's JSON field so that a re-implementer can find it). Pure; never throws.
 */
import { canonicalJson } from './canonical-json';
import { isSortedUnique } from './canonical-order';
import { QUICKNET, type ChainInfo } from './beacon';
import { verifyRecordedBeacon } from './beacon-record';
import { bytesToHex, commitmentOf, deriveSeed, deriveSeedV2, exclusionsHash, hexToBytes, type SeedBeacon } from './commitment';
import { runDraw } from './execute';
import type { DrawExport, ReplacementRecord } from './export';
import { normalizeParams } from './params';
import { applyReplacement, replacementFromSeed } from './replacement';
import { hashEnterprisePool, hashOfficerPool } from './serialize';
import { checkExportShape } from './verify-shape';
import { ALGORITHM_VERSION, type DrawTask } from './types';

export type VerifyResult = { ok: true } | { ok: false; difference: string };

type Diff = string | null;

function order<T>(items: readonly T[], key: (t: T) => string, lists: (t: T) => readonly string[][], what: string): Diff {
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as T;
    if (i > 0 && !(key(items[i - 1] as T) < key(item))) {
      return `${what}未按规范顺序（严格升序）排列：第 ${i + 1} 项 ${key(item)} 排在 ${key(items[i - 1] as T)} 之后`;
    }
    if (!lists(item).every(isSortedUnique)) return `${what}中 ${key(item)} 的列表字段未排序或有重复`;
  }
  return null;
}

function differs(what: string, recorded: string, recomputed: string): Diff {
  return recorded === recomputed ? null : `${what}不一致：记录为 ${recorded}，重新计算为 ${recomputed}`;
}

function pools(doc: DrawExport): Diff {
  return (
    order(
      doc.enterprisePool,
      (e) => e.uscc,
      (e) => [e.lastInspectors as string[]],
      '企业池 enterprisePool ',
    ) ??
    order(
      doc.officerPool,
      (o) => o.certificateNo,
      (o) => [o.expertise as string[], o.conflicts as string[]],
      '人员池 officerPool ',
    ) ??
    differs('企业池哈希 enterprisePoolHash ', doc.enterprisePoolHash, hashEnterprisePool(doc.enterprisePool)) ??
    differs('人员池哈希 officerPoolHash ', doc.officerPoolHash, hashOfficerPool(doc.officerPool))
  );
}

function params(doc: DrawExport): Diff {
  const norm = normalizeParams(doc.params);
  if (!norm.ok) return `抽取参数 params 无效：${norm.reason}`;
  if (norm.paramsCanonical !== canonicalJson(doc.params)) return `抽取参数 params 不是规范形式，应为 ${norm.paramsCanonical}`;
  return differs('规范参数 paramsCanonical ', doc.paramsCanonical, norm.paramsCanonical);
}

const taskText = (t: DrawTask | undefined): string => (t ? `${t.uscc} [${t.officers.join(', ')}]` : '（无）');

/** `label` names the list for people, `field` its JSON key (tasks, finalTasks). */
function sameTasks(label: string, field: string, recorded: readonly DrawTask[], recomputed: readonly DrawTask[]): Diff {
  if (recorded.length !== recomputed.length) {
    return `${label}数量（${field}）不一致：记录为 ${recorded.length}，重新计算为 ${recomputed.length}`;
  }
  for (let k = 0; k < recorded.length; k++) {
    const a = taskText(recorded[k]);
    const b = taskText(recomputed[k]);
    if (a !== b) return `${label} ${field}[${k}] 不一致：记录为 ${a}，重新计算为 ${b}`;
  }
  return null;
}

function replacements(doc: DrawExport, seed: Uint8Array): Diff {
  let tasks: DrawTask[] = doc.tasks;
  const used = new Set<string>();
  for (let k = 0; k < doc.replacements.length; k++) {
    const r = doc.replacements[k] as ReplacementRecord;
    const id = `${r.taskIndex}:${r.replacementNo}`;
    if (used.has(id)) return `补抽 replacements[${k}] 重复使用了任务 ${r.taskIndex} 的第 ${r.replacementNo} 次补抽`;
    used.add(id);
    if (r.replacedOfficer !== undefined && !r.excludedOfficers.includes(r.replacedOfficer)) {
      return `补抽 replacements[${k}] 的被替换人员 replacedOfficer ${r.replacedOfficer} 不在离开人员 excludedOfficers 中`;
    }
    const got = replacementFromSeed(doc, tasks, r, seed);
    if (!got.ok) return `补抽 replacements[${k}]（任务 ${r.taskIndex} 第 ${r.replacementNo} 次）无法重新计算：${got.reason}`;
    const diff = differs(`补抽 replacements[${k}]（任务 ${r.taskIndex} 第 ${r.replacementNo} 次）的执法人员 officer `, r.officer, got.officer);
    if (diff) return diff;
    tasks = applyReplacement(tasks, r.taskIndex, r.excludedOfficers, got.officer);
  }
  return sameTasks('补抽后的检查组', 'finalTasks', doc.finalTasks, tasks);
}

/** The timeline's instants are valid and in order: prepared, then executed, then ended. */
function timeline(doc: DrawExport): Diff {
  const t = doc.timeline;
  if (!t) return null;
  const steps: Array<[string, string | undefined]> = [
    ['timeline.preparedAt', t.preparedAt],
    ['timeline.executedAt', t.executedAt],
    ['timeline.endedAt', t.endedAt],
  ];
  let last: [string, number] | undefined;
  for (const [field, value] of steps) {
    if (value === undefined) continue;
    const at = Date.parse(value);
    if (Number.isNaN(at)) return `时间 ${field} 不是有效的时间：${value}`;
    if (last && at < last[1]) return `时间顺序不对：${field}（${value}）早于 ${last[0]}`;
    last = [field, at];
  }
  if (doc.status === 'executed' && (!t.executedAt || t.endedAt)) return '状态为已执行（status: executed），时间线 timeline 应有 executedAt 而无 endedAt';
  if (doc.status === 'cancelled' && (!t.executedAt || !t.endedAt)) return '状态为已撤销（status: cancelled），时间线 timeline 应有 executedAt 和 endedAt';
  if (doc.status === 'abandoned' && (t.executedAt || !t.endedAt)) return '状态为已放弃（status: abandoned），时间线 timeline 应有 endedAt 而无 executedAt';
  return null;
}

/** Version 2: the exclusion lists hash to what the seed committed to; the beacon round is the pinned chain's. */
function seedV2(doc: DrawExport, secret: Uint8Array, chain: ChainInfo): { seed: Uint8Array } | { diff: string } {
  const lists =
    differs('排除企业名单 excludedEnterprises 的哈希 excludedEnterprisesHash ', doc.excludedEnterprisesHash ?? '', exclusionsHash(doc.excludedEnterprises)) ??
    differs('排除人员名单 excludedOfficers 的哈希 excludedOfficersHash ', doc.excludedOfficersHash ?? '', exclusionsHash(doc.excludedOfficers));
  if (lists) return { diff: lists };
  let beacon: SeedBeacon | null = null;
  if (doc.beacon) {
    const preparedAt = doc.timeline ? Math.floor(Date.parse(doc.timeline.preparedAt) / 1000) : undefined;
    const checked = verifyRecordedBeacon(doc.beacon, chain, preparedAt === undefined || Number.isNaN(preparedAt) ? {} : { preparedAt });
    if (!checked.ok) return { diff: checked.reason };
    beacon = { chainHash: doc.beacon.chainHash, round: checked.round, randomness: checked.randomness };
  }
  const { excludedEnterprisesHash, excludedOfficersHash } = doc as Required<Pick<DrawExport, 'excludedEnterprisesHash' | 'excludedOfficersHash'>>;
  return { seed: deriveSeedV2({ ...doc, secret, excludedEnterprisesHash, excludedOfficersHash, beacon }) };
}

function verifyDoc(doc: DrawExport, chain: ChainInfo): Diff {
  if (doc.algorithmVersion !== ALGORITHM_VERSION) return `不支持的算法版本 algorithmVersion ${doc.algorithmVersion}（本程序支持 ${ALGORITHM_VERSION}）`;
  const early =
    timeline(doc) ?? pools(doc) ?? params(doc) ?? differs('秘密值承诺 commitment（秘密值的 SHA-256）', doc.commitment, commitmentOf(hexToBytes(doc.secret)));
  if (early) return early;
  let seed: Uint8Array;
  if (doc.seedVersion === 2) {
    const v2 = seedV2(doc, hexToBytes(doc.secret), chain);
    if ('diff' in v2) return v2.diff;
    seed = v2.seed;
  } else seed = deriveSeed({ ...doc, secret: hexToBytes(doc.secret) });
  const seedDiff = differs('随机种子 seed ', doc.seed, bytesToHex(seed));
  if (seedDiff) return seedDiff;
  const run = runDraw(doc, seed);
  if (!run.ok) return `无法重新计算抽取：${run.reason}`;
  return (
    differs('分层 strata ', canonicalJson(doc.strata), canonicalJson(run.strata)) ??
    sameTasks('检查组', 'tasks', doc.tasks, run.tasks) ??
    replacements(doc, seed)
  );
}

/**
 * Verifies a draw record (an object, or its JSON text): canonical order and hashes of both
 * pools, params, commitment = SHA-256(secret), seed, strata, tasks, each replacement in order
 * and the final tasks; for version 2 also the timeline's order, the exclusion lists against
 * their committed hashes and the beacon round's signature against `chain` (default: the
 * pinned quicknet). Returns the first difference; malformed input is a difference too.
 */
export function verifyDrawExport(input: unknown, options: { chain?: ChainInfo } = {}): VerifyResult {
  try {
    let doc = input;
    if (typeof input === 'string') {
      try {
        doc = JSON.parse(input);
      } catch (e) {
        return { ok: false, difference: `不是有效的 JSON：${(e as Error).message}` };
      }
    }
    const shape = checkExportShape(doc);
    if (!shape.ok) return shape;
    const diff = verifyDoc(shape.doc, options.chain ?? QUICKNET);
    return diff === null ? { ok: true } : { ok: false, difference: diff };
  } catch (e) {
    return { ok: false, difference: `复核意外中止：${(e as Error).message}` };
  }
}
