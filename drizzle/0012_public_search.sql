-- Custom SQL migration file, put your code below! --
-- The public results page searches enterprise names and USCCs by any part of them (“机械”, “9141…”).
-- pg_trgm cannot serve it: it splits text into words by the locale (a server in the C locale
-- finds no words in Chinese) and needs three characters, where a Chinese search is often two.
-- Instead each task is indexed by its characters and pairs of characters (lower-cased),
-- and a search looks up the pairs of what was typed (or its one character), then checks the
-- candidates with strpos (src/db/repos/public-record-repo.ts).
-- plpgsql: five times quicker than the same in SQL with generate_series (measured on 111 111 rows,
-- docs/benchmarks.md). GIN drops the duplicates itself.
CREATE FUNCTION "public_search_grams"("t" text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  s text := lower(t);
  grams text[] := string_to_array(s, NULL);
BEGIN
  FOR i IN 1 .. char_length(s) - 1 LOOP
    grams := grams || substr(s, i, 2);
  END LOOP;
  RETURN grams;
END
$$;
--> statement-breakpoint
-- What a search looks up: the pairs of characters of the lower-cased query, or its one character.
CREATE FUNCTION "public_search_needle"("q" text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN char_length(x.s) < 2 THEN ARRAY[x.s]
    ELSE (SELECT array_agg(DISTINCT substr(x.s, i, 2)) FROM generate_series(1, char_length(x.s) - 1) i) END
  FROM (SELECT lower(q) AS s) x
$$;
--> statement-breakpoint
-- Over every task, not only the published ones: the planner reads the statistics of an index
-- expression only when the index is not partial, and without them it takes every search for a
-- rare one (“有限公司”, in every name, read 100 000 rows through this index instead of walking
-- tasks_published_idx for a page: 490 ms instead of a few; docs/benchmarks.md).
CREATE INDEX "tasks_search_idx" ON "tasks" USING gin ("public_search_grams"("enterprise_name" || ' ' || "uscc"));
--> statement-breakpoint
-- Tasks drawn before tasks kept their township: the enterprise's township now.
UPDATE "tasks" AS t SET "township" = e."township" FROM "enterprises" AS e WHERE e."agency_id" = t."agency_id" AND e."uscc" = t."uscc" AND t."township" = '';
