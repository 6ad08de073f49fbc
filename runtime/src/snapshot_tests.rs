//! Reviewed snapshot files of the unit tests (SQL text, DDL, diff): the rendered
//! text is compared with a file under `runtime/tests/`, and rewritten
//! instead when `ENTKIT_UPDATE_SNAPSHOTS` is set (then review the diff).

/// Compares `rendered` with `runtime/tests/<file>`, or rewrites the file.
/// `regenerate` is the command that rewrites it, shown in the file's first
/// line and in the failure.
pub(crate) fn assert_matches(file: &str, regenerate: &str, rendered: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(file);
    let rendered = format!("# Generated: {regenerate}. Review every change.\n\n{rendered}");
    if std::env::var_os("ENTKIT_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &rendered).unwrap();
        return;
    }
    let reviewed = std::fs::read_to_string(&path).unwrap_or_default();
    if reviewed != rendered {
        let first = reviewed
            .lines()
            .zip(rendered.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .map(|(i, (a, b))| format!("line {}:\nreviewed: {a}\nrendered: {b}", i + 1))
            .unwrap_or_else(|| "(one is a prefix of the other)".to_owned());
        panic!(
            "{} differs from the rendered text (regenerate with `{regenerate}` and review):\n{first}",
            path.display()
        );
    }
}
