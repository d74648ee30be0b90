/**
 * The bot as a Cloudflare Worker, in workerd (`wrangler dev --local`, one process for the file),
 * on a fresh PostgreSQL database reached through the Hyperdrive binding, talking to the fake
 * Feishu Open API: the challenge, a signed `/draw`, the card callback that executes it, and the
 * 09:00 Cron Trigger; then the bundle `wrangler deploy` would upload.
 *
 * PostgreSQL is required here (a Worker has no PGlite): without TEST_DATABASE_URL the file is
 * skipped, unless REQUIRE_POSTGRES=1 (or CI) makes that a failure (test/support/test-db.ts).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/app/ports/clock';
import { calendarOf } from '../../src/app/use-case';
import { rowsOf, type Database } from '../../src/db/client';
import { drizzleBackend } from '../../src/db/drizzle-backend';
import { createDrizzleStore } from '../../src/db/store';
import { addDays, shanghaiDate } from '../../src/domain/workdays';
import { BOT, ENCRYPT_KEY, GROUP, TOKEN, buttonValue, linkEveryoneOnFeishu, openIdOf, titleOf, type FeishuCard } from '../bot/feishu/feishu-runtime';
import { buildCardActionDelivery, buildMessageDelivery, buildUrlVerificationDelivery, type Delivery } from '../fakes/feishu-deliveries';
import { startFakeFeishuServer, type FakeFeishuServer } from '../fakes/feishu-server';
import { databaseKinds, openTestPostgres } from '../support/test-db';
import { dryRunBundle, startWranglerDev, type WranglerDev } from './wrangler';

const MB = 1024 * 1024;
/** Workers' size limits on the compressed upload: paid plan, free plan. */
const PAID_LIMIT = 10 * MB;
const FREE_LIMIT = 3 * MB;

const onPostgres = databaseKinds().includes('postgres');

describe.skipIf(!onPostgres)('the bot as a Cloudflare Worker [wrangler dev, postgres]', () => {
  let fake: FakeFeishuServer;
  let database: Database & { url: string };
  let worker: WranglerDev;
  const today = shanghaiDate(new Date());

  const post = async (path: string, d: Delivery) => {
    const res = await fetch(`${worker.url}${path}`, { method: 'POST', headers: d.headers, body: d.body });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const query = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(q));
  /** Polls until `probe` gives something (the Worker sends from `waitUntil`, after it answered). */
  async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const got = await probe();
      if (got !== undefined) return got;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the Worker's log ends:\n${worker.output().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const unsentNone = async () => (await query<{ n: number }>(sql`select count(*)::int as n from outbox where status <> 'sent'`))[0]!.n === 0 || undefined;
  const cardTo = (receiveId: string, title: string) =>
    [...fake.deliveries].reverse().find((d) => d.receiveId === receiveId && d.msgType === 'interactive' && titleOf(d.content).includes(title));

  beforeAll(async () => {
    fake = await startFakeFeishuServer({ perReceiverQps: 1000 });
    // Migrated on creation, as `npm run db:migrate` does before a deploy; the catalog and the demo
    // data as `db:migrate` and `seed:demo` write them (a Worker writes nothing at start).
    database = await openTestPostgres();
    const backend = drizzleBackend(database, systemClock);
    await backend.ensureCatalog();
    await backend.seedDemoIfEmpty(today, new Date());
    await linkEveryoneOnFeishu(database, systemClock);
    worker = await startWranglerDev({
      databaseUrl: database.url,
      vars: {
        FEISHU_APP_ID: fake.appId,
        FEISHU_APP_SECRET: fake.appSecret,
        FEISHU_VERIFICATION_TOKEN: TOKEN,
        FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
        FEISHU_BASE_URL: fake.url,
        DRAW_KEY: '5a'.repeat(32),
        // No internet here: no public randomness beacon (its path is tested against a fake relay in test/app/draw-trust.test.ts).
        DRAND_URL: 'off',
        LOG_LEVEL: 'info',
      },
    });
  }, 180_000);
  afterAll(async () => {
    await worker?.stop();
    await fake?.close();
    await database?.close();
  });

  it('answers the url_verification challenge (encrypted, as with an Encrypt Key) and refuses a wrong token', async () => {
    expect(await post('/feishu/events', buildUrlVerificationDelivery({ token: TOKEN, challenge: 'c-worker', encryptKey: ENCRYPT_KEY }))).toEqual({
      status: 200,
      body: { challenge: 'c-worker' },
    });
    expect((await post('/feishu/events', buildUrlVerificationDelivery({ token: 'nope', challenge: 'c', encryptKey: ENCRYPT_KEY }))).status).toBe(401);
  });

  let announcement: { messageId: string; content: FeishuCard };

  it('a signed /draw is acknowledged at once and ends in a card at Feishu, sent from waitUntil', async () => {
    const said = await post(
      '/feishu/events',
      buildMessageDelivery({
        token: TOKEN,
        encryptKey: ENCRYPT_KEY,
        text: `${BOT.key} /draw 机械 3家 每组2人 ${today}至${addDays(today, 30)}`,
        chatType: 'group',
        chatId: GROUP,
        senderOpenId: openIdOf('leader'),
        messageId: 'om_worker_draw',
        mentions: [BOT],
      }),
    );
    expect(said).toEqual({ status: 200, body: {} });
    announcement = await eventually('the draw announcement', () => cardTo(GROUP, '抽取准备'));
    expect(announcement.content).toMatchObject({ schema: '2.0', config: { update_multi: true } });
    // Processed once, through the inbox and the router's dedupe, as on Node.
    expect(await query<{ n: number }>(sql`select count(*)::int as n from inbound_events`)).toEqual([{ n: 1 }]);
  });

  it('the card callback executes the draw, answers with the card, and the task cards go out', async () => {
    const execute = buttonValue(announcement.content, '确认抽取');
    const clicked = await post(
      '/feishu/cards',
      buildCardActionDelivery({
        token: TOKEN,
        encryptKey: ENCRYPT_KEY,
        operatorOpenId: openIdOf('leader'),
        chatId: GROUP,
        messageId: announcement.messageId,
        value: execute,
        eventId: 'ev_worker_execute',
      }),
    );
    expect(clicked.status).toBe(200);
    // The card in its new state: in the answer, or (past the 2.5 s budget) by a delayed update.
    const card = clicked.body['card'] ?? (await eventually('the delayed card update', () => fake.cardUpdates[0]?.card));
    expect(JSON.stringify(card)).toContain('已抽取');
    await eventually('the draw result', () => cardTo(GROUP, '抽取结果'));
    const drawn = await query<{ local_id: string }>(sql`select p.local_id from task_officers o join people p on p.id = o.person_id order by o.id`);
    expect(drawn).toHaveLength(6);
    for (const { local_id } of drawn) {
      await eventually(`the task card of ${local_id}`, () =>
        fake.messagesTo(openIdOf(local_id)).find((m) => m.receiveIdType === 'open_id' && m.msgType === 'interactive'),
      );
    }
    // The announcement in the group was edited (no buttons left), and nothing waits in the outbox.
    await eventually('the announcement edited', () => fake.patches.find((p) => p.messageId === announcement.messageId));
    await eventually('an empty outbox', unsentNone);
  });

  it('the 09:00 Cron Trigger, fired twice, sends each person one digest', async () => {
    // The next working day after the draw: its confirmations are overdue then.
    const calendar = await createDrizzleStore(database.db, systemClock).transaction((repos) => calendarOf(repos));
    const day = calendar.addWorkdays(today, 1).date;
    const slot = new Date(`${day}T01:00:00Z`);
    for (const _ of [1, 2]) {
      const res = await worker.scheduled('0 1 * * *', slot);
      expect(res.status).toBe(200);
      await res.body?.cancel();
    }
    const runs = await eventually('the reminder run', async () => {
      const r = await query<{ ok: boolean | null }>(sql`select ok from job_runs where job = 'daily-reminders'`);
      return r.length && r.every((x) => x.ok !== null) ? r : undefined;
    });
    expect(runs).toEqual([{ ok: true }]);
    // Both triggers ran; the slot was claimed by one of them.
    const outcomes = await eventually('both triggers logged', () => {
      const logged = [...worker.output().matchAll(new RegExp(`job daily-reminders for ${slot.toISOString()}: (\\w+)`, 'g'))].map((m) => m[1]);
      return logged.length >= 2 ? logged.sort() : undefined;
    });
    expect(outcomes).toEqual(['ran', 'taken']);
    await eventually('the digests sent', unsentNone);
    // The every-minute drain, through the page `--test-scheduled` adds: it sends nothing twice.
    const drained = await fetch(`${worker.url}/__scheduled?cron=${encodeURIComponent('* * * * *')}`);
    expect(await drained.text()).toBe('Ran scheduled event');
    await new Promise((r) => setTimeout(r, 1000));

    const digests = fake.deliveries.filter(
      (d) => d.msgType === 'interactive' && [`今日待办提醒（${day}）`, `逾期事项汇总（${day}）`].some((t) => titleOf(d.content).includes(t)),
    );
    const recipients = digests.map((d) => d.receiveId).sort();
    const drawn = await query<{ local_id: string }>(sql`select distinct p.local_id from task_officers o join people p on p.id = o.person_id`);
    expect(recipients).toEqual([...new Set([openIdOf('leader'), ...drawn.map((o) => openIdOf(o.local_id))])].sort());
    // Every request and trigger so far used one tenant token: the messenger is kept per isolate.
    expect(fake.tokensIssued).toBe(1);
  });

  it('wrangler deploy --dry-run builds a bundle under the size limit, without PGlite or the filesystem', async () => {
    const bundle = await dryRunBundle();
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
    console.log(
      `Worker bundle: ${kb(bundle.bytes)} raw, ${kb(bundle.gzipBytes)} gzip; ` +
        `${((bundle.gzipBytes / PAID_LIMIT) * 100).toFixed(1)}% of the paid plan's ${PAID_LIMIT / MB} MB, ` +
        `${kb(FREE_LIMIT - bundle.gzipBytes)} under the free plan's ${FREE_LIMIT / MB} MB`,
    );
    expect(bundle.gzipBytes).toBeLessThan(PAID_LIMIT);
    // Node-only code stays out: PGlite, the data folder, node-cron, the long connections, the local chat.
    const nodeOnly =
      /@electric-sql\/pglite|src\/db\/client\.ts|data-dir-lock|node-cron|scheduler\.node|dingtalk-stream|bot\/feishu\/ws\.ts|bot\/dingtalk\/stream\.ts|bot\/local\//;
    expect(bundle.sources.filter((s) => nodeOnly.test(s))).toEqual([]);
    expect(bundle.sources.some((s) => s.endsWith('src/main.worker.ts'))).toBe(true);
    expect(bundle.imports.filter((m) => /^(node:)?fs(\/|$)/.test(m))).toEqual([]);
    // postgres.js's workerd build, on Workers' sockets.
    expect(bundle.imports).toContain('cloudflare:sockets');
  }, 150_000);
});
