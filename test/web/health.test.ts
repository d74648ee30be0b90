/**
 * `/healthz` tells the truth: a database that takes reads but not writes is down (503); the
 * answer comes from the cached report even while a check hangs; a platform refusing our
 * credentials and a long connection that cannot connect are down, and the latter is logged at
 * warn; the outbox backlog is reported.
 */
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../src/app/ports/clock';
import { startFeishuLongConnection } from '../../src/bot/feishu/ws';
import { HEALTH_PROBE_APP, rowsOf } from '../../src/db/client';
import { silentLogger } from '../../src/logger';
import { createApp } from '../../src/server';
import { createHealthMonitor, type PartReport } from '../../src/web/health';
import { messengerCheck } from '../../src/web/health-checks';
import { startFeishuRuntime, type FeishuRuntime } from '../bot/feishu/feishu-runtime';
import { startFakeFeishuServer } from '../fakes/feishu-server';
import { databaseKinds } from '../support/test-db';

describe('health monitor', () => {
  it('answers from the cached report while a refresh hangs, and bounds each check', async () => {
    const clock = fixedClock('2026-03-02T01:00:00Z');
    let hang = false;
    const monitor = createHealthMonitor({
      version: 't',
      now: () => clock.now(),
      timeoutMs: 20,
      maxAgeMs: 1000,
      checks: [{ name: 'database', required: true, run: () => (hang ? new Promise<PartReport>(() => {}) : Promise.resolve({ status: 'ok' })) }],
    });
    const app = createApp({ logger: silentLogger, health: monitor });
    expect((await app.request('/healthz')).status).toBe(200);
    hang = true;
    clock.advance(5000);
    // The check now never answers: the request is answered from the cache (it would hang otherwise).
    const cached = await app.request('/healthz');
    expect(cached.status).toBe(200);
    // The refresh it started ends at the timeout, as down.
    expect(await monitor.refresh()).toMatchObject({ status: 'down', parts: { database: { status: 'down', error: 'timeout' } } });
    expect((await app.request('/healthz')).status).toBe(503);
  });
});

for (const kind of databaseKinds()) {
  describe(`GET /healthz on the whole bot [${kind}]`, () => {
    let t: FeishuRuntime | undefined;
    afterEach(async () => {
      await t?.close();
      t = undefined;
    });

    it('reports each part, and 503 when the database takes no writes (a full disk) though it reads', async () => {
      t = await startFeishuRuntime(kind);
      await t.linkEveryone();
      await t.say('leader', '/status');
      const ok = await t.runtime.health.refresh();
      expect(ok).toMatchObject({
        status: 'ok',
        parts: {
          database: { status: 'ok', driver: kind, required: true },
          feishu: { status: 'ok', mode: 'webhook', credentials: 'unknown' },
          outbox: { status: 'ok', unsent: 1, failed: 0, oldestUnsentSeconds: 0 },
        },
      });
      const [{ name }] = rowsOf<{ name: string }>(await t.database.db.execute(sql`select current_database() as name`)) as [{ name: string }];
      // Writes now fail as on a full disk; reads (the old `select version()` probe) still work.
      if (kind === 'pglite') await t.database.db.execute(sql`set default_transaction_read_only = on`);
      else {
        await t.database.db.execute(sql.raw(`alter database "${name}" set default_transaction_read_only = on`));
        // Sessions take the setting when they start: end the probe's own, and wait until it is gone
        // (pg_terminate_backend only signals it; a refresh before it ends would still write).
        await t.database.db.execute(
          sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = ${HEALTH_PROBE_APP}`,
        );
        for (let i = 0; i < 100; i++) {
          const [left] = rowsOf<{ n: number }>(
            await t.database.db.execute(
              sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = ${HEALTH_PROBE_APP}`,
            ),
          );
          if (left?.n === 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      try {
        expect(await t.database.ping()).toMatchObject({ ok: true });
        // PostgreSQL: the probe's ended connection may fail one refresh ("terminating connection"), which is
        // "down" too; it reconnects, read-only now, on a following one.
        let down = await t.runtime.health.refresh();
        for (let i = 0; kind === 'postgres' && i < 3 && !String(down.parts['database']?.['error']).includes('read-only'); i++) {
          expect(down.parts['database']).toMatchObject({ status: 'down' });
          down = await t.runtime.health.refresh();
        }
        expect(down).toMatchObject({ status: 'down', parts: { database: { status: 'down', error: expect.stringContaining('read-only') } } });
        expect((await t.runtime.app.request('/healthz')).status).toBe(503);
      } finally {
        if (kind === 'pglite') await t.database.db.execute(sql`set default_transaction_read_only = off`);
        else {
          await t.database.db.execute(sql.raw(`alter database "${name}" reset default_transaction_read_only`));
          await t.database.db.execute(
            sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = ${HEALTH_PROBE_APP}`,
          );
        }
      }
    });

    it('a platform refusing our credentials is down; a backlog older than ten minutes is degraded', async () => {
      t = await startFeishuRuntime(kind);
      await t.linkEveryone();
      t.fake.setAppSecret('rotated');
      await t.say('leader', '/status');
      await t.flush();
      t.clock.advance(11 * 60_000);
      const report = await t.runtime.health.refresh();
      expect(report).toMatchObject({
        status: 'down',
        parts: {
          database: { status: 'ok' },
          feishu: { status: 'down', credentials: 'refused', lastError: expect.stringContaining('10014') },
          outbox: { status: 'degraded', oldestUnsentSeconds: 660 },
        },
      });
      t.fake.setAppSecret('fake-secret');
      await t.flush();
      expect((await t.runtime.health.refresh()).parts['feishu']).toMatchObject({ status: 'ok', credentials: 'ok' });
    });

    it('no secret reaches the log at any level, even of a failing token request at debug', async () => {
      t = await startFeishuRuntime(kind);
      await t.linkEveryone();
      const secret = t.fake.appSecret;
      t.fake.setAppSecret('rotated-secret');
      await t.say('leader', '/status');
      await t.flush();
      const log = t.logger.lines.map((l) => `${l.level} ${l.msg} ${JSON.stringify(l.data ?? {})}`).join('\n');
      // The failing run did log the token request at debug (where the secret used to leak) …
      expect(log).toMatch(/debug .*tenant_access_token/);
      // … but none of the secrets, and no access token.
      for (const s of [secret, 'e2e-encrypt-key', 'e2e-verification-token']) expect(log).not.toContain(s);
      expect(log).not.toMatch(/\bt-[0-9a-f]{16,}/);
    });
  });
}

describe('Feishu long connection that cannot connect', () => {
  it('logs the failure at warn and reports the messenger down', async () => {
    const fake = await startFakeFeishuServer();
    const lines: Array<{ level: string; msg: string }> = [];
    const at =
      (level: string) =>
      (...args: unknown[]) =>
        void lines.push({ level, msg: String(args[0]) });
    const logger = { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
    const connection = startFeishuLongConnection({ appId: fake.appId, appSecret: fake.appSecret, baseUrl: fake.url, sink: async () => ({}), logger });
    try {
      await vi.waitFor(() => expect(connection.state().lastError).toBeTruthy(), { timeout: 15_000, interval: 50 });
      expect(connection.state().state).not.toBe('connected');
      expect(logger.lines.filter((l) => l.level === 'info' || l.level === 'warn' || l.level === 'error').map((l) => l.msg)).toEqual(
        expect.arrayContaining([expect.stringContaining('feishu ws: connecting'), expect.stringContaining('feishu ws: could not connect')]),
      );
      const part = await messengerCheck('feishu', { mode: 'ws', connection: () => connection.state(), delivery: () => ({}) }).run();
      expect(part).toMatchObject({ status: 'down', mode: 'ws', connectionError: expect.any(String) });
    } finally {
      connection.close();
      await fake.close();
    }
    expect(connection.state().state).toBe('closed');
    expect(logger.lines.some((l) => l.level === 'info' && l.msg === 'feishu ws: closed')).toBe(true);
  });
});
