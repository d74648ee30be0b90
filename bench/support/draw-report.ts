/** The draw benchmark's printed report: summary, breakdown, growth and the targets of the issue. */
import type { CaseResult, Driver } from './draw-case';

export interface CaseRow {
  driver: Driver;
  size: number;
  result?: CaseResult;
  peakRssMb?: number;
  /** Why the case was skipped or stopped. */
  note?: string;
}

const ms = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n.toFixed(0) : '—');
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

function table(head: string[], body: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)].join('\n');
}

const perEnterpriseUs = (r: CaseResult) => (r.median.total * 1000) / r.spec.size;
type Done = CaseRow & { result: CaseResult };

function summary(rows: CaseRow[]): void {
  const body = rows.map((row) => {
    const r = row.result;
    if (!r) return [String(row.size), row.driver, 'skipped', '', '', '', '', '', '', ''];
    const reps = `${r.reps.length}${r.note ? '*' : ''}`;
    return [
      String(row.size),
      row.driver,
      ms(r.median.total),
      ms(r.median.cpu),
      ms(r.naiveMedian),
      (r.median.total / r.naiveMedian).toFixed(1),
      perEnterpriseUs(r).toFixed(2),
      reps,
      String(row.peakRssMb ?? '—'),
      `${r.loadavg.start.toFixed(1)}→${r.loadavg.end.toFixed(1)}`,
    ];
  });
  console.log(
    table(['pool size', 'driver', 'prepare+execute (ms)', 'node CPU (ms)', 'naive (ms)', 'ratio', 'µs/enterprise', 'reps', 'peak RSS (MB)', 'load avg'], body),
  );
  for (const row of rows) {
    const notes = [row.note, row.result?.note].filter(Boolean);
    if (notes.length) console.log(`  * ${row.driver} ${row.size}: ${notes.join('; ')}`);
  }
  console.log('  prepare+execute: median wall time of the two transactions; node CPU: this process only (PGlite runs inside it).');
}

function breakdown(done: Done[]): void {
  console.log('\n== Where the time goes (median ms per step) ==');
  const body = done.map(({ result: r }) => {
    const b = r.median;
    return [
      String(r.spec.size),
      r.spec.driver,
      ms(b.roster),
      ms(b.slice),
      ms(b.freezeLot),
      ms(b.prepareRest),
      ms(b.loadFrozen),
      ms(b.pureExecute),
      ms(b.insertTasks),
      ms(b.cardsAndMessages),
      ms(b.executeRest),
      mb(r.lotBytes),
      ms(r.floorMedian),
    ];
  });
  const head = [
    'pool size',
    'driver',
    'roster',
    'slice',
    'freeze lot',
    'prepare rest',
    'load lot',
    'pure execute',
    'insert tasks',
    'cards+messages',
    'execute rest',
    'lot (MB)',
    'floor',
  ];
  console.log(table(head, body));
  console.log('  roster: officers and history; slice: special enterprises in full, plain ones counted (SQL);');
  console.log('  freeze lot: serialize, hash and store the lot in one insert … select; prepare rest: the domain, the draw row, audit, card;');
  console.log('  load lot: read the stored lot back and split it into lines; pure execute: the domain draw;');
  console.log('  cards+messages: audit, result card and one task card per officer queued in the outbox;');
  console.log('  floor: serializing and hashing the lot in SQL and nothing else — what any verifiable draw of this lot must spend.');
}

function perDriver(done: Done[]): void {
  for (const driver of ['postgres', 'pglite'] as const) {
    const mine = done.filter((r) => r.driver === driver).sort((a, b) => a.size - b.size);
    const largest = mine[mine.length - 1]?.result;
    if (!largest) continue;
    console.log(`\n${driver}, ${largest.spec.size}:`);
    const top = Object.entries(largest.calls)
      .sort((a, b) => b[1][0] - a[1][0])
      .slice(0, 8);
    console.log(`  slowest repository calls: ${top.map(([k, [t, n]]) => `${k} ${ms(t)} ms${n > 1 ? ` (${n}×)` : ''}`).join(', ')}`);
    const steps = mine.slice(1).map((b, i) => {
      const a = mine[i] as Done;
      const marginal = ((b.result.median.total - a.result.median.total) * 1000) / (b.size - a.size);
      return `${a.size}→${b.size}: ${marginal.toFixed(2)} µs`;
    });
    if (steps.length) console.log(`  marginal cost per added enterprise (fixed costs removed): ${steps.join('; ')}`);
    const small = mine.find((r) => r.size === 100_000)?.result;
    const big = mine.find((r) => r.size === 1_000_000)?.result;
    if (small && big) {
      const growth = perEnterpriseUs(big) / perEnterpriseUs(small);
      console.log(
        `  growth: ${perEnterpriseUs(big).toFixed(2)} µs/enterprise at 1 000 000 vs ${perEnterpriseUs(small).toFixed(2)} at 100 000 → ×${growth.toFixed(2)} (≤ 1: no faster than linear); total ×${(big.median.total / small.median.total).toFixed(2)} for ×10 the pool`,
      );
    }
  }
}

function targets(done: Done[]): void {
  const pg = done.find((r) => r.driver === 'postgres' && r.size === 1_000_000)?.result;
  const pg100k = done.find((r) => r.driver === 'postgres' && r.size === 100_000)?.result;
  if (!pg) return;
  const ratio = pg.median.total / pg.naiveMedian;
  console.log('\n== Targets (PostgreSQL, 1 000 000 enterprises) ==');
  console.log(`  under 3 s:             ${ms(pg.median.total)} ms → ${pg.median.total < 3000 ? 'met' : 'NOT met'}`);
  console.log(
    `  within 2× naive SQL:   ×${ratio.toFixed(1)} → ${ratio <= 2 ? 'met' : 'NOT met'} (serializing and hashing the lot alone: ×${(pg.floorMedian / pg.naiveMedian).toFixed(1)})`,
  );
  console.log(
    `  against that floor:    ×${(pg.median.total / pg.floorMedian).toFixed(1)} (the cost of a draw that commits to its lot, over the least such a draw can cost)`,
  );
  if (pg100k) {
    const growth = perEnterpriseUs(pg) / perEnterpriseUs(pg100k);
    console.log(`  no faster than linear: ×${growth.toFixed(2)} per enterprise (1M vs 100k) → ${growth <= 1 ? 'met' : 'NOT met'}`);
  }
}

export function printReport(rows: CaseRow[], o: { targets: number }): void {
  console.log(`\n== Draw of ${o.targets}: app path (prepareDraw + executeDraw use cases) vs naive order by random() ==`);
  summary(rows);
  const done = rows.filter((r): r is Done => r.result !== undefined);
  if (done.length === 0) return;
  breakdown(done);
  perDriver(done);
  targets(done);
}
