import { INDUSTRIES } from '../../domain/model';
import type { TaskFilter } from '../use-cases/list-tasks';
import { listTokens } from './parse-draw';

const STATUS_WORDS: Record<string, NonNullable<TaskFilter['statuses']>[number]> = {
  待确认: 'unconfirmed',
  待检查: 'assigned',
  待公示: 'inspected',
  已公示: 'published',
  已撤销: 'cancelled',
};

/**
 * Reads `/tasks` filters: 我的, a draw number (with 抽, a bracket or a year: 2026-1), a status
 * word, 逾期, an industry, a page (第2页, p2), and anything else as part of an officer's name.
 */
export function parseTaskFilter(body: string): TaskFilter {
  const filter: TaskFilter = {};
  for (const word of listTokens(body.normalize('NFKC'))) {
    const page = /^(?:第(\d+)页|p(\d+))$/i.exec(word);
    if (word === '我的') filter.mine = true;
    else if (word === '逾期') filter.overdue = true;
    else if (STATUS_WORDS[word]) filter.statuses = [...(filter.statuses ?? []), STATUS_WORDS[word]];
    else if ((INDUSTRIES as readonly string[]).includes(word)) filter.industries = [...(filter.industries ?? []), word];
    else if (page) filter.page = Number(page[1] ?? page[2]);
    else if (/抽|[〔[(（【]|^(19|20)\d{2}\D/.test(word)) filter.drawRef = word;
    else filter.officer = word;
  }
  return filter;
}
