ALTER TABLE "draws" ALTER COLUMN "secret" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "secret_nonce" text;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "beacon" jsonb;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "ended_by" integer;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "cancel_confirmed_by" integer;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "supersedes_id" integer;--> statement-breakpoint
ALTER TABLE "draws" ADD CONSTRAINT "draws_ended_by_people_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draws" ADD CONSTRAINT "draws_cancel_confirmed_by_people_id_fk" FOREIGN KEY ("cancel_confirmed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;