import { CHECK_ITEMS, legalBasisText } from '../../domain/catalog/check-items';
import type { DbOrTx } from '../database';
import { checkItems } from '../schema';
import { fromExcluded } from '../repos/from-excluded';

/** Writes the plan's ten check items (content that ships) on every start; updates wording in place. */
export async function ensureCatalog(db: DbOrTx): Promise<void> {
  await db
    .insert(checkItems)
    .values(CHECK_ITEMS.map((c) => ({ code: c.code, title: c.title, content: c.text, legalBasis: legalBasisText(c), sort: c.no })))
    .onConflictDoUpdate({
      target: checkItems.code,
      set: fromExcluded(['title', 'content', 'legalBasis', 'sort']),
    });
}
