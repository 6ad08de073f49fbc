//! Migration directories are edited by hand and merged by git. Any set of
//! files builds a `MigrationSet` or a `MigrationError`, never a panic; an
//! accepted set holds every file it was given, names each migration's up
//! file as it was named on disk, and accepts the `entkit.sum` it renders.
//!
//! Input: files in `head`'s format, `==> name <==` on a line of its own
//! before each file's content (so real directories make the seeds).
#![no_main]

use std::collections::BTreeMap;

use entkit::__private::fuzzing::split_statements;
use entkit::{MigrationSet, SUM_FILE, sha256_hex};
use libfuzzer_sys::fuzz_target;

fn parse(input: &str) -> Option<BTreeMap<String, String>> {
    let mut files = BTreeMap::new();
    let mut current: Option<(String, String)> = None;
    for line in input.split_inclusive('\n') {
        let header = line
            .trim_end_matches('\n')
            .strip_prefix("==> ")
            .and_then(|l| l.strip_suffix(" <=="));
        if let Some(name) = header {
            if let Some((name, content)) = current.take() {
                // A directory cannot hold two files of one name.
                if files.insert(name, content).is_some() {
                    return None;
                }
            }
            current = Some((name.to_owned(), String::new()));
        } else if let Some((_, content)) = &mut current {
            content.push_str(line);
        }
    }
    if let Some((name, content)) = current
        && files.insert(name, content).is_some()
    {
        return None;
    }
    Some(files)
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let Some(files) = parse(input) else {
        return;
    };
    let Ok(set) = MigrationSet::from_files(files.clone()) else {
        return;
    };
    let _ = set.verify_sum();
    let mut versions = set.migrations.iter().map(|m| m.version);
    if let Some(mut last) = versions.next() {
        for v in versions {
            assert!(v > last, "versions out of order or repeated");
            last = v;
        }
    }
    for m in &set.migrations {
        assert_eq!(m.checksum, sha256_hex(m.up.as_bytes()));
        let up = files.get(&m.up_file());
        assert_eq!(
            up,
            Some(&m.up),
            "up file of {} not named {}",
            m.version,
            m.up_file()
        );
        split_statements(&m.up);
        if let Some(down) = &m.down {
            split_statements(down);
        }
    }
    // Every migration file given is in the set, with its content.
    let held: usize = set
        .migrations
        .iter()
        .map(|m| 1 + usize::from(m.down.is_some()))
        .sum();
    let given = files
        .keys()
        .filter(|n| n.ends_with(".up.sql") || n.ends_with(".down.sql"))
        .count();
    assert_eq!(held, given, "files lost: {files:?}");
    // The rendered sum file verifies, and a changed file does not.
    let sum = set.render_sum();
    let mut with_sum = files.clone();
    with_sum.insert(SUM_FILE.to_owned(), sum);
    let resummed = MigrationSet::from_files(with_sum.clone()).expect("the same files again");
    if let Err(e) = resummed.verify_sum() {
        panic!("a rendered entkit.sum does not verify: {e}\nfiles: {with_sum:?}");
    }
    if let Some(m) = set.migrations.first() {
        let mut changed = with_sum;
        changed.insert(m.up_file(), format!("{} ", m.up));
        let changed = MigrationSet::from_files(changed).expect("a changed content is still a set");
        assert!(changed.verify_sum().is_err(), "a changed up file verifies");
    }
});
