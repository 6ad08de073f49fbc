// The expansion of snapshots/soft_delete.rs (generated: ENTKIT_UPDATE_SNAPSHOTS=1 cargo test -p entkit-macros snapshots).

#[automatically_derived]
impl ::entkit::__private::Entity for Article {
    type Key = i64;
    #[inline]
    fn def() -> &'static ::entkit::__private::EntityDef {
        static DEF: ::entkit::__private::EntityDef = ::entkit::__private::EntityDef::new(
                "Article",
                "articles",
                &[
                    ::entkit::__private::FieldDef::new(
                            "id",
                            "id",
                            <i64 as ::entkit::__private::ColumnValue>::TYPE,
                            <i64 as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .primary_key(::entkit::__private::KeyStrategy::AutoIncrement),
                    ::entkit::__private::FieldDef::new(
                        "title",
                        "title",
                        <String as ::entkit::__private::ColumnValue>::TYPE,
                        <String as ::entkit::__private::ColumnValue>::NULLABLE,
                    ),
                    ::entkit::__private::FieldDef::new(
                            "deleted_at",
                            "deleted_at",
                            <Option<
                                chrono::DateTime<chrono::Utc>,
                            > as ::entkit::__private::ColumnValue>::TYPE,
                            <Option<
                                chrono::DateTime<chrono::Utc>,
                            > as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .with_enum_values(
                            <Option<
                                chrono::DateTime<chrono::Utc>,
                            > as ::entkit::__private::ColumnValue>::ENUM_VALUES,
                        ),
                ],
                0usize,
            )
            .with_soft_delete("deleted_at");
        &DEF
    }
    #[inline]
    fn from_row(
        row: ::entkit::__private::RowRef<'_>,
    ) -> ::entkit::__private::Result<Self> {
        ::core::result::Result::Ok(Self {
            id: <i64 as ::entkit::__private::ColumnValue>::decode(row, 0usize)?,
            title: <String as ::entkit::__private::ColumnValue>::decode(row, 1usize)?,
            deleted_at: <Option<
                chrono::DateTime<chrono::Utc>,
            > as ::entkit::__private::ColumnValue>::decode(row, 2usize)?,
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
impl Article {
    ///The `id` column (field `id`).
    pub const ID: ::entkit::__private::Column<Article, i64> = ::entkit::__private::Column::new(
        "id",
    );
    ///The `title` column (field `title`).
    pub const TITLE: ::entkit::__private::Column<Article, String> = ::entkit::__private::Column::new(
        "title",
    );
    ///The `deleted_at` column (field `deleted_at`).
    pub const DELETED_AT: ::entkit::__private::Column<
        Article,
        Option<chrono::DateTime<chrono::Utc>>,
    > = ::entkit::__private::Column::new("deleted_at");
}
/// Marker types naming the required fields of the create builder.
/// Bare unit structs: they only ever appear inside `entkit::builder::Missing`,
/// whose impls need nothing from them, so they cost no code.
#[doc(hidden)]
#[allow(non_camel_case_types, non_snake_case, dead_code)]
pub mod __article_required {
    pub struct title;
}
///Builder for a new [`Article`]; `save` compiles once every required field is set. Made by [`Article::create`].
#[must_use = "a create builder does nothing until `save` is called"]
pub struct ArticleCreate<
    __Title = ::entkit::__private::Missing<__article_required::title>,
> {
    inner: ::entkit::__private::Create<Article>,
    _state: ::core::marker::PhantomData<fn() -> (__Title,)>,
}
#[automatically_derived]
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
            inner: ::entkit::__private::Create::new(),
            _state: ::core::marker::PhantomData,
        }
    }
}
#[allow(clippy::new_ret_no_self)]
impl<__Title> ArticleCreate<__Title> {
    ///Sets `title`.
    pub fn title(
        mut self,
        value: impl ::entkit::__private::Operand<String>,
    ) -> ArticleCreate<::entkit::__private::Set> {
        self.inner.set(1usize, ::entkit::__private::Operand::into_operand(value));
        ArticleCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `deleted_at`.
    pub fn deleted_at(
        mut self,
        value: impl ::entkit::__private::Operand<Option<chrono::DateTime<chrono::Utc>>>,
    ) -> Self {
        self.inner.set(2usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
}
impl<__Title: ::entkit::__private::IsSet> ArticleCreate<__Title> {
    /// Inserts the row and returns the stored entity.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Article>> {
        self.inner.save(exec)
    }
    /// Inserts the row or, when it conflicts with an existing one, applies
    /// `on_conflict`; `None` when the conflict was resolved by doing nothing.
    pub fn upsert<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
        on_conflict: &::entkit::__private::OnConflict<Article>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<Article>>,
    > {
        self.inner.upsert(exec, on_conflict)
    }
}
#[automatically_derived]
impl<__Title: ::entkit::__private::IsSet> ::entkit::__private::Savable<Article>
for ArticleCreate<__Title> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<Article> {
        ::entkit::__private::SaveOp::Create(self.inner)
    }
}
impl Article {
    /// Inserts many rows in as few statements as the backend allows and
    /// returns them as stored (not on MySQL proper; see `insert_many`).
    pub fn create_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = ArticleCreate<::entkit::__private::Set>,
        >,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Article>>,
    > {
        ::entkit::__private::Create::save_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Inserts many rows in as few statements as the backend allows;
    /// returns how many were written.
    pub fn insert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = ArticleCreate<::entkit::__private::Set>,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<u64>> {
        ::entkit::__private::Create::insert_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Bulk upsert; returns the rows inserted or updated.
    pub fn upsert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = ArticleCreate<::entkit::__private::Set>,
        >,
        on_conflict: &::entkit::__private::OnConflict<Article>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Article>>,
    > {
        ::entkit::__private::Create::upsert_many(
            exec,
            rows.into_iter().map(|r| r.inner),
            on_conflict,
        )
    }
}
///Update builder for [`Article`]: by key from [`Article::update_by_id`] / `update()`, or by filter from [`Article::update_many`].
#[must_use = "an update builder does nothing until `save` or `exec` is called"]
#[derive(Debug)]
pub struct ArticleUpdate<M = ::entkit::__private::Update<Article>> {
    inner: M,
}
impl<M: ::entkit::__private::Assign> ArticleUpdate<M> {
    ///Sets `title`.
    pub fn set_title(
        mut self,
        value: impl ::entkit::__private::Operand<String>,
    ) -> Self {
        self.inner.assign(1usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `deleted_at`.
    pub fn set_deleted_at(
        mut self,
        value: impl ::entkit::__private::Operand<Option<chrono::DateTime<chrono::Utc>>>,
    ) -> Self {
        self.inner.assign(2usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `deleted_at` to NULL.
    pub fn clear_deleted_at(mut self) -> Self {
        self.inner
            .assign(
                2usize,
                ::entkit::__private::Value::Null(
                    <Option<
                        chrono::DateTime<chrono::Utc>,
                    > as ::entkit::__private::ColumnValue>::TYPE,
                ),
            );
        self
    }
}
impl ArticleUpdate<::entkit::__private::Update<Article>> {
    /// Restricts the update to rows matching `predicate`.
    #[inline]
    pub fn filter(mut self, predicate: ::entkit::__private::Predicate<Article>) -> Self {
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
        Output = ::entkit::__private::Result<::std::vec::Vec<Article>>,
    > {
        self.inner.exec_returning(exec)
    }
}
impl ArticleUpdate<::entkit::__private::UpdateOne<Article>> {
    /// Applies the update and returns the entity as stored.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Article>> {
        self.inner.save(exec)
    }
}
#[automatically_derived]
impl ::entkit::__private::Savable<Article>
for ArticleUpdate<::entkit::__private::UpdateOne<Article>> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<Article> {
        ::entkit::__private::SaveOp::Update(self.inner)
    }
}
impl Article {
    /// A query over all rows; narrow it with `filter`.
    #[inline]
    pub fn query() -> ::entkit::__private::Query<Article> {
        ::entkit::__private::Query::new()
    }
    /// The row with this key, or `Error::NotFound`.
    pub fn get<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Article>> {
        ::entkit::__private::get_by_key::<Article>(exec, key)
    }
    /// The row with this key, if any.
    pub fn find<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<Article>>,
    > {
        ::entkit::__private::find_by_key::<Article>(exec, key)
    }
    /// An update of the row with this key.
    #[inline]
    pub fn update_by_id(
        key: i64,
    ) -> ArticleUpdate<::entkit::__private::UpdateOne<Article>> {
        ArticleUpdate {
            inner: ::entkit::__private::UpdateOne::new(key),
        }
    }
    /// An update of this row.
    #[inline]
    pub fn update(&self) -> ArticleUpdate<::entkit::__private::UpdateOne<Article>> {
        Self::update_by_id(::entkit::__private::Entity::key(self))
    }
    /// An update of every row matching the builder's `filter`.
    #[inline]
    pub fn update_many() -> ArticleUpdate {
        ArticleUpdate {
            inner: ::entkit::__private::Update::new(),
        }
    }
    /// Deletes the row with this key, or `Error::NotFound`.
    pub fn delete_by_id<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<Article>(exec, key)
    }
    /// Deletes this row.
    pub fn delete<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<
            Article,
        >(exec, ::entkit::__private::Entity::key(self))
    }
    /// Removes the row with this key for good (a plain delete only marks it deleted).
    pub fn hard_delete_by_id<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::hard_delete_by_key::<Article>(exec, key)
    }
    /// Brings back the soft-deleted row with this key.
    pub fn restore_by_id<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::restore_by_key::<Article>(exec, key)
    }
    /// A delete of every row matching its `filter`.
    #[inline]
    pub fn delete_many() -> ::entkit::__private::Delete<Article> {
        ::entkit::__private::Delete::new()
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
