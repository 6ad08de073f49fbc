// The expansion of snapshots/field_options.rs (generated: ENTKIT_UPDATE_SNAPSHOTS=1 cargo test -p entkit-macros snapshots).

#[automatically_derived]
impl entkit::Entity for Account {
    type Key = uuid::Uuid;
    #[inline]
    fn def() -> &'static entkit::EntityDef {
        static DEF: entkit::EntityDef = entkit::EntityDef {
            name: "Account",
            table: "accounts",
            default_scope: ::core::option::Option::Some("identity"),
            fields: &[
                entkit::FieldDef {
                    name: "key",
                    column: "key",
                    ty: <uuid::Uuid as entkit::ColumnValue>::TYPE,
                    nullable: <uuid::Uuid as entkit::ColumnValue>::NULLABLE,
                    primary_key: true,
                    key_strategy: ::core::option::Option::Some(
                        entkit::KeyStrategy::Generated,
                    ),
                    default: ::core::option::Option::Some(
                        entkit::DefaultValue::Call({
                            fn default_value() -> entkit::Value {
                                <_ as entkit::Operand<
                                    uuid::Uuid,
                                >>::into_operand(entkit::new_uuid())
                            }
                            default_value
                        }),
                    ),
                    update_default: ::core::option::Option::None,
                    immutable: false,
                    sensitive: false,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    enum_values: <uuid::Uuid as entkit::ColumnValue>::ENUM_VALUES,
                    renamed_from: ::core::option::Option::None,
                    min: ::core::option::Option::None,
                    max: ::core::option::Option::None,
                    pattern: ::core::option::Option::None,
                    validator: ::core::option::Option::None,
                    indexed: false,
                    comment: ::core::option::Option::None,
                },
                entkit::FieldDef {
                    name: "email",
                    column: "email",
                    ty: <String as entkit::ColumnValue>::TYPE,
                    nullable: <String as entkit::ColumnValue>::NULLABLE,
                    primary_key: false,
                    key_strategy: ::core::option::Option::None,
                    default: ::core::option::Option::None,
                    update_default: ::core::option::Option::None,
                    immutable: false,
                    sensitive: false,
                    max_len: ::core::option::Option::Some(120usize),
                    min_len: ::core::option::Option::Some(3usize),
                    enum_values: <String as entkit::ColumnValue>::ENUM_VALUES,
                    renamed_from: ::core::option::Option::None,
                    min: ::core::option::Option::None,
                    max: ::core::option::Option::None,
                    pattern: ::core::option::Option::Some("^[^@]+@[^@]+$"),
                    validator: ::core::option::Option::None,
                    indexed: true,
                    comment: ::core::option::Option::None,
                },
                entkit::FieldDef {
                    name: "org",
                    column: "organisation",
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
                    indexed: true,
                    comment: ::core::option::Option::None,
                },
                entkit::FieldDef {
                    name: "handle",
                    column: "handle",
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
                    validator: ::core::option::Option::Some({
                        fn validate(
                            value: &entkit::Value,
                        ) -> ::core::result::Result<(), ::std::string::String> {
                            entkit::__private::run_validator::<
                                String,
                                _,
                                _,
                            >(check_handle, value)
                        }
                        validate
                    }),
                    indexed: true,
                    comment: ::core::option::Option::Some("Shown to other users"),
                },
                entkit::FieldDef {
                    name: "password_hash",
                    column: "password_hash",
                    ty: <String as entkit::ColumnValue>::TYPE,
                    nullable: <String as entkit::ColumnValue>::NULLABLE,
                    primary_key: false,
                    key_strategy: ::core::option::Option::None,
                    default: ::core::option::Option::None,
                    update_default: ::core::option::Option::None,
                    immutable: false,
                    sensitive: true,
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
                    name: "logins",
                    column: "logins",
                    ty: <i32 as entkit::ColumnValue>::TYPE,
                    nullable: <i32 as entkit::ColumnValue>::NULLABLE,
                    primary_key: false,
                    key_strategy: ::core::option::Option::None,
                    default: ::core::option::Option::Some(
                        entkit::DefaultValue::Literal(entkit::Literal::Int(0)),
                    ),
                    update_default: ::core::option::Option::None,
                    immutable: false,
                    sensitive: false,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    enum_values: <i32 as entkit::ColumnValue>::ENUM_VALUES,
                    renamed_from: ::core::option::Option::None,
                    min: ::core::option::Option::Some(entkit::Bound::Int(0)),
                    max: ::core::option::Option::Some(entkit::Bound::Int(1000)),
                    pattern: ::core::option::Option::None,
                    validator: ::core::option::Option::None,
                    indexed: false,
                    comment: ::core::option::Option::None,
                },
                entkit::FieldDef {
                    name: "weight",
                    column: "weight",
                    ty: <f64 as entkit::ColumnValue>::TYPE,
                    nullable: <f64 as entkit::ColumnValue>::NULLABLE,
                    primary_key: false,
                    key_strategy: ::core::option::Option::None,
                    default: ::core::option::Option::Some(
                        entkit::DefaultValue::Literal(entkit::Literal::Float(1.5)),
                    ),
                    update_default: ::core::option::Option::None,
                    immutable: false,
                    sensitive: false,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    enum_values: <f64 as entkit::ColumnValue>::ENUM_VALUES,
                    renamed_from: ::core::option::Option::None,
                    min: ::core::option::Option::Some(entkit::Bound::Float(0.0)),
                    max: ::core::option::Option::None,
                    pattern: ::core::option::Option::None,
                    validator: ::core::option::Option::None,
                    indexed: false,
                    comment: ::core::option::Option::None,
                },
                entkit::FieldDef {
                    name: "active",
                    column: "active",
                    ty: <bool as entkit::ColumnValue>::TYPE,
                    nullable: <bool as entkit::ColumnValue>::NULLABLE,
                    primary_key: false,
                    key_strategy: ::core::option::Option::None,
                    default: ::core::option::Option::Some(
                        entkit::DefaultValue::Literal(entkit::Literal::Bool(true)),
                    ),
                    update_default: ::core::option::Option::None,
                    immutable: false,
                    sensitive: false,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    enum_values: <bool as entkit::ColumnValue>::ENUM_VALUES,
                    renamed_from: ::core::option::Option::None,
                    min: ::core::option::Option::None,
                    max: ::core::option::Option::None,
                    pattern: ::core::option::Option::None,
                    validator: ::core::option::Option::None,
                    indexed: false,
                    comment: ::core::option::Option::None,
                },
                entkit::FieldDef {
                    name: "locale",
                    column: "locale",
                    ty: <String as entkit::ColumnValue>::TYPE,
                    nullable: <String as entkit::ColumnValue>::NULLABLE,
                    primary_key: false,
                    key_strategy: ::core::option::Option::None,
                    default: ::core::option::Option::Some(
                        entkit::DefaultValue::Literal(entkit::Literal::Str("en")),
                    ),
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
                    name: "nickname",
                    column: "nickname",
                    ty: <Option<String> as entkit::ColumnValue>::TYPE,
                    nullable: <Option<String> as entkit::ColumnValue>::NULLABLE,
                    primary_key: false,
                    key_strategy: ::core::option::Option::None,
                    default: ::core::option::Option::None,
                    update_default: ::core::option::Option::None,
                    immutable: false,
                    sensitive: false,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    enum_values: <Option<String> as entkit::ColumnValue>::ENUM_VALUES,
                    renamed_from: ::core::option::Option::None,
                    min: ::core::option::Option::None,
                    max: ::core::option::Option::None,
                    pattern: ::core::option::Option::None,
                    validator: ::core::option::Option::None,
                    indexed: false,
                    comment: ::core::option::Option::None,
                },
                entkit::FieldDef {
                    name: "avatar",
                    column: "avatar",
                    ty: <Option<Vec<u8>> as entkit::ColumnValue>::TYPE,
                    nullable: <Option<Vec<u8>> as entkit::ColumnValue>::NULLABLE,
                    primary_key: false,
                    key_strategy: ::core::option::Option::None,
                    default: ::core::option::Option::None,
                    update_default: ::core::option::Option::None,
                    immutable: false,
                    sensitive: false,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    enum_values: <Option<Vec<u8>> as entkit::ColumnValue>::ENUM_VALUES,
                    renamed_from: ::core::option::Option::None,
                    min: ::core::option::Option::None,
                    max: ::core::option::Option::None,
                    pattern: ::core::option::Option::None,
                    validator: ::core::option::Option::None,
                    indexed: false,
                    comment: ::core::option::Option::None,
                },
                entkit::FieldDef {
                    name: "small",
                    column: "small",
                    ty: <i16 as entkit::ColumnValue>::TYPE,
                    nullable: <i16 as entkit::ColumnValue>::NULLABLE,
                    primary_key: false,
                    key_strategy: ::core::option::Option::None,
                    default: ::core::option::Option::None,
                    update_default: ::core::option::Option::None,
                    immutable: false,
                    sensitive: false,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    enum_values: <i16 as entkit::ColumnValue>::ENUM_VALUES,
                    renamed_from: ::core::option::Option::None,
                    min: ::core::option::Option::None,
                    max: ::core::option::Option::None,
                    pattern: ::core::option::Option::None,
                    validator: ::core::option::Option::None,
                    indexed: false,
                    comment: ::core::option::Option::None,
                },
                entkit::FieldDef {
                    name: "big",
                    column: "big",
                    ty: <Option<i64> as entkit::ColumnValue>::TYPE,
                    nullable: <Option<i64> as entkit::ColumnValue>::NULLABLE,
                    primary_key: false,
                    key_strategy: ::core::option::Option::None,
                    default: ::core::option::Option::None,
                    update_default: ::core::option::Option::None,
                    immutable: false,
                    sensitive: false,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    enum_values: <Option<i64> as entkit::ColumnValue>::ENUM_VALUES,
                    renamed_from: ::core::option::Option::None,
                    min: ::core::option::Option::None,
                    max: ::core::option::Option::None,
                    pattern: ::core::option::Option::None,
                    validator: ::core::option::Option::None,
                    indexed: false,
                    comment: ::core::option::Option::None,
                },
                entkit::FieldDef {
                    name: "ratio",
                    column: "ratio",
                    ty: <Option<f32> as entkit::ColumnValue>::TYPE,
                    nullable: <Option<f32> as entkit::ColumnValue>::NULLABLE,
                    primary_key: false,
                    key_strategy: ::core::option::Option::None,
                    default: ::core::option::Option::None,
                    update_default: ::core::option::Option::None,
                    immutable: false,
                    sensitive: false,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    enum_values: <Option<f32> as entkit::ColumnValue>::ENUM_VALUES,
                    renamed_from: ::core::option::Option::None,
                    min: ::core::option::Option::None,
                    max: ::core::option::Option::None,
                    pattern: ::core::option::Option::None,
                    validator: ::core::option::Option::None,
                    indexed: false,
                    comment: ::core::option::Option::None,
                },
                entkit::FieldDef {
                    name: "birthday",
                    column: "birthday",
                    ty: <Option<chrono::NaiveDate> as entkit::ColumnValue>::TYPE,
                    nullable: <Option<
                        chrono::NaiveDate,
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
                        chrono::NaiveDate,
                    > as entkit::ColumnValue>::ENUM_VALUES,
                    renamed_from: ::core::option::Option::None,
                    min: ::core::option::Option::None,
                    max: ::core::option::Option::None,
                    pattern: ::core::option::Option::None,
                    validator: ::core::option::Option::None,
                    indexed: false,
                    comment: ::core::option::Option::None,
                },
                entkit::FieldDef {
                    name: "settings",
                    column: "settings",
                    ty: <serde_json::Value as entkit::ColumnValue>::TYPE,
                    nullable: <serde_json::Value as entkit::ColumnValue>::NULLABLE,
                    primary_key: false,
                    key_strategy: ::core::option::Option::None,
                    default: ::core::option::Option::None,
                    update_default: ::core::option::Option::None,
                    immutable: false,
                    sensitive: false,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    enum_values: <serde_json::Value as entkit::ColumnValue>::ENUM_VALUES,
                    renamed_from: ::core::option::Option::None,
                    min: ::core::option::Option::None,
                    max: ::core::option::Option::None,
                    pattern: ::core::option::Option::None,
                    validator: ::core::option::Option::None,
                    indexed: false,
                    comment: ::core::option::Option::None,
                },
                entkit::FieldDef {
                    name: "status",
                    column: "status",
                    ty: <Status as entkit::ColumnValue>::TYPE,
                    nullable: <Status as entkit::ColumnValue>::NULLABLE,
                    primary_key: false,
                    key_strategy: ::core::option::Option::None,
                    default: ::core::option::Option::None,
                    update_default: ::core::option::Option::None,
                    immutable: false,
                    sensitive: false,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    enum_values: <Status as entkit::ColumnValue>::ENUM_VALUES,
                    renamed_from: ::core::option::Option::None,
                    min: ::core::option::Option::None,
                    max: ::core::option::Option::None,
                    pattern: ::core::option::Option::None,
                    validator: ::core::option::Option::None,
                    indexed: false,
                    comment: ::core::option::Option::None,
                },
                entkit::FieldDef {
                    name: "created_at",
                    column: "created_at",
                    ty: <chrono::DateTime<chrono::Utc> as entkit::ColumnValue>::TYPE,
                    nullable: <chrono::DateTime<
                        chrono::Utc,
                    > as entkit::ColumnValue>::NULLABLE,
                    primary_key: false,
                    key_strategy: ::core::option::Option::None,
                    default: ::core::option::Option::Some(
                        entkit::DefaultValue::Call({
                            fn default_value() -> entkit::Value {
                                <_ as entkit::Operand<
                                    chrono::DateTime<chrono::Utc>,
                                >>::into_operand(entkit::now())
                            }
                            default_value
                        }),
                    ),
                    update_default: ::core::option::Option::None,
                    immutable: true,
                    sensitive: false,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    enum_values: <chrono::DateTime<
                        chrono::Utc,
                    > as entkit::ColumnValue>::ENUM_VALUES,
                    renamed_from: ::core::option::Option::None,
                    min: ::core::option::Option::None,
                    max: ::core::option::Option::None,
                    pattern: ::core::option::Option::None,
                    validator: ::core::option::Option::None,
                    indexed: true,
                    comment: ::core::option::Option::None,
                },
                entkit::FieldDef {
                    name: "updated_at",
                    column: "updated_at",
                    ty: <chrono::DateTime<chrono::Utc> as entkit::ColumnValue>::TYPE,
                    nullable: <chrono::DateTime<
                        chrono::Utc,
                    > as entkit::ColumnValue>::NULLABLE,
                    primary_key: false,
                    key_strategy: ::core::option::Option::None,
                    default: ::core::option::Option::Some(
                        entkit::DefaultValue::Call({
                            fn default_value() -> entkit::Value {
                                <_ as entkit::Operand<
                                    chrono::DateTime<chrono::Utc>,
                                >>::into_operand(entkit::now())
                            }
                            default_value
                        }),
                    ),
                    update_default: ::core::option::Option::Some(
                        entkit::DefaultValue::Call({
                            fn default_value() -> entkit::Value {
                                <_ as entkit::Operand<
                                    chrono::DateTime<chrono::Utc>,
                                >>::into_operand(entkit::now())
                            }
                            default_value
                        }),
                    ),
                    immutable: false,
                    sensitive: false,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    enum_values: <chrono::DateTime<
                        chrono::Utc,
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
            indexes: &[
                entkit::IndexDef {
                    name: "accounts_email_key",
                    columns: &["email"],
                    unique: true,
                },
                entkit::IndexDef {
                    name: "accounts_organisation_idx",
                    columns: &["organisation"],
                    unique: false,
                },
                entkit::IndexDef {
                    name: "accounts_organisation_handle_key",
                    columns: &["organisation", "handle"],
                    unique: true,
                },
                entkit::IndexDef {
                    name: "accounts_by_age",
                    columns: &["created_at"],
                    unique: false,
                },
            ],
            comment: ::core::option::Option::Some("Sign-in accounts"),
            edges: &[],
            soft_delete: ::core::option::Option::None,
        };
        &DEF
    }
    #[inline]
    fn from_row(row: entkit::RowRef<'_>) -> entkit::Result<Self> {
        ::core::result::Result::Ok(Self {
            key: <uuid::Uuid as entkit::ColumnValue>::decode(row, 0usize)?,
            email: <String as entkit::ColumnValue>::decode(row, 1usize)?,
            org: <String as entkit::ColumnValue>::decode(row, 2usize)?,
            handle: <String as entkit::ColumnValue>::decode(row, 3usize)?,
            password_hash: <String as entkit::ColumnValue>::decode(row, 4usize)?,
            logins: <i32 as entkit::ColumnValue>::decode(row, 5usize)?,
            weight: <f64 as entkit::ColumnValue>::decode(row, 6usize)?,
            active: <bool as entkit::ColumnValue>::decode(row, 7usize)?,
            locale: <String as entkit::ColumnValue>::decode(row, 8usize)?,
            nickname: <Option<String> as entkit::ColumnValue>::decode(row, 9usize)?,
            avatar: <Option<Vec<u8>> as entkit::ColumnValue>::decode(row, 10usize)?,
            small: <i16 as entkit::ColumnValue>::decode(row, 11usize)?,
            big: <Option<i64> as entkit::ColumnValue>::decode(row, 12usize)?,
            ratio: <Option<f32> as entkit::ColumnValue>::decode(row, 13usize)?,
            birthday: <Option<
                chrono::NaiveDate,
            > as entkit::ColumnValue>::decode(row, 14usize)?,
            settings: <serde_json::Value as entkit::ColumnValue>::decode(row, 15usize)?,
            status: <Status as entkit::ColumnValue>::decode(row, 16usize)?,
            created_at: <chrono::DateTime<
                chrono::Utc,
            > as entkit::ColumnValue>::decode(row, 17usize)?,
            updated_at: <chrono::DateTime<
                chrono::Utc,
            > as entkit::ColumnValue>::decode(row, 18usize)?,
        })
    }
    #[inline]
    fn key(&self) -> uuid::Uuid {
        ::core::clone::Clone::clone(&self.key)
    }
    #[inline]
    fn link_value(&self, column: &str) -> ::core::option::Option<entkit::Value> {
        match column {
            "key" => {
                ::core::option::Option::Some(
                    <uuid::Uuid as entkit::ColumnValue>::into_value(
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
    pub const KEY: entkit::Column<Account, uuid::Uuid> = entkit::Column::new("key");
    ///The `email` column (field `email`).
    pub const EMAIL: entkit::Column<Account, String> = entkit::Column::new("email");
    ///The `organisation` column (field `org`).
    pub const ORG: entkit::Column<Account, String> = entkit::Column::new("organisation");
    ///The `handle` column (field `handle`).
    pub const HANDLE: entkit::Column<Account, String> = entkit::Column::new("handle");
    ///The `password_hash` column (field `password_hash`).
    pub const PASSWORD_HASH: entkit::Column<Account, String> = entkit::Column::new(
        "password_hash",
    );
    ///The `logins` column (field `logins`).
    pub const LOGINS: entkit::Column<Account, i32> = entkit::Column::new("logins");
    ///The `weight` column (field `weight`).
    pub const WEIGHT: entkit::Column<Account, f64> = entkit::Column::new("weight");
    ///The `active` column (field `active`).
    pub const ACTIVE: entkit::Column<Account, bool> = entkit::Column::new("active");
    ///The `locale` column (field `locale`).
    pub const LOCALE: entkit::Column<Account, String> = entkit::Column::new("locale");
    ///The `nickname` column (field `nickname`).
    pub const NICKNAME: entkit::Column<Account, Option<String>> = entkit::Column::new(
        "nickname",
    );
    ///The `avatar` column (field `avatar`).
    pub const AVATAR: entkit::Column<Account, Option<Vec<u8>>> = entkit::Column::new(
        "avatar",
    );
    ///The `small` column (field `small`).
    pub const SMALL: entkit::Column<Account, i16> = entkit::Column::new("small");
    ///The `big` column (field `big`).
    pub const BIG: entkit::Column<Account, Option<i64>> = entkit::Column::new("big");
    ///The `ratio` column (field `ratio`).
    pub const RATIO: entkit::Column<Account, Option<f32>> = entkit::Column::new("ratio");
    ///The `birthday` column (field `birthday`).
    pub const BIRTHDAY: entkit::Column<Account, Option<chrono::NaiveDate>> = entkit::Column::new(
        "birthday",
    );
    ///The `settings` column (field `settings`).
    pub const SETTINGS: entkit::Column<Account, serde_json::Value> = entkit::Column::new(
        "settings",
    );
    ///The `status` column (field `status`).
    pub const STATUS: entkit::Column<Account, Status> = entkit::Column::new("status");
    ///The `created_at` column (field `created_at`).
    pub const CREATED_AT: entkit::Column<Account, chrono::DateTime<chrono::Utc>> = entkit::Column::new(
        "created_at",
    );
    ///The `updated_at` column (field `updated_at`).
    pub const UPDATED_AT: entkit::Column<Account, chrono::DateTime<chrono::Utc>> = entkit::Column::new(
        "updated_at",
    );
}
/// Marker types naming the required fields of the create builder.
/// Bare unit structs: they only ever appear inside `entkit::Missing`,
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
    __Email = entkit::Missing<__account_required::email>,
    __Org = entkit::Missing<__account_required::org>,
    __Handle = entkit::Missing<__account_required::handle>,
    __PasswordHash = entkit::Missing<__account_required::password_hash>,
    __Small = entkit::Missing<__account_required::small>,
    __Settings = entkit::Missing<__account_required::settings>,
    __Status = entkit::Missing<__account_required::status>,
> {
    inner: entkit::Create<Account>,
    _state: ::core::marker::PhantomData<
        fn() -> (__Email, __Org, __Handle, __PasswordHash, __Small, __Settings, __Status),
    >,
}
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
            inner: entkit::Create::new(),
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
    pub fn key(mut self, value: impl entkit::Operand<uuid::Uuid>) -> Self {
        self.inner.set(0usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `email`.
    pub fn email(
        mut self,
        value: impl entkit::Operand<String>,
    ) -> AccountCreate<
        entkit::Set,
        __Org,
        __Handle,
        __PasswordHash,
        __Small,
        __Settings,
        __Status,
    > {
        self.inner.set(1usize, entkit::Operand::into_operand(value));
        AccountCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `org`.
    pub fn org(
        mut self,
        value: impl entkit::Operand<String>,
    ) -> AccountCreate<
        __Email,
        entkit::Set,
        __Handle,
        __PasswordHash,
        __Small,
        __Settings,
        __Status,
    > {
        self.inner.set(2usize, entkit::Operand::into_operand(value));
        AccountCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `handle`.
    pub fn handle(
        mut self,
        value: impl entkit::Operand<String>,
    ) -> AccountCreate<
        __Email,
        __Org,
        entkit::Set,
        __PasswordHash,
        __Small,
        __Settings,
        __Status,
    > {
        self.inner.set(3usize, entkit::Operand::into_operand(value));
        AccountCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `password_hash`.
    pub fn password_hash(
        mut self,
        value: impl entkit::Operand<String>,
    ) -> AccountCreate<
        __Email,
        __Org,
        __Handle,
        entkit::Set,
        __Small,
        __Settings,
        __Status,
    > {
        self.inner.set(4usize, entkit::Operand::into_operand(value));
        AccountCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `logins`.
    pub fn logins(mut self, value: impl entkit::Operand<i32>) -> Self {
        self.inner.set(5usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `weight`.
    pub fn weight(mut self, value: impl entkit::Operand<f64>) -> Self {
        self.inner.set(6usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `active`.
    pub fn active(mut self, value: impl entkit::Operand<bool>) -> Self {
        self.inner.set(7usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `locale`.
    pub fn locale(mut self, value: impl entkit::Operand<String>) -> Self {
        self.inner.set(8usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `nickname`.
    pub fn nickname(mut self, value: impl entkit::Operand<Option<String>>) -> Self {
        self.inner.set(9usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `avatar`.
    pub fn avatar(mut self, value: impl entkit::Operand<Option<Vec<u8>>>) -> Self {
        self.inner.set(10usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `small`.
    pub fn small(
        mut self,
        value: impl entkit::Operand<i16>,
    ) -> AccountCreate<
        __Email,
        __Org,
        __Handle,
        __PasswordHash,
        entkit::Set,
        __Settings,
        __Status,
    > {
        self.inner.set(11usize, entkit::Operand::into_operand(value));
        AccountCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `big`.
    pub fn big(mut self, value: impl entkit::Operand<Option<i64>>) -> Self {
        self.inner.set(12usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `ratio`.
    pub fn ratio(mut self, value: impl entkit::Operand<Option<f32>>) -> Self {
        self.inner.set(13usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `birthday`.
    pub fn birthday(
        mut self,
        value: impl entkit::Operand<Option<chrono::NaiveDate>>,
    ) -> Self {
        self.inner.set(14usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `settings`.
    pub fn settings(
        mut self,
        value: impl entkit::Operand<serde_json::Value>,
    ) -> AccountCreate<
        __Email,
        __Org,
        __Handle,
        __PasswordHash,
        __Small,
        entkit::Set,
        __Status,
    > {
        self.inner.set(15usize, entkit::Operand::into_operand(value));
        AccountCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `status`.
    pub fn status(
        mut self,
        value: impl entkit::Operand<Status>,
    ) -> AccountCreate<
        __Email,
        __Org,
        __Handle,
        __PasswordHash,
        __Small,
        __Settings,
        entkit::Set,
    > {
        self.inner.set(16usize, entkit::Operand::into_operand(value));
        AccountCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `created_at`.
    pub fn created_at(
        mut self,
        value: impl entkit::Operand<chrono::DateTime<chrono::Utc>>,
    ) -> Self {
        self.inner.set(17usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `updated_at`.
    pub fn updated_at(
        mut self,
        value: impl entkit::Operand<chrono::DateTime<chrono::Utc>>,
    ) -> Self {
        self.inner.set(18usize, entkit::Operand::into_operand(value));
        self
    }
    /// Inserts the row and returns the stored entity.
    pub fn save<'a>(
        self,
        exec: impl entkit::Executor<'a>,
    ) -> impl ::core::future::Future<Output = entkit::Result<Account>>
    where
        __Email: entkit::IsSet,
        __Org: entkit::IsSet,
        __Handle: entkit::IsSet,
        __PasswordHash: entkit::IsSet,
        __Small: entkit::IsSet,
        __Settings: entkit::IsSet,
        __Status: entkit::IsSet,
    {
        self.inner.save(exec)
    }
    /// Inserts the row or, when it conflicts with an existing one, applies
    /// `on_conflict`; `None` when the conflict was resolved by doing nothing.
    pub fn upsert<'a>(
        self,
        exec: impl entkit::Executor<'a>,
        on_conflict: &entkit::OnConflict<Account>,
    ) -> impl ::core::future::Future<
        Output = entkit::Result<::core::option::Option<Account>>,
    >
    where
        __Email: entkit::IsSet,
        __Org: entkit::IsSet,
        __Handle: entkit::IsSet,
        __PasswordHash: entkit::IsSet,
        __Small: entkit::IsSet,
        __Settings: entkit::IsSet,
        __Status: entkit::IsSet,
    {
        self.inner.upsert(exec, on_conflict)
    }
}
impl Account {
    /// Inserts many rows in as few statements as the backend allows and
    /// returns them as stored (not on MySQL proper; see `insert_many`).
    pub fn create_many<'a>(
        exec: impl entkit::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = AccountCreate<
                entkit::Set,
                entkit::Set,
                entkit::Set,
                entkit::Set,
                entkit::Set,
                entkit::Set,
                entkit::Set,
            >,
        >,
    ) -> impl ::core::future::Future<Output = entkit::Result<::std::vec::Vec<Account>>> {
        entkit::Create::save_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Inserts many rows in as few statements as the backend allows;
    /// returns how many were written.
    pub fn insert_many<'a>(
        exec: impl entkit::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = AccountCreate<
                entkit::Set,
                entkit::Set,
                entkit::Set,
                entkit::Set,
                entkit::Set,
                entkit::Set,
                entkit::Set,
            >,
        >,
    ) -> impl ::core::future::Future<Output = entkit::Result<u64>> {
        entkit::Create::insert_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Bulk upsert; returns the rows inserted or updated.
    pub fn upsert_many<'a>(
        exec: impl entkit::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = AccountCreate<
                entkit::Set,
                entkit::Set,
                entkit::Set,
                entkit::Set,
                entkit::Set,
                entkit::Set,
                entkit::Set,
            >,
        >,
        on_conflict: &entkit::OnConflict<Account>,
    ) -> impl ::core::future::Future<Output = entkit::Result<::std::vec::Vec<Account>>> {
        entkit::Create::upsert_many(exec, rows.into_iter().map(|r| r.inner), on_conflict)
    }
}
///Update builder for [`Account`]: by key from [`Account::update_by_id`] / `update()`, or by filter from [`Account::update_many`].
#[must_use = "an update builder does nothing until `save` or `exec` is called"]
#[derive(Debug)]
pub struct AccountUpdate<M = entkit::Update<Account>> {
    inner: M,
}
impl<M: entkit::Assign> AccountUpdate<M> {
    ///Sets `email`.
    pub fn set_email(mut self, value: impl entkit::Operand<String>) -> Self {
        self.inner.assign(1usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `org`.
    pub fn set_org(mut self, value: impl entkit::Operand<String>) -> Self {
        self.inner.assign(2usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `handle`.
    pub fn set_handle(mut self, value: impl entkit::Operand<String>) -> Self {
        self.inner.assign(3usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `password_hash`.
    pub fn set_password_hash(mut self, value: impl entkit::Operand<String>) -> Self {
        self.inner.assign(4usize, entkit::Operand::into_operand(value));
        self
    }
    ///Adds `delta` to `logins` in the database (`logins = logins + delta`).
    pub fn add_logins(mut self, delta: i32) -> Self {
        self.inner.assign_add(5usize, entkit::ColumnValue::into_value(delta));
        self
    }
    ///Sets `logins`.
    pub fn set_logins(mut self, value: impl entkit::Operand<i32>) -> Self {
        self.inner.assign(5usize, entkit::Operand::into_operand(value));
        self
    }
    ///Adds `delta` to `weight` in the database (`weight = weight + delta`).
    pub fn add_weight(mut self, delta: f64) -> Self {
        self.inner.assign_add(6usize, entkit::ColumnValue::into_value(delta));
        self
    }
    ///Sets `weight`.
    pub fn set_weight(mut self, value: impl entkit::Operand<f64>) -> Self {
        self.inner.assign(6usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `active`.
    pub fn set_active(mut self, value: impl entkit::Operand<bool>) -> Self {
        self.inner.assign(7usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `locale`.
    pub fn set_locale(mut self, value: impl entkit::Operand<String>) -> Self {
        self.inner.assign(8usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `nickname`.
    pub fn set_nickname(mut self, value: impl entkit::Operand<Option<String>>) -> Self {
        self.inner.assign(9usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `nickname` to NULL.
    pub fn clear_nickname(mut self) -> Self {
        self.inner
            .assign(
                9usize,
                entkit::Value::Null(<Option<String> as entkit::ColumnValue>::TYPE),
            );
        self
    }
    ///Sets `avatar`.
    pub fn set_avatar(mut self, value: impl entkit::Operand<Option<Vec<u8>>>) -> Self {
        self.inner.assign(10usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `avatar` to NULL.
    pub fn clear_avatar(mut self) -> Self {
        self.inner
            .assign(
                10usize,
                entkit::Value::Null(<Option<Vec<u8>> as entkit::ColumnValue>::TYPE),
            );
        self
    }
    ///Adds `delta` to `small` in the database (`small = small + delta`).
    pub fn add_small(mut self, delta: i16) -> Self {
        self.inner.assign_add(11usize, entkit::ColumnValue::into_value(delta));
        self
    }
    ///Sets `small`.
    pub fn set_small(mut self, value: impl entkit::Operand<i16>) -> Self {
        self.inner.assign(11usize, entkit::Operand::into_operand(value));
        self
    }
    ///Adds `delta` to `big` in the database (`big = big + delta`).
    pub fn add_big(mut self, delta: i64) -> Self {
        self.inner.assign_add(12usize, entkit::ColumnValue::into_value(delta));
        self
    }
    ///Sets `big`.
    pub fn set_big(mut self, value: impl entkit::Operand<Option<i64>>) -> Self {
        self.inner.assign(12usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `big` to NULL.
    pub fn clear_big(mut self) -> Self {
        self.inner
            .assign(
                12usize,
                entkit::Value::Null(<Option<i64> as entkit::ColumnValue>::TYPE),
            );
        self
    }
    ///Adds `delta` to `ratio` in the database (`ratio = ratio + delta`).
    pub fn add_ratio(mut self, delta: f32) -> Self {
        self.inner.assign_add(13usize, entkit::ColumnValue::into_value(delta));
        self
    }
    ///Sets `ratio`.
    pub fn set_ratio(mut self, value: impl entkit::Operand<Option<f32>>) -> Self {
        self.inner.assign(13usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `ratio` to NULL.
    pub fn clear_ratio(mut self) -> Self {
        self.inner
            .assign(
                13usize,
                entkit::Value::Null(<Option<f32> as entkit::ColumnValue>::TYPE),
            );
        self
    }
    ///Sets `birthday`.
    pub fn set_birthday(
        mut self,
        value: impl entkit::Operand<Option<chrono::NaiveDate>>,
    ) -> Self {
        self.inner.assign(14usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `birthday` to NULL.
    pub fn clear_birthday(mut self) -> Self {
        self.inner
            .assign(
                14usize,
                entkit::Value::Null(
                    <Option<chrono::NaiveDate> as entkit::ColumnValue>::TYPE,
                ),
            );
        self
    }
    ///Sets `settings`.
    pub fn set_settings(
        mut self,
        value: impl entkit::Operand<serde_json::Value>,
    ) -> Self {
        self.inner.assign(15usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `status`.
    pub fn set_status(mut self, value: impl entkit::Operand<Status>) -> Self {
        self.inner.assign(16usize, entkit::Operand::into_operand(value));
        self
    }
    ///Sets `updated_at`.
    pub fn set_updated_at(
        mut self,
        value: impl entkit::Operand<chrono::DateTime<chrono::Utc>>,
    ) -> Self {
        self.inner.assign(18usize, entkit::Operand::into_operand(value));
        self
    }
}
impl AccountUpdate<entkit::Update<Account>> {
    /// Restricts the update to rows matching `predicate`.
    #[inline]
    pub fn filter(mut self, predicate: entkit::Predicate<Account>) -> Self {
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
    ) -> impl ::core::future::Future<Output = entkit::Result<::std::vec::Vec<Account>>> {
        self.inner.exec_returning(exec)
    }
}
impl AccountUpdate<entkit::UpdateOne<Account>> {
    /// Applies the update and returns the entity as stored.
    pub fn save<'a>(
        self,
        exec: impl entkit::Executor<'a>,
    ) -> impl ::core::future::Future<Output = entkit::Result<Account>> {
        self.inner.save(exec)
    }
}
impl Account {
    /// A query over all rows; narrow it with `filter`.
    #[inline]
    pub fn query() -> entkit::Query<Account> {
        entkit::Query::new()
    }
    /// The row with this key, or `Error::NotFound`.
    pub fn get<'a>(
        exec: impl entkit::Executor<'a>,
        key: uuid::Uuid,
    ) -> impl ::core::future::Future<Output = entkit::Result<Account>> {
        entkit::get_by_key::<Account>(exec, key)
    }
    /// The row with this key, if any.
    pub fn find<'a>(
        exec: impl entkit::Executor<'a>,
        key: uuid::Uuid,
    ) -> impl ::core::future::Future<
        Output = entkit::Result<::core::option::Option<Account>>,
    > {
        entkit::find_by_key::<Account>(exec, key)
    }
    /// An update of the row with this key.
    #[inline]
    pub fn update_by_id(key: uuid::Uuid) -> AccountUpdate<entkit::UpdateOne<Account>> {
        AccountUpdate {
            inner: entkit::UpdateOne::new(key),
        }
    }
    /// An update of this row.
    #[inline]
    pub fn update(&self) -> AccountUpdate<entkit::UpdateOne<Account>> {
        Self::update_by_id(entkit::Entity::key(self))
    }
    /// An update of every row matching the builder's `filter`.
    #[inline]
    pub fn update_many() -> AccountUpdate {
        AccountUpdate {
            inner: entkit::Update::new(),
        }
    }
    /// Deletes the row with this key, or `Error::NotFound`.
    pub fn delete_by_id<'a>(
        exec: impl entkit::Executor<'a>,
        key: uuid::Uuid,
    ) -> impl ::core::future::Future<Output = entkit::Result<()>> {
        entkit::delete_by_key::<Account>(exec, key)
    }
    /// Deletes this row.
    pub fn delete<'a>(
        &self,
        exec: impl entkit::Executor<'a>,
    ) -> impl ::core::future::Future<Output = entkit::Result<()>> {
        entkit::delete_by_key::<Account>(exec, entkit::Entity::key(self))
    }
    /// A delete of every row matching its `filter`.
    #[inline]
    pub fn delete_many() -> entkit::Delete<Account> {
        entkit::Delete::new()
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
impl entkit::Entity for Token {
    type Key = String;
    #[inline]
    fn def() -> &'static entkit::EntityDef {
        static DEF: entkit::EntityDef = entkit::EntityDef {
            name: "Token",
            table: "tokens",
            default_scope: ::core::option::Option::None,
            fields: &[
                entkit::FieldDef {
                    name: "code",
                    column: "code",
                    ty: <String as entkit::ColumnValue>::TYPE,
                    nullable: <String as entkit::ColumnValue>::NULLABLE,
                    primary_key: true,
                    key_strategy: ::core::option::Option::Some(
                        entkit::KeyStrategy::Provided,
                    ),
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
                    name: "account",
                    column: "account",
                    ty: <uuid::Uuid as entkit::ColumnValue>::TYPE,
                    nullable: <uuid::Uuid as entkit::ColumnValue>::NULLABLE,
                    primary_key: false,
                    key_strategy: ::core::option::Option::None,
                    default: ::core::option::Option::None,
                    update_default: ::core::option::Option::None,
                    immutable: false,
                    sensitive: false,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    enum_values: <uuid::Uuid as entkit::ColumnValue>::ENUM_VALUES,
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
            code: <String as entkit::ColumnValue>::decode(row, 0usize)?,
            account: <uuid::Uuid as entkit::ColumnValue>::decode(row, 1usize)?,
        })
    }
    #[inline]
    fn key(&self) -> String {
        ::core::clone::Clone::clone(&self.code)
    }
    #[inline]
    fn link_value(&self, column: &str) -> ::core::option::Option<entkit::Value> {
        match column {
            "code" => {
                ::core::option::Option::Some(
                    <String as entkit::ColumnValue>::into_value(
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
    pub const CODE: entkit::Column<Token, String> = entkit::Column::new("code");
    ///The `account` column (field `account`).
    pub const ACCOUNT: entkit::Column<Token, uuid::Uuid> = entkit::Column::new(
        "account",
    );
}
/// Marker types naming the required fields of the create builder.
/// Bare unit structs: they only ever appear inside `entkit::Missing`,
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
    __Code = entkit::Missing<__token_required::code>,
    __Account = entkit::Missing<__token_required::account>,
> {
    inner: entkit::Create<Token>,
    _state: ::core::marker::PhantomData<fn() -> (__Code, __Account)>,
}
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
            inner: entkit::Create::new(),
            _state: ::core::marker::PhantomData,
        }
    }
}
#[allow(clippy::new_ret_no_self)]
impl<__Code, __Account> TokenCreate<__Code, __Account> {
    ///Sets `code`.
    pub fn code(
        mut self,
        value: impl entkit::Operand<String>,
    ) -> TokenCreate<entkit::Set, __Account> {
        self.inner.set(0usize, entkit::Operand::into_operand(value));
        TokenCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    ///Sets `account`.
    pub fn account(
        mut self,
        value: impl entkit::Operand<uuid::Uuid>,
    ) -> TokenCreate<__Code, entkit::Set> {
        self.inner.set(1usize, entkit::Operand::into_operand(value));
        TokenCreate {
            inner: self.inner,
            _state: ::core::marker::PhantomData,
        }
    }
    /// Inserts the row and returns the stored entity.
    pub fn save<'a>(
        self,
        exec: impl entkit::Executor<'a>,
    ) -> impl ::core::future::Future<Output = entkit::Result<Token>>
    where
        __Code: entkit::IsSet,
        __Account: entkit::IsSet,
    {
        self.inner.save(exec)
    }
    /// Inserts the row or, when it conflicts with an existing one, applies
    /// `on_conflict`; `None` when the conflict was resolved by doing nothing.
    pub fn upsert<'a>(
        self,
        exec: impl entkit::Executor<'a>,
        on_conflict: &entkit::OnConflict<Token>,
    ) -> impl ::core::future::Future<
        Output = entkit::Result<::core::option::Option<Token>>,
    >
    where
        __Code: entkit::IsSet,
        __Account: entkit::IsSet,
    {
        self.inner.upsert(exec, on_conflict)
    }
}
impl Token {
    /// Inserts many rows in as few statements as the backend allows and
    /// returns them as stored (not on MySQL proper; see `insert_many`).
    pub fn create_many<'a>(
        exec: impl entkit::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = TokenCreate<entkit::Set, entkit::Set>,
        >,
    ) -> impl ::core::future::Future<Output = entkit::Result<::std::vec::Vec<Token>>> {
        entkit::Create::save_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Inserts many rows in as few statements as the backend allows;
    /// returns how many were written.
    pub fn insert_many<'a>(
        exec: impl entkit::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = TokenCreate<entkit::Set, entkit::Set>,
        >,
    ) -> impl ::core::future::Future<Output = entkit::Result<u64>> {
        entkit::Create::insert_many(exec, rows.into_iter().map(|r| r.inner))
    }
    /// Bulk upsert; returns the rows inserted or updated.
    pub fn upsert_many<'a>(
        exec: impl entkit::Executor<'a>,
        rows: impl ::core::iter::IntoIterator<
            Item = TokenCreate<entkit::Set, entkit::Set>,
        >,
        on_conflict: &entkit::OnConflict<Token>,
    ) -> impl ::core::future::Future<Output = entkit::Result<::std::vec::Vec<Token>>> {
        entkit::Create::upsert_many(exec, rows.into_iter().map(|r| r.inner), on_conflict)
    }
}
///Update builder for [`Token`]: by key from [`Token::update_by_id`] / `update()`, or by filter from [`Token::update_many`].
#[must_use = "an update builder does nothing until `save` or `exec` is called"]
#[derive(Debug)]
pub struct TokenUpdate<M = entkit::Update<Token>> {
    inner: M,
}
impl<M: entkit::Assign> TokenUpdate<M> {
    ///Sets `account`.
    pub fn set_account(mut self, value: impl entkit::Operand<uuid::Uuid>) -> Self {
        self.inner.assign(1usize, entkit::Operand::into_operand(value));
        self
    }
}
impl TokenUpdate<entkit::Update<Token>> {
    /// Restricts the update to rows matching `predicate`.
    #[inline]
    pub fn filter(mut self, predicate: entkit::Predicate<Token>) -> Self {
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
    ) -> impl ::core::future::Future<Output = entkit::Result<::std::vec::Vec<Token>>> {
        self.inner.exec_returning(exec)
    }
}
impl TokenUpdate<entkit::UpdateOne<Token>> {
    /// Applies the update and returns the entity as stored.
    pub fn save<'a>(
        self,
        exec: impl entkit::Executor<'a>,
    ) -> impl ::core::future::Future<Output = entkit::Result<Token>> {
        self.inner.save(exec)
    }
}
impl Token {
    /// A query over all rows; narrow it with `filter`.
    #[inline]
    pub fn query() -> entkit::Query<Token> {
        entkit::Query::new()
    }
    /// The row with this key, or `Error::NotFound`.
    pub fn get<'a>(
        exec: impl entkit::Executor<'a>,
        key: String,
    ) -> impl ::core::future::Future<Output = entkit::Result<Token>> {
        entkit::get_by_key::<Token>(exec, key)
    }
    /// The row with this key, if any.
    pub fn find<'a>(
        exec: impl entkit::Executor<'a>,
        key: String,
    ) -> impl ::core::future::Future<
        Output = entkit::Result<::core::option::Option<Token>>,
    > {
        entkit::find_by_key::<Token>(exec, key)
    }
    /// An update of the row with this key.
    #[inline]
    pub fn update_by_id(key: String) -> TokenUpdate<entkit::UpdateOne<Token>> {
        TokenUpdate {
            inner: entkit::UpdateOne::new(key),
        }
    }
    /// An update of this row.
    #[inline]
    pub fn update(&self) -> TokenUpdate<entkit::UpdateOne<Token>> {
        Self::update_by_id(entkit::Entity::key(self))
    }
    /// An update of every row matching the builder's `filter`.
    #[inline]
    pub fn update_many() -> TokenUpdate {
        TokenUpdate {
            inner: entkit::Update::new(),
        }
    }
    /// Deletes the row with this key, or `Error::NotFound`.
    pub fn delete_by_id<'a>(
        exec: impl entkit::Executor<'a>,
        key: String,
    ) -> impl ::core::future::Future<Output = entkit::Result<()>> {
        entkit::delete_by_key::<Token>(exec, key)
    }
    /// Deletes this row.
    pub fn delete<'a>(
        &self,
        exec: impl entkit::Executor<'a>,
    ) -> impl ::core::future::Future<Output = entkit::Result<()>> {
        entkit::delete_by_key::<Token>(exec, entkit::Entity::key(self))
    }
    /// A delete of every row matching its `filter`.
    #[inline]
    pub fn delete_many() -> entkit::Delete<Token> {
        entkit::Delete::new()
    }
}
impl entkit::__private::serde::Serialize for Token {
    fn serialize<S>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error>
    where
        S: entkit::__private::serde::Serializer,
    {
        let mut state = serializer.serialize_struct("Token", 2usize)?;
        entkit::__private::serde::ser::SerializeStruct::serialize_field(
            &mut state,
            "code",
            &self.code,
        )?;
        entkit::__private::serde::ser::SerializeStruct::serialize_field(
            &mut state,
            "account",
            &self.account,
        )?;
        entkit::__private::serde::ser::SerializeStruct::end(state)
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
impl entkit::ScalarValue for Status {
    const TYPE: entkit::ColumnType = entkit::ColumnType::Text;
    const ENUM_VALUES: ::core::option::Option<&'static [&'static str]> = ::core::option::Option::Some(
        Self::VALUES,
    );
    fn into_value(self) -> entkit::Value {
        entkit::Value::Text(::std::string::ToString::to_string(self.as_str()))
    }
    fn decode(row: entkit::RowRef<'_>, index: usize) -> entkit::Result<Self> {
        let name = <::std::string::String as entkit::ScalarValue>::decode(row, index)?;
        Self::from_name(&name)
            .ok_or_else(|| entkit::__private::unknown_variant(row, index, &name))
    }
    fn decode_optional(
        row: entkit::RowRef<'_>,
        index: usize,
    ) -> entkit::Result<::core::option::Option<Self>> {
        match <::std::string::String as entkit::ScalarValue>::decode_optional(
            row,
            index,
        )? {
            ::core::option::Option::Some(name) => {
                Self::from_name(&name)
                    .map(::core::option::Option::Some)
                    .ok_or_else(|| entkit::__private::unknown_variant(row, index, &name))
            }
            ::core::option::Option::None => {
                ::core::result::Result::Ok(::core::option::Option::None)
            }
        }
    }
}
impl entkit::__private::ValidatorArg for Status {
    type Arg = Self;
    fn as_arg(&self) -> &Self {
        self
    }
}
impl entkit::FromValue for Status {
    fn from_value(value: &entkit::Value) -> ::core::option::Option<Self> {
        match value {
            entkit::Value::Text(name) => Self::from_name(name),
            _ => ::core::option::Option::None,
        }
    }
}
