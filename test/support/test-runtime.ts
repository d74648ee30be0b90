import { memoryEvidenceStore } from '../../src/storage/memory-evidence-store';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Dispatcher } from '../../src/app/dispatch';
import type { Beacon } from '../../src/app/ports/beacon';
import { type Clock, fixedClock } from '../../src/app/ports/clock';
import { fixedRandom } from '../../src/app/ports/random';
import type { CardView } from '../../src/app/views/card-view';
import type { LocalMessage } from '../../src/bot/local';
import { loadConfig } from '../../src/config';
import type { Database } from '../../src/db/client';
import type { Backend } from '../../src/db/backend';
import { drizzleBackend } from '../../src/db/drizzle-backend';
import { type MemoryDatabase, memoryBackend } from '../../src/db/memory';
import { buildNodeRuntime, type NodeRuntime } from '../../src/deps';
import { RateLimiter } from '../../src/jobs/rate-limiter';
import { createLogger, silentLogger, type Logger } from '../../src/logger';
import { openTestDatabase, type DbKind } from './test-db';
import { testData } from './test-data';
import { TEST_DRAW_KEY } from './draw-key';

/** Where a test runtime keeps its data: the in-memory store, or a fresh test database. */
export type StoreKind = 'memory' | DbKind;

export interface TestRuntimeOptions<K extends StoreKind = StoreKind> {
  /** Default: PGlite. */
  kind?: K;
  /** The clock's start, an ISO instant. Default: Monday 2026-03-02 09:30 in Shanghai. */
  now?: string;
  env?: Record<string, string>;
  listen?: boolean;
  /** The commands and card actions (default: the application's table). */
  dispatcher?: Dispatcher;
  /** Where the runtime logs (default: nowhere, or the console with TEST_LOG set). */
  logger?: Logger;
  /** The public randomness beacon draws commit to (default: none, as offline). */
  beacon?: Beacon;
  /** A database opened elsewhere (e.g. as a runtime role) instead of a fresh one of `kind`; closed with the runtime. */
  database?: Database;
  /** A store built by the test on the runtime's clock (e.g. one that watches its transactions) instead of a fresh one of `kind`. */
  backend?: (clock: Clock) => Backend;
}

/**
 * The whole bot as `npm start` builds it, on a fresh store (the in-memory one, or a test
 * database) with the demo data, a fixed clock and fixed randomness, driven through the local
 * chat's HTTP API (the same path as the page), so a test reads like a chat transcript.
 */
export async function startTestRuntime<K extends StoreKind = 'pglite'>(options: TestRuntimeOptions<K> = {}) {
  const clock = fixedClock(options.now ?? '2026-03-02T01:30:00Z');
  const kind: StoreKind = options.kind ?? 'pglite';
  const backend =
    options.backend?.(clock) ?? (kind === 'memory' ? memoryBackend(clock) : drizzleBackend(options.database ?? (await openTestDatabase(kind)), clock));
  const config = loadConfig({ NODE_ENV: 'test', LOCAL_CHAT: '1', DEMO_DATA: '1', ...options.env });
  const evidence = memoryEvidenceStore();
  const runtime: NodeRuntime = await buildNodeRuntime(config, options.logger ?? (process.env.TEST_LOG ? createLogger('debug') : silentLogger), {
    clock,
    random: fixedRandom(11),
    drawKey: TEST_DRAW_KEY,
    backend,
    // Sends are paced in real time (a few a second per chat); a transcript drains at once.
    limiter: new RateLimiter(1e9, 1e9),
    background: false,
    dispatcher: options.dispatcher,
    beacon: options.beacon ?? null,
    evidence,
  });
  let baseUrl: string | undefined;
  let server: ReturnType<typeof serve> | undefined;
  if (options.listen) {
    server = serve({ fetch: runtime.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server!.once('listening', () => resolve()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  let nonce = 0;

  async function call(path: string, body: unknown) {
    const res = await runtime.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { ok?: boolean; toast?: { kind: string; text: string }; error?: string } };
  }

  const chat = {
    say: (as: string, text: string, conversation: 'group' | 'dm' = 'group') => call('/local/api/say', { as, conversation, text }),
    click: (as: string, messageId: string, action: string, payload: Record<string, string>, values?: Record<string, string>, clickNonce?: string) =>
      call('/local/api/act', { as, messageId, action, payload, values, nonce: clickNonce ?? `test-nonce-${++nonce}` }),
    /** A file chosen with the page's 上传 button: a file message in the person's direct chat. */
    upload: async (as: string, name: string, data: Uint8Array) => {
      const res = await runtime.app.request(`/local/api/upload?as=${encodeURIComponent(as)}&name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: Buffer.from(data),
      });
      return { status: res.status, body: (await res.json()) as { ok?: boolean; toast?: { kind: string; text: string }; error?: string } };
    },
    group: (): LocalMessage[] => runtime.local!.conversation('group'),
    dm: (as: string): LocalMessage[] => runtime.local!.conversation(`dm:${as}`),
    /** The latest message in a conversation showing a card whose key starts with `prefix`. */
    lastCard(conversation: LocalMessage[], prefix: string): LocalMessage & { card: CardView } {
      const m = [...conversation].reverse().find((x) => x.card?.key.startsWith(prefix));
      if (!m) throw new Error(`no card ${prefix}* in conversation (${conversation.map((x) => x.card?.key ?? x.text?.slice(0, 20)).join(' | ')})`);
      return m as LocalMessage & { card: CardView };
    },
    button(card: CardView, label: string) {
      const b = card.actions?.find((a) => a.label === label) ?? (card.form?.submit.label === label ? card.form.submit : undefined);
      if (!b) throw new Error(`no button ${label} on card ${card.title} (has ${card.actions?.map((a) => a.label).join(', ')})`);
      return b;
    },
  };

  return {
    runtime,
    clock,
    /** Where evidence and issued documents were stored. */
    evidence,
    /** The test database (undefined on the in-memory store). */
    database: backend.database as K extends DbKind ? Database : Database | undefined,
    /** The runtime's store, for use cases a test runs itself (the daily reminders). */
    store: backend.store,
    /** The in-memory database (undefined on a real database), to plant rows older code wrote. */
    memory: (backend as { memory?: MemoryDatabase }).memory,
    /** What the test looks up behind the chat, on either kind of store. */
    data: testData(backend),
    baseUrl,
    chat,
    async close() {
      server?.close();
      await runtime.stop();
    },
  };
}

export type TestRuntime<K extends StoreKind = 'pglite'> = Awaited<ReturnType<typeof startTestRuntime<K>>>;

/** Every text and card title in a conversation, one per line, for readable assertions. */
export function transcript(messages: LocalMessage[]): string {
  return messages.map((m) => `${m.from}: ${m.text ?? `[${m.card!.title}]`}`).join('\n');
}

/** The text of every section of a card, joined, to search in. */
export function cardText(card: CardView): string {
  return card.sections
    .map((s) => {
      switch (s.type) {
        case 'text':
          return s.text;
        case 'fields':
          return s.fields.map((f) => `${f.label}：${f.value}`).join('\n');
        case 'list':
          return [s.title ?? '', ...s.items].join('\n');
        case 'table':
          return [s.columns.join(' | '), ...s.rows.map((r) => r.join(' | '))].join('\n');
        case 'chart':
          return `${s.chart.title} ${s.chart.data.map((d) => `${d.label}=${d.value}`).join(' ')}`;
        case 'link':
          return `${s.text}：${s.url}`;
        case 'copy':
          return `${s.label}\n${s.text}`;
        default:
          return '';
      }
    })
    .join('\n');
}
