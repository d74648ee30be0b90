/**
 * verifyDrawExport: recompute everything in a published draw record and report the first
 * difference in plain words. Pure; never throws.
 */
import { canonicalJson } from './canonical-json';
import { isSortedUnique } from './canonical-order';
import { bytesToHex, commitmentOf, deriveSeed, hexToBytes } from './commitment';
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
      return `${what} is not in canonical order (strictly ascending) at position ${i}: ${key(items[i - 1] as T)} then ${key(item)}`;
    }
    if (!lists(item).every(isSortedUnique)) return `${what} entry ${key(item)} has a list that is not sorted without duplicates`;
  }
  return null;
}

function differs(what: string, recorded: string, recomputed: string): Diff {
  return recorded === recomputed ? null : `${what} differs: recorded ${recorded}, recomputed ${recomputed}`;
}

function pools(doc: DrawExport): Diff {
  return (
    order(doc.enterprisePool, (e) => e.uscc, (e) => [e.lastInspectors as string[]], 'enterprise pool') ??
    order(doc.officerPool, (o) => o.certificateNo, (o) => [o.expertise as string[], o.conflicts as string[]], 'officer pool') ??
    differs('enterprise pool hash', doc.enterprisePoolHash, hashEnterprisePool(doc.enterprisePool)) ??
    differs('officer pool hash', doc.officerPoolHash, hashOfficerPool(doc.officerPool))
  );
}

function params(doc: DrawExport): Diff {
  const norm = normalizeParams(doc.params as unknown as Parameters<typeof normalizeParams>[0]);
  if (!norm.ok) return `params are invalid: ${norm.reason}`;
  if (norm.paramsCanonical !== canonicalJson(doc.params)) return `params are not in canonical form: expected ${norm.paramsCanonical}`;
  return differs('paramsCanonical', doc.paramsCanonical, norm.paramsCanonical);
}

const taskText = (t: DrawTask | undefined): string => (t ? `${t.uscc} [${t.officers.join(', ')}]` : '(none)');

function sameTasks(what: string, recorded: readonly DrawTask[], recomputed: readonly DrawTask[]): Diff {
  if (recorded.length !== recomputed.length) {
    return `number of ${what} differs: recorded ${recorded.length}, recomputed ${recomputed.length}`;
  }
  for (let k = 0; k < recorded.length; k++) {
    const a = taskText(recorded[k]);
    const b = taskText(recomputed[k]);
    if (a !== b) return `${what.replace(/s$/, '')} ${k} differs: recorded ${a}, recomputed ${b}`;
  }
  return null;
}

function replacements(doc: DrawExport, seed: Uint8Array): Diff {
  let tasks: DrawTask[] = doc.tasks;
  const used = new Set<string>();
  for (let k = 0; k < doc.replacements.length; k++) {
    const r = doc.replacements[k] as ReplacementRecord;
    const id = `${r.taskIndex}:${r.replacementNo}`;
    if (used.has(id)) return `replacement ${k} reuses task ${r.taskIndex} replacement no. ${r.replacementNo}`;
    used.add(id);
    const got = replacementFromSeed(doc, tasks, r, seed);
    if (!got.ok) return `replacement ${k} (task ${r.taskIndex}, no. ${r.replacementNo}) could not be recomputed: ${got.reason}`;
    const diff = differs(`replacement ${k} (task ${r.taskIndex}, no. ${r.replacementNo}) officer`, r.officer, got.officer);
    if (diff) return diff;
    tasks = applyReplacement(tasks, r.taskIndex, r.excludedOfficers, got.officer);
  }
  return sameTasks('final tasks', doc.finalTasks, tasks);
}

function verifyDoc(doc: DrawExport): Diff {
  if (doc.algorithmVersion !== ALGORITHM_VERSION) return `unsupported algorithmVersion ${doc.algorithmVersion} (this verifier: ${ALGORITHM_VERSION})`;
  const early = pools(doc) ?? params(doc) ?? differs('commitment (SHA-256 of the secret)', doc.commitment, commitmentOf(hexToBytes(doc.secret)));
  if (early) return early;
  const seed = deriveSeed({ ...doc, secret: hexToBytes(doc.secret) });
  const seedDiff = differs('seed', doc.seed, bytesToHex(seed));
  if (seedDiff) return seedDiff;
  const run = runDraw(doc, seed);
  if (!run.ok) return `the draw could not be recomputed: ${run.reason}`;
  return (
    differs('strata', canonicalJson(doc.strata), canonicalJson(run.strata)) ??
    sameTasks('tasks', doc.tasks, run.tasks) ??
    replacements(doc, seed)
  );
}

/**
 * Verifies a draw record (an object, or its JSON text): canonical order and hashes of both
 * pools, params, commitment = SHA-256(secret), seed, strata, tasks, each replacement in order
 * and the final tasks. Returns the first difference; malformed input is a difference too.
 */
export function verifyDrawExport(input: unknown): VerifyResult {
  try {
    let doc = input;
    if (typeof input === 'string') {
      try {
        doc = JSON.parse(input);
      } catch (e) {
        return { ok: false, difference: `malformed JSON: ${(e as Error).message}` };
      }
    }
    const shape = checkExportShape(doc);
    if (!shape.ok) return shape;
    const diff = verifyDoc(shape.doc);
    return diff === null ? { ok: true } : { ok: false, difference: diff };
  } catch (e) {
    return { ok: false, difference: `verification failed unexpectedly: ${(e as Error).message}` };
  }
}
