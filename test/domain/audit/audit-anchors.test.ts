import { describe, expect, it } from 'vitest';
import { anchorMessage, anchorsText, compareWithAnchors, parseAnchors, type Anchor } from '../../../src/domain/audit/audit-anchors';
import { GENESIS_HASH } from '../../../src/domain/audit/audit-chain';

const h = (c: string) => c.repeat(64);
const anchors: Anchor[] = [
  { day: '2026-03-02', entryCount: 10, hash: h('a') },
  { day: '2026-03-03', entryCount: 25, hash: h('b') },
  { day: '2026-03-04', entryCount: 40, hash: h('c') },
];

describe('reading published heads', () => {
  it('reads the JSON of /public/audit-heads.json, the text list and the group messages alike', () => {
    const json = JSON.stringify({ description: '…', genesis: GENESIS_HASH, heads: anchors.map((a) => ({ ...a, recordedAt: '2026-03-03T01:00:00.000Z' })) });
    expect(parseAnchors(json)).toEqual({ ok: true, anchors });
    expect(parseAnchors(anchorsText(anchors))).toEqual({ ok: true, anchors });
    const chat = [
      '偃师区应急管理局工作群',
      anchorMessage(anchors[0]!, 'https://example.gov.cn/public/audit-heads'),
      '张三：收到',
      anchorMessage(anchors[1]!, '/public/audit-heads'),
      `\uFEFF${anchorMessage(anchors[2]!, 'https://example.gov.cn:8443/public/audit-heads')}`,
    ].join('\r\n');
    expect(parseAnchors(chat)).toEqual({ ok: true, anchors });
    expect(parseAnchors(`[${JSON.stringify({ date: '2026-03-02', count: 10, hash: h('A') })}]`)).toEqual({ ok: true, anchors: [anchors[0]] });
  });

  it('says what is wrong with a file that is not a list of heads', () => {
    expect(parseAnchors('')).toMatchObject({ ok: false, reason: expect.stringMatching(/^没有找到任何链头/) });
    expect(parseAnchors('{"heads": [{"day": "2026-03-02", "entryCount": 10, "hash": "abc"}]}')).toEqual({
      ok: false,
      reason: 'heads 第 1 项不完整：应有 day（YYYY-MM-DD）、entryCount（非负整数）和 hash（64 位十六进制）',
    });
    expect(parseAnchors('{"heads": ')).toMatchObject({ ok: false, reason: expect.stringMatching(/^不是有效的 JSON/) });
    expect(parseAnchors('{"rows": []}')).toMatchObject({ ok: false, reason: expect.stringMatching(/没有 heads 列表/) });
    expect(parseAnchors(`# 注释\n链头 ${h('d')}`)).toMatchObject({ ok: false, reason: expect.stringMatching(/^第 2 行有哈希但读不出日期和条数/) });
  });
});

describe('comparing the chain with published heads', () => {
  const hashes = (entries: Array<[number, string]>) => new Map(entries);

  it('confirms heads that are still prefixes of the chain and counts the entries after the newest', () => {
    const report = compareWithAnchors(anchors, {
      check: { ok: true, count: 45, lastHash: h('e') },
      stored: 45,
      hashes: hashes([
        [10, h('a')],
        [25, h('b')],
        [40, h('c')],
      ]),
    });
    expect(report).toEqual({ ok: true, failures: [], confirmed: 3, unanchored: 5 });
  });

  it('names a rewrite between the last head that holds and the first that does not', () => {
    const report = compareWithAnchors(anchors, {
      check: { ok: true, count: 45, lastHash: h('e') },
      stored: 45,
      hashes: hashes([
        [10, h('a')],
        [25, h('9')],
        [40, h('8')],
      ]),
    });
    expect(report.ok).toBe(false);
    expect(report.confirmed).toBe(1);
    expect(report.failures).toEqual([
      `2026-03-03 公布的链头（共 25 条，bbbbbbbbbbbb…）不符：现存第 25 条的哈希是 999999999999…。第 11 至第 25 条之间有记录被改写，其后的哈希被重新计算过`,
      `2026-03-04 公布的链头（共 40 条，cccccccccccc…）不符：现存第 40 条的哈希是 888888888888…。第 11 至第 40 条之间有记录被改写，其后的哈希被重新计算过`,
    ]);
  });

  it('names a cut tail, and a head that a broken chain cannot confirm', () => {
    const cut = compareWithAnchors(anchors, {
      check: { ok: true, count: 30, lastHash: h('e') },
      stored: 30,
      hashes: hashes([
        [10, h('a')],
        [25, h('b')],
      ]),
    });
    expect(cut.failures).toEqual([
      '2026-03-04 公布的链头（共 40 条，cccccccccccc…）不符：日志现在只有 30 条，第 31 至第 40 条被删除（末尾被截断，链头被回退）',
    ]);
    const broken = compareWithAnchors(anchors, {
      check: { ok: false, brokenAt: 20, reason: '…' },
      stored: 45,
      hashes: hashes([[10, h('a')]]),
    });
    expect(broken.failures).toEqual([
      '2026-03-03 公布的链头（共 25 条，bbbbbbbbbbbb…）无法核对：哈希链在第 20 条断裂，见上',
      '2026-03-04 公布的链头（共 40 条，cccccccccccc…）无法核对：哈希链在第 20 条断裂，见上',
    ]);
    expect(
      compareWithAnchors([{ day: '2026-03-01', entryCount: 0, hash: h('1') }], {
        check: { ok: true, count: 0, lastHash: GENESIS_HASH },
        stored: 0,
        hashes: new Map(),
      }).ok,
    ).toBe(false);
  });
});
