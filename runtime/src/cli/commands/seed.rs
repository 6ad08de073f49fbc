//! `seed [--env E] [--force] [--truncate]`.

use std::process::ExitCode;

use super::{Out, connect, say};
use crate::cli::App;
use crate::cli::args::Seed;
use crate::error::Result;
use crate::seed::Seeders;

/// Runs (or truncates) the app's seeders in the scope.
pub(crate) async fn run(
    app: &App,
    url: &str,
    scope: Option<&str>,
    args: Seed,
    out: Out<'_>,
) -> Result<ExitCode> {
    if app.seeders.is_empty() {
        say!(out, "no seeders configured");
        return Ok(ExitCode::SUCCESS);
    }
    let env = args.env.unwrap_or_else(Seeders::env_from_process);
    let client = connect(url, scope).await?;
    let result = if args.truncate {
        app.seeders.truncate(&client, &env, args.force).await
    } else {
        app.seeders.run(&client, &env, args.force).await
    };
    client.close().await;
    let names = result?;
    let verb = if args.truncate { "truncated" } else { "seeded" };
    for name in &names {
        say!(out, "{verb} {name}");
    }
    if names.is_empty() {
        say!(out, "nothing to seed: every seeder ran before (env {env})");
    }
    Ok(ExitCode::SUCCESS)
}
