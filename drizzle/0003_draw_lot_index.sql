-- The draw serializes the lot in canonical order (USCC by byte order) straight from this index:
-- an index-only scan in order, with every column the lot and its filters need.
CREATE INDEX "enterprises_draw_lot_idx" ON "enterprises" ("agency_id", "uscc" COLLATE "C") INCLUDE ("pool_line", "industry", "township", "risk_level", "status", "key_supervision");
--> statement-breakpoint
-- lz4 writes a lot of a million (about 60 MB) in a fraction of pglz's time; servers built
-- without lz4 (and PGlite) keep the default.
DO $$
BEGIN
  ALTER TABLE "draw_lots" ALTER COLUMN "body" SET COMPRESSION lz4;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'draw_lots.body keeps the default compression: %', SQLERRM;
END
$$;
--> statement-breakpoint
-- A frozen lot is the record of a draw: it is never changed or deleted.
CREATE FUNCTION "draw_lots_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'draw_lots is append-only: % refused', TG_OP;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "draw_lots_no_update" BEFORE UPDATE OR DELETE ON "draw_lots" FOR EACH ROW EXECUTE FUNCTION "draw_lots_refuse_change"();
--> statement-breakpoint
-- The few enterprises a draw must look at one by one because of their status.
CREATE INDEX "enterprises_not_plain_idx" ON "enterprises" ("agency_id") WHERE "status" <> '在营' OR "key_supervision";
