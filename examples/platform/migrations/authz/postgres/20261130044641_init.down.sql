DROP TABLE "user_roles";

DROP TABLE "role_permissions";

DROP TABLE "outbox_events";

DROP TABLE "principals";

DROP TABLE "permissions";

DROP TABLE "roles";
