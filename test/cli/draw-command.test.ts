// biome-ignore-all lint/suspicious/noExplicitAny: tampering with a parsed JSON document of any shape
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawCommand } from '../../src/cli/draw-command';
import type { CliContext } from '../../src/cli/commands';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime';
import { TEST_DRAW_KEY } from '../support/draw-key';

function collect() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'drbot-cli-'));
const noDb: CliContext = { drawKey: () => TEST_DRAW_KEY, openDatabase: () => Promise.reject(new Error('this command must not need a database')) };

describe('draw simulate', () => {
  const base = [
    'simulate',
    '--enterprises',
    'test/fixtures/enterprises.csv',
    '--officers',
    'test/fixtures/officers.csv',
    '--count',
    '4',
    '--from',
    '2026-04-01',
    '--to',
    '2026-04-30',
    '--json',
  ];

  it('is reproducible from the seed and prints the documented shape', async () => {
    const seed = '0f'.repeat(32);
    const a = collect();
    const b = collect();
    expect(await drawCommand.run([...base, '--seed', seed, '--industries', '机械,建材'], a.io, noDb)).toBe(0);
    expect(await drawCommand.run([...base, '--seed', seed, '--industries', '机械,建材'], b.io, noDb)).toBe(0);
    expect(a.out).toEqual(b.out);
    const result = JSON.parse(a.out[0]!) as { seed: string; tasks: Array<{ enterprise: string; officers: string[] }>; excluded: unknown[] };
    expect(result.seed).toBe(seed);
    expect(result.tasks).toHaveLength(4);
    for (const t of result.tasks) {
      expect(t.enterprise).toMatch(/^[0-9A-Z]{18}$/);
      expect(new Set(t.officers).size).toBe(2);
    }
    const other = collect();
    await drawCommand.run([...base, '--seed', '1e'.repeat(32), '--industries', '机械,建材'], other.io, noDb);
    expect(other.out).not.toEqual(a.out);
  });

  it('uses a fresh seed when none is given, and refuses bad usage with exit 2', async () => {
    const fresh = collect();
    expect(await drawCommand.run(base, fresh.io, noDb)).toBe(0);
    expect(JSON.parse(fresh.out[0]!).seed).toMatch(/^[0-9a-f]{64}$/);
    const bad = collect();
    expect(await drawCommand.run(['simulate', '--count', 'x'], bad.io, noDb)).toBe(2);
    expect(bad.err.join('\n')).toMatch(/缺少 --enterprises[\s\S]*--count 应为不小于 1 的整数/);
    expect(await drawCommand.run(['simulate', ...base.slice(1), '--seed', 'abc'], collect().io, noDb)).toBe(2);
  });
});

describe('draw export and verify', () => {
  let t: TestRuntime;
  let file: string;
  beforeAll(async () => {
    t = await startTestRuntime();
    await t.chat.say('leader', '/draw 机械 3家 每组2人');
    const card = t.chat.lastCard(t.chat.group(), 'draw:');
    await t.chat.click('leader', card.id, 'draw.execute', { drawId: '1' });
    file = join(dir, 'draw.json');
    const r = collect();
    expect(
      await drawCommand.run(['export', '偃应急抽〔2026〕1号', '--out', file], r.io, { drawKey: () => TEST_DRAW_KEY, openDatabase: async () => t.database }),
    ).toBe(0);
    expect(r.out).toEqual([file]);
  });
  afterAll(() => t?.close());

  it('verifies an untouched record from the file alone', async () => {
    const r = collect();
    expect(await drawCommand.run(['verify', file], r.io, noDb)).toBe(0);
    expect(r.out).toEqual(['OK']);
  });

  function tampered(change: (doc: Record<string, any>) => void): string {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    change(doc);
    const path = join(dir, `tampered-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify(doc));
    return path;
  }

  it.each([
    [
      'a changed pool entry',
      (d: Record<string, any>) => (d.enterprisePool[0].riskLevel = d.enterprisePool[0].riskLevel === '高' ? '低' : '高'),
      /^企业池哈希 enterprisePoolHash 不一致：记录为 [0-9a-f]{64}，重新计算为 [0-9a-f]{64}$/,
    ],
    ['a changed parameter', (d: Record<string, any>) => (d.params.policy.groupSize = 3), /^规范参数 paramsCanonical 不一致/],
    ['a changed result', (d: Record<string, any>) => d.tasks[0].officers.reverse(), /^检查组 tasks\[0\] 不一致/],
    ['a wrong secret', (d: Record<string, any>) => (d.secret = '00'.repeat(32)), /^秘密值承诺 commitment（秘密值的 SHA-256）不一致/],
  ])('catches %s', async (_name, change, pattern) => {
    const r = collect();
    expect(await drawCommand.run(['verify', tampered(change)], r.io, noDb)).toBe(1);
    expect(r.out.join('\n')).toMatch(pattern);
  });

  it('rejects a file that is not a draw record', async () => {
    const path = join(dir, 'junk.json');
    writeFileSync(path, '{"hello": 1');
    const r = collect();
    expect(await drawCommand.run(['verify', path], r.io, noDb)).toBe(1);
    expect(r.out.join('')).toMatch(/^不是有效的 JSON：/);
    const missing = collect();
    expect(await drawCommand.run(['verify', join(dir, 'no-such.json')], missing.io, noDb)).toBe(1);
    expect(missing.err.join('')).toBe(`无法读取文件“${join(dir, 'no-such.json')}”：文件不存在，请检查路径和文件名`);
  });

  it('refuses to export a draw that does not exist', async () => {
    const r = collect();
    expect(await drawCommand.run(['export', '偃应急抽〔2026〕99号'], r.io, { drawKey: () => TEST_DRAW_KEY, openDatabase: async () => t.database })).toBe(1);
    expect(r.err.join('')).toContain('找不到抽取编号');
  });
});
