//! Boolean expressions and ordering terms.

use std::marker::PhantomData;

use crate::value::Value;

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CmpOp {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

impl CmpOp {
    pub(crate) fn sql(self) -> &'static str {
        match self {
            CmpOp::Eq => " = ",
            CmpOp::Ne => " <> ",
            CmpOp::Gt => " > ",
            CmpOp::Ge => " >= ",
            CmpOp::Lt => " < ",
            CmpOp::Le => " <= ",
        }
    }
}

/// String matching operators, rendered per backend with exact semantics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextOp {
    /// `LIKE pattern` as written (wildcards `%` and `_`).
    Like,
    Contains,
    HasPrefix,
    HasSuffix,
    /// Case-insensitive equality.
    EqualFold,
    /// Case-insensitive containment.
    ContainsFold,
}

/// What a JSON-path predicate checks.
#[derive(Debug, Clone)]
pub(crate) enum JsonTest {
    /// The value is this string.
    TextEq(String),
    /// The value is a number comparing so with this one.
    Number(CmpOp, f64),
    /// The path holds a value (not JSON null, not missing).
    Exists,
}

/// A boolean SQL expression over the columns of one table.
#[derive(Debug, Clone)]
pub(crate) enum Expr {
    Compare {
        column: &'static str,
        op: CmpOp,
        value: Value,
    },
    InList {
        column: &'static str,
        values: Vec<Value>,
        negated: bool,
    },
    IsNull {
        column: &'static str,
        negated: bool,
    },
    Text {
        column: &'static str,
        op: TextOp,
        value: String,
    },
    Between {
        column: &'static str,
        low: Value,
        high: Value,
    },
    /// A test on the value at a path inside a JSON column.
    Json {
        column: &'static str,
        path: Vec<String>,
        test: JsonTest,
    },
    /// `column [NOT] IN (SELECT sub.column FROM sub.table WHERE sub.filter)`.
    InSubquery {
        column: &'static str,
        negated: bool,
        sub: Box<SubSelect>,
    },
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
    /// An expression that could not be built (an edge that does not
    /// resolve); binding it fails before the statement is sent.
    Invalid(String),
}

/// A table a subquery or join reads: an entity's table or an edge's join
/// table, scoped like the entity `scope_of` (client scope, else its default).
#[derive(Debug, Clone, Copy)]
pub(crate) struct TableRef {
    pub name: &'static str,
    pub scope_of: &'static crate::EntityDef,
}

impl TableRef {
    pub(crate) fn entity(def: &'static crate::EntityDef) -> Self {
        TableRef {
            name: def.table,
            scope_of: def,
        }
    }
}

/// `SELECT column FROM table [WHERE filter]`, used inside `IN (...)`.
#[derive(Debug, Clone)]
pub(crate) struct SubSelect {
    pub table: TableRef,
    pub column: &'static str,
    pub filter: Option<Expr>,
}

impl Expr {
    pub(crate) fn and(self, other: Expr) -> Expr {
        match self {
            Expr::And(mut items) => {
                items.push(other);
                Expr::And(items)
            }
            first => Expr::And(vec![first, other]),
        }
    }
}

/// A typed condition on entity `E`, built from its column handles.
///
/// ```
/// # use entkit::{Client, Entity};
/// # #[derive(Entity)]
/// # pub struct User { pub id: i64, pub name: String, pub age: i32, pub country: String }
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> entkit::Result<()> {
/// # let client = Client::connect("sqlite::memory:").await?;
/// # client.auto_migrate(&[User::def()]).await?;
/// let adult_adas = User::query()
///     .filter(User::NAME.eq("ada").and(User::AGE.ge(18)))
///     .all(&client)
///     .await?;
/// # assert!(adult_adas.is_empty());
/// # Ok(()) }
/// ```
pub struct Predicate<E> {
    pub(crate) expr: Expr,
    _entity: PhantomData<fn() -> E>,
}

impl<E> Clone for Predicate<E> {
    fn clone(&self) -> Self {
        Predicate::new(self.expr.clone())
    }
}

impl<E> std::fmt::Debug for Predicate<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.expr.fmt(f)
    }
}

impl<E> Predicate<E> {
    pub(crate) fn new(expr: Expr) -> Self {
        Predicate {
            expr,
            _entity: PhantomData,
        }
    }

    /// Both conditions hold.
    pub fn and(self, other: Predicate<E>) -> Predicate<E> {
        Predicate::new(self.expr.and(other.expr))
    }

    /// Either condition holds.
    pub fn or(self, other: Predicate<E>) -> Predicate<E> {
        Predicate::new(match self.expr {
            Expr::Or(mut items) => {
                items.push(other.expr);
                Expr::Or(items)
            }
            first => Expr::Or(vec![first, other.expr]),
        })
    }

    /// The condition does not hold.
    #[allow(clippy::should_implement_trait)]
    pub fn not(self) -> Predicate<E> {
        Predicate::new(Expr::Not(Box::new(self.expr)))
    }

    /// All of the given conditions hold (true when empty).
    pub fn all(preds: impl IntoIterator<Item = Predicate<E>>) -> Predicate<E> {
        Predicate::new(Expr::And(preds.into_iter().map(|p| p.expr).collect()))
    }

    /// Any of the given conditions holds (false when empty).
    pub fn any(preds: impl IntoIterator<Item = Predicate<E>>) -> Predicate<E> {
        Predicate::new(Expr::Or(preds.into_iter().map(|p| p.expr).collect()))
    }
}

/// Where NULLs sort.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NullsOrder {
    /// NULLs before all values.
    First,
    /// NULLs after all values.
    Last,
}

/// One `ORDER BY` term, untyped: what queries keep and render.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ordering {
    pub(crate) column: &'static str,
    pub(crate) descending: bool,
    pub(crate) nulls: Option<NullsOrder>,
}

impl Ordering {
    pub(crate) fn new(column: &'static str, descending: bool) -> Self {
        Ordering {
            column,
            descending,
            nulls: None,
        }
    }
}

/// One `ORDER BY` term on entity `E`.
pub struct OrderTerm<E> {
    pub(crate) term: Ordering,
    _entity: PhantomData<fn() -> E>,
}

impl<E> Clone for OrderTerm<E> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<E> Copy for OrderTerm<E> {}

impl<E> std::fmt::Debug for OrderTerm<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}",
            self.term.column,
            if self.term.descending { "DESC" } else { "ASC" }
        )
    }
}

impl<E> OrderTerm<E> {
    pub(crate) fn new(column: &'static str, descending: bool) -> Self {
        OrderTerm {
            term: Ordering::new(column, descending),
            _entity: PhantomData,
        }
    }

    /// Sorts NULLs first.
    pub fn nulls_first(mut self) -> Self {
        self.term.nulls = Some(NullsOrder::First);
        self
    }

    /// Sorts NULLs last.
    pub fn nulls_last(mut self) -> Self {
        self.term.nulls = Some(NullsOrder::Last);
        self
    }
}
