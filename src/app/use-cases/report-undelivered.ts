/**
 * Tells the administrators, in chat, about a message the outbox could not deliver: to whom, what,
 * and why, with the way out (`/outbox`: 重发 or 放弃). Run by the outbox sender in a unit of work
 * of its own, never for a notice itself (no loop). Each notice is queued once: its idempotency
 * key names the message (a permanent failure) or the platform, code and day (a configuration
 * failure, which every message meets until the setting is fixed).
 */
import { PLATFORM_NAMES } from '../labels';
import { NOTICE_KEY_PREFIX, type OutboxMessage, type UndeliveredReport } from '../ports/outbox';
import type { Platform } from '../ports/messenger';
import type { Repos } from '../ports/store';
import { shanghaiDate } from '../../domain/workdays';
import type { AppEnv } from '../use-case';

/** A short description of a queued message: its text's start or its card's title. */
export function describeOutboxMessage(message: OutboxMessage): string {
  const text = message.type === 'text' ? message.text : message.type === 'file' ? `文件「${message.file.name}」` : `卡片「${message.card.title}」`;
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine;
}

/** Who a message was for, as an administrator recognises it. */
export async function describeRecipient(repos: Repos, to: UndeliveredReport['row']['to']): Promise<string> {
  if (to.kind === 'user') {
    const person = await repos.directory.personByAccount(to.platform, to.id);
    return person ? `${person.name}（私聊）` : `账号 ${to.id}（私聊，未关联人员）`;
  }
  const bound = await repos.directory.agencyOfChat(to.platform, to.id);
  return bound === undefined ? `群聊 ${to.id}（未绑定）` : `工作群 ${to.id}`;
}

async function agencyOf(repos: Repos, report: UndeliveredReport): Promise<number | undefined> {
  const { row } = report;
  if (row.agencyId !== null) return row.agencyId;
  if (row.to.kind === 'chat') return repos.directory.agencyOfChat(row.to.platform, row.to.id);
  return (await repos.directory.personByAccount(row.to.platform, row.to.id))?.agencyId;
}

function noticeText(report: UndeliveredReport, recipient: string): string {
  const { row } = report;
  const what = describeOutboxMessage(row.message);
  const where = PLATFORM_NAMES[row.to.platform];
  if (report.kind === 'configuration') {
    return [
      `⚠️ ${where}拒绝了机器人的应用凭证，消息暂时发不出去。`,
      `原因：${report.error}`,
      `例如发给 ${recipient} 的：${what}`,
      '请检查应用凭证配置（如 FEISHU_APP_ID / FEISHU_APP_SECRET）。修正后未发出的消息会自动补发；发送 /outbox 可查看积压。',
    ].join('\n');
  }
  return [
    `⚠️ 一条${where}消息未能送达${report.kind === 'expired' ? '（重试期满）' : ''}。`,
    `收件人：${recipient}`,
    `内容：${what}`,
    `原因：${report.error}`,
    '已停止重试。请发送 /outbox 查看，可选择重发或放弃。',
  ].join('\n');
}

/**
 * Queues the notice to every administrator of the message's agency, on each platform in
 * `platforms` where they have an account. Returns how many notices were queued (0 when the
 * agency has no administrator with an account there: the caller logs it).
 */
export async function reportUndelivered(repos: Repos, env: Pick<AppEnv, 'clock'>, report: UndeliveredReport, platforms: readonly Platform[]): Promise<number> {
  const agencyId = await agencyOf(repos, report);
  if (agencyId === undefined) return 0;
  const admins = await repos.directory.peopleWithRole(agencyId, ['admin']);
  const text = noticeText(report, await describeRecipient(repos, report.row.to));
  const subject =
    report.kind === 'configuration' ? `config:${report.row.to.platform}:${String(report.code ?? '')}:${shanghaiDate(env.clock.now())}` : `row:${report.row.id}`;
  let queued = 0;
  for (const platform of platforms) {
    const accounts = await repos.directory.accountsOf(
      admins.map((a) => a.id),
      platform,
    );
    const items = [...accounts].map(([personId, accountId]) => ({
      agencyId,
      to: { kind: 'user' as const, platform, id: accountId },
      message: { type: 'text' as const, text },
      idempotencyKey: `${NOTICE_KEY_PREFIX}${subject}:${platform}:${personId}`,
    }));
    await repos.outbox.enqueue(items);
    queued += items.length;
  }
  return queued;
}
