// The expansion of snapshots/plain.rs (generated: ENTKIT_UPDATE_SNAPSHOTS=1 cargo test -p entkit-macros snapshots).

#[automatically_derived]
impl entkit::Entity for Note {
    type Key = i64;
    #[inline]
    fn def() -> &'static entkit::EntityDef {
        static DEF: entkit::EntityDef = entkit::EntityDef {
            name: "Note",
            table: "notes",
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
                    name: "score",
                    column: "score",
                    ty: <i32 as entkit::ColumnValue>::TYPE,
                    nullable: <i32 as entkit::ColumnValue>::NULLABLE,
                    primary_key: false,
                    key_strategy: ::core::option::Option::None,
                    default: ::core::option::Option::None,
                    update_default: ::core::option::Option::None,
                    immutable: false,
                    sensitive: false,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    enum_values: <i32 as entkit::ColumnValue>::ENUM_VALUES,
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
            soft_delete: ::core::option::Option::None,
        };
        &DEF
    }
    #[inline]
    fn from_row(row: entkit::RowRef<'_>) -> entkit::Result<Self> {
        ::core::result::Result::Ok(Self {
            id: <i64 as entkit::ColumnValue>::decode(row, 0usize)?,
            title: <String as entkit::ColumnValue>::decode(row, 1usize)?,
            score: <i32 as entkit::ColumnValue>::decode(row, 2usize)?,
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
impl Note {
    ///The `id` column (field `id`).
    pub const ID: entkit::Column<Note, i64> = entkit::Column::new("id");
    ///The `title` column (field `title`).
    pub const TITLE: entkit::Column<Note, String> = entkit::Column::new("title");
    ///The `score` column (field `score`).
    pub const SCORE: entkit::Column<Note, i32> = entkit::Column::new("score");
}
/// Marker types naming the required fields of the create builder.
/// Bare unit structs: they only ever appear inside `entkit::Missing`,
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
    __Title = entkit::Missing<__note_required::title>,
    __Score = entkit::Missing<__note_required::score>,
> {
    inner: entkit::Create<Note>,
    _state: ::core::marker::PhantomData<fn() -> (__Title, __Score)>,
}
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
            inner: entkit::Create::new(),
            _state: ::core::marker::PhantomData,
        }
    }
}
#[allow(clippy::new_ret_no_self)]
impl<__Title, __Score> NoteCreate<__Title, __Score> {
    ///Sets `title`.
    pub fn title(
        mut self,
        value: impl entkit::Operand<String>,
    ) -> NoteCreate<entkit::Set, __Score> {
        self.inner.set(1usize, entkit::Operand::into_operand(value));
        NoteCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `score`.
    pub fn score(
        mut self,
        value: impl entkit::Operand<i32>,
    ) -> NoteCreate<__Title, entkit::Set> {
        self.inner.set(2usize, entkit::Operand::into_operand(value));
        NoteCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    /// Inserts the row and returns the stored entity.
    pub fn save<'a>(
        self,
        exec: impl entkit::Executor<'a>,
    ) -> impl ::core::future::Future<Output = entkit::Result<Note>>
    where
        __Title: entkit::IsSet,
        __Score: entkit::IsSet,
    {
        self.inner.save(exec)
    }
    /// Inserts the row or, when it conflicts with an existing one, applies
    /// `on_conflict`; `None` when the conflict was resolved by doing nothing.
    pub fn upsert<'a>(
        self,
        exec: impl entkit::Executor<'a>,
        on_conflict: &entkit::OnConflict<Note>,
    ) -> impl ::core::future::Future<
        Output = entkit::Result<::core::option::Option<Note>>,
    >
    where
        __Title: entkit::IsSet,
        __Score: entkit::IsSet,
    {
        self.inner.upsert(exec, on_conflict)
    }
}
impl Note {
    /// Inserts many rows in as few statements as the backend allows and
    /// returns them as stored (not on MySQL proper; see `insert_many`).
    pub fn create_many<'a>(
        exec: impl entkit::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = NoteCreate<entkit::Set, entkit::Set>,
        >,
    ) -> impl ::core::future::Future<Output = entkit::Result<::std::vec::Vec<Note>>> {
        entkit::Create::save_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Inserts many rows in as few statements as the backend allows;
    /// returns how many were written.
    pub fn insert_many<'a>(
        exec: impl entkit::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = NoteCreate<entkit::Set, entkit::Set>,
        >,
    ) -> impl ::core::future::Future<Output = entkit::Result<u64>> {
        entkit::Create::insert_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Bulk upsert; returns the rows inserted or updated.
    pub fn upsert_many<'a>(
        exec: impl entkit::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = NoteCreate<entkit::Set, entkit::Set>,
        >,
        on_conflict: &entkit::OnConflict<Note>,
    ) -> impl ::core::future::Future<Output = entkit::Result<::std::vec::Vec<Note>>> {
        entkit::Create::upsert_many(exec, rows.into_iter().map(|r| r.inner), on_conflict)
    }
}
///Update builder for [`Note`]: by key from [`Note::update_by_id`] / `update()`, or by filter from [`Note::update_many`].
#[must_use = "an update builder does nothing until `save` or `exec` is called"]
#[derive(Debug)]
pub struct NoteUpdate<M = entkit::Update<Note>> {
    inner: M,
}
impl<M: entkit::Assign> NoteUpdate<M> {
    ///Sets `title`.
    pub fn set_title(mut self, value: impl entkit::Operand<String>) -> Self {
        self.inner.assign(1usize, entkit::Operand::into_operand(value));
        self
    }
    ///Adds `delta` to `score` in the database (`score = score + delta`).
    pub fn add_score(mut self, delta: i32) -> Self {
        self.inner.assign_add(2usize, entkit::ColumnValue::into_value(delta));
        self
    }
    ///Sets `score`.
    pub fn set_score(mut self, value: impl entkit::Operand<i32>) -> Self {
        self.inner.assign(2usize, entkit::Operand::into_operand(value));
        self
    }
}
impl NoteUpdate<entkit::Update<Note>> {
    /// Restricts the update to rows matching `predicate`.
    #[inline]
    pub fn filter(mut self, predicate: entkit::Predicate<Note>) -> Self {
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
    ) -> impl ::core::future::Future<Output = entkit::Result<::std::vec::Vec<Note>>> {
        self.inner.exec_returning(exec)
    }
}
impl NoteUpdate<entkit::UpdateOne<Note>> {
    /// Applies the update and returns the entity as stored.
    pub fn save<'a>(
        self,
        exec: impl entkit::Executor<'a>,
    ) -> impl ::core::future::Future<Output = entkit::Result<Note>> {
        self.inner.save(exec)
    }
}
impl Note {
    /// A query over all rows; narrow it with `filter`.
    #[inline]
    pub fn query() -> entkit::Query<Note> {
        entkit::Query::new()
    }
    /// The row with this key, or `Error::NotFound`.
    pub fn get<'a>(
        exec: impl entkit::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = entkit::Result<Note>> {
        entkit::get_by_key::<Note>(exec, key)
    }
    /// The row with this key, if any.
    pub fn find<'a>(
        exec: impl entkit::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<
        Output = entkit::Result<::core::option::Option<Note>>,
    > {
        entkit::find_by_key::<Note>(exec, key)
    }
    /// An update of the row with this key.
    #[inline]
    pub fn update_by_id(key: i64) -> NoteUpdate<entkit::UpdateOne<Note>> {
        NoteUpdate {
            inner: entkit::UpdateOne::new(key),
        }
    }
    /// An update of this row.
    #[inline]
    pub fn update(&self) -> NoteUpdate<entkit::UpdateOne<Note>> {
        Self::update_by_id(entkit::Entity::key(self))
    }
    /// An update of every row matching the builder's `filter`.
    #[inline]
    pub fn update_many() -> NoteUpdate {
        NoteUpdate {
            inner: entkit::Update::new(),
        }
    }
    /// Deletes the row with this key, or `Error::NotFound`.
    pub fn delete_by_id<'a>(
        exec: impl entkit::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = entkit::Result<()>> {
        entkit::delete_by_key::<Note>(exec, key)
    }
    /// Deletes this row.
    pub fn delete<'a>(
        &self,
        exec: impl entkit::Executor<'a>,
    ) -> impl ::core::future::Future<Output = entkit::Result<()>> {
        entkit::delete_by_key::<Note>(exec, entkit::Entity::key(self))
    }
    /// A delete of every row matching its `filter`.
    #[inline]
    pub fn delete_many() -> entkit::Delete<Note> {
        entkit::Delete::new()
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
