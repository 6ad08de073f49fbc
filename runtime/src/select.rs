//! Projections and aggregates: typed results that are not whole entities.

// `Render` is sealed (its module is private), so the internal writer in its
// signature cannot be reached from outside even though rustc's
// private-interface lint sees the impls on public types.
#![allow(private_interfaces)]

use std::marker::PhantomData;

use crate::backend::RowRef;
use crate::column::Column;
use crate::dialect::Backend;
use crate::entity::Entity;
use crate::error::Result;
use crate::exec::{ClientState, Executor};
use crate::query::Query;
use crate::sql::{self, SqlWriter};
use crate::tenant;
use crate::value::{ColumnValue, ScalarValue};

/// Numeric column types that can be summed and averaged.
pub trait Numeric: ColumnValue {
    /// What `SUM` of this type decodes as: `i64` for integers, `f64` for floats.
    type Sum: ScalarValue;
}
macro_rules! numeric {
    ($($t:ty => $sum:ty),*) => {$(
        impl Numeric for $t { type Sum = $sum; }
        impl Numeric for Option<$t> { type Sum = $sum; }
    )*};
}
numeric!(i16 => i64, i32 => i64, i64 => i64, f32 => f64, f64 => f64);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Function {
    Count,
    CountColumn,
    CountDistinct,
    Sum,
    Avg,
    Min,
    Max,
}

/// An aggregate over entity `E` whose value decodes as `O`.
pub struct Aggregate<E, O> {
    function: Function,
    column: &'static str,
    /// Whether the column holds integers (SUM needs a cast then).
    integer: bool,
    _marker: PhantomData<fn() -> (E, O)>,
}

impl<E, O> Clone for Aggregate<E, O> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<E, O> Copy for Aggregate<E, O> {}

impl<E, O> std::fmt::Debug for Aggregate<E, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}({})", self.function, self.column)
    }
}

fn aggregate<E, O>(function: Function, column: &'static str, integer: bool) -> Aggregate<E, O> {
    Aggregate {
        function,
        column,
        integer,
        _marker: PhantomData,
    }
}

/// `COUNT(*)` over the rows of `E` (per group when grouped).
pub fn count<E>() -> Aggregate<E, i64> {
    aggregate(Function::Count, "*", false)
}

impl<E, T: ColumnValue> Column<E, T> {
    /// `COUNT(column)`: rows where the column is not NULL.
    pub fn count(self) -> Aggregate<E, i64> {
        aggregate(Function::CountColumn, self.name(), false)
    }

    /// `COUNT(DISTINCT column)`.
    pub fn count_distinct(self) -> Aggregate<E, i64> {
        aggregate(Function::CountDistinct, self.name(), false)
    }

    /// `MIN(column)`; `None` when there are no (non-null) values.
    pub fn min(self) -> Aggregate<E, Option<T::Scalar>> {
        aggregate(Function::Min, self.name(), false)
    }

    /// `MAX(column)`; `None` when there are no (non-null) values.
    pub fn max(self) -> Aggregate<E, Option<T::Scalar>> {
        aggregate(Function::Max, self.name(), false)
    }
}

impl<E, T: Numeric> Column<E, T> {
    /// `SUM(column)`: `i64` for integer columns, `f64` for floats; `None`
    /// over no rows.
    pub fn sum(self) -> Aggregate<E, Option<T::Sum>> {
        aggregate(Function::Sum, self.name(), T::TYPE.is_integer())
    }

    /// `AVG(column)` as `f64`; `None` over no rows.
    pub fn avg(self) -> Aggregate<E, Option<f64>> {
        aggregate(Function::Avg, self.name(), T::TYPE.is_integer())
    }
}

mod sealed {
    /// Renders a select-list item; sealed, since the writer is internal.
    pub trait Render {
        fn write(&self, w: &mut crate::sql::SqlWriter<'_>);
    }
}
use sealed::Render;

/// One item of a select list over `E`: a column or an aggregate.
pub trait Selectable<E>: Send + Render {
    /// The Rust type the item decodes as.
    type Output: Send;
    #[doc(hidden)]
    fn decode(row: RowRef<'_>, index: usize) -> Result<Self::Output>;
}

impl<E, T> Render for Column<E, T> {
    fn write(&self, w: &mut SqlWriter<'_>) {
        w.ident(self.name());
    }
}

impl<E, T: ColumnValue> Selectable<E> for Column<E, T> {
    type Output = T;
    fn decode(row: RowRef<'_>, index: usize) -> Result<T> {
        T::decode(row, index)
    }
}

impl<E, O: ColumnValue> Selectable<E> for Aggregate<E, O> {
    type Output = O;
    fn decode(row: RowRef<'_>, index: usize) -> Result<O> {
        O::decode(row, index)
    }
}

impl<E, O> Render for Aggregate<E, O> {
    fn write(&self, w: &mut SqlWriter<'_>) {
        let backend = w.backend;
        let name = match self.function {
            Function::Count | Function::CountColumn | Function::CountDistinct => "COUNT(",
            Function::Sum => "SUM(",
            Function::Avg => "AVG(",
            Function::Min => "MIN(",
            Function::Max => "MAX(",
        };
        // PostgreSQL and MySQL return NUMERIC/DECIMAL for integer sums and
        // for averages: cast to the type the Rust side decodes.
        let cast = match (self.function, backend, self.integer) {
            (Function::Sum, Backend::Postgres, true) => Some("BIGINT"),
            // PostgreSQL sums `real` as `real`: widen, as `Sum` is f64.
            (Function::Sum, Backend::Postgres, false) => Some("DOUBLE PRECISION"),
            (Function::Sum, Backend::MySql, true) => Some("SIGNED"),
            (Function::Sum, Backend::MySql, false) => Some("DOUBLE"),
            (Function::Avg, Backend::Postgres, _) => Some("DOUBLE PRECISION"),
            (Function::Avg, Backend::MySql, _) => Some("DOUBLE"),
            _ => None,
        };
        if cast.is_some() {
            w.push("CAST(");
        }
        w.push(name);
        match self.function {
            Function::Count => {
                w.push("*");
            }
            Function::CountDistinct => {
                w.push("DISTINCT ").ident(self.column);
            }
            _ => {
                w.ident(self.column);
            }
        }
        w.push(")");
        if let Some(ty) = cast {
            w.push(" AS ").push(ty).push(")");
        }
    }
}

/// A select list: a tuple of [`Selectable`]s.
pub trait Selection<E>: Send + Render {
    /// The Rust type a row decodes as.
    type Output: Send;
    #[doc(hidden)]
    fn decode(row: RowRef<'_>) -> Result<Self::Output>;
}

macro_rules! tuple_selection {
    ($(($($s:ident $i:tt),+))*) => {$(
        impl<$($s: Render),+> Render for ($($s,)+) {
            fn write(&self, w: &mut SqlWriter<'_>) {
                $(
                    if $i > 0 {
                        w.push(", ");
                    }
                    self.$i.write(w);
                )+
            }
        }

        impl<E, $($s: Selectable<E>),+> Selection<E> for ($($s,)+) {
            type Output = ($($s::Output,)+);
            fn decode(row: RowRef<'_>) -> Result<Self::Output> {
                Ok(($($s::decode(row, $i)?,)+))
            }
        }
    )*};
}
tuple_selection! {
    (A 0)
    (A 0, B 1)
    (A 0, B 1, C 2)
    (A 0, B 1, C 2, D 3)
    (A 0, B 1, C 2, D 3, F 4)
    (A 0, B 1, C 2, D 3, F 4, G 5)
}

/// A query returning chosen columns and aggregates instead of entities.
pub struct Select<E, S> {
    query: Query<E>,
    selection: S,
    group: Vec<&'static str>,
    distinct: bool,
}

impl<E, S: std::fmt::Debug> std::fmt::Debug for Select<E, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Select")
            .field("selection", &self.selection)
            .field("group", &self.group)
            .field("distinct", &self.distinct)
            .finish()
    }
}

impl<E: Entity> Query<E> {
    /// Returns the chosen columns and aggregates, as tuples.
    ///
    /// ```
    /// # use entkit::{Client, Entity};
    /// # #[derive(Entity)]
    /// # pub struct User { pub id: i64, pub name: String, pub age: i32, pub country: String }
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> entkit::Result<()> {
    /// # let client = Client::connect("sqlite::memory:").await?;
    /// # client.auto_migrate(&[User::def()]).await?;
    /// # for (name, age, country) in [("a", 30, "se"), ("b", 40, "se"), ("c", 20, "no")] {
    /// #     User::create().name(name).age(age).country(country).save(&client).await?;
    /// # }
    /// let per_country: Vec<(String, i64, Option<f64>)> = User::query()
    ///     .order_by(User::COUNTRY.asc())
    ///     .select((User::COUNTRY, entkit::count(), User::AGE.avg()))
    ///     .group_by(User::COUNTRY)
    ///     .all(&client)
    ///     .await?;
    /// assert_eq!(per_country, [("no".into(), 1, Some(20.0)), ("se".into(), 2, Some(35.0))]);
    /// # Ok(()) }
    /// ```
    pub fn select<S: Selection<E>>(self, selection: S) -> Select<E, S> {
        Select {
            query: self,
            selection,
            group: Vec::new(),
            distinct: false,
        }
    }
}

impl<E: Entity, S: Selection<E>> Select<E, S> {
    /// Groups rows by this column (call again for more).
    pub fn group_by<T>(mut self, column: Column<E, T>) -> Self {
        self.group.push(column.name());
        self
    }

    /// Returns each distinct row once (`SELECT DISTINCT`).
    pub fn distinct(mut self) -> Self {
        self.distinct = true;
        self
    }

    /// The statement, narrowed to the client's tenant (an error before
    /// anything is sent when the entity needs one and the client has none).
    fn render(&self, state: &ClientState) -> Result<sql::Statement> {
        let def = E::def();
        let filter = tenant::scoped_filter(&state.tenancy, def, self.query.effective_filter())?;
        let mut w = SqlWriter::new(state.backend(), state.scope());
        w.push(if self.distinct {
            "SELECT DISTINCT "
        } else {
            "SELECT "
        });
        self.selection.write(&mut w);
        w.push(" FROM ").table(def);
        if let Some(filter) = filter {
            w.push(" WHERE ").expr(filter);
        }
        if !self.group.is_empty() {
            w.push(" GROUP BY ").columns(self.group.iter().copied());
        }
        sql::order_by(&mut w, &self.query.order);
        sql::limit_offset(&mut w, self.query.limit, self.query.offset);
        Ok(w.finish_read(Some(def)))
    }

    /// Fetches every row.
    pub async fn all<'a>(self, exec: impl Executor<'a>) -> Result<Vec<S::Output>> {
        let target = exec.into_target();
        let stmt = self.render(target.state())?;
        target.fetch_all(stmt, S::decode).await
    }

    /// Fetches the first row, if any.
    pub async fn first<'a>(mut self, exec: impl Executor<'a>) -> Result<Option<S::Output>> {
        self.query.limit = Some(1);
        Ok(self.all(exec).await?.into_iter().next())
    }

    /// Fetches every row into a user type built from the tuple.
    pub async fn all_into<'a, T: From<S::Output>>(self, exec: impl Executor<'a>) -> Result<Vec<T>> {
        Ok(self.all(exec).await?.into_iter().map(T::from).collect())
    }
}
