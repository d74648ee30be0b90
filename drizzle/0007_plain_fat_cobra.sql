CREATE TABLE "health_probes" (
	"instance" text PRIMARY KEY NOT NULL,
	"probed_at" timestamp with time zone NOT NULL
);
