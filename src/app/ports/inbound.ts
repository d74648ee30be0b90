import type { Platform } from './messenger';

/** Every platform delivery, recorded once so that a redelivered event is dropped. */
export interface InboundRepo {
  recordOnce(key: string, platform: Platform): Promise<boolean>;
}
