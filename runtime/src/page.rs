//! Keyset (cursor) pagination.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::backend::RowRef;
use crate::entity::Entity;
use crate::error::{Error, Result};
use crate::exec::Executor;
use crate::query::Query;
use crate::schema::{ColumnType, EntityDef};
use crate::sql::{CmpOp, Expr, OrderTerm, Ordering};
use crate::value::Value;

/// An opaque position between two rows of an ordered query. Hand it to a
/// client as a string ([`Cursor::as_str`]) and take it back with
/// [`Cursor::parse`]; it is only valid for a query on the same entity with
/// the same ordering. Any other text (another entity's or ordering's
/// cursor, a truncated one, values of the wrong type or NULL for a NOT NULL
/// column) fails with [`Error::InvalidCursor`] before anything is queried.
/// A cursor is encoded, not encrypted: it shows the ordering columns' values
/// of a row to whoever holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor(String);

impl Cursor {
    /// The cursor as URL-safe text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A cursor received as text (checked when used).
    pub fn parse(text: impl Into<String>) -> Cursor {
        Cursor(text.into())
    }
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Which page to fetch.
#[derive(Debug, Clone)]
pub struct PageRequest {
    size: u64,
    position: Position,
}

#[derive(Debug, Clone)]
enum Position {
    First,
    After(Cursor),
    Before(Cursor),
}

impl PageRequest {
    /// The first `size` rows.
    pub fn first(size: u64) -> Self {
        PageRequest {
            size,
            position: Position::First,
        }
    }

    /// The `size` rows after `cursor` (a page's `next`).
    pub fn after(cursor: Cursor, size: u64) -> Self {
        PageRequest {
            size,
            position: Position::After(cursor),
        }
    }

    /// The `size` rows before `cursor` (a page's `prev`).
    pub fn before(cursor: Cursor, size: u64) -> Self {
        PageRequest {
            size,
            position: Position::Before(cursor),
        }
    }
}

/// One page of rows, with cursors to its neighbours.
#[derive(Debug)]
pub struct Page<E> {
    /// The rows, in the query's order.
    pub items: Vec<E>,
    /// The cursor for the next page, if there are more rows after.
    pub next: Option<Cursor>,
    /// The cursor for the previous page, if there are rows before.
    pub prev: Option<Cursor>,
}

/// The ordering a cursor is taken in: the query's terms, then the key as
/// tie-breaker, so every row has a distinct position.
fn ordering(def: &'static EntityDef, order: &[Ordering]) -> Vec<(&'static str, bool)> {
    let key = def.key().column;
    let mut terms: Vec<(&'static str, bool)> =
        order.iter().map(|t| (t.column, t.descending)).collect();
    if !terms.iter().any(|(c, _)| *c == key) {
        terms.push((key, false));
    }
    terms
}

fn column_type(def: &EntityDef, column: &str) -> ColumnType {
    def.field_by_column(column)
        .map_or(ColumnType::Text, |f| f.ty)
}

fn nullable(def: &EntityDef, column: &str) -> bool {
    def.field_by_column(column).is_none_or(|f| f.nullable)
}

/// `(a, b, k) > (va, vb, vk)` per direction, without row-value syntax:
/// `a > va OR (a = va AND (b > vb OR (b = vb AND k > vk)))`.
fn beyond(terms: &[(&'static str, bool)], values: &[Value], forward: bool) -> Expr {
    let ((column, descending), rest) = terms.split_first().expect("the key is always a term");
    let value = values[0].clone();
    let op = if *descending == forward {
        CmpOp::Lt
    } else {
        CmpOp::Gt
    };
    let strict = Expr::Compare {
        column,
        op,
        value: value.clone(),
    };
    if rest.is_empty() {
        return strict;
    }
    let equal = Expr::Compare {
        column,
        op: CmpOp::Eq,
        value,
    };
    Expr::Or(vec![strict, equal.and(beyond(rest, &values[1..], forward))])
}

/// The cursor text: base64 of a JSON array `[fingerprint, values...]`.
fn encode(def: &EntityDef, terms: &[(&'static str, bool)], values: &[Value]) -> Cursor {
    let mut items = vec![serde_json::Value::String(fingerprint(def, terms))];
    items.extend(values.iter().map(value_to_json));
    let json = serde_json::Value::Array(items).to_string();
    Cursor(URL_SAFE_NO_PAD.encode(json))
}

fn decode(cursor: &Cursor, def: &EntityDef, terms: &[(&'static str, bool)]) -> Result<Vec<Value>> {
    let invalid = |reason: &str| Error::InvalidCursor {
        reason: reason.to_owned(),
    };
    let bytes = URL_SAFE_NO_PAD
        .decode(cursor.0.as_bytes())
        .map_err(|_| invalid("not a cursor"))?;
    let json: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|_| invalid("not a cursor"))?;
    let items = json.as_array().ok_or_else(|| invalid("not a cursor"))?;
    if items.first().and_then(|f| f.as_str()) != Some(fingerprint(def, terms).as_str()) {
        return Err(invalid("taken from a query with another ordering"));
    }
    if items.len() != terms.len() + 1 {
        return Err(invalid("wrong number of values"));
    }
    terms
        .iter()
        .zip(&items[1..])
        .map(|((column, _), item)| {
            let ty = column_type(def, column);
            if item.is_null() && !nullable(def, column) {
                // In a NOT NULL JSON column, null is the document `null`.
                if ty == ColumnType::Json {
                    return Ok(Value::Json(serde_json::Value::Null));
                }
                return Err(invalid("NULL for a NOT NULL column"));
            }
            json_to_value(item, ty).ok_or_else(|| invalid("bad value"))
        })
        .collect()
}

/// The values a cursor holds for a query on `E` ordered by `order` (the
/// key is appended as tie-breaker, as [`Query::paginate`] does), or
/// [`Error::InvalidCursor`]. For the fuzz targets; not a public API.
pub fn decode_cursor<E: Entity>(cursor: &Cursor, order: &[OrderTerm<E>]) -> Result<Vec<Value>> {
    let order: Vec<Ordering> = order.iter().map(|t| t.term).collect();
    decode(cursor, E::def(), &ordering(E::def(), &order))
}

/// The cursor [`Query::paginate`] hands out for a row whose ordering
/// columns (the key last, unless ordered by already) hold `values`. For the
/// fuzz targets and their seeds; not a public API.
pub fn encode_cursor<E: Entity>(order: &[OrderTerm<E>], values: &[Value]) -> Cursor {
    let order: Vec<Ordering> = order.iter().map(|t| t.term).collect();
    encode(E::def(), &ordering(E::def(), &order), values)
}

/// What a cursor is valid for: the table and the ordering, e.g.
/// `notes:score+,id+`. Without the table, a cursor made for one entity
/// would be taken by another with the same column names.
fn fingerprint(def: &EntityDef, terms: &[(&'static str, bool)]) -> String {
    let terms = terms
        .iter()
        .map(|(c, d)| format!("{c}{}", if *d { "-" } else { "+" }))
        .collect::<Vec<_>>()
        .join(",");
    format!("{}:{terms}", def.table)
}

fn value_to_json(value: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        Value::Null(_) => J::Null,
        Value::Bool(v) => J::from(*v),
        Value::I16(v) => J::from(*v),
        Value::I32(v) => J::from(*v),
        Value::I64(v) => J::from(*v),
        Value::F32(v) => J::from(*v),
        Value::F64(v) => J::from(*v),
        Value::Text(v) => J::from(v.as_str()),
        Value::Bytes(v) => J::from(URL_SAFE_NO_PAD.encode(v)),
        Value::Uuid(v) => J::from(v.to_string()),
        Value::Timestamp(v) => J::from(v.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)),
        Value::Date(v) => J::from(v.to_string()),
        Value::Json(v) => v.clone(),
        Value::Invalid(_) | Value::Array(..) => J::Null,
    }
}

fn json_to_value(json: &serde_json::Value, ty: ColumnType) -> Option<Value> {
    if json.is_null() {
        return Some(Value::Null(ty));
    }
    Some(match ty {
        ColumnType::Bool => Value::Bool(json.as_bool()?),
        ColumnType::I16 => Value::I16(i16::try_from(json.as_i64()?).ok()?),
        ColumnType::I32 => Value::I32(i32::try_from(json.as_i64()?).ok()?),
        ColumnType::I64 => Value::I64(json.as_i64()?),
        ColumnType::F32 => Value::F32(exact_f32(exact_f64(json)?)?),
        ColumnType::F64 => Value::F64(exact_f64(json)?),
        ColumnType::Text => Value::Text(json.as_str()?.to_owned()),
        ColumnType::Bytes => Value::Bytes(URL_SAFE_NO_PAD.decode(json.as_str()?).ok()?),
        ColumnType::Uuid => Value::Uuid(json.as_str()?.parse().ok()?),
        ColumnType::Timestamp => Value::Timestamp(json.as_str()?.parse().ok()?),
        ColumnType::Date => Value::Date(json.as_str()?.parse().ok()?),
        ColumnType::Json => Value::Json(json.clone()),
    })
}

/// A JSON number as f64, if it is one exactly (a large integer may not be).
fn exact_f64(json: &serde_json::Value) -> Option<f64> {
    let n = json.as_number()?;
    if n.is_f64() {
        return n.as_f64();
    }
    let v = n.as_f64()?;
    let back_i = n
        .as_i64()
        .map(|i| v as i64 == i && v != 9_223_372_036_854_775_808.0);
    let back_u = n
        .as_u64()
        .map(|u| v as u64 == u && v != 18_446_744_073_709_551_616.0);
    back_i.or(back_u)?.then_some(v)
}

/// `v` as f32 if that loses nothing: the runtime writes an f32 as the f64
/// it widens to, so anything else was not made by it.
fn exact_f32(v: f64) -> Option<f32> {
    let narrow = v as f32;
    (f64::from(narrow) == v).then_some(narrow)
}

impl<E: Entity> Query<E> {
    /// Fetches one page by keyset: the rows after (or before) a cursor in
    /// the query's order, with the key as the final tie-breaker. Unlike
    /// OFFSET, it costs the same on page 1 and page 10,000 and never skips or
    /// repeats rows when others are inserted meanwhile. Edges asked for with
    /// [`with`](Self::with) are loaded onto the page's rows. Ordering columns
    /// should be NOT NULL.
    ///
    /// ```
    /// # use entkit::{Client, Entity};
    /// # #[derive(Entity)]
    /// # pub struct User { pub id: i64, pub name: String, pub age: i32, pub country: String }
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> entkit::Result<()> {
    /// # let client = Client::connect("sqlite::memory:").await?;
    /// # client.auto_migrate(&[User::def()]).await?;
    /// # for i in 0..60 { User::create().name(format!("u{i:02}")).age(30).country("se").save(&client).await?; }
    /// use entkit::PageRequest;
    ///
    /// let by_name = || User::query().order_by(User::NAME.asc());
    /// let page = by_name().paginate(&client, PageRequest::first(50)).await?;
    /// let next = by_name()
    ///     .paginate(&client, PageRequest::after(page.next.unwrap(), 50))
    ///     .await?;
    /// assert_eq!((page.items.len(), next.items.len()), (50, 10));
    /// # Ok(()) }
    /// ```
    pub async fn paginate<'a>(
        mut self,
        exec: impl Executor<'a>,
        request: PageRequest,
    ) -> Result<Page<E>> {
        let def = E::def();
        let terms = ordering(def, &self.order);
        let size = request.size.max(1);
        let (cursor, forward) = match &request.position {
            Position::First => (None, true),
            Position::After(c) => (Some(c), true),
            Position::Before(c) => (Some(c), false),
        };
        if let Some(cursor) = cursor {
            let values = decode(cursor, def, &terms)?;
            self = self.with_expr(beyond(&terms, &values, forward));
        }
        // Walking backwards reads the reversed order, then flips the page.
        self.order = terms
            .iter()
            .map(|(column, descending)| Ordering::new(column, *descending == forward))
            .collect();
        self.limit = Some(size + 1);
        self.offset = None;
        let positions: Vec<(usize, ColumnType)> = terms
            .iter()
            .map(|(c, _)| (def.field_index(c).unwrap_or_default(), column_type(def, c)))
            .collect();
        let decode_row = move |row: RowRef<'_>| -> Result<(E, Vec<Value>)> {
            let entity = E::from_row(row)?;
            let values = positions
                .iter()
                .map(|(index, ty)| Value::decode(row, *index, *ty))
                .collect::<Result<Vec<_>>>()?;
            Ok((entity, values))
        };
        let mut target = exec.into_target();
        let loads = std::mem::take(&mut self.loads);
        let mut rows = self.fetch_with(target.reborrow(), decode_row).await?;
        let more = rows.len() as u64 > size;
        rows.truncate(size as usize);
        if !forward {
            rows.reverse();
        }
        let first_cursor = rows.first().map(|(_, v)| encode(def, &terms, v));
        let last_cursor = rows.last().map(|(_, v)| encode(def, &terms, v));
        let (next, prev) = match (forward, cursor.is_some()) {
            (true, from_cursor) => (
                last_cursor.filter(|_| more),
                first_cursor.filter(|_| from_cursor),
            ),
            (false, _) => (last_cursor, first_cursor.filter(|_| more)),
        };
        // Edges load onto the page's rows only (not the look-ahead row).
        let mut items: Vec<E> = rows.into_iter().map(|(e, _)| e).collect();
        if !loads.is_empty() && !items.is_empty() {
            Self::load_edges(&loads, target, &mut items).await?;
        }
        Ok(Page { items, next, prev })
    }
}

#[cfg(test)]
mod tests {
    use super::json_to_value;
    use crate::schema::ColumnType;
    use crate::value::Value;
    use serde_json::json;

    // Found by fuzz/fuzz_targets/cursor.rs: cursor values were converted
    // with `as`, so a tampered float came back rounded or infinite.
    #[test]
    fn cursor_floats_are_taken_only_when_exact() {
        let f32_made = f64::from(0.1f32);
        assert!(matches!(
            json_to_value(&json!(f32_made), ColumnType::F32),
            Some(Value::F32(v)) if v == 0.1f32
        ));
        for not_an_f32 in [json!(0.1), json!(1e39), json!(16_777_217)] {
            assert_eq!(
                json_to_value(&not_an_f32, ColumnType::F32),
                None,
                "{not_an_f32}"
            );
        }
        assert!(
            matches!(json_to_value(&json!(3), ColumnType::F64), Some(Value::F64(v)) if v == 3.0)
        );
        for not_an_f64 in [
            json!(9_007_199_254_740_993u64),
            json!(i64::MAX),
            json!(u64::MAX),
        ] {
            assert_eq!(
                json_to_value(&not_an_f64, ColumnType::F64),
                None,
                "{not_an_f64}"
            );
        }
        assert_eq!(json_to_value(&json!(70_000), ColumnType::I16), None);
    }

    // Found by the cursor target's seeds: serde_json's default float
    // parsing can be one unit in the last place off, so a float position
    // came back as a neighbouring value (and an f32 one was refused).
    #[test]
    fn cursor_floats_round_trip_bit_for_bit() {
        for i in 1..20_000 {
            let narrow = f64::from(i as f32 / 3.0);
            let wide = i as f64 / 7.0 + 1e-9;
            for (v, ty) in [(narrow, ColumnType::F32), (wide, ColumnType::F64)] {
                let text = serde_json::to_string(&json!(v)).unwrap();
                let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
                let back = match json_to_value(&parsed, ty) {
                    Some(Value::F32(f)) => f64::from(f),
                    Some(Value::F64(f)) => f,
                    other => panic!("{text} as {ty:?}: {other:?}"),
                };
                assert_eq!(back.to_bits(), v.to_bits(), "{text}");
            }
        }
        assert_eq!(json_to_value(&json!("1"), ColumnType::I64), None);
    }
}
