//! Connection URLs carry passwords into error messages and logs. For any
//! URL whose password holds a marker, neither `entkit::redact_url` nor the
//! error text of parsing the URL as `Client::connect` does contains the
//! marker.
//!
//! Kept small on purpose: `check` is the one place that parses and
//! redacts. It calls `ConnectUrl::parse`, the one parser `Client::connect`
//! uses; what the driver refuses later (at connect) is not reached here.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

const MARKER: &str = "Pw7secretMARK";
// SQLite URLs name a file and carry no password, so they are not generated.

#[derive(Arbitrary, Debug)]
struct Url {
    scheme: u8,
    user: String,
    /// Around the marker, unescaped as people paste them.
    before: String,
    after: String,
    /// Whether the password travels as `?password=` instead of in the userinfo.
    in_query: bool,
    host: String,
    tail: String,
}

impl Url {
    fn render(&self) -> String {
        let scheme = ["postgres", "postgresql", "mysql", "mariadb"][self.scheme as usize % 4];
        // The user name ends at ':' or '@' and the authority at '/', '?'
        // or '#': such characters would move the password out of its place.
        let user: String = self
            .user
            .chars()
            .filter(|c| !":@/?#".contains(*c))
            .collect();
        let host: String = self.host.chars().filter(|c| !"@".contains(*c)).collect();
        // Only the password is secret: the marker elsewhere may be shown.
        let (user, host, tail) = (unmarked(user), unmarked(host), unmarked(self.tail.clone()));
        // Nor may host and tail spell it together.
        let after_at = unmarked(format!("{host}{tail}"));
        if self.in_query {
            // A query value ends at '&' or '#'.
            let clean = |s: &str| s.chars().filter(|c| !"&#".contains(*c)).collect::<String>();
            let password = format!("{}{MARKER}{}", clean(&self.before), clean(&self.after))
                .replace(['\t', '\n', '\r'], "");
            format!("{scheme}://{user}@{host}/db?{tail}&password={password}")
        } else {
            let password =
                format!("{}{MARKER}{}", self.before, self.after).replace(['\t', '\n', '\r'], "");
            format!("{scheme}://{user}:{password}@{after_at}")
        }
    }
}

fn unmarked(s: String) -> String {
    // URL parsers drop tabs and line breaks anywhere, which could join a
    // marker in a host that the check below would not see.
    let mut s: String = s.chars().filter(|c| !"\t\n\r".contains(*c)).collect();
    while s.contains(MARKER) {
        s = s.replace(MARKER, "");
    }
    s
}

/// What a caller can see of `url`: its redaction, and what parsing it as
/// `Client::connect` does shows (the parsed URL's Display and Debug, or the
/// `Error::InvalidUrl`'s message and Debug).
fn check(url: &str) -> Vec<String> {
    let mut seen = vec![entkit::redact_url(url)];
    match entkit::ConnectUrl::parse(url) {
        Ok(parsed) => {
            seen.push(parsed.to_string());
            seen.push(format!("{parsed:?}"));
        }
        Err(e) => {
            seen.push(e.to_string());
            seen.push(format!("{e:?}"));
        }
    }
    seen
}

fuzz_target!(|url: Url| {
    let url = url.render();
    for text in check(&url) {
        assert!(
            !text.contains(MARKER),
            "password shown: {text:?} (from {url:?})"
        );
    }
});
