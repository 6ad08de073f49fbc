//! Running a parsed command: connecting, then one module per command group.

mod migrate;
mod roles;
mod schema;
mod seed;

use std::io::Write;
use std::process::ExitCode;

use super::App;
use super::args::{Cli, Command};
use crate::client::Client;
use crate::dialect::Backend;
use crate::error::Result;
use crate::migrate::MigrationError;

/// Where a command prints.
pub(crate) type Out<'o> = &'o mut (dyn Write + Send);

/// Writes a line to the output; a closed pipe becomes an error.
macro_rules! say {
    ($out:expr, $($arg:tt)*) => {
        writeln!($out, $($arg)*).map_err($crate::cli::commands::output_failed)?
    };
}
pub(crate) use say;

/// The error for output that could not be written.
pub(crate) fn output_failed(e: std::io::Error) -> crate::Error {
    MigrationError::Io {
        path: "<output>".into(),
        message: e.to_string(),
    }
    .into()
}

/// A refusal with this reason, as an error.
pub(crate) fn refused(reason: impl Into<String>) -> crate::Error {
    MigrationError::Refused {
        reason: reason.into(),
    }
    .into()
}

/// The backend a URL names, without connecting.
pub(crate) fn url_backend(url: &str) -> Option<Backend> {
    match url.split(':').next()? {
        "postgres" | "postgresql" => Some(Backend::Postgres),
        "mysql" | "mariadb" => Some(Backend::MySql),
        "sqlite" => Some(Backend::Sqlite),
        _ => None,
    }
}

/// Opens the client the options describe (bound to `--scope` if given).
pub(crate) async fn connect(url: &str, scope: Option<&str>) -> Result<Client> {
    let mut builder = Client::builder(url).max_connections(4);
    if let Some(scope) = scope {
        builder = builder.scope(scope);
    }
    builder.connect().await
}

/// Runs one parsed command.
pub(crate) async fn run(app: &App, cli: Cli, out: Out<'_>) -> Result<ExitCode> {
    let Cli {
        database_url,
        scope,
        command,
    } = cli;
    let scope = scope.as_deref();
    // Every command, even one that only prints DDL, refuses a system
    // namespace before it connects or renders anything.
    if let Some(scope) = scope {
        crate::ident::validate_scope(scope)?;
    }
    match command {
        Command::Migrate(cmd) => migrate::run(app, &database_url, scope, cmd, out).await,
        Command::Schema(cmd) => schema::run(app, &database_url, scope, cmd, out).await,
        Command::Seed(args) => seed::run(app, &database_url, scope, args, out).await,
        Command::Roles(cmd) => roles::run(&database_url, cmd, out).await,
    }
}
