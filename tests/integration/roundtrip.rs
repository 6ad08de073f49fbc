//! Property-based round trip: every column type, nullable and not, with
//! generated values and the extremes, on every backend. Each row is either
//! read back equal to what was written (after the documented
//! normalisation, the same on every backend: timestamps truncated to
//! microseconds, `-0.0` read as `0.0`, integral JSON floats from 1e16 up
//! stored as integers) or refused with `Error::UnsupportedValue` and
//! nothing written. Filters on the stored values (`eq`) find the row, so
//! comparisons are exact too.

use chrono::{DateTime, Datelike as _, NaiveDate, SubsecRound as _, Utc};
use entkit::{Backend, Entity, Error, Json};
use entkit_tests::{Ctx, for_each_backend};
use proptest::prelude::*;
use proptest::strategy::ValueTree as _;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::json;
use uuid::Uuid;

use crate::entities::{Prefs, Status};

/// Random cases per backend, after the fixed extremes (bounded so the
/// module stays well under 30 s per backend).
const RANDOM_CASES: u32 = 64;

/// One column of every supported type, and a nullable twin of each.
#[derive(Entity)]
#[entity(table = "round_trips")]
pub struct RoundTrip {
    pub id: i64,
    pub flag: bool,
    pub small: i16,
    pub medium: i32,
    pub big: i64,
    pub single: f32,
    pub double: f64,
    pub text: String,
    pub bytes: Vec<u8>,
    pub uid: Uuid,
    pub at: DateTime<Utc>,
    pub day: NaiveDate,
    pub doc: serde_json::Value,
    pub prefs: Json<Prefs>,
    pub status: Status,
    pub opt_flag: Option<bool>,
    pub opt_small: Option<i16>,
    pub opt_medium: Option<i32>,
    pub opt_big: Option<i64>,
    pub opt_single: Option<f32>,
    pub opt_double: Option<f64>,
    pub opt_text: Option<String>,
    pub opt_bytes: Option<Vec<u8>>,
    pub opt_uid: Option<Uuid>,
    pub opt_at: Option<DateTime<Utc>>,
    pub opt_day: Option<NaiveDate>,
    pub opt_doc: Option<serde_json::Value>,
    pub opt_prefs: Option<Json<Prefs>>,
    pub opt_status: Option<Status>,
}

/// The values of one row (everything but the key).
#[derive(Debug, Clone)]
struct Row {
    flag: bool,
    small: i16,
    medium: i32,
    big: i64,
    single: f32,
    double: f64,
    text: String,
    bytes: Vec<u8>,
    uid: Uuid,
    at: DateTime<Utc>,
    day: NaiveDate,
    doc: serde_json::Value,
    prefs: Prefs,
    status: Status,
    opt_flag: Option<bool>,
    opt_small: Option<i16>,
    opt_medium: Option<i32>,
    opt_big: Option<i64>,
    opt_single: Option<f32>,
    opt_double: Option<f64>,
    opt_text: Option<String>,
    opt_bytes: Option<Vec<u8>>,
    opt_uid: Option<Uuid>,
    opt_at: Option<DateTime<Utc>>,
    opt_day: Option<NaiveDate>,
    opt_doc: Option<serde_json::Value>,
    opt_prefs: Option<Prefs>,
    opt_status: Option<Status>,
}

impl Row {
    /// An ordinary row that every backend stores; cases change a few fields.
    fn plain() -> Row {
        Row {
            flag: false,
            small: 0,
            medium: 0,
            big: 0,
            single: 0.0,
            double: 0.0,
            text: String::new(),
            bytes: Vec::new(),
            uid: Uuid::nil(),
            at: DateTime::from_timestamp(0, 0).unwrap(),
            day: NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
            doc: json!(null),
            prefs: prefs(""),
            status: Status::Active,
            opt_flag: None,
            opt_small: None,
            opt_medium: None,
            opt_big: None,
            opt_single: None,
            opt_double: None,
            opt_text: None,
            opt_bytes: None,
            opt_uid: None,
            opt_at: None,
            opt_day: None,
            opt_doc: None,
            opt_prefs: None,
            opt_status: None,
        }
    }
}

fn prefs(theme: &str) -> Prefs {
    Prefs {
        theme: theme.to_owned(),
        font_size: 0,
        tags: Vec::new(),
    }
}

// ---- What the test expects, written from the documented rules ----------

/// JSON nesting depth (a scalar is 0, `[]` is 1).
fn depth(j: &serde_json::Value) -> usize {
    match j {
        serde_json::Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        serde_json::Value::Object(m) => 1 + m.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

fn json_has_nul(j: &serde_json::Value) -> bool {
    match j {
        serde_json::Value::String(s) => s.contains('\0'),
        serde_json::Value::Array(a) => a.iter().any(json_has_nul),
        serde_json::Value::Object(m) => m.iter().any(|(k, v)| k.contains('\0') || json_has_nul(v)),
        _ => false,
    }
}

/// Whether `backend` must refuse this row (documented limits).
fn refused(backend: Backend, r: &Row) -> bool {
    let floats = [
        f64::from(r.single),
        r.double,
        r.opt_single.map_or(0.0, f64::from),
        r.opt_double.unwrap_or(0.0),
    ];
    let years = [
        r.at.year(),
        r.day.year(),
        r.opt_at.map_or(2000, |t| t.year()),
        r.opt_day.map_or(2000, |d| d.year()),
    ];
    let texts = [Some(&r.text), r.opt_text.as_ref()];
    let prefs_json = |p: &Prefs| serde_json::to_value(p).unwrap();
    let docs: Vec<serde_json::Value> = [
        Some(r.doc.clone()),
        r.opt_doc.clone(),
        Some(prefs_json(&r.prefs)),
        r.opt_prefs.as_ref().map(prefs_json),
    ]
    .into_iter()
    .flatten()
    .collect();
    let max_depth = match backend {
        Backend::MySql => 31,
        _ => 127,
    };
    if docs.iter().any(|d| depth(d) > max_depth) {
        return true;
    }
    match backend {
        Backend::Postgres => {
            years.iter().any(|y| *y < -4712)
                || texts.iter().flatten().any(|t| t.contains('\0'))
                || docs.iter().any(json_has_nul)
        }
        Backend::MySql => {
            floats.iter().any(|f| !f.is_finite())
                || years.iter().any(|y| !(1000..=9999).contains(y))
        }
        Backend::Sqlite => {
            floats.iter().any(|f| f.is_nan()) || years.iter().any(|y| !(0..=9999).contains(y))
        }
    }
}

/// A JSON document as every backend stores it: integral floats of
/// magnitude 1e16 or more that fit an integer are integers.
fn normal_json(j: &serde_json::Value) -> serde_json::Value {
    match j {
        serde_json::Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap();
            if f.fract() == 0.0 && f.abs() >= 1e16 {
                if (0.0..18_446_744_073_709_551_616.0).contains(&f) {
                    return json!(f as u64);
                }
                if (-9_223_372_036_854_775_808.0..0.0).contains(&f) {
                    return json!(f as i64);
                }
            }
            j.clone()
        }
        serde_json::Value::Array(a) => a.iter().map(normal_json).collect(),
        serde_json::Value::Object(m) => m
            .iter()
            .map(|(k, v)| (k.clone(), normal_json(v)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
        _ => j.clone(),
    }
}

fn same_f64(got: f64, wrote: f64) -> bool {
    // NaN reads back as NaN; -0.0 as 0.0; everything else bit for bit.
    (got.is_nan() && wrote.is_nan()) || got.to_bits() == (wrote + 0.0).to_bits()
}

fn same_f32(got: f32, wrote: f32) -> bool {
    (got.is_nan() && wrote.is_nan()) || got.to_bits() == (wrote + 0.0).to_bits()
}

fn micros(t: DateTime<Utc>) -> DateTime<Utc> {
    t.trunc_subsecs(6)
}

/// Asserts the stored entity equals the written row (normalised).
#[track_caller]
fn assert_stored(label: &str, e: &RoundTrip, r: &Row) {
    let ctx = || format!("{label}: wrote {r:?}\n    got {e:?}");
    assert_eq!(e.flag, r.flag, "flag {}", ctx());
    assert_eq!(e.small, r.small, "small {}", ctx());
    assert_eq!(e.medium, r.medium, "medium {}", ctx());
    assert_eq!(e.big, r.big, "big {}", ctx());
    assert!(same_f32(e.single, r.single), "single {}", ctx());
    assert!(same_f64(e.double, r.double), "double {}", ctx());
    assert!(e.text == r.text, "text {}", ctx());
    assert!(e.bytes == r.bytes, "bytes {}", ctx());
    assert_eq!(e.uid, r.uid, "uid {}", ctx());
    assert_eq!(e.at, micros(r.at), "at {}", ctx());
    assert_eq!(e.day, r.day, "day {}", ctx());
    assert!(e.doc == normal_json(&r.doc), "doc {}", ctx());
    assert!(e.prefs.0 == r.prefs, "prefs {}", ctx());
    assert_eq!(e.status, r.status, "status {}", ctx());
    assert_eq!(e.opt_flag, r.opt_flag, "opt_flag {}", ctx());
    assert_eq!(e.opt_small, r.opt_small, "opt_small {}", ctx());
    assert_eq!(e.opt_medium, r.opt_medium, "opt_medium {}", ctx());
    assert_eq!(e.opt_big, r.opt_big, "opt_big {}", ctx());
    let single = match (e.opt_single, r.opt_single) {
        (None, None) => true,
        (Some(g), Some(w)) => same_f32(g, w),
        _ => false,
    };
    assert!(single, "opt_single {}", ctx());
    let double = match (e.opt_double, r.opt_double) {
        (None, None) => true,
        (Some(g), Some(w)) => same_f64(g, w),
        _ => false,
    };
    assert!(double, "opt_double {}", ctx());
    assert!(e.opt_text == r.opt_text, "opt_text {}", ctx());
    assert!(e.opt_bytes == r.opt_bytes, "opt_bytes {}", ctx());
    assert_eq!(e.opt_uid, r.opt_uid, "opt_uid {}", ctx());
    assert_eq!(e.opt_at, r.opt_at.map(micros), "opt_at {}", ctx());
    assert_eq!(e.opt_day, r.opt_day, "opt_day {}", ctx());
    assert!(
        e.opt_doc == r.opt_doc.as_ref().map(normal_json),
        "opt_doc {}",
        ctx()
    );
    assert!(
        e.opt_prefs.as_ref().map(|p| &p.0) == r.opt_prefs.as_ref(),
        "opt_prefs {}",
        ctx()
    );
    assert_eq!(e.opt_status, r.opt_status, "opt_status {}", ctx());
}

// ---- Writing and checking one row ----------------------------------------

async fn save(c: &entkit::Client, r: &Row) -> entkit::Result<RoundTrip> {
    let mut b = RoundTrip::create()
        .flag(r.flag)
        .small(r.small)
        .medium(r.medium)
        .big(r.big)
        .single(r.single)
        .double(r.double)
        .text(r.text.clone())
        .bytes(r.bytes.clone())
        .uid(r.uid)
        .at(r.at)
        .day(r.day)
        .doc(r.doc.clone())
        .prefs(Json(r.prefs.clone()))
        .status(r.status);
    if let Some(v) = r.opt_flag {
        b = b.opt_flag(v);
    }
    if let Some(v) = r.opt_small {
        b = b.opt_small(v);
    }
    if let Some(v) = r.opt_medium {
        b = b.opt_medium(v);
    }
    if let Some(v) = r.opt_big {
        b = b.opt_big(v);
    }
    if let Some(v) = r.opt_single {
        b = b.opt_single(v);
    }
    if let Some(v) = r.opt_double {
        b = b.opt_double(v);
    }
    if let Some(v) = &r.opt_text {
        b = b.opt_text(v.clone());
    }
    if let Some(v) = &r.opt_bytes {
        b = b.opt_bytes(v.clone());
    }
    if let Some(v) = r.opt_uid {
        b = b.opt_uid(v);
    }
    if let Some(v) = r.opt_at {
        b = b.opt_at(v);
    }
    if let Some(v) = r.opt_day {
        b = b.opt_day(v);
    }
    if let Some(v) = &r.opt_doc {
        b = b.opt_doc(v.clone());
    }
    if let Some(v) = &r.opt_prefs {
        b = b.opt_prefs(Json(v.clone()));
    }
    if let Some(v) = r.opt_status {
        b = b.opt_status(v);
    }
    b.save(c).await
}

/// Writes `r`, then checks it was stored exactly (and is found by `eq` on
/// its stored values) or refused with nothing written.
async fn check_row(ctx: &Ctx, label: &str, r: &Row) -> entkit::Result<()> {
    let c = &ctx.client;
    let backend = c.backend();
    let before = RoundTrip::query().count(c).await?;
    let result = save(c, r).await;
    if refused(backend, r) {
        match result {
            Err(Error::UnsupportedValue { .. }) => {}
            other => panic!("{label}: expected Error::UnsupportedValue for {r:?}, got {other:?}"),
        }
        assert_eq!(
            RoundTrip::query().count(c).await?,
            before,
            "{label}: nothing written"
        );
        return Ok(());
    }
    let saved = result.unwrap_or_else(|e| panic!("{label}: {r:?} was refused: {e:?}"));
    assert_stored(&format!("{label} (returned by save)"), &saved, r);
    let read = RoundTrip::get(c, saved.id).await?;
    assert_stored(&format!("{label} (read back)"), &read, r);

    // Comparisons on the stored values are exact (trailing spaces,
    // microseconds, bytes): the row is among the matches of each, and
    // every match holds exactly the value compared with.
    let by_text = RoundTrip::query()
        .filter(RoundTrip::TEXT.eq(r.text.as_str()))
        .all(c)
        .await?;
    assert!(
        by_text.iter().any(|e| e.id == saved.id),
        "{label}: eq(text)"
    );
    assert!(
        by_text.iter().all(|e| e.text == r.text),
        "{label}: eq(text) exact"
    );
    let by_others = RoundTrip::query()
        .filter(RoundTrip::ID.eq(saved.id))
        .filter(RoundTrip::BYTES.eq(r.bytes.clone()))
        .filter(RoundTrip::AT.eq(r.at))
        .filter(RoundTrip::DAY.eq(r.day))
        .filter(RoundTrip::BIG.eq(r.big))
        .filter(RoundTrip::UID.eq(r.uid))
        .filter(RoundTrip::STATUS.eq(r.status))
        .count(c)
        .await?;
    assert_eq!(
        by_others, 1,
        "{label}: eq on bytes, at, day, big, uid, status"
    );
    Ok(())
}

// ---- The values -----------------------------------------------------------

/// Nested arrays `levels` deep around a number.
fn nested(levels: usize) -> serde_json::Value {
    (0..levels).fold(json!(1), |inner, _| json!([inner]))
}

fn ts(secs: i64, nanos: u32) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, nanos).unwrap()
}

/// The extremes, one change from a plain row each (so a refusal is
/// attributable), then a few rows combining them.
fn extremes() -> Vec<(String, Row)> {
    let mut out: Vec<(String, Row)> = Vec::new();
    let mut case = |label: &str, change: &dyn Fn(&mut Row)| {
        let mut r = Row::plain();
        change(&mut r);
        out.push((label.to_owned(), r));
    };
    case("integer minimums", &|r| {
        (r.small, r.medium, r.big) = (i16::MIN, i32::MIN, i64::MIN);
        (r.opt_small, r.opt_medium, r.opt_big) = (Some(i16::MIN), Some(i32::MIN), Some(i64::MIN));
    });
    case("integer maximums", &|r| {
        (r.small, r.medium, r.big) = (i16::MAX, i32::MAX, i64::MAX);
        (r.opt_small, r.opt_medium, r.opt_big) = (Some(i16::MAX), Some(i32::MAX), Some(i64::MAX));
        (r.flag, r.opt_flag) = (true, Some(false));
    });
    for (name, v) in [
        ("NaN", f64::NAN),
        ("+inf", f64::INFINITY),
        ("-inf", f64::NEG_INFINITY),
        ("-0.0", -0.0),
        ("f64::MAX", f64::MAX),
        ("f64::MIN_POSITIVE", f64::MIN_POSITIVE),
        ("subnormal", 5e-324),
        ("0.1", 0.1),
    ] {
        case(&format!("f64 {name}"), &|r| r.double = v);
        case(&format!("Option<f64> {name}"), &|r| r.opt_double = Some(v));
    }
    for (name, v) in [
        ("NaN", f32::NAN),
        ("+inf", f32::INFINITY),
        ("-inf", f32::NEG_INFINITY),
        ("-0.0", -0.0),
        ("f32::MAX", f32::MAX),
        ("f32::MIN_POSITIVE", f32::MIN_POSITIVE),
        ("subnormal", 1e-45),
    ] {
        case(&format!("f32 {name}"), &|r| r.single = v);
        case(&format!("Option<f32> {name}"), &|r| r.opt_single = Some(v));
    }
    // Ten bytes a repetition: about 1 MB of text.
    let megabyte_text = "é€😀 ".repeat(104_858);
    let megabyte_bytes: Vec<u8> = (0..1 << 20).map(|i| (i * 7 % 256) as u8).collect();
    for (name, text) in [
        ("empty", String::new()),
        ("1 MB", megabyte_text.clone()),
        ("astral", "𝄞 😀 𐍈 🏳️‍🌈".to_owned()),
        ("trailing spaces", "pad   ".to_owned()),
        ("leading spaces", "   pad".to_owned()),
        ("only spaces", "   ".to_owned()),
        ("tab and newline", "a\tb\n".to_owned()),
        ("NUL", "a\0b".to_owned()),
        ("quotes", "'\"\\`%_".to_owned()),
    ] {
        case(&format!("text {name}"), &|r| r.text = text.clone());
        case(&format!("Option<String> {name}"), &|r| {
            r.opt_text = Some(text.clone())
        });
    }
    case("bytes 1 MB", &|r| r.bytes = megabyte_bytes.clone());
    case("Option<bytes> empty", &|r| r.opt_bytes = Some(Vec::new()));
    case("bytes trailing zeros and spaces", &|r| {
        r.bytes = vec![b'a', b' ', 0, 0]
    });
    case("uuid max", &|r| {
        (r.uid, r.opt_uid) = (Uuid::max(), Some(Uuid::nil()))
    });
    let instants = [
        ("chrono min", DateTime::<Utc>::MIN_UTC),
        ("chrono max", DateTime::<Utc>::MAX_UTC),
        ("4713 BC", "-4712-01-01T00:00:00Z".parse().unwrap()),
        ("year 0", "0000-01-01T00:00:00Z".parse().unwrap()),
        ("year 999", "0999-12-31T23:59:59.999999Z".parse().unwrap()),
        ("year 1000", "1000-01-01T00:00:00Z".parse().unwrap()),
        ("1901 (before i32 epoch)", ts(-2_147_483_649, 0)),
        ("1969 nanos", ts(-1, 999_999_999)),
        ("2038 + 1 s", ts(2_147_483_648, 0)),
        ("nanoseconds", ts(1_700_000_000, 123_456_789)),
        (
            "year 9999 end",
            "9999-12-31T23:59:59.999999999Z".parse().unwrap(),
        ),
        ("year 10000", "+10000-01-01T00:00:00Z".parse().unwrap()),
    ];
    for (name, t) in instants {
        case(&format!("timestamp {name}"), &|r| r.at = t);
        case(&format!("Option<timestamp> {name}"), &|r| {
            r.opt_at = Some(t)
        });
        case(&format!("date {name}"), &|r| r.day = t.date_naive());
        case(&format!("Option<date> {name}"), &|r| {
            r.opt_day = Some(t.date_naive())
        });
    }
    for levels in [31, 32, 127, 128] {
        case(&format!("JSON {levels} levels"), &|r| {
            r.doc = nested(levels)
        });
        case(&format!("Option<JSON> {levels} levels"), &|r| {
            r.opt_doc = Some(nested(levels))
        });
    }
    case("JSON numbers", &|r| {
        r.doc = json!([
            u64::MAX,
            i64::MIN,
            1e16,
            -1e16,
            1.5e300,
            5e-324,
            -0.0,
            0.1,
            1e19,
            2e19,
            -9.3e18
        ]);
    });
    case("JSON strings", &|r| {
        r.doc = json!({"": "", "😀": "a\0b", "pad ": "pad   ", "nested": {"k": [null, true]}});
    });
    case("Json<T> NUL and astral", &|r| {
        r.prefs = Prefs {
            theme: "a\0😀".into(),
            font_size: i32::MIN,
            tags: vec!["pad ".into(), String::new()],
        };
        r.opt_prefs = Some(prefs("   "));
    });
    for status in [Status::Active, Status::Suspended, Status::Deleted] {
        case(&format!("enum {status:?}"), &|r| {
            (r.status, r.opt_status) = (status, Some(status));
        });
    }
    out
}

fn json_strategy() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(json!(null)),
        any::<bool>().prop_map(|b| json!(b)),
        any::<i64>().prop_map(|i| json!(i)),
        any::<u64>().prop_map(|u| json!(u)),
        // serde_json numbers are finite (it has no NaN or infinity).
        (prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO)
            .prop_map(|f| json!(f)),
        any::<String>().prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(4, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..5)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

fn instant_strategy() -> impl Strategy<Value = DateTime<Utc>> {
    let min = DateTime::<Utc>::MIN_UTC.timestamp();
    let max = DateTime::<Utc>::MAX_UTC.timestamp();
    // Mostly the years every backend stores, sometimes anywhere chrono can.
    let common = -30_610_224_000i64..253_402_300_800; // 1000-01-01 ..= 9999-12-31
    prop_oneof![
        4 => (common, 0u32..1_000_000_000),
        1 => (min..=max, 0u32..1_000_000_000),
    ]
    .prop_map(|(s, n)| DateTime::from_timestamp(s, n).unwrap())
}

fn float_strategy() -> impl Strategy<Value = f64> {
    prop_oneof![
        8 => any::<f64>(),
        1 => Just(-0.0),
        1 => Just(f64::NAN),
    ]
}

fn f32_strategy() -> impl Strategy<Value = f32> {
    prop_oneof![8 => any::<f32>(), 1 => Just(-0.0f32), 1 => Just(f32::NAN)]
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        1 => "[a-c ]{0,6}",
        1 => any::<String>().prop_map(|s| format!("{s}  ")),
    ]
}

fn prefs_strategy() -> impl Strategy<Value = Prefs> {
    (
        text_strategy(),
        any::<i32>(),
        prop::collection::vec(text_strategy(), 0..3),
    )
        .prop_map(|(theme, font_size, tags)| Prefs {
            theme,
            font_size,
            tags,
        })
}

fn status_strategy() -> impl Strategy<Value = Status> {
    prop_oneof![
        Just(Status::Active),
        Just(Status::Suspended),
        Just(Status::Deleted)
    ]
}

fn row_strategy() -> impl Strategy<Value = Row> {
    let uuid = any::<[u8; 16]>().prop_map(Uuid::from_bytes);
    let day = || instant_strategy().prop_map(|t| t.date_naive());
    let bytes = prop::collection::vec(any::<u8>(), 0..64);
    let required = (
        (any::<bool>(), any::<i16>(), any::<i32>(), any::<i64>()),
        (
            f32_strategy(),
            float_strategy(),
            text_strategy(),
            bytes.clone(),
        ),
        (uuid.clone(), instant_strategy(), day(), json_strategy()),
        (prefs_strategy(), status_strategy()),
    );
    let optional = (
        (
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<i16>()),
            proptest::option::of(any::<i32>()),
            proptest::option::of(any::<i64>()),
        ),
        (
            proptest::option::of(f32_strategy()),
            proptest::option::of(float_strategy()),
            proptest::option::of(text_strategy()),
            proptest::option::of(bytes),
        ),
        (
            proptest::option::of(uuid),
            proptest::option::of(instant_strategy()),
            proptest::option::of(day()),
            proptest::option::of(json_strategy()),
        ),
        (
            proptest::option::of(prefs_strategy()),
            proptest::option::of(status_strategy()),
        ),
    );
    (required, optional).prop_map(|(req, opt)| {
        let (
            (flag, small, medium, big),
            (single, double, text, bytes),
            (uid, at, day, doc),
            (prefs, status),
        ) = req;
        let (
            (opt_flag, opt_small, opt_medium, opt_big),
            (opt_single, opt_double, opt_text, opt_bytes),
            (opt_uid, opt_at, opt_day, opt_doc),
            (opt_prefs, opt_status),
        ) = opt;
        Row {
            flag,
            small,
            medium,
            big,
            single,
            double,
            text,
            bytes,
            uid,
            at,
            day,
            doc,
            prefs,
            status,
            opt_flag,
            opt_small,
            opt_medium,
            opt_big,
            opt_single,
            opt_double,
            opt_text,
            opt_bytes,
            opt_uid,
            opt_at,
            opt_day,
            opt_doc,
            opt_prefs,
            opt_status,
        }
    })
}

/// The generated rows: a fixed seed, so every backend (and every CI run)
/// checks the same values and a failure reproduces.
fn generated() -> Vec<Row> {
    let config = Config {
        cases: RANDOM_CASES,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let strategy = row_strategy();
    (0..RANDOM_CASES)
        .map(|_| {
            strategy
                .new_tree(&mut runner)
                .expect("the strategy generates rows")
                .current()
        })
        .collect()
}

#[tokio::test]
async fn every_value_round_trips_or_is_refused() {
    for_each_backend("every_value_round_trips_or_is_refused", |ctx| async move {
        ctx.migrate(&[RoundTrip::def()]).await;
        let mut stored_or_refused = (0, 0);
        for (label, row) in extremes() {
            check_row(&ctx, &label, &row).await?;
            match refused(ctx.client.backend(), &row) {
                false => stored_or_refused.0 += 1,
                true => stored_or_refused.1 += 1,
            }
        }
        for (i, row) in generated().iter().enumerate() {
            check_row(&ctx, &format!("generated #{i}"), row).await?;
        }
        // The extremes exercise both outcomes on every backend.
        assert!(stored_or_refused.0 > 0 && stored_or_refused.1 > 0);
        Ok(())
    })
    .await;
}
