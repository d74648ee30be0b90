/**
 * `npm run bench -- import`: a 10 000-row enterprise directory checked and imported from the chat
 * (the use cases: read and check the .xlsx, compare with the register, keep the preview; then
 * 确认导入: compare again, write), into an empty register and over a full one (every row changed,
 * one in ten no longer listed), on PostgreSQL and on PGlite. Target: under 10 s each.
 *
 * Baselines in the same run: reading the .xlsx alone (ExcelJS, no checks), and writing the rows
 * with plain multi-row INSERTs (500 a statement, no comparison, no preview).
 *
 * Flags: --rows 10000  --drivers postgres,pglite. PostgreSQL: BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres); the benchmark creates and drops its own database.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { fixedClock } from '../src/app/ports/clock';
import { fixedRandom } from '../src/app/ports/random';
import { spreadsheetWriter } from '../src/export/workbook';
import type { Person } from '../src/app/ports/store';
import type { UseCaseContext } from '../src/app/use-case';
import { confirmImport } from '../src/app/use-cases/confirm-import';
import { previewImport } from '../src/app/use-cases/preview-import';
import { openPglite, openPostgres, rowsOf, type Database } from '../src/db/client';
import { addStaff, createAgency } from '../src/db/repos/directory-import';
import { enterprises } from '../src/db/schema';
import { createDrizzleStore } from '../src/db/store';
import type { Enterprise } from '../src/domain/model';
import { enterprisesToXlsx } from '../src/import';
import { benchEnterprises } from './support/register-file';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGET_MS = 10_000;
const s = (ms: number) => `${(ms / 1000).toFixed(2).padStart(6)} s`;

async function timed<T>(what: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await what();
  return [value, performance.now() - start];
}

/** Preview then 确认导入, through the use cases, each in its own transaction as the router runs them. */
async function chatImport(database: Database, admin: Person, name: string, data: Uint8Array) {
  const clock = fixedClock('2026-03-02T01:30:00Z');
  const store = createDrizzleStore(database.db, clock);
  const env = { clock, random: fixedRandom(7), drawKey: new Uint8Array(32).fill(1), spreadsheets: spreadsheetWriter };
  const ctx = (repos: UseCaseContext['repos']): UseCaseContext => ({
    repos,
    env,
    actor: admin,
    origin: { platform: 'local', chatId: 'dm:admin', kind: 'direct' },
  });
  const [preview, previewMs] = await timed(() => store.transaction((repos) => previewImport(ctx(repos), { name, data })));
  const card = preview.reply?.type === 'card' ? preview.reply.card : undefined;
  const button = card?.actions?.find((a) => a.action === 'import.confirm');
  if (!button) throw new Error(`no preview: ${JSON.stringify(preview).slice(0, 300)}`);
  const [confirmed, confirmMs] = await timed(() =>
    store.transaction((repos) => confirmImport(ctx(repos), { importId: Number(button.payload.importId), key: button.payload.key! })),
  );
  if (confirmed.toast?.kind !== 'success') throw new Error(`not imported: ${confirmed.toast?.text}`);
  return { previewMs, confirmMs, text: confirmed.toast.text };
}

async function plainInsert(database: Database, agencyId: number, rows: readonly Enterprise[]): Promise<void> {
  await database.db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 500) await tx.insert(enterprises).values(rows.slice(i, i + 500).map((e) => ({ ...e, agencyId })));
  });
}

async function measure(database: Database, rows: number): Promise<void> {
  const at = new Date('2026-03-02T01:00:00Z');
  const agencyId = await createAgency(database.db, { name: '基准测试区应急管理局', shortName: '基应急' }, at);
  const adminId = await addStaff(database.db, agencyId, { name: '管理员', role: 'admin', unit: '法规科' }, at);
  const admin: Person = { id: adminId, agencyId, name: '管理员', role: 'admin', unit: '法规科', certificateNo: null };
  const first = benchEnterprises(rows, 1);
  const [file, writeMs] = await timed(() => enterprisesToXlsx(first));
  console.log(`  ${rows} rows as .xlsx: ${(file.byteLength / 1024 / 1024).toFixed(1)} MB (written in ${s(writeMs).trim()})`);

  const [, readOnlyMs] = await timed(async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  });
  const empty = await chatImport(database, admin, '名录.xlsx', file);
  const total1 = empty.previewMs + empty.confirmMs;
  console.log(
    `  into an empty register: preview ${s(empty.previewMs)}, 确认导入 ${s(empty.confirmMs)}, total ${s(total1)}  ${total1 < TARGET_MS ? 'met' : 'NOT met'} (< 10 s)`,
  );
  console.log(`    ${empty.text}`);

  // Every row changed (a new address), one in ten dropped from the file: updates and 移出名录.
  const second = first.filter((_, i) => i % 10 !== 0).map((e) => ({ ...e, address: `${e.address}（新址）` }));
  const file2 = await enterprisesToXlsx(second);
  const full = await chatImport(database, admin, '名录-新.xlsx', file2);
  const total2 = full.previewMs + full.confirmMs;
  console.log(
    `  over a full register:   preview ${s(full.previewMs)}, 确认导入 ${s(full.confirmMs)}, total ${s(total2)}  ${total2 < TARGET_MS ? 'met' : 'NOT met'} (< 10 s)`,
  );
  console.log(`    ${full.text}`);

  const other = await createAgency(database.db, { name: '基准对照', shortName: '对照' }, at);
  const [, insertMs] = await timed(() => plainInsert(database, other, first));
  const n = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from enterprises where agency_id = ${other}`))[0]!.n;
  console.log(`  baselines: reading the .xlsx alone ${s(readOnlyMs)}; plain INSERT of ${n} rows ${s(insertMs)}`);
  console.log(`  ratio: empty-register import / (read + insert) = ×${(total1 / (readOnlyMs + insertMs)).toFixed(1)}`);
}

export async function run(args: string[]): Promise<void> {
  const i = args.indexOf('--rows');
  const rows = i >= 0 ? Number(args[i + 1]) : 10_000;
  const d = args.indexOf('--drivers');
  const drivers = (d >= 0 ? args[d + 1]! : 'postgres,pglite').split(',');
  console.log(
    `register import benchmark: ${rows} enterprises, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  for (const driver of drivers) {
    console.log(`\n${driver}:`);
    if (driver === 'pglite') {
      const database = await openPglite('memory://');
      try {
        await measure(database, rows);
      } finally {
        await database.close();
      }
      continue;
    }
    const url = new URL(process.env.BENCH_DATABASE_URL ?? DEFAULT_URL);
    const name = `bench_import_${randomBytes(4).toString('hex')}`;
    const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    url.pathname = `/${name}`;
    const database = await openPostgres(url.toString(), { max: 5 });
    try {
      await measure(database, rows);
    } finally {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
  console.log(
    `\nload average at end: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
}
