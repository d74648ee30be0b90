import { and, eq, sql } from 'drizzle-orm';
import { controlsOf, mergeControls } from '../../app/card-controls';
import type { CardBindings } from '../../app/ports/card-bindings';
import type { DbOrTx } from '../database';
import { cardControls } from '../schema';

/** Card controls in `card_controls`, one row per card message, replaced when the card is. */
export function cardBindingRepo(db: DbOrTx): CardBindings {
  const controls: CardBindings['controls'] = async (platform, messageId) => {
    const [row] = await db
      .select({ controls: cardControls.controls })
      .from(cardControls)
      .where(and(eq(cardControls.platform, platform), eq(cardControls.messageId, messageId)));
    return row?.controls;
  };
  return {
    controls,
    async record(platform, messageId, card) {
      const merged = mergeControls(await controls(platform, messageId), controlsOf(card));
      await db
        .insert(cardControls)
        .values({ platform, messageId, controls: merged })
        .onConflictDoUpdate({ target: [cardControls.platform, cardControls.messageId], set: { controls: merged, updatedAt: sql`now()` } });
    },
  };
}
