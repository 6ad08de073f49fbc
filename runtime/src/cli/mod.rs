//! An embeddable command line for a service's own binary: versioned
//! migrations, the schema the entities describe, seed data, and the
//! service's database role.
//!
//! ```no_run
//! use entkit::Entity as _;
//! use entkit::cli::App;
//! # #[derive(entkit::Entity)] struct User { id: i64, name: String }
//!
//! #[tokio::main]
//! async fn main() -> std::process::ExitCode {
//!     App::new(vec![User::def()])
//!         .migrations_root("migrations/identity") // + /postgres, /mysql or /sqlite
//!         .run_from_env()
//!         .await
//! }
//! ```
//!
//! ```sh
//! service migrate diff add_users [--destructive]
//! service migrate up [N] | down [N] | status | redo | validate
//! service migrate resolve <version> --applied|--rolled-back
//! service migrate fan-out --scopes a,b,c [--concurrency N]
//! service schema print [--dialect postgres|mysql|sqlite]
//! service seed [--env E] [--force] [--truncate]
//! service roles provision --service S --role R --password-env VAR | --password-file PATH [--tenant-schemas]
//! ```
//!
//! Global options: `--database-url` (default `$DATABASE_URL`, else
//! `sqlite::memory:`, whose data vanishes with the process) and `--scope`.

mod args;
mod commands;
mod output;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::dialect::Backend;
use crate::error::Result;
use crate::schema::EntityDef;
use crate::seed::Seeders;

/// Where the migration files are.
#[derive(Debug, Clone)]
enum MigrationDir {
    /// One directory, whatever the backend.
    Fixed(PathBuf),
    /// `<root>/<dialect>/`, by the connected backend.
    Root(PathBuf),
}

/// The command line of a service: its entities, migration directory and
/// seeders. See the [module docs](self) for the commands.
#[derive(Debug)]
pub struct App {
    entities: Vec<&'static EntityDef>,
    migrations: Option<MigrationDir>,
    seeders: Seeders,
    name: Option<&'static str>,
}

/// The subdirectory of a migration root for a backend:
/// `postgres`, `mysql` or `sqlite`.
pub fn dialect_dir(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => "postgres",
        Backend::MySql => "mysql",
        Backend::Sqlite => "sqlite",
    }
}

/// `dir` made absolute and free of `..` where it exists on disk (so printed
/// paths read `/srv/migrations`, not `/srv/app/../migrations`).
fn tidy(dir: &std::path::Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(dir) {
        return real;
    }
    match (dir.parent().map(std::fs::canonicalize), dir.file_name()) {
        (Some(Ok(parent)), Some(name)) => parent.join(name),
        _ => dir.to_path_buf(),
    }
}

impl App {
    /// A command line over these entities (those reached through edges are
    /// included, as in `auto_migrate`).
    pub fn new(entities: Vec<&'static EntityDef>) -> Self {
        App {
            entities,
            migrations: None,
            seeders: Seeders::new(),
            name: None,
        }
    }

    /// The program name shown in help (default: the first argument).
    pub fn name(mut self, name: &'static str) -> Self {
        self.name = Some(name);
        self
    }

    /// The migration directory, used whatever the backend.
    pub fn migrations(mut self, dir: impl Into<PathBuf>) -> Self {
        self.migrations = Some(MigrationDir::Fixed(dir.into()));
        self
    }

    /// A migration root holding one directory per dialect:
    /// `<root>/postgres`, `<root>/mysql` and `<root>/sqlite`; the connected
    /// backend picks one.
    pub fn migrations_root(mut self, root: impl Into<PathBuf>) -> Self {
        self.migrations = Some(MigrationDir::Root(root.into()));
        self
    }

    /// The seeders `seed` runs.
    pub fn seeders(mut self, seeders: Seeders) -> Self {
        self.seeders = seeders;
        self
    }

    /// The migration directory for `backend`, if one was configured.
    pub fn migration_dir(&self, backend: Backend) -> Option<PathBuf> {
        let dir = match self.migrations.as_ref()? {
            MigrationDir::Fixed(dir) => dir.clone(),
            MigrationDir::Root(root) => root.join(dialect_dir(backend)),
        };
        Some(tidy(&dir))
    }

    /// Parses `args` (the first is the program name, as in
    /// `std::env::args_os()`) and runs the command, printing to stdout.
    ///
    /// Help and usage errors are handled like clap does (help on stdout
    /// with success, usage errors on stderr with exit code 2); a failed
    /// command returns its error.
    pub async fn run_from<I, T>(&self, args: I) -> Result<ExitCode>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let mut stdout = std::io::stdout();
        self.run_to(args, &mut stdout).await
    }

    /// [`run_from`](Self::run_from), printing to `out` instead of stdout
    /// (tests, or a service that logs the output).
    pub async fn run_to<I, T>(&self, args: I, out: &mut (dyn Write + Send)) -> Result<ExitCode>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let mut command = <args::Cli as clap::CommandFactory>::command();
        if let Some(name) = self.name {
            command = command.name(name).bin_name(name);
        }
        let matches = match command.try_get_matches_from(args) {
            Ok(matches) => matches,
            Err(e) => return Ok(output::clap_error(e, out)),
        };
        let cli = match <args::Cli as clap::FromArgMatches>::from_arg_matches(&matches) {
            Ok(cli) => cli,
            Err(e) => return Ok(output::clap_error(e, out)),
        };
        commands::run(self, cli, out).await
    }

    /// Runs the command in the process's arguments; prints a failure to
    /// stderr and returns a failing exit code. Meant for `main`.
    pub async fn run_from_env(&self) -> ExitCode {
        match self.run_from(std::env::args_os()).await {
            Ok(code) => code,
            Err(e) => {
                output::error(&e);
                ExitCode::FAILURE
            }
        }
    }
}
