/**
 * The daily publication of the audit chain's head: recorded once a day, posted to the bound group
 * when the chain moved, listed on /public/audit-heads as JSON and text that read back as anchors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishAuditHeads } from '../../src/app/use-cases/publish-audit-heads';
import type { memoryBackend } from '../../src/db/memory';
import { parseAnchors } from '../../src/domain/audit/audit-anchors';
import { type DrawExport, verifyDrawExport } from '../../src/domain/draw';
import { auditHeadsJob } from '../../src/jobs/audit-heads-job';
import { silentLogger } from '../../src/logger';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime';

describe('daily audit heads', () => {
  let t: TestRuntime<'memory'>;
  const groupTexts = () => t.chat.group().flatMap((m) => (m.text?.startsWith('审计日志') ? [m.text] : []));
  const append = (subject: string) => t.store.transaction((r) => r.audit.append({ agencyId: null, actor: 'system', action: 'test.step', subject, data: {} }));
  const run = async (today: string, now: string) => {
    t.clock.set(now);
    const result = await publishAuditHeads(t.store, today, { now: t.clock.now(), publicBaseUrl: 'https://jc.example.gov.cn/' });
    await t.runtime.outbox.drain();
    return result;
  };

  beforeAll(async () => {
    // Monday 2026-03-02 09:30: the demo data is loaded, then a draw is prepared and executed.
    t = await startTestRuntime({ kind: 'memory' });
    await t.chat.say('leader', '/draw 机械 2家 每组2人 3月2日-3月31日');
    const announcement = t.chat.lastCard(t.chat.group(), 'draw:');
    await t.chat.click('leader', announcement.id, 'draw.execute', t.chat.button(announcement.card, '确认抽取').payload);
  });
  afterAll(() => t?.close());

  it('records yesterday’s head at 09:00 and posts it to the bound group, once', async () => {
    const chain = await t.data.verifyAudit();
    if (!chain.ok) throw new Error(chain.reason);
    // An entry after midnight belongs to the next day's head.
    t.clock.set('2026-03-02T16:00:30Z');
    await append('after-midnight');
    const first = await run('2026-03-03', '2026-03-03T01:00:00Z');
    expect(first.recorded).toEqual([{ day: '2026-03-02', entryCount: chain.count, hash: chain.lastHash, recordedAt: new Date('2026-03-03T01:00:00Z') }]);
    expect(first.posted).toBe(1);
    expect(groupTexts()).toEqual([
      `审计日志 2026-03-02：共 ${chain.count} 条，链头 ${chain.lastHash}。请勿删除本消息：它是日志未被改写的凭证，全部链头见 https://jc.example.gov.cn/public/audit-heads`,
    ]);
    // The message copied from the group is an anchor.
    expect(parseAnchors(groupTexts().join('\n'))).toEqual({ ok: true, anchors: [{ day: '2026-03-02', entryCount: chain.count, hash: chain.lastHash }] });
    expect(await run('2026-03-03', '2026-03-03T05:00:00Z')).toEqual({ recorded: [], posted: 0 });
    expect(groupTexts()).toHaveLength(1);
  });

  it('records a quiet day without posting, and catches up the days missed while the server was down', async () => {
    const quiet = await run('2026-03-05', '2026-03-05T01:00:00Z');
    expect(quiet.recorded.map((d) => [d.day, d.entryCount])).toEqual([
      ['2026-03-03', quiet.recorded[0]!.entryCount],
      ['2026-03-04', quiet.recorded[0]!.entryCount],
    ]);
    expect(quiet.posted).toBe(1); // 03-03 holds the entry written after midnight: the chain moved
    t.clock.set('2026-03-05T03:00:00Z');
    await append('thursday');
    const job = await auditHeadsJob(
      { store: t.store, clock: t.clock, logger: silentLogger, wakeOutbox: () => {}, retention: undefined as never },
      new Date('2026-03-09T01:00:00Z'),
    );
    await t.runtime.outbox.drain();
    expect(job.recorded.map((d) => d.day)).toEqual(['2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    expect(job.posted).toBe(1);
    const last = groupTexts().at(-1)!;
    expect(last).toMatch(/^审计日志 2026-03-08：共 \d+ 条，链头 [0-9a-f]{64}。请勿删除本消息：它是日志未被改写的凭证，全部链头见 \/public\/audit-heads$/);
    expect(await run('2026-03-10', '2026-03-10T01:00:00Z')).toMatchObject({ recorded: [{ day: '2026-03-09' }], posted: 0 });
  });

  it('the draw record carries the chain head at its execution, readable as an anchor', async () => {
    const doc = (await (await t.runtime.app.request('/public/draws/1.json')).json()) as DrawExport;
    const log = (t.runtime.backend as ReturnType<typeof memoryBackend>).memory.committed.auditLog;
    const executed = [...log.values()].find((e) => e.action === 'draw.executed')!;
    expect(doc.auditHead).toEqual({ entryCount: executed.id - 1, hash: executed.prevHash });
    expect(verifyDrawExport(doc)).toMatchObject({ ok: true });
    expect(verifyDrawExport({ ...doc, auditHead: { entryCount: -1, hash: executed.prevHash } })).toEqual({
      ok: false,
      difference: '记录格式不对：auditHead 应为 {entryCount: 非负整数, hash: 64 位小写十六进制数}',
    });
    expect(parseAnchors(JSON.stringify(doc))).toEqual({
      ok: true,
      anchors: [{ day: '抽取 偃应急抽〔2026〕1号 执行时', entryCount: executed.id - 1, hash: executed.prevHash }],
    });
  });

  it('lists every published head on /public/audit-heads, as JSON and text that read back as the same anchors', async () => {
    const heads = await t.store.transaction((r) => r.audit.dailyHeads());
    const anchors = heads.map(({ day, entryCount, hash }) => ({ day, entryCount, hash }));
    expect(anchors.map((a) => a.day)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09']);
    const json = await t.runtime.app.request('/public/audit-heads.json');
    expect(json.status).toBe(200);
    expect(parseAnchors(await json.text())).toEqual({ ok: true, anchors });
    const txt = await t.runtime.app.request('/public/audit-heads.txt');
    expect(txt.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(parseAnchors(await txt.text())).toEqual({ ok: true, anchors });
    const page = await (await t.runtime.app.request('/public/audit-heads')).text();
    for (const a of anchors) expect(page).toContain(a.hash);
    expect(page).toContain('audit verify --anchors');
    expect(await (await t.runtime.app.request('/public')).text()).toContain('<a href="/public/audit-heads">审计日志每日链头</a>');
  });
});
