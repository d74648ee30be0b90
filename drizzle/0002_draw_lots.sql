CREATE TABLE "draw_lots" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "pool_line" text GENERATED ALWAYS AS (replace(replace(replace(replace(replace(uscc, '\', '\\'), chr(9), '\t'), chr(10), '\n'), chr(13), '\r'), ',', '\,') || chr(9) || replace(replace(replace(replace(replace(name, '\', '\\'), chr(9), '\t'), chr(10), '\n'), chr(13), '\r'), ',', '\,') || chr(9) || replace(replace(replace(replace(replace(industry, '\', '\\'), chr(9), '\t'), chr(10), '\n'), chr(13), '\r'), ',', '\,') || chr(9) || replace(replace(replace(replace(replace(township, '\', '\\'), chr(9), '\t'), chr(10), '\n'), chr(13), '\r'), ',', '\,') || chr(9) || replace(replace(replace(replace(replace(risk_level, '\', '\\'), chr(9), '\t'), chr(10), '\n'), chr(13), '\r'), ',', '\,') || chr(9) || chr(10)) STORED;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "lot_id" integer;--> statement-breakpoint
ALTER TABLE "draw_lots" ADD CONSTRAINT "draw_lots_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draws" ADD CONSTRAINT "draws_lot_id_draw_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."draw_lots"("id") ON DELETE no action ON UPDATE no action;