import type { ReportRepo } from '../../app/ports/reports';
import { toEnterprise } from '../enterprise-row';
import type { MemoryTx } from './memory-database';
import { toFindingsRow, toTaskRows } from './task-repo';
import { readDate, readJson, sortedBy } from './values';
import type { RecheckHazardResult } from '../../domain/findings/recheck';

/** The reports' reads on the in-memory store, held to the SQL repository by the contract suite. */
export function reportRepo(tx: MemoryTx): ReportRepo {
  const ofAgency = (agencyId: number) => [...tx.read('draws').values()].filter((d) => d.agencyId === agencyId);
  return {
    async tasksOfYear(agencyId, year) {
      const drawIds = sortedBy(
        ofAgency(agencyId).filter((d) => d.year === year),
        (d) => d.id,
      ).map((d) => d.id);
      const order = new Map(drawIds.map((id, i) => [id, i]));
      const list = [...tx.read('tasks').values()]
        .filter((t) => order.has(t.drawId))
        .sort((a, b) => order.get(a.drawId)! - order.get(b.drawId)! || a.ordinal - b.ordinal);
      const found = new Map([...tx.read('findings').values()].map((f) => [f.taskId, f]));
      const rounds = sortedBy(tx.read('rechecks').values(), (r) => r.round);
      const files = [...tx.read('evidence').values()];
      return toTaskRows(tx, list).map((t) => {
        const f = found.get(t.id);
        return {
          ...t,
          findings: f ? { ...toFindingsRow(f), recheckResult: f.recheckResult, recheckedAt: readDate(f.recheckedAt) } : null,
          rechecks: rounds
            .filter((r) => r.taskId === t.id)
            .map((r) => ({ ...r, results: readJson(r.results) as RecheckHazardResult[], createdAt: readDate(r.createdAt) })),
          evidenceCount: files.filter((e) => e.taskId === t.id).length,
        };
      });
    },
    async enterprises(agencyId) {
      const list = [...tx.read('enterprises').values()].filter((e) => e.agencyId === agencyId);
      return list.sort((a, b) => (a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0)).map(toEnterprise);
    },
    async years(agencyId) {
      return [...new Set(ofAgency(agencyId).map((d) => d.year))].sort((a, b) => b - a);
    },
  };
}
