//! Scripts built from pieces whose boundaries are known: words, quoted
//! strings and identifiers, dollar-quoted bodies and comments, with `;`
//! scattered inside the quoted pieces and comments. The splitter must cut
//! exactly between the statements, keep every quoted piece verbatim and
//! every word whole (a comment between two words still separates them).
//! Bodies avoid the few spellings whose meaning differs between backends
//! (a backslash before a quote, nested block comments, `$` after a word).
#![no_main]

use entkit::__private::fuzzing::split_statements;
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Piece {
    Word(u16),
    Single(String),
    Double(String),
    Backtick(String),
    Dollar(Option<u8>, String),
    LineComment(String),
    BlockComment(String),
}

#[derive(Arbitrary, Debug)]
struct Script {
    /// Statements; each piece comes with whether it is glued to the one
    /// before (no whitespace), which only comments allow.
    statements: Vec<Vec<(Piece, bool)>>,
}

impl Piece {
    fn render(&self) -> String {
        match self {
            Piece::Word(n) => format!("w{n}"),
            Piece::Single(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "''")),
            Piece::Double(s) => format!("\"{}\"", s.replace('\\', "").replace('"', "\"\"")),
            Piece::Backtick(s) => format!("`{}`", s.replace('`', "``")),
            Piece::Dollar(tag, body) => {
                let tag = tag.map_or("$$".to_owned(), |t| format!("$t{t}$"));
                let mut body = body.clone();
                while body.contains(&tag) {
                    body = body.replace(&tag, "");
                }
                // A body ending in `$t` followed by the closing tag would
                // close early on `$t$t1$`; a space keeps the boundary.
                format!("{tag}{body} {tag}")
            }
            Piece::LineComment(s) => format!("--{}\n", s.replace(['\n', '\r'], "")),
            Piece::BlockComment(s) => {
                let mut body = s.clone();
                while body.contains("*/") || body.contains("/*") {
                    body = body.replace("*/", "").replace("/*", "");
                }
                // `/*/` would close on its own star.
                format!("/* {body} */")
            }
        }
    }

    fn is_comment(&self) -> bool {
        matches!(self, Piece::LineComment(_) | Piece::BlockComment(_))
    }
}

fn skip_whitespace(s: &str) -> &str {
    s.trim_start()
}

/// Checks that `out` is `pieces` in order: words whole, quoted pieces
/// verbatim, comments either kept verbatim or dropped.
fn matches(out: &str, pieces: &[(Piece, bool)]) -> Result<(), String> {
    let mut rest = out;
    for (piece, _) in pieces {
        rest = skip_whitespace(rest);
        let text = piece.render();
        match piece {
            Piece::Word(_) => {
                let after = rest
                    .strip_prefix(text.as_str())
                    .ok_or_else(|| format!("word {text} missing at {rest:?}"))?;
                if after.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$') {
                    return Err(format!("word {text} glued to what follows: {rest:?}"));
                }
                rest = after;
            }
            _ if piece.is_comment() => {
                rest = rest.strip_prefix(text.trim_end()).unwrap_or(rest);
            }
            _ => {
                rest = rest
                    .strip_prefix(text.as_str())
                    .ok_or_else(|| format!("{text:?} not verbatim at {rest:?}"))?;
            }
        }
    }
    match skip_whitespace(rest) {
        "" => Ok(()),
        extra => Err(format!("unexpected text {extra:?}")),
    }
}

fuzz_target!(|script: Script| {
    let mut text = String::new();
    for statement in &script.statements {
        for (i, (piece, glued)) in statement.iter().enumerate() {
            let previous_is_comment = i > 0 && statement[i - 1].0.is_comment();
            if i > 0 && !(*glued && (piece.is_comment() || previous_is_comment)) {
                text.push(' ');
            }
            text.push_str(&piece.render());
        }
        text.push_str(";\n");
    }
    let expected: Vec<&Vec<(Piece, bool)>> = script
        .statements
        .iter()
        .filter(|s| s.iter().any(|(p, _)| !p.is_comment()))
        .collect();
    let out = split_statements(&text);
    assert_eq!(
        out.len(),
        expected.len(),
        "statement count for {text:?}: {out:#?}"
    );
    for (got, pieces) in out.iter().zip(expected) {
        if let Err(why) = matches(got, pieces) {
            panic!("{why}\nscript: {text:?}\nstatements: {out:#?}");
        }
    }
});
