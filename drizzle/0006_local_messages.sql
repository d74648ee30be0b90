CREATE TABLE "local_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"conversation" text NOT NULL,
	"sender" text NOT NULL,
	"text" text,
	"card" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"idempotency_key" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "local_messages_idempotency_uq" ON "local_messages" USING btree ("idempotency_key");