import { describe, expect, it } from 'vitest';
import { drawExample, readWindow } from '../../../src/app/commands/parse-draw';
import { createDispatcher, splitCommand } from '../../../src/app/dispatch';
import { AppError } from '../../../src/app/use-case';

const TODAY = '2026-03-02';
const dispatcher = createDispatcher();

/** What the table reads from a typed command: its canonical word and input, or the refusal. */
function parseCommand(text: string, today: string): Record<string, unknown> & { message?: string } {
  const entry = dispatcher.commandOf(text);
  if (!entry) return { kind: 'unknown', text: text.trim() };
  try {
    const input = entry.parse(splitCommand(text).command, { today });
    return { kind: entry.words[0], ...(typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {}) };
  } catch (error) {
    if (error instanceof AppError) return { kind: 'invalid', message: error.message };
    throw error;
  }
}

describe('reading commands through the table', () => {
  it('parses the example draw command', () => {
    expect(parseCommand('/draw 冶金 建材 10家 每组2人 6月1日-6月30日', TODAY)).toEqual({
      kind: 'draw',
      filters: { industries: ['冶金', '建材'] },
      quotas: 10,
      groupSize: 2,
      requireExpertise: undefined,
      window: { from: '2026-06-01', to: '2026-06-30' },
    });
  });

  it('accepts the Chinese aliases and full-width punctuation', () => {
    const r = parseCommand('摇号　机械，轻工　5家', TODAY);
    expect(r).toMatchObject({ kind: 'draw', filters: { industries: ['机械', '轻工'] }, quotas: 5 });
    expect(parseCommand('／抽取 3', TODAY)).toMatchObject({ kind: 'draw', quotas: 3 });
  });

  it('parses per-industry quotas, risk ratios, townships and 定向', () => {
    expect(parseCommand('/draw 机械5家 建材3家', TODAY)).toMatchObject({ quotas: { byIndustry: { 机械: 5, 建材: 3 } } });
    expect(parseCommand('/draw 高风险30% 低风险1% 每组3人', TODAY)).toMatchObject({ quotas: { byRiskRatio: { 高: 0.3, 低: 0.01 } }, groupSize: 3 });
    expect(parseCommand('/draw 岳滩镇 商城街道 4家', TODAY)).toMatchObject({ filters: { townships: ['岳滩镇', '商城街道'] } });
    expect(parseCommand('/draw 定向 91350100M000100Y43', TODAY)).toMatchObject({ filters: { usccs: ['91350100M000100Y43'] }, quotas: 1 });
  });

  it('refuses bad input with the reason and a correct example', () => {
    const unknown = parseCommand('/draw 化工 5家', TODAY);
    expect(unknown.kind).toBe('invalid');
    expect(unknown.message).toMatch(/看不懂“化工”[\s\S]*正确示例：\/draw 冶金 建材 10家/);
    expect(parseCommand('/draw 机械', TODAY)).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/请写明抽取数量/) });
    expect(parseCommand('/draw 5家 每组1人', TODAY)).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/不得少于 2 人/) });
    expect(parseCommand('/draw 5家 机械3家', TODAY)).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/不能混用/) });
    expect(parseCommand('/draw 5家 2月30日-3月3日', TODAY)).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/日期无效/) });
    expect(parseCommand('/draw 定向', TODAY)).toMatchObject({ kind: 'invalid' });
  });

  it('says a count past any directory is too large, not that it is not a positive integer', () => {
    for (const text of ['/draw 机械 99999999999999999999家', '/draw 机械100000001家', '/draw 5家 每组１２３４５６７８９０人']) {
      const r = parseCommand(text, TODAY);
      expect(r).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/中的数字太大[\s\S]*正确示例/) });
      expect(r.message).not.toMatch(/正整数/);
    }
    expect(parseCommand('/draw 机械 99999999999999999999家', TODAY).message).toContain('“99999999999999999999家”');
    expect(parseCommand('/draw 100000000家', TODAY)).toMatchObject({ kind: 'draw', quotas: 100_000_000 });
  });

  it('parses the other commands', () => {
    expect(parseCommand('/status', TODAY)).toEqual({ kind: 'status' });
    expect(parseCommand('/tasks', TODAY)).toEqual({ kind: 'tasks' });
    expect(parseCommand('/verify 偃应急抽〔2026〕3号', TODAY)).toEqual({ kind: 'verify', ref: '偃应急抽〔2026〕3号' });
    expect(parseCommand('/cancel 偃应急抽〔2026〕3号 企业 停产，需重新安排！', TODAY)).toEqual({
      kind: 'cancel',
      ref: '偃应急抽〔2026〕3号',
      reason: '企业 停产，需重新安排！',
    });
    expect(parseCommand('/cancel 偃应急抽〔2026〕3号', TODAY).kind).toBe('invalid');
    expect(parseCommand('hello', TODAY)).toEqual({ kind: 'unknown', text: 'hello' });
  });
});

describe('readWindow', () => {
  it('reads the common ways of writing a date range', () => {
    expect(readWindow('2026-06-01至2026-06-30', TODAY)).toEqual({ window: { from: '2026-06-01', to: '2026-06-30' } });
    expect(readWindow('2026-06-01-2026-06-30', TODAY)).toEqual({ window: { from: '2026-06-01', to: '2026-06-30' } });
    expect(readWindow('6.1-6.30', TODAY)).toEqual({ window: { from: '2026-06-01', to: '2026-06-30' } });
    expect(readWindow('2026-12-20至2027-01-10', TODAY)).toEqual({ window: { from: '2026-12-20', to: '2027-01-10' } });
  });

  it('asks, never guesses, when the end precedes the start', () => {
    expect(readWindow('12月20日-1月10日', TODAY)).toEqual({
      question: '检查期“12月20日-1月10日”的结束日早于开始日。',
      readings: [{ label: '如果是跨年的检查期（2026-12-20 至 2027-01-10）', window: { from: '2026-12-20', to: '2027-01-10' } }],
    });
    const swapped = readWindow('6月30日-6月1日', TODAY);
    expect(swapped).toMatchObject({
      readings: expect.arrayContaining([{ label: expect.stringMatching(/写反了/), window: { from: '2026-06-01', to: '2026-06-30' } }]),
    });
    expect(readWindow('2026-06-30至2026-06-01', TODAY)).toMatchObject({ readings: [{ window: { from: '2026-06-01', to: '2026-06-30' } }] });
  });

  it('asks about a yearless window that is over this year, and refuses a dated one', () => {
    expect(readWindow('1月1日-1月31日', TODAY)).toMatchObject({ readings: [{ label: '如果是指 2027 年', window: { from: '2027-01-01', to: '2027-01-31' } }] });
    expect(readWindow('2026-01-01至2026-01-31', TODAY)).toEqual({ problem: '检查期“2026-01-01至2026-01-31”已经过去（今天是 2026-03-02）。' });
    expect(readWindow('2月30日-3月3日', TODAY)).toMatchObject({ problem: expect.stringMatching(/日期无效/) });
  });
});

describe('commands never guess', () => {
  it('asks whether counts after industries are per-industry quotas, with the exact text to send', () => {
    const r = parseCommand('/draw 冶金 2家 建材 3家 每组2人', TODAY);
    expect(r.kind).toBe('invalid');
    expect(r.message).toContain('如果要分行业抽取，请发送：/draw 冶金2家 建材3家 每组2人');
    expect(r.message).toContain('请只写一个数量，例如：/draw 冶金 2家 建材 每组2人');
    expect(parseCommand('/draw 冶金2家 建材3家 每组2人', TODAY)).toMatchObject({ kind: 'draw', quotas: { byIndustry: { 冶金: 2, 建材: 3 } } });
  });

  it('refuses a single value written twice instead of keeping the last', () => {
    expect(parseCommand('/draw 5家 3家', TODAY)).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/写了 2 个数量（5家、3家）/) });
    expect(parseCommand('/draw 5家 每组2人 每组3人', TODAY)).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/2 个每组人数/) });
    expect(parseCommand('/draw 5家 6月1日-6月30日 7月1日-7月31日', TODAY)).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/2 个检查期/) });
  });

  it('puts the exact command to send in a window question', () => {
    const r = parseCommand('/draw 机械 5家 12月20日-1月10日', TODAY);
    expect(r.message).toBe(
      '检查期“12月20日-1月10日”的结束日早于开始日。\n如果是跨年的检查期（2026-12-20 至 2027-01-10），请发送：/draw 机械 5家 2026-12-20至2027-01-10',
    );
    expect(parseCommand('/draw 机械 5家 2026-12-20至2027-01-10', TODAY)).toMatchObject({ kind: 'draw', window: { from: '2026-12-20', to: '2027-01-10' } });
  });

  it('shows an example that is valid on the day it is shown', () => {
    for (const today of ['2026-03-02', '2026-11-30', '2026-12-02', '2027-12-31', '2028-01-31']) {
      const example = drawExample(today);
      const read = parseCommand(example, today);
      expect(read, `${today}: ${example}`).toMatchObject({ kind: 'draw', quotas: 10 });
      expect((read.window as { from: string }).from > today).toBe(true);
    }
    expect(drawExample('2026-12-02')).toBe('/draw 冶金 建材 10家 每组2人 2027-01-01至2027-01-31');
    expect(drawExample('2026-03-02')).toBe('/draw 冶金 建材 10家 每组2人 4月1日-4月30日');
  });
});

describe('full-width input', () => {
  it('reads full-width digits, letters and signs as half-width', () => {
    expect(parseCommand('／ｄｒａｗ 机械 １０家 每组２人', TODAY)).toMatchObject({ kind: 'draw', quotas: 10, groupSize: 2 });
    expect(parseCommand('/draw 高风险３０％', TODAY)).toMatchObject({ kind: 'draw', quotas: { byRiskRatio: { 高: 0.3 } } });
    expect(parseCommand('/verify ２０２６－３', TODAY)).toMatchObject({ kind: 'verify' });
  });
});

describe('the plan and batch of a draw', () => {
  it('reads the plan by its document number, with or without 计划, and the batch', () => {
    for (const text of [
      '/draw 计划 偃应急〔2026〕18号 第二批 机械 5家',
      '/draw 偃应急[2026]18号 第2批 机械 5家',
      '/draw 计划偃应急（2026）18号 批次2 机械 5家',
    ]) {
      expect(parseCommand(text, TODAY), text).toMatchObject({
        kind: 'draw',
        filters: { industries: ['机械'] },
        quotas: 5,
        plan: { docNo: '偃应急〔2026〕18号', batch: 2 },
      });
    }
    expect(parseCommand('/draw 第一批 机械 5家', TODAY)).toMatchObject({ plan: { batch: 1 } });
    expect(parseCommand('/draw 机械 5家', TODAY)).not.toHaveProperty('plan');
  });

  it('refuses a bad number, two plans or two batches, and 计划 without a number', () => {
    expect(parseCommand('/draw 计划 偃应急〔2026〕 机械 5家', TODAY).message).toMatch(/^计划文号“偃应急〔2026〕”写法不对，应写成“偃应急〔2026〕18号”/);
    expect(parseCommand('/draw 偃应急〔2026〕18号 偃应急〔2026〕19号 机械 5家', TODAY).message).toMatch(/^写了 2 个计划文号/);
    expect(parseCommand('/draw 第一批 第二批 机械 5家', TODAY).message).toMatch(/^写了 2 个批次/);
    expect(parseCommand('/draw 计划 机械 5家', TODAY).message).toMatch(/^“计划”后面请写计划文号/);
  });
});
