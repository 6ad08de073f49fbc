//! Round trip of every supported column type, set and NULL.

use chrono::{DateTime, NaiveDate, TimeZone as _, Utc};
use entkit::{Entity as _, Json};
use entkit_tests::for_each_backend;
use serde_json::json;
use uuid::Uuid;

use crate::entities::{AllTypes, Prefs};

fn prefs(theme: &str) -> Prefs {
    Prefs {
        theme: theme.to_owned(),
        font_size: 14,
        tags: vec!["a".into(), "ü".into()],
    }
}

/// A fixed instant with microseconds (the precision every backend keeps).
fn instant() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 2, 29, 13, 45, 30).unwrap() + chrono::Duration::microseconds(123_456)
}

/// The values written by `every_type_round_trips`.
struct Expected {
    uid: Uuid,
    opt_uid: Uuid,
    at: DateTime<Utc>,
    opt_at: DateTime<Utc>,
    day: NaiveDate,
    opt_day: NaiveDate,
    doc: serde_json::Value,
    opt_doc: serde_json::Value,
    text: &'static str,
    bytes: Vec<u8>,
}

fn check(label: &str, row: &AllTypes, want: &Expected) {
    assert!(row.id > 0, "{label}: id {}", row.id);
    assert!(row.flag, "{label}: flag");
    assert_eq!(row.small, i16::MIN, "{label}: small");
    assert_eq!(row.medium, i32::MAX, "{label}: medium");
    assert_eq!(row.big, i64::MAX, "{label}: big");
    assert_eq!(row.single, 1234.5678f32, "{label}: single");
    assert_eq!(row.double, -0.1f64, "{label}: double");
    assert_eq!(row.text, want.text, "{label}: text");
    assert_eq!(row.bytes, want.bytes, "{label}: bytes");
    assert_eq!(row.uid, want.uid, "{label}: uid");
    assert_eq!(row.at, want.at, "{label}: at");
    assert_eq!(row.day, want.day, "{label}: day");
    assert_eq!(row.doc, want.doc, "{label}: doc");
    assert_eq!(row.prefs.0, prefs("dark"), "{label}: prefs");
    assert_eq!(row.opt_flag, Some(false), "{label}: opt_flag");
    assert_eq!(row.opt_small, Some(-7), "{label}: opt_small");
    assert_eq!(row.opt_medium, Some(-123_456), "{label}: opt_medium");
    assert_eq!(row.opt_big, Some(i64::MIN), "{label}: opt_big");
    assert_eq!(row.opt_single, Some(-0.5f32), "{label}: opt_single");
    assert_eq!(
        row.opt_double,
        Some(6.02214076e23f64),
        "{label}: opt_double"
    );
    assert_eq!(
        row.opt_text.as_deref(),
        Some(""),
        "{label}: opt_text (empty string is not NULL)"
    );
    assert_eq!(
        row.opt_bytes.as_deref(),
        Some(&[][..]),
        "{label}: opt_bytes (empty is not NULL)"
    );
    assert_eq!(row.opt_uid, Some(want.opt_uid), "{label}: opt_uid");
    assert_eq!(row.opt_at, Some(want.opt_at), "{label}: opt_at");
    assert_eq!(row.opt_day, Some(want.opt_day), "{label}: opt_day");
    assert_eq!(
        row.opt_doc.as_ref(),
        Some(&want.opt_doc),
        "{label}: opt_doc"
    );
    assert_eq!(
        row.opt_prefs.as_ref().map(|p| &p.0),
        Some(&prefs("light")),
        "{label}: opt_prefs"
    );
}

#[tokio::test]
async fn every_type_round_trips() {
    for_each_backend("every_type_round_trips", |ctx| async move {
        ctx.migrate(&[AllTypes::def()]).await;
        let c = &ctx.client;
        let want = Expected {
            uid: Uuid::new_v4(),
            opt_uid: Uuid::new_v4(),
            at: instant(),
            opt_at: entkit::now(),
            day: NaiveDate::from_ymd_opt(2024, 2, 29).unwrap(),
            opt_day: NaiveDate::from_ymd_opt(1969, 7, 20).unwrap(),
            doc: json!({"a": 1, "list": [true, null, "x", 2.5], "nested": {"k": "v"}}),
            opt_doc: json!(["just", "an", "array", {"n": -7}]),
            text: "héllo wörld ✓ 'single' \"double\" \\ back`tick` 😀",
            bytes: vec![0u8, 1, 2, 127, 128, 255, 0],
        };

        let created = AllTypes::create()
            .flag(true)
            .small(i16::MIN)
            .medium(i32::MAX)
            .big(i64::MAX)
            .single(1234.5678f32)
            .double(-0.1f64)
            .text(want.text)
            .bytes(want.bytes.clone())
            .uid(want.uid)
            .at(want.at)
            .day(want.day)
            .doc(want.doc.clone())
            .prefs(Json(prefs("dark")))
            .opt_flag(false)
            .opt_small(-7i16)
            .opt_medium(-123_456i32)
            .opt_big(i64::MIN)
            .opt_single(-0.5f32)
            .opt_double(6.02214076e23f64)
            .opt_text("")
            .opt_bytes(Vec::<u8>::new())
            .opt_uid(want.opt_uid)
            .opt_at(want.opt_at)
            .opt_day(want.opt_day)
            .opt_doc(want.opt_doc.clone())
            .opt_prefs(Json(prefs("light")))
            .save(c)
            .await?;
        check("returned by save", &created, &want);
        let fetched = AllTypes::get(c, created.id).await?;
        check("read back by get", &fetched, &want);

        // The typed values also work as filters (bound with the same encoding).
        let by_uid = AllTypes::query()
            .filter(AllTypes::UID.eq(want.uid))
            .one(c)
            .await?;
        assert_eq!(by_uid.id, created.id, "filter on uuid");
        let by_at = AllTypes::query()
            .filter(AllTypes::AT.eq(want.at))
            .one(c)
            .await?;
        assert_eq!(by_at.id, created.id, "filter on timestamp");
        let by_day = AllTypes::query()
            .filter(AllTypes::DAY.eq(want.day))
            .one(c)
            .await?;
        assert_eq!(by_day.id, created.id, "filter on date");
        let by_opt_at = AllTypes::query()
            .filter(AllTypes::OPT_AT.eq(want.opt_at))
            .one(c)
            .await?;
        assert_eq!(by_opt_at.id, created.id, "filter on nullable timestamp");
        // Ordering comparisons follow time, down to the microsecond.
        let micro = chrono::Duration::microseconds(1);
        assert_eq!(
            AllTypes::query()
                .filter(AllTypes::AT.gt(want.at - micro))
                .count(c)
                .await?,
            1
        );
        assert_eq!(
            AllTypes::query()
                .filter(AllTypes::AT.gt(want.at))
                .count(c)
                .await?,
            0
        );
        assert_eq!(
            AllTypes::query()
                .filter(AllTypes::AT.lt(want.at + micro))
                .count(c)
                .await?,
            1
        );
        assert_eq!(
            AllTypes::query()
                .filter(AllTypes::AT.le(want.at))
                .count(c)
                .await?,
            1
        );
        assert_eq!(
            AllTypes::query()
                .filter(AllTypes::DAY.gt(want.day))
                .count(c)
                .await?,
            0
        );
        assert_eq!(
            AllTypes::query()
                .filter(AllTypes::DAY.ge(want.day))
                .count(c)
                .await?,
            1
        );

        // Clearing nullable columns writes NULL and leaves the rest alone.
        let cleared = AllTypes::update_by_id(created.id)
            .clear_opt_text()
            .clear_opt_doc()
            .clear_opt_prefs()
            .clear_opt_uid()
            .save(c)
            .await?;
        for (label, row) in [
            ("update result", cleared),
            ("after update", AllTypes::get(c, created.id).await?),
        ] {
            assert_eq!(row.opt_text, None, "{label}: opt_text");
            assert!(row.opt_doc.is_none(), "{label}: opt_doc");
            assert!(row.opt_prefs.is_none(), "{label}: opt_prefs");
            assert_eq!(row.opt_uid, None, "{label}: opt_uid");
            assert_eq!(row.opt_at, Some(want.opt_at), "{label}: opt_at untouched");
            assert_eq!(row.text, want.text, "{label}: text untouched");
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn nullable_columns_round_trip_none() {
    for_each_backend("nullable_columns_round_trip_none", |ctx| async move {
        ctx.migrate(&[AllTypes::def()]).await;
        let c = &ctx.client;
        let created = AllTypes::create()
            .flag(false)
            .small(0i16)
            .medium(0i32)
            .big(0i64)
            .single(0.0f32)
            .double(0.0f64)
            .text("")
            .bytes(Vec::<u8>::new())
            .uid(Uuid::nil())
            .at(instant())
            .day(NaiveDate::from_ymd_opt(2000, 1, 1).unwrap())
            .doc(serde_json::Value::Null)
            .prefs(Json(prefs("none")))
            // explicit None is accepted as well as leaving the field unset
            .opt_medium(None::<i32>)
            .opt_text(None::<String>)
            .save(c)
            .await?;

        for (label, row) in [
            ("returned by save", created),
            ("read back", AllTypes::query().one(c).await?),
        ] {
            assert!(!row.flag, "{label}: flag");
            assert_eq!(row.text, "", "{label}: text");
            assert!(row.bytes.is_empty(), "{label}: bytes");
            assert_eq!(row.uid, Uuid::nil(), "{label}: uid");
            assert_eq!(
                row.doc,
                serde_json::Value::Null,
                "{label}: JSON null document"
            );
            assert_eq!(row.opt_flag, None, "{label}: opt_flag");
            assert_eq!(row.opt_small, None, "{label}: opt_small");
            assert_eq!(row.opt_medium, None, "{label}: opt_medium");
            assert_eq!(row.opt_big, None, "{label}: opt_big");
            assert_eq!(row.opt_single, None, "{label}: opt_single");
            assert_eq!(row.opt_double, None, "{label}: opt_double");
            assert_eq!(row.opt_text, None, "{label}: opt_text");
            assert_eq!(row.opt_bytes, None, "{label}: opt_bytes");
            assert_eq!(row.opt_uid, None, "{label}: opt_uid");
            assert_eq!(row.opt_at, None, "{label}: opt_at");
            assert_eq!(row.opt_day, None, "{label}: opt_day");
            assert!(row.opt_doc.is_none(), "{label}: opt_doc");
            assert!(row.opt_prefs.is_none(), "{label}: opt_prefs");
        }

        // The NULLs are real SQL NULLs: IS NULL finds the row, IS NOT NULL does not.
        let nulls = AllTypes::query()
            .filter(entkit::Predicate::all([
                AllTypes::OPT_FLAG.is_null(),
                AllTypes::OPT_TEXT.is_null(),
                AllTypes::OPT_BYTES.is_null(),
                AllTypes::OPT_UID.is_null(),
                AllTypes::OPT_AT.is_null(),
                AllTypes::OPT_DAY.is_null(),
                AllTypes::OPT_DOC.is_null(),
                AllTypes::OPT_PREFS.is_null(),
            ]))
            .count(c)
            .await?;
        assert_eq!(nulls, 1, "IS NULL on every nullable column");
        assert!(
            !AllTypes::query()
                .filter(AllTypes::OPT_DOC.is_not_null())
                .exists(c)
                .await?
        );
        Ok(())
    })
    .await;
}
