// The expansion of snapshots/field_options.rs (generated: ENTKIT_UPDATE_SNAPSHOTS=1 cargo test -p entkit-macros snapshots).

#[automatically_derived]
impl ::entkit::__private::Entity for Account {
    type Key = uuid::Uuid;
    #[inline]
    fn def() -> &'static ::entkit::__private::EntityDef {
        static DEF: ::entkit::__private::EntityDef = ::entkit::__private::EntityDef::new(
                "Account",
                "accounts",
                &[
                    ::entkit::__private::FieldDef::new(
                            "key",
                            "key",
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
                            "email",
                            "email",
                            <String as ::entkit::__private::ColumnValue>::TYPE,
                            <String as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .with_max_len(120usize)
                        .with_min_len(3usize)
                        .with_pattern("^[^@]+@[^@]+$")
                        .indexed(),
                    ::entkit::__private::FieldDef::new(
                            "org",
                            "organisation",
                            <String as ::entkit::__private::ColumnValue>::TYPE,
                            <String as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .indexed(),
                    ::entkit::__private::FieldDef::new(
                            "handle",
                            "handle",
                            <String as ::entkit::__private::ColumnValue>::TYPE,
                            <String as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .with_validator({
                            fn validate(
                                value: &::entkit::__private::Value,
                            ) -> ::core::result::Result<(), ::std::string::String> {
                                ::entkit::__private::run_validator::<
                                    String,
                                    _,
                                    _,
                                >(check_handle, value)
                            }
                            validate
                        })
                        .indexed()
                        .with_comment("Shown to other users"),
                    ::entkit::__private::FieldDef::new(
                            "password_hash",
                            "password_hash",
                            <String as ::entkit::__private::ColumnValue>::TYPE,
                            <String as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .sensitive(),
                    ::entkit::__private::FieldDef::new(
                            "logins",
                            "logins",
                            <i32 as ::entkit::__private::ColumnValue>::TYPE,
                            <i32 as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .with_default(
                            ::entkit::__private::DefaultValue::Literal(
                                ::entkit::__private::Literal::Int(0),
                            ),
                        )
                        .with_min(::entkit::__private::Bound::Int(0))
                        .with_max(::entkit::__private::Bound::Int(1000)),
                    ::entkit::__private::FieldDef::new(
                            "weight",
                            "weight",
                            <f64 as ::entkit::__private::ColumnValue>::TYPE,
                            <f64 as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .with_default(
                            ::entkit::__private::DefaultValue::Literal(
                                ::entkit::__private::Literal::Float(1.5),
                            ),
                        )
                        .with_min(::entkit::__private::Bound::Float(0.0)),
                    ::entkit::__private::FieldDef::new(
                            "active",
                            "active",
                            <bool as ::entkit::__private::ColumnValue>::TYPE,
                            <bool as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .with_default(
                            ::entkit::__private::DefaultValue::Literal(
                                ::entkit::__private::Literal::Bool(true),
                            ),
                        ),
                    ::entkit::__private::FieldDef::new(
                            "locale",
                            "locale",
                            <String as ::entkit::__private::ColumnValue>::TYPE,
                            <String as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .with_default(
                            ::entkit::__private::DefaultValue::Literal(
                                ::entkit::__private::Literal::Str("en"),
                            ),
                        ),
                    ::entkit::__private::FieldDef::new(
                        "nickname",
                        "nickname",
                        <Option<String> as ::entkit::__private::ColumnValue>::TYPE,
                        <Option<String> as ::entkit::__private::ColumnValue>::NULLABLE,
                    ),
                    ::entkit::__private::FieldDef::new(
                            "avatar",
                            "avatar",
                            <Option<Vec<u8>> as ::entkit::__private::ColumnValue>::TYPE,
                            <Option<
                                Vec<u8>,
                            > as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .with_enum_values(
                            <Option<
                                Vec<u8>,
                            > as ::entkit::__private::ColumnValue>::ENUM_VALUES,
                        ),
                    ::entkit::__private::FieldDef::new(
                        "small",
                        "small",
                        <i16 as ::entkit::__private::ColumnValue>::TYPE,
                        <i16 as ::entkit::__private::ColumnValue>::NULLABLE,
                    ),
                    ::entkit::__private::FieldDef::new(
                        "big",
                        "big",
                        <Option<i64> as ::entkit::__private::ColumnValue>::TYPE,
                        <Option<i64> as ::entkit::__private::ColumnValue>::NULLABLE,
                    ),
                    ::entkit::__private::FieldDef::new(
                        "ratio",
                        "ratio",
                        <Option<f32> as ::entkit::__private::ColumnValue>::TYPE,
                        <Option<f32> as ::entkit::__private::ColumnValue>::NULLABLE,
                    ),
                    ::entkit::__private::FieldDef::new(
                            "birthday",
                            "birthday",
                            <Option<
                                chrono::NaiveDate,
                            > as ::entkit::__private::ColumnValue>::TYPE,
                            <Option<
                                chrono::NaiveDate,
                            > as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .with_enum_values(
                            <Option<
                                chrono::NaiveDate,
                            > as ::entkit::__private::ColumnValue>::ENUM_VALUES,
                        ),
                    ::entkit::__private::FieldDef::new(
                            "settings",
                            "settings",
                            <serde_json::Value as ::entkit::__private::ColumnValue>::TYPE,
                            <serde_json::Value as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .with_enum_values(
                            <serde_json::Value as ::entkit::__private::ColumnValue>::ENUM_VALUES,
                        ),
                    ::entkit::__private::FieldDef::new(
                            "status",
                            "status",
                            <Status as ::entkit::__private::ColumnValue>::TYPE,
                            <Status as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .with_enum_values(
                            <Status as ::entkit::__private::ColumnValue>::ENUM_VALUES,
                        ),
                    ::entkit::__private::FieldDef::new(
                            "created_at",
                            "created_at",
                            <chrono::DateTime<
                                chrono::Utc,
                            > as ::entkit::__private::ColumnValue>::TYPE,
                            <chrono::DateTime<
                                chrono::Utc,
                            > as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .with_enum_values(
                            <chrono::DateTime<
                                chrono::Utc,
                            > as ::entkit::__private::ColumnValue>::ENUM_VALUES,
                        )
                        .with_default(
                            ::entkit::__private::DefaultValue::Call({
                                fn default_value() -> ::entkit::__private::Value {
                                    <_ as ::entkit::__private::Operand<
                                        chrono::DateTime<chrono::Utc>,
                                    >>::into_operand(entkit::now())
                                }
                                default_value
                            }),
                        )
                        .immutable()
                        .indexed(),
                    ::entkit::__private::FieldDef::new(
                            "updated_at",
                            "updated_at",
                            <chrono::DateTime<
                                chrono::Utc,
                            > as ::entkit::__private::ColumnValue>::TYPE,
                            <chrono::DateTime<
                                chrono::Utc,
                            > as ::entkit::__private::ColumnValue>::NULLABLE,
                        )
                        .with_enum_values(
                            <chrono::DateTime<
                                chrono::Utc,
                            > as ::entkit::__private::ColumnValue>::ENUM_VALUES,
                        )
                        .with_default(
                            ::entkit::__private::DefaultValue::Call({
                                fn default_value() -> ::entkit::__private::Value {
                                    <_ as ::entkit::__private::Operand<
                                        chrono::DateTime<chrono::Utc>,
                                    >>::into_operand(entkit::now())
                                }
                                default_value
                            }),
                        )
                        .with_update_default(
                            ::entkit::__private::DefaultValue::Call({
                                fn default_value() -> ::entkit::__private::Value {
                                    <_ as ::entkit::__private::Operand<
                                        chrono::DateTime<chrono::Utc>,
                                    >>::into_operand(entkit::now())
                                }
                                default_value
                            }),
                        ),
                ],
                0usize,
            )
            .with_scope("identity")
            .with_indexes(
                &[
                    ::entkit::__private::IndexDef::new("accounts_email_key", &["email"])
                        .unique(),
                    ::entkit::__private::IndexDef::new(
                        "accounts_organisation_idx",
                        &["organisation"],
                    ),
                    ::entkit::__private::IndexDef::new(
                            "accounts_organisation_handle_key",
                            &["organisation", "handle"],
                        )
                        .unique(),
                    ::entkit::__private::IndexDef::new(
                        "accounts_by_age",
                        &["created_at"],
                    ),
                ],
            )
            .with_comment("Sign-in accounts");
        &DEF
    }
    #[inline]
    fn from_row(
        row: ::entkit::__private::RowRef<'_>,
    ) -> ::entkit::__private::Result<Self> {
        ::core::result::Result::Ok(Self {
            key: <uuid::Uuid as ::entkit::__private::ColumnValue>::decode(row, 0usize)?,
            email: <String as ::entkit::__private::ColumnValue>::decode(row, 1usize)?,
            org: <String as ::entkit::__private::ColumnValue>::decode(row, 2usize)?,
            handle: <String as ::entkit::__private::ColumnValue>::decode(row, 3usize)?,
            password_hash: <String as ::entkit::__private::ColumnValue>::decode(
                row,
                4usize,
            )?,
            logins: <i32 as ::entkit::__private::ColumnValue>::decode(row, 5usize)?,
            weight: <f64 as ::entkit::__private::ColumnValue>::decode(row, 6usize)?,
            active: <bool as ::entkit::__private::ColumnValue>::decode(row, 7usize)?,
            locale: <String as ::entkit::__private::ColumnValue>::decode(row, 8usize)?,
            nickname: <Option<
                String,
            > as ::entkit::__private::ColumnValue>::decode(row, 9usize)?,
            avatar: <Option<
                Vec<u8>,
            > as ::entkit::__private::ColumnValue>::decode(row, 10usize)?,
            small: <i16 as ::entkit::__private::ColumnValue>::decode(row, 11usize)?,
            big: <Option<
                i64,
            > as ::entkit::__private::ColumnValue>::decode(row, 12usize)?,
            ratio: <Option<
                f32,
            > as ::entkit::__private::ColumnValue>::decode(row, 13usize)?,
            birthday: <Option<
                chrono::NaiveDate,
            > as ::entkit::__private::ColumnValue>::decode(row, 14usize)?,
            settings: <serde_json::Value as ::entkit::__private::ColumnValue>::decode(
                row,
                15usize,
            )?,
            status: <Status as ::entkit::__private::ColumnValue>::decode(row, 16usize)?,
            created_at: <chrono::DateTime<
                chrono::Utc,
            > as ::entkit::__private::ColumnValue>::decode(row, 17usize)?,
            updated_at: <chrono::DateTime<
                chrono::Utc,
            > as ::entkit::__private::ColumnValue>::decode(row, 18usize)?,
        })
    }
    #[inline]
    fn key(&self) -> uuid::Uuid {
        ::core::clone::Clone::clone(&self.key)
    }
    #[inline]
    fn link_value(
        &self,
        column: &str,
    ) -> ::core::option::Option<::entkit::__private::Value> {
        match column {
            "key" => {
                ::core::option::Option::Some(
                    <uuid::Uuid as ::entkit::__private::ColumnValue>::into_value(
                        ::core::clone::Clone::clone(&self.key),
                    ),
                )
            }
            _ => ::core::option::Option::None,
        }
    }
}
/// Column handles for building predicates and ordering.
#[allow(dead_code)]
impl Account {
    ///The `key` column (field `key`).
    pub const KEY: ::entkit::__private::Column<Account, uuid::Uuid> = ::entkit::__private::Column::new(
        "key",
    );
    ///The `email` column (field `email`).
    pub const EMAIL: ::entkit::__private::Column<Account, String> = ::entkit::__private::Column::new(
        "email",
    );
    ///The `organisation` column (field `org`).
    pub const ORG: ::entkit::__private::Column<Account, String> = ::entkit::__private::Column::new(
        "organisation",
    );
    ///The `handle` column (field `handle`).
    pub const HANDLE: ::entkit::__private::Column<Account, String> = ::entkit::__private::Column::new(
        "handle",
    );
    ///The `password_hash` column (field `password_hash`).
    pub const PASSWORD_HASH: ::entkit::__private::Column<Account, String> = ::entkit::__private::Column::new(
        "password_hash",
    );
    ///The `logins` column (field `logins`).
    pub const LOGINS: ::entkit::__private::Column<Account, i32> = ::entkit::__private::Column::new(
        "logins",
    );
    ///The `weight` column (field `weight`).
    pub const WEIGHT: ::entkit::__private::Column<Account, f64> = ::entkit::__private::Column::new(
        "weight",
    );
    ///The `active` column (field `active`).
    pub const ACTIVE: ::entkit::__private::Column<Account, bool> = ::entkit::__private::Column::new(
        "active",
    );
    ///The `locale` column (field `locale`).
    pub const LOCALE: ::entkit::__private::Column<Account, String> = ::entkit::__private::Column::new(
        "locale",
    );
    ///The `nickname` column (field `nickname`).
    pub const NICKNAME: ::entkit::__private::Column<Account, Option<String>> = ::entkit::__private::Column::new(
        "nickname",
    );
    ///The `avatar` column (field `avatar`).
    pub const AVATAR: ::entkit::__private::Column<Account, Option<Vec<u8>>> = ::entkit::__private::Column::new(
        "avatar",
    );
    ///The `small` column (field `small`).
    pub const SMALL: ::entkit::__private::Column<Account, i16> = ::entkit::__private::Column::new(
        "small",
    );
    ///The `big` column (field `big`).
    pub const BIG: ::entkit::__private::Column<Account, Option<i64>> = ::entkit::__private::Column::new(
        "big",
    );
    ///The `ratio` column (field `ratio`).
    pub const RATIO: ::entkit::__private::Column<Account, Option<f32>> = ::entkit::__private::Column::new(
        "ratio",
    );
    ///The `birthday` column (field `birthday`).
    pub const BIRTHDAY: ::entkit::__private::Column<
        Account,
        Option<chrono::NaiveDate>,
    > = ::entkit::__private::Column::new("birthday");
    ///The `settings` column (field `settings`).
    pub const SETTINGS: ::entkit::__private::Column<Account, serde_json::Value> = ::entkit::__private::Column::new(
        "settings",
    );
    ///The `status` column (field `status`).
    pub const STATUS: ::entkit::__private::Column<Account, Status> = ::entkit::__private::Column::new(
        "status",
    );
    ///The `created_at` column (field `created_at`).
    pub const CREATED_AT: ::entkit::__private::Column<
        Account,
        chrono::DateTime<chrono::Utc>,
    > = ::entkit::__private::Column::new("created_at");
    ///The `updated_at` column (field `updated_at`).
    pub const UPDATED_AT: ::entkit::__private::Column<
        Account,
        chrono::DateTime<chrono::Utc>,
    > = ::entkit::__private::Column::new("updated_at");
}
/// Marker types naming the required fields of the create builder.
/// Bare unit structs: they only ever appear inside `entkit::builder::Missing`,
/// whose impls need nothing from them, so they cost no code.
#[doc(hidden)]
#[allow(non_camel_case_types, non_snake_case, dead_code)]
pub mod __account_required {
    pub struct email;
    pub struct org;
    pub struct handle;
    pub struct password_hash;
    pub struct small;
    pub struct settings;
    pub struct status;
}
///Builder for a new [`Account`]; `save` compiles once every required field is set. Made by [`Account::create`].
#[must_use = "a create builder does nothing until `save` is called"]
pub struct AccountCreate<
    __Email = ::entkit::__private::Missing<__account_required::email>,
    __Org = ::entkit::__private::Missing<__account_required::org>,
    __Handle = ::entkit::__private::Missing<__account_required::handle>,
    __PasswordHash = ::entkit::__private::Missing<__account_required::password_hash>,
    __Small = ::entkit::__private::Missing<__account_required::small>,
    __Settings = ::entkit::__private::Missing<__account_required::settings>,
    __Status = ::entkit::__private::Missing<__account_required::status>,
> {
    inner: ::entkit::__private::Create<Account>,
    _state: ::core::marker::PhantomData<
        fn() -> (__Email, __Org, __Handle, __PasswordHash, __Small, __Settings, __Status),
    >,
}
#[automatically_derived]
impl<
    __Email,
    __Org,
    __Handle,
    __PasswordHash,
    __Small,
    __Settings,
    __Status,
> ::core::fmt::Debug
for AccountCreate<
    __Email,
    __Org,
    __Handle,
    __PasswordHash,
    __Small,
    __Settings,
    __Status,
> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        ::core::fmt::Debug::fmt(&self.inner, f)
    }
}
impl Account {
    ///Starts building a new `Account`.
    #[inline]
    pub fn create() -> AccountCreate {
        AccountCreate {
            inner: ::entkit::__private::Create::new(),
            _state: ::core::marker::PhantomData,
        }
    }
}
#[allow(clippy::new_ret_no_self)]
impl<
    __Email,
    __Org,
    __Handle,
    __PasswordHash,
    __Small,
    __Settings,
    __Status,
> AccountCreate<
    __Email,
    __Org,
    __Handle,
    __PasswordHash,
    __Small,
    __Settings,
    __Status,
> {
    ///Sets `key`.
    pub fn key(mut self, value: impl ::entkit::__private::Operand<uuid::Uuid>) -> Self {
        self.inner.set(0usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `email`.
    pub fn email(
        mut self,
        value: impl ::entkit::__private::Operand<String>,
    ) -> AccountCreate<
        ::entkit::__private::Set,
        __Org,
        __Handle,
        __PasswordHash,
        __Small,
        __Settings,
        __Status,
    > {
        self.inner.set(1usize, ::entkit::__private::Operand::into_operand(value));
        AccountCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `org`.
    pub fn org(
        mut self,
        value: impl ::entkit::__private::Operand<String>,
    ) -> AccountCreate<
        __Email,
        ::entkit::__private::Set,
        __Handle,
        __PasswordHash,
        __Small,
        __Settings,
        __Status,
    > {
        self.inner.set(2usize, ::entkit::__private::Operand::into_operand(value));
        AccountCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `handle`.
    pub fn handle(
        mut self,
        value: impl ::entkit::__private::Operand<String>,
    ) -> AccountCreate<
        __Email,
        __Org,
        ::entkit::__private::Set,
        __PasswordHash,
        __Small,
        __Settings,
        __Status,
    > {
        self.inner.set(3usize, ::entkit::__private::Operand::into_operand(value));
        AccountCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `password_hash`.
    pub fn password_hash(
        mut self,
        value: impl ::entkit::__private::Operand<String>,
    ) -> AccountCreate<
        __Email,
        __Org,
        __Handle,
        ::entkit::__private::Set,
        __Small,
        __Settings,
        __Status,
    > {
        self.inner.set(4usize, ::entkit::__private::Operand::into_operand(value));
        AccountCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `logins`.
    pub fn logins(mut self, value: impl ::entkit::__private::Operand<i32>) -> Self {
        self.inner.set(5usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `weight`.
    pub fn weight(mut self, value: impl ::entkit::__private::Operand<f64>) -> Self {
        self.inner.set(6usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `active`.
    pub fn active(mut self, value: impl ::entkit::__private::Operand<bool>) -> Self {
        self.inner.set(7usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `locale`.
    pub fn locale(mut self, value: impl ::entkit::__private::Operand<String>) -> Self {
        self.inner.set(8usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `nickname`.
    pub fn nickname(
        mut self,
        value: impl ::entkit::__private::Operand<Option<String>>,
    ) -> Self {
        self.inner.set(9usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `avatar`.
    pub fn avatar(
        mut self,
        value: impl ::entkit::__private::Operand<Option<Vec<u8>>>,
    ) -> Self {
        self.inner.set(10usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `small`.
    pub fn small(
        mut self,
        value: impl ::entkit::__private::Operand<i16>,
    ) -> AccountCreate<
        __Email,
        __Org,
        __Handle,
        __PasswordHash,
        ::entkit::__private::Set,
        __Settings,
        __Status,
    > {
        self.inner.set(11usize, ::entkit::__private::Operand::into_operand(value));
        AccountCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `big`.
    pub fn big(mut self, value: impl ::entkit::__private::Operand<Option<i64>>) -> Self {
        self.inner.set(12usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `ratio`.
    pub fn ratio(
        mut self,
        value: impl ::entkit::__private::Operand<Option<f32>>,
    ) -> Self {
        self.inner.set(13usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `birthday`.
    pub fn birthday(
        mut self,
        value: impl ::entkit::__private::Operand<Option<chrono::NaiveDate>>,
    ) -> Self {
        self.inner.set(14usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `settings`.
    pub fn settings(
        mut self,
        value: impl ::entkit::__private::Operand<serde_json::Value>,
    ) -> AccountCreate<
        __Email,
        __Org,
        __Handle,
        __PasswordHash,
        __Small,
        ::entkit::__private::Set,
        __Status,
    > {
        self.inner.set(15usize, ::entkit::__private::Operand::into_operand(value));
        AccountCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `status`.
    pub fn status(
        mut self,
        value: impl ::entkit::__private::Operand<Status>,
    ) -> AccountCreate<
        __Email,
        __Org,
        __Handle,
        __PasswordHash,
        __Small,
        __Settings,
        ::entkit::__private::Set,
    > {
        self.inner.set(16usize, ::entkit::__private::Operand::into_operand(value));
        AccountCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `created_at`.
    pub fn created_at(
        mut self,
        value: impl ::entkit::__private::Operand<chrono::DateTime<chrono::Utc>>,
    ) -> Self {
        self.inner.set(17usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `updated_at`.
    pub fn updated_at(
        mut self,
        value: impl ::entkit::__private::Operand<chrono::DateTime<chrono::Utc>>,
    ) -> Self {
        self.inner.set(18usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
}
impl<
    __Email: ::entkit::__private::IsSet,
    __Org: ::entkit::__private::IsSet,
    __Handle: ::entkit::__private::IsSet,
    __PasswordHash: ::entkit::__private::IsSet,
    __Small: ::entkit::__private::IsSet,
    __Settings: ::entkit::__private::IsSet,
    __Status: ::entkit::__private::IsSet,
> AccountCreate<
    __Email,
    __Org,
    __Handle,
    __PasswordHash,
    __Small,
    __Settings,
    __Status,
> {
    /// Inserts the row and returns the stored entity.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Account>> {
        self.inner.save(exec)
    }
    /// Inserts the row or, when it conflicts with an existing one, applies
    /// `on_conflict`; `None` when the conflict was resolved by doing nothing.
    pub fn upsert<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
        on_conflict: &::entkit::__private::OnConflict<Account>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<Account>>,
    > {
        self.inner.upsert(exec, on_conflict)
    }
}
#[automatically_derived]
impl<
    __Email: ::entkit::__private::IsSet,
    __Org: ::entkit::__private::IsSet,
    __Handle: ::entkit::__private::IsSet,
    __PasswordHash: ::entkit::__private::IsSet,
    __Small: ::entkit::__private::IsSet,
    __Settings: ::entkit::__private::IsSet,
    __Status: ::entkit::__private::IsSet,
> ::entkit::__private::Savable<Account>
for AccountCreate<
    __Email,
    __Org,
    __Handle,
    __PasswordHash,
    __Small,
    __Settings,
    __Status,
> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<Account> {
        ::entkit::__private::SaveOp::Create(self.inner)
    }
}
impl Account {
    /// Inserts many rows in as few statements as the backend allows and
    /// returns them as stored (not on MySQL proper; see `insert_many`).
    pub fn create_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = AccountCreate<
                ::entkit::__private::Set,
                ::entkit::__private::Set,
                ::entkit::__private::Set,
                ::entkit::__private::Set,
                ::entkit::__private::Set,
                ::entkit::__private::Set,
                ::entkit::__private::Set,
            >,
        >,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Account>>,
    > {
        ::entkit::__private::Create::save_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Inserts many rows in as few statements as the backend allows;
    /// returns how many were written.
    pub fn insert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = AccountCreate<
                ::entkit::__private::Set,
                ::entkit::__private::Set,
                ::entkit::__private::Set,
                ::entkit::__private::Set,
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
            Item = AccountCreate<
                ::entkit::__private::Set,
                ::entkit::__private::Set,
                ::entkit::__private::Set,
                ::entkit::__private::Set,
                ::entkit::__private::Set,
                ::entkit::__private::Set,
                ::entkit::__private::Set,
            >,
        >,
        on_conflict: &::entkit::__private::OnConflict<Account>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Account>>,
    > {
        ::entkit::__private::Create::upsert_many(
            exec,
            rows.into_iter().map(|r| r.inner),
            on_conflict,
        )
    }
}
///Update builder for [`Account`]: by key from [`Account::update_by_id`] / `update()`, or by filter from [`Account::update_many`].
#[must_use = "an update builder does nothing until `save` or `exec` is called"]
#[derive(Debug)]
pub struct AccountUpdate<M = ::entkit::__private::Update<Account>> {
    inner: M,
}
impl<M: ::entkit::__private::Assign> AccountUpdate<M> {
    ///Sets `email`.
    pub fn set_email(
        mut self,
        value: impl ::entkit::__private::Operand<String>,
    ) -> Self {
        self.inner.assign(1usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `org`.
    pub fn set_org(mut self, value: impl ::entkit::__private::Operand<String>) -> Self {
        self.inner.assign(2usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `handle`.
    pub fn set_handle(
        mut self,
        value: impl ::entkit::__private::Operand<String>,
    ) -> Self {
        self.inner.assign(3usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `password_hash`.
    pub fn set_password_hash(
        mut self,
        value: impl ::entkit::__private::Operand<String>,
    ) -> Self {
        self.inner.assign(4usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Adds `delta` to `logins` in the database (`logins = logins + delta`).
    pub fn add_logins(mut self, delta: i32) -> Self {
        self.inner
            .assign_add(5usize, ::entkit::__private::ColumnValue::into_value(delta));
        self
    }
    ///Sets `logins`.
    pub fn set_logins(mut self, value: impl ::entkit::__private::Operand<i32>) -> Self {
        self.inner.assign(5usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Adds `delta` to `weight` in the database (`weight = weight + delta`).
    pub fn add_weight(mut self, delta: f64) -> Self {
        self.inner
            .assign_add(6usize, ::entkit::__private::ColumnValue::into_value(delta));
        self
    }
    ///Sets `weight`.
    pub fn set_weight(mut self, value: impl ::entkit::__private::Operand<f64>) -> Self {
        self.inner.assign(6usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `active`.
    pub fn set_active(mut self, value: impl ::entkit::__private::Operand<bool>) -> Self {
        self.inner.assign(7usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `locale`.
    pub fn set_locale(
        mut self,
        value: impl ::entkit::__private::Operand<String>,
    ) -> Self {
        self.inner.assign(8usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `nickname`.
    pub fn set_nickname(
        mut self,
        value: impl ::entkit::__private::Operand<Option<String>>,
    ) -> Self {
        self.inner.assign(9usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `nickname` to NULL.
    pub fn clear_nickname(mut self) -> Self {
        self.inner
            .assign(
                9usize,
                ::entkit::__private::Value::Null(
                    <Option<String> as ::entkit::__private::ColumnValue>::TYPE,
                ),
            );
        self
    }
    ///Sets `avatar`.
    pub fn set_avatar(
        mut self,
        value: impl ::entkit::__private::Operand<Option<Vec<u8>>>,
    ) -> Self {
        self.inner.assign(10usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `avatar` to NULL.
    pub fn clear_avatar(mut self) -> Self {
        self.inner
            .assign(
                10usize,
                ::entkit::__private::Value::Null(
                    <Option<Vec<u8>> as ::entkit::__private::ColumnValue>::TYPE,
                ),
            );
        self
    }
    ///Adds `delta` to `small` in the database (`small = small + delta`).
    pub fn add_small(mut self, delta: i16) -> Self {
        self.inner
            .assign_add(11usize, ::entkit::__private::ColumnValue::into_value(delta));
        self
    }
    ///Sets `small`.
    pub fn set_small(mut self, value: impl ::entkit::__private::Operand<i16>) -> Self {
        self.inner.assign(11usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Adds `delta` to `big` in the database (`big = big + delta`).
    pub fn add_big(mut self, delta: i64) -> Self {
        self.inner
            .assign_add(12usize, ::entkit::__private::ColumnValue::into_value(delta));
        self
    }
    ///Sets `big`.
    pub fn set_big(
        mut self,
        value: impl ::entkit::__private::Operand<Option<i64>>,
    ) -> Self {
        self.inner.assign(12usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `big` to NULL.
    pub fn clear_big(mut self) -> Self {
        self.inner
            .assign(
                12usize,
                ::entkit::__private::Value::Null(
                    <Option<i64> as ::entkit::__private::ColumnValue>::TYPE,
                ),
            );
        self
    }
    ///Adds `delta` to `ratio` in the database (`ratio = ratio + delta`).
    pub fn add_ratio(mut self, delta: f32) -> Self {
        self.inner
            .assign_add(13usize, ::entkit::__private::ColumnValue::into_value(delta));
        self
    }
    ///Sets `ratio`.
    pub fn set_ratio(
        mut self,
        value: impl ::entkit::__private::Operand<Option<f32>>,
    ) -> Self {
        self.inner.assign(13usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `ratio` to NULL.
    pub fn clear_ratio(mut self) -> Self {
        self.inner
            .assign(
                13usize,
                ::entkit::__private::Value::Null(
                    <Option<f32> as ::entkit::__private::ColumnValue>::TYPE,
                ),
            );
        self
    }
    ///Sets `birthday`.
    pub fn set_birthday(
        mut self,
        value: impl ::entkit::__private::Operand<Option<chrono::NaiveDate>>,
    ) -> Self {
        self.inner.assign(14usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `birthday` to NULL.
    pub fn clear_birthday(mut self) -> Self {
        self.inner
            .assign(
                14usize,
                ::entkit::__private::Value::Null(
                    <Option<chrono::NaiveDate> as ::entkit::__private::ColumnValue>::TYPE,
                ),
            );
        self
    }
    ///Sets `settings`.
    pub fn set_settings(
        mut self,
        value: impl ::entkit::__private::Operand<serde_json::Value>,
    ) -> Self {
        self.inner.assign(15usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `status`.
    pub fn set_status(
        mut self,
        value: impl ::entkit::__private::Operand<Status>,
    ) -> Self {
        self.inner.assign(16usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
    ///Sets `updated_at`.
    pub fn set_updated_at(
        mut self,
        value: impl ::entkit::__private::Operand<chrono::DateTime<chrono::Utc>>,
    ) -> Self {
        self.inner.assign(18usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
}
impl AccountUpdate<::entkit::__private::Update<Account>> {
    /// Restricts the update to rows matching `predicate`.
    #[inline]
    pub fn filter(mut self, predicate: ::entkit::__private::Predicate<Account>) -> Self {
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
        Output = ::entkit::__private::Result<::std::vec::Vec<Account>>,
    > {
        self.inner.exec_returning(exec)
    }
}
impl AccountUpdate<::entkit::__private::UpdateOne<Account>> {
    /// Applies the update and returns the entity as stored.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Account>> {
        self.inner.save(exec)
    }
}
#[automatically_derived]
impl ::entkit::__private::Savable<Account>
for AccountUpdate<::entkit::__private::UpdateOne<Account>> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<Account> {
        ::entkit::__private::SaveOp::Update(self.inner)
    }
}
impl Account {
    /// A query over all rows; narrow it with `filter`.
    #[inline]
    pub fn query() -> ::entkit::__private::Query<Account> {
        ::entkit::__private::Query::new()
    }
    /// The row with this key, or `Error::NotFound`.
    pub fn get<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: uuid::Uuid,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Account>> {
        ::entkit::__private::get_by_key::<Account>(exec, key)
    }
    /// The row with this key, if any.
    pub fn find<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: uuid::Uuid,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<Account>>,
    > {
        ::entkit::__private::find_by_key::<Account>(exec, key)
    }
    /// An update of the row with this key.
    #[inline]
    pub fn update_by_id(
        key: uuid::Uuid,
    ) -> AccountUpdate<::entkit::__private::UpdateOne<Account>> {
        AccountUpdate {
            inner: ::entkit::__private::UpdateOne::new(key),
        }
    }
    /// An update of this row.
    #[inline]
    pub fn update(&self) -> AccountUpdate<::entkit::__private::UpdateOne<Account>> {
        Self::update_by_id(::entkit::__private::Entity::key(self))
    }
    /// An update of every row matching the builder's `filter`.
    #[inline]
    pub fn update_many() -> AccountUpdate {
        AccountUpdate {
            inner: ::entkit::__private::Update::new(),
        }
    }
    /// Deletes the row with this key, or `Error::NotFound`.
    pub fn delete_by_id<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: uuid::Uuid,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<Account>(exec, key)
    }
    /// Deletes this row.
    pub fn delete<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<
            Account,
        >(exec, ::entkit::__private::Entity::key(self))
    }
    /// A delete of every row matching its `filter`.
    #[inline]
    pub fn delete_many() -> ::entkit::__private::Delete<Account> {
        ::entkit::__private::Delete::new()
    }
}
impl ::core::fmt::Debug for Account {
    #[inline]
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("Account")
            .field("key", &self.key)
            .field("email", &self.email)
            .field("org", &self.org)
            .field("handle", &self.handle)
            .field("password_hash", &::core::format_args!("[REDACTED]"))
            .field("logins", &self.logins)
            .field("weight", &self.weight)
            .field("active", &self.active)
            .field("locale", &self.locale)
            .field("nickname", &self.nickname)
            .field("avatar", &self.avatar)
            .field("small", &self.small)
            .field("big", &self.big)
            .field("ratio", &self.ratio)
            .field("birthday", &self.birthday)
            .field("settings", &self.settings)
            .field("status", &self.status)
            .field("created_at", &self.created_at)
            .field("updated_at", &self.updated_at)
            .finish()
    }
}
#[automatically_derived]
impl ::entkit::__private::Entity for Token {
    type Key = String;
    #[inline]
    fn def() -> &'static ::entkit::__private::EntityDef {
        static DEF: ::entkit::__private::EntityDef = ::entkit::__private::EntityDef::new(
            "Token",
            "tokens",
            &[
                ::entkit::__private::FieldDef::new(
                        "code",
                        "code",
                        <String as ::entkit::__private::ColumnValue>::TYPE,
                        <String as ::entkit::__private::ColumnValue>::NULLABLE,
                    )
                    .primary_key(::entkit::__private::KeyStrategy::Provided),
                ::entkit::__private::FieldDef::new(
                    "account",
                    "account",
                    <uuid::Uuid as ::entkit::__private::ColumnValue>::TYPE,
                    <uuid::Uuid as ::entkit::__private::ColumnValue>::NULLABLE,
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
            code: <String as ::entkit::__private::ColumnValue>::decode(row, 0usize)?,
            account: <uuid::Uuid as ::entkit::__private::ColumnValue>::decode(
                row,
                1usize,
            )?,
        })
    }
    #[inline]
    fn key(&self) -> String {
        ::core::clone::Clone::clone(&self.code)
    }
    #[inline]
    fn link_value(
        &self,
        column: &str,
    ) -> ::core::option::Option<::entkit::__private::Value> {
        match column {
            "code" => {
                ::core::option::Option::Some(
                    <String as ::entkit::__private::ColumnValue>::into_value(
                        ::core::clone::Clone::clone(&self.code),
                    ),
                )
            }
            _ => ::core::option::Option::None,
        }
    }
}
/// Column handles for building predicates and ordering.
#[allow(dead_code)]
impl Token {
    ///The `code` column (field `code`).
    pub const CODE: ::entkit::__private::Column<Token, String> = ::entkit::__private::Column::new(
        "code",
    );
    ///The `account` column (field `account`).
    pub const ACCOUNT: ::entkit::__private::Column<Token, uuid::Uuid> = ::entkit::__private::Column::new(
        "account",
    );
}
/// Marker types naming the required fields of the create builder.
/// Bare unit structs: they only ever appear inside `entkit::builder::Missing`,
/// whose impls need nothing from them, so they cost no code.
#[doc(hidden)]
#[allow(non_camel_case_types, non_snake_case, dead_code)]
pub mod __token_required {
    pub struct code;
    pub struct account;
}
///Builder for a new [`Token`]; `save` compiles once every required field is set. Made by [`Token::create`].
#[must_use = "a create builder does nothing until `save` is called"]
pub struct TokenCreate<
    __Code = ::entkit::__private::Missing<__token_required::code>,
    __Account = ::entkit::__private::Missing<__token_required::account>,
> {
    inner: ::entkit::__private::Create<Token>,
    _state: ::core::marker::PhantomData<fn() -> (__Code, __Account)>,
}
#[automatically_derived]
impl<__Code, __Account> ::core::fmt::Debug for TokenCreate<__Code, __Account> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        ::core::fmt::Debug::fmt(&self.inner, f)
    }
}
impl Token {
    ///Starts building a new `Token`.
    #[inline]
    pub fn create() -> TokenCreate {
        TokenCreate {
            inner: ::entkit::__private::Create::new(),
            _state: ::core::marker::PhantomData,
        }
    }
}
#[allow(clippy::new_ret_no_self)]
impl<__Code, __Account> TokenCreate<__Code, __Account> {
    ///Sets `code`.
    pub fn code(
        mut self,
        value: impl ::entkit::__private::Operand<String>,
    ) -> TokenCreate<::entkit::__private::Set, __Account> {
        self.inner.set(0usize, ::entkit::__private::Operand::into_operand(value));
        TokenCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `account`.
    pub fn account(
        mut self,
        value: impl ::entkit::__private::Operand<uuid::Uuid>,
    ) -> TokenCreate<__Code, ::entkit::__private::Set> {
        self.inner.set(1usize, ::entkit::__private::Operand::into_operand(value));
        TokenCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
}
impl<
    __Code: ::entkit::__private::IsSet,
    __Account: ::entkit::__private::IsSet,
> TokenCreate<__Code, __Account> {
    /// Inserts the row and returns the stored entity.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Token>> {
        self.inner.save(exec)
    }
    /// Inserts the row or, when it conflicts with an existing one, applies
    /// `on_conflict`; `None` when the conflict was resolved by doing nothing.
    pub fn upsert<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
        on_conflict: &::entkit::__private::OnConflict<Token>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<Token>>,
    > {
        self.inner.upsert(exec, on_conflict)
    }
}
#[automatically_derived]
impl<
    __Code: ::entkit::__private::IsSet,
    __Account: ::entkit::__private::IsSet,
> ::entkit::__private::Savable<Token> for TokenCreate<__Code, __Account> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<Token> {
        ::entkit::__private::SaveOp::Create(self.inner)
    }
}
impl Token {
    /// Inserts many rows in as few statements as the backend allows and
    /// returns them as stored (not on MySQL proper; see `insert_many`).
    pub fn create_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = TokenCreate<::entkit::__private::Set, ::entkit::__private::Set>,
        >,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Token>>,
    > {
        ::entkit::__private::Create::save_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Inserts many rows in as few statements as the backend allows;
    /// returns how many were written.
    pub fn insert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = TokenCreate<::entkit::__private::Set, ::entkit::__private::Set>,
        >,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<u64>> {
        ::entkit::__private::Create::insert_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Bulk upsert; returns the rows inserted or updated.
    pub fn upsert_many<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = TokenCreate<::entkit::__private::Set, ::entkit::__private::Set>,
        >,
        on_conflict: &::entkit::__private::OnConflict<Token>,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::std::vec::Vec<Token>>,
    > {
        ::entkit::__private::Create::upsert_many(
            exec,
            rows.into_iter().map(|r| r.inner),
            on_conflict,
        )
    }
}
///Update builder for [`Token`]: by key from [`Token::update_by_id`] / `update()`, or by filter from [`Token::update_many`].
#[must_use = "an update builder does nothing until `save` or `exec` is called"]
#[derive(Debug)]
pub struct TokenUpdate<M = ::entkit::__private::Update<Token>> {
    inner: M,
}
impl<M: ::entkit::__private::Assign> TokenUpdate<M> {
    ///Sets `account`.
    pub fn set_account(
        mut self,
        value: impl ::entkit::__private::Operand<uuid::Uuid>,
    ) -> Self {
        self.inner.assign(1usize, ::entkit::__private::Operand::into_operand(value));
        self
    }
}
impl TokenUpdate<::entkit::__private::Update<Token>> {
    /// Restricts the update to rows matching `predicate`.
    #[inline]
    pub fn filter(mut self, predicate: ::entkit::__private::Predicate<Token>) -> Self {
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
        Output = ::entkit::__private::Result<::std::vec::Vec<Token>>,
    > {
        self.inner.exec_returning(exec)
    }
}
impl TokenUpdate<::entkit::__private::UpdateOne<Token>> {
    /// Applies the update and returns the entity as stored.
    pub fn save<'a>(
        self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Token>> {
        self.inner.save(exec)
    }
}
#[automatically_derived]
impl ::entkit::__private::Savable<Token>
for TokenUpdate<::entkit::__private::UpdateOne<Token>> {
    #[inline]
    fn into_save(self) -> ::entkit::__private::SaveOp<Token> {
        ::entkit::__private::SaveOp::Update(self.inner)
    }
}
impl Token {
    /// A query over all rows; narrow it with `filter`.
    #[inline]
    pub fn query() -> ::entkit::__private::Query<Token> {
        ::entkit::__private::Query::new()
    }
    /// The row with this key, or `Error::NotFound`.
    pub fn get<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: String,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<Token>> {
        ::entkit::__private::get_by_key::<Token>(exec, key)
    }
    /// The row with this key, if any.
    pub fn find<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: String,
    ) -> impl ::core::future::Future<
        Output = ::entkit::__private::Result<::core::option::Option<Token>>,
    > {
        ::entkit::__private::find_by_key::<Token>(exec, key)
    }
    /// An update of the row with this key.
    #[inline]
    pub fn update_by_id(
        key: String,
    ) -> TokenUpdate<::entkit::__private::UpdateOne<Token>> {
        TokenUpdate {
            inner: ::entkit::__private::UpdateOne::new(key),
        }
    }
    /// An update of this row.
    #[inline]
    pub fn update(&self) -> TokenUpdate<::entkit::__private::UpdateOne<Token>> {
        Self::update_by_id(::entkit::__private::Entity::key(self))
    }
    /// An update of every row matching the builder's `filter`.
    #[inline]
    pub fn update_many() -> TokenUpdate {
        TokenUpdate {
            inner: ::entkit::__private::Update::new(),
        }
    }
    /// Deletes the row with this key, or `Error::NotFound`.
    pub fn delete_by_id<'a>(
        exec: impl ::entkit::__private::Executor<'a>,
        key: String,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<Token>(exec, key)
    }
    /// Deletes this row.
    pub fn delete<'a>(
        &self,
        exec: impl ::entkit::__private::Executor<'a>,
    ) -> impl ::core::future::Future<Output = ::entkit::__private::Result<()>> {
        ::entkit::__private::delete_by_key::<
            Token,
        >(exec, ::entkit::__private::Entity::key(self))
    }
    /// A delete of every row matching its `filter`.
    #[inline]
    pub fn delete_many() -> ::entkit::__private::Delete<Token> {
        ::entkit::__private::Delete::new()
    }
}
#[automatically_derived]
impl ::entkit::__private::serde::Serialize for Token {
    fn serialize<S>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error>
    where
        S: ::entkit::__private::serde::Serializer,
    {
        let mut state = serializer.serialize_struct("Token", 2usize)?;
        ::entkit::__private::serde::ser::SerializeStruct::serialize_field(
            &mut state,
            "code",
            &self.code,
        )?;
        ::entkit::__private::serde::ser::SerializeStruct::serialize_field(
            &mut state,
            "account",
            &self.account,
        )?;
        ::entkit::__private::serde::ser::SerializeStruct::end(state)
    }
}
impl Status {
    /// The stored names of the variants, in declaration order.
    pub const VALUES: &'static [&'static str] = &["active", "suspended"];
    /// The stored name of this variant.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Suspended => "suspended",
        }
    }
    /// The variant stored as `name`.
    pub fn from_name(name: &str) -> ::core::option::Option<Self> {
        match name {
            "active" => ::core::option::Option::Some(Self::Active),
            "suspended" => ::core::option::Option::Some(Self::Suspended),
            _ => ::core::option::Option::None,
        }
    }
}
#[automatically_derived]
impl ::entkit::__private::ScalarValue for Status {
    const TYPE: ::entkit::__private::ColumnType = ::entkit::__private::ColumnType::Text;
    const ENUM_VALUES: ::core::option::Option<&'static [&'static str]> = ::core::option::Option::Some(
        Self::VALUES,
    );
    fn into_value(self) -> ::entkit::__private::Value {
        ::entkit::__private::Value::Text(
            ::std::string::ToString::to_string(self.as_str()),
        )
    }
    fn decode(
        row: ::entkit::__private::RowRef<'_>,
        index: usize,
    ) -> ::entkit::__private::Result<Self> {
        let name = <::std::string::String as ::entkit::__private::ScalarValue>::decode(
            row,
            index,
        )?;
        Self::from_name(&name)
            .ok_or_else(|| ::entkit::__private::unknown_variant(row, index, &name))
    }
    fn decode_optional(
        row: ::entkit::__private::RowRef<'_>,
        index: usize,
    ) -> ::entkit::__private::Result<::core::option::Option<Self>> {
        match <::std::string::String as ::entkit::__private::ScalarValue>::decode_optional(
            row,
            index,
        )? {
            ::core::option::Option::Some(name) => {
                Self::from_name(&name)
                    .map(::core::option::Option::Some)
                    .ok_or_else(|| ::entkit::__private::unknown_variant(
                        row,
                        index,
                        &name,
                    ))
            }
            ::core::option::Option::None => {
                ::core::result::Result::Ok(::core::option::Option::None)
            }
        }
    }
}
#[automatically_derived]
impl ::entkit::__private::ValidatorArg for Status {
    type Arg = Self;
    fn as_arg(&self) -> &Self {
        self
    }
}
#[automatically_derived]
impl ::entkit::__private::FromValue for Status {
    fn from_value(value: &::entkit::__private::Value) -> ::core::option::Option<Self> {
        match value {
            ::entkit::__private::Value::Text(name) => Self::from_name(name),
            _ => ::core::option::Option::None,
        }
    }
}
