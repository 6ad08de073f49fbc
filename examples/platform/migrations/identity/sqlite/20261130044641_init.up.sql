CREATE TABLE IF NOT EXISTS "users" ("id" BLOB NOT NULL, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL, "email" TEXT NOT NULL, "password_hash" TEXT NOT NULL, "verified" BOOLEAN NOT NULL DEFAULT 0, CONSTRAINT "users_pkey" PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "users_email_key" ON "users" ("email");

CREATE TABLE IF NOT EXISTS "members" ("id" BLOB NOT NULL, "tenant_id" BLOB NOT NULL, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL, "email" TEXT NOT NULL, "display_name" TEXT NOT NULL, CONSTRAINT "members_pkey" PRIMARY KEY ("id"));
CREATE INDEX "members_tenant_id_idx" ON "members" ("tenant_id");
CREATE UNIQUE INDEX "members_tenant_id_email_key" ON "members" ("tenant_id", "email");

CREATE TABLE IF NOT EXISTS "outbox_events" ("id" BLOB NOT NULL, "created_at" TEXT NOT NULL, "action" TEXT NOT NULL, "actor_id" BLOB, "target_id" TEXT, "metadata" TEXT NOT NULL, "delivered_at" TEXT, CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id"));
CREATE INDEX "outbox_events_delivered_at_created_at_idx" ON "outbox_events" ("delivered_at", "created_at");
