import { anchorMessage } from '../../domain/audit/audit-anchors';
import type { IsoDate } from '../../domain/model';
import { addDays } from '../../domain/workdays';
import type { Platform } from '../ports/messenger';
import type { DailyHead, OutboxInput, Store } from '../ports/store';

/** Days a run looks back for heads not yet recorded (the server was down): a month. */
export const HEAD_CATCH_UP_DAYS = 31;

const PLATFORMS: readonly Platform[] = ['feishu', 'dingtalk', 'local'];

export interface AuditHeadsRun {
  /** The days whose head this run recorded (none on a rerun). */
  recorded: DailyHead[];
  /** Group messages queued. */
  posted: number;
}

/** The instant a day (Asia/Shanghai, UTC+8 all year) begins. */
function startOfDay(day: IsoDate): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** Where the full list is, for the group message. */
export function auditHeadsUrl(publicBaseUrl: string | undefined): string {
  return `${publicBaseUrl?.replace(/\/+$/, '') ?? ''}/public/audit-heads`;
}

/**
 * Publishes the chain head of each day up to yesterday (`today` is the Asia/Shanghai date of the
 * run): records it in `audit_daily_heads` (append-only, listed on `/public/audit-heads`) and, when
 * the chain moved since the head published before, posts the newest one to every bound group, so
 * that copies exist outside the server (see src/domain/audit/audit-anchors.ts). One transaction;
 * a rerun records and posts nothing. Days missed while the server was down are recorded too (up
 * to HEAD_CATCH_UP_DAYS back), each as the chain stood at its end.
 */
export async function publishAuditHeads(
  store: Store,
  today: IsoDate,
  options: { now: Date; publicBaseUrl?: string; platforms?: readonly Platform[] },
): Promise<AuditHeadsRun> {
  return store.transaction(async (repos) => {
    const published = await repos.audit.dailyHeads();
    const previous = published.at(-1);
    const yesterday = addDays(today, -1);
    const earliest = addDays(yesterday, 1 - HEAD_CATCH_UP_DAYS);
    let day = previous && previous.day >= earliest ? addDays(previous.day, 1) : previous ? earliest : yesterday;
    const recorded: DailyHead[] = [];
    for (; day <= yesterday; day = addDays(day, 1)) {
      const head = await repos.audit.headBefore(startOfDay(addDays(day, 1)));
      if (head.entryCount === 0) continue;
      const daily = { day, ...head, recordedAt: options.now };
      if (await repos.audit.recordDailyHead(daily)) recorded.push(daily);
    }
    const newest = recorded.at(-1);
    if (!newest || newest.entryCount === previous?.entryCount) return { recorded, posted: 0 };
    const text = anchorMessage(newest, auditHeadsUrl(options.publicBaseUrl));
    const messages: OutboxInput[] = [];
    for (const agency of await repos.directory.agencies()) {
      for (const platform of options.platforms ?? PLATFORMS) {
        for (const chatId of await repos.accounts.chatsOf(agency.id, platform)) {
          messages.push({
            agencyId: agency.id,
            to: { kind: 'chat', platform, id: chatId },
            message: { type: 'text', text },
            idempotencyKey: `audit-head:${newest.day}:${platform}:${chatId}`,
          });
        }
      }
    }
    await repos.outbox.enqueue(messages);
    return { recorded, posted: messages.length };
  });
}
