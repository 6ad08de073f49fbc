//! Redacting connection URLs for errors and logs. It sits beside the error
//! type rather than in it: the URL parser builds errors, so the error type
//! must not depend on the parser.

/// Replaces the password of a connection URL, and any `password` query
/// parameter, with `***`, for errors and logs. A string that does not parse
/// as a connection URL (see [`ConnectUrl`](crate::ConnectUrl)) shows only
/// its scheme, when entkit knows it: its password could be anywhere.
///
/// ```
/// assert_eq!(
///     entkit::redact_url("postgres://app:s3cret@db:5432/app"),
///     "postgres://app:***@db:5432/app"
/// );
/// assert_eq!(entkit::redact_url("postgres:/app:s3cret@db/app"), "postgres://***");
/// assert_eq!(entkit::redact_url("app:s3cret@db/app"), "***");
/// ```
pub fn redact_url(url: &str) -> String {
    crate::backend::url::redact(url)
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    // Found by fuzz/fuzz_targets/url.rs: a password pasted without
    // percent-encoding ended the authority at its '/', '?' or '#' and was
    // shown whole.
    #[test]
    fn redacts_passwords_holding_unencoded_delimiters() {
        for (url, secret) in [
            ("postgres://:`Pw7secretMARK/@", "Pw7secretMARK"),
            ("postgres://u:pa/ss@h/db", "pa/ss"),
            ("mysql://u:p?w#x@h:3306/db", "p?w#x"),
            ("postgres://u:12/34@h/db", "12/34"),
            ("mysql://:\ng\u{15}?Pw7secretMARK@", "Pw7secretMARK"),
        ] {
            let shown = redact_url(url);
            assert!(!shown.contains(secret), "{url:?} shown as {shown:?}");
        }
    }

    #[test]
    fn redacts_userinfo_and_query_passwords() {
        assert_eq!(
            redact_url("mysql://root@localhost/test"),
            "mysql://root@localhost/test"
        );
        assert_eq!(redact_url("mysql://u:p%40ss@h/db"), "mysql://u:***@h/db");
        assert_eq!(
            redact_url("postgres://h/db?user=a&password=secret&sslmode=disable"),
            "postgres://h/db?user=a&password=***&sslmode=disable"
        );
        assert_eq!(redact_url("sqlite::memory:"), "sqlite::memory:");
        assert_eq!(redact_url("app:S3cret@127.0.0.1/test"), "***");
    }
}
