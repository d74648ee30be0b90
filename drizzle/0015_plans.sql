CREATE TABLE "pending_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"key" text NOT NULL,
	"register" text NOT NULL,
	"file_name" text NOT NULL,
	"rows" jsonb NOT NULL,
	"preview" jsonb NOT NULL,
	"baseline" text NOT NULL,
	"full" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by" integer
);
--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "plan_batch" integer;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "doc_no" text;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "check_items" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "batches" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "is_default" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "created_by" text DEFAULT 'cli' NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "pending_imports" ADD CONSTRAINT "pending_imports_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_imports" ADD CONSTRAINT "pending_imports_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_imports" ADD CONSTRAINT "pending_imports_ended_by_people_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "draws_plan_idx" ON "draws" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_doc_no_uq" ON "plans" USING btree ("agency_id","doc_no");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_default_uq" ON "plans" USING btree ("agency_id","year") WHERE is_default;