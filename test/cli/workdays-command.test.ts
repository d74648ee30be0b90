import { describe, expect, it } from 'vitest';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIo } from '../../src/cli/command';
import { workdaysCommand, type WorkdaysCliContext } from '../../src/cli/workdays-command';
import { parseHolidayFile } from '../../src/domain/workdays/index';

function collect() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t) };
  return { io, out, err };
}

async function run(args: string[], ctx?: WorkdaysCliContext) {
  const c = collect();
  const code = await workdaysCommand.run(args, c.io, ctx);
  return { code, out: c.out, err: c.err };
}

describe('workdays CLI', () => {
  it('is named workdays and has a usage text', () => {
    expect(workdaysCommand.name).toBe('workdays');
    expect(workdaysCommand.usage).toContain('workdays add <YYYY-MM-DD> <n>');
  });

  it('add prints the date only', async () => {
    expect(await run(['add', '2023-09-28', '1'])).toEqual({ code: EXIT_OK, out: ['2023-10-07'], err: [] });
    expect(await run(['add', '2026-02-12', '5'])).toEqual({ code: EXIT_OK, out: ['2026-02-26'], err: [] });
    expect(await run(['add', '2026-02-12', '0'])).toEqual({ code: EXIT_OK, out: ['2026-02-12'], err: [] });
  });

  it('add into a year without schedule: date on stdout, Chinese warning on stderr', async () => {
    const r = await run(['add', '2026-12-28', '5']);
    expect(r.code).toBe(EXIT_OK);
    expect(r.out).toEqual(['2027-01-04']);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^警告：2027 年的国务院放假安排尚未载入，结果按周一至周五推算/);
  });

  it('is prints workday / weekend / holiday', async () => {
    expect(await run(['is', '2023-10-07'])).toEqual({ code: EXIT_OK, out: ['workday'], err: [] });
    expect(await run(['is', '2023-10-14'])).toEqual({ code: EXIT_OK, out: ['weekend'], err: [] });
    expect(await run(['is', '2023-09-30'])).toEqual({ code: EXIT_OK, out: ['holiday'], err: [] });
    const r = await run(['is', '2027-01-01']);
    expect(r.out).toEqual(['workday']);
    expect(r.err[0]).toMatch(/^警告：2027 年/);
  });

  it('count prints the number, refuses an unloaded year', async () => {
    expect(await run(['count', '2025'])).toEqual({ code: EXIT_OK, out: ['248'], err: [] });
    const r = await run(['count', '2027']);
    expect(r.code).toBe(EXIT_FAILURE);
    expect(r.out).toEqual([]);
    expect(r.err[0]).toMatch(/^2027 年的放假安排尚未载入/);
  });

  it('bad usage → exit 2 with usage on stderr', async () => {
    for (const args of [[], ['frobnicate'], ['add', '2026-01-01'], ['is'], ['count', '2025', 'x']]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(EXIT_USAGE);
      expect(r.out).toEqual([]);
      expect(r.err.join('\n')).toContain('用法：');
    }
    expect((await run(['help'])).code).toBe(EXIT_OK);
  });

  it('bad values → Chinese message naming the value, exit 2', async () => {
    expect(await run(['is', '2026-13-01'])).toEqual({
      code: EXIT_USAGE,
      out: [],
      err: ['日期“2026-13-01”无效，应为 YYYY-MM-DD 格式的真实日期，例如 2026-11-30。'],
    });
    expect((await run(['add', '2026/01/01', '3'])).err[0]).toContain('“2026/01/01”');
    expect(await run(['add', '2026-01-01', '-1'])).toEqual({
      code: EXIT_USAGE,
      out: [],
      err: ['天数“-1”无效，应为 0 到 10000 之间的整数。'],
    });
    expect((await run(['add', '2026-01-01', '2.5'])).code).toBe(EXIT_USAGE);
    expect((await run(['add', '2026-01-01', '99999'])).code).toBe(EXIT_USAGE);
    expect((await run(['count', '25'])).err[0]).toBe('年份“25”无效，应为四位数字年份，例如 2025。');
    expect((await run(['add', '9999-12-31', '1'])).code).toBe(EXIT_USAGE);
  });

  it('uses ctx.loadHolidayOverrides when present', async () => {
    const file = parseHolidayFile('年份,2027\n日期,类型,名称\n2027-01-01,放假,元旦\n2027-01-02,放假,元旦\n2027-01-03,放假,元旦');
    if (!file.ok) throw new Error(file.errors.join('\n'));
    const ctx: WorkdaysCliContext = { loadHolidayOverrides: async () => file.calendarOverrides };
    expect(await run(['add', '2026-12-31', '1'], ctx)).toEqual({ code: EXIT_OK, out: ['2027-01-04'], err: [] });
    expect(await run(['is', '2027-01-01'], ctx)).toEqual({ code: EXIT_OK, out: ['holiday'], err: [] });
    expect((await run(['count', '2027'], ctx)).code).toBe(EXIT_OK);
  });

  it('a failing override source → exit 1 with a message', async () => {
    const r = await run(['is', '2026-01-01'], {
      loadHolidayOverrides: async () => {
        throw new Error('database unavailable');
      },
    });
    expect(r).toEqual({ code: EXIT_FAILURE, out: [], err: ['读取放假安排失败：database unavailable'] });
  });
});
