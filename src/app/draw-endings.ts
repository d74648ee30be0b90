import type { CardSection } from './views/card-view';
import type { Repos } from './ports/store';

/** How many of a year's draws each person abandoned, or asked for or agreed to cancel. */
export interface DrawEndingsByPerson {
  name: string;
  abandoned: number;
  cancelRequested: number;
  cancelConfirmed: number;
}

/** Draws a year of a bureau holds at most, read to count their endings (a few dozen in practice). */
const DRAWS_READ = 2000;

/**
 * Abandonments and cancellations of `year`'s draws, per person (issue: nobody may draw again until
 * the result pleases unseen): who abandoned, who asked for a cancellation, who agreed to it.
 */
export async function drawEndingsByPerson(repos: Repos, agencyId: number, year: number): Promise<DrawEndingsByPerson[]> {
  const draws = (await repos.draws.recent(agencyId, DRAWS_READ)).filter((d) => d.year === year);
  const counts = new Map<number, DrawEndingsByPerson>();
  const add = async (id: number | null, field: keyof Omit<DrawEndingsByPerson, 'name'>) => {
    if (id === null) return;
    let row = counts.get(id);
    if (!row) {
      row = { name: (await repos.directory.person(id))?.name ?? `#${id}`, abandoned: 0, cancelRequested: 0, cancelConfirmed: 0 };
      counts.set(id, row);
    }
    row[field]++;
  };
  for (const d of draws) {
    if (d.status === 'abandoned') await add(d.endedBy, 'abandoned');
    if (d.status === 'cancelled') {
      await add(d.endedBy, 'cancelRequested');
      await add(d.cancelConfirmedBy, 'cancelConfirmed');
    }
  }
  return [...counts.values()].sort((a, b) => b.abandoned + b.cancelRequested - (a.abandoned + a.cancelRequested) || (a.name < b.name ? -1 : 1));
}

/** The statistics card's section on abandoned and cancelled draws. */
export function drawEndingsSection(rows: readonly DrawEndingsByPerson[]): CardSection {
  if (!rows.length) return { type: 'text', text: '放弃与撤销：本年没有放弃或撤销的抽取。' };
  return {
    type: 'table',
    columns: ['放弃与撤销（按人员）', '放弃', '申请撤销', '确认撤销'],
    rows: rows.map((r) => [r.name, String(r.abandoned), String(r.cancelRequested), String(r.cancelConfirmed)]),
  };
}
