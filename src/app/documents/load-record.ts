import type { Repos } from '../ports/store';
import type { DocumentRecord } from './record';
import { inspectionRecordView } from './inspection-record';
import { recheckOpinionView } from './recheck-opinion';
import { rectificationOrderView } from './rectification-order';
import type { DocumentView } from './document-view';

/** The stored record a task's documents print, or undefined before its findings are in. */
export async function loadDocumentRecord(repos: Pick<Repos, 'tasks' | 'directory' | 'records'>, taskId: number): Promise<DocumentRecord | undefined> {
  const task = await repos.tasks.byId(taskId);
  const findings = task ? await repos.tasks.findings(taskId) : undefined;
  if (!task || !findings) return undefined;
  const agency = (await repos.directory.agency(task.agencyId))!;
  const rechecks = await repos.records.rechecks(taskId);
  return {
    agency,
    task,
    enterprise: await repos.directory.enterprise(task.agencyId, task.uscc),
    findings,
    items: await repos.directory.checkItems(),
    inspectors: task.officers.filter((o) => o.status === 'confirmed').map((o) => ({ name: o.name, certificateNo: o.certificateNo, unit: o.unit })),
    rechecks,
    evidence: await repos.records.evidenceOf(taskId),
  };
}

/** Every document the record supports now: the 现场检查记录, the 指令书 when hazards have a date, a 复查意见书 per round. */
export function documentsOf(rec: DocumentRecord): DocumentView[] {
  const order = rectificationOrderView(rec);
  return [
    inspectionRecordView(rec),
    ...(order ? [order] : []),
    ...rec.rechecks.flatMap((r) => {
      const v = recheckOpinionView(rec, r.round);
      return v ? [v] : [];
    }),
  ];
}
