import type { InboundEvent } from '../../../src/app/ports/inbound-event';
import type { InboundReply, InboundSink } from '../../../src/bot/inbound-sink';

/** A sink that records what it receives and answers with `reply` after `delayMs`. */
export function recordingSink(reply: InboundReply = {}, delayMs = 0): InboundSink & { events: InboundEvent[] } {
  const events: InboundEvent[] = [];
  const sink = async (event: InboundEvent) => {
    events.push(event);
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    return reply;
  };
  return Object.assign(sink, { events });
}

/** Collects background promises so a test can wait for them. */
export function background() {
  const tasks: Promise<unknown>[] = [];
  return {
    tasks,
    run: (p: Promise<unknown>) => void tasks.push(p),
    settle: async () => {
      for (let i = 0; i < tasks.length; i++) await tasks[i];
    },
  };
}

export function silentLogger() {
  const lines: Array<{ level: string; args: unknown[] }> = [];
  const log =
    (level: string) =>
    (...args: unknown[]) =>
      void lines.push({ level, args });
  return { lines, info: log('info'), warn: log('warn'), error: log('error'), debug: log('debug') };
}
