//! What the command line prints: tables, durations, errors.

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use crate::migrate::{MigrationStatus, State};

/// Prints a clap error (or help/version) the way clap would, and returns
/// the exit code clap would use. Help goes to `out`, errors to stderr.
pub(crate) fn clap_error(e: clap::Error, out: &mut (dyn Write + Send)) -> ExitCode {
    let text = e.render().to_string();
    if e.use_stderr() {
        eprint!("{text}");
        ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
    } else {
        let _ = write!(out, "{text}");
        ExitCode::SUCCESS
    }
}

/// Prints a failed command's error, with its causes, to stderr.
pub(crate) fn error(e: &crate::Error) {
    eprintln!("error: {e}");
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        eprintln!("  caused by: {cause}");
        source = cause.source();
    }
}

/// A duration as people read it: `850ms`, `2.4s`, `3m05s`.
pub(crate) fn duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1_000 {
        format!("{ms}ms")
    } else if ms < 60_000 {
        format!("{:.1}s", d.as_secs_f64())
    } else {
        format!("{}m{:02}s", ms / 60_000, (ms / 1_000) % 60)
    }
}

fn state_name(state: &State) -> &'static str {
    match state {
        State::Pending => "pending",
        State::Applied { .. } => "applied",
        State::Dirty => "DIRTY",
        State::Modified => "MODIFIED",
        State::Missing => "MISSING",
    }
}

/// `migrate status` as a table: version, name, state, applied at, duration.
pub(crate) fn status_table(lines: &[MigrationStatus]) -> String {
    let header = ["VERSION", "NAME", "STATE", "APPLIED AT", "DURATION"].map(String::from);
    let mut rows = vec![header];
    for line in lines {
        let (at, took) = match &line.state {
            State::Applied { at, duration: d } => {
                (at.format("%Y-%m-%d %H:%M:%S UTC").to_string(), duration(*d))
            }
            _ => ("-".to_owned(), "-".to_owned()),
        };
        rows.push([
            line.version.to_string(),
            line.name.clone(),
            state_name(&line.state).to_owned(),
            at,
            took,
        ]);
    }
    let widths: Vec<usize> = (0..5)
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    let mut text = String::new();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell:<w$}"))
            .collect();
        text.push_str(cells.join("  ").trim_end());
        text.push('\n');
    }
    text
}

/// A one-line summary of a status: `2 applied, 1 pending`.
pub(crate) fn status_summary(lines: &[MigrationStatus]) -> String {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for line in lines {
        let name = state_name(&line.state);
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, c)) => *c += 1,
            None => counts.push((name, 1)),
        }
    }
    if counts.is_empty() {
        return "no migrations".to_owned();
    }
    counts
        .iter()
        .map(|(n, c)| format!("{c} {}", n.to_lowercase()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(Duration::from_millis(850)), "850ms");
        assert_eq!(duration(Duration::from_millis(2_400)), "2.4s");
        assert_eq!(duration(Duration::from_secs(185)), "3m05s");
    }

    #[test]
    fn status_table_aligns_columns() {
        let at = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let lines = [
            MigrationStatus {
                version: 1,
                name: "init".into(),
                state: State::Applied {
                    at,
                    duration: Duration::from_millis(12),
                },
            },
            MigrationStatus {
                version: 20,
                name: "add_email".into(),
                state: State::Pending,
            },
        ];
        let table = status_table(&lines);
        assert_eq!(
            table,
            "VERSION  NAME       STATE    APPLIED AT               DURATION\n\
             1        init       applied  2023-11-14 22:13:20 UTC  12ms\n\
             20       add_email  pending  -                        -\n"
        );
        assert_eq!(status_summary(&lines), "1 applied, 1 pending");
    }
}
