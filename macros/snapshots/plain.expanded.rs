// The expansion of snapshots/plain.rs (generated: ENTKIT_UPDATE_SNAPSHOTS=1 cargo test -p entkit-macros snapshots).

#[automatically_derived]
impl ::entkit::__private::Entity for Note {
    type Key = i64;
    #[inline]
    fn def() -> &'static ::entkit::__private::EntityDef {
        static DEF: ::entkit::__private::EntityDef = ::entkit::__private::EntityDef::new(
            "Note",
            "notes",
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
                    "score",
                    "score",
                    <i32 as ::entkit::__private::ColumnValue>::TYPE,
                    <i32 as ::entkit::__private::ColumnValue>::NULLABLE,
                ),
            ],
            0usize,
        );
        &DEF
    }
    #[inline]
    fn from_row(
        row: ::entkit::__private::RowRef<'_>,
    ) -> ::entkit::__private::Result<Self> {
        ::core::result::Result::Ok(Self {
            id: <i64 as ::entkit::__private::ColumnValue>::decode(row, 0usize)?,
            title: <String as ::entkit::__private::ColumnValue>::decode(row, 1usize)?,
            score: <i32 as ::entkit::__private::ColumnValue>::decode(row, 2usize)?,
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
impl Note {
    ///The `id` column (field `id`).
    pub const ID: ::entkit::__private::Column<Note, i64> = ::entkit::__private::Column::new(
        "id",
    );
    ///The `title` column (field `title`).
    pub const TITLE: ::entkit::__private::Column<Note, String> = ::entkit::__private::Column::new(
        "title",
    );
    ///The `score` column (field `score`).
    pub const SCORE: ::entkit::__private::Column<Note, i32> = ::entkit::__private::Column::new(
        "score",
    );
}
/// Marker types naming the required fields of the create builder.
/// Bare unit structs: they only ever appear inside `entkit::builder::Missing`,
/// whose impls need nothing from them, so they cost no code.
#[doc(hidden)]
#[allow(non_camel_case_types, non_snake_case, dead_code)]
pub mod __note_required {
    pub struct title;
    pub struct score;
}
///Builder for a new [`Note`]; `save` compiles once every required field is set. Made by [`Note::create`].
#[must_use = "a create builder does nothing until `save` is called"]
pub struct NoteCreate<
    __Title = ::entkit::__private::Missing<__note_required::title>,
    __Score = ::entkit::__private::Missing<__note_required::score>,
> {
    inner: ::entkit::__private::Create<Note>,
    _state: ::core::marker::PhantomData<fn() -> (__Title, __Score)>,
}
#[automatically_derived]
impl<__Title, __Score> ::core::fmt::Debug for NoteCreate<__Title, __Score> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        ::core::fmt::Debug::fmt(&self.inner, f)
    }
}
impl Note {
    ///Starts building a new `Note`.
    #[inline]
    pub fn create() -> NoteCreate {
        NoteCreate {
            inner: ::entkit::__private::Create::new(),
            _state: ::core::marker::PhantomData,
        }
    }
}
#[allow(clippy::new_ret_no_self)]
impl<__Title, __Score> NoteCreate<__Title, __Score> {
    ///Sets `title`.
    pub fn title(
        mut self,
        value: impl ::entkit::__private::Operand<String>,
    ) -> NoteCreate<::entkit::__private::Set, __Score> {
        self.inner.set(1usize, ::entkit::__private::Operand::into_operand(value));
        NoteCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `score`.
    pub fn score(
        mut self,
        value: impl ::entkit::__private::Operand<i32>,
    ) -> NoteCreate<__Title, ::entkit::__private::Set> {
        self.inner.set(2usize, ::entkit::__private::Operand::into_operand(value));
        NoteCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
}
impl<
    __Title: ::entkit::__private::IsSet,
    __Score: ::entkit::__private::IsSet,
> NoteCreate<__Title, __Score> {
    /// Inserts the row and returns the stored entity.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Note>> {
        self.inner.save(exec)
    }
    /// Inserts the row or, when it conflicts with an existing one, applies
    /// `on_conflict`; `None` when the conflict was resolved by doing nothing.
    pub fn upsert<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
        on_conflict: &::entkit::__private::OnConflict<Note>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<Note>>,
    > {
        self.inner.upsert(exec, on_conflict)
    }
}
#[automatically_derived]
impl<
    __Title: ::entkit::__private::IsSet,
    __Score: ::entkit::__private::IsSet,
> ::entkit::__private::Savable<Note> for NoteCreate<__Title, __Score> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<Note> {
        ::entkit::__private::SaveOp::Create(self.inner)
    }
}
impl Note {
    /// Inserts many rows in as few statements as the backend allows and
    /// returns them as stored (not on MySQL proper; see `insert_many`).
    pub fn create_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = NoteCreate<::entkit::__private::Set, ::entkit::__private::Set>,
        >,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Note>>,
    > {
        ::entkit::__private::Create::save_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Inserts many rows in as few statements as the backend allows;
    /// returns how many were written.
    pub fn insert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = NoteCreate<::entkit::__private::Set, ::entkit::__private::Set>,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<u64>> {
        ::entkit::__private::Create::insert_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Bulk upsert; returns the rows inserted or updated.
    pub fn upsert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = NoteCreate<::entkit::__private::Set, ::entkit::__private::Set>,
        >,
        on_conflict: &::entkit::__private::OnConflict<Note>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Note>>,
    > {
        ::entkit::__private::Create::upsert_many(
            exec,
            rows.into_iter().map(|r| r.inner),
            on_conflict,
        )
    }
}
///Update builder for [`Note`]: by key from [`Note::update_by_id`] / `update()`, or by filter from [`Note::update_many`].
#[must_use = "an update builder does nothing until `save` or `exec` is called"]
#[derive(Debug)]
pub struct NoteUpdate<M = ::entkit::__private::Update<Note>> {
    inner: M,
}
impl<M: ::entkit::__private::Assign> NoteUpdate<M> {
    ///Sets `title`.
    pub fn set_title(
        mut self,
        value: impl ::entkit::__private::Operand<String>,
    ) -> Self {
        self.inner.assign(1usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Adds `delta` to `score` in the database (`score = score + delta`).
    pub fn add_score(mut self, delta: i32) -> Self {
        self.inner
            .assign_add(2usize, ::entkit::__private::ColumnValue::into_value(delta));
        self
    }
    ///Sets `score`.
    pub fn set_score(mut self, value: impl ::entkit::__private::Operand<i32>) -> Self {
        self.inner.assign(2usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
}
impl NoteUpdate<::entkit::__private::Update<Note>> {
    /// Restricts the update to rows matching `predicate`.
    #[inline]
    pub fn filter(mut self, predicate: ::entkit::__private::Predicate<Note>) -> Self {
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
        Output = ::entkit::__private::Result<::std::vec::Vec<Note>>,
    > {
        self.inner.exec_returning(exec)
    }
}
impl NoteUpdate<::entkit::__private::UpdateOne<Note>> {
    /// Applies the update and returns the entity as stored.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Note>> {
        self.inner.save(exec)
    }
}
#[automatically_derived]
impl ::entkit::__private::Savable<Note>
for NoteUpdate<::entkit::__private::UpdateOne<Note>> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<Note> {
        ::entkit::__private::SaveOp::Update(self.inner)
    }
}
impl Note {
    /// A query over all rows; narrow it with `filter`.
    #[inline]
    pub fn query() -> ::entkit::__private::Query<Note> {
        ::entkit::__private::Query::new()
    }
    /// The row with this key, or `Error::NotFound`.
    pub fn get<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Note>> {
        ::entkit::__private::get_by_key::<Note>(exec, key)
    }
    /// The row with this key, if any.
    pub fn find<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<Note>>,
    > {
        ::entkit::__private::find_by_key::<Note>(exec, key)
    }
    /// An update of the row with this key.
    #[inline]
    pub fn update_by_id(key: i64) -> NoteUpdate<::entkit::__private::UpdateOne<Note>> {
        NoteUpdate {
            inner: ::entkit::__private::UpdateOne::new(key),
        }
    }
    /// An update of this row.
    #[inline]
    pub fn update(&self) -> NoteUpdate<::entkit::__private::UpdateOne<Note>> {
        Self::update_by_id(::entkit::__private::Entity::key(self))
    }
    /// An update of every row matching the builder's `filter`.
    #[inline]
    pub fn update_many() -> NoteUpdate {
        NoteUpdate {
            inner: ::entkit::__private::Update::new(),
        }
    }
    /// Deletes the row with this key, or `Error::NotFound`.
    pub fn delete_by_id<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<Note>(exec, key)
    }
    /// Deletes this row.
    pub fn delete<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<
            Note,
        >(exec, ::entkit::__private::Entity::key(self))
    }
    /// A delete of every row matching its `filter`.
    #[inline]
    pub fn delete_many() -> ::entkit::__private::Delete<Note> {
        ::entkit::__private::Delete::new()
    }
}
impl ::core::fmt::Debug for Note {
    #[inline]
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("Note")
            .field("id", &self.id)
            .field("title", &self.title)
            .field("score", &self.score)
            .finish()
    }
}
