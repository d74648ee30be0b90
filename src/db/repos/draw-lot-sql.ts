/**
 * The draw's enterprise lot in SQL. The rules stay in src/domain/draw: the domain says which
 * enterprises are "plain" (PlainSpec) and decides every other one itself; these statements only
 * select, count and serialize the plain ones where they live, so a lot of a million is never
 * read out of the database. `test/db/draw-lot.test.ts` holds them to the domain's in-memory path
 * (same slice, same serialization, same hash) on PGlite and PostgreSQL.
 */
import { sql, type SQL } from 'drizzle-orm';
import { ENTERPRISE_POOL_HEADER, OPERATING_STATUS, type DrawFilters, type PlainSpec } from '../../domain/draw';

/** A text[] parameter, passed as JSON so that every driver reads it alike. */
function textArray(values: readonly string[]): SQL {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
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

/** `plainTest` of the domain, for rows that match the filters. */
export function isPlain(spec: PlainSpec): SQL {
  if (spec.filters.usccs !== undefined) return sql`false`;
  return sql`(status = ${OPERATING_STATUS} and not key_supervision
    and uscc <> all(${textArray(spec.specialUsccs)}) and industry <> all(${textArray(spec.barredIndustries)}))`;
}

/** Matching rows that are not plain, in full, in canonical order. */
export function specialsQuery(agencyId: number, spec: PlainSpec): SQL {
  return sql`select uscc, name, industry, township, risk_level as "riskLevel", status, key_supervision as "keySupervision"
    from enterprises where ${matchesFilters(agencyId, spec.filters)} and not ${isPlain(spec)}
    order by uscc collate "C"`;
}

/** Plain rows counted by industry and risk level, each group with one USCC as an example. */
export function plainGroupsQuery(agencyId: number, spec: PlainSpec): SQL {
  return sql`select industry, risk_level as "riskLevel", count(*)::int as count, min(uscc) as example
    from enterprises where ${matchesFilters(agencyId, spec.filters)} and ${isPlain(spec)}
    group by industry, risk_level`;
}

export function directorySizeQuery(agencyId: number): SQL {
  return sql`select count(*)::int as n from enterprises where agency_id = ${agencyId}`;
}

/**
 * Freezes a lot in one statement: the plain rows' stored lines (`pool_line`) and the special
 * rows' lines from the domain, merged in canonical order (USCC by byte order), behind the
 * header; stores the text and returns its size and SHA-256 (over its UTF-8 bytes).
 * `string_agg` takes its rows in the order of the sorted subquery (PostgreSQL keeps the order of
 * an ordered subquery for a plain aggregate); an `order by` inside the aggregate would sort the
 * million lines again instead of reading them from the index in order (2.5 s instead of 0.7 s).
 */
export function freezeLotStatement(agencyId: number, spec: PlainSpec, specials: ReadonlyArray<{ uscc: string; line: string }>): SQL {
  const keys = specials.map((s) => s.uscc);
  const lines = specials.map((s) => s.line);
  return sql`with lot as (
      select uscc collate "C" as k, pool_line as line from enterprises
        where ${matchesFilters(agencyId, spec.filters)} and ${isPlain(spec)}
      union all
      select k collate "C", line from unnest(${textArray(keys)}, ${textArray(lines)}) as s(k, line)
    ), body as (
      select ${ENTERPRISE_POOL_HEADER} || coalesce(string_agg(line, ''), '') as b, count(*)::int as n
      from (select line from lot order by k) ordered
    )
    insert into draw_lots (agency_id, size, sha256, body)
    select ${agencyId}, n, encode(sha256(convert_to(b, 'UTF8')), 'hex'), b from body
    returning id, size, sha256`;
}
