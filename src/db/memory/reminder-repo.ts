import type { Clock } from '../../app/ports/clock';
import type { ReminderRepo, ReminderTaskRow } from '../../app/ports/store';
import type { ReminderOfficer } from '../../domain/reminders';
import type { MemoryTx } from './memory-database';
import type { TaskRecord } from './rows';
import { sortedBy, toPerson } from './values';

/** Daily reminders, 复查 results and provisional deadlines on the in-memory tables (the SQL of reminder-repo.ts). */
export function reminderRepo(tx: MemoryTx, clock: Clock): ReminderRepo {
  const findingsOf = (taskId: number) => [...tx.read('findings').values()].find((f) => f.taskId === taskId);
  const activeOfficers = (taskId: number) =>
    sortedBy(tx.read('taskOfficers').values(), (o) => o.id).filter(
      (o) => o.taskId === taskId && (o.status === 'pending' || o.status === 'confirmed' || o.status === 'awaiting_recusal'),
    );
  /** Open tasks, and published ones whose 限期整改 still awaits its 复查. */
  const isOpen = (t: TaskRecord) => {
    if (t.status === 'assigned' || t.status === 'inspected') return true;
    const f = findingsOf(t.id);
    return t.status === 'published' && f?.rectification === 'deadline' && f.recheckResult === null;
  };
  return {
    async openTasks(filter) {
      const tasks = sortedBy(tx.read('tasks').values(), (t) => t.id).filter(
        (t) =>
          isOpen(t) &&
          (filter.agencyId === undefined || t.agencyId === filter.agencyId) &&
          (filter.personId === undefined || activeOfficers(t.id).some((o) => o.personId === filter.personId)),
      );
      return tasks.map((t): ReminderTaskRow => {
        const draw = tx.read('draws').get(t.drawId)!;
        const f = findingsOf(t.id);
        const officers = activeOfficers(t.id).map(
          (o): ReminderOfficer => ({ personId: o.personId, status: o.status, name: tx.read('people').get(o.personId)?.name ?? '' }),
        );
        return {
          id: t.id,
          agencyId: t.agencyId,
          drawNo: draw.drawNo,
          platform: draw.platform,
          ordinal: t.ordinal,
          enterpriseName: t.enterpriseName,
          status: t.status,
          windowFrom: t.windowFrom,
          windowTo: t.windowTo,
          resultDate: t.resultDate,
          publicationDue: t.publicationDue,
          publicationDueProvisional: t.publicationDueProvisional,
          officers,
          findings: f?.rectification ? { rectification: f.rectification, rectificationDue: f.rectificationDue, recheckResult: f.recheckResult } : null,
        };
      });
    },
    async staff(roles, agencyId) {
      return sortedBy(tx.read('people').values(), (p) => p.id)
        .filter((p) => roles.includes(p.role) && (agencyId === undefined || p.agencyId === agencyId))
        .map(toPerson);
    },
    async accounts(personIds) {
      const wanted = new Set(personIds);
      const out = new Map<number, Array<{ platform: ReminderTaskRow['platform']; accountId: string }>>();
      for (const a of sortedBy(tx.read('accounts').values(), (x) => x.id)) {
        if (!wanted.has(a.personId)) continue;
        out.set(a.personId, [...(out.get(a.personId) ?? []), { platform: a.platform, accountId: a.accountId }]);
      }
      return out;
    },
    async claim(rows) {
      const claimed = new Map<string, number>();
      // Sorted keys, as the SQL claims them (so that ids follow the key order there too).
      const sorted = [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      for (const r of sorted) {
        if (tx.read('reminders').has(r.key)) continue;
        const id = tx.nextId('reminders');
        tx.put('reminders', r.key, { id, key: r.key, day: r.day, recipient: r.recipient, createdAt: clock.now() });
        claimed.set(r.key, id);
      }
      return claimed;
    },
    async provisionalPublications() {
      return sortedBy(tx.read('tasks').values(), (t) => t.id)
        .filter((t) => t.status === 'inspected' && t.publicationDueProvisional && t.resultDate && t.publicationDue)
        .map((t) => ({ taskId: t.id, agencyId: t.agencyId, resultDate: t.resultDate!, publicationDue: t.publicationDue! }));
    },
    async updatePublicationDue(taskId, due, provisional, at) {
      const t = tx.read('tasks').get(taskId);
      if (t?.status !== 'inspected' || !t.publicationDueProvisional) return false;
      tx.put('tasks', taskId, { ...t, publicationDue: due, publicationDueProvisional: provisional, updatedAt: at });
      return true;
    },
  };
}
