CREATE TABLE IF NOT EXISTS "audit_logs" ("id" BLOB NOT NULL, "service" TEXT NOT NULL, "actor_id" BLOB, "action" TEXT NOT NULL, "target_id" TEXT, "metadata" TEXT NOT NULL, "timestamp" TEXT NOT NULL, CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id"));
CREATE INDEX "audit_logs_timestamp_idx" ON "audit_logs" ("timestamp");
CREATE INDEX "audit_logs_target_id_timestamp_idx" ON "audit_logs" ("target_id", "timestamp");
