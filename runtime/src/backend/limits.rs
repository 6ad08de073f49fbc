//! What each backend can store exactly. A value outside these limits would
//! be changed or lost by the database (SQLite turns NaN into NULL, MySQL
//! refuses infinities, PostgreSQL refuses NUL characters, ...), so entkit
//! refuses it with [`Error::UnsupportedValue`] before the statement is sent.
//!
//! What every backend keeps identically is normalised instead, in
//! [`Value::normalized`]: timestamps to whole microseconds, `-0.0` to `0.0`.

use chrono::{DateTime, Datelike as _, NaiveDate, Utc};

use crate::dialect::Backend;
use crate::error::{Error, Result};
use crate::schema::{EntityDef, FieldDef};
use crate::sql::Statement;
use crate::value::Value;

/// Deepest JSON nesting serde_json reads back (its recursion limit): a
/// deeper document would be stored but could never be decoded again.
pub(crate) const JSON_MAX_DEPTH: usize = 127;

/// Deepest JSON nesting MariaDB's `JSON_VALID` check accepts.
pub(crate) const MARIADB_JSON_MAX_DEPTH: usize = 31;

/// Why `backend` cannot store `value` exactly, or `None` when it can.
pub(crate) fn unstorable(backend: Backend, value: &Value) -> Option<&'static str> {
    match value {
        Value::F32(v) => float(backend, f64::from(*v)),
        Value::F64(v) => float(backend, *v),
        Value::Text(s) if backend == Backend::Postgres && s.contains('\0') => {
            Some("text cannot contain a NUL character (U+0000)")
        }
        Value::Timestamp(t) => timestamp(backend, t),
        Value::Date(d) => date(backend, d),
        Value::Json(j) => json(backend, j),
        Value::Array(_, items) => items.iter().find_map(|v| unstorable(backend, v)),
        _ => None,
    }
}

fn float(backend: Backend, v: f64) -> Option<&'static str> {
    match backend {
        Backend::Postgres => None,
        Backend::Sqlite if v.is_nan() => Some("NaN would be stored as NULL"),
        Backend::Sqlite => None,
        Backend::MySql if v.is_nan() => Some("NaN is not a storable number"),
        Backend::MySql if v.is_infinite() => Some("infinity is not a storable number"),
        Backend::MySql => None,
    }
}

/// Years each backend stores and reads back for timestamps and dates:
/// PostgreSQL from 4713 BC, MySQL's DATETIME/DATE 1000–9999, and on SQLite
/// the four-digit years of the ISO 8601 text it holds.
fn year_range(backend: Backend) -> (i32, i32, &'static str) {
    match backend {
        Backend::Postgres => (
            -4712,
            i32::MAX,
            "dates and timestamps before 4713 BC are out of range",
        ),
        Backend::MySql => (
            1000,
            9999,
            "dates and timestamps must fall in the years 1000 to 9999",
        ),
        Backend::Sqlite => (
            0,
            9999,
            "dates and timestamps (stored as ISO 8601 text) must fall in the years 0 to 9999",
        ),
    }
}

fn timestamp(backend: Backend, t: &DateTime<Utc>) -> Option<&'static str> {
    let (min, max, reason) = year_range(backend);
    (!(min..=max).contains(&t.year())).then_some(reason)
}

fn date(backend: Backend, d: &NaiveDate) -> Option<&'static str> {
    let (min, max, reason) = year_range(backend);
    (!(min..=max).contains(&d.year())).then_some(reason)
}

fn json(backend: Backend, j: &serde_json::Value) -> Option<&'static str> {
    let limit = match backend {
        Backend::MySql => MARIADB_JSON_MAX_DEPTH,
        _ => JSON_MAX_DEPTH,
    };
    if depth_exceeds(j, limit) {
        return Some(match backend {
            Backend::MySql => "JSON nested deeper than 31 levels fails MariaDB's JSON_VALID check",
            _ => "JSON nested deeper than 127 levels could not be read back (serde_json's limit)",
        });
    }
    if backend == Backend::Postgres && has_nul(j) {
        return Some("jsonb cannot contain a NUL character (\\u0000)");
    }
    None
}

/// Whether arrays and objects nest more than `limit` levels (a scalar is
/// level 0, `[]` level 1). Stops as soon as the limit is passed.
fn depth_exceeds(j: &serde_json::Value, limit: usize) -> bool {
    match j {
        serde_json::Value::Array(items) => {
            limit == 0 || items.iter().any(|c| depth_exceeds(c, limit - 1))
        }
        serde_json::Value::Object(map) => {
            limit == 0 || map.values().any(|c| depth_exceeds(c, limit - 1))
        }
        _ => false,
    }
}

fn has_nul(j: &serde_json::Value) -> bool {
    match j {
        serde_json::Value::String(s) => s.contains('\0'),
        serde_json::Value::Array(items) => items.iter().any(has_nul),
        serde_json::Value::Object(map) => map.iter().any(|(k, v)| k.contains('\0') || has_nul(v)),
        _ => false,
    }
}

/// Refuses a value `backend` would change, naming where it was going.
pub(crate) fn check_value(
    backend: Backend,
    entity: Option<&EntityDef>,
    column: Option<&'static str>,
    value: &Value,
) -> Result<()> {
    match unstorable(backend, value) {
        None => Ok(()),
        Some(reason) => Err(Error::UnsupportedValue {
            entity: entity.map(|e| e.name),
            column,
            backend: backend.name(),
            reason,
        }),
    }
}

/// Why `field`'s column on `backend` cannot hold `value` whole: MySQL
/// gives an indexed string without `max_len` a `VARCHAR(255)` and indexed
/// bytes a `VARBINARY(255)` (see [`Backend::column_type`]); a longer value
/// is refused by a strict server after sending, and silently cut short by
/// one that is not.
fn column_limit(backend: Backend, field: &FieldDef, value: &Value) -> Option<&'static str> {
    if backend != Backend::MySql || !(field.indexed || field.primary_key) {
        return None;
    }
    match value {
        Value::Text(s) if field.max_len.is_none() && s.chars().count() > 255 => Some(
            "text longer than 255 characters does not fit the VARCHAR(255) of an indexed column (declare max_len)",
        ),
        Value::Bytes(b) if b.len() > 255 => {
            Some("more than 255 bytes do not fit the VARBINARY(255) of an indexed column")
        }
        _ => None,
    }
}

/// Refuses a value `backend` would change in `field`'s column, naming it.
pub(crate) fn check_field(
    backend: Backend,
    def: &EntityDef,
    field: &FieldDef,
    value: &Value,
) -> Result<()> {
    check_value(backend, Some(def), Some(field.column), value)?;
    match column_limit(backend, field, value) {
        None => Ok(()),
        Some(reason) => Err(Error::UnsupportedValue {
            entity: Some(def.name),
            column: Some(field.column),
            backend: backend.name(),
            reason,
        }),
    }
}

/// Refuses a statement carrying a value `backend` would change.
pub(crate) fn check_statement(backend: Backend, stmt: &Statement) -> Result<()> {
    for value in &stmt.binds {
        check_value(backend, stmt.entity, None, value)?;
    }
    Ok(())
}

/// Refuses rows of insert values (in insert-field order) that `backend`
/// would change, naming the column: checked for a whole batch before its
/// first statement, so no chunk of it is written.
pub(crate) fn check_rows(backend: Backend, def: &EntityDef, values: &[Value]) -> Result<()> {
    let width = def.insert_fields().count().max(1);
    for row in values.chunks(width) {
        for (value, (_, field)) in row.iter().zip(def.insert_fields()) {
            check_field(backend, def, field, value)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize) -> serde_json::Value {
        (0..levels).fold(serde_json::Value::Null, |inner, _| {
            serde_json::json!([inner])
        })
    }

    #[test]
    fn json_depth_limit_matches_what_serde_json_reads_back() {
        for levels in [JSON_MAX_DEPTH, JSON_MAX_DEPTH + 1] {
            let text = serde_json::to_string(&nested(levels)).unwrap();
            let reads = serde_json::from_str::<serde_json::Value>(&text).is_ok();
            let refused = unstorable(Backend::Sqlite, &Value::Json(nested(levels))).is_some();
            assert_eq!(reads, !refused, "{levels} levels");
        }
    }

    #[test]
    fn floats_per_backend() {
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(unstorable(Backend::Postgres, &Value::F64(v)).is_none());
            assert!(unstorable(Backend::MySql, &Value::F64(v)).is_some());
            assert!(unstorable(Backend::MySql, &Value::F32(v as f32)).is_some());
        }
        assert!(unstorable(Backend::Sqlite, &Value::F64(f64::NAN)).is_some());
        assert!(unstorable(Backend::Sqlite, &Value::F32(f32::NAN)).is_some());
        assert!(unstorable(Backend::Sqlite, &Value::F64(f64::INFINITY)).is_none());
    }

    #[test]
    fn years_per_backend() {
        let date = |y| Value::Date(NaiveDate::from_ymd_opt(y, 1, 1).unwrap());
        assert!(unstorable(Backend::MySql, &date(999)).is_some());
        assert!(unstorable(Backend::MySql, &date(1000)).is_none());
        assert!(unstorable(Backend::MySql, &date(10000)).is_some());
        assert!(unstorable(Backend::Sqlite, &date(-1)).is_some());
        assert!(unstorable(Backend::Sqlite, &date(0)).is_none());
        assert!(unstorable(Backend::Postgres, &date(-4713)).is_some());
        assert!(unstorable(Backend::Postgres, &date(200_000)).is_none());
    }

    #[test]
    fn nul_characters_only_on_postgres() {
        let text = Value::Text("a\0b".into());
        assert!(unstorable(Backend::Postgres, &text).is_some());
        assert!(unstorable(Backend::MySql, &text).is_none());
        let json = Value::Json(serde_json::json!({"k": ["a\u{0}"]}));
        assert!(unstorable(Backend::Postgres, &json).is_some());
        assert!(unstorable(Backend::Sqlite, &json).is_none());
    }
}
