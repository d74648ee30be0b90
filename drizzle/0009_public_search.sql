-- Custom SQL migration file, put your code below! --
-- The public results page searches enterprise names and USCCs by any part of them (“机械”, “9141…”).
-- pg_trgm cannot serve it: it splits text into words by the locale (a server in the C locale
-- finds no words in Chinese) and needs three characters, where a Chinese search is often two.
-- Instead each published task is indexed by its characters and pairs of characters (lower-cased),
-- and a search looks up the pairs of what was typed (or its one character), then checks the
-- candidates with strpos (src/db/repos/public-record-repo.ts).
CREATE FUNCTION "public_search_grams"("t" text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}'::text[]) FROM (
    SELECT substr(x.s, i, 1) AS g FROM (SELECT lower(t) AS s) x, generate_series(1, char_length(x.s)) i
    UNION ALL
    SELECT substr(x.s, i, 2) FROM (SELECT lower(t) AS s) x, generate_series(1, char_length(x.s) - 1) i
  ) grams
$$;
--> statement-breakpoint
-- What a search looks up: the pairs of characters of the lower-cased query, or its one character.
CREATE FUNCTION "public_search_needle"("q" text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN char_length(x.s) < 2 THEN ARRAY[x.s]
    ELSE (SELECT array_agg(DISTINCT substr(x.s, i, 2)) FROM generate_series(1, char_length(x.s) - 1) i) END
  FROM (SELECT lower(q) AS s) x
$$;
--> statement-breakpoint
CREATE INDEX "tasks_published_search_idx" ON "tasks" USING gin ("public_search_grams"("enterprise_name" || ' ' || "uscc")) WHERE "status" = 'published';
--> statement-breakpoint
-- Tasks drawn before tasks kept their township: the enterprise's township now.
UPDATE "tasks" AS t SET "township" = e."township" FROM "enterprises" AS e WHERE e."agency_id" = t."agency_id" AND e."uscc" = t."uscc" AND t."township" = '';
