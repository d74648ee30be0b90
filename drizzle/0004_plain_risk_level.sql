-- A row with a risk level outside 高、较高、一般、低 is no longer "plain": the draw reads it one
-- by one and refuses with its USCC (src/domain/draw/enterprise-pool.ts, plainTest), so a draw
-- with a total quota need not count the whole directory by risk level to find one.
-- The index now also carries every column the draw reads of these rows, so that they are read
-- from it alone (an index-only scan: 30 000 of a million rows in 15 ms instead of 220 ms).
DROP INDEX IF EXISTS "enterprises_not_plain_idx";
--> statement-breakpoint
CREATE INDEX "enterprises_not_plain_idx" ON "enterprises" ("agency_id") INCLUDE ("uscc", "name", "industry", "township", "risk_level", "status", "key_supervision") WHERE "status" <> '在营' OR "key_supervision" OR "risk_level" NOT IN ('高', '较高', '一般', '低');
