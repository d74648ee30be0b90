/**
 * A draw nobody can re-roll: it commits to a future drand round (nobody, the operator included,
 * knows the result before it is out), its record carries its timeline and commits to who was left
 * out and why, and an abandoned draw's record shows what it would have drawn.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDrawExport } from '../../src/app/draw-export';
import { verifyDrawExport, type DrawExport } from '../../src/domain/draw';
import { createHttpBeacon } from '../../src/beacon';
import { startFakeDrandBeacon, type FakeDrandBeacon } from '../fakes/drand-beacon';
import { cardText, startTestRuntime, transcript, type TestRuntime } from '../support/test-runtime';

const START = '2026-03-02T01:30:00Z';

describe('a draw bound to a public randomness beacon round', () => {
  let t: TestRuntime<'memory'>;
  let drand: FakeDrandBeacon;
  const now = () => (t ? t.clock.now().getTime() : Date.parse(START));
  beforeAll(async () => {
    drand = await startFakeDrandBeacon({ period: 3, genesisTime: Date.parse(START) / 1000 - 3000, now });
    const beacon = createHttpBeacon({ baseUrl: drand.url, chain: drand.chain, now, giveUpAfterMs: 2000, backoffMs: { first: 50, max: 200 } });
    t = await startTestRuntime({ kind: 'memory', now: START, beacon });
  });
  afterAll(async () => {
    await t?.close();
    await drand?.close();
  });

  const recordOf = async (drawNo: string): Promise<DrawExport> =>
    t.store.transaction(async (r) => {
      const draw = (await r.draws.byNo(1, drawNo))!;
      return (await loadDrawExport(r, draw))!;
    });

  it('announces the round, refuses 确认抽取 before it is out, then mixes it in and verifies', async () => {
    await t.chat.say('leader', '/draw 机械 2家 每组2人');
    const card = t.chat.lastCard(t.chat.group(), 'draw:');
    expect(cardText(card.card)).toMatch(/公共随机信标：drand 第 \d+ 轮，2026-03-02 09:32:\d\d 发布；发布前任何人（含服务器管理员）都无法预知结果/);
    const early = await t.chat.click('leader', card.id, 'draw.execute', t.chat.button(card.card, '确认抽取').payload);
    expect(early.body.toast?.text).toMatch(/该轮将于 2026-03-02 09:32:\d\d 发布（还有 1[12]\d 秒）/);
    expect(await t.data.draws()).toEqual([{ drawNo: '偃应急抽〔2026〕1号', status: 'prepared' }]);
    t.clock.advance(125_000);
    const done = await t.chat.click('leader', card.id, 'draw.execute', t.chat.button(card.card, '确认抽取').payload);
    expect(done.body.toast?.kind).toBe('success');
    expect(cardText(t.chat.group().find((m) => m.card?.key === 'draw:1')!.card!)).toMatch(/随机值 [0-9a-f]{64}/);

    const record = await recordOf('偃应急抽〔2026〕1号');
    expect(record).toMatchObject({ format: 'drbot-draw-export/2', status: 'executed', seedVersion: 2 });
    expect(record.beacon?.signature).toBe(drand.signatureOf(record.beacon!.round));
    expect(Date.parse(record.timeline!.executedAt!) - Date.parse(record.timeline!.preparedAt)).toBe(125_000);
    expect(verifyDrawExport(record, { chain: drand.chain })).toEqual({ ok: true });
    // Against the pinned quicknet chain the fake's round is refused: a record cannot bring its own chain.
    expect(verifyDrawExport(record).ok).toBe(false);

    await t.chat.say('leader', '/verify 1');
    expect(transcript(t.chat.group())).toMatch(/复核通过：偃应急抽〔2026〕1号 的名单哈希、秘密值承诺、公共随机信标第 \d+ 轮、种子/);
  });

  it('refuses a record with a forged round, a changed exclusion reason or an impossible timeline, naming the field', async () => {
    const record = await recordOf('偃应急抽〔2026〕1号');
    const chain = { chain: drand.chain };
    const other = drand.signatureOf(record.beacon!.round + 1);
    expect(verifyDrawExport({ ...record, beacon: { ...record.beacon!, signature: other } }, chain)).toMatchObject({ ok: false });
    expect(record.excludedEnterprises.length).toBeGreaterThan(0);
    const edited = { ...record, excludedEnterprises: record.excludedEnterprises.map((e, i) => (i === 0 ? { ...e, detail: `${e.detail}（改）` } : e)) };
    const result = verifyDrawExport(edited, chain);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.difference).toMatch(/^排除企业名单 excludedEnterprises 的哈希 excludedEnterprisesHash 不一致/);
    const added = { ...record, excludedOfficers: [...record.excludedOfficers, { certificateNo: '41030099', name: '某', code: 'off-duty', detail: '休假' }] };
    expect(verifyDrawExport(added, chain)).toMatchObject({ ok: false, difference: expect.stringMatching(/^排除人员名单 excludedOfficers/) });
    const backwards = { ...record, timeline: { ...record.timeline!, executedAt: '2026-03-01T00:00:00.000Z' } };
    expect(verifyDrawExport(backwards, chain)).toMatchObject({ ok: false, difference: expect.stringMatching(/^时间顺序不对：timeline.executedAt/) });
  });

  it("publishes an abandoned draw's secret and what it would have drawn", async () => {
    await t.chat.say('leader', '/draw 建材 2家 每组2人');
    const card = t.chat.lastCard(t.chat.group(), 'draw:');
    t.clock.advance(125_000);
    await t.chat.click('leader', card.id, 'draw.abandon', t.chat.button(card.card, '放弃').payload);
    const why = t.chat.lastCard(t.chat.group(), 'draw-abandon:');
    await t.chat.click('leader', why.id, 'draw.abandon', why.card.form!.submit.payload, { reason: '应为机械行业' });
    const record = await recordOf('偃应急抽〔2026〕2号');
    expect(record).toMatchObject({ status: 'abandoned', timeline: { endedReason: '应为机械行业' } });
    expect(record.tasks).toHaveLength(2);
    expect(verifyDrawExport(record, { chain: drand.chain })).toEqual({ ok: true });
    await t.chat.say('leader', '/verify 2');
    expect(transcript(t.chat.group())).toMatch(/复核通过：偃应急抽〔2026〕2号 已放弃，其秘密值已公开；若当时执行，将抽中 2 家：/);
  });

  it('links the next draw of the same scope to the abandoned one, on its card and in its record', async () => {
    await t.chat.say('leader', '/draw 建材 2家 每组2人');
    const card = t.chat.lastCard(t.chat.group(), 'draw:');
    expect(cardText(card.card)).toContain('重新抽取：本次抽取的范围与已放弃的 偃应急抽〔2026〕2号 相同，两次记录均公开');
    t.clock.advance(125_000);
    await t.chat.click('leader', card.id, 'draw.execute', t.chat.button(card.card, '确认抽取').payload);
    expect((await recordOf('偃应急抽〔2026〕3号')).supersedes).toBe('偃应急抽〔2026〕2号');
    // Another scope does not link.
    await t.chat.say('leader', '/draw 纺织 1家 每组2人');
    expect(cardText(t.chat.lastCard(t.chat.group(), 'draw:').card)).not.toContain('重新抽取');
  });
});
