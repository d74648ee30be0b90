ALTER TABLE "evidence" ADD COLUMN "round" integer;--> statement-breakpoint
ALTER TABLE "evidence_focus" ADD COLUMN "round" integer;