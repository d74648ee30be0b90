ALTER TABLE "tasks" ADD COLUMN "township" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "local_messages" ADD COLUMN "file" jsonb;--> statement-breakpoint
CREATE INDEX "findings_result_category_idx" ON "findings" USING btree ("result_category","task_id");--> statement-breakpoint
CREATE INDEX "tasks_published_idx" ON "tasks" USING btree ("published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "tasks_published_industry_idx" ON "tasks" USING btree ("industry","published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "tasks_published_township_idx" ON "tasks" USING btree ("township","published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "tasks_published_result_date_idx" ON "tasks" USING btree ("result_date") WHERE status = 'published';