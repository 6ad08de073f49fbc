//! `migrate diff|up|down|status|redo|validate|resolve|fan-out`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::{Out, connect, refused, say};
use crate::cli::App;
use crate::cli::args::Migrate;
use crate::cli::output;
use crate::client::Client;
use crate::error::Result;
use crate::migrate::{DiffOptions, MigrationSet, Migrator};

/// Runs a `migrate` subcommand.
pub(crate) async fn run(
    app: &App,
    url: &str,
    scope: Option<&str>,
    cmd: Migrate,
    out: Out<'_>,
) -> Result<ExitCode> {
    // Fan-out works on many scopes: its client has none.
    let scope = if matches!(cmd, Migrate::FanOut { .. }) {
        None
    } else {
        scope
    };
    let client = connect(url, scope).await?;
    let result = run_on(app, &client, cmd, out).await;
    client.close().await;
    result
}

async fn run_on(app: &App, client: &Client, cmd: Migrate, out: Out<'_>) -> Result<ExitCode> {
    let dir = app.migration_dir(client.backend()).ok_or_else(|| {
        refused("no migration directory: call App::migrations(..) or App::migrations_root(..)")
    })?;
    if let Migrate::Diff { name, destructive } = &cmd {
        diff(app, client, &dir, name, *destructive, out).await?;
        return Ok(ExitCode::SUCCESS);
    }
    let set = MigrationSet::from_dir(&dir)?;
    match cmd {
        Migrate::Diff { .. } => unreachable!("handled above"),
        Migrate::Up { n } => up(client, set, n, out).await?,
        Migrate::Down { n } => {
            let migrator = Migrator::new(set);
            let reverted = migrator.down(client, n).await?;
            print_versions(
                out,
                "reverted",
                migrator.set(),
                &reverted,
                "nothing to revert",
            )?;
        }
        Migrate::Status => {
            let lines = Migrator::new(set).status(client).await?;
            say!(
                out,
                "{} ({}, scope {})",
                dir.display(),
                client.backend().name(),
                client.scope_name().unwrap_or("default")
            );
            say!(out, "{}", output::status_table(&lines).trim_end());
            say!(out, "{}", output::status_summary(&lines));
        }
        Migrate::Redo => {
            let migrator = Migrator::new(set);
            let redone = migrator.redo(client).await?;
            print_versions(out, "redone", migrator.set(), &redone, "nothing to redo")?;
        }
        Migrate::Validate => {
            let migrator = Migrator::new(set);
            migrator.validate(client).await?;
            say!(
                out,
                "ok: {} migrations match {} and the scope's history",
                migrator.set().migrations.len(),
                crate::migrate::SUM_FILE
            );
        }
        Migrate::Resolve {
            version, applied, ..
        } => {
            Migrator::new(set).resolve(client, version, applied).await?;
            let how = if applied { "applied" } else { "rolled back" };
            say!(out, "resolved {version} as {how}");
        }
        Migrate::FanOut {
            scopes,
            concurrency,
        } => return fan_out(client, set, &scopes, concurrency, out).await,
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the next migration, or prints `no changes`.
async fn diff(
    app: &App,
    client: &Client,
    dir: &Path,
    name: &str,
    destructive: bool,
    out: Out<'_>,
) -> Result<()> {
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(refused(format!(
            "migration name {name:?}: use letters, digits and `_`"
        )));
    }
    let mut set = MigrationSet::from_dir(dir)?;
    // Never bless edited files by rewriting entkit.sum over them.
    set.verify_sum()?;
    let options = DiffOptions { destructive };
    let Some(diff) = crate::migrate::diff(client, &set, &app.entities, options).await? else {
        say!(out, "no changes");
        return Ok(());
    };
    let skipped = |out: Out<'_>| -> Result<()> {
        for step in &diff.skipped {
            say!(
                out,
                "skipped (destructive, rerun with --destructive): {step}"
            );
        }
        Ok(())
    };
    if diff.up.trim().is_empty() {
        say!(out, "no changes");
        return skipped(out);
    }
    let version = set.next_version();
    set.push(version, name, &diff.up, &diff.down);
    let written: Vec<PathBuf> = set.write_to(dir)?;
    for path in written {
        say!(out, "wrote {}", path.display());
    }
    skipped(out)
}

/// Applies pending migrations, printing each with its duration.
async fn up(client: &Client, set: MigrationSet, n: Option<usize>, out: Out<'_>) -> Result<()> {
    let done: Arc<Mutex<Vec<(String, Duration)>>> = Arc::default();
    let log = done.clone();
    let migrator = Migrator::new(set).after_each(move |m, took| {
        log.lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((m.up_file().trim_end_matches(".up.sql").to_owned(), took));
        Ok(())
    });
    let result = migrator.up(client, n).await;
    let done = std::mem::take(&mut *done.lock().unwrap_or_else(|e| e.into_inner()));
    for (file, took) in &done {
        say!(out, "applied {file} ({})", output::duration(*took));
    }
    let applied = result?;
    if applied.is_empty() {
        say!(out, "nothing to apply");
    }
    Ok(())
}

fn print_versions(
    out: Out<'_>,
    verb: &str,
    set: &MigrationSet,
    versions: &[i64],
    none: &str,
) -> Result<()> {
    for v in versions {
        match set.get(*v) {
            Some(m) => say!(out, "{verb} {}_{}", m.version, m.name),
            None => say!(out, "{verb} {v}"),
        }
    }
    if versions.is_empty() {
        say!(out, "{none}");
    }
    Ok(())
}

/// Applies pending migrations to every scope, printing progress.
async fn fan_out(
    client: &Client,
    set: MigrationSet,
    scopes: &[String],
    concurrency: usize,
    out: Out<'_>,
) -> Result<ExitCode> {
    let names: Vec<&str> = scopes.iter().map(String::as_str).collect();
    let migrator = Migrator::new(set);
    let report = {
        let progress_out = Mutex::new(&mut *out);
        migrator
            .up_many(client, &names, concurrency, |done, total| {
                let mut out = progress_out.lock().unwrap_or_else(|e| e.into_inner());
                let _ = writeln!(out, "scopes {done}/{total}");
            })
            .await
    };
    let mut failed = 0;
    for outcome in &report.outcomes {
        match &outcome.result {
            Ok(applied) => say!(out, "ok {}: {} applied", outcome.scope, applied.len()),
            Err(e) => {
                failed += 1;
                say!(out, "FAILED {}: {e}", outcome.scope);
            }
        }
    }
    if failed > 0 {
        say!(
            out,
            "{failed} of {} scopes failed; run again to resume",
            names.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    say!(out, "all {} scopes are up to date", names.len());
    Ok(ExitCode::SUCCESS)
}
