CREATE TABLE IF NOT EXISTS "users" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "email" varchar(254) NOT NULL, "password_hash" varchar(200) NOT NULL, "verified" boolean NOT NULL DEFAULT FALSE, CONSTRAINT "users_pkey" PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "users_email_key" ON "users" ("email");

CREATE TABLE IF NOT EXISTS "members" ("id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "email" varchar(254) NOT NULL, "display_name" varchar(100) NOT NULL, CONSTRAINT "members_pkey" PRIMARY KEY ("id"));
CREATE INDEX "members_tenant_id_idx" ON "members" ("tenant_id");
CREATE UNIQUE INDEX "members_tenant_id_email_key" ON "members" ("tenant_id", "email");

CREATE TABLE IF NOT EXISTS "outbox_events" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "action" varchar(120) NOT NULL, "actor_id" uuid, "target_id" varchar(120), "metadata" jsonb NOT NULL, "delivered_at" timestamptz, CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id"));
CREATE INDEX "outbox_events_delivered_at_created_at_idx" ON "outbox_events" ("delivered_at", "created_at");

ALTER TABLE "members" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "members" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS "entkit_tenant" ON "members";
CREATE POLICY "entkit_tenant" ON "members" USING (current_setting('entkit.all_tenants', true) = 'on' OR "tenant_id"::text = current_setting('entkit.tenant', true));
