// The expansion of snapshots/enum_column.rs (generated: ENTKIT_UPDATE_SNAPSHOTS=1 cargo test -p entkit-macros snapshots).

impl Status {
    /// The stored names of the variants, in declaration order.
    pub const VALUES: &'static [&'static str] = &["active", "suspended", "gone"];
    /// The stored name of this variant.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Suspended => "suspended",
            Self::Deleted => "gone",
        }
    }
    /// The variant stored as `name`.
    pub fn from_name(name: &str) -> ::core::option::Option<Self> {
        match name {
            "active" => ::core::option::Option::Some(Self::Active),
            "suspended" => ::core::option::Option::Some(Self::Suspended),
            "gone" => ::core::option::Option::Some(Self::Deleted),
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
