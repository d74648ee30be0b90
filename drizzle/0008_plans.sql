ALTER TABLE "draws" ADD COLUMN "plan_batch" integer;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "doc_no" text;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "check_items" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "batches" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "is_default" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "created_by" text DEFAULT 'cli' NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "draws_plan_idx" ON "draws" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_doc_no_uq" ON "plans" USING btree ("agency_id","doc_no");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_default_uq" ON "plans" USING btree ("agency_id","year") WHERE is_default;