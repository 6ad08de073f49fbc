DROP TABLE `role_permissions`;

DROP TABLE `user_roles`;

DROP TABLE `audit_logs`;

DROP TABLE `permissions`;

DROP TABLE `roles`;

DROP TABLE `users`;
