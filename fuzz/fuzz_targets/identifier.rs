//! Scope names arrive from requests (a tenant's scope). Validation never
//! panics, and whatever it accepts is a plain identifier that needs no
//! escaping on any backend: 1 to 63 ASCII letters, digits and `_`, not
//! starting with a digit, so no quote, separator, space or NUL.
#![no_main]

use entkit::{Error, validate_identifier};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let name = String::from_utf8_lossy(data);
    match validate_identifier("scope", &name) {
        Ok(()) => {
            assert!((1..=63).contains(&name.len()), "length {}", name.len());
            let first = name.chars().next().unwrap();
            assert!(
                first.is_ascii_alphabetic() || first == '_',
                "starts with {first:?}"
            );
            assert!(
                name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'),
                "{name:?} needs escaping"
            );
        }
        Err(e @ Error::InvalidIdentifier { .. }) => {
            // The message quotes the name escaped, so it cannot forge log lines.
            let message = e.to_string();
            assert!(
                !message.contains('\n') && !message.contains('\r'),
                "{message:?}"
            );
        }
        Err(other) => panic!("not a typed identifier error: {other:?}"),
    }
});
