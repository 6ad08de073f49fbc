// The expansion of snapshots/edges.rs (generated: ENTKIT_UPDATE_SNAPSHOTS=1 cargo test -p entkit-macros snapshots).

#[automatically_derived]
impl ::entkit::__private::Entity for User {
    type Key = i64;
    #[inline]
    fn def() -> &'static ::entkit::__private::EntityDef {
        static DEF: ::entkit::__private::EntityDef = ::entkit::__private::EntityDef::new(
                "User",
                "users",
                &[
                    ::entkit::__private::FieldDef::new(
                            "id",
                            "id",
                            <i64 as ::entkit::__private::ColumnValue>::TYPE,
                            <i64 as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .primary_key(::entkit::__private::KeyStrategy::AutoIncrement),
                    ::entkit::__private::FieldDef::new(
                        "name",
                        "name",
                        <String as ::entkit::__private::ColumnValue>::TYPE,
                        <String as ::entkit::__private::ColumnValue>::NULLABLE,
                    ),
                ],
                0usize,
            )
            .with_edges(
                &[
                    ::entkit::__private::EdgeDef::new(
                        "roles",
                        <Role as ::entkit::__private::Entity>::def,
                        ::entkit::__private::EdgeKind::many_to_many(
                            "user_roles",
                            "user_id",
                            "role_id",
                            false,
                        ),
                    ),
                    ::entkit::__private::EdgeDef::new(
                        "posts",
                        <Post as ::entkit::__private::Entity>::def,
                        ::entkit::__private::EdgeKind::has_many("author", false),
                    ),
                    ::entkit::__private::EdgeDef::new(
                            "profile",
                            <Profile as ::entkit::__private::Entity>::def,
                            ::entkit::__private::EdgeKind::has_many("user", true),
                        )
                        .unique(),
                    ::entkit::__private::EdgeDef::new(
                        "friends",
                        <User as ::entkit::__private::Entity>::def,
                        ::entkit::__private::EdgeKind::many_to_many(
                            "user_friends",
                            "user_id",
                            "friend_id",
                            true,
                        ),
                    ),
                    ::entkit::__private::EdgeDef::new(
                        "groups",
                        <Group as ::entkit::__private::Entity>::def,
                        ::entkit::__private::EdgeKind::through(
                            <Membership as ::entkit::__private::Entity>::def,
                            ::entkit::__private::through_side::<Membership, User, _>(),
                            ::entkit::__private::through_side::<Membership, Group, _>(),
                        ),
                    ),
                ],
            );
        &DEF
    }
    #[inline]
    fn from_row(
        row: ::entkit::__private::RowRef<'_>,
    ) -> ::entkit::__private::Result<Self> {
        ::core::result::Result::Ok(Self {
            id: <i64 as ::entkit::__private::ColumnValue>::decode(row, 0usize)?,
            name: <String as ::entkit::__private::ColumnValue>::decode(row, 1usize)?,
            edges: ::core::default::Default::default(),
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
impl User {
    ///The `id` column (field `id`).
    pub const ID: ::entkit::__private::Column<User, i64> = ::entkit::__private::Column::new(
        "id",
    );
    ///The `name` column (field `name`).
    pub const NAME: ::entkit::__private::Column<User, String> = ::entkit::__private::Column::new(
        "name",
    );
}
/// Marker types naming the required fields of the create builder.
/// Bare unit structs: they only ever appear inside `entkit::builder::Missing`,
/// whose impls need nothing from them, so they cost no code.
#[doc(hidden)]
#[allow(non_camel_case_types, non_snake_case, dead_code)]
pub mod __user_required {
    pub struct name;
}
///Builder for a new [`User`]; `save` compiles once every required field is set. Made by [`User::create`].
#[must_use = "a create builder does nothing until `save` is called"]
pub struct UserCreate<__Name = ::entkit::__private::Missing<__user_required::name>> {
    inner: ::entkit::__private::Create<User>,
    _state: ::core::marker::PhantomData<fn() -> (__Name,)>,
}
#[automatically_derived]
impl<__Name> ::core::fmt::Debug for UserCreate<__Name> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        ::core::fmt::Debug::fmt(&self.inner, f)
    }
}
impl User {
    ///Starts building a new `User`.
    #[inline]
    pub fn create() -> UserCreate {
        UserCreate {
            inner: ::entkit::__private::Create::new(),
            _state: ::core::marker::PhantomData,
        }
    }
}
#[allow(clippy::new_ret_no_self)]
impl<__Name> UserCreate<__Name> {
    ///Sets `name`.
    pub fn name(
        mut self,
        value: impl ::entkit::__private::Operand<String>,
    ) -> UserCreate<::entkit::__private::Set> {
        self.inner.set(1usize, ::entkit::__private::Operand::into_operand(value));
        UserCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
}
impl<__Name: ::entkit::__private::IsSet> UserCreate<__Name> {
    /// Inserts the row and returns the stored entity.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<User>> {
        self.inner.save(exec)
    }
    /// Inserts the row or, when it conflicts with an existing one, applies
    /// `on_conflict`; `None` when the conflict was resolved by doing nothing.
    pub fn upsert<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
        on_conflict: &::entkit::__private::OnConflict<User>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<User>>,
    > {
        self.inner.upsert(exec, on_conflict)
    }
}
#[automatically_derived]
impl<__Name: ::entkit::__private::IsSet> ::entkit::__private::Savable<User>
for UserCreate<__Name> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<User> {
        ::entkit::__private::SaveOp::Create(self.inner)
    }
}
impl User {
    /// Inserts many rows in as few statements as the backend allows and
    /// returns them as stored (not on MySQL proper; see `insert_many`).
    pub fn create_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = UserCreate<::entkit::__private::Set>,
        >,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<User>>,
    > {
        ::entkit::__private::Create::save_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Inserts many rows in as few statements as the backend allows;
    /// returns how many were written.
    pub fn insert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = UserCreate<::entkit::__private::Set>,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<u64>> {
        ::entkit::__private::Create::insert_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Bulk upsert; returns the rows inserted or updated.
    pub fn upsert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = UserCreate<::entkit::__private::Set>,
        >,
        on_conflict: &::entkit::__private::OnConflict<User>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<User>>,
    > {
        ::entkit::__private::Create::upsert_many(
            exec,
            rows.into_iter().map(|r| r.inner),
            on_conflict,
        )
    }
}
///Update builder for [`User`]: by key from [`User::update_by_id`] / `update()`, or by filter from [`User::update_many`].
#[must_use = "an update builder does nothing until `save` or `exec` is called"]
#[derive(Debug)]
pub struct UserUpdate<M = ::entkit::__private::Update<User>> {
    inner: M,
}
impl<M: ::entkit::__private::Assign> UserUpdate<M> {
    ///Sets `name`.
    pub fn set_name(mut self, value: impl ::entkit::__private::Operand<String>) -> Self {
        self.inner.assign(1usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
}
impl UserUpdate<::entkit::__private::Update<User>> {
    /// Restricts the update to rows matching `predicate`.
    #[inline]
    pub fn filter(mut self, predicate: ::entkit::__private::Predicate<User>) -> Self {
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
        Output = ::entkit::__private::Result<::std::vec::Vec<User>>,
    > {
        self.inner.exec_returning(exec)
    }
}
impl UserUpdate<::entkit::__private::UpdateOne<User>> {
    /// Applies the update and returns the entity as stored.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<User>> {
        self.inner.save(exec)
    }
}
#[automatically_derived]
impl ::entkit::__private::Savable<User>
for UserUpdate<::entkit::__private::UpdateOne<User>> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<User> {
        ::entkit::__private::SaveOp::Update(self.inner)
    }
}
impl User {
    /// A query over all rows; narrow it with `filter`.
    #[inline]
    pub fn query() -> ::entkit::__private::Query<User> {
        ::entkit::__private::Query::new()
    }
    /// The row with this key, or `Error::NotFound`.
    pub fn get<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<User>> {
        ::entkit::__private::get_by_key::<User>(exec, key)
    }
    /// The row with this key, if any.
    pub fn find<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<User>>,
    > {
        ::entkit::__private::find_by_key::<User>(exec, key)
    }
    /// An update of the row with this key.
    #[inline]
    pub fn update_by_id(key: i64) -> UserUpdate<::entkit::__private::UpdateOne<User>> {
        UserUpdate {
            inner: ::entkit::__private::UpdateOne::new(key),
        }
    }
    /// An update of this row.
    #[inline]
    pub fn update(&self) -> UserUpdate<::entkit::__private::UpdateOne<User>> {
        Self::update_by_id(::entkit::__private::Entity::key(self))
    }
    /// An update of every row matching the builder's `filter`.
    #[inline]
    pub fn update_many() -> UserUpdate {
        UserUpdate {
            inner: ::entkit::__private::Update::new(),
        }
    }
    /// Deletes the row with this key, or `Error::NotFound`.
    pub fn delete_by_id<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<User>(exec, key)
    }
    /// Deletes this row.
    pub fn delete<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<
            User,
        >(exec, ::entkit::__private::Entity::key(self))
    }
    /// A delete of every row matching its `filter`.
    #[inline]
    pub fn delete_many() -> ::entkit::__private::Delete<User> {
        ::entkit::__private::Delete::new()
    }
}
impl ::core::fmt::Debug for User {
    #[inline]
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("edges", &self.edges)
            .finish()
    }
}
/// Edge handles for traversal, edge predicates and eager loading.
impl User {
    ///The `roles` edge to [`Role`].
    pub const ROLES: ::entkit::__private::Edge<User, Role> = ::entkit::__private::Edge::new(
        0usize,
        |entity, loaded| {
            entity.edges.roles = ::core::option::Option::Some(loaded);
        },
    );
    ///The `posts` edge to [`Post`].
    pub const POSTS: ::entkit::__private::Edge<User, Post> = ::entkit::__private::Edge::new(
        1usize,
        |entity, loaded| {
            entity.edges.posts = ::core::option::Option::Some(loaded);
        },
    );
    ///The `profile` edge to [`Profile`].
    pub const PROFILE: ::entkit::__private::Edge<User, Profile> = ::entkit::__private::Edge::new(
        2usize,
        |entity, loaded| {
            entity.edges.profile = ::core::option::Option::Some(loaded);
        },
    );
    ///The `friends` edge to [`User`].
    pub const FRIENDS: ::entkit::__private::Edge<User, User> = ::entkit::__private::Edge::new(
        3usize,
        |entity, loaded| {
            entity.edges.friends = ::core::option::Option::Some(loaded);
        },
    );
    ///The `groups` edge to [`Group`].
    pub const GROUPS: ::entkit::__private::Edge<User, Group> = ::entkit::__private::Edge::new(
        4usize,
        |entity, loaded| {
            entity.edges.groups = ::core::option::Option::Some(loaded);
        },
    );
}
impl User {
    ///A query over this row's `roles` neighbours.
    #[inline]
    pub fn query_roles(&self) -> ::entkit::__private::Query<Role> {
        Self::ROLES.query_from(::entkit::__private::Entity::key(self))
    }
    ///Adds neighbours to `roles` by key (already present ones are kept).
    pub fn add_roles<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
        keys: impl ::core::iter::IntoIterator<
            Item = <Role as ::entkit::__private::Entity>::Key,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        Self::ROLES.add(exec, ::entkit::__private::Entity::key(self), keys)
    }
    ///Removes neighbours from `roles` by key.
    pub fn remove_roles<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
        keys: impl ::core::iter::IntoIterator<
            Item = <Role as ::entkit::__private::Entity>::Key,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<u64>> {
        Self::ROLES.remove(exec, ::entkit::__private::Entity::key(self), keys)
    }
    ///Makes `roles` exactly these neighbours, in one transaction.
    pub fn set_roles<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
        keys: impl ::core::iter::IntoIterator<
            Item = <Role as ::entkit::__private::Entity>::Key,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        Self::ROLES.set(exec, ::entkit::__private::Entity::key(self), keys)
    }
    ///Removes every neighbour from `roles`.
    pub fn clear_roles<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<u64>> {
        Self::ROLES.clear(exec, ::entkit::__private::Entity::key(self))
    }
    ///A query over this row's `posts` neighbours.
    #[inline]
    pub fn query_posts(&self) -> ::entkit::__private::Query<Post> {
        Self::POSTS.query_from(::entkit::__private::Entity::key(self))
    }
    ///Adds neighbours to `posts` by key (already present ones are kept).
    pub fn add_posts<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
        keys: impl ::core::iter::IntoIterator<
            Item = <Post as ::entkit::__private::Entity>::Key,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        Self::POSTS.add(exec, ::entkit::__private::Entity::key(self), keys)
    }
    ///Removes neighbours from `posts` by key.
    pub fn remove_posts<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
        keys: impl ::core::iter::IntoIterator<
            Item = <Post as ::entkit::__private::Entity>::Key,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<u64>> {
        Self::POSTS.remove(exec, ::entkit::__private::Entity::key(self), keys)
    }
    ///Makes `posts` exactly these neighbours, in one transaction.
    pub fn set_posts<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
        keys: impl ::core::iter::IntoIterator<
            Item = <Post as ::entkit::__private::Entity>::Key,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        Self::POSTS.set(exec, ::entkit::__private::Entity::key(self), keys)
    }
    ///Removes every neighbour from `posts`.
    pub fn clear_posts<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<u64>> {
        Self::POSTS.clear(exec, ::entkit::__private::Entity::key(self))
    }
    ///A query over this row's `profile` neighbours.
    #[inline]
    pub fn query_profile(&self) -> ::entkit::__private::Query<Profile> {
        Self::PROFILE.query_from(::entkit::__private::Entity::key(self))
    }
    ///A query over this row's `friends` neighbours.
    #[inline]
    pub fn query_friends(&self) -> ::entkit::__private::Query<User> {
        Self::FRIENDS.query_from(::entkit::__private::Entity::key(self))
    }
    ///Adds neighbours to `friends` by key (already present ones are kept).
    pub fn add_friends<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
        keys: impl ::core::iter::IntoIterator<
            Item = <User as ::entkit::__private::Entity>::Key,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        Self::FRIENDS.add(exec, ::entkit::__private::Entity::key(self), keys)
    }
    ///Removes neighbours from `friends` by key.
    pub fn remove_friends<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
        keys: impl ::core::iter::IntoIterator<
            Item = <User as ::entkit::__private::Entity>::Key,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<u64>> {
        Self::FRIENDS.remove(exec, ::entkit::__private::Entity::key(self), keys)
    }
    ///Makes `friends` exactly these neighbours, in one transaction.
    pub fn set_friends<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
        keys: impl ::core::iter::IntoIterator<
            Item = <User as ::entkit::__private::Entity>::Key,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        Self::FRIENDS.set(exec, ::entkit::__private::Entity::key(self), keys)
    }
    ///Removes every neighbour from `friends`.
    pub fn clear_friends<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<u64>> {
        Self::FRIENDS.clear(exec, ::entkit::__private::Entity::key(self))
    }
    ///A query over this row's `groups` neighbours.
    #[inline]
    pub fn query_groups(&self) -> ::entkit::__private::Query<Group> {
        Self::GROUPS.query_from(::entkit::__private::Entity::key(self))
    }
}
///Neighbours of a [`User`] loaded by `Query::with`.
#[derive(Default, Clone)]
pub struct UserEdges {
    ///Loaded `roles` neighbours; `None` until loaded with `with`.
    pub roles: ::core::option::Option<::std::vec::Vec<::std::sync::Arc<Role>>>,
    ///Loaded `posts` neighbours; `None` until loaded with `with`.
    pub posts: ::core::option::Option<::std::vec::Vec<::std::sync::Arc<Post>>>,
    ///Loaded `profile` neighbours; `None` until loaded with `with`.
    pub profile: ::core::option::Option<::std::vec::Vec<::std::sync::Arc<Profile>>>,
    ///Loaded `friends` neighbours; `None` until loaded with `with`.
    pub friends: ::core::option::Option<::std::vec::Vec<::std::sync::Arc<User>>>,
    ///Loaded `groups` neighbours; `None` until loaded with `with`.
    pub groups: ::core::option::Option<::std::vec::Vec<::std::sync::Arc<Group>>>,
}
impl UserEdges {
    ///The loaded `roles` neighbours; an error if the edge was not loaded.
    #[inline]
    pub fn roles(&self) -> ::entkit::__private::Result<&[::std::sync::Arc<Role>]> {
        self.roles
            .as_deref()
            .ok_or(::entkit::__private::Error::EdgeNotLoaded {
                edge: "roles",
            })
    }
    ///The loaded `posts` neighbours; an error if the edge was not loaded.
    #[inline]
    pub fn posts(&self) -> ::entkit::__private::Result<&[::std::sync::Arc<Post>]> {
        self.posts
            .as_deref()
            .ok_or(::entkit::__private::Error::EdgeNotLoaded {
                edge: "posts",
            })
    }
    ///The loaded `profile` neighbour, if any; an error if the edge was not loaded.
    #[inline]
    pub fn profile(
        &self,
    ) -> ::entkit::__private::Result<::core::option::Option<&Profile>> {
        match &self.profile {
            ::core::option::Option::Some(v) => {
                ::core::result::Result::Ok(v.first().map(|n| &**n))
            }
            ::core::option::Option::None => {
                ::core::result::Result::Err(::entkit::__private::Error::EdgeNotLoaded {
                    edge: "profile",
                })
            }
        }
    }
    ///The loaded `friends` neighbours; an error if the edge was not loaded.
    #[inline]
    pub fn friends(&self) -> ::entkit::__private::Result<&[::std::sync::Arc<User>]> {
        self.friends
            .as_deref()
            .ok_or(::entkit::__private::Error::EdgeNotLoaded {
                edge: "friends",
            })
    }
    ///The loaded `groups` neighbours; an error if the edge was not loaded.
    #[inline]
    pub fn groups(&self) -> ::entkit::__private::Result<&[::std::sync::Arc<Group>]> {
        self.groups
            .as_deref()
            .ok_or(::entkit::__private::Error::EdgeNotLoaded {
                edge: "groups",
            })
    }
}
/// Shows which edges are loaded and how many neighbours each holds.
#[automatically_derived]
impl ::core::fmt::Debug for UserEdges {
    #[inline]
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("UserEdges")
            .field("roles", &self.roles.as_ref().map(|v| v.len()))
            .field("posts", &self.posts.as_ref().map(|v| v.len()))
            .field("profile", &self.profile.as_ref().map(|v| v.len()))
            .field("friends", &self.friends.as_ref().map(|v| v.len()))
            .field("groups", &self.groups.as_ref().map(|v| v.len()))
            .finish()
    }
}
#[allow(dead_code, clippy::let_underscore_untyped)]
const _: () = {
    fn check() {
        ::entkit::__private::assert_entity::<Role>();
    }
};
#[allow(dead_code, clippy::let_underscore_untyped)]
const _: () = {
    fn check() {
        ::entkit::__private::assert_entity::<Post>();
        let _: ::entkit::__private::Edge<Post, User> = <Post>::AUTHOR;
    }
};
#[allow(dead_code, clippy::let_underscore_untyped)]
const _: () = {
    fn check() {
        ::entkit::__private::assert_entity::<Profile>();
        let _: ::entkit::__private::Edge<Profile, User> = <Profile>::USER;
    }
};
#[allow(dead_code, clippy::let_underscore_untyped)]
const _: () = {
    fn check() {
        ::entkit::__private::assert_entity::<User>();
    }
};
#[allow(dead_code, clippy::let_underscore_untyped)]
const _: () = {
    fn check() {
        ::entkit::__private::assert_entity::<Group>();
        ::entkit::__private::assert_entity::<Membership>();
    }
};
#[doc(hidden)]
#[allow(non_camel_case_types, dead_code)]
struct __entkit_join_table_user_roles;
#[doc(hidden)]
#[allow(non_camel_case_types, dead_code)]
struct __entkit_join_table_user_friends;
#[automatically_derived]
impl ::entkit::__private::Entity for Role {
    type Key = i64;
    #[inline]
    fn def() -> &'static ::entkit::__private::EntityDef {
        static DEF: ::entkit::__private::EntityDef = ::entkit::__private::EntityDef::new(
                "Role",
                "roles",
                &[
                    ::entkit::__private::FieldDef::new(
                            "id",
                            "id",
                            <i64 as ::entkit::__private::ColumnValue>::TYPE,
                            <i64 as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .primary_key(::entkit::__private::KeyStrategy::AutoIncrement),
                    ::entkit::__private::FieldDef::new(
                        "name",
                        "name",
                        <String as ::entkit::__private::ColumnValue>::TYPE,
                        <String as ::entkit::__private::ColumnValue>::NULLABLE,
                    ),
                ],
                0usize,
            )
            .with_edges(
                &[
                    ::entkit::__private::EdgeDef::new(
                        "users",
                        <User as ::entkit::__private::Entity>::def,
                        ::entkit::__private::EdgeKind::many_to_many_inverse("roles"),
                    ),
                ],
            );
        &DEF
    }
    #[inline]
    fn from_row(
        row: ::entkit::__private::RowRef<'_>,
    ) -> ::entkit::__private::Result<Self> {
        ::core::result::Result::Ok(Self {
            id: <i64 as ::entkit::__private::ColumnValue>::decode(row, 0usize)?,
            name: <String as ::entkit::__private::ColumnValue>::decode(row, 1usize)?,
            edges: ::core::default::Default::default(),
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
impl Role {
    ///The `id` column (field `id`).
    pub const ID: ::entkit::__private::Column<Role, i64> = ::entkit::__private::Column::new(
        "id",
    );
    ///The `name` column (field `name`).
    pub const NAME: ::entkit::__private::Column<Role, String> = ::entkit::__private::Column::new(
        "name",
    );
}
/// Marker types naming the required fields of the create builder.
/// Bare unit structs: they only ever appear inside `entkit::builder::Missing`,
/// whose impls need nothing from them, so they cost no code.
#[doc(hidden)]
#[allow(non_camel_case_types, non_snake_case, dead_code)]
pub mod __role_required {
    pub struct name;
}
///Builder for a new [`Role`]; `save` compiles once every required field is set. Made by [`Role::create`].
#[must_use = "a create builder does nothing until `save` is called"]
pub struct RoleCreate<__Name = ::entkit::__private::Missing<__role_required::name>> {
    inner: ::entkit::__private::Create<Role>,
    _state: ::core::marker::PhantomData<fn() -> (__Name,)>,
}
#[automatically_derived]
impl<__Name> ::core::fmt::Debug for RoleCreate<__Name> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        ::core::fmt::Debug::fmt(&self.inner, f)
    }
}
impl Role {
    ///Starts building a new `Role`.
    #[inline]
    pub fn create() -> RoleCreate {
        RoleCreate {
            inner: ::entkit::__private::Create::new(),
            _state: ::core::marker::PhantomData,
        }
    }
}
#[allow(clippy::new_ret_no_self)]
impl<__Name> RoleCreate<__Name> {
    ///Sets `name`.
    pub fn name(
        mut self,
        value: impl ::entkit::__private::Operand<String>,
    ) -> RoleCreate<::entkit::__private::Set> {
        self.inner.set(1usize, ::entkit::__private::Operand::into_operand(value));
        RoleCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
}
impl<__Name: ::entkit::__private::IsSet> RoleCreate<__Name> {
    /// Inserts the row and returns the stored entity.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Role>> {
        self.inner.save(exec)
    }
    /// Inserts the row or, when it conflicts with an existing one, applies
    /// `on_conflict`; `None` when the conflict was resolved by doing nothing.
    pub fn upsert<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
        on_conflict: &::entkit::__private::OnConflict<Role>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<Role>>,
    > {
        self.inner.upsert(exec, on_conflict)
    }
}
#[automatically_derived]
impl<__Name: ::entkit::__private::IsSet> ::entkit::__private::Savable<Role>
for RoleCreate<__Name> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<Role> {
        ::entkit::__private::SaveOp::Create(self.inner)
    }
}
impl Role {
    /// Inserts many rows in as few statements as the backend allows and
    /// returns them as stored (not on MySQL proper; see `insert_many`).
    pub fn create_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = RoleCreate<::entkit::__private::Set>,
        >,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Role>>,
    > {
        ::entkit::__private::Create::save_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Inserts many rows in as few statements as the backend allows;
    /// returns how many were written.
    pub fn insert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = RoleCreate<::entkit::__private::Set>,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<u64>> {
        ::entkit::__private::Create::insert_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Bulk upsert; returns the rows inserted or updated.
    pub fn upsert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = RoleCreate<::entkit::__private::Set>,
        >,
        on_conflict: &::entkit::__private::OnConflict<Role>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Role>>,
    > {
        ::entkit::__private::Create::upsert_many(
            exec,
            rows.into_iter().map(|r| r.inner),
            on_conflict,
        )
    }
}
///Update builder for [`Role`]: by key from [`Role::update_by_id`] / `update()`, or by filter from [`Role::update_many`].
#[must_use = "an update builder does nothing until `save` or `exec` is called"]
#[derive(Debug)]
pub struct RoleUpdate<M = ::entkit::__private::Update<Role>> {
    inner: M,
}
impl<M: ::entkit::__private::Assign> RoleUpdate<M> {
    ///Sets `name`.
    pub fn set_name(mut self, value: impl ::entkit::__private::Operand<String>) -> Self {
        self.inner.assign(1usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
}
impl RoleUpdate<::entkit::__private::Update<Role>> {
    /// Restricts the update to rows matching `predicate`.
    #[inline]
    pub fn filter(mut self, predicate: ::entkit::__private::Predicate<Role>) -> Self {
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
        Output = ::entkit::__private::Result<::std::vec::Vec<Role>>,
    > {
        self.inner.exec_returning(exec)
    }
}
impl RoleUpdate<::entkit::__private::UpdateOne<Role>> {
    /// Applies the update and returns the entity as stored.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Role>> {
        self.inner.save(exec)
    }
}
#[automatically_derived]
impl ::entkit::__private::Savable<Role>
for RoleUpdate<::entkit::__private::UpdateOne<Role>> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<Role> {
        ::entkit::__private::SaveOp::Update(self.inner)
    }
}
impl Role {
    /// A query over all rows; narrow it with `filter`.
    #[inline]
    pub fn query() -> ::entkit::__private::Query<Role> {
        ::entkit::__private::Query::new()
    }
    /// The row with this key, or `Error::NotFound`.
    pub fn get<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Role>> {
        ::entkit::__private::get_by_key::<Role>(exec, key)
    }
    /// The row with this key, if any.
    pub fn find<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<Role>>,
    > {
        ::entkit::__private::find_by_key::<Role>(exec, key)
    }
    /// An update of the row with this key.
    #[inline]
    pub fn update_by_id(key: i64) -> RoleUpdate<::entkit::__private::UpdateOne<Role>> {
        RoleUpdate {
            inner: ::entkit::__private::UpdateOne::new(key),
        }
    }
    /// An update of this row.
    #[inline]
    pub fn update(&self) -> RoleUpdate<::entkit::__private::UpdateOne<Role>> {
        Self::update_by_id(::entkit::__private::Entity::key(self))
    }
    /// An update of every row matching the builder's `filter`.
    #[inline]
    pub fn update_many() -> RoleUpdate {
        RoleUpdate {
            inner: ::entkit::__private::Update::new(),
        }
    }
    /// Deletes the row with this key, or `Error::NotFound`.
    pub fn delete_by_id<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<Role>(exec, key)
    }
    /// Deletes this row.
    pub fn delete<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<
            Role,
        >(exec, ::entkit::__private::Entity::key(self))
    }
    /// A delete of every row matching its `filter`.
    #[inline]
    pub fn delete_many() -> ::entkit::__private::Delete<Role> {
        ::entkit::__private::Delete::new()
    }
}
impl ::core::fmt::Debug for Role {
    #[inline]
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("Role")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("edges", &self.edges)
            .finish()
    }
}
/// Edge handles for traversal, edge predicates and eager loading.
impl Role {
    ///The `users` edge to [`User`].
    pub const USERS: ::entkit::__private::Edge<Role, User> = ::entkit::__private::Edge::new(
        0usize,
        |entity, loaded| {
            entity.edges.users = ::core::option::Option::Some(loaded);
        },
    );
}
impl Role {
    ///A query over this row's `users` neighbours.
    #[inline]
    pub fn query_users(&self) -> ::entkit::__private::Query<User> {
        Self::USERS.query_from(::entkit::__private::Entity::key(self))
    }
    ///Adds neighbours to `users` by key (already present ones are kept).
    pub fn add_users<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
        keys: impl ::core::iter::IntoIterator<
            Item = <User as ::entkit::__private::Entity>::Key,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        Self::USERS.add(exec, ::entkit::__private::Entity::key(self), keys)
    }
    ///Removes neighbours from `users` by key.
    pub fn remove_users<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
        keys: impl ::core::iter::IntoIterator<
            Item = <User as ::entkit::__private::Entity>::Key,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<u64>> {
        Self::USERS.remove(exec, ::entkit::__private::Entity::key(self), keys)
    }
    ///Makes `users` exactly these neighbours, in one transaction.
    pub fn set_users<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
        keys: impl ::core::iter::IntoIterator<
            Item = <User as ::entkit::__private::Entity>::Key,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        Self::USERS.set(exec, ::entkit::__private::Entity::key(self), keys)
    }
    ///Removes every neighbour from `users`.
    pub fn clear_users<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<u64>> {
        Self::USERS.clear(exec, ::entkit::__private::Entity::key(self))
    }
}
///Neighbours of a [`Role`] loaded by `Query::with`.
#[derive(Default, Clone)]
pub struct RoleEdges {
    ///Loaded `users` neighbours; `None` until loaded with `with`.
    pub users: ::core::option::Option<::std::vec::Vec<::std::sync::Arc<User>>>,
}
impl RoleEdges {
    ///The loaded `users` neighbours; an error if the edge was not loaded.
    #[inline]
    pub fn users(&self) -> ::entkit::__private::Result<&[::std::sync::Arc<User>]> {
        self.users
            .as_deref()
            .ok_or(::entkit::__private::Error::EdgeNotLoaded {
                edge: "users",
            })
    }
}
/// Shows which edges are loaded and how many neighbours each holds.
#[automatically_derived]
impl ::core::fmt::Debug for RoleEdges {
    #[inline]
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("RoleEdges")
            .field("users", &self.users.as_ref().map(|v| v.len()))
            .finish()
    }
}
#[allow(dead_code, clippy::let_underscore_untyped)]
const _: () = {
    fn check() {
        ::entkit::__private::assert_entity::<User>();
        let _: ::entkit::__private::Edge<User, Role> = <User>::ROLES;
    }
};
#[automatically_derived]
impl ::entkit::__private::Entity for Post {
    type Key = i64;
    #[inline]
    fn def() -> &'static ::entkit::__private::EntityDef {
        static DEF: ::entkit::__private::EntityDef = ::entkit::__private::EntityDef::new(
                "Post",
                "posts",
                &[
                    ::entkit::__private::FieldDef::new(
                            "id",
                            "id",
                            <i64 as ::entkit::__private::ColumnValue>::TYPE,
                            <i64 as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .primary_key(::entkit::__private::KeyStrategy::AutoIncrement),
                    ::entkit::__private::FieldDef::new(
                            "author_id",
                            "author_id",
                            <Option<i64> as ::entkit::__private::ColumnValue>::TYPE,
                            <Option<i64> as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .indexed(),
                    ::entkit::__private::FieldDef::new(
                        "title",
                        "title",
                        <String as ::entkit::__private::ColumnValue>::TYPE,
                        <String as ::entkit::__private::ColumnValue>::NULLABLE,
                    ),
                ],
                0usize,
            )
            .with_indexes(
                &[
                    ::entkit::__private::IndexDef::new(
                        "posts_author_id_idx",
                        &["author_id"],
                    ),
                ],
            )
            .with_edges(
                &[
                    ::entkit::__private::EdgeDef::new(
                        "author",
                        <User as ::entkit::__private::Entity>::def,
                        ::entkit::__private::EdgeKind::belongs_to(
                            "author_id",
                            ::entkit::__private::OnDelete::SetNull,
                        ),
                    ),
                ],
            );
        &DEF
    }
    #[inline]
    fn from_row(
        row: ::entkit::__private::RowRef<'_>,
    ) -> ::entkit::__private::Result<Self> {
        ::core::result::Result::Ok(Self {
            id: <i64 as ::entkit::__private::ColumnValue>::decode(row, 0usize)?,
            author_id: <Option<
                i64,
            > as ::entkit::__private::ColumnValue>::decode(row, 1usize)?,
            title: <String as ::entkit::__private::ColumnValue>::decode(row, 2usize)?,
            edges: ::core::default::Default::default(),
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
            "author_id" => {
                ::core::option::Option::Some(
                    <Option<
                        i64,
                    > as ::entkit::__private::ColumnValue>::into_value(
                        ::core::clone::Clone::clone(&self.author_id),
                    ),
                )
            }
            _ => ::core::option::Option::None,
        }
    }
}
/// Column handles for building predicates and ordering.
#[allow(dead_code)]
impl Post {
    ///The `id` column (field `id`).
    pub const ID: ::entkit::__private::Column<Post, i64> = ::entkit::__private::Column::new(
        "id",
    );
    ///The `author_id` column (field `author_id`).
    pub const AUTHOR_ID: ::entkit::__private::Column<Post, Option<i64>> = ::entkit::__private::Column::new(
        "author_id",
    );
    ///The `title` column (field `title`).
    pub const TITLE: ::entkit::__private::Column<Post, String> = ::entkit::__private::Column::new(
        "title",
    );
}
/// Marker types naming the required fields of the create builder.
/// Bare unit structs: they only ever appear inside `entkit::builder::Missing`,
/// whose impls need nothing from them, so they cost no code.
#[doc(hidden)]
#[allow(non_camel_case_types, non_snake_case, dead_code)]
pub mod __post_required {
    pub struct title;
}
///Builder for a new [`Post`]; `save` compiles once every required field is set. Made by [`Post::create`].
#[must_use = "a create builder does nothing until `save` is called"]
pub struct PostCreate<__Title = ::entkit::__private::Missing<__post_required::title>> {
    inner: ::entkit::__private::Create<Post>,
    _state: ::core::marker::PhantomData<fn() -> (__Title,)>,
}
#[automatically_derived]
impl<__Title> ::core::fmt::Debug for PostCreate<__Title> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        ::core::fmt::Debug::fmt(&self.inner, f)
    }
}
impl Post {
    ///Starts building a new `Post`.
    #[inline]
    pub fn create() -> PostCreate {
        PostCreate {
            inner: ::entkit::__private::Create::new(),
            _state: ::core::marker::PhantomData,
        }
    }
}
#[allow(clippy::new_ret_no_self)]
impl<__Title> PostCreate<__Title> {
    ///Sets `author_id`.
    pub fn author_id(
        mut self,
        value: impl ::entkit::__private::Operand<Option<i64>>,
    ) -> Self {
        self.inner.set(1usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `title`.
    pub fn title(
        mut self,
        value: impl ::entkit::__private::Operand<String>,
    ) -> PostCreate<::entkit::__private::Set> {
        self.inner.set(2usize, ::entkit::__private::Operand::into_operand(value));
        PostCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
}
impl<__Title: ::entkit::__private::IsSet> PostCreate<__Title> {
    /// Inserts the row and returns the stored entity.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Post>> {
        self.inner.save(exec)
    }
    /// Inserts the row or, when it conflicts with an existing one, applies
    /// `on_conflict`; `None` when the conflict was resolved by doing nothing.
    pub fn upsert<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
        on_conflict: &::entkit::__private::OnConflict<Post>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<Post>>,
    > {
        self.inner.upsert(exec, on_conflict)
    }
}
#[automatically_derived]
impl<__Title: ::entkit::__private::IsSet> ::entkit::__private::Savable<Post>
for PostCreate<__Title> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<Post> {
        ::entkit::__private::SaveOp::Create(self.inner)
    }
}
impl Post {
    /// Inserts many rows in as few statements as the backend allows and
    /// returns them as stored (not on MySQL proper; see `insert_many`).
    pub fn create_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = PostCreate<::entkit::__private::Set>,
        >,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Post>>,
    > {
        ::entkit::__private::Create::save_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Inserts many rows in as few statements as the backend allows;
    /// returns how many were written.
    pub fn insert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = PostCreate<::entkit::__private::Set>,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<u64>> {
        ::entkit::__private::Create::insert_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Bulk upsert; returns the rows inserted or updated.
    pub fn upsert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = PostCreate<::entkit::__private::Set>,
        >,
        on_conflict: &::entkit::__private::OnConflict<Post>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Post>>,
    > {
        ::entkit::__private::Create::upsert_many(
            exec,
            rows.into_iter().map(|r| r.inner),
            on_conflict,
        )
    }
}
///Update builder for [`Post`]: by key from [`Post::update_by_id`] / `update()`, or by filter from [`Post::update_many`].
#[must_use = "an update builder does nothing until `save` or `exec` is called"]
#[derive(Debug)]
pub struct PostUpdate<M = ::entkit::__private::Update<Post>> {
    inner: M,
}
impl<M: ::entkit::__private::Assign> PostUpdate<M> {
    ///Adds `delta` to `author_id` in the database (`author_id = author_id + delta`).
    pub fn add_author_id(mut self, delta: i64) -> Self {
        self.inner
            .assign_add(1usize, ::entkit::__private::ColumnValue::into_value(delta));
        self
    }
    ///Sets `author_id`.
    pub fn set_author_id(
        mut self,
        value: impl ::entkit::__private::Operand<Option<i64>>,
    ) -> Self {
        self.inner.assign(1usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `author_id` to NULL.
    pub fn clear_author_id(mut self) -> Self {
        self.inner
            .assign(
                1usize,
                ::entkit::__private::Value::Null(
                    <Option<i64> as ::entkit::__private::ColumnValue>::TYPE,
                ),
            );
        self
    }
    ///Sets `title`.
    pub fn set_title(
        mut self,
        value: impl ::entkit::__private::Operand<String>,
    ) -> Self {
        self.inner.assign(2usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
}
impl PostUpdate<::entkit::__private::Update<Post>> {
    /// Restricts the update to rows matching `predicate`.
    #[inline]
    pub fn filter(mut self, predicate: ::entkit::__private::Predicate<Post>) -> Self {
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
        Output = ::entkit::__private::Result<::std::vec::Vec<Post>>,
    > {
        self.inner.exec_returning(exec)
    }
}
impl PostUpdate<::entkit::__private::UpdateOne<Post>> {
    /// Applies the update and returns the entity as stored.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Post>> {
        self.inner.save(exec)
    }
}
#[automatically_derived]
impl ::entkit::__private::Savable<Post>
for PostUpdate<::entkit::__private::UpdateOne<Post>> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<Post> {
        ::entkit::__private::SaveOp::Update(self.inner)
    }
}
impl Post {
    /// A query over all rows; narrow it with `filter`.
    #[inline]
    pub fn query() -> ::entkit::__private::Query<Post> {
        ::entkit::__private::Query::new()
    }
    /// The row with this key, or `Error::NotFound`.
    pub fn get<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Post>> {
        ::entkit::__private::get_by_key::<Post>(exec, key)
    }
    /// The row with this key, if any.
    pub fn find<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<Post>>,
    > {
        ::entkit::__private::find_by_key::<Post>(exec, key)
    }
    /// An update of the row with this key.
    #[inline]
    pub fn update_by_id(key: i64) -> PostUpdate<::entkit::__private::UpdateOne<Post>> {
        PostUpdate {
            inner: ::entkit::__private::UpdateOne::new(key),
        }
    }
    /// An update of this row.
    #[inline]
    pub fn update(&self) -> PostUpdate<::entkit::__private::UpdateOne<Post>> {
        Self::update_by_id(::entkit::__private::Entity::key(self))
    }
    /// An update of every row matching the builder's `filter`.
    #[inline]
    pub fn update_many() -> PostUpdate {
        PostUpdate {
            inner: ::entkit::__private::Update::new(),
        }
    }
    /// Deletes the row with this key, or `Error::NotFound`.
    pub fn delete_by_id<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<Post>(exec, key)
    }
    /// Deletes this row.
    pub fn delete<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<
            Post,
        >(exec, ::entkit::__private::Entity::key(self))
    }
    /// A delete of every row matching its `filter`.
    #[inline]
    pub fn delete_many() -> ::entkit::__private::Delete<Post> {
        ::entkit::__private::Delete::new()
    }
}
impl ::core::fmt::Debug for Post {
    #[inline]
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("Post")
            .field("id", &self.id)
            .field("author_id", &self.author_id)
            .field("title", &self.title)
            .field("edges", &self.edges)
            .finish()
    }
}
/// Edge handles for traversal, edge predicates and eager loading.
impl Post {
    ///The `author` edge to [`User`].
    pub const AUTHOR: ::entkit::__private::Edge<Post, User> = ::entkit::__private::Edge::new_belongs_to(
        0usize,
        |entity, loaded| {
            entity.edges.author = ::core::option::Option::Some(loaded);
        },
    );
}
impl Post {
    ///A query over this row's `author` neighbours.
    #[inline]
    pub fn query_author(&self) -> ::entkit::__private::Query<User> {
        Self::AUTHOR.query_from(::entkit::__private::Entity::key(self))
    }
}
///Neighbours of a [`Post`] loaded by `Query::with`.
#[derive(Default, Clone)]
pub struct PostEdges {
    ///Loaded `author` neighbours; `None` until loaded with `with`.
    pub author: ::core::option::Option<::std::vec::Vec<::std::sync::Arc<User>>>,
}
impl PostEdges {
    ///The loaded `author` neighbour, if any; an error if the edge was not loaded.
    #[inline]
    pub fn author(&self) -> ::entkit::__private::Result<::core::option::Option<&User>> {
        match &self.author {
            ::core::option::Option::Some(v) => {
                ::core::result::Result::Ok(v.first().map(|n| &**n))
            }
            ::core::option::Option::None => {
                ::core::result::Result::Err(::entkit::__private::Error::EdgeNotLoaded {
                    edge: "author",
                })
            }
        }
    }
}
/// Shows which edges are loaded and how many neighbours each holds.
#[automatically_derived]
impl ::core::fmt::Debug for PostEdges {
    #[inline]
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("PostEdges")
            .field("author", &self.author.as_ref().map(|v| v.len()))
            .finish()
    }
}
#[allow(dead_code, clippy::let_underscore_untyped)]
const _: () = {
    fn check() {
        ::entkit::__private::assert_entity::<User>();
        ::entkit::__private::assert_key::<User, i64>();
    }
};
#[automatically_derived]
impl ::entkit::__private::BelongsTo<User, ::entkit::__private::EdgeAt<0usize>> for Post {
    const EDGE: &'static str = "author";
}
#[automatically_derived]
impl ::entkit::__private::Entity for Profile {
    type Key = i64;
    #[inline]
    fn def() -> &'static ::entkit::__private::EntityDef {
        static DEF: ::entkit::__private::EntityDef = ::entkit::__private::EntityDef::new(
                "Profile",
                "profiles",
                &[
                    ::entkit::__private::FieldDef::new(
                            "id",
                            "id",
                            <i64 as ::entkit::__private::ColumnValue>::TYPE,
                            <i64 as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .primary_key(::entkit::__private::KeyStrategy::AutoIncrement),
                    ::entkit::__private::FieldDef::new(
                            "user_id",
                            "user_id",
                            <i64 as ::entkit::__private::ColumnValue>::TYPE,
                            <i64 as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .indexed(),
                ],
                0usize,
            )
            .with_indexes(
                &[
                    ::entkit::__private::IndexDef::new(
                            "profiles_user_id_key",
                            &["user_id"],
                        )
                        .unique(),
                ],
            )
            .with_edges(
                &[
                    ::entkit::__private::EdgeDef::new(
                            "user",
                            <User as ::entkit::__private::Entity>::def,
                            ::entkit::__private::EdgeKind::belongs_to(
                                "user_id",
                                ::entkit::__private::OnDelete::Cascade,
                            ),
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
            id: <i64 as ::entkit::__private::ColumnValue>::decode(row, 0usize)?,
            user_id: <i64 as ::entkit::__private::ColumnValue>::decode(row, 1usize)?,
            edges: ::core::default::Default::default(),
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
            "user_id" => {
                ::core::option::Option::Some(
                    <i64 as ::entkit::__private::ColumnValue>::into_value(
                        ::core::clone::Clone::clone(&self.user_id),
                    ),
                )
            }
            _ => ::core::option::Option::None,
        }
    }
}
/// Column handles for building predicates and ordering.
#[allow(dead_code)]
impl Profile {
    ///The `id` column (field `id`).
    pub const ID: ::entkit::__private::Column<Profile, i64> = ::entkit::__private::Column::new(
        "id",
    );
    ///The `user_id` column (field `user_id`).
    pub const USER_ID: ::entkit::__private::Column<Profile, i64> = ::entkit::__private::Column::new(
        "user_id",
    );
}
/// Marker types naming the required fields of the create builder.
/// Bare unit structs: they only ever appear inside `entkit::builder::Missing`,
/// whose impls need nothing from them, so they cost no code.
#[doc(hidden)]
#[allow(non_camel_case_types, non_snake_case, dead_code)]
pub mod __profile_required {
    pub struct user_id;
}
///Builder for a new [`Profile`]; `save` compiles once every required field is set. Made by [`Profile::create`].
#[must_use = "a create builder does nothing until `save` is called"]
pub struct ProfileCreate<
    __UserId = ::entkit::__private::Missing<__profile_required::user_id>,
> {
    inner: ::entkit::__private::Create<Profile>,
    _state: ::core::marker::PhantomData<fn() -> (__UserId,)>,
}
#[automatically_derived]
impl<__UserId> ::core::fmt::Debug for ProfileCreate<__UserId> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        ::core::fmt::Debug::fmt(&self.inner, f)
    }
}
impl Profile {
    ///Starts building a new `Profile`.
    #[inline]
    pub fn create() -> ProfileCreate {
        ProfileCreate {
            inner: ::entkit::__private::Create::new(),
            _state: ::core::marker::PhantomData,
        }
    }
}
#[allow(clippy::new_ret_no_self)]
impl<__UserId> ProfileCreate<__UserId> {
    ///Sets `user_id`.
    pub fn user_id(
        mut self,
        value: impl ::entkit::__private::Operand<i64>,
    ) -> ProfileCreate<::entkit::__private::Set> {
        self.inner.set(1usize, ::entkit::__private::Operand::into_operand(value));
        ProfileCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
}
impl<__UserId: ::entkit::__private::IsSet> ProfileCreate<__UserId> {
    /// Inserts the row and returns the stored entity.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Profile>> {
        self.inner.save(exec)
    }
    /// Inserts the row or, when it conflicts with an existing one, applies
    /// `on_conflict`; `None` when the conflict was resolved by doing nothing.
    pub fn upsert<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
        on_conflict: &::entkit::__private::OnConflict<Profile>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<Profile>>,
    > {
        self.inner.upsert(exec, on_conflict)
    }
}
#[automatically_derived]
impl<__UserId: ::entkit::__private::IsSet> ::entkit::__private::Savable<Profile>
for ProfileCreate<__UserId> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<Profile> {
        ::entkit::__private::SaveOp::Create(self.inner)
    }
}
impl Profile {
    /// Inserts many rows in as few statements as the backend allows and
    /// returns them as stored (not on MySQL proper; see `insert_many`).
    pub fn create_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = ProfileCreate<::entkit::__private::Set>,
        >,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Profile>>,
    > {
        ::entkit::__private::Create::save_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Inserts many rows in as few statements as the backend allows;
    /// returns how many were written.
    pub fn insert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = ProfileCreate<::entkit::__private::Set>,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<u64>> {
        ::entkit::__private::Create::insert_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Bulk upsert; returns the rows inserted or updated.
    pub fn upsert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = ProfileCreate<::entkit::__private::Set>,
        >,
        on_conflict: &::entkit::__private::OnConflict<Profile>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Profile>>,
    > {
        ::entkit::__private::Create::upsert_many(
            exec,
            rows.into_iter().map(|r| r.inner),
            on_conflict,
        )
    }
}
///Update builder for [`Profile`]: by key from [`Profile::update_by_id`] / `update()`, or by filter from [`Profile::update_many`].
#[must_use = "an update builder does nothing until `save` or `exec` is called"]
#[derive(Debug)]
pub struct ProfileUpdate<M = ::entkit::__private::Update<Profile>> {
    inner: M,
}
impl<M: ::entkit::__private::Assign> ProfileUpdate<M> {
    ///Adds `delta` to `user_id` in the database (`user_id = user_id + delta`).
    pub fn add_user_id(mut self, delta: i64) -> Self {
        self.inner
            .assign_add(1usize, ::entkit::__private::ColumnValue::into_value(delta));
        self
    }
    ///Sets `user_id`.
    pub fn set_user_id(mut self, value: impl ::entkit::__private::Operand<i64>) -> Self {
        self.inner.assign(1usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
}
impl ProfileUpdate<::entkit::__private::Update<Profile>> {
    /// Restricts the update to rows matching `predicate`.
    #[inline]
    pub fn filter(mut self, predicate: ::entkit::__private::Predicate<Profile>) -> Self {
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
        Output = ::entkit::__private::Result<::std::vec::Vec<Profile>>,
    > {
        self.inner.exec_returning(exec)
    }
}
impl ProfileUpdate<::entkit::__private::UpdateOne<Profile>> {
    /// Applies the update and returns the entity as stored.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Profile>> {
        self.inner.save(exec)
    }
}
#[automatically_derived]
impl ::entkit::__private::Savable<Profile>
for ProfileUpdate<::entkit::__private::UpdateOne<Profile>> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<Profile> {
        ::entkit::__private::SaveOp::Update(self.inner)
    }
}
impl Profile {
    /// A query over all rows; narrow it with `filter`.
    #[inline]
    pub fn query() -> ::entkit::__private::Query<Profile> {
        ::entkit::__private::Query::new()
    }
    /// The row with this key, or `Error::NotFound`.
    pub fn get<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Profile>> {
        ::entkit::__private::get_by_key::<Profile>(exec, key)
    }
    /// The row with this key, if any.
    pub fn find<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<Profile>>,
    > {
        ::entkit::__private::find_by_key::<Profile>(exec, key)
    }
    /// An update of the row with this key.
    #[inline]
    pub fn update_by_id(
        key: i64,
    ) -> ProfileUpdate<::entkit::__private::UpdateOne<Profile>> {
        ProfileUpdate {
            inner: ::entkit::__private::UpdateOne::new(key),
        }
    }
    /// An update of this row.
    #[inline]
    pub fn update(&self) -> ProfileUpdate<::entkit::__private::UpdateOne<Profile>> {
        Self::update_by_id(::entkit::__private::Entity::key(self))
    }
    /// An update of every row matching the builder's `filter`.
    #[inline]
    pub fn update_many() -> ProfileUpdate {
        ProfileUpdate {
            inner: ::entkit::__private::Update::new(),
        }
    }
    /// Deletes the row with this key, or `Error::NotFound`.
    pub fn delete_by_id<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<Profile>(exec, key)
    }
    /// Deletes this row.
    pub fn delete<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<
            Profile,
        >(exec, ::entkit::__private::Entity::key(self))
    }
    /// A delete of every row matching its `filter`.
    #[inline]
    pub fn delete_many() -> ::entkit::__private::Delete<Profile> {
        ::entkit::__private::Delete::new()
    }
}
impl ::core::fmt::Debug for Profile {
    #[inline]
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("Profile")
            .field("id", &self.id)
            .field("user_id", &self.user_id)
            .field("edges", &self.edges)
            .finish()
    }
}
/// Edge handles for traversal, edge predicates and eager loading.
impl Profile {
    ///The `user` edge to [`User`].
    pub const USER: ::entkit::__private::Edge<Profile, User> = ::entkit::__private::Edge::new_belongs_to(
        0usize,
        |entity, loaded| {
            entity.edges.user = ::core::option::Option::Some(loaded);
        },
    );
}
impl Profile {
    ///A query over this row's `user` neighbours.
    #[inline]
    pub fn query_user(&self) -> ::entkit::__private::Query<User> {
        Self::USER.query_from(::entkit::__private::Entity::key(self))
    }
}
///Neighbours of a [`Profile`] loaded by `Query::with`.
#[derive(Default, Clone)]
pub struct ProfileEdges {
    ///Loaded `user` neighbours; `None` until loaded with `with`.
    pub user: ::core::option::Option<::std::vec::Vec<::std::sync::Arc<User>>>,
}
impl ProfileEdges {
    ///The loaded `user` neighbour, if any; an error if the edge was not loaded.
    #[inline]
    pub fn user(&self) -> ::entkit::__private::Result<::core::option::Option<&User>> {
        match &self.user {
            ::core::option::Option::Some(v) => {
                ::core::result::Result::Ok(v.first().map(|n| &**n))
            }
            ::core::option::Option::None => {
                ::core::result::Result::Err(::entkit::__private::Error::EdgeNotLoaded {
                    edge: "user",
                })
            }
        }
    }
}
/// Shows which edges are loaded and how many neighbours each holds.
#[automatically_derived]
impl ::core::fmt::Debug for ProfileEdges {
    #[inline]
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("ProfileEdges")
            .field("user", &self.user.as_ref().map(|v| v.len()))
            .finish()
    }
}
#[allow(dead_code, clippy::let_underscore_untyped)]
const _: () = {
    fn check() {
        ::entkit::__private::assert_entity::<User>();
        ::entkit::__private::assert_key::<User, i64>();
    }
};
#[automatically_derived]
impl ::entkit::__private::BelongsTo<User, ::entkit::__private::EdgeAt<0usize>>
for Profile {
    const EDGE: &'static str = "user";
}
#[automatically_derived]
impl ::entkit::__private::Entity for Group {
    type Key = i64;
    #[inline]
    fn def() -> &'static ::entkit::__private::EntityDef {
        static DEF: ::entkit::__private::EntityDef = ::entkit::__private::EntityDef::new(
                "Group",
                "groups",
                &[
                    ::entkit::__private::FieldDef::new(
                            "id",
                            "id",
                            <i64 as ::entkit::__private::ColumnValue>::TYPE,
                            <i64 as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .primary_key(::entkit::__private::KeyStrategy::AutoIncrement),
                    ::entkit::__private::FieldDef::new(
                        "name",
                        "name",
                        <String as ::entkit::__private::ColumnValue>::TYPE,
                        <String as ::entkit::__private::ColumnValue>::NULLABLE,
                    ),
                ],
                0usize,
            )
            .with_edges(
                &[
                    ::entkit::__private::EdgeDef::new(
                        "members",
                        <User as ::entkit::__private::Entity>::def,
                        ::entkit::__private::EdgeKind::through(
                            <Membership as ::entkit::__private::Entity>::def,
                            ::entkit::__private::through_side::<Membership, Group, _>(),
                            ::entkit::__private::through_side::<Membership, User, _>(),
                        ),
                    ),
                ],
            );
        &DEF
    }
    #[inline]
    fn from_row(
        row: ::entkit::__private::RowRef<'_>,
    ) -> ::entkit::__private::Result<Self> {
        ::core::result::Result::Ok(Self {
            id: <i64 as ::entkit::__private::ColumnValue>::decode(row, 0usize)?,
            name: <String as ::entkit::__private::ColumnValue>::decode(row, 1usize)?,
            edges: ::core::default::Default::default(),
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
impl Group {
    ///The `id` column (field `id`).
    pub const ID: ::entkit::__private::Column<Group, i64> = ::entkit::__private::Column::new(
        "id",
    );
    ///The `name` column (field `name`).
    pub const NAME: ::entkit::__private::Column<Group, String> = ::entkit::__private::Column::new(
        "name",
    );
}
/// Marker types naming the required fields of the create builder.
/// Bare unit structs: they only ever appear inside `entkit::builder::Missing`,
/// whose impls need nothing from them, so they cost no code.
#[doc(hidden)]
#[allow(non_camel_case_types, non_snake_case, dead_code)]
pub mod __group_required {
    pub struct name;
}
///Builder for a new [`Group`]; `save` compiles once every required field is set. Made by [`Group::create`].
#[must_use = "a create builder does nothing until `save` is called"]
pub struct GroupCreate<__Name = ::entkit::__private::Missing<__group_required::name>> {
    inner: ::entkit::__private::Create<Group>,
    _state: ::core::marker::PhantomData<fn() -> (__Name,)>,
}
#[automatically_derived]
impl<__Name> ::core::fmt::Debug for GroupCreate<__Name> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        ::core::fmt::Debug::fmt(&self.inner, f)
    }
}
impl Group {
    ///Starts building a new `Group`.
    #[inline]
    pub fn create() -> GroupCreate {
        GroupCreate {
            inner: ::entkit::__private::Create::new(),
            _state: ::core::marker::PhantomData,
        }
    }
}
#[allow(clippy::new_ret_no_self)]
impl<__Name> GroupCreate<__Name> {
    ///Sets `name`.
    pub fn name(
        mut self,
        value: impl ::entkit::__private::Operand<String>,
    ) -> GroupCreate<::entkit::__private::Set> {
        self.inner.set(1usize, ::entkit::__private::Operand::into_operand(value));
        GroupCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
}
impl<__Name: ::entkit::__private::IsSet> GroupCreate<__Name> {
    /// Inserts the row and returns the stored entity.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Group>> {
        self.inner.save(exec)
    }
    /// Inserts the row or, when it conflicts with an existing one, applies
    /// `on_conflict`; `None` when the conflict was resolved by doing nothing.
    pub fn upsert<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
        on_conflict: &::entkit::__private::OnConflict<Group>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<Group>>,
    > {
        self.inner.upsert(exec, on_conflict)
    }
}
#[automatically_derived]
impl<__Name: ::entkit::__private::IsSet> ::entkit::__private::Savable<Group>
for GroupCreate<__Name> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<Group> {
        ::entkit::__private::SaveOp::Create(self.inner)
    }
}
impl Group {
    /// Inserts many rows in as few statements as the backend allows and
    /// returns them as stored (not on MySQL proper; see `insert_many`).
    pub fn create_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = GroupCreate<::entkit::__private::Set>,
        >,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Group>>,
    > {
        ::entkit::__private::Create::save_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Inserts many rows in as few statements as the backend allows;
    /// returns how many were written.
    pub fn insert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = GroupCreate<::entkit::__private::Set>,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<u64>> {
        ::entkit::__private::Create::insert_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Bulk upsert; returns the rows inserted or updated.
    pub fn upsert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = GroupCreate<::entkit::__private::Set>,
        >,
        on_conflict: &::entkit::__private::OnConflict<Group>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Group>>,
    > {
        ::entkit::__private::Create::upsert_many(
            exec,
            rows.into_iter().map(|r| r.inner),
            on_conflict,
        )
    }
}
///Update builder for [`Group`]: by key from [`Group::update_by_id`] / `update()`, or by filter from [`Group::update_many`].
#[must_use = "an update builder does nothing until `save` or `exec` is called"]
#[derive(Debug)]
pub struct GroupUpdate<M = ::entkit::__private::Update<Group>> {
    inner: M,
}
impl<M: ::entkit::__private::Assign> GroupUpdate<M> {
    ///Sets `name`.
    pub fn set_name(mut self, value: impl ::entkit::__private::Operand<String>) -> Self {
        self.inner.assign(1usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
}
impl GroupUpdate<::entkit::__private::Update<Group>> {
    /// Restricts the update to rows matching `predicate`.
    #[inline]
    pub fn filter(mut self, predicate: ::entkit::__private::Predicate<Group>) -> Self {
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
        Output = ::entkit::__private::Result<::std::vec::Vec<Group>>,
    > {
        self.inner.exec_returning(exec)
    }
}
impl GroupUpdate<::entkit::__private::UpdateOne<Group>> {
    /// Applies the update and returns the entity as stored.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Group>> {
        self.inner.save(exec)
    }
}
#[automatically_derived]
impl ::entkit::__private::Savable<Group>
for GroupUpdate<::entkit::__private::UpdateOne<Group>> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<Group> {
        ::entkit::__private::SaveOp::Update(self.inner)
    }
}
impl Group {
    /// A query over all rows; narrow it with `filter`.
    #[inline]
    pub fn query() -> ::entkit::__private::Query<Group> {
        ::entkit::__private::Query::new()
    }
    /// The row with this key, or `Error::NotFound`.
    pub fn get<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Group>> {
        ::entkit::__private::get_by_key::<Group>(exec, key)
    }
    /// The row with this key, if any.
    pub fn find<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<Group>>,
    > {
        ::entkit::__private::find_by_key::<Group>(exec, key)
    }
    /// An update of the row with this key.
    #[inline]
    pub fn update_by_id(key: i64) -> GroupUpdate<::entkit::__private::UpdateOne<Group>> {
        GroupUpdate {
            inner: ::entkit::__private::UpdateOne::new(key),
        }
    }
    /// An update of this row.
    #[inline]
    pub fn update(&self) -> GroupUpdate<::entkit::__private::UpdateOne<Group>> {
        Self::update_by_id(::entkit::__private::Entity::key(self))
    }
    /// An update of every row matching the builder's `filter`.
    #[inline]
    pub fn update_many() -> GroupUpdate {
        GroupUpdate {
            inner: ::entkit::__private::Update::new(),
        }
    }
    /// Deletes the row with this key, or `Error::NotFound`.
    pub fn delete_by_id<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<Group>(exec, key)
    }
    /// Deletes this row.
    pub fn delete<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<
            Group,
        >(exec, ::entkit::__private::Entity::key(self))
    }
    /// A delete of every row matching its `filter`.
    #[inline]
    pub fn delete_many() -> ::entkit::__private::Delete<Group> {
        ::entkit::__private::Delete::new()
    }
}
impl ::core::fmt::Debug for Group {
    #[inline]
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("Group")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("edges", &self.edges)
            .finish()
    }
}
/// Edge handles for traversal, edge predicates and eager loading.
impl Group {
    ///The `members` edge to [`User`].
    pub const MEMBERS: ::entkit::__private::Edge<Group, User> = ::entkit::__private::Edge::new(
        0usize,
        |entity, loaded| {
            entity.edges.members = ::core::option::Option::Some(loaded);
        },
    );
}
impl Group {
    ///A query over this row's `members` neighbours.
    #[inline]
    pub fn query_members(&self) -> ::entkit::__private::Query<User> {
        Self::MEMBERS.query_from(::entkit::__private::Entity::key(self))
    }
}
///Neighbours of a [`Group`] loaded by `Query::with`.
#[derive(Default, Clone)]
pub struct GroupEdges {
    ///Loaded `members` neighbours; `None` until loaded with `with`.
    pub members: ::core::option::Option<::std::vec::Vec<::std::sync::Arc<User>>>,
}
impl GroupEdges {
    ///The loaded `members` neighbours; an error if the edge was not loaded.
    #[inline]
    pub fn members(&self) -> ::entkit::__private::Result<&[::std::sync::Arc<User>]> {
        self.members
            .as_deref()
            .ok_or(::entkit::__private::Error::EdgeNotLoaded {
                edge: "members",
            })
    }
}
/// Shows which edges are loaded and how many neighbours each holds.
#[automatically_derived]
impl ::core::fmt::Debug for GroupEdges {
    #[inline]
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("GroupEdges")
            .field("members", &self.members.as_ref().map(|v| v.len()))
            .finish()
    }
}
#[allow(dead_code, clippy::let_underscore_untyped)]
const _: () = {
    fn check() {
        ::entkit::__private::assert_entity::<User>();
        ::entkit::__private::assert_entity::<Membership>();
    }
};
#[automatically_derived]
impl ::entkit::__private::Entity for Membership {
    type Key = i64;
    #[inline]
    fn def() -> &'static ::entkit::__private::EntityDef {
        static DEF: ::entkit::__private::EntityDef = ::entkit::__private::EntityDef::new(
                "Membership",
                "memberships",
                &[
                    ::entkit::__private::FieldDef::new(
                            "id",
                            "id",
                            <i64 as ::entkit::__private::ColumnValue>::TYPE,
                            <i64 as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .primary_key(::entkit::__private::KeyStrategy::AutoIncrement),
                    ::entkit::__private::FieldDef::new(
                            "user_id",
                            "user_id",
                            <i64 as ::entkit::__private::ColumnValue>::TYPE,
                            <i64 as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .indexed(),
                    ::entkit::__private::FieldDef::new(
                            "group_id",
                            "group_id",
                            <i64 as ::entkit::__private::ColumnValue>::TYPE,
                            <i64 as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .indexed(),
                ],
                0usize,
            )
            .with_indexes(
                &[
                    ::entkit::__private::IndexDef::new(
                        "memberships_user_id_idx",
                        &["user_id"],
                    ),
                    ::entkit::__private::IndexDef::new(
                        "memberships_group_id_idx",
                        &["group_id"],
                    ),
                ],
            )
            .with_edges(
                &[
                    ::entkit::__private::EdgeDef::new(
                        "user",
                        <User as ::entkit::__private::Entity>::def,
                        ::entkit::__private::EdgeKind::belongs_to(
                            "user_id",
                            ::entkit::__private::OnDelete::Cascade,
                        ),
                    ),
                    ::entkit::__private::EdgeDef::new(
                        "group",
                        <Group as ::entkit::__private::Entity>::def,
                        ::entkit::__private::EdgeKind::belongs_to(
                            "group_id",
                            ::entkit::__private::OnDelete::Cascade,
                        ),
                    ),
                ],
            );
        &DEF
    }
    #[inline]
    fn from_row(
        row: ::entkit::__private::RowRef<'_>,
    ) -> ::entkit::__private::Result<Self> {
        ::core::result::Result::Ok(Self {
            id: <i64 as ::entkit::__private::ColumnValue>::decode(row, 0usize)?,
            user_id: <i64 as ::entkit::__private::ColumnValue>::decode(row, 1usize)?,
            group_id: <i64 as ::entkit::__private::ColumnValue>::decode(row, 2usize)?,
            edges: ::core::default::Default::default(),
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
            "user_id" => {
                ::core::option::Option::Some(
                    <i64 as ::entkit::__private::ColumnValue>::into_value(
                        ::core::clone::Clone::clone(&self.user_id),
                    ),
                )
            }
            "group_id" => {
                ::core::option::Option::Some(
                    <i64 as ::entkit::__private::ColumnValue>::into_value(
                        ::core::clone::Clone::clone(&self.group_id),
                    ),
                )
            }
            _ => ::core::option::Option::None,
        }
    }
}
/// Column handles for building predicates and ordering.
#[allow(dead_code)]
impl Membership {
    ///The `id` column (field `id`).
    pub const ID: ::entkit::__private::Column<Membership, i64> = ::entkit::__private::Column::new(
        "id",
    );
    ///The `user_id` column (field `user_id`).
    pub const USER_ID: ::entkit::__private::Column<Membership, i64> = ::entkit::__private::Column::new(
        "user_id",
    );
    ///The `group_id` column (field `group_id`).
    pub const GROUP_ID: ::entkit::__private::Column<Membership, i64> = ::entkit::__private::Column::new(
        "group_id",
    );
}
/// Marker types naming the required fields of the create builder.
/// Bare unit structs: they only ever appear inside `entkit::builder::Missing`,
/// whose impls need nothing from them, so they cost no code.
#[doc(hidden)]
#[allow(non_camel_case_types, non_snake_case, dead_code)]
pub mod __membership_required {
    pub struct user_id;
    pub struct group_id;
}
///Builder for a new [`Membership`]; `save` compiles once every required field is set. Made by [`Membership::create`].
#[must_use = "a create builder does nothing until `save` is called"]
pub struct MembershipCreate<
    __UserId = ::entkit::__private::Missing<__membership_required::user_id>,
    __GroupId = ::entkit::__private::Missing<__membership_required::group_id>,
> {
    inner: ::entkit::__private::Create<Membership>,
    _state: ::core::marker::PhantomData<fn() -> (__UserId, __GroupId)>,
}
#[automatically_derived]
impl<__UserId, __GroupId> ::core::fmt::Debug for MembershipCreate<__UserId, __GroupId> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        ::core::fmt::Debug::fmt(&self.inner, f)
    }
}
impl Membership {
    ///Starts building a new `Membership`.
    #[inline]
    pub fn create() -> MembershipCreate {
        MembershipCreate {
            inner: ::entkit::__private::Create::new(),
            _state: ::core::marker::PhantomData,
        }
    }
}
#[allow(clippy::new_ret_no_self)]
impl<__UserId, __GroupId> MembershipCreate<__UserId, __GroupId> {
    ///Sets `user_id`.
    pub fn user_id(
        mut self,
        value: impl ::entkit::__private::Operand<i64>,
    ) -> MembershipCreate<::entkit::__private::Set, __GroupId> {
        self.inner.set(1usize, ::entkit::__private::Operand::into_operand(value));
        MembershipCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `group_id`.
    pub fn group_id(
        mut self,
        value: impl ::entkit::__private::Operand<i64>,
    ) -> MembershipCreate<__UserId, ::entkit::__private::Set> {
        self.inner.set(2usize, ::entkit::__private::Operand::into_operand(value));
        MembershipCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
}
impl<
    __UserId: ::entkit::__private::IsSet,
    __GroupId: ::entkit::__private::IsSet,
> MembershipCreate<__UserId, __GroupId> {
    /// Inserts the row and returns the stored entity.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Membership>> {
        self.inner.save(exec)
    }
    /// Inserts the row or, when it conflicts with an existing one, applies
    /// `on_conflict`; `None` when the conflict was resolved by doing nothing.
    pub fn upsert<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
        on_conflict: &::entkit::__private::OnConflict<Membership>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<Membership>>,
    > {
        self.inner.upsert(exec, on_conflict)
    }
}
#[automatically_derived]
impl<
    __UserId: ::entkit::__private::IsSet,
    __GroupId: ::entkit::__private::IsSet,
> ::entkit::__private::Savable<Membership> for MembershipCreate<__UserId, __GroupId> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<Membership> {
        ::entkit::__private::SaveOp::Create(self.inner)
    }
}
impl Membership {
    /// Inserts many rows in as few statements as the backend allows and
    /// returns them as stored (not on MySQL proper; see `insert_many`).
    pub fn create_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = MembershipCreate<::entkit::__private::Set, ::entkit::__private::Set>,
        >,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Membership>>,
    > {
        ::entkit::__private::Create::save_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Inserts many rows in as few statements as the backend allows;
    /// returns how many were written.
    pub fn insert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = MembershipCreate<::entkit::__private::Set, ::entkit::__private::Set>,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<u64>> {
        ::entkit::__private::Create::insert_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Bulk upsert; returns the rows inserted or updated.
    pub fn upsert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = MembershipCreate<::entkit::__private::Set, ::entkit::__private::Set>,
        >,
        on_conflict: &::entkit::__private::OnConflict<Membership>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Membership>>,
    > {
        ::entkit::__private::Create::upsert_many(
            exec,
            rows.into_iter().map(|r| r.inner),
            on_conflict,
        )
    }
}
///Update builder for [`Membership`]: by key from [`Membership::update_by_id`] / `update()`, or by filter from [`Membership::update_many`].
#[must_use = "an update builder does nothing until `save` or `exec` is called"]
#[derive(Debug)]
pub struct MembershipUpdate<M = ::entkit::__private::Update<Membership>> {
    inner: M,
}
impl<M: ::entkit::__private::Assign> MembershipUpdate<M> {
    ///Adds `delta` to `user_id` in the database (`user_id = user_id + delta`).
    pub fn add_user_id(mut self, delta: i64) -> Self {
        self.inner
            .assign_add(1usize, ::entkit::__private::ColumnValue::into_value(delta));
        self
    }
    ///Sets `user_id`.
    pub fn set_user_id(mut self, value: impl ::entkit::__private::Operand<i64>) -> Self {
        self.inner.assign(1usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Adds `delta` to `group_id` in the database (`group_id = group_id + delta`).
    pub fn add_group_id(mut self, delta: i64) -> Self {
        self.inner
            .assign_add(2usize, ::entkit::__private::ColumnValue::into_value(delta));
        self
    }
    ///Sets `group_id`.
    pub fn set_group_id(
        mut self,
        value: impl ::entkit::__private::Operand<i64>,
    ) -> Self {
        self.inner.assign(2usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
}
impl MembershipUpdate<::entkit::__private::Update<Membership>> {
    /// Restricts the update to rows matching `predicate`.
    #[inline]
    pub fn filter(
        mut self,
        predicate: ::entkit::__private::Predicate<Membership>,
    ) -> Self {
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
        Output = ::entkit::__private::Result<::std::vec::Vec<Membership>>,
    > {
        self.inner.exec_returning(exec)
    }
}
impl MembershipUpdate<::entkit::__private::UpdateOne<Membership>> {
    /// Applies the update and returns the entity as stored.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Membership>> {
        self.inner.save(exec)
    }
}
#[automatically_derived]
impl ::entkit::__private::Savable<Membership>
for MembershipUpdate<::entkit::__private::UpdateOne<Membership>> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<Membership> {
        ::entkit::__private::SaveOp::Update(self.inner)
    }
}
impl Membership {
    /// A query over all rows; narrow it with `filter`.
    #[inline]
    pub fn query() -> ::entkit::__private::Query<Membership> {
        ::entkit::__private::Query::new()
    }
    /// The row with this key, or `Error::NotFound`.
    pub fn get<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Membership>> {
        ::entkit::__private::get_by_key::<Membership>(exec, key)
    }
    /// The row with this key, if any.
    pub fn find<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<Membership>>,
    > {
        ::entkit::__private::find_by_key::<Membership>(exec, key)
    }
    /// An update of the row with this key.
    #[inline]
    pub fn update_by_id(
        key: i64,
    ) -> MembershipUpdate<::entkit::__private::UpdateOne<Membership>> {
        MembershipUpdate {
            inner: ::entkit::__private::UpdateOne::new(key),
        }
    }
    /// An update of this row.
    #[inline]
    pub fn update(
        &self,
    ) -> MembershipUpdate<::entkit::__private::UpdateOne<Membership>> {
        Self::update_by_id(::entkit::__private::Entity::key(self))
    }
    /// An update of every row matching the builder's `filter`.
    #[inline]
    pub fn update_many() -> MembershipUpdate {
        MembershipUpdate {
            inner: ::entkit::__private::Update::new(),
        }
    }
    /// Deletes the row with this key, or `Error::NotFound`.
    pub fn delete_by_id<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: i64,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<Membership>(exec, key)
    }
    /// Deletes this row.
    pub fn delete<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<
            Membership,
        >(exec, ::entkit::__private::Entity::key(self))
    }
    /// A delete of every row matching its `filter`.
    #[inline]
    pub fn delete_many() -> ::entkit::__private::Delete<Membership> {
        ::entkit::__private::Delete::new()
    }
}
impl ::core::fmt::Debug for Membership {
    #[inline]
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("Membership")
            .field("id", &self.id)
            .field("user_id", &self.user_id)
            .field("group_id", &self.group_id)
            .field("edges", &self.edges)
            .finish()
    }
}
/// Edge handles for traversal, edge predicates and eager loading.
impl Membership {
    ///The `user` edge to [`User`].
    pub const USER: ::entkit::__private::Edge<Membership, User> = ::entkit::__private::Edge::new_belongs_to(
        0usize,
        |entity, loaded| {
            entity.edges.user = ::core::option::Option::Some(loaded);
        },
    );
    ///The `group` edge to [`Group`].
    pub const GROUP: ::entkit::__private::Edge<Membership, Group> = ::entkit::__private::Edge::new_belongs_to(
        1usize,
        |entity, loaded| {
            entity.edges.group = ::core::option::Option::Some(loaded);
        },
    );
}
impl Membership {
    ///A query over this row's `user` neighbours.
    #[inline]
    pub fn query_user(&self) -> ::entkit::__private::Query<User> {
        Self::USER.query_from(::entkit::__private::Entity::key(self))
    }
    ///A query over this row's `group` neighbours.
    #[inline]
    pub fn query_group(&self) -> ::entkit::__private::Query<Group> {
        Self::GROUP.query_from(::entkit::__private::Entity::key(self))
    }
}
///Neighbours of a [`Membership`] loaded by `Query::with`.
#[derive(Default, Clone)]
pub struct MembershipEdges {
    ///Loaded `user` neighbours; `None` until loaded with `with`.
    pub user: ::core::option::Option<::std::vec::Vec<::std::sync::Arc<User>>>,
    ///Loaded `group` neighbours; `None` until loaded with `with`.
    pub group: ::core::option::Option<::std::vec::Vec<::std::sync::Arc<Group>>>,
}
impl MembershipEdges {
    ///The loaded `user` neighbour, if any; an error if the edge was not loaded.
    #[inline]
    pub fn user(&self) -> ::entkit::__private::Result<::core::option::Option<&User>> {
        match &self.user {
            ::core::option::Option::Some(v) => {
                ::core::result::Result::Ok(v.first().map(|n| &**n))
            }
            ::core::option::Option::None => {
                ::core::result::Result::Err(::entkit::__private::Error::EdgeNotLoaded {
                    edge: "user",
                })
            }
        }
    }
    ///The loaded `group` neighbour, if any; an error if the edge was not loaded.
    #[inline]
    pub fn group(&self) -> ::entkit::__private::Result<::core::option::Option<&Group>> {
        match &self.group {
            ::core::option::Option::Some(v) => {
                ::core::result::Result::Ok(v.first().map(|n| &**n))
            }
            ::core::option::Option::None => {
                ::core::result::Result::Err(::entkit::__private::Error::EdgeNotLoaded {
                    edge: "group",
                })
            }
        }
    }
}
/// Shows which edges are loaded and how many neighbours each holds.
#[automatically_derived]
impl ::core::fmt::Debug for MembershipEdges {
    #[inline]
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("MembershipEdges")
            .field("user", &self.user.as_ref().map(|v| v.len()))
            .field("group", &self.group.as_ref().map(|v| v.len()))
            .finish()
    }
}
#[allow(dead_code, clippy::let_underscore_untyped)]
const _: () = {
    fn check() {
        ::entkit::__private::assert_entity::<User>();
        ::entkit::__private::assert_key::<User, i64>();
    }
};
#[allow(dead_code, clippy::let_underscore_untyped)]
const _: () = {
    fn check() {
        ::entkit::__private::assert_entity::<Group>();
        ::entkit::__private::assert_key::<Group, i64>();
    }
};
#[automatically_derived]
impl ::entkit::__private::BelongsTo<User, ::entkit::__private::EdgeAt<0usize>>
for Membership {
    const EDGE: &'static str = "user";
}
#[automatically_derived]
impl ::entkit::__private::BelongsTo<Group, ::entkit::__private::EdgeAt<1usize>>
for Membership {
    const EDGE: &'static str = "group";
}
