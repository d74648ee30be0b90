import { describe, expect, it } from 'vitest';
import { parseWindow } from '../../../src/app/commands/parse-draw';
import { createDispatcher, splitCommand } from '../../../src/app/dispatch';
import { AppError } from '../../../src/app/use-case';

const TODAY = '2026-03-02';
const dispatcher = createDispatcher();

/** What the table reads from a typed command: its canonical word and input, or the refusal. */
function parseCommand(text: string, today: string): Record<string, unknown> {
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

  it('parses the other commands', () => {
    expect(parseCommand('/status', TODAY)).toEqual({ kind: 'status' });
    expect(parseCommand('/tasks', TODAY)).toEqual({ kind: 'tasks' });
    expect(parseCommand('/verify 偃应急抽〔2026〕3号', TODAY)).toEqual({ kind: 'verify', drawNo: '偃应急抽〔2026〕3号' });
    expect(parseCommand('/cancel 偃应急抽〔2026〕3号 企业 停产', TODAY)).toEqual({ kind: 'cancel', drawNo: '偃应急抽〔2026〕3号', reason: '企业 停产' });
    expect(parseCommand('/cancel 偃应急抽〔2026〕3号', TODAY).kind).toBe('invalid');
    expect(parseCommand('hello', TODAY)).toEqual({ kind: 'unknown', text: 'hello' });
  });
});

describe('parseWindow', () => {
  it('reads the common ways of writing a date range', () => {
    expect(parseWindow('2026-06-01至2026-06-30', TODAY)).toEqual({ from: '2026-06-01', to: '2026-06-30' });
    expect(parseWindow('2026-06-01-2026-06-30', TODAY)).toEqual({ from: '2026-06-01', to: '2026-06-30' });
    expect(parseWindow('6.1-6.30', TODAY)).toEqual({ from: '2026-06-01', to: '2026-06-30' });
    expect(parseWindow('12月20日-1月10日', TODAY)).toEqual({ from: '2026-12-20', to: '2027-01-10' });
  });

  it('refuses a window that is over', () => {
    expect(parseWindow('1月1日-1月31日', TODAY)).toMatch(/已经过去/);
  });
});
