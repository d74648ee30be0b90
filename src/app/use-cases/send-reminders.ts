import { selectReminders, type Digest, type HolidayNotice, type ReminderPlan } from '../../domain/reminders';
import type { IsoDate } from '../../domain/model';
import type { Platform, Recipient } from '../ports/messenger';
import type { OutboxInput, Repos, Store } from '../ports/store';
import { calendarOf, todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
import { holidayNoticeCard, leaderDigestCard, officerDigestCard } from '../views/reminder-cards';

/** Everything needed to turn a plan into messages. */
export interface LoadedPlan {
  plan: ReminderPlan;
  names: Map<number, string>;
  platformOfTask: Map<number, Platform>;
  accounts: Map<number, Array<{ platform: Platform; accountId: string }>>;
}

export interface ReminderRunResult {
  day: IsoDate;
  isWorkday: boolean;
  /** Digests and notices queued now (0 on a rerun). */
  queued: number;
  /** Reminder entries newly claimed. */
  entries: number;
  /** People with something due but no messenger account: nothing claimed, so a later run can still reach them. */
  unreachable: number;
  missingYears: number[];
}

const PLATFORM_PREFERENCE: Platform[] = ['feishu', 'dingtalk', 'local'];

/** Loads the database state for `day` and computes the plan (pure), in the caller's transaction. */
export async function loadPlan(repos: Repos, day: IsoDate, agencyId?: number): Promise<LoadedPlan> {
  const filter = agencyId === undefined ? {} : { agencyId };
  const tasks = await repos.reminders.openTasks(filter);
  const staff = await repos.reminders.staff(['leader', 'admin'], agencyId);
  const member = (p: { id: number; agencyId: number }) => ({ personId: p.id, agencyId: p.agencyId });
  const plan = selectReminders({
    today: day,
    calendar: await calendarOf(repos),
    tasks,
    leaders: staff.filter((p) => p.role === 'leader').map(member),
    admins: staff.filter((p) => p.role === 'admin').map(member),
  });
  const names = new Map<number, string>(staff.map((p) => [p.id, p.name]));
  for (const t of tasks) for (const o of t.officers) names.set(o.personId, o.name);
  const ids = [...new Set([...plan.digests.map((d) => d.personId), ...plan.notices.map((n) => n.personId)])];
  const accounts = ids.length ? await repos.reminders.accounts(ids) : new Map();
  return { plan, names, platformOfTask: new Map(tasks.map((t) => [t.id, t.platform])), accounts };
}

/** The platform of the person's first task (where their task cards went), else their preferred account. */
function recipientOf(loaded: LoadedPlan, personId: number, digest?: Digest): Recipient | undefined {
  const list = loaded.accounts.get(personId) ?? [];
  const firstTask = digest?.entries[0]?.item.taskId;
  const wanted = firstTask === undefined ? undefined : loaded.platformOfTask.get(firstTask);
  const account =
    list.find((a) => a.platform === wanted) ?? [...list].sort((a, b) => PLATFORM_PREFERENCE.indexOf(a.platform) - PLATFORM_PREFERENCE.indexOf(b.platform))[0];
  return account ? { kind: 'user', platform: account.platform, id: account.accountId } : undefined;
}

export interface PlanSlice {
  digests: Digest[];
  notices: HolidayNotice[];
}

/**
 * Claims the slice's reminder keys (unique insert) and queues one message per recipient for the
 * keys that were new, in the caller's transaction: committed together, or not at all. The
 * outbox key names the first new reminder row, so a second digest of the same day (something
 * new fell due after the first) is a different message, and a rerun queues nothing.
 */
export async function enqueueSlice(repos: Repos, loaded: LoadedPlan, slice: PlanSlice): Promise<Omit<ReminderRunResult, 'day' | 'isWorkday' | 'missingYears'>> {
  const day = loaded.plan.day;
  const targets = new Map<number, Recipient>();
  let unreachable = 0;
  const rows: Array<{ key: string; day: IsoDate; recipient: string }> = [];
  for (const d of slice.digests) {
    const to = recipientOf(loaded, d.personId, d);
    if (!to) {
      unreachable++;
      continue;
    }
    targets.set(d.personId, to);
    if (d.digestKey) rows.push({ key: d.digestKey, day, recipient: `person:${d.personId}` });
    else for (const e of d.entries) rows.push({ key: e.key, day, recipient: `person:${d.personId}` });
  }
  for (const n of slice.notices) {
    const to = recipientOf(loaded, n.personId);
    if (!to) continue;
    targets.set(n.personId, to);
    rows.push({ key: n.key, day, recipient: `person:${n.personId}` });
  }
  const claimed = rows.length ? await repos.reminders.claim(rows) : new Map<string, number>();
  const out: OutboxInput[] = [];
  let entries = 0;
  for (const d of slice.digests) {
    const fresh = d.digestKey ? (claimed.has(d.digestKey) ? d.entries : []) : d.entries.filter((e) => claimed.has(e.key));
    const to = targets.get(d.personId);
    if (!fresh.length || !to) continue;
    entries += fresh.length;
    const first = fresh.reduce((min, e) => Math.min(min, claimed.get(e.key)!), Number.MAX_SAFE_INTEGER);
    const items = fresh.map((e) => e.item);
    const name = loaded.names.get(d.personId) ?? '';
    const card = d.audience === 'leader' ? leaderDigestCard(day, d.personId, items) : officerDigestCard(name, day, d.personId, items);
    out.push({ agencyId: d.agencyId, to, message: { type: 'card', card }, idempotencyKey: `rem:${day}:${d.audience[0]}${d.personId}:${first}` });
  }
  for (const n of slice.notices) {
    const id = claimed.get(n.key);
    const to = targets.get(n.personId);
    if (id === undefined || !to) continue;
    entries++;
    out.push({
      agencyId: n.agencyId,
      to,
      message: { type: 'card', card: holidayNoticeCard(day, n.missingYears) },
      idempotencyKey: `rem:${day}:a${n.personId}:${id}`,
    });
  }
  await repos.outbox.enqueue(out);
  return { queued: out.length, entries, unreachable };
}

export interface DailyRunOptions {
  /** Recipients per transaction (short transactions; default 200). */
  chunk?: number;
  /** Chunks in flight at once (default 2; PGlite runs them one after the other anyway). */
  parallel?: number;
  /** Called after each committed chunk that queued messages (wakes the outbox sender). */
  onQueued?: () => void;
}

function isDeadlock(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '40P01';
}

/** Claims and queues one slice in its own transaction, retrying a deadlock (see below). */
async function commitSlice(store: Store, loaded: LoadedPlan, slice: PlanSlice, result: ReminderRunResult, onQueued?: () => void): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const r = await store.transaction((repos) => enqueueSlice(repos, loaded, slice));
      result.queued += r.queued;
      result.entries += r.entries;
      result.unreachable += r.unreachable;
      if (r.queued) onQueued?.();
      return;
    } catch (error) {
      // Two runs at once that chunked the same keys differently can wait on each other;
      // PostgreSQL aborts one of them. Its transaction rolled back whole, so it is retried.
      if (!isDeadlock(error) || attempt >= 3) throw error;
    }
  }
}

/**
 * The daily job: compute the plan in one read transaction, then claim and queue it in short
 * transactions of `chunk` recipients, `parallel` at a time (disjoint recipients, so disjoint
 * keys). Safe to run any number of times, concurrently too: the unique reminder keys let each
 * entry through once.
 */
export async function runDailyReminders(store: Store, day: IsoDate, options: DailyRunOptions = {}): Promise<ReminderRunResult> {
  const loaded = await store.transaction((repos) => loadPlan(repos, day));
  const { plan } = loaded;
  const result: ReminderRunResult = { day, isWorkday: plan.isWorkday, queued: 0, entries: 0, unreachable: 0, missingYears: plan.missingYears };
  const chunk = options.chunk ?? 200;
  const slices: PlanSlice[] = [];
  for (let i = 0; i < plan.digests.length; i += chunk) slices.push({ digests: plan.digests.slice(i, i + chunk), notices: [] });
  if (plan.notices.length) slices.push({ digests: [], notices: plan.notices });
  const parallel = Math.max(1, options.parallel ?? 2);
  for (let i = 0; i < slices.length; i += parallel) {
    // allSettled: nothing of this run is still in flight when it returns or throws.
    const settled = await Promise.allSettled(slices.slice(i, i + parallel).map((slice) => commitSlice(store, loaded, slice, result, options.onQueued)));
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
  return result;
}

/** `/remind`: a leader sends today's digests of the agency now; idempotent like the schedule. */
export async function remindNow(ctx: UseCaseContext): Promise<UseCaseResult> {
  const day = todayOf(ctx.env);
  const loaded = await loadPlan(ctx.repos, day, ctx.actor.agencyId);
  if (!loaded.plan.isWorkday) {
    return { reply: { type: 'text', text: `今天（${day}）不是工作日，不发送每日提醒；下一个工作日 09:00 将自动发送。` } };
  }
  const r = await enqueueSlice(ctx.repos, loaded, loaded.plan);
  const recipients = loaded.plan.digests.filter((d) => d.audience === 'officer').length;
  const parts = [
    r.queued ? `已发送今日提醒 ${r.queued} 份（${r.entries} 项）。` : '今日提醒均已发送过，没有新的提醒。',
    recipients ? `今天共有 ${recipients} 名执法人员有待办事项。` : '今天没有需要提醒执法人员的事项。',
    r.unreachable ? `${r.unreachable} 人未绑定聊天账号，无法提醒，请管理员绑定。` : '',
    loaded.plan.missingYears.length ? `注意：${loaded.plan.missingYears.join('、')} 年节假日安排尚未录入，相关期限为暂定。` : '',
  ];
  return { reply: { type: 'text', text: parts.filter(Boolean).join('') } };
}
