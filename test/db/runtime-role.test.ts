/**
 * The server's database role on PostgreSQL does not own the audit tables (README "Database
 * roles"): the owner migrates and grants, the runtime role appends to the audit log and runs the
 * whole bot, but cannot disable or drop the guards, change or delete audit rows, or move the
 * chain head back. PGlite has one embedded user and no roles: the command says so.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/ports/clock';
import { dbCommand } from '../../src/cli/db-command';
import { openPostgres, rowsOf, type Database } from '../../src/db/client';
import { jobRunRepo } from '../../src/db/repos/job-run-repo';
import { retentionRepo } from '../../src/db/repos/retention-repo';
import { appendAudit, verifyAuditChain } from '../../src/db/repos/audit-repo';
import { createDrizzleStore } from '../../src/db/store';
import { JOBS } from '../../src/jobs/schedule';
import { createNodeScheduler } from '../../src/jobs/scheduler.node.ts';
import { silentLogger } from '../../src/logger';
import { describeLifecycle } from '../app/lifecycle.case';
import { rejectionText } from '../support/errors';
import { openTwoRoleDatabase, type TwoRoleDatabase } from '../support/runtime-role-db';
import { databaseKinds, openTestDatabase } from '../support/test-db';
import { runCli } from '../cli/cli-harness';
import { TEST_DRAW_KEY } from '../support/draw-key';

const postgresRun = databaseKinds().includes('postgres');

describe('db grant-runtime on PGlite', () => {
  it('says that the embedded database has no roles, and prints the SQL for a DBA', async () => {
    const database = await openTestDatabase('pglite');
    try {
      const r = await runCli(dbCommand, ['grant-runtime', 'drbot_app'], {
        drawKey: () => TEST_DRAW_KEY,
        openDatabase: async () => database,
        openOwnerDatabase: async () => database,
      });
      expect(r.code).toBe(1);
      expect(r.err[0]).toMatch(/^内置的 PGlite 是单用户数据库，没有角色可分：它的审计日志靠每日公布的链头保护/);
    } finally {
      await database.close();
    }
    const printed = await runCli(dbCommand, ['grant-runtime', 'drbot_app', '--print'], {
      drawKey: () => TEST_DRAW_KEY,
      openDatabase: () => Promise.reject(new Error('no database needed')),
    });
    expect(printed.code).toBe(0);
    expect(printed.out).toContain('GRANT SELECT, INSERT ON audit_log, audit_daily_heads TO "drbot_app";');
    expect(printed.out).toContain('REVOKE ALL ON audit_log, audit_head, audit_daily_heads FROM "drbot_app";');
    const bad = await runCli(dbCommand, ['grant-runtime', 'drbot_app', 'drbot_two'], {
      drawKey: () => TEST_DRAW_KEY,
      openDatabase: () => Promise.reject(new Error('no database needed')),
    });
    expect([bad.code, bad.err[0]]).toEqual([2, '参数过多。']);
    const badName = await runCli(dbCommand, ['grant-runtime', 'x;drop'], {
      drawKey: () => TEST_DRAW_KEY,
      openDatabase: () => Promise.reject(new Error('no database needed')),
    });
    expect(badName.code).toBe(2);
    expect(badName.err[0]).toMatch(/^角色名“x;drop”不合规/);
  });
});

describe.runIf(postgresRun)('the runtime role on PostgreSQL', () => {
  let two: TwoRoleDatabase;
  beforeAll(async () => {
    two = await openTwoRoleDatabase();
    // Entries appended as the runtime role, as the server appends them.
    for (let i = 0; i < 3; i++)
      await two.runtime.db.transaction((tx) =>
        appendAudit(tx, { agencyId: null, at: new Date(Date.UTC(2026, 2, 2, 2, i)), actor: 'system', action: 'test.step', subject: `n:${i}`, data: { i } }),
      );
  });
  afterAll(() => two?.close());

  it('is created and granted by db grant-runtime: on the audit tables it may read and append, nothing else', () => {
    expect(two.grantOutput).toEqual([
      `已创建角色 ${two.runtimeRole}（LOGIN，无密码；需要密码时由管理员执行 ALTER ROLE ${two.runtimeRole} PASSWORD '…'）。`,
      expect.stringMatching(new RegExp(`^已授权运行角色 ${two.runtimeRole}（数据库 postgres://${two.ownerRole}@`)),
      `  audit_log          所有者 ${two.ownerRole}；${two.runtimeRole} 可以：查询、追加`,
      `  audit_head         所有者 ${two.ownerRole}；${two.runtimeRole} 可以：查询、更新`,
      `  audit_daily_heads  所有者 ${two.ownerRole}；${two.runtimeRole} 可以：查询、追加`,
      expect.stringMatching(/^服务器请这样连接：DATABASE_URL=/),
    ]);
    expect(two.runtime.role).toEqual({ name: two.runtimeRole, ownsAudit: false });
    expect(two.owner.role).toEqual({ name: two.ownerRole, ownsAudit: true });
  });

  it('refuses as runtime role the owner itself, a superuser, or a member of the owner', async () => {
    const ctx = { drawKey: () => TEST_DRAW_KEY, openDatabase: () => Promise.reject(new Error('owner only')), openOwnerDatabase: async () => two.owner };
    const self = await runCli(dbCommand, ['grant-runtime', two.ownerRole], ctx);
    expect([self.code, self.err[0]]).toEqual([1, `“${two.ownerRole}”就是当前执行迁移的角色（数据表所有者）：运行角色必须是另一个角色。`]);
    const superuser = await runCli(dbCommand, ['grant-runtime', 'postgres'], ctx);
    expect([superuser.code, superuser.err[0]]).toEqual([1, '角色“postgres”是超级用户，能停用审计日志的触发器，不能作为运行角色。请另建一个普通角色。']);
    const member = `${two.runtimeRole}_m`;
    await two.owner.db.execute(sql.raw(`create role ${member} login in role ${two.ownerRole}`));
    try {
      const r = await runCli(dbCommand, ['grant-runtime', member], ctx);
      expect([r.code, r.err[0]]).toEqual([
        1,
        `角色“${member}”是数据表所有者（${two.ownerRole}）或其成员，能停用审计日志的触发器，不能作为运行角色。请另建一个普通角色。`,
      ]);
    } finally {
      await two.owner.db.execute(sql.raw(`drop role ${member}`));
    }
  });

  it('cannot disable or drop the guards, change, delete or truncate audit rows, nor move the head back', async () => {
    const as = (q: string) => rejectionText(two.runtime.db.execute(sql.raw(q)));
    const head = rowsOf<{ last_hash: string }>(await two.runtime.db.execute(sql`select last_hash from audit_head`))[0]!;
    expect(await as('alter table audit_log disable trigger audit_log_no_update')).toMatch(/must be owner of table audit_log/);
    expect(await as('alter table audit_log disable trigger user')).toMatch(/must be owner of table audit_log/);
    expect(await as('alter table audit_head disable trigger audit_head_forward_only')).toMatch(/must be owner of table audit_head/);
    expect(await as('drop trigger audit_head_forward_only on audit_head')).toMatch(/must be owner of (relation|table) audit_head/);
    expect(await as('drop trigger audit_log_no_update on audit_log')).toMatch(/must be owner of (relation|table) audit_log/);
    expect(await as(`create or replace function audit_head_forward_only() returns trigger as $$ begin return new; end; $$ language plpgsql`)).toMatch(
      /must be owner of function audit_head_forward_only|permission denied for schema public/,
    );
    expect(await as('alter table audit_log owner to current_user')).toMatch(/must be owner of table audit_log/);
    expect(await as('set session_replication_role = replica')).toMatch(/permission denied to set parameter "session_replication_role"/);
    expect(await as(`create trigger t before update on audit_log for each row execute function audit_log_refuse_change()`)).toMatch(
      /permission denied for table audit_log/,
    );
    expect(await as(`update audit_log set data = '{"i": 99}' where id = 2`)).toMatch(/permission denied for table audit_log/);
    expect(await as(`update audit_log set at = at + interval '1 microsecond' where id = 2`)).toMatch(/permission denied for table audit_log/);
    expect(await as('delete from audit_log where id = 3')).toMatch(/permission denied for table audit_log/);
    expect(await as('truncate audit_log')).toMatch(/permission denied for table audit_log/);
    expect(await as(`update audit_head set last_id = 2, last_hash = (select hash from audit_log where id = 2)`)).toMatch(
      /one entry forward at a time: 3 to 2 refused/,
    );
    expect(await as(`update audit_head set last_id = 4, last_hash = '${head.last_hash}'`)).toMatch(/must name the entry appended right after it/);
    expect(await as('delete from audit_head')).toMatch(/permission denied for table audit_head/);
    expect(await as(`insert into audit_head (id, last_id, last_hash) values (2, 0, repeat('0', 64))`)).toMatch(/permission denied for table audit_head/);
    expect(await as(`insert into audit_log (id, at, actor, action, subject, data, prev_hash, hash) values (10, now(), 'x', 'x', 'x', '{}', 'x', 'x')`)).toMatch(
      /does not follow the chain head/,
    );
    expect(await as('delete from audit_daily_heads')).toMatch(/permission denied for table audit_daily_heads/);
    expect(await as('update audit_daily_heads set hash = hash')).toMatch(/permission denied for table audit_daily_heads/);
    expect(await verifyAuditChain(two.runtime.db)).toMatchObject({ ok: true, count: 3 });
    // The owner could: the anchors (test/cli/audit-command.test.ts) are the defence against him.
    await two.owner.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await two.owner.db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
  });

  it('runs the daily jobs (reminders, audit heads, pruning) under the runtime role', async () => {
    const clock = fixedClock('2026-03-03T01:00:00Z');
    const db = two.runtime.db;
    const scheduler = createNodeScheduler({
      jobs: JOBS,
      runs: jobRunRepo(db),
      context: { store: createDrizzleStore(db, clock), retention: retentionRepo(db), clock, logger: silentLogger, wakeOutbox: () => {} },
    });
    expect((await scheduler.catchUp()).map((o) => [o.job, o.outcome])).toEqual([
      ['daily-reminders', 'ran'],
      ['audit-heads', 'ran'],
    ]);
    const prune = JOBS.find((j) => j.name === 'prune')!;
    expect(await scheduler.runSlot(prune, new Date('2026-03-02T19:30:00Z'))).toBe('ran');
    const heads = rowsOf<{ day: string; entry_count: number }>(await db.execute(sql`select day::text, entry_count from audit_daily_heads`));
    expect(heads).toEqual([{ day: '2026-03-02', entry_count: 3 }]);
  });

  it('refuses to start on a runtime role alone while migrations are pending, and says what to do', async () => {
    await two.owner.db.execute(sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
    const text = await rejectionText(openPostgres(two.runtimeUrl, { max: 1 }));
    expect(text).toMatch(/^有 1 个数据库迁移尚未执行，而 DATABASE_URL 的角色不是数据表所有者.*MIGRATION_DATABASE_URL/);
  });
});

// The whole inspection, with the server connected as the runtime role: its grants are enough.
if (postgresRun) {
  describeLifecycle('postgres', {
    label: 'postgres, runtime role',
    open: async () => {
      const two = await openTwoRoleDatabase();
      return { ...two.runtime, close: () => two.close() } satisfies Database;
    },
  });
}
