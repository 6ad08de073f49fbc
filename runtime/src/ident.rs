//! Validation of identifiers that come from users at run time.

use crate::dialect::MAX_IDENTIFIER_LEN;
use crate::error::{Error, Result};

/// Checks that `name` is a plain identifier: ASCII letters, digits and `_`,
/// not starting with a digit, 1 to 63 characters. Such names need no
/// escaping on any backend, and are still quoted when rendered.
///
/// ```
/// assert!(entkit::validate_identifier("scope", "tenant_42").is_ok());
/// assert!(entkit::validate_identifier("scope", "x; DROP TABLE users").is_err());
/// ```
pub fn validate_identifier(kind: &'static str, name: &str) -> Result<()> {
    let refuse = |reason| {
        Err(Error::InvalidIdentifier {
            kind,
            name: name.to_owned(),
            reason,
        })
    };
    let Some(first) = name.chars().next() else {
        return refuse("it is empty");
    };
    if name.len() > MAX_IDENTIFIER_LEN {
        return refuse("it is longer than 63 characters");
    }
    if !(first.is_ascii_alphabetic() || first == '_') {
        return refuse("it must start with an ASCII letter or '_'");
    }
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return refuse("only ASCII letters, digits and '_' are allowed");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::validate_identifier;

    #[test]
    fn refuses_everything_but_plain_identifiers() {
        for bad in [
            "",
            "a b",
            "a\"b",
            "a;b",
            "a`b",
            "1abc",
            "ab-c",
            "é",
            &"x".repeat(64),
        ] {
            assert!(
                validate_identifier("scope", bad).is_err(),
                "{bad:?} accepted"
            );
        }
        for good in ["a", "_", "tenant_42", "T1", &"x".repeat(63)] {
            assert!(
                validate_identifier("scope", good).is_ok(),
                "{good:?} refused"
            );
        }
    }
}
