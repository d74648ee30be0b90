import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuditChainVerifier, auditEntryContent, auditEntryHash, GENESIS_HASH, isoMicros, type AuditEntry } from '../../../src/domain/audit/audit-chain';

/** A chain of `n` entries in the current format, one second apart. */
function chain(n: number, start = 1): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const id = start + i;
    const content = auditEntryContent(id, {
      agencyId: 1,
      at: new Date(Date.UTC(2026, 2, 2, 1, 30, i, 123)),
      actor: 'person:1',
      action: 'test.step',
      subject: `draw:${id}`,
      data: { i },
    });
    const hash = auditEntryHash(prev, content);
    out.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

/** The format-1 hash exactly as it was computed before formats existed (SHA-256 over the millisecond ISO time). */
function legacyHash(prevHash: string, e: { id: number; agencyId: number | null; at: string; actor: string; action: string; subject: string; data: unknown }) {
  const body = JSON.stringify({ action: e.action, actor: e.actor, agencyId: e.agencyId, at: e.at, data: e.data, id: e.id, subject: e.subject });
  return createHash('sha256').update(`${prevHash}\n${body}`).digest('hex');
}

function verify(entries: AuditEntry[], watch?: Set<number>) {
  const v = new AuditChainVerifier(GENESIS_HASH, watch);
  for (const e of entries) if (!v.push(e)) break;
  return v;
}

describe('audit chain hash formats', () => {
  it('writes new entries in format 2, with the time to the microsecond', () => {
    const [e] = chain(1);
    expect(e!.hashFormat).toBe(2);
    expect(e!.at).toBe('2026-03-02T01:30:00.123000Z');
    expect(isoMicros(new Date('2026-03-02T01:30:00.5Z'))).toBe('2026-03-02T01:30:00.500000Z');
  });

  it('format 2 covers the microseconds: a change of one microsecond is named', () => {
    const entries = chain(3);
    expect(verify(entries).result()).toMatchObject({ ok: true, count: 3 });
    const edited = entries.map((e) => (e.id === 2 ? { ...e, at: '2026-03-02T01:30:01.123001Z' } : e));
    const result = verify(edited).result();
    expect(result).toMatchObject({ ok: false, brokenAt: 2 });
    if (!result.ok) expect(result.reason).toMatch(/^第 2 条（test.step）的内容与其哈希不符.*该条被改动过$/);
  });

  it('entries written before formats existed (format 1, milliseconds) still verify, then format 2 follows', () => {
    const old = { id: 1, agencyId: null, actor: 'cli', action: 'demo.seeded', subject: 'agency:1', data: { n: 3 } };
    const hash1 = legacyHash(GENESIS_HASH, { ...old, at: '2025-12-31T16:00:00.250Z' });
    const v1: AuditEntry = { ...old, at: '2025-12-31T16:00:00.250000Z', hashFormat: 1, prevHash: GENESIS_HASH, hash: hash1 };
    const next = auditEntryContent(2, {
      agencyId: 1,
      at: new Date('2026-01-01T00:00:00Z'),
      actor: 'cli',
      action: 'people.added',
      subject: 'person:1',
      data: {},
    });
    const v2: AuditEntry = { ...next, prevHash: hash1, hash: auditEntryHash(hash1, next) };
    expect(verify([v1, v2]).result()).toEqual({ ok: true, count: 2, lastHash: v2.hash });
  });

  it('a format-1 entry whose stored time has digits below the millisecond was edited', () => {
    const old = { id: 1, agencyId: null, actor: 'cli', action: 'demo.seeded', subject: 'agency:1', data: {} };
    const hash = legacyHash(GENESIS_HASH, { ...old, at: '2025-12-31T16:00:00.250Z' });
    const result = verify([{ ...old, at: '2025-12-31T16:00:00.250001Z', hashFormat: 1, prevHash: GENESIS_HASH, hash }]).result();
    expect(result).toEqual({
      ok: false,
      brokenAt: 1,
      reason: '第 1 条（demo.seeded）的时间 2025-12-31T16:00:00.250001Z 含毫秒以下的数字，而旧格式的条目只记到毫秒：时间被改动过',
    });
  });

  it('a format turned back to 1 after a format-2 entry is named, even with its hash recomputed', () => {
    const entries = chain(2);
    const second = entries[1]!;
    const downgraded = { ...second, hashFormat: 1 };
    const rehashed = { ...downgraded, hash: auditEntryHash(second.prevHash, downgraded) };
    const result = verify([entries[0]!, rehashed]).result();
    expect(result).toMatchObject({ ok: false, brokenAt: 2 });
    if (!result.ok) expect(result.reason).toMatch(/格式被改回旧版/);
    expect(verify([{ ...entries[0]!, hashFormat: 7 }]).result()).toMatchObject({
      ok: false,
      brokenAt: 1,
      reason: expect.stringMatching(/哈希格式 7 无法识别/),
    });
  });

  it('keeps the hashes of the watched entries before any break', () => {
    const entries = chain(5);
    expect([...verify(entries, new Set([2, 4, 9])).hashesAt()]).toEqual([
      [2, entries[1]!.hash],
      [4, entries[3]!.hash],
    ]);
    const broken = entries.map((e) => (e.id === 3 ? { ...e, data: { i: 99 } } : e));
    expect([...verify(broken, new Set([2, 4])).hashesAt()]).toEqual([[2, entries[1]!.hash]]);
  });
});
