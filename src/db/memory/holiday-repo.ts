import type { Clock } from '../../app/ports/clock';
import type { Repos } from '../../app/ports/store';
import type { CalendarOverride } from '../../domain/workdays';
import type { MemoryTx } from './memory-database';

export function holidayRepo(tx: MemoryTx, clock: Clock): Repos['holidays'] {
  return {
    async overrides() {
      const days = [...tx.read('holidayOverrides').values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      const out: CalendarOverride[] = days.map((d) => ({ date: d.date, kind: d.kind, name: d.name ?? undefined }));
      for (const y of [...tx.read('holidayYears').values()].sort((a, b) => a.year - b.year)) out.push({ year: y.year, complete: true });
      return out;
    },
    async importYear(year, overrides, loadedBy) {
      const days = overrides.filter((o): o is Extract<CalendarOverride, { date: string }> => 'date' in o);
      // A year's file replaces the year: days dropped from a corrected file must not stay in force.
      for (const date of tx.read('holidayOverrides').keys()) if (date >= `${year}-01-01` && date <= `${year}-12-31`) tx.delete('holidayOverrides', date);
      for (const d of days) {
        const createdAt = tx.read('holidayOverrides').get(d.date)?.createdAt ?? clock.now();
        tx.put('holidayOverrides', d.date, { date: d.date, kind: d.kind, name: d.name ?? null, createdAt });
      }
      tx.put('holidayYears', year, { year, loadedBy, loadedAt: tx.read('holidayYears').get(year)?.loadedAt ?? clock.now() });
      return days.length;
    },
  };
}
