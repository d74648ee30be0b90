CREATE TABLE "card_controls" (
	"platform" text NOT NULL,
	"message_id" text NOT NULL,
	"controls" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "card_controls_platform_message_id_pk" PRIMARY KEY("platform","message_id")
);
