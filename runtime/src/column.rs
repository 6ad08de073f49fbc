//! Typed column handles: the building blocks of predicates and ordering.

use std::marker::PhantomData;

use crate::sql::{CmpOp, Expr, JsonTest, OrderTerm, Predicate, TextOp};
use crate::value::{ColumnValue, Operand};

/// A column of entity `E` holding values of Rust type `T`.
///
/// The derive emits one as an associated constant per field
/// (`User::NAME`, `User::AGE`, ...). Predicates only accept values of the
/// column's type, so `User::NAME.eq(42)` does not compile.
pub struct Column<E, T> {
    column: &'static str,
    _marker: PhantomData<fn() -> (E, T)>,
}

impl<E, T> Clone for Column<E, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<E, T> Copy for Column<E, T> {}

impl<E, T> std::fmt::Debug for Column<E, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Column({})", self.column)
    }
}

impl<E, T> Column<E, T> {
    /// A handle on column `column`. Used by generated code.
    pub const fn new(column: &'static str) -> Self {
        Column {
            column,
            _marker: PhantomData,
        }
    }

    /// The column name.
    pub const fn name(self) -> &'static str {
        self.column
    }
}

impl<E, T: ColumnValue> Column<E, T> {
    fn compare(self, op: CmpOp, value: impl Operand<T>) -> Predicate<E> {
        Predicate::new(Expr::Compare {
            column: self.column,
            op,
            value: value.into_operand(),
        })
    }

    /// `column = value` (`IS NULL` when the value is `None`).
    pub fn eq(self, value: impl Operand<T>) -> Predicate<E> {
        self.compare(CmpOp::Eq, value)
    }

    /// `column <> value` (`IS NOT NULL` when the value is `None`).
    pub fn ne(self, value: impl Operand<T>) -> Predicate<E> {
        self.compare(CmpOp::Ne, value)
    }

    /// `column > value` (never true for `None`).
    pub fn gt(self, value: impl Operand<T>) -> Predicate<E> {
        self.compare(CmpOp::Gt, value)
    }

    /// `column >= value`.
    pub fn ge(self, value: impl Operand<T>) -> Predicate<E> {
        self.compare(CmpOp::Ge, value)
    }

    /// `column < value`.
    pub fn lt(self, value: impl Operand<T>) -> Predicate<E> {
        self.compare(CmpOp::Lt, value)
    }

    /// `column <= value`.
    pub fn le(self, value: impl Operand<T>) -> Predicate<E> {
        self.compare(CmpOp::Le, value)
    }

    /// `column IN (values)`; on PostgreSQL one array parameter (`= ANY($1)`).
    pub fn is_in<V: Operand<T>>(self, values: impl IntoIterator<Item = V>) -> Predicate<E> {
        Predicate::new(Expr::InList {
            column: self.column,
            values: values.into_iter().map(Operand::into_operand).collect(),
            negated: false,
        })
    }

    /// `column NOT IN (values)`.
    pub fn not_in<V: Operand<T>>(self, values: impl IntoIterator<Item = V>) -> Predicate<E> {
        Predicate::new(Expr::InList {
            column: self.column,
            values: values.into_iter().map(Operand::into_operand).collect(),
            negated: true,
        })
    }

    /// `column BETWEEN low AND high` (inclusive).
    pub fn between(self, low: impl Operand<T>, high: impl Operand<T>) -> Predicate<E> {
        Predicate::new(Expr::Between {
            column: self.column,
            low: low.into_operand(),
            high: high.into_operand(),
        })
    }

    /// `column IS NULL`.
    pub fn is_null(self) -> Predicate<E> {
        Predicate::new(Expr::IsNull {
            column: self.column,
            negated: false,
        })
    }

    /// `column IS NOT NULL`.
    pub fn is_not_null(self) -> Predicate<E> {
        Predicate::new(Expr::IsNull {
            column: self.column,
            negated: true,
        })
    }

    /// Ascending order on this column.
    pub fn asc(self) -> OrderTerm<E> {
        OrderTerm::new(self.column, false)
    }

    /// Descending order on this column.
    pub fn desc(self) -> OrderTerm<E> {
        OrderTerm::new(self.column, true)
    }
}

/// Column types that hold text: `String` and `Option<String>`.
pub trait TextValue: ColumnValue {}
impl TextValue for String {}
impl TextValue for Option<String> {}

impl<E, T: TextValue> Column<E, T> {
    fn text(self, op: TextOp, value: &str) -> Predicate<E> {
        Predicate::new(Expr::Text {
            column: self.column,
            op,
            value: value.to_owned(),
        })
    }

    /// `column LIKE pattern`, with the pattern's own `%` and `_` wildcards.
    /// Case sensitivity is the backend's: exact on PostgreSQL and on
    /// entkit's MySQL tables, ASCII-case-insensitive on SQLite.
    pub fn like(self, pattern: &str) -> Predicate<E> {
        self.text(TextOp::Like, pattern)
    }

    /// The column contains `needle` (exact, case-sensitive on every backend).
    pub fn contains(self, needle: &str) -> Predicate<E> {
        self.text(TextOp::Contains, needle)
    }

    /// The column starts with `prefix` (wildcards in it match literally).
    pub fn has_prefix(self, prefix: &str) -> Predicate<E> {
        self.text(TextOp::HasPrefix, prefix)
    }

    /// The column ends with `suffix` (wildcards in it match literally).
    pub fn has_suffix(self, suffix: &str) -> Predicate<E> {
        self.text(TextOp::HasSuffix, suffix)
    }

    /// Case-insensitive equality (`LOWER(column) = LOWER(value)`; SQLite
    /// folds ASCII letters only).
    pub fn eq_fold(self, value: &str) -> Predicate<E> {
        self.text(TextOp::EqualFold, value)
    }

    /// Case-insensitive containment.
    pub fn contains_fold(self, needle: &str) -> Predicate<E> {
        self.text(TextOp::ContainsFold, needle)
    }
}

/// Column types that hold JSON: `serde_json::Value`, `Json<T>`, and `Option` of either.
pub trait JsonColumn: ColumnValue {}
impl JsonColumn for serde_json::Value {}
impl JsonColumn for Option<serde_json::Value> {}
impl<T: serde::Serialize + serde::de::DeserializeOwned + Send + Sync + 'static> JsonColumn
    for crate::Json<T>
{
}
impl<T: serde::Serialize + serde::de::DeserializeOwned + Send + Sync + 'static> JsonColumn
    for Option<crate::Json<T>>
{
}

impl<E, T: JsonColumn> Column<E, T> {
    /// The value at `path` (object keys) inside this JSON column, for
    /// predicates: `Account::SETTINGS.path(["theme", "mode"]).eq_text("dark")`.
    pub fn path<I, K>(self, path: I) -> JsonPath<E>
    where
        I: IntoIterator<Item = K>,
        K: Into<String>,
    {
        JsonPath {
            column: self.name(),
            path: path.into_iter().map(Into::into).collect(),
            _entity: PhantomData,
        }
    }
}

/// A path inside a JSON column of `E`, made by [`Column::path`].
#[derive(Debug, Clone)]
pub struct JsonPath<E> {
    column: &'static str,
    path: Vec<String>,
    _entity: PhantomData<fn() -> E>,
}

impl<E> JsonPath<E> {
    fn test(self, test: JsonTest) -> Predicate<E> {
        Predicate::new(Expr::Json {
            column: self.column,
            path: self.path,
            test,
        })
    }

    /// The value is the string `text`.
    pub fn eq_text(self, text: &str) -> Predicate<E> {
        self.test(JsonTest::TextEq(text.to_owned()))
    }

    /// The value is a number equal to `n`.
    pub fn eq_number(self, n: f64) -> Predicate<E> {
        self.test(JsonTest::Number(CmpOp::Eq, n))
    }

    /// The value is a number greater than `n`.
    pub fn gt(self, n: f64) -> Predicate<E> {
        self.test(JsonTest::Number(CmpOp::Gt, n))
    }

    /// The value is a number less than `n`.
    pub fn lt(self, n: f64) -> Predicate<E> {
        self.test(JsonTest::Number(CmpOp::Lt, n))
    }

    /// The path holds a value (it exists and is not JSON `null`).
    pub fn exists(self) -> Predicate<E> {
        self.test(JsonTest::Exists)
    }
}
