/**
 * The draw's enterprise lot in SQL. The rules stay in src/domain/draw: the domain says which
 * enterprises are "plain" (PlainSpec) and decides every other one itself; these statements only
 * select, count and serialize the plain ones where they live, so a lot of a million is never
 * read out of the database. `test/db/draw-lot.test.ts` holds them to the domain's in-memory path
 * (same slice, same serialization, same hash) on PGlite and PostgreSQL.
 */
import { sql, type SQL } from 'drizzle-orm';
import { ENTERPRISE_POOL_HEADER, OPERATING_STATUS, type DrawFilters, type PlainSpec } from '../../domain/draw';
import { RISK_LEVELS } from '../../domain/model';

/** The rows of a text[] parameter (passed as JSON so that every driver reads it alike), for `in (…)`. */
function textRows(values: readonly string[]): SQL {
  return sql`select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)`;
}

/** The same parameter as a text[] value, for `= any(…)`. */
function textArray(values: readonly string[]): SQL {
  return sql`array(${textRows(values)})`;
}

/** The draw's filters (`makeMatcher` in the domain): every given filter must hold. */
export function matchesFilters(agencyId: number, f: DrawFilters): SQL {
  const parts = [sql`agency_id = ${agencyId}`];
  if (f.industries) parts.push(sql`industry = any(${textArray(f.industries)})`);
  if (f.townships) parts.push(sql`township = any(${textArray(f.townships)})`);
  if (f.riskLevels) parts.push(sql`risk_level = any(${textArray(f.riskLevels)})`);
  if (f.usccs) parts.push(sql`uscc = any(${textArray(f.usccs)})`);
  return sql.join(parts, sql` and `);
}

/** The tests of `plainTest` on a row's own columns (status, 重点监管, risk level, industry); not its USCC. */
function plainColumns(spec: PlainSpec): SQL {
  if (spec.filters.usccs !== undefined) return sql`false`;
  const parts = [sql`status = ${OPERATING}`, sql`not key_supervision`, sql`risk_level in (${RISKS})`];
  if (spec.barredIndustries.length > 0) parts.push(sql`industry not in (${textRows(spec.barredIndustries)})`);
  return sql`(${sql.join(parts, sql` and `)})`;
}

/**
 * `plainTest` of the domain, for rows that match the filters. `not in (subquery)` becomes one
 * hash lookup per row; `<> all(array)` would compare each row with every special USCC (many
 * times slower with a few hundred conflicts; docs/benchmarks.md). An empty list is left out: its
 * lookup would still cost every row.
 */
export function isPlain(spec: PlainSpec): SQL {
  if (spec.specialUsccs.length === 0) return plainColumns(spec);
  return sql`(${plainColumns(spec)} and uscc not in (${textRows(spec.specialUsccs)}))`;
}

/** An SQL string literal (for constants the planner must see to match a partial index). */
const literal = (text: string): SQL => sql.raw(`'${text.replace(/'/g, "''")}'`);

/** 在营 and the valid risk levels as literals, as in the partial index `enterprises_not_plain_idx`. */
const OPERATING = literal(OPERATING_STATUS);
const RISKS = sql.join(RISK_LEVELS.map(literal), sql`, `);

/**
 * Matching rows that are not plain, in full, in no particular order, a row possibly twice (the
 * caller keeps one). Each reason has its own branch so that each uses an index (the covering
 * partial index of rows not 在营, 重点监管 or of an invalid risk level; the USCC index) instead of
 * reading the whole directory; `union all` spares sorting them to remove the few repeats.
 */
export function specialsQuery(agencyId: number, spec: PlainSpec): SQL {
  const columns = sql`select uscc, name, industry, township, risk_level as "riskLevel", status, key_supervision as "keySupervision"
    from enterprises where ${matchesFilters(agencyId, spec.filters)}`;
  if (spec.filters.usccs !== undefined) return columns;
  const branches = [
    sql`${columns} and (status <> ${OPERATING} or key_supervision or risk_level not in (${RISKS}))`,
    sql`${columns} and uscc in (${textRows(spec.specialUsccs)})`,
  ];
  if (spec.barredIndustries.length > 0) branches.push(sql`${columns} and industry in (${textRows(spec.barredIndustries)})`);
  return sql.join(branches, sql` union all `);
}

/** Plain rows counted by industry and risk level. */
export function plainGroupsQuery(agencyId: number, spec: PlainSpec): SQL {
  return sql`select industry, risk_level as "riskLevel", count(*)::int as count
    from enterprises where ${matchesFilters(agencyId, spec.filters)} and ${isPlain(spec)}
    group by industry, risk_level`;
}

export function directorySizeQuery(agencyId: number): SQL {
  return sql`select count(*)::int as n from enterprises where agency_id = ${agencyId}`;
}

/**
 * Freezes a lot in one statement: one ordered pass over the directory (the index
 * `enterprises_draw_lot_idx` gives the rows in canonical order, USCC by byte order, with their
 * stored lines) keeps the plain rows and the eligible special rows, the latter with the line the
 * domain wrote (it carries their last inspectors); then the header, the SHA-256 of the text (its
 * UTF-8 bytes), the text itself and each line's UTF-8 length are stored, and the id, size and
 * hash returned.
 * The USCCs that may not enter as plain rows (the spec's special USCCs, and the eligible special
 * rows with their lines) are joined on in USCC order, so the planner merges the two sorted lists
 * as it reads the index: one comparison per row instead of three hash lookups.
 * `string_agg` takes its rows in the order of the sorted subquery (PostgreSQL keeps the order of
 * an ordered subquery for a plain aggregate); an `order by` inside the aggregate would sort the
 * million lines again instead of reading them from the index in order (docs/benchmarks.md).
 * Every special row is a row of the directory (drawSlice read it), so one pass finds them all.
 */
export function freezeLotStatement(agencyId: number, spec: PlainSpec, specials: ReadonlyArray<{ uscc: string; line: string }>): SQL {
  const notPlain = new Map<string, string | null>(spec.specialUsccs.map((u) => [u, null]));
  for (const s of specials) notPlain.set(s.uscc, s.line);
  return sql`with body as (
      select ${ENTERPRISE_POOL_HEADER} || coalesce(string_agg(line, ''), '') as b, count(*)::int as n,
        coalesce(string_agg(int4send(octet_length(line)), ''::bytea), ''::bytea) as lengths
      from (
        select coalesce(s.special_line, pool_line) as line
        from enterprises left join (
          select p ->> 0 as special_uscc, p ->> 1 as special_line from jsonb_array_elements(${JSON.stringify([...notPlain])}::jsonb) p
        ) s on uscc collate "C" = s.special_uscc collate "C"
        where ${matchesFilters(agencyId, spec.filters)}
          and ((s.special_uscc is null and ${plainColumns(spec)}) or s.special_line is not null)
        order by uscc collate "C"
      ) ordered
    )
    insert into draw_lots (agency_id, size, sha256, body, line_lengths)
    select ${agencyId}, n, encode(sha256(convert_to(b, 'UTF8')), 'hex'), b, lengths from body
    returning id, size, sha256`;
}

/**
 * Lines of a frozen lot by their place in its UTF-8 bytes (1-based start, length without the
 * LF), in the order given, and the size of the body in bytes. The body is decompressed and
 * converted once, so each line is a constant-time slice of it: `offset 0` keeps the planner from
 * pulling the subquery up, which would convert the whole body again for every line (minutes
 * instead of a fraction of a second for a thousand lines of a million; docs/benchmarks.md).
 */
export function lotSlicesQuery(lotId: number, slices: ReadonlyArray<readonly [start: number, length: number]>): SQL {
  return sql`select array(
      select convert_from(substring(x.b from (s.value ->> 0)::int for (s.value ->> 1)::int), 'UTF8')
      from jsonb_array_elements(${JSON.stringify(slices)}::jsonb) with ordinality as s(value, k)
      order by s.k
    ) as lines, x.bytes
    from (select convert_to(body, 'UTF8') as b, octet_length(body) as bytes from draw_lots where id = ${lotId} offset 0) x`;
}
