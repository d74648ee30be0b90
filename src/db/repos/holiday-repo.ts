import { and, asc, gte, lte } from 'drizzle-orm';
import type { Repos } from '../../app/ports/store';
import type { CalendarOverride } from '../../domain/workdays';
import type { DbOrTx } from '../database';
import { holidayOverrides, holidayYears } from '../schema';

export function holidayRepo(tx: DbOrTx): Repos['holidays'] {
  return {
    async overrides() {
      const days = await tx.select().from(holidayOverrides).orderBy(asc(holidayOverrides.date));
      const years = await tx.select().from(holidayYears);
      const out: CalendarOverride[] = days.map((d) => ({ date: d.date, kind: d.kind, name: d.name ?? undefined }));
      for (const y of years) out.push({ year: y.year, complete: true });
      return out;
    },
    async importYear(year, overrides, loadedBy) {
      const days = overrides.filter((o): o is Extract<CalendarOverride, { date: string }> => 'date' in o);
      // A year's file replaces the year: days dropped from a corrected file must not stay in force.
      await tx.delete(holidayOverrides).where(and(gte(holidayOverrides.date, `${year}-01-01`), lte(holidayOverrides.date, `${year}-12-31`)));
      for (const d of days) {
        await tx
          .insert(holidayOverrides)
          .values({ date: d.date, kind: d.kind, name: d.name ?? null })
          .onConflictDoUpdate({ target: holidayOverrides.date, set: { kind: d.kind, name: d.name ?? null } });
      }
      await tx.insert(holidayYears).values({ year, loadedBy }).onConflictDoUpdate({ target: holidayYears.year, set: { loadedBy } });
      return days.length;
    },
  };
}
