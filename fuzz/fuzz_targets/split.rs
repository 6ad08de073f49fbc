//! Migration scripts are files anyone can edit. Splitting any text into
//! statements never panics, yields trimmed non-empty statements, never
//! invents or reorders text, and, when the script has no comments, drops
//! nothing but whitespace and the separating semicolons.
#![no_main]

use entkit::__private::fuzzing::split_statements;
use libfuzzer_sys::fuzz_target;

/// `text` without whitespace and, if asked, without `;`.
fn squeeze(text: &str, semicolons: bool) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && (semicolons || *c != ';'))
        .collect()
}

fn is_subsequence(needle: &str, haystack: &str) -> bool {
    let mut rest = haystack.chars();
    needle.chars().all(|c| rest.any(|h| h == c))
}

fuzz_target!(|data: &[u8]| {
    let Ok(script) = std::str::from_utf8(data) else {
        return;
    };
    let statements = split_statements(script);
    for statement in &statements {
        assert!(!statement.is_empty(), "an empty statement");
        assert_eq!(statement.trim(), statement, "an untrimmed statement");
    }
    let joined = statements.join(";");
    assert!(
        is_subsequence(&squeeze(&joined, true), &squeeze(script, true)),
        "the statements hold text the script does not, in that order: {statements:?}"
    );
    if !script.contains("--") && !script.contains("/*") {
        assert_eq!(
            squeeze(&joined, false),
            squeeze(script, false),
            "text lost from a script without comments: {statements:?}"
        );
    }
});
