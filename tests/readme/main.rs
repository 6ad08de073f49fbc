//! Compiles every ```rust block of README.md (see `tests/build.rs`), so a
//! snippet that no longer matches the API fails the build of this test.
//!
//! Every block sees what the README says all of them assume: `use
//! entkit::{Client, Entity};` and a `client: Client`.

#[allow(unused_imports)]
mod prelude {
    pub use entkit::{Client, Entity};
}

include!(concat!(env!("OUT_DIR"), "/readme_blocks.rs"));

/// The build script found every block: none was left out of the check.
#[test]
fn every_rust_block_is_compiled() {
    let readme = include_str!("../../README.md");
    let fences = readme
        .lines()
        .filter(|line| line.trim_end() == "```rust")
        .count();
    assert!(fences > 0);
    assert_eq!(BLOCKS, fences);
}

/// The `Cargo.toml` lines the README gives a new service resolve as
/// written: the package path, every feature it names, and the versions
/// (without downloading anything).
#[test]
fn service_manifest_lines_resolve() {
    let readme = include_str!("../../README.md");
    let block = readme
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("README.md has a ```toml block");
    let runtime = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    let runtime = runtime.canonicalize().expect("runtime/ exists");
    let readme_path = "path = \"../entkit/runtime\"";
    assert!(block.contains(readme_path), "the block names {readme_path}");
    let dependencies = block.replace(readme_path, &format!("path = {:?}", runtime));

    let dir = std::env::temp_dir().join(format!("entkit-readme-service-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"readme-service\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\
             [workspace]\n\n{dependencies}\n"
        ),
    )
    .unwrap();
    std::fs::write(dir.join("src/main.rs"), "fn main() {}\n").unwrap();
    let output = std::process::Command::new(env!("CARGO"))
        .args(["generate-lockfile", "--offline", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .output()
        .expect("cargo runs");
    let lock = std::fs::read_to_string(dir.join("Cargo.lock")).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        output.status.success(),
        "the README's Cargo.toml lines do not resolve:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Resolution refuses a feature a package does not have, so success
    // means every feature named exists; and it found the package itself.
    assert!(lock.contains("name = \"entkit\""));
}

/// Every shell command the README shows is run by CI as written: either
/// its block is marked `<!-- ci: run -->` (CI extracts and runs it), or
/// each of its lines appears verbatim in `.ci/run`. A block CI cannot run
/// says so, with the reason, in a `<!-- ci: not run: ... -->` marker.
#[test]
fn every_shell_command_is_run_by_ci() {
    let readme = include_str!("../../README.md");
    let ci = include_str!("../../.ci/run");
    let lines: Vec<&str> = readme.lines().collect();
    let mut unrun = Vec::new();
    let mut blocks = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.trim_end() != "```sh" {
            continue;
        }
        blocks += 1;
        let marker = if i > 0 { lines[i - 1].trim() } else { "" };
        if marker == "<!-- ci: run -->" {
            assert!(
                ci.contains("<!-- ci: run -->"),
                ".ci/run runs the marked blocks"
            );
            continue;
        }
        if let Some(reason) = marker.strip_prefix("<!-- ci: not run:") {
            assert!(
                reason.trim_end_matches("-->").trim().len() > 10,
                "README.md:{}: say why",
                i + 1
            );
            continue;
        }
        for command in lines[i + 1..].iter().take_while(|l| !l.starts_with("```")) {
            let command = command.split(" #").next().unwrap_or_default().trim();
            if !command.is_empty() && !ci.contains(command) {
                unrun.push(format!("README.md:{}: {command}", i + 1));
            }
        }
    }
    assert!(blocks > 0);
    assert!(
        unrun.is_empty(),
        "not run by .ci/run:\n{}",
        unrun.join("\n")
    );
}

/// The attribute reference of the derive's rustdoc (`runtime/docs/derive.md`,
/// what docs.rs shows) lists the same options as the README's tables.
#[test]
fn rustdoc_attribute_reference_matches_the_readme() {
    /// The first cell of every table row, e.g. `` `table = "name"` ``.
    fn options(text: &str) -> std::collections::BTreeSet<String> {
        text.lines()
            .filter(|l| l.starts_with("| `"))
            .filter_map(|l| l.split(" | ").next())
            .map(|cell| cell.trim_start_matches("| ").to_owned())
            .collect()
    }
    let readme = include_str!("../../README.md");
    let section = |from: &str, to: &str| {
        let start = readme
            .find(from)
            .unwrap_or_else(|| panic!("README has {from}"));
        let end = start + readme[start..].find(to).unwrap();
        &readme[start..end]
    };
    let mut in_readme = options(section("## Attribute reference", "## Validation"));
    in_readme.extend(options(section("### Declaring edges", "### Per-edge API")));
    let in_rustdoc = options(include_str!("../../runtime/docs/derive.md"));
    assert!(in_readme.len() > 30, "{in_readme:?}");
    assert_eq!(in_readme, in_rustdoc);
}

/// The derive refuses reserved scope names at compile time with its own
/// copy of the runtime's list (a proc-macro crate cannot depend on the
/// runtime): every name and prefix the runtime refuses is in that copy.
#[test]
fn the_derive_refuses_every_reserved_scope_the_runtime_does() {
    let derive_check = include_str!("../../macros/src/check.rs");
    for name in entkit::RESERVED_SCOPES
        .iter()
        .chain(entkit::RESERVED_SCOPE_PREFIXES)
    {
        assert!(
            derive_check.contains(&format!("\"{name}\"")),
            "macros/src/check.rs does not refuse the reserved scope {name:?}"
        );
    }
}
