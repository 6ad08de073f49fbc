//! Literal and function defaults, update defaults, immutable fields.

use std::time::Duration;

use entkit::{Backend, Entity as _};
use entkit_tests::for_each_backend;

use crate::entities::Setting;

#[tokio::test]
async fn defaults_fill_unset_fields() {
    for_each_backend("defaults_fill_unset_fields", |ctx| async move {
        ctx.migrate(&[Setting::def()]).await;
        let c = &ctx.client;

        let before = entkit::now();
        let s = Setting::create().name("plain").save(c).await?;
        let after = entkit::now();
        assert!(s.enabled, "bool literal default");
        assert_eq!(s.retries, 42, "int literal default");
        assert_eq!(s.role, "guest", "string literal default");
        assert_eq!(s.ratio, 1.5, "float literal default");
        assert!(
            before <= s.created_at && s.created_at <= after,
            "function default: {} not in [{before}, {after}]",
            s.created_at
        );
        assert!(
            before <= s.updated_at && s.updated_at <= after,
            "function default on updated_at"
        );
        let stored = Setting::get(c, s.id).await?;
        assert_eq!(
            (
                stored.enabled,
                stored.retries,
                stored.role.as_str(),
                stored.ratio
            ),
            (true, 42, "guest", 1.5)
        );
        assert_eq!(stored.created_at, s.created_at, "created_at as stored");

        // Explicit values win over defaults.
        let t = Setting::create()
            .name("explicit")
            .enabled(false)
            .retries(0i32)
            .role("admin")
            .ratio(0.25f64)
            .save(c)
            .await?;
        assert_eq!(
            (t.enabled, t.retries, t.role.as_str(), t.ratio),
            (false, 0, "admin", 0.25)
        );

        // Literal defaults are also column DEFAULTs: a raw INSERT naming only
        // the other columns gets them from the database.
        let stamp = match ctx.client.backend() {
            Backend::MySql => "'2024-01-01 00:00:00'",
            _ => "'2024-01-01T00:00:00+00:00'",
        };
        let sql = format!(
            "INSERT INTO {} (name, created_at, updated_at) VALUES ('raw', {stamp}, {stamp})",
            ctx.table("settings")
        );
        assert_eq!(ctx.client.execute_raw(&sql).await?, 1);
        let raw = Setting::query()
            .filter(Setting::NAME.eq("raw"))
            .one(c)
            .await?;
        assert!(raw.enabled, "DDL default for bool");
        assert_eq!(raw.retries, 42, "DDL default for int");
        assert_eq!(raw.role, "guest", "DDL default for string");
        assert_eq!(raw.ratio, 1.5, "DDL default for float");
        assert_eq!(raw.created_at.to_rfc3339(), "2024-01-01T00:00:00+00:00");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn update_default_refreshes_and_immutable_stays() {
    for_each_backend(
        "update_default_refreshes_and_immutable_stays",
        |ctx| async move {
            ctx.migrate(&[Setting::def()]).await;
            let c = &ctx.client;
            let s = Setting::create().name("a").save(c).await?;
            let other = Setting::create().name("b").save(c).await?;

            // Update one: updated_at is refreshed, created_at is not.
            tokio::time::sleep(Duration::from_millis(5)).await;
            let u = Setting::update_by_id(s.id)
                .set_retries(7i32)
                .save(c)
                .await?;
            assert_eq!(u.retries, 7);
            assert!(
                u.updated_at > s.updated_at,
                "updated_at {} not after {}",
                u.updated_at,
                s.updated_at
            );
            assert_eq!(
                u.created_at, s.created_at,
                "immutable created_at changed by update"
            );
            let stored = Setting::get(c, s.id).await?;
            assert_eq!(
                stored.updated_at, u.updated_at,
                "refreshed updated_at is stored"
            );
            assert_eq!(stored.created_at, s.created_at);

            // Update many: the same holds for every matched row.
            tokio::time::sleep(Duration::from_millis(5)).await;
            let n = Setting::update_many().set_enabled(false).exec(c).await?;
            assert_eq!(n, 2);
            for (orig, prev_updated) in [(&s, u.updated_at), (&other, other.updated_at)] {
                let row = Setting::get(c, orig.id).await?;
                assert!(!row.enabled, "update_many applied");
                assert_eq!(
                    row.created_at, orig.created_at,
                    "immutable created_at changed by update_many"
                );
                assert!(
                    row.updated_at > prev_updated,
                    "update_many refreshed updated_at"
                );
            }

            // Setting updated_at explicitly wins over the update default.
            let fixed = chrono::DateTime::parse_from_rfc3339("2030-05-06T07:08:09.123456Z")
                .unwrap()
                .to_utc();
            let v = Setting::update_by_id(other.id)
                .set_updated_at(fixed)
                .save(c)
                .await?;
            assert_eq!(v.updated_at, fixed);
            assert_eq!(Setting::get(c, other.id).await?.updated_at, fixed);
            Ok(())
        },
    )
    .await;
}
