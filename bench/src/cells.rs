//! How the report writes a figure, shared by its sections.

use crate::targets::Check;

/// A duration in µs, in a readable unit.
pub fn time(us: f64) -> String {
    if us < 1_000.0 {
        format!("{us:.1} µs")
    } else if us < 1_000_000.0 {
        format!("{:.2} ms", us / 1e3)
    } else {
        format!("{:.2} s", us / 1e6)
    }
}

/// The line above the targets table.
pub fn targets_line(met: usize, total: usize) -> String {
    format!("{met} of {total} targets met.")
}

/// One row of the targets table.
pub fn check_row(c: &Check) -> String {
    format!(
        "| {} | {} | {} | {} |",
        c.target,
        c.scope,
        c.measured,
        if c.met { "met" } else { "**missed**" }
    )
}
