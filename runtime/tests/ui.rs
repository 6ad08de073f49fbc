//! Compile-time diagnostics of `#[derive(Entity)]`: each case under
//! `tests/ui/<category>/` must fail to compile with exactly the `.stderr`
//! beside it. Regenerate after an intended change with `TRYBUILD=overwrite`.

#[test]
fn derive_diagnostics() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("../tests/ui/*/*.rs");
}
