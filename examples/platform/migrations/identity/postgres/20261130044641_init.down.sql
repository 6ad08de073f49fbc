DROP POLICY IF EXISTS "entkit_tenant" ON "members";
ALTER TABLE "members" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "members" DISABLE ROW LEVEL SECURITY;

DROP TABLE "outbox_events";

DROP TABLE "members";

DROP TABLE "users";
