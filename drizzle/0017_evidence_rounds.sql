ALTER TABLE "evidence" ADD COLUMN "round" integer;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "after_record" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence_focus" ADD COLUMN "round" integer;