import { desc, eq, inArray } from 'drizzle-orm';
import { loadDrawExport } from '../../app/draw-export';
import type { PublicPageDeps } from '../../app/ports/public-page';
import type { Store } from '../../app/ports/store';
import type { Db } from '../database';
import { agencies, draws } from '../schema';

/** Read-only queries behind the public page; nothing secret is shown before a draw is executed. */
export function publicQueries(db: Db, store: Store): PublicPageDeps {
  return {
    async published(limit) {
      const names = new Map((await db.select({ id: agencies.id, name: agencies.name }).from(agencies)).map((a) => [a.id, a.name]));
      const rows = await store.transaction((repos) => repos.tasks.published(null, limit));
      return rows.map((r) => ({ ...r, agencyName: names.get(r.agencyId) ?? '' }));
    },
    async draws(limit) {
      return db
        .select({
          id: draws.id,
          drawNo: draws.drawNo,
          agencyName: agencies.name,
          status: draws.status,
          executedAt: draws.executedAt,
          commitment: draws.commitment,
          seed: draws.seed,
        })
        .from(draws)
        .innerJoin(agencies, eq(agencies.id, draws.agencyId))
        .where(inArray(draws.status, ['executed', 'cancelled', 'abandoned']))
        .orderBy(desc(draws.id))
        .limit(limit);
    },
    async drawExport(id) {
      // Outside the transaction: PGlite runs one transaction at a time and a query from outside it would wait forever.
      const [row] = await db.select({ agencyId: draws.agencyId }).from(draws).where(eq(draws.id, id));
      if (!row) return undefined;
      return store.transaction(async (repos) => {
        const draw = await repos.draws.byId(row.agencyId, id);
        return draw ? loadDrawExport(repos, draw) : undefined;
      });
    },
  };
}
