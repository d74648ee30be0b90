import { loadDrawExport } from '../../app/draw-export';
import type { Store } from '../../app/ports/store';
import type { PublicPageDeps } from '../../app/ports/public-page';
import type { MemoryDatabase } from './memory-database';
import { readDate } from './values';

/** The public page's read-only queries on the in-memory store (those of src/db/repos/public-repo.ts). */
export function memoryPublicQueries(memory: MemoryDatabase, store: Store): PublicPageDeps {
  const agencyName = (id: number) => memory.committed.agencies.get(id)?.name ?? '';
  return {
    async published(limit) {
      const rows = await store.transaction((repos) => repos.tasks.published(null, limit));
      return rows.map((r) => ({ ...r, agencyName: agencyName(r.agencyId) }));
    },
    async draws(limit) {
      return [...memory.committed.draws.values()]
        .filter((d) => d.status === 'executed' || d.status === 'cancelled' || d.status === 'abandoned')
        .sort((a, b) => b.id - a.id)
        .slice(0, limit)
        .map((d) => ({
          id: d.id,
          drawNo: d.drawNo,
          agencyName: agencyName(d.agencyId),
          status: d.status,
          executedAt: readDate(d.executedAt),
          commitment: d.commitment,
          seed: d.seed,
        }));
    },
    async drawExport(id) {
      const agencyId = memory.committed.draws.get(id)?.agencyId;
      if (agencyId === undefined) return undefined;
      return store.transaction(async (repos) => {
        const draw = await repos.draws.byId(agencyId, id);
        return draw ? loadDrawExport(repos, draw) : undefined;
      });
    },
  };
}
