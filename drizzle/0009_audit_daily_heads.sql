CREATE TABLE "audit_daily_heads" (
	"day" date PRIMARY KEY NOT NULL,
	"entry_count" integer NOT NULL,
	"hash" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash_format" smallint DEFAULT 1 NOT NULL;