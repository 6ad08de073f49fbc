CREATE TABLE IF NOT EXISTS "roles" ("id" BLOB NOT NULL, "created_at" TEXT NOT NULL, "name" TEXT NOT NULL, "description" TEXT NOT NULL, CONSTRAINT "roles_pkey" PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "roles_name_key" ON "roles" ("name");

CREATE TABLE IF NOT EXISTS "permissions" ("id" BLOB NOT NULL, "created_at" TEXT NOT NULL, "name" TEXT NOT NULL, CONSTRAINT "permissions_pkey" PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "permissions_name_key" ON "permissions" ("name");

CREATE TABLE IF NOT EXISTS "principals" ("id" BLOB NOT NULL, "created_at" TEXT NOT NULL, CONSTRAINT "principals_pkey" PRIMARY KEY ("id"));

CREATE TABLE IF NOT EXISTS "outbox_events" ("id" BLOB NOT NULL, "created_at" TEXT NOT NULL, "action" TEXT NOT NULL, "actor_id" BLOB, "target_id" TEXT, "metadata" TEXT NOT NULL, "delivered_at" TEXT, CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id"));
CREATE INDEX "outbox_events_delivered_at_created_at_idx" ON "outbox_events" ("delivered_at", "created_at");

CREATE TABLE IF NOT EXISTS "role_permissions" ("role_id" BLOB NOT NULL, "permission_id" BLOB NOT NULL, CONSTRAINT "role_permissions_pkey" PRIMARY KEY ("role_id", "permission_id"), CONSTRAINT "role_permissions_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE, CONSTRAINT "role_permissions_permission_id_fkey" FOREIGN KEY ("permission_id") REFERENCES "permissions" ("id") ON DELETE CASCADE);
CREATE INDEX "role_permissions_permission_id_role_id_idx" ON "role_permissions" ("permission_id", "role_id");

CREATE TABLE IF NOT EXISTS "user_roles" ("principal_id" BLOB NOT NULL, "role_id" BLOB NOT NULL, CONSTRAINT "user_roles_pkey" PRIMARY KEY ("principal_id", "role_id"), CONSTRAINT "user_roles_principal_id_fkey" FOREIGN KEY ("principal_id") REFERENCES "principals" ("id") ON DELETE CASCADE, CONSTRAINT "user_roles_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE);
CREATE INDEX "user_roles_role_id_principal_id_idx" ON "user_roles" ("role_id", "principal_id");
