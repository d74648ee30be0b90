import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { fixedClock } from '../../src/app/ports/clock';
import { NetworkError, PlatformRejectedError, type Messenger, type OutgoingMessage, type Recipient } from '../../src/app/ports/messenger';
import type { CardView } from '../../src/app/views/card-view';
import { rowsOf, type Database } from '../../src/db/client';
import { createDrizzleStore } from '../../src/db/store';
import { outboxDeliveryRepo } from '../../src/db/repos/outbox-delivery-repo';
import { installationId } from '../../src/db/repos/installation-repo';
import { backoffSeconds, createOutboxSender } from '../../src/jobs/outbox-sender';
import { RateLimiter } from '../../src/jobs/rate-limiter';
import { silentLogger } from '../../src/logger';
import { describeEachDb, openTestDatabase } from '../support/test-db';

/** Records sends; like Feishu, a repeated idempotency key is dropped. */
function recordingMessenger() {
  const sent: Array<{ to: string; text: string; key: string }> = [];
  const updates: Array<{ messageId: string; card: CardView }> = [];
  const seen = new Map<string, string>();
  let failures: Error[] = [];
  const messenger: Messenger = {
    platform: 'local',
    async send(to: Recipient, message: OutgoingMessage, key: string) {
      const failure = failures.shift();
      if (failure) throw failure;
      const known = seen.get(key);
      if (known) return { messageId: known };
      const id = `msg-${sent.length + 1}`;
      seen.set(key, id);
      sent.push({ to: to.id, text: message.type === 'text' ? message.text : message.type === 'file' ? message.file.name : message.card.title, key });
      return { messageId: id };
    },
    async updateCard(messageId, card) {
      updates.push({ messageId, card });
    },
  };
  return { messenger, sent, updates, failWith: (...errors: Error[]) => (failures = errors) };
}

const card = (title: string): CardView => ({ key: 'draw:1', title, tone: 'info', sections: [] });

describeEachDb('outbox sender', (kind) => {
  let database: Database;
  const clock = fixedClock('2026-03-02T01:00:00Z');
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    await database.db.execute(sql`delete from outbox`);
  });

  async function enqueue(items: Array<{ to: string; text?: string; card?: CardView; update?: boolean; key: string }>) {
    const store = createDrizzleStore(database.db, clock);
    await store.transaction((repos) =>
      repos.outbox.enqueue(
        items.map((i) => ({
          agencyId: null,
          to: { kind: 'chat', platform: 'local', id: i.to },
          message: i.update ? { type: 'update', card: i.card! } : i.card ? { type: 'card', card: i.card } : { type: 'text', text: i.text! },
          idempotencyKey: i.key,
        })),
      ),
    );
  }

  const fastLimiter = () => new RateLimiter(1000, 1000);
  const statuses = async () =>
    rowsOf<{ idempotency_key: string; status: string; attempts: number; last_error: string | null }>(
      await database.db.execute(sql`select idempotency_key, status, attempts, last_error from outbox order by id`),
    );

  it('delivers each message once, in order per chat, and updates a card in place', async () => {
    const m = recordingMessenger();
    await enqueue([
      { to: 'g1', card: card('announcement'), key: 'a' },
      { to: 'g2', text: 'other chat', key: 'b' },
      { to: 'g1', text: 'second', key: 'c' },
      { to: 'g1', card: card('announcement v2'), update: true, key: 'd' },
    ]);
    await enqueue([{ to: 'g1', text: 'second', key: 'c' }]);
    const sender = createOutboxSender({
      outbox: outboxDeliveryRepo(database.db),
      messengers: { local: m.messenger },
      clock,
      logger: silentLogger,
      limiter: fastLimiter(),
    });
    expect(await sender.drain()).toBe(4);
    expect(m.sent.filter((s) => s.to === 'g1').map((s) => s.text)).toEqual(['announcement', 'second']);
    expect(m.updates).toEqual([{ messageId: 'msg-1', card: card('announcement v2') }]);
    expect(await sender.drain()).toBe(0);
    expect((await statuses()).every((r) => r.status === 'sent')).toBe(true);
  });

  it('paces a remote platform to its limits, and the local chat not at all', async () => {
    // Virtual time: every wait the limiter asks for is recorded and passes at once.
    let now = 0;
    const waits: number[] = [];
    const limiter = () =>
      new RateLimiter(
        4,
        45,
        () => now,
        async (ms) => {
          waits.push(ms);
          now += ms;
        },
      );
    const items = Array.from({ length: 6 }, (_, i) => ({ to: 'g1', text: `m${i}`, key: `p${i}` }));

    const remote = recordingMessenger();
    await enqueue(items);
    await createOutboxSender({
      outbox: outboxDeliveryRepo(database.db),
      messengers: { local: remote.messenger },
      clock,
      logger: silentLogger,
      limiter: limiter(),
    }).drain();
    expect(remote.sent).toHaveLength(6);
    expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5 * 250);

    await database.db.execute(sql`delete from outbox`);
    waits.length = 0;
    const local = recordingMessenger();
    await enqueue(items.map((i) => ({ ...i, key: `l-${i.key}` })));
    const unpaced: Messenger = { ...local.messenger, platform: 'local', paced: false };
    await createOutboxSender({
      outbox: outboxDeliveryRepo(database.db),
      messengers: { local: unpaced },
      clock,
      logger: silentLogger,
      limiter: limiter(),
    }).drain();
    expect(local.sent.map((s) => s.text)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    expect(waits).toEqual([]);
  });

  it('retries a rate-limited send after the reset the platform asked for, and keeps later messages behind it', async () => {
    const m = recordingMessenger();
    m.failWith(new PlatformRejectedError('request trigger frequency limit', 99991400, 30, true));
    await enqueue([
      { to: 'g1', text: 'first', key: 'r1' },
      { to: 'g1', text: 'after', key: 'r2' },
    ]);
    const sender = createOutboxSender({
      outbox: outboxDeliveryRepo(database.db),
      messengers: { local: m.messenger },
      clock,
      logger: silentLogger,
      limiter: fastLimiter(),
    });
    await sender.drain();
    expect(m.sent).toEqual([]);
    expect(await statuses()).toMatchObject([
      { status: 'pending', attempts: 1 },
      { status: 'pending', attempts: 0 },
    ]);
    clock.advance(29_000);
    expect(await sender.drain()).toBe(0);
    clock.advance(2_000);
    await sender.drain();
    expect(m.sent.map((s) => s.text)).toEqual(['first', 'after']);
  });

  it('gives up on a refusal that retrying cannot fix, and goes on with the next message', async () => {
    const m = recordingMessenger();
    m.failWith(new PlatformRejectedError('bot not in chat', 230002, undefined, false));
    await enqueue([
      { to: 'g1', text: 'lost', key: 'f1' },
      { to: 'g1', text: 'next', key: 'f2' },
    ]);
    const sender = createOutboxSender({
      outbox: outboxDeliveryRepo(database.db),
      messengers: { local: m.messenger },
      clock,
      logger: silentLogger,
      limiter: fastLimiter(),
    });
    await sender.drain();
    expect(await statuses()).toMatchObject([{ status: 'failed', last_error: 'bot not in chat' }, { status: 'sent' }]);
    expect(m.sent.map((s) => s.text)).toEqual(['next']);
  });

  it('resends after a crash between claim and send, exactly once, when the lease runs out', async () => {
    const m = recordingMessenger();
    await enqueue([{ to: 'g1', text: 'survives a crash', key: 'c1' }]);
    // A sender claims the row and dies before marking it sent.
    await database.db.execute(
      sql`update outbox set status = 'sending', attempts = 1, locked_until = ${new Date(clock.now().getTime() + 60_000).toISOString()}::timestamptz`,
    );
    const restarted = createOutboxSender({
      outbox: outboxDeliveryRepo(database.db),
      messengers: { local: m.messenger },
      clock,
      logger: silentLogger,
      limiter: fastLimiter(),
    });
    expect(await restarted.drain()).toBe(0);
    clock.advance(61_000);
    expect(await restarted.drain()).toBe(1);
    expect(await restarted.drain()).toBe(0);
    expect(m.sent.map((s) => s.text)).toEqual(['survives a crash']);
  });

  it('a bounded stop releases its claims: the next start sends at once, the cut-off attempt not counted', async () => {
    await enqueue([
      { to: 'g1', text: 'hangs', key: 's1' },
      { to: 'g2', text: 'claimed, not started', key: 's2' },
    ]);
    let started!: () => void;
    const sending = new Promise<void>((r) => (started = r));
    const hanging: Messenger = {
      platform: 'local',
      send: () => {
        started();
        return new Promise(() => {}); // the platform never answers
      },
      updateCard: async () => {},
    };
    const first = createOutboxSender({
      outbox: outboxDeliveryRepo(database.db),
      messengers: { local: hanging },
      clock,
      logger: silentLogger,
      limiter: fastLimiter(),
    });
    void first.drain();
    await sending;
    await first.stop(20);
    expect(await statuses()).toMatchObject([
      { status: 'pending', attempts: 0 },
      { status: 'pending', attempts: 0 },
    ]);
    const m = recordingMessenger();
    const next = createOutboxSender({
      outbox: outboxDeliveryRepo(database.db),
      messengers: { local: m.messenger },
      clock,
      logger: silentLogger,
      limiter: fastLimiter(),
    });
    expect(await next.drain()).toBe(2);
    expect(m.sent.map((x) => x.text).sort()).toEqual(['claimed, not started', 'hangs']);
  });

  it('sends keys prefixed with the installation id, which a reset database does not share', async () => {
    const m = recordingMessenger();
    await enqueue([{ to: 'g1', text: 'hello', key: 'reply:1' }]);
    const id = await installationId(database.db);
    expect(await installationId(database.db)).toBe(id);
    const other = await openTestDatabase(kind);
    const otherId = await installationId(other.db);
    await other.close();
    expect(otherId).not.toBe(id);
    const sender = createOutboxSender({
      outbox: outboxDeliveryRepo(database.db),
      messengers: { local: m.messenger },
      clock,
      logger: silentLogger,
      limiter: fastLimiter(),
      installationId: id,
    });
    await sender.drain();
    expect(m.sent.map((x) => x.key)).toEqual([`${id}:reply:1`]);
  });

  it('retries transient failures with capped backoff until the retry window closes, then fails and reports once', async () => {
    const m = recordingMessenger();
    const reports: string[] = [];
    m.failWith(...Array.from({ length: 200 }, () => new NetworkError('ECONNRESET')));
    await enqueue([{ to: 'g1', text: 'during an outage', key: 'o1' }]);
    const waits: number[] = [];
    const sender = createOutboxSender({
      outbox: outboxDeliveryRepo(database.db),
      messengers: { local: m.messenger },
      clock,
      logger: silentLogger,
      limiter: fastLimiter(),
      retryForSeconds: 4 * 3600,
      backoff: (n) => {
        waits.push(backoffSeconds(n));
        return backoffSeconds(n);
      },
      report: async (r) => void reports.push(`${r.kind}:${r.row.idempotencyKey}`),
    });
    for (let i = 0; i < 40 && (await statuses())[0]!.status !== 'failed'; i++) {
      await sender.drain();
      clock.advance(600_000);
    }
    // The failure is never given up before the window closes: 4 h at 10-minute steps, the wait capped at 10 minutes.
    expect(waits.length).toBeGreaterThanOrEqual(24);
    expect(Math.max(...waits)).toBe(600);
    expect((await statuses())[0]).toMatchObject({ status: 'failed', last_error: 'ECONNRESET' });
    expect(reports).toEqual(['expired:o1']);
  });

  it('two senders running at once deliver every message exactly once', async () => {
    const m = recordingMessenger();
    await enqueue(Array.from({ length: 30 }, (_, i) => ({ to: `chat-${i % 5}`, text: `n${i}`, key: `k${i}` })));
    const other = kind === 'postgres' ? await openTestDatabaseSharing(database) : database;
    const a = createOutboxSender({
      outbox: outboxDeliveryRepo(database.db),
      messengers: { local: m.messenger },
      clock,
      logger: silentLogger,
      limiter: fastLimiter(),
    });
    const b = createOutboxSender({
      outbox: outboxDeliveryRepo(other.db),
      messengers: { local: m.messenger },
      clock,
      logger: silentLogger,
      limiter: fastLimiter(),
    });
    await Promise.all([a.drain(), b.drain()]);
    if (other !== database) await other.close();
    expect(m.sent).toHaveLength(30);
    expect(new Set(m.sent.map((s) => s.key)).size).toBe(30);
    for (let c = 0; c < 5; c++) {
      const order = m.sent.filter((s) => s.to === `chat-${c}`).map((s) => Number(s.text.slice(1)));
      expect(order).toEqual([...order].sort((x, y) => x - y));
    }
  });
});

/** A second connection pool to the same PostgreSQL database, as a second instance would have. */
async function openTestDatabaseSharing(database: Database): Promise<Database> {
  const { openPostgres } = await import('../../src/db/client');
  const url = new URL(process.env.TEST_DATABASE_URL!);
  const name = rowsOf<{ db: string }>(await database.db.execute(sql`select current_database() as db`))[0]!.db;
  url.pathname = `/${name}`;
  return openPostgres(url.toString(), { max: 3 });
}
