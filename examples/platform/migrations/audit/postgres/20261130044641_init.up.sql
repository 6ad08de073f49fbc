CREATE TABLE IF NOT EXISTS "audit_logs" ("id" uuid NOT NULL, "service" varchar(32) NOT NULL, "actor_id" uuid, "action" varchar(120) NOT NULL, "target_id" varchar(120), "metadata" jsonb NOT NULL, "timestamp" timestamptz NOT NULL, CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id"));
CREATE INDEX "audit_logs_timestamp_idx" ON "audit_logs" ("timestamp");
CREATE INDEX "audit_logs_target_id_timestamp_idx" ON "audit_logs" ("target_id", "timestamp");
