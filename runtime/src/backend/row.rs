//! A borrowed result row of any enabled backend.

use sqlx::{Column as _, Row as _};

use crate::error::{Error, Result};

/// One result row, borrowed from the backend driver.
///
/// Generated `from_row` code reads fields by position through
/// [`ColumnValue::decode`](crate::ColumnValue::decode); it never names a backend.
#[derive(Clone, Copy)]
pub enum RowRef<'r> {
    /// A PostgreSQL row.
    #[cfg(feature = "postgres")]
    Postgres(&'r sqlx::postgres::PgRow),
    /// A MySQL or MariaDB row.
    #[cfg(feature = "mysql")]
    MySql(&'r sqlx::mysql::MySqlRow),
    /// A SQLite row.
    #[cfg(feature = "sqlite")]
    Sqlite(&'r sqlx::sqlite::SqliteRow),
    #[doc(hidden)]
    _Unreachable(std::convert::Infallible, std::marker::PhantomData<&'r ()>),
}

macro_rules! backend_decode_trait {
    ($name:ident, $feature:literal, $db:path) => {
        #[doc(hidden)]
        #[cfg(feature = $feature)]
        pub trait $name: for<'r> sqlx::Decode<'r, $db> + sqlx::Type<$db> {}
        #[cfg(feature = $feature)]
        impl<T: for<'r> sqlx::Decode<'r, $db> + sqlx::Type<$db>> $name for T {}
        #[doc(hidden)]
        #[cfg(not(feature = $feature))]
        pub trait $name {}
        #[cfg(not(feature = $feature))]
        impl<T> $name for T {}
    };
}
backend_decode_trait!(PgDecode, "postgres", sqlx::Postgres);
backend_decode_trait!(MySqlDecode, "mysql", sqlx::MySql);
backend_decode_trait!(SqliteDecode, "sqlite", sqlx::Sqlite);

impl<'r> RowRef<'r> {
    /// Decodes column `index` with the driver's own decoder.
    pub(crate) fn try_get<T: PgDecode + MySqlDecode + SqliteDecode>(
        self,
        index: usize,
    ) -> Result<T> {
        let result = match self {
            #[cfg(feature = "postgres")]
            RowRef::Postgres(r) => r.try_get::<T, _>(index),
            #[cfg(feature = "mysql")]
            RowRef::MySql(r) => r.try_get::<T, _>(index),
            #[cfg(feature = "sqlite")]
            RowRef::Sqlite(r) => r.try_get::<T, _>(index),
            RowRef::_Unreachable(never, _) => match never {},
        };
        result.map_err(|e| Error::decode(self.column_name(index), e))
    }

    /// The name of column `index`, for error messages.
    pub fn column_name(self, index: usize) -> String {
        let name = match self {
            #[cfg(feature = "postgres")]
            RowRef::Postgres(r) => r.columns().get(index).map(|c| c.name()),
            #[cfg(feature = "mysql")]
            RowRef::MySql(r) => r.columns().get(index).map(|c| c.name()),
            #[cfg(feature = "sqlite")]
            RowRef::Sqlite(r) => r.columns().get(index).map(|c| c.name()),
            RowRef::_Unreachable(never, _) => match never {},
        };
        name.map_or_else(|| format!("#{index}"), str::to_owned)
    }

    /// The number of columns.
    pub fn len(self) -> usize {
        match self {
            #[cfg(feature = "postgres")]
            RowRef::Postgres(r) => r.len(),
            #[cfg(feature = "mysql")]
            RowRef::MySql(r) => r.len(),
            #[cfg(feature = "sqlite")]
            RowRef::Sqlite(r) => r.len(),
            RowRef::_Unreachable(never, _) => match never {},
        }
    }

    /// Whether the row has no columns.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
}
