CREATE TABLE IF NOT EXISTS `users` (`id` BIGINT NOT NULL AUTO_INCREMENT, `email` VARCHAR(120) NOT NULL, `name` VARCHAR(100) NOT NULL, `active` BOOLEAN NOT NULL DEFAULT 1, `created_at` DATETIME(6) NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 /*!80000 COLLATE utf8mb4_0900_bin*/ /*M!100202 COLLATE utf8mb4_nopad_bin*/;
CREATE UNIQUE INDEX `users_email_key` ON `users` (`email`);

CREATE TABLE IF NOT EXISTS `roles` (`id` BIGINT NOT NULL AUTO_INCREMENT, `name` VARCHAR(64) NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 /*!80000 COLLATE utf8mb4_0900_bin*/ /*M!100202 COLLATE utf8mb4_nopad_bin*/;
CREATE UNIQUE INDEX `roles_name_key` ON `roles` (`name`);

CREATE TABLE IF NOT EXISTS `permissions` (`id` BIGINT NOT NULL AUTO_INCREMENT, `name` VARCHAR(100) NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 /*!80000 COLLATE utf8mb4_0900_bin*/ /*M!100202 COLLATE utf8mb4_nopad_bin*/;
CREATE UNIQUE INDEX `permissions_name_key` ON `permissions` (`name`);

CREATE TABLE IF NOT EXISTS `audit_logs` (`id` BIGINT NOT NULL AUTO_INCREMENT, `actor_id` BIGINT NOT NULL, `action` VARCHAR(100) NOT NULL, `created_at` DATETIME(6) NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `audit_logs_actor_id_fkey` FOREIGN KEY (`actor_id`) REFERENCES `users` (`id`) ON DELETE CASCADE) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 /*!80000 COLLATE utf8mb4_0900_bin*/ /*M!100202 COLLATE utf8mb4_nopad_bin*/;
CREATE INDEX `audit_logs_actor_id_created_at_idx` ON `audit_logs` (`actor_id`, `created_at`);

CREATE TABLE IF NOT EXISTS `user_roles` (`user_id` BIGINT NOT NULL, `role_id` BIGINT NOT NULL, PRIMARY KEY (`user_id`, `role_id`), CONSTRAINT `user_roles_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE, CONSTRAINT `user_roles_role_id_fkey` FOREIGN KEY (`role_id`) REFERENCES `roles` (`id`) ON DELETE CASCADE) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 /*!80000 COLLATE utf8mb4_0900_bin*/ /*M!100202 COLLATE utf8mb4_nopad_bin*/;
CREATE INDEX `user_roles_role_id_user_id_idx` ON `user_roles` (`role_id`, `user_id`);

CREATE TABLE IF NOT EXISTS `role_permissions` (`role_id` BIGINT NOT NULL, `permission_id` BIGINT NOT NULL, PRIMARY KEY (`role_id`, `permission_id`), CONSTRAINT `role_permissions_role_id_fkey` FOREIGN KEY (`role_id`) REFERENCES `roles` (`id`) ON DELETE CASCADE, CONSTRAINT `role_permissions_permission_id_fkey` FOREIGN KEY (`permission_id`) REFERENCES `permissions` (`id`) ON DELETE CASCADE) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 /*!80000 COLLATE utf8mb4_0900_bin*/ /*M!100202 COLLATE utf8mb4_nopad_bin*/;
CREATE INDEX `role_permissions_permission_id_role_id_idx` ON `role_permissions` (`permission_id`, `role_id`);
