CREATE TYPE "public"."job_run_status" AS ENUM('running', 'succeeded', 'failed');--> statement-breakpoint
CREATE TABLE "job_runs" (
	"job" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"status" "job_run_status" NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"trigger" text NOT NULL,
	"lease_until" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	"rows_touched" integer,
	"error" text,
	CONSTRAINT "job_runs_job_window_start_pk" PRIMARY KEY("job","window_start")
);
--> statement-breakpoint
CREATE INDEX "job_runs_started_idx" ON "job_runs" USING btree ("started_at");