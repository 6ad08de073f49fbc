// The expansion of snapshots/soft_delete.rs (generated: ENTKIT_UPDATE_SNAPSHOTS=1 cargo test -p entkit-macros snapshots).

#[automatically_derived]
impl entkit::Entity for Article {
    type Key = i64;
    #[inline]
    fn def() -> &'static entkit::EntityDef {
        static DEF: entkit::EntityDef = entkit::EntityDef {
            name: "Article",
            table: "articles",
            default_scope: ::core::option::Option::None,
            fields: &[
                entkit::FieldDef {
                    name: "id",
                    column: "id",
                    ty: <i64 as entkit::ColumnValue>::TYPE,
                    nullable: <i64 as entkit::ColumnValue>::NULLABLE,
                    primary_key: true,
                    key_strategy: ::core::option::Option::Some(
                        entkit::KeyStrategy::AutoIncrement,
                    ),
                    default: ::core::option::Option::None,
                    update_default: ::core::option::Option::None,
                    immutable: false,
                    sensitive: false,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    enum_values: <i64 as entkit::ColumnValue>::ENUM_VALUES,
                    renamed_from: ::core::option::Option::None,
                    min: ::core::option::Option::None,
                    max: ::core::option::Option::None,
                    pattern: ::core::option::Option::None,
                    validator: ::core::option::Option::None,
                    indexed: false,
                    comment: ::core::option::Option::None,
                },
                entkit::FieldDef {
                    name: "title",
                    column: "title",
                    ty: <String as entkit::ColumnValue>::TYPE,
                    nullable: <String as entkit::ColumnValue>::NULLABLE,
                    primary_key: false,
                    key_strategy: ::core::option::Option::None,
                    default: ::core::option::Option::None,
                    update_default: ::core::option::Option::None,
                    immutable: false,
                    sensitive: false,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    enum_values: <String as entkit::ColumnValue>::ENUM_VALUES,
                    renamed_from: ::core::option::Option::None,
                    min: ::core::option::Option::None,
                    max: ::core::option::Option::None,
                    pattern: ::core::option::Option::None,
                    validator: ::core::option::Option::None,
                    indexed: false,
                    comment: ::core::option::Option::None,
                },
                entkit::FieldDef {
                    name: "deleted_at",
                    column: "deleted_at",
                    ty: <Option<
                        chrono::DateTime<chrono::Utc>,
                    > as entkit::ColumnValue>::TYPE,
                    nullable: <Option<
                        chrono::DateTime<chrono::Utc>,
                    > as entkit::ColumnValue>::NULLABLE,
                    primary_key: false,
                    key_strategy: ::core::option::Option::None,
                    default: ::core::option::Option::None,
                    update_default: ::core::option::Option::None,
                    immutable: false,
                    sensitive: false,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    enum_values: <Option<
                        chrono::DateTime<chrono::Utc>,
                    > as entkit::ColumnValue>::ENUM_VALUES,
                    renamed_from: ::core::option::Option::None,
                    min: ::core::option::Option::None,
                    max: ::core::option::Option::None,
                    pattern: ::core::option::Option::None,
                    validator: ::core::option::Option::None,
                    indexed: false,
                    comment: ::core::option::Option::None,
                },
            ],
            primary_key: 0usize,
            indexes: &[],
            comment: ::core::option::Option::None,
            edges: &[],
            soft_delete: ::core::option::Option::Some("deleted_at"),
        };
        &DEF
    }
    #[inline]
    fn from_row(row: entkit::RowRef<'_>) -> entkit::Result<Self> {
        ::core::result::Result::Ok(Self {
            id: <i64 as entkit::ColumnValue>::decode(row, 0usize)?,
            title: <String as entkit::ColumnValue>::decode(row, 1usize)?,
            deleted_at: <Option<
                chrono::DateTime<chrono::Utc>,
            > as entkit::ColumnValue>::decode(row, 2usize)?,
        })
    }
    #[inline]
    fn key(&self) -> i64 {
        ::core::clone::Clone::clone(&self.id)
    }
    #[inline]
    fn link_value(&self, column: &str) -> ::core::option::Option<entkit::Value> {
        match column {
            "id" => {
                ::core::option::Option::Some(
                    <i64 as entkit::ColumnValue>::into_value(
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
impl Article {
    ///The `id` column (field `id`).
    pub const ID: entkit::Column<Article, i64> = entkit::Column::new("id");
    ///The `title` column (field `title`).
    pub const TITLE: entkit::Column<Article, String> = entkit::Column::new("title");
    ///The `deleted_at` column (field `deleted_at`).
    pub const DELETED_AT: entkit::Column<
        Article,
        Option<chrono::DateTime<chrono::Utc>>,
    > = entkit::Column::new("deleted_at");
}
/// Marker types naming the required fields of the create builder.
/// Bare unit structs: they only ever appear inside `entkit::Missing`,
/// whose impls need nothing from them, so they cost no code.
#[doc(hidden)]
#[allow(non_camel_case_types, non_snake_case, dead_code)]
pub mod __article_required {
    pub struct title;
}
///Builder for a new [`Article`]; `save` compiles once every required field is set. Made by [`Article::create`].
#[must_use = "a create builder does nothing until `save` is called"]
pub struct ArticleCreate<__Title = entkit::Missing<__article_required::title>> {
    inner: entkit::Create<Article>,
    _state: ::core::marker::PhantomData<fn() -> (__Title,)>,
}
impl<__Title> ::core::fmt::Debug for ArticleCreate<__Title> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        ::core::fmt::Debug::fmt(&self.inner, f)
    }
}
impl Article {
    ///Starts building a new `Article`.
    #[inline]
    pub fn create() -> ArticleCreate {
        ArticleCreate {
            inner: entkit::Create::new(),
            _state: ::core::marker::PhantomData,
        }
    }
}
#[allow(clippy::new_ret_no_self)]
impl<__Title> ArticleCreate<__Title> {
    ///Sets `title`.
    pub fn title(
        mut self,
        value: impl entkit::Operand<String>,
    ) -> ArticleCreate<entkit::Set> {
        self.inner.set(1usize, entkit::Operand::into_operand(value));
        ArticleCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `deleted_at`.
    pub fn deleted_at(
        mut self,
        value: impl entkit::Operand<Option<chrono::DateTime<chrono::Utc>>>,
    ) -> Self {
        self.inner.set(2usize, entkit::Operand::into_operand(value));
        self
    }
    /// Inserts the row and returns the stored entity.
    pub fn save<'a>(
        self,
        exec: impl entkit::Executor<'a>,
    ) -> impl ::core::future::Future<Output = entkit::Result<Article>>
    where
        __Title: entkit::IsSet,
    {
        self.inner.save(exec)
    }
    /// Inserts the row or, when it conflicts with an existing one, applies
    /// `on_conflict`; `None` when the conflict was resolved by doing nothing.
    pub fn upsert<'a>(
        self,
        exec: impl entkit::Executor<'a>,
        on_conflict: &entkit::OnConflict<Article>,
    ) -> impl ::core::future::Future<
        Output = entkit::Result<::core::option::Option<Article>>,
    >
    where
        __Title: entkit::IsSet,
    {
        self.inner.upsert(exec, on_conflict)
    }
}
impl Article {
    /// Inserts many rows in as few statements as the backend allows and
    /// returns them as stored (not on MySQL proper; see `insert_many`).
    pub fn create_many<'a>(
        exec: impl entkit::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<Item = ArticleCreate<entkit::Set>>,
    ) -> impl ::core::future::Future<Output = entkit::Result<::std::vec::Vec<Article>>> {
        entkit::Create::save_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Inserts many rows in as few statements as the backend allows;
    /// returns how many were written.
    pub fn insert_many<'a>(
        exec: impl entkit::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<Item = ArticleCreate<entkit::Set>>,
    ) -> impl ::core::future::Future<Output = entkit::Result<u64>> {
        entkit::Create::insert_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Bulk upsert; returns the rows inserted or updated.
    pub fn upsert_many<'a>(
        exec: impl entkit::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<Item = ArticleCreate<entkit::Set>>,
        on_conflict: &entkit::OnConflict<Article>,
    ) -> impl ::core::future::Future<Output = entkit::Result<::std::vec::Vec<Article>>> {
        entkit::Create::upsert_many(exec, rows.into_iter().map(|r| r.inner), on_conflict)
    }
}
///Update builder for [`Article`]: by key from [`Article::update_by_id`] / `update()`, or by filter from [`Article::update_many`].
#[must_use = "an update builder does nothing until `save` or `exec` is called"]
#[derive(Debug)]
pub struct ArticleUpdate<M = entkit::Update<Article>> {
    inner: M,
}
impl<M: entkit::Assign> ArticleUpdate<M> {
    ///Sets `title`.
    pub fn set_title(mut self, value: impl entkit::Operand<String>) -> Self {
        self.inner.assign(1usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `deleted_at`.
    pub fn set_deleted_at(
        mut self,
        value: impl entkit::Operand<Option<chrono::DateTime<chrono::Utc>>>,
    ) -> Self {
        self.inner.assign(2usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `deleted_at` to NULL.
    pub fn clear_deleted_at(mut self) -> Self {
        self.inner
            .assign(
                2usize,
                entkit::Value::Null(
                    <Option<chrono::DateTime<chrono::Utc>> as entkit::ColumnValue>::TYPE,
                ),
            );
        self
    }
}
impl ArticleUpdate<entkit::Update<Article>> {
    /// Restricts the update to rows matching `predicate`.
    #[inline]
    pub fn filter(mut self, predicate: entkit::Predicate<Article>) -> Self {
        self.inner.filter(predicate);
        self
    }
    /// Applies the update; returns the number of rows matched.
    pub fn exec<'a>(
        self,
        exec: impl entkit::Executor<'a>,
    ) -> impl ::core::future::Future<Output = entkit::Result<u64>> {
        self.inner.exec(exec)
    }
    /// Applies the update and returns the updated rows (PostgreSQL and
    /// SQLite; `Error::Unsupported` on MySQL/MariaDB, which lack
    /// `UPDATE ... RETURNING`).
    pub fn exec_returning<'a>(
        self,
        exec: impl entkit::Executor<'a>,
    ) -> impl ::core::future::Future<Output = entkit::Result<::std::vec::Vec<Article>>> {
        self.inner.exec_returning(exec)
    }
}
impl ArticleUpdate<entkit::UpdateOne<Article>> {
    /// Applies the update and returns the entity as stored.
    pub fn save<'a>(
        self,
        exec: impl entkit::Executor<'a>,
    ) -> impl ::core::future::Future<Output = entkit::Result<Article>> {
        self.inner.save(exec)
    }
}
impl Article {
    /// A query over all rows; narrow it with `filter`.
    #[inline]
    pub fn query() -> entkit::Query<Article> {
        entkit::Query::new()
    }
    /// The row with this key, or `Error::NotFound`.
    pub fn get<'a>(
        exec: impl entkit::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = entkit::Result<Article>> {
        entkit::get_by_key::<Article>(exec, key)
    }
    /// The row with this key, if any.
    pub fn find<'a>(
        exec: impl entkit::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<
        Output = entkit::Result<::core::option::Option<Article>>,
    > {
        entkit::find_by_key::<Article>(exec, key)
    }
    /// An update of the row with this key.
    #[inline]
    pub fn update_by_id(key: i64) -> ArticleUpdate<entkit::UpdateOne<Article>> {
        ArticleUpdate {
            inner: entkit::UpdateOne::new(key),
        }
    }
    /// An update of this row.
    #[inline]
    pub fn update(&self) -> ArticleUpdate<entkit::UpdateOne<Article>> {
        Self::update_by_id(entkit::Entity::key(self))
    }
    /// An update of every row matching the builder's `filter`.
    #[inline]
    pub fn update_many() -> ArticleUpdate {
        ArticleUpdate {
            inner: entkit::Update::new(),
        }
    }
    /// Deletes the row with this key, or `Error::NotFound`.
    pub fn delete_by_id<'a>(
        exec: impl entkit::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = entkit::Result<()>> {
        entkit::delete_by_key::<Article>(exec, key)
    }
    /// Deletes this row.
    pub fn delete<'a>(
        &self,
        exec: impl entkit::Executor<'a>,
    ) -> impl ::core::future::Future<Output = entkit::Result<()>> {
        entkit::delete_by_key::<Article>(exec, entkit::Entity::key(self))
    }
    /// Removes the row with this key for good (a plain delete only marks it deleted).
    pub fn hard_delete_by_id<'a>(
        exec: impl entkit::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = entkit::Result<()>> {
        entkit::hard_delete_by_key::<Article>(exec, key)
    }
    /// Brings back the soft-deleted row with this key.
    pub fn restore_by_id<'a>(
        exec: impl entkit::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = entkit::Result<()>> {
        entkit::restore_by_key::<Article>(exec, key)
    }
    /// A delete of every row matching its `filter`.
    #[inline]
    pub fn delete_many() -> entkit::Delete<Article> {
        entkit::Delete::new()
    }
}
impl ::core::fmt::Debug for Article {
    #[inline]
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("Article")
            .field("id", &self.id)
            .field("title", &self.title)
            .field("deleted_at", &self.deleted_at)
            .finish()
    }
}
