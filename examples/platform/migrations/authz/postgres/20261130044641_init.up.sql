CREATE TABLE IF NOT EXISTS "roles" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "name" varchar(64) NOT NULL, "description" varchar(500) NOT NULL, CONSTRAINT "roles_pkey" PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "roles_name_key" ON "roles" ("name");

CREATE TABLE IF NOT EXISTS "permissions" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "name" varchar(190) NOT NULL, CONSTRAINT "permissions_pkey" PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "permissions_name_key" ON "permissions" ("name");

CREATE TABLE IF NOT EXISTS "principals" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, CONSTRAINT "principals_pkey" PRIMARY KEY ("id"));

CREATE TABLE IF NOT EXISTS "outbox_events" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "action" varchar(120) NOT NULL, "actor_id" uuid, "target_id" varchar(120), "metadata" jsonb NOT NULL, "delivered_at" timestamptz, CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id"));
CREATE INDEX "outbox_events_delivered_at_created_at_idx" ON "outbox_events" ("delivered_at", "created_at");

CREATE TABLE IF NOT EXISTS "role_permissions" ("role_id" uuid NOT NULL, "permission_id" uuid NOT NULL, CONSTRAINT "role_permissions_pkey" PRIMARY KEY ("role_id", "permission_id"), CONSTRAINT "role_permissions_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE, CONSTRAINT "role_permissions_permission_id_fkey" FOREIGN KEY ("permission_id") REFERENCES "permissions" ("id") ON DELETE CASCADE);
CREATE INDEX "role_permissions_permission_id_role_id_idx" ON "role_permissions" ("permission_id", "role_id");

CREATE TABLE IF NOT EXISTS "user_roles" ("principal_id" uuid NOT NULL, "role_id" uuid NOT NULL, CONSTRAINT "user_roles_pkey" PRIMARY KEY ("principal_id", "role_id"), CONSTRAINT "user_roles_principal_id_fkey" FOREIGN KEY ("principal_id") REFERENCES "principals" ("id") ON DELETE CASCADE, CONSTRAINT "user_roles_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE);
CREATE INDEX "user_roles_role_id_principal_id_idx" ON "user_roles" ("role_id", "principal_id");
