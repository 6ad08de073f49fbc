//! Values a backend would change or lose: stored exactly (after the
//! documented normalisation, the same on every backend) or refused with
//! `Error::UnsupportedValue` before anything is sent.

use chrono::{DateTime, NaiveDate, TimeZone as _, Utc};
use entkit::{Backend, Entity as _, Error, Json, OnConflict, RawQuery};
use entkit_tests::{Ctx, for_each_backend};
use serde_json::json;
use uuid::Uuid;

use crate::entities::{AllTypes, Member, Prefs, Setting};

/// A create builder of `AllTypes` with every required field set; the
/// arguments are the fields the cases vary.
macro_rules! all_types {
    ($at:expr, $day:expr, $single:expr, $double:expr, $text:expr, $doc:expr) => {
        AllTypes::create()
            .flag(true)
            .small(1i16)
            .medium(2i32)
            .big(3i64)
            .single($single)
            .double($double)
            .text($text)
            .bytes(vec![1u8])
            .uid(Uuid::nil())
            .at($at)
            .day($day)
            .doc($doc)
            .prefs(Json(Prefs {
                theme: "t".into(),
                font_size: 1,
                tags: vec![],
            }))
    };
}

fn ts(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32, micros: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap() + chrono::Duration::microseconds(micros)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// `SELECT COUNT(*) FROM all_types [WHERE <column> = ?]` through the raw path.
async fn count(ctx: &Ctx) -> entkit::Result<i64> {
    let sql = format!("SELECT COUNT(*) FROM {}", ctx.table("all_types"));
    let (n,): (i64,) = RawQuery::new(sql).fetch_all(&ctx.client).await?.remove(0);
    Ok(n)
}

/// The placeholder of the first parameter in this backend's raw SQL.
fn first_param(ctx: &Ctx) -> &'static str {
    match ctx.client.backend() {
        Backend::Postgres => "$1",
        _ => "?",
    }
}

/// Asserts a refusal before sending, naming the column when given.
#[track_caller]
fn expect_unsupported<T: std::fmt::Debug>(result: entkit::Result<T>, column: Option<&str>) {
    match result {
        Err(Error::UnsupportedValue {
            column: c, backend, ..
        }) => {
            assert_eq!(c, column, "refused column");
            assert!(!backend.is_empty());
        }
        other => panic!("expected Error::UnsupportedValue for {column:?}, got {other:?}"),
    }
}

/// Defect 1: MariaDB stored timestamps before 1970 or after 2038-01-19 as
/// NULL (and refused them in required columns with a NotNull error),
/// because sqlx bound them with TIMESTAMP's wire type.
#[tokio::test]
async fn timestamps_outside_1970_to_2038_round_trip() {
    for_each_backend(
        "timestamps_outside_1970_to_2038_round_trip",
        |ctx| async move {
            ctx.migrate(&[AllTypes::def()]).await;
            let c = &ctx.client;
            let past = ts(1901, 12, 13, 20, 45, 52, 123_456);
            let future = ts(2100, 6, 1, 12, 0, 0, 1);
            let row = all_types!(past, day(1969, 7, 20), 1.0f32, 1.0f64, "x", json!(1))
                .opt_at(future)
                .save(c)
                .await?;
            assert_eq!((row.at, row.opt_at), (past, Some(future)), "as saved");
            let stored = AllTypes::get(c, row.id).await?;
            assert_eq!((stored.at, stored.opt_at), (past, Some(future)), "as read");

            // Update, in a required and an optional column.
            let before_epoch = ts(1969, 12, 31, 23, 59, 59, 999_999);
            let after_2038 = ts(2038, 1, 19, 3, 14, 8, 0);
            let updated = AllTypes::update_by_id(row.id)
                .set_at(after_2038)
                .set_opt_at(before_epoch)
                .save(c)
                .await?;
            assert_eq!(
                (updated.at, updated.opt_at),
                (after_2038, Some(before_epoch))
            );
            let stored = AllTypes::get(c, row.id).await?;
            assert_eq!((stored.at, stored.opt_at), (after_2038, Some(before_epoch)));

            // Raw SQL with a bound timestamp compares with the stored one.
            let sql = format!(
                "SELECT id FROM {} WHERE opt_at = {}",
                ctx.table("all_types"),
                first_param(&ctx)
            );
            let ids: Vec<(i64,)> = RawQuery::new(sql).bind(before_epoch).fetch_all(c).await?;
            assert_eq!(ids, [(row.id,)], "raw filter on a pre-1970 timestamp");

            // And through the typed filter.
            let found = AllTypes::query()
                .filter(AllTypes::AT.eq(after_2038))
                .count(c)
                .await?;
            assert_eq!(found, 1);
            Ok(())
        },
    )
    .await;
}

/// Defect 7: a nanosecond timestamp comes back truncated to microseconds
/// on every backend (it was exact on SQLite only), and the row `save`
/// returns equals the row read later.
#[tokio::test]
async fn timestamps_are_truncated_to_microseconds_everywhere() {
    for_each_backend(
        "timestamps_are_truncated_to_microseconds_everywhere",
        |ctx| async move {
            ctx.migrate(&[AllTypes::def()]).await;
            let c = &ctx.client;
            let nanos = Utc.with_ymd_and_hms(2024, 5, 6, 7, 8, 9).unwrap()
                + chrono::Duration::nanoseconds(123_456_789);
            // Before 1970 truncation goes toward the past as well.
            let old = Utc.with_ymd_and_hms(1969, 12, 31, 23, 59, 59).unwrap()
                + chrono::Duration::nanoseconds(999_999_999);
            let row = all_types!(nanos, day(2024, 5, 6), 1.0f32, 1.0f64, "x", json!(1))
                .opt_at(old)
                .save(c)
                .await?;
            let want = (
                ts(2024, 5, 6, 7, 8, 9, 123_456),
                Some(ts(1969, 12, 31, 23, 59, 59, 999_999)),
            );
            assert_eq!((row.at, row.opt_at), want, "returned by save");
            let stored = AllTypes::get(c, row.id).await?;
            assert_eq!((stored.at, stored.opt_at), want, "read back");
            // The nanosecond value finds the row: it is truncated the same way.
            let n = AllTypes::query()
                .filter(AllTypes::AT.eq(nanos))
                .count(c)
                .await?;
            assert_eq!(n, 1);

            let now = Utc::now();
            let updated = AllTypes::update_by_id(row.id).set_at(now).save(c).await?;
            assert_eq!(updated.at, AllTypes::get(c, row.id).await?.at);
            assert_eq!(updated.at.timestamp_subsec_nanos() % 1_000, 0);
            assert_eq!(entkit::now().timestamp_subsec_nanos() % 1_000, 0);
            Ok(())
        },
    )
    .await;
}

/// Defect 2: SQLite turned NaN into NULL; MySQL refused NaN and infinities
/// with a raw database error. PostgreSQL stores all of them.
#[tokio::test]
async fn special_floats_are_stored_or_refused_before_sending() {
    for_each_backend(
        "special_floats_are_stored_or_refused_before_sending",
        |ctx| async move {
            ctx.migrate(&[AllTypes::def()]).await;
            let c = &ctx.client;
            let at = ts(2024, 1, 1, 0, 0, 0, 0);
            let backend = c.backend();
            for (label, v) in [
                ("NaN", f64::NAN),
                ("+inf", f64::INFINITY),
                ("-inf", f64::NEG_INFINITY),
            ] {
                let refused = match backend {
                    Backend::Postgres => false,
                    Backend::Sqlite => v.is_nan(),
                    Backend::MySql => true,
                };
                let same = |got: f64| (got.is_nan() && v.is_nan()) || got == v;
                // Required f64, optional f64, required f32, optional f32.
                let before = count(&ctx).await?;
                let attempts = [
                    (
                        "double",
                        all_types!(at, day(2024, 1, 1), 0.0f32, v, "x", json!(1))
                            .save(c)
                            .await,
                    ),
                    (
                        "opt_double",
                        all_types!(at, day(2024, 1, 1), 0.0f32, 0.0f64, "x", json!(1))
                            .opt_double(v)
                            .save(c)
                            .await,
                    ),
                    (
                        "single",
                        all_types!(at, day(2024, 1, 1), v as f32, 0.0f64, "x", json!(1))
                            .save(c)
                            .await,
                    ),
                    (
                        "opt_single",
                        all_types!(at, day(2024, 1, 1), 0.0f32, 0.0f64, "x", json!(1))
                            .opt_single(v as f32)
                            .save(c)
                            .await,
                    ),
                ];
                for (column, result) in attempts {
                    if refused {
                        expect_unsupported(result, Some(column));
                        continue;
                    }
                    let row = result.unwrap_or_else(|e| panic!("{label} in {column}: {e:?}"));
                    let stored = AllTypes::get(c, row.id).await?;
                    let got = match column {
                        "double" => stored.double,
                        "opt_double" => stored.opt_double.expect("not NULL"),
                        "single" => f64::from(stored.single),
                        _ => f64::from(stored.opt_single.expect("not NULL")),
                    };
                    assert!(same(got), "{label} in {column} read back as {got}");
                }
                let written = if refused { 0 } else { 4 };
                assert_eq!(
                    count(&ctx).await?,
                    before + written,
                    "{label}: rows written"
                );
            }

            // An update and a bulk insert are refused whole, before sending.
            let row = all_types!(at, day(2024, 1, 1), 0.0f32, 0.5f64, "x", json!(1))
                .save(c)
                .await?;
            let update = AllTypes::update_by_id(row.id)
                .set_double(f64::NAN)
                .set_text("changed")
                .save(c)
                .await;
            let before = count(&ctx).await?;
            let rows = (0..3).map(|i| {
                let v = if i == 2 { f64::NAN } else { 1.0 };
                all_types!(at, day(2024, 1, 1), 0.0f32, v, "bulk", json!(1))
            });
            let bulk = AllTypes::insert_many(c, rows).await;
            if backend == Backend::Postgres {
                update?;
                assert_eq!(bulk?, 3);
            } else {
                expect_unsupported(update, Some("double"));
                let stored = AllTypes::get(c, row.id).await?;
                assert_eq!(
                    (stored.double, stored.text.as_str()),
                    (0.5, "x"),
                    "unchanged"
                );
                expect_unsupported(bulk, Some("double"));
                assert_eq!(count(&ctx).await?, before, "no row of the batch written");
            }

            // Raw SQL is checked too (no entity, no column).
            let raw = RawQuery::new(format!("SELECT {}", first_param(&ctx)))
                .bind(f64::NAN)
                .fetch_all::<(Option<f64>,)>(c)
                .await;
            match backend {
                Backend::Postgres => assert!(raw?[0].0.is_some_and(f64::is_nan)),
                _ => expect_unsupported(raw, None),
            }
            Ok(())
        },
    )
    .await;
}

/// `-0.0` reads back as `0.0` on every backend (SQLite and MySQL cannot
/// keep the sign; entkit stores `0.0` on PostgreSQL too).
#[tokio::test]
async fn negative_zero_reads_back_as_zero_everywhere() {
    for_each_backend(
        "negative_zero_reads_back_as_zero_everywhere",
        |ctx| async move {
            ctx.migrate(&[AllTypes::def()]).await;
            let c = &ctx.client;
            let at = ts(2024, 1, 1, 0, 0, 0, 0);
            let row = all_types!(at, day(2024, 1, 1), -0.0f32, -0.0f64, "x", json!(1))
                .opt_double(-0.0f64)
                .opt_single(-0.0f32)
                .save(c)
                .await?;
            let stored = AllTypes::get(c, row.id).await?;
            for (label, r) in [("saved", &row), ("read", &stored)] {
                assert_eq!(r.double.to_bits(), 0.0f64.to_bits(), "{label} double");
                assert_eq!(r.single.to_bits(), 0.0f32.to_bits(), "{label} single");
                assert_eq!(r.opt_double.map(f64::to_bits), Some(0), "{label}");
                assert_eq!(r.opt_single.map(f32::to_bits), Some(0), "{label}");
            }
            Ok(())
        },
    )
    .await;
}

/// Defect 3: MariaDB's `utf8mb4_bin` ignores trailing spaces: `eq("pad")`
/// matched `"pad   "` and a unique column refused `"key "` after `"key"`.
#[tokio::test]
async fn text_compares_exactly_with_trailing_spaces() {
    for_each_backend(
        "text_compares_exactly_with_trailing_spaces",
        |ctx| async move {
            ctx.migrate(&[AllTypes::def(), Member::def()]).await;
            let c = &ctx.client;
            let at = ts(2024, 1, 1, 0, 0, 0, 0);
            let padded = all_types!(at, day(2024, 1, 1), 0.0f32, 0.0f64, "pad   ", json!(1))
                .save(c)
                .await?;
            let found = AllTypes::query()
                .filter(AllTypes::TEXT.eq("pad"))
                .count(c)
                .await?;
            assert_eq!(found, 0, "eq(\"pad\") must not match \"pad   \"");
            let exact = AllTypes::query()
                .filter(AllTypes::TEXT.eq("pad   "))
                .all(c)
                .await?;
            assert_eq!(exact.len(), 1);
            assert_eq!((exact[0].id, exact[0].text.as_str()), (padded.id, "pad   "));

            // A unique VARCHAR column tells "key" and "key " apart.
            let a = Member::create()
                .email("key")
                .org("o")
                .handle("a")
                .save(c)
                .await?;
            let b = Member::create()
                .email("key ")
                .org("o")
                .handle("b")
                .save(c)
                .await?;
            assert_ne!(a.id, b.id);
            assert_eq!(Member::get(c, b.id).await?.email, "key ");
            let hits = Member::query()
                .filter(Member::EMAIL.eq("key "))
                .all(c)
                .await?;
            assert_eq!(hits.iter().map(|m| m.id).collect::<Vec<_>>(), [b.id]);
            // ... and still refuses a real duplicate.
            let dup = Member::create()
                .email("key ")
                .org("o")
                .handle("c")
                .save(c)
                .await;
            assert!(dup.is_err_and(|e| e.is_unique_violation()));
            Ok(())
        },
    )
    .await;
}

/// Every `entkit::now` default of one write gets the same instant: a new
/// row has `created_at == updated_at`, a batch shares one time, and an
/// update-many stamps every row alike.
#[tokio::test]
async fn one_now_per_write() {
    for_each_backend("one_now_per_write", |ctx| async move {
        ctx.migrate(&[Setting::def()]).await;
        let c = &ctx.client;
        let s = Setting::create().name("one").save(c).await?;
        assert_eq!(s.created_at, s.updated_at, "returned row");
        let stored = Setting::get(c, s.id).await?;
        assert_eq!(stored.created_at, stored.updated_at, "stored row");
        assert_eq!(
            (stored.created_at, stored.updated_at),
            (s.created_at, s.updated_at)
        );

        let n = Setting::insert_many(c, (0..200).map(|i| Setting::create().name(format!("b{i}"))))
            .await?;
        assert_eq!(n, 200);
        let batch = Setting::query()
            .filter(Setting::NAME.has_prefix("b"))
            .all(c)
            .await?;
        assert_eq!(batch.len(), 200);
        assert!(
            batch
                .iter()
                .all(|r| r.created_at == batch[0].created_at && r.updated_at == r.created_at),
            "one instant for the whole batch"
        );

        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        Setting::update_many().set_retries(1i32).exec(c).await?;
        let all = Setting::query().all(c).await?;
        assert!(all.iter().all(|r| r.updated_at == all[0].updated_at));
        assert!(all[0].updated_at > s.updated_at);

        let on_name = OnConflict::on(Setting::ID).do_nothing();
        let up = Setting::create()
            .name("upserted")
            .upsert(c, &on_name)
            .await?;
        let up = up.expect("a new row is inserted");
        assert_eq!(up.created_at, up.updated_at, "upsert");
        Ok(())
    })
    .await;
}

/// The other values a backend would change: NUL characters on
/// PostgreSQL, years outside a backend's range, JSON nested deeper than
/// a backend (or serde_json) reads back.
#[tokio::test]
async fn other_unstorable_values_are_refused_before_sending() {
    for_each_backend(
        "other_unstorable_values_are_refused_before_sending",
        |ctx| async move {
            ctx.migrate(&[AllTypes::def()]).await;
            let c = &ctx.client;
            let backend = c.backend();
            let at = ts(2024, 1, 1, 0, 0, 0, 0);
            let d = day(2024, 1, 1);

            let nul = all_types!(at, d, 0.0f32, 0.0f64, "a\0b", json!(1))
                .save(c)
                .await;
            match backend {
                Backend::Postgres => expect_unsupported(nul, Some("text")),
                _ => assert_eq!(AllTypes::get(c, nul?.id).await?.text, "a\0b"),
            }
            let nul_json = all_types!(at, d, 0.0f32, 0.0f64, "x", json!({"k": "\u{0}"}))
                .save(c)
                .await;
            match backend {
                Backend::Postgres => expect_unsupported(nul_json, Some("doc")),
                _ => assert_eq!(
                    AllTypes::get(c, nul_json?.id).await?.doc,
                    json!({"k": "\u{0}"})
                ),
            }

            // (year, refused on PostgreSQL, MySQL, SQLite)
            for (year, refused) in [
                (-5000, [true, true, true]),
                (-4712, [false, true, true]),
                (0, [false, true, false]),
                (999, [false, true, false]),
                (1000, [false, false, false]),
                (9999, [false, false, false]),
                (10_000, [false, true, true]),
                (200_000, [false, true, true]),
            ] {
                let refused = refused[match backend {
                    Backend::Postgres => 0,
                    Backend::MySql => 1,
                    Backend::Sqlite => 2,
                }];
                let when = ts(year, 12, 31, 23, 59, 59, 999_999);
                let on = day(year, 1, 1);
                let before = count(&ctx).await?;
                let r1 = all_types!(when, d, 0.0f32, 0.0f64, "x", json!(1))
                    .save(c)
                    .await;
                let r2 = all_types!(at, d, 0.0f32, 0.0f64, "x", json!(1))
                    .opt_day(on)
                    .save(c)
                    .await;
                if refused {
                    expect_unsupported(r1, Some("at"));
                    expect_unsupported(r2, Some("opt_day"));
                    assert_eq!(count(&ctx).await?, before, "year {year}: nothing written");
                } else {
                    let (r1, r2) = (r1?, r2?);
                    assert_eq!(AllTypes::get(c, r1.id).await?.at, when, "year {year}");
                    assert_eq!(
                        AllTypes::get(c, r2.id).await?.opt_day,
                        Some(on),
                        "year {year}"
                    );
                }
            }

            let nested = |levels: usize| {
                (0..levels).fold(serde_json::Value::from(1), |inner, _| json!([inner]))
            };
            for (levels, refused_here) in [
                (31, false),
                (32, backend == Backend::MySql),
                (127, backend == Backend::MySql),
                (128, true),
            ] {
                let r = all_types!(at, d, 0.0f32, 0.0f64, "x", nested(levels))
                    .save(c)
                    .await;
                if refused_here {
                    expect_unsupported(r, Some("doc"));
                } else {
                    let id = r.unwrap_or_else(|e| panic!("{levels} levels: {e:?}")).id;
                    assert_eq!(AllTypes::get(c, id).await?.doc, nested(levels));
                }
            }

            // JSON numbers: integral floats from 1e16 up are stored as the
            // integers they equal (jsonb would turn them into integers).
            let doc = json!({"big": 1e16, "neg": -2e18, "huge": 1e300, "small": 1e-7, "half": 0.5});
            let row = all_types!(at, d, 0.0f32, 0.0f64, "x", doc).save(c).await?;
            let want = json!({
                "big": 10_000_000_000_000_000u64,
                "neg": -2_000_000_000_000_000_000i64,
                "huge": 1e300,
                "small": 1e-7,
                "half": 0.5
            });
            assert_eq!(row.doc, want, "returned");
            assert_eq!(AllTypes::get(c, row.id).await?.doc, want, "read back");
            Ok(())
        },
    )
    .await;
}

/// An indexed string without `max_len` is a `VARCHAR(255)` on MySQL: a
/// longer value would be refused by a strict server after sending, or cut
/// short by one that is not, so entkit refuses it first. The limit counts
/// characters, not bytes; the other backends store any length.
#[tokio::test]
async fn indexed_strings_longer_than_their_mysql_column_are_refused() {
    for_each_backend(
        "indexed_strings_longer_than_their_mysql_column_are_refused",
        |ctx| async move {
            ctx.migrate(&[Member::def()]).await;
            let c = &ctx.client;
            let fits = "é".repeat(255);
            let m = Member::create()
                .email("a")
                .org("o")
                .handle(fits.as_str())
                .save(c)
                .await?;
            assert_eq!(Member::get(c, m.id).await?.handle, fits);

            let long = "x".repeat(256);
            let created = Member::create()
                .email("b")
                .org("o")
                .handle(long.as_str())
                .save(c)
                .await;
            let updated = Member::update_by_id(m.id)
                .set_org(long.as_str())
                .save(c)
                .await;
            if c.backend() == Backend::MySql {
                expect_unsupported(created, Some("handle"));
                expect_unsupported(updated, Some("org"));
                assert_eq!(Member::query().count(c).await?, 1, "nothing written");
                assert_eq!(Member::get(c, m.id).await?.org, "o", "unchanged");
            } else {
                assert_eq!(Member::get(c, created?.id).await?.handle, long);
                assert_eq!(updated?.org, long);
            }
            Ok(())
        },
    )
    .await;
}
