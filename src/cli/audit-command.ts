import { listDailyHeads, walkAuditChain } from '../db/repos/audit-repo';
import { type Anchor, compareWithAnchors, parseAnchors } from '../domain/audit/audit-anchors';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, readInputFile, type CliCommand, type CliIo } from './command';
import type { CliContext } from './commands';
import { parseFlags } from './flags';

const USAGE = `用法：
  npm run cli -- audit verify
        逐条校验审计日志的哈希链，指出第一处断裂；并对照数据库内记录的每日链头
  npm run cli -- audit verify --anchors <文件或网址>
        另外对照保存在别处的每日链头（/public/audit-heads.json 或 .txt 的副本、其网址，或群里“审计日志 …”消息的复制文本），
        逐个检查它们是否仍是当前哈希链的前缀：被改写的中间记录、被截断的末尾（连同回退的链头）都会被指出`;

/** How long a URL of anchors may take to answer. */
const FETCH_TIMEOUT_MS = 15_000;

/** The anchors of `source` (a file or an http(s) URL); undefined after telling why they cannot be read. */
async function loadAnchors(source: string, io: CliIo): Promise<Anchor[] | undefined> {
  let text: string;
  if (/^https?:\/\//i.test(source)) {
    try {
      const res = await fetch(source, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/json, text/plain, text/html' } });
      if (!res.ok) {
        io.err(`无法读取“${source}”：服务器返回 HTTP ${res.status}。请检查地址，应为 …/public/audit-heads.json 或 .txt`);
        return undefined;
      }
      text = await res.text();
    } catch (error) {
      const e = error as Error;
      io.err(
        `无法读取“${source}”：${e.name === 'TimeoutError' ? `${FETCH_TIMEOUT_MS / 1000} 秒内没有应答` : ((e.cause as Error | undefined)?.message ?? e.message)}`,
      );
      return undefined;
    }
  } else {
    const bytes = readInputFile(source, io);
    if (!bytes) return undefined;
    text = bytes.toString('utf8');
  }
  const parsed = parseAnchors(text);
  if (!parsed.ok) {
    io.err(`“${source}”中的链头无法读取：${parsed.reason}`);
    return undefined;
  }
  return parsed.anchors;
}

const WITHOUT_ANCHORS =
  '注意：未提供 --anchors。逐条校验能发现单条被改动、删除或调换；但拥有数据库的人若改写一条后重新计算其后全部哈希，或截断末尾并回退链头，' +
  '并一并改写数据库内的每日链头，就只有对照保存在别处的链头（群里的“审计日志 …”消息、/public/audit-heads 的副本）才能发现：' +
  'npm run cli -- audit verify --anchors <文件或网址>';

export const auditCommand: CliCommand<CliContext> = {
  name: 'audit',
  summary: '审计日志：校验哈希链，对照公布的每日链头（verify [--anchors]）',
  usage: USAGE,
  async run(args, io, ctx) {
    const parsed = parseFlags(args.slice(1), ['anchors']);
    if (args[0] !== 'verify' || !parsed.ok || parsed.positional.length) {
      io.err(!args.length ? '缺少子命令。' : !parsed.ok ? parsed.error : `无法识别“audit ${args.join(' ')}”。`);
      io.err(USAGE);
      return EXIT_USAGE;
    }
    const source = parsed.flags.anchors;
    const outside = source === undefined ? undefined : await loadAnchors(source, io);
    if (source !== undefined && !outside) return EXIT_FAILURE;

    const { db } = await ctx.openDatabase();
    const recorded = (await listDailyHeads(db)).map(({ day, entryCount, hash }) => ({ day, entryCount, hash }));
    const anchors = outside ?? recorded;
    const walk = await walkAuditChain(db, { watch: new Set(anchors.map((a) => a.entryCount)) });
    const { check } = walk;
    if (check.ok) io.out(`OK：共 ${check.count} 条，哈希链完整（最后一条的哈希 ${check.lastHash}）`);
    else io.out(`哈希链断裂于第 ${check.brokenAt} 条：${check.reason}`);

    const report = compareWithAnchors(anchors, walk);
    const what = outside ? `“${source}”中的 ${anchors.length} 个公布的链头` : `数据库内记录的 ${anchors.length} 个每日链头`;
    if (!anchors.length) io.out('数据库内尚未记录每日链头（每天 09:00 记录前一天的链头）。');
    else if (report.ok) io.out(`已对照${what}：全部仍是当前哈希链的前缀。`);
    else {
      io.out(`已对照${what}：${report.failures.length} 个不符，${report.confirmed} 个相符。`);
      for (const line of report.failures) io.out(`  ${line}`);
    }
    if (anchors.length && report.unanchored > 0 && check.ok) {
      io.out(`最后一个链头之后的 ${report.unanchored} 条尚未公布链头，只由哈希链自身校验。`);
    }
    if (!outside) io.out(WITHOUT_ANCHORS);
    return check.ok && report.ok ? EXIT_OK : EXIT_FAILURE;
  },
};
