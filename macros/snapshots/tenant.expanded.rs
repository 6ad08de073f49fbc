// The expansion of snapshots/tenant.rs (generated: ENTKIT_UPDATE_SNAPSHOTS=1 cargo test -p entkit-macros snapshots).

#[automatically_derived]
impl ::entkit::__private::Entity for Invoice {
    type Key = i64;
    #[inline]
    fn def() -> &'static ::entkit::__private::EntityDef {
        static DEF: ::entkit::__private::EntityDef = ::entkit::__private::EntityDef::new(
                "Invoice",
                "invoices",
                &[
                    ::entkit::__private::FieldDef::new(
                            "id",
                            "id",
                            <i64 as ::entkit::__private::ColumnValue>::TYPE,
                            <i64 as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .primary_key(::entkit::__private::KeyStrategy::AutoIncrement),
                    ::entkit::__private::FieldDef::new(
                        "org_id",
                        "org_id",
                        <uuid::Uuid as ::entkit::__private::ColumnValue>::TYPE,
                        <uuid::Uuid as ::entkit::__private::ColumnValue>::NULLABLE,
                    ),
                    ::entkit::__private::FieldDef::new(
                        "total",
                        "total",
                        <i64 as ::entkit::__private::ColumnValue>::TYPE,
                        <i64 as ::entkit::__private::ColumnValue>::NULLABLE,
                    ),
                ],
                0usize,
            )
            .with_tenant(1usize);
        &DEF
    }
    #[inline]
    fn from_row(
        row: ::entkit::__private::RowRef<'_>,
    ) -> ::entkit::__private::Result<Self> {
        ::core::result::Result::Ok(Self {
            id: <i64 as ::entkit::__private::ColumnValue>::decode(row, 0usize)?,
            org_id: <uuid::Uuid as ::entkit::__private::ColumnValue>::decode(
                row,
                1usize,
            )?,
            total: <i64 as ::entkit::__private::ColumnValue>::decode(row, 2usize)?,
        })
    }
    #[inline]
    fn key(&self) -> i64 {
        ::core::clone::Clone::clone(&self.id)
    }
    #[inline]
    fn link_value(
        &self,
        column: &str,
    ) -> ::core::option::Option<::entkit::__private::Value> {
        match column {
            "id" => {
                ::core::option::Option::Some(
                    <i64 as ::entkit::__private::ColumnValue>::into_value(
                        ::core::clone::Clone::clone(&self.id),
                    ),
                )
            }
            _ => ::core::option::Option::None,
        }
    }
}
/// Column handles for building predicates and ordering.
#[allow(dead_code)]
impl Invoice {
    ///The `id` column (field `id`).
    pub const ID: ::entkit::__private::Column<Invoice, i64> = ::entkit::__private::Column::new(
        "id",
    );
    ///The `org_id` column (field `org_id`).
    pub const ORG_ID: ::entkit::__private::Column<Invoice, uuid::Uuid> = ::entkit::__private::Column::new(
        "org_id",
    );
    ///The `total` column (field `total`).
    pub const TOTAL: ::entkit::__private::Column<Invoice, i64> = ::entkit::__private::Column::new(
        "total",
    );
}
/// Marker types naming the required fields of the create builder.
/// Bare unit structs: they only ever appear inside `entkit::builder::Missing`,
/// whose impls need nothing from them, so they cost no code.
#[doc(hidden)]
#[allow(non_camel_case_types, non_snake_case, dead_code)]
pub mod __invoice_required {
    pub struct total;
}
///Builder for a new [`Invoice`]; `save` compiles once every required field is set. Made by [`Invoice::create`].
#[must_use = "a create builder does nothing until `save` is called"]
pub struct InvoiceCreate<
    __Total = ::entkit::__private::Missing<__invoice_required::total>,
> {
    inner: ::entkit::__private::Create<Invoice>,
    _state: ::core::marker::PhantomData<fn() -> (__Total,)>,
}
#[automatically_derived]
impl<__Total> ::core::fmt::Debug for InvoiceCreate<__Total> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        ::core::fmt::Debug::fmt(&self.inner, f)
    }
}
impl Invoice {
    ///Starts building a new `Invoice`.
    #[inline]
    pub fn create() -> InvoiceCreate {
        InvoiceCreate {
            inner: ::entkit::__private::Create::new(),
            _state: ::core::marker::PhantomData,
        }
    }
}
#[allow(clippy::new_ret_no_self)]
impl<__Total> InvoiceCreate<__Total> {
    ///Sets `total`.
    pub fn total(
        mut self,
        value: impl ::entkit::__private::Operand<i64>,
    ) -> InvoiceCreate<::entkit::__private::Set> {
        self.inner.set(2usize, ::entkit::__private::Operand::into_operand(value));
        InvoiceCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
}
impl<__Total: ::entkit::__private::IsSet> InvoiceCreate<__Total> {
    /// Inserts the row and returns the stored entity.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Invoice>> {
        self.inner.save(exec)
    }
    /// Inserts the row or, when it conflicts with an existing one, applies
    /// `on_conflict`; `None` when the conflict was resolved by doing nothing.
    pub fn upsert<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
        on_conflict: &::entkit::__private::OnConflict<Invoice>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<Invoice>>,
    > {
        self.inner.upsert(exec, on_conflict)
    }
}
#[automatically_derived]
impl<__Total: ::entkit::__private::IsSet> ::entkit::__private::Savable<Invoice>
for InvoiceCreate<__Total> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<Invoice> {
        ::entkit::__private::SaveOp::Create(self.inner)
    }
}
impl Invoice {
    /// Inserts many rows in as few statements as the backend allows and
    /// returns them as stored (not on MySQL proper; see `insert_many`).
    pub fn create_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = InvoiceCreate<::entkit::__private::Set>,
        >,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Invoice>>,
    > {
        ::entkit::__private::Create::save_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Inserts many rows in as few statements as the backend allows;
    /// returns how many were written.
    pub fn insert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = InvoiceCreate<::entkit::__private::Set>,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<u64>> {
        ::entkit::__private::Create::insert_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Bulk upsert; returns the rows inserted or updated.
    pub fn upsert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = InvoiceCreate<::entkit::__private::Set>,
        >,
        on_conflict: &::entkit::__private::OnConflict<Invoice>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Invoice>>,
    > {
        ::entkit::__private::Create::upsert_many(
            exec,
            rows.into_iter().map(|r| r.inner),
            on_conflict,
        )
    }
}
///Update builder for [`Invoice`]: by key from [`Invoice::update_by_id`] / `update()`, or by filter from [`Invoice::update_many`].
#[must_use = "an update builder does nothing until `save` or `exec` is called"]
#[derive(Debug)]
pub struct InvoiceUpdate<M = ::entkit::__private::Update<Invoice>> {
    inner: M,
}
impl<M: ::entkit::__private::Assign> InvoiceUpdate<M> {
    ///Adds `delta` to `total` in the database (`total = total + delta`).
    pub fn add_total(mut self, delta: i64) -> Self {
        self.inner
            .assign_add(2usize, ::entkit::__private::ColumnValue::into_value(delta));
        self
    }
    ///Sets `total`.
    pub fn set_total(mut self, value: impl ::entkit::__private::Operand<i64>) -> Self {
        self.inner.assign(2usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
}
impl InvoiceUpdate<::entkit::__private::Update<Invoice>> {
    /// Restricts the update to rows matching `predicate`.
    #[inline]
    pub fn filter(mut self, predicate: ::entkit::__private::Predicate<Invoice>) -> Self {
        self.inner.filter(predicate);
        self
    }
    /// Applies the update; returns the number of rows matched.
    pub fn exec<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<u64>> {
        self.inner.exec(exec)
    }
    /// Applies the update and returns the updated rows (PostgreSQL and
    /// SQLite; `Error::Unsupported` on MySQL/MariaDB, which lack
    /// `UPDATE ... RETURNING`).
    pub fn exec_returning<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Invoice>>,
    > {
        self.inner.exec_returning(exec)
    }
}
impl InvoiceUpdate<::entkit::__private::UpdateOne<Invoice>> {
    /// Applies the update and returns the entity as stored.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Invoice>> {
        self.inner.save(exec)
    }
}
#[automatically_derived]
impl ::entkit::__private::Savable<Invoice>
for InvoiceUpdate<::entkit::__private::UpdateOne<Invoice>> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<Invoice> {
        ::entkit::__private::SaveOp::Update(self.inner)
    }
}
impl Invoice {
    /// A query over all rows; narrow it with `filter`.
    #[inline]
    pub fn query() -> ::entkit::__private::Query<Invoice> {
        ::entkit::__private::Query::new()
    }
    /// The row with this key, or `Error::NotFound`.
    pub fn get<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Invoice>> {
        ::entkit::__private::get_by_key::<Invoice>(exec, key)
    }
    /// The row with this key, if any.
    pub fn find<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<Invoice>>,
    > {
        ::entkit::__private::find_by_key::<Invoice>(exec, key)
    }
    /// An update of the row with this key.
    #[inline]
    pub fn update_by_id(
        key: i64,
    ) -> InvoiceUpdate<::entkit::__private::UpdateOne<Invoice>> {
        InvoiceUpdate {
            inner: ::entkit::__private::UpdateOne::new(key),
        }
    }
    /// An update of this row.
    #[inline]
    pub fn update(&self) -> InvoiceUpdate<::entkit::__private::UpdateOne<Invoice>> {
        Self::update_by_id(::entkit::__private::Entity::key(self))
    }
    /// An update of every row matching the builder's `filter`.
    #[inline]
    pub fn update_many() -> InvoiceUpdate {
        InvoiceUpdate {
            inner: ::entkit::__private::Update::new(),
        }
    }
    /// Deletes the row with this key, or `Error::NotFound`.
    pub fn delete_by_id<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<Invoice>(exec, key)
    }
    /// Deletes this row.
    pub fn delete<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<
            Invoice,
        >(exec, ::entkit::__private::Entity::key(self))
    }
    /// A delete of every row matching its `filter`.
    #[inline]
    pub fn delete_many() -> ::entkit::__private::Delete<Invoice> {
        ::entkit::__private::Delete::new()
    }
}
impl ::core::fmt::Debug for Invoice {
    #[inline]
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("Invoice")
            .field("id", &self.id)
            .field("org_id", &self.org_id)
            .field("total", &self.total)
            .finish()
    }
}
