//! Turns every ```rust block of the repository's README.md into code that
//! the `readme` test target compiles, so the README cannot drift from the
//! API.
//!
//! Each block becomes a module of its own. The block's items (`use`,
//! `struct`, `impl`, ...) stay at that module's level; its statements go
//! into an `async fn` that receives `client: entkit::Client`. Hidden
//! context comes from an HTML comment on the line right before the fence,
//! which GitHub does not show:
//!
//! - `<!-- readme-check: name=edges -->` makes the module `pub mod edges`,
//!   so later blocks can use its entities;
//! - `<!-- readme-check: use=edges,notes -->` glob-imports those modules;
//! - `<!-- readme-check: setup=let id = 1_i64; -->` puts code before the
//!   block's statements (variables the surrounding prose introduces).
//!
//! Directives are separated by ` | `.

use std::fmt::Write as _;
use std::path::PathBuf;

struct Block {
    /// 1-based line of the opening fence.
    line: usize,
    code: String,
    name: Option<String>,
    uses: Vec<String>,
    setup: String,
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let readme_path = manifest.join("../README.md");
    println!("cargo::rerun-if-changed={}", readme_path.display());
    let readme = std::fs::read_to_string(&readme_path).expect("README.md is readable");

    let blocks = rust_blocks(&readme);
    let mut out = String::new();
    let mut unparsed = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        match render(index, block) {
            Ok(module) => out.push_str(&module),
            Err(err) => unparsed.push(err),
        }
    }
    assert!(
        unparsed.is_empty(),
        "rust blocks of README.md that do not parse:\n{}",
        unparsed.join("\n")
    );
    writeln!(out, "/// How many README blocks were compiled.").unwrap();
    writeln!(out, "pub const BLOCKS: usize = {};", blocks.len()).unwrap();
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("readme_blocks.rs");
    std::fs::write(dest, out).unwrap();
}

/// Every ```rust block with the directives of the comment right before it.
fn rust_blocks(readme: &str) -> Vec<Block> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let fence = lines[i].trim_end();
        if !fence.starts_with("```") {
            i += 1;
            continue;
        }
        let info = fence.trim_start_matches('`');
        let start = i;
        i += 1;
        let body_start = i;
        while i < lines.len() && !lines[i].starts_with("```") {
            i += 1;
        }
        let body = lines[body_start..i.min(lines.len())].join("\n");
        i += 1;
        if info != "rust" {
            continue;
        }
        let mut block = Block {
            line: start + 1,
            code: body,
            name: None,
            uses: Vec::new(),
            setup: String::new(),
        };
        if let Some(comment) = start.checked_sub(1).and_then(|l| directive(lines[l])) {
            for part in comment.split(" | ") {
                let part = part.trim();
                if let Some(name) = part.strip_prefix("name=") {
                    block.name = Some(name.trim().to_owned());
                } else if let Some(uses) = part.strip_prefix("use=") {
                    block.uses = uses.split(',').map(|u| u.trim().to_owned()).collect();
                } else if let Some(setup) = part.strip_prefix("setup=") {
                    block.setup = setup.to_owned();
                } else {
                    panic!("README.md:{start}: unknown readme-check directive {part:?}");
                }
            }
        }
        blocks.push(block);
    }
    blocks
}

fn directive(line: &str) -> Option<&str> {
    line.trim()
        .strip_prefix("<!-- readme-check:")?
        .strip_suffix("-->")
}

/// One block as a module: items hoisted, statements in `run`.
fn render(index: usize, block: &Block) -> Result<String, String> {
    let parsed: syn::Block = syn::parse_str(&format!("{{\n{}\n}}", block.code)).map_err(|err| {
        let line = block.line + err.span().start().line - 1;
        format!("README.md:{line}: {err}")
    })?;
    let code_lines: Vec<&str> = block.code.lines().collect();
    // Line 1 of the parsed text is the added `{`: statement lines are 1-based
    // from there, so code line k (0-based) is parsed line k + 2.
    let text_of = |stmt: &syn::Stmt| {
        use syn::spanned::Spanned as _;
        let span = stmt.span();
        let (first, last) = (span.start().line - 2, span.end().line - 2);
        code_lines[first..=last].join("\n")
    };
    let mut items = String::new();
    let mut statements = String::new();
    for stmt in &parsed.stmts {
        let target = match stmt {
            syn::Stmt::Item(_) => &mut items,
            _ => &mut statements,
        };
        target.push_str(&text_of(stmt));
        target.push('\n');
    }
    let module = block
        .name
        .clone()
        .unwrap_or_else(|| format!("block_{index}"));
    let mut out = String::new();
    writeln!(out, "/// README.md line {}.", block.line).unwrap();
    writeln!(
        out,
        "#[allow(unused, unreachable_code, clippy::all)]\npub mod {module} {{"
    )
    .unwrap();
    writeln!(out, "use super::prelude::*;").unwrap();
    for used in &block.uses {
        writeln!(out, "use super::{used}::*;").unwrap();
    }
    out.push_str(&items);
    writeln!(
        out,
        "pub async fn run(client: entkit::Client) -> entkit::Result<()> {{"
    )
    .unwrap();
    out.push_str(&block.setup);
    out.push('\n');
    out.push_str(&statements);
    writeln!(out, "Ok(())\n}}\n}}\n").unwrap();
    Ok(out)
}
