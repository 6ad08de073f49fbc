// The expansion of snapshots/mixins.rs (generated: ENTKIT_UPDATE_SNAPSHOTS=1 cargo test -p entkit-macros snapshots).

/// Who last changed a row.
///
///An entkit mixin: `#[entkit::mixins(Audited)]` above `#[derive(Entity)]` inserts these fields, with their `#[entity]` options, into an entity.
#[allow(dead_code)]
pub struct Audited {
    ///
    ///Entity options: `max_len = 64`.
    pub changed_by: String,
}
///The fields of the mixin `Audited`, for `#[entkit::mixins]`.
#[doc(hidden)]
#[macro_export]
macro_rules! __entkit_mixin_Audited_3416de20 {
    (@ __entkit_mixin[$($callback:tt)*] { $($state:tt)* }) => {
        $($callback)* ! { $($state)* fields : { #[entity(max_len = 64)] pub changed_by :
        String, } }
    };
    ($($other:tt)*) => {
        ::core::compile_error!("`Audited` is an entkit mixin: name it in `#[entkit::mixins(Audited)]` above `#[derive(Entity)]` on an entity struct");
    };
}
#[doc(hidden)]
pub use __entkit_mixin_Audited_3416de20 as Audited;
/// A surrogate key of the crate's own.
///
///An entkit mixin: `#[entkit::mixins(Keyed)]` above `#[derive(Entity)]` inserts these fields, with their `#[entity]` options, into an entity.
#[allow(dead_code)]
pub(crate) struct Keyed {
    ///
    ///Entity options: `default = entkit::new_uuid`.
    pub id: uuid::Uuid,
}
///The fields of the mixin `Keyed`, for `#[entkit::mixins]`.
macro_rules! __entkit_mixin_Keyed_46f0ee0b {
    (@ __entkit_mixin[$($callback:tt)*] { $($state:tt)* }) => {
        $($callback)* ! { $($state)* fields : { #[entity(default = entkit::new_uuid)] pub
        id : uuid::Uuid, } }
    };
    ($($other:tt)*) => {
        ::core::compile_error!("`Keyed` is an entkit mixin: name it in `#[entkit::mixins(Keyed)]` above `#[derive(Entity)]` on an entity struct");
    };
}
#[allow(unused_imports)]
pub(crate) use __entkit_mixin_Keyed_46f0ee0b as Keyed;
::entkit::__private::mixin_step! {
    root : [::entkit::__private] pending : [(Keyed) (Audited)] done : [] item : {
    #[derive(Entity)] #[entity(table = "receipts")] pub struct Receipt {
    #[entity(unique)] pub number : String, pub total_cents : i64, } }
}
#[derive(Entity)]
#[entity(table = "receipts")]
pub struct Receipt {
    #[entity(default = entkit::new_uuid)]
    pub id: uuid::Uuid,
    #[entity(max_len = 64)]
    pub changed_by: String,
    #[entity(unique)]
    pub number: String,
    pub total_cents: i64,
}
#[automatically_derived]
impl ::entkit::__private::Entity for Receipt {
    type Key = uuid::Uuid;
    #[inline]
    fn def() -> &'static ::entkit::__private::EntityDef {
        static DEF: ::entkit::__private::EntityDef = ::entkit::__private::EntityDef::new(
                "Receipt",
                "receipts",
                &[
                    ::entkit::__private::FieldDef::new(
                            "id",
                            "id",
                            <uuid::Uuid as ::entkit::__private::ColumnValue>::TYPE,
                            <uuid::Uuid as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .primary_key(::entkit::__private::KeyStrategy::Generated)
                        .with_default(
                            ::entkit::__private::DefaultValue::Call({
                                fn default_value() -> ::entkit::__private::Value {
                                    <_ as ::entkit::__private::Operand<
                                        uuid::Uuid,
                                    >>::into_operand(entkit::new_uuid())
                                }
                                default_value
                            }),
                        ),
                    ::entkit::__private::FieldDef::new(
                            "changed_by",
                            "changed_by",
                            <String as ::entkit::__private::ColumnValue>::TYPE,
                            <String as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .with_max_len(64usize),
                    ::entkit::__private::FieldDef::new(
                            "number",
                            "number",
                            <String as ::entkit::__private::ColumnValue>::TYPE,
                            <String as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .indexed(),
                    ::entkit::__private::FieldDef::new(
                        "total_cents",
                        "total_cents",
                        <i64 as ::entkit::__private::ColumnValue>::TYPE,
                        <i64 as ::entkit::__private::ColumnValue>::NULLABLE,
                    ),
                ],
                0usize,
            )
            .with_indexes(
                &[
                    ::entkit::__private::IndexDef::new(
                            "receipts_number_key",
                            &["number"],
                        )
                        .unique(),
                ],
            );
        &DEF
    }
    #[inline]
    fn from_row(
        row: ::entkit::__private::RowRef<'_>,
    ) -> ::entkit::__private::Result<Self> {
        ::core::result::Result::Ok(Self {
            id: <uuid::Uuid as ::entkit::__private::ColumnValue>::decode(row, 0usize)?,
            changed_by: <String as ::entkit::__private::ColumnValue>::decode(
                row,
                1usize,
            )?,
            number: <String as ::entkit::__private::ColumnValue>::decode(row, 2usize)?,
            total_cents: <i64 as ::entkit::__private::ColumnValue>::decode(row, 3usize)?,
        })
    }
    #[inline]
    fn key(&self) -> uuid::Uuid {
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
                    <uuid::Uuid as ::entkit::__private::ColumnValue>::into_value(
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
impl Receipt {
    ///The `id` column (field `id`).
    pub const ID: ::entkit::__private::Column<Receipt, uuid::Uuid> = ::entkit::__private::Column::new(
        "id",
    );
    ///The `changed_by` column (field `changed_by`).
    pub const CHANGED_BY: ::entkit::__private::Column<Receipt, String> = ::entkit::__private::Column::new(
        "changed_by",
    );
    ///The `number` column (field `number`).
    pub const NUMBER: ::entkit::__private::Column<Receipt, String> = ::entkit::__private::Column::new(
        "number",
    );
    ///The `total_cents` column (field `total_cents`).
    pub const TOTAL_CENTS: ::entkit::__private::Column<Receipt, i64> = ::entkit::__private::Column::new(
        "total_cents",
    );
}
/// Marker types naming the required fields of the create builder.
/// Bare unit structs: they only ever appear inside `entkit::builder::Missing`,
/// whose impls need nothing from them, so they cost no code.
#[doc(hidden)]
#[allow(non_camel_case_types, non_snake_case, dead_code)]
pub mod __receipt_required {
    pub struct changed_by;
    pub struct number;
    pub struct total_cents;
}
///Builder for a new [`Receipt`]; `save` compiles once every required field is set. Made by [`Receipt::create`].
#[must_use = "a create builder does nothing until `save` is called"]
pub struct ReceiptCreate<
    __ChangedBy = ::entkit::__private::Missing<__receipt_required::changed_by>,
    __Number = ::entkit::__private::Missing<__receipt_required::number>,
    __TotalCents = ::entkit::__private::Missing<__receipt_required::total_cents>,
> {
    inner: ::entkit::__private::Create<Receipt>,
    _state: ::core::marker::PhantomData<fn() -> (__ChangedBy, __Number, __TotalCents)>,
}
#[automatically_derived]
impl<__ChangedBy, __Number, __TotalCents> ::core::fmt::Debug
for ReceiptCreate<__ChangedBy, __Number, __TotalCents> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        ::core::fmt::Debug::fmt(&self.inner, f)
    }
}
impl Receipt {
    ///Starts building a new `Receipt`.
    #[inline]
    pub fn create() -> ReceiptCreate {
        ReceiptCreate {
            inner: ::entkit::__private::Create::new(),
            _state: ::core::marker::PhantomData,
        }
    }
}
#[allow(clippy::new_ret_no_self)]
impl<
    __ChangedBy,
    __Number,
    __TotalCents,
> ReceiptCreate<__ChangedBy, __Number, __TotalCents> {
    ///Sets `id`.
    pub fn id(mut self, value: impl ::entkit::__private::Operand<uuid::Uuid>) -> Self {
        self.inner.set(0usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `changed_by`.
    pub fn changed_by(
        mut self,
        value: impl ::entkit::__private::Operand<String>,
    ) -> ReceiptCreate<::entkit::__private::Set, __Number, __TotalCents> {
        self.inner.set(1usize, ::entkit::__private::Operand::into_operand(value));
        ReceiptCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `number`.
    pub fn number(
        mut self,
        value: impl ::entkit::__private::Operand<String>,
    ) -> ReceiptCreate<__ChangedBy, ::entkit::__private::Set, __TotalCents> {
        self.inner.set(2usize, ::entkit::__private::Operand::into_operand(value));
        ReceiptCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `total_cents`.
    pub fn total_cents(
        mut self,
        value: impl ::entkit::__private::Operand<i64>,
    ) -> ReceiptCreate<__ChangedBy, __Number, ::entkit::__private::Set> {
        self.inner.set(3usize, ::entkit::__private::Operand::into_operand(value));
        ReceiptCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
}
impl<
    __ChangedBy: ::entkit::__private::IsSet,
    __Number: ::entkit::__private::IsSet,
    __TotalCents: ::entkit::__private::IsSet,
> ReceiptCreate<__ChangedBy, __Number, __TotalCents> {
    /// Inserts the row and returns the stored entity.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Receipt>> {
        self.inner.save(exec)
    }
    /// Inserts the row or, when it conflicts with an existing one, applies
    /// `on_conflict`; `None` when the conflict was resolved by doing nothing.
    pub fn upsert<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
        on_conflict: &::entkit::__private::OnConflict<Receipt>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<Receipt>>,
    > {
        self.inner.upsert(exec, on_conflict)
    }
}
#[automatically_derived]
impl<
    __ChangedBy: ::entkit::__private::IsSet,
    __Number: ::entkit::__private::IsSet,
    __TotalCents: ::entkit::__private::IsSet,
> ::entkit::__private::Savable<Receipt>
for ReceiptCreate<__ChangedBy, __Number, __TotalCents> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<Receipt> {
        ::entkit::__private::SaveOp::Create(self.inner)
    }
}
impl Receipt {
    /// Inserts many rows in as few statements as the backend allows and
    /// returns them as stored (not on MySQL proper; see `insert_many`).
    pub fn create_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = ReceiptCreate<
                ::entkit::__private::Set,
                ::entkit::__private::Set,
                ::entkit::__private::Set,
            >,
        >,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Receipt>>,
    > {
        ::entkit::__private::Create::save_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Inserts many rows in as few statements as the backend allows;
    /// returns how many were written.
    pub fn insert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = ReceiptCreate<
                ::entkit::__private::Set,
                ::entkit::__private::Set,
                ::entkit::__private::Set,
            >,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<u64>> {
        ::entkit::__private::Create::insert_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Bulk upsert; returns the rows inserted or updated.
    pub fn upsert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = ReceiptCreate<
                ::entkit::__private::Set,
                ::entkit::__private::Set,
                ::entkit::__private::Set,
            >,
        >,
        on_conflict: &::entkit::__private::OnConflict<Receipt>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Receipt>>,
    > {
        ::entkit::__private::Create::upsert_many(
            exec,
            rows.into_iter().map(|r| r.inner),
            on_conflict,
        )
    }
}
///Update builder for [`Receipt`]: by key from [`Receipt::update_by_id`] / `update()`, or by filter from [`Receipt::update_many`].
#[must_use = "an update builder does nothing until `save` or `exec` is called"]
#[derive(Debug)]
pub struct ReceiptUpdate<M = ::entkit::__private::Update<Receipt>> {
    inner: M,
}
impl<M: ::entkit::__private::Assign> ReceiptUpdate<M> {
    ///Sets `changed_by`.
    pub fn set_changed_by(
        mut self,
        value: impl ::entkit::__private::Operand<String>,
    ) -> Self {
        self.inner.assign(1usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `number`.
    pub fn set_number(
        mut self,
        value: impl ::entkit::__private::Operand<String>,
    ) -> Self {
        self.inner.assign(2usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Adds `delta` to `total_cents` in the database (`total_cents = total_cents + delta`).
    pub fn add_total_cents(mut self, delta: i64) -> Self {
        self.inner
            .assign_add(3usize, ::entkit::__private::ColumnValue::into_value(delta));
        self
    }
    ///Sets `total_cents`.
    pub fn set_total_cents(
        mut self,
        value: impl ::entkit::__private::Operand<i64>,
    ) -> Self {
        self.inner.assign(3usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
}
impl ReceiptUpdate<::entkit::__private::Update<Receipt>> {
    /// Restricts the update to rows matching `predicate`.
    #[inline]
    pub fn filter(mut self, predicate: ::entkit::__private::Predicate<Receipt>) -> Self {
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
        Output = ::entkit::__private::Result<::std::vec::Vec<Receipt>>,
    > {
        self.inner.exec_returning(exec)
    }
}
impl ReceiptUpdate<::entkit::__private::UpdateOne<Receipt>> {
    /// Applies the update and returns the entity as stored.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Receipt>> {
        self.inner.save(exec)
    }
}
#[automatically_derived]
impl ::entkit::__private::Savable<Receipt>
for ReceiptUpdate<::entkit::__private::UpdateOne<Receipt>> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<Receipt> {
        ::entkit::__private::SaveOp::Update(self.inner)
    }
}
impl Receipt {
    /// A query over all rows; narrow it with `filter`.
    #[inline]
    pub fn query() -> ::entkit::__private::Query<Receipt> {
        ::entkit::__private::Query::new()
    }
    /// The row with this key, or `Error::NotFound`.
    pub fn get<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: uuid::Uuid,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Receipt>> {
        ::entkit::__private::get_by_key::<Receipt>(exec, key)
    }
    /// The row with this key, if any.
    pub fn find<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: uuid::Uuid,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<Receipt>>,
    > {
        ::entkit::__private::find_by_key::<Receipt>(exec, key)
    }
    /// An update of the row with this key.
    #[inline]
    pub fn update_by_id(
        key: uuid::Uuid,
    ) -> ReceiptUpdate<::entkit::__private::UpdateOne<Receipt>> {
        ReceiptUpdate {
            inner: ::entkit::__private::UpdateOne::new(key),
        }
    }
    /// An update of this row.
    #[inline]
    pub fn update(&self) -> ReceiptUpdate<::entkit::__private::UpdateOne<Receipt>> {
        Self::update_by_id(::entkit::__private::Entity::key(self))
    }
    /// An update of every row matching the builder's `filter`.
    #[inline]
    pub fn update_many() -> ReceiptUpdate {
        ReceiptUpdate {
            inner: ::entkit::__private::Update::new(),
        }
    }
    /// Deletes the row with this key, or `Error::NotFound`.
    pub fn delete_by_id<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: uuid::Uuid,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<Receipt>(exec, key)
    }
    /// Deletes this row.
    pub fn delete<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<
            Receipt,
        >(exec, ::entkit::__private::Entity::key(self))
    }
    /// A delete of every row matching its `filter`.
    #[inline]
    pub fn delete_many() -> ::entkit::__private::Delete<Receipt> {
        ::entkit::__private::Delete::new()
    }
}
impl ::core::fmt::Debug for Receipt {
    #[inline]
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("Receipt")
            .field("id", &self.id)
            .field("changed_by", &self.changed_by)
            .field("number", &self.number)
            .field("total_cents", &self.total_cents)
            .finish()
    }
}
