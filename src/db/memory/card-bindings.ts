import { controlsOf, mergeControls } from '../../app/card-controls';
import type { CardBindings, CardControls } from '../../app/ports/card-bindings';

/** Card controls kept in memory, as `cardBindingRepo` keeps them in `card_controls`. */
export function memoryCardBindings(): CardBindings {
  const byMessage = new Map<string, CardControls>();
  return {
    async controls(platform, messageId) {
      return byMessage.get(`${platform}:${messageId}`);
    },
    async record(platform, messageId, card) {
      const key = `${platform}:${messageId}`;
      byMessage.set(key, mergeControls(byMessage.get(key), controlsOf(card)));
    },
  };
}
