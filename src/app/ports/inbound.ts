import type { Platform } from './messenger';

/** Every platform delivery, recorded once so that a redelivered event is dropped. */
export interface InboundRepo {
  recordOnce(key: string, platform: Platform): Promise<boolean>;
  /** Several deliveries at once (one statement): the keys recorded now, not those seen before. */
  recordEach(deliveries: ReadonlyArray<{ key: string; platform: Platform }>): Promise<Set<string>>;
}
