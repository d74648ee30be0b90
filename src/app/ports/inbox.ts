import type { InboundEvent } from './inbound-event';

/** A delivery claimed from the inbox by a processor, leased to it until settled. */
export interface ClaimedInboxEvent {
  id: number;
  event: InboundEvent;
  attempts: number;
}

/**
 * The durable inbox as the webhook and its processor use it, outside any unit of work: each call
 * is one short autocommitted statement.
 */
export interface InboxQueue {
  /** Records deliveries in one statement; returns the dedupe keys recorded (not those already waiting). */
  add(events: InboundEvent[], at: Date): Promise<Set<string>>;
  /** Up to `limit` waiting deliveries due at `now` (or whose lease ran out), oldest first, leased until `leaseUntil`. */
  claim(now: Date, leaseUntil: Date, limit: number, claimedBy: string): Promise<ClaimedInboxEvent[]>;
  /** Processed: removed (a claimed batch at once, in one statement). */
  done(ids: number[]): Promise<void>;
  /** Failed (the database was down, say): waiting again from `nextAttemptAt`. */
  retryLater(id: number, error: string, nextAttemptAt: Date): Promise<void>;
  /** Gives back the claims of a stopping processor, due at once. */
  release(claimedBy: string): Promise<number>;
  /** How many deliveries are waiting or being processed. */
  size(): Promise<number>;
}
