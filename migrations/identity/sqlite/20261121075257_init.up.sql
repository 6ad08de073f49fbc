CREATE TABLE IF NOT EXISTS "users" ("id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "email" TEXT NOT NULL, "name" TEXT NOT NULL, "active" BOOLEAN NOT NULL DEFAULT 1, "created_at" TEXT NOT NULL);
CREATE UNIQUE INDEX "users_email_key" ON "users" ("email");

CREATE TABLE IF NOT EXISTS "roles" ("id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "name" TEXT NOT NULL);
CREATE UNIQUE INDEX "roles_name_key" ON "roles" ("name");

CREATE TABLE IF NOT EXISTS "permissions" ("id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "name" TEXT NOT NULL);
CREATE UNIQUE INDEX "permissions_name_key" ON "permissions" ("name");

CREATE TABLE IF NOT EXISTS "audit_logs" ("id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "actor_id" BIGINT NOT NULL, "action" TEXT NOT NULL, "created_at" TEXT NOT NULL, CONSTRAINT "audit_logs_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users" ("id") ON DELETE CASCADE);
CREATE INDEX "audit_logs_actor_id_created_at_idx" ON "audit_logs" ("actor_id", "created_at");

CREATE TABLE IF NOT EXISTS "user_roles" ("user_id" BIGINT NOT NULL, "role_id" BIGINT NOT NULL, CONSTRAINT "user_roles_pkey" PRIMARY KEY ("user_id", "role_id"), CONSTRAINT "user_roles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE, CONSTRAINT "user_roles_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE);
CREATE INDEX "user_roles_role_id_user_id_idx" ON "user_roles" ("role_id", "user_id");

CREATE TABLE IF NOT EXISTS "role_permissions" ("role_id" BIGINT NOT NULL, "permission_id" BIGINT NOT NULL, CONSTRAINT "role_permissions_pkey" PRIMARY KEY ("role_id", "permission_id"), CONSTRAINT "role_permissions_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE, CONSTRAINT "role_permissions_permission_id_fkey" FOREIGN KEY ("permission_id") REFERENCES "permissions" ("id") ON DELETE CASCADE);
CREATE INDEX "role_permissions_permission_id_role_id_idx" ON "role_permissions" ("permission_id", "role_id");
