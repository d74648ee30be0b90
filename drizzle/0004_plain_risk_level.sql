-- A row with a risk level outside 高、较高、一般、低 is no longer "plain": the draw reads it one
-- by one and refuses with its USCC (src/domain/draw/enterprise-pool.ts, plainTest), so a draw
-- with a total quota need not count the whole directory by risk level to find one.
DROP INDEX IF EXISTS "enterprises_not_plain_idx";
--> statement-breakpoint
CREATE INDEX "enterprises_not_plain_idx" ON "enterprises" ("agency_id") WHERE "status" <> '在营' OR "key_supervision" OR "risk_level" NOT IN ('高', '较高', '一般', '低');
