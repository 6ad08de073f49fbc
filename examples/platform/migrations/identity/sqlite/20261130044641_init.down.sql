DROP TABLE "outbox_events";

DROP TABLE "members";

DROP TABLE "users";
