import { ensureCatalog } from '../db/seed/catalog';
import type { Database } from '../db/client';
import { auditPrivileges, createRole, grantRuntimeRole, ROLE_NAME, roleFacts, runtimeGrantStatements } from '../db/runtime-role';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIo } from './command';
import type { CliContext } from './commands';

const USAGE = `用法：
  npm run cli -- db migrate
        执行数据库迁移（设置了 DATABASE_URL 时用 PostgreSQL，否则用 DATA_DIR 中的 PGlite）；
        设置了 MIGRATION_DATABASE_URL 时由该连接的角色（数据表所有者）迁移，并为 DATABASE_URL 的角色更新权限
  npm run cli -- db grant-runtime <角色名> [--print]
        （PostgreSQL）创建或授权服务器运行时使用的角色：可读写业务数据，对审计日志只能查询和追加，
        不能修改、删除、清空，也不能停用触发器；以所有者身份执行（MIGRATION_DATABASE_URL，未设置时用 DATABASE_URL）。
        --print 只输出要执行的 SQL，交给数据库管理员执行`;

const PRIVILEGE_ZH: Record<string, string> = {
  SELECT: '查询',
  INSERT: '追加',
  UPDATE: '更新',
  DELETE: '删除',
  TRUNCATE: '清空',
  TRIGGER: '建触发器',
};

async function migrate(io: CliIo, ctx: CliContext): Promise<number> {
  const database = await ctx.openDatabase();
  // The check items ship with the code: written here too, since a Worker writes nothing at start.
  await ensureCatalog(database.db);
  const role = database.role
    ? `，服务器角色 ${database.role.name}${database.role.ownsAudit ? '（拥有审计表：见 README“Database roles”）' : '（不能改动审计表）'}`
    : '';
  io.out(`已在 ${database.driver}（${database.location}）上完成数据库迁移，结构为最新版本${role}。`);
  return EXIT_OK;
}

async function printPrivileges(db: Database['db'], role: string, io: CliIo): Promise<void> {
  for (const row of await auditPrivileges(db, role)) {
    const granted = row.privileges.map((p) => PRIVILEGE_ZH[p] ?? p).join('、') || '无';
    io.out(`  ${row.table.padEnd(18)} 所有者 ${row.owner}；${role} 可以：${granted}`);
  }
}

async function grantRuntime(args: string[], io: CliIo, ctx: CliContext): Promise<number> {
  const printOnly = args.includes('--print');
  const rest = args.filter((a) => a !== '--print');
  const role = rest[0];
  if (rest.length !== 1 || !role || role.startsWith('--')) {
    io.err(!role ? '缺少角色名，例如：npm run cli -- db grant-runtime drbot_app' : role.startsWith('--') ? `未知的选项 ${role}。` : '参数过多。');
    io.err(USAGE);
    return EXIT_USAGE;
  }
  if (!ROLE_NAME.test(role)) {
    io.err(`角色名“${role}”不合规：只能用小写字母、数字和下划线，以字母或下划线开头，最长 63 个字符，例如 drbot_app。`);
    return EXIT_USAGE;
  }
  if (printOnly) {
    io.out(`-- 以数据表所有者身份在本应用的数据库中执行（角色不存在时先由管理员执行：CREATE ROLE ${role} LOGIN PASSWORD '…';）`);
    for (const statement of runtimeGrantStatements(role)) io.out(`${statement};`);
    return EXIT_OK;
  }
  if (!ctx.openOwnerDatabase) throw new Error('程序错误：未接入数据表所有者的数据库连接（openOwnerDatabase）。');
  const owner = await ctx.openOwnerDatabase();
  if (owner.driver !== 'postgres') {
    io.err(
      '内置的 PGlite 是单用户数据库，没有角色可分：它的审计日志靠每日公布的链头保护（README“Database roles”）。要分角色，请用 PostgreSQL（DATABASE_URL）。',
    );
    return EXIT_FAILURE;
  }
  const facts = await roleFacts(owner.db, role);
  if (role === facts.currentUser) {
    io.err(`“${role}”就是当前执行迁移的角色（数据表所有者）：运行角色必须是另一个角色。`);
    return EXIT_FAILURE;
  }
  if (facts.exists && (facts.superuser || facts.actsAsOwner)) {
    io.err(
      `角色“${role}”${facts.superuser ? '是超级用户' : `是数据表所有者（${facts.currentUser}）或其成员`}，能停用审计日志的触发器，不能作为运行角色。请另建一个普通角色。`,
    );
    return EXIT_FAILURE;
  }
  if (!facts.exists) {
    if (!(await createRole(owner.db, role))) {
      io.err(`当前角色（${facts.currentUser}）无权创建角色“${role}”。请数据库管理员先执行：CREATE ROLE ${role} LOGIN PASSWORD '…'; 然后再运行本命令。`);
      return EXIT_FAILURE;
    }
    io.out(`已创建角色 ${role}（LOGIN，无密码；需要密码时由管理员执行 ALTER ROLE ${role} PASSWORD '…'）。`);
  }
  await grantRuntimeRole(owner.db, role);
  io.out(`已授权运行角色 ${role}（数据库 ${owner.location}）。审计表的权限：`);
  await printPrivileges(owner.db, role, io);
  io.out(`服务器请这样连接：DATABASE_URL=postgres://${role}:…@主机/数据库  MIGRATION_DATABASE_URL=postgres://${facts.currentUser}:…@主机/数据库`);
  return EXIT_OK;
}

export const dbCommand: CliCommand<CliContext> = {
  name: 'db',
  summary: '数据库：执行迁移（migrate），授权运行角色（grant-runtime）',
  usage: USAGE,
  async run(args, io, ctx) {
    if (args[0] === 'migrate' && args.length === 1) return migrate(io, ctx);
    if (args[0] === 'grant-runtime') return grantRuntime(args.slice(1), io, ctx);
    io.err(args.length ? `无法识别“db ${args.join(' ')}”。` : '缺少子命令。');
    io.err(USAGE);
    return EXIT_USAGE;
  },
};
