//! Turns a deserialization error into [`Error::Config`]: the key as a
//! dotted path, what was expected, the kind of value found (never the value
//! itself), and the key or variant a misspelt one was probably meant to be.

use figment::error::{Actual, Kind};

use super::origin::Origin;
use crate::error::Error;

/// Keys later sections of the configuration will add; named in the error
/// so that nobody thinks the key is misspelt.
const NOT_YET: &[&str] = &["tls"];

/// The first problem of a figment error, as an entkit error.
pub(crate) fn figment_error(origin: &Origin, error: figment::Error) -> Error {
    let mut path = error.path.clone();
    let reason = match &error.kind {
        Kind::MissingField(field) => {
            path.push(field.to_string());
            "missing".to_owned()
        }
        Kind::UnknownField(field, expected) if NOT_YET.contains(&field.as_str()) => {
            format!(
                "unknown key: `{field}` is not supported yet; the keys here are {}",
                list(expected)
            )
        }
        Kind::UnknownField(field, expected) => {
            format!(
                "unknown key; the keys here are {}{}",
                list(expected),
                did_you_mean(field, expected)
            )
        }
        Kind::UnknownVariant(found, expected) => {
            format!(
                "expected one of {}{}",
                list(expected),
                did_you_mean(found, expected)
            )
        }
        Kind::InvalidType(found, expected) | Kind::InvalidValue(found, expected) => {
            format!(
                "expected {}, found {}",
                expected_text(expected),
                found_text(found)
            )
        }
        // serde reads a list into a section field by field.
        Kind::InvalidLength(_, expected) if expected.starts_with("struct ") => {
            "expected a section of keys, found a list".to_owned()
        }
        Kind::InvalidLength(n, expected) => format!("expected {expected}, found {n} items"),
        Kind::DuplicateField(field) => {
            path.push((*field).to_owned());
            "given twice".to_owned()
        }
        Kind::ISizeOutOfRange(_) | Kind::USizeOutOfRange(_) => "number out of range".to_owned(),
        Kind::Unsupported(found) => format!("unsupported value: {}", found_text(found)),
        Kind::UnsupportedKey(found, _) => {
            format!("keys must be strings, found {}", found_text(found))
        }
        // Messages of entkit's own deserializers (durations), which never
        // quote the value.
        Kind::Message(message) => message.clone(),
    };
    let key = path.join(".");
    origin.error((!key.is_empty()).then_some(key.as_str()), reason)
}

/// serde's name of the expected type, in words.
fn expected_text(expected: &str) -> String {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a whole number (0 or more)".to_owned(),
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number".to_owned(),
        "f32" | "f64" => "a number".to_owned(),
        "a string" | "path string" => "a string".to_owned(),
        "a boolean" => "true or false".to_owned(),
        "a map" | "map" => "a section of keys".to_owned(),
        other if other.starts_with("struct ") => "a section of keys".to_owned(),
        other => other.to_owned(),
    }
}

/// The kind of a found value, without the value.
fn found_text(found: &Actual) -> &'static str {
    match found {
        Actual::Bool(_) => "true or false",
        Actual::Unsigned(_) => "a whole number",
        Actual::Signed(n) if *n < 0 => "a negative number",
        Actual::Signed(_) => "a whole number",
        Actual::Float(_) => "a decimal number",
        Actual::Char(_) | Actual::Str(_) => "text",
        Actual::Bytes(_) => "bytes",
        Actual::Unit | Actual::Option => "nothing (null)",
        Actual::Seq => "a list",
        Actual::Map => "a section of keys",
        _ => "another kind of value",
    }
}

/// `` `a`, `b` or `c` ``.
fn list(names: &[&str]) -> String {
    match names {
        [] => "none".to_owned(),
        [one] => format!("`{one}`"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|n| format!("`{n}`")).collect();
            format!("{} or `{last}`", init.join(", "))
        }
    }
}

/// `; did you mean `x`?` when one of `names` is close to `found`.
pub(crate) fn did_you_mean(found: &str, names: &[&str]) -> String {
    names
        .iter()
        .map(|n| (strsim::jaro_winkler(found, n), n))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| format!("; did you mean `{n}`?"))
        .unwrap_or_default()
}
