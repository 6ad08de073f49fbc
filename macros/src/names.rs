//! Naming rules: table names, constant names, and did-you-mean suggestions.

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// `AuditLog` -> `audit_logs`, `Category` -> `categories`, `Address` -> `addresses`.
pub fn default_table_name(struct_name: &str) -> String {
    let snake = struct_name.to_snake_case();
    let ends = |s: &str| snake.ends_with(s);
    if ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh") {
        format!("{snake}es")
    } else if snake.ends_with('y')
        && !snake.ends_with("ay")
        && !snake.ends_with("ey")
        && !snake.ends_with("oy")
        && !snake.ends_with("uy")
    {
        format!("{}ies", &snake[..snake.len() - 1])
    } else {
        format!("{snake}s")
    }
}

/// `created_at` -> `CREATED_AT`.
pub fn column_const(field: &str) -> String {
    field.to_shouty_snake_case()
}

/// `created_at` -> `CreatedAt` (typestate parameter names).
pub fn camel(field: &str) -> String {
    field.to_upper_camel_case()
}

/// The closest known key within edit distance 2, for "did you mean".
pub fn suggest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (distance(unknown, k), *k))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// What [`is_plain_identifier`] accepts, for messages.
pub const IDENT_RULE: &str =
    "ASCII letters, digits and `_`, not starting with a digit, at most 63 characters";

/// Whether `name` is a plain SQL identifier entkit accepts (same rule as the runtime).
pub fn is_plain_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.len() <= 63
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pluralizes_table_names() {
        assert_eq!(default_table_name("User"), "users");
        assert_eq!(default_table_name("AuditLog"), "audit_logs");
        assert_eq!(default_table_name("Category"), "categories");
        assert_eq!(default_table_name("Address"), "addresses");
        assert_eq!(default_table_name("Key"), "keys");
    }

    #[test]
    fn suggests_close_keys() {
        assert_eq!(suggest("tabel", &["table", "scope"]), Some("table"));
        assert_eq!(suggest("zzzzz", &["table", "scope"]), None);
    }
}
