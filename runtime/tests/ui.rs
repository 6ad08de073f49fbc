//! Compile-time diagnostics of `#[derive(Entity)]`: each case under
//! `tests/ui/<category>/` must fail to compile with exactly the `.stderr`
//! beside it. Regenerate after an intended change with `TRYBUILD=overwrite`.

#[test]
fn derive_diagnostics() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("../tests/ui/*/*.rs");
}

/// Expected output that names the build's own directories would pass only
/// with the default target directory (`CARGO_TARGET_DIR` is often set
/// elsewhere), so no case may pin one.
#[test]
fn expected_output_names_no_build_directory() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/ui");
    let mut pinned = Vec::new();
    for category in std::fs::read_dir(&root).unwrap() {
        for case in std::fs::read_dir(category.unwrap().path()).unwrap() {
            let path = case.unwrap().path();
            if path.extension().is_some_and(|e| e == "stderr") {
                let text = std::fs::read_to_string(&path).unwrap();
                if text.contains("/target/") || text.contains("$WORKSPACE/target") {
                    pinned.push(path.display().to_string());
                }
            }
        }
    }
    assert!(
        pinned.is_empty(),
        "cases pinning a build directory: {pinned:?}"
    );
}
