import type { Repos } from '../../app/ports/store';
import type { DbOrTx } from '../database';
import { inboundEvents } from '../schema';

export function inboundRepo(tx: DbOrTx): Repos['inbound'] {
  return {
    /** True the first time a delivery key is seen; a repeat inserts nothing and returns false. */
    async recordOnce(key, platform) {
      const rows = await tx.insert(inboundEvents).values({ key, platform }).onConflictDoNothing().returning({ key: inboundEvents.key });
      return rows.length === 1;
    },
    async recordEach(deliveries) {
      if (!deliveries.length) return new Set();
      const rows = await tx
        .insert(inboundEvents)
        .values(deliveries.map(({ key, platform }) => ({ key, platform })))
        .onConflictDoNothing()
        .returning({ key: inboundEvents.key });
      return new Set(rows.map((r) => r.key));
    },
  };
}
