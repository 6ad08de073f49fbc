//! The command line's grammar (clap derive).

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::dialect::Backend;

/// Global options and the subcommand.
#[derive(Debug, Parser)]
#[command(about = "Versioned migrations, schema, seed data and database role of this service")]
pub(crate) struct Cli {
    /// The database: postgres://, mysql://, mariadb:// or sqlite: URL.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite::memory:",
        hide_env_values = true,
        global = true
    )]
    pub database_url: String,

    /// The scope to work in (PostgreSQL schema, MySQL database, attached
    /// SQLite database); none means the connection's default.
    #[arg(long, global = true)]
    pub scope: Option<String>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The top-level subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Versioned migrations.
    #[command(subcommand)]
    Migrate(Migrate),
    /// The schema the entities describe.
    #[command(subcommand)]
    Schema(Schema),
    /// Seed data.
    Seed(Seed),
    /// Services' database roles (PostgreSQL; connect as a superuser).
    #[command(subcommand)]
    Roles(Roles),
}

/// `migrate ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum Migrate {
    /// Writes the next migration: what the entities describe and the
    /// migration directory does not produce yet.
    Diff {
        /// The migration's name (letters, digits and `_`).
        name: String,
        /// Also write destructive steps (dropped tables/columns, narrowed types).
        #[arg(long)]
        destructive: bool,
    },
    /// Applies pending migrations (all, or the next N).
    Up {
        /// How many to apply.
        n: Option<usize>,
    },
    /// Reverts the last N applied migrations.
    Down {
        /// How many to revert.
        #[arg(default_value_t = 1)]
        n: usize,
    },
    /// Shows every migration's state in the scope.
    Status,
    /// Reverts the last migration and applies it again.
    Redo,
    /// Checks the files against entkit.sum and the scope's history.
    Validate,
    /// Clears a dirty mark (MySQL/MariaDB) after repairing by hand.
    Resolve {
        /// The dirty migration's version.
        version: i64,
        /// Keep it as applied.
        #[arg(
            long,
            conflicts_with = "rolled_back",
            required_unless_present = "rolled_back"
        )]
        applied: bool,
        /// Forget it: it runs again with the next `migrate up`.
        #[arg(long)]
        rolled_back: bool,
    },
    /// Applies pending migrations to many scopes.
    FanOut {
        /// The scopes, comma-separated.
        #[arg(long, value_delimiter = ',', required = true, num_args = 1..)]
        scopes: Vec<String>,
        /// How many scopes migrate at once.
        #[arg(long, default_value_t = 4)]
        concurrency: usize,
    },
}

/// `schema ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum Schema {
    /// Prints the DDL the entities describe.
    Print {
        /// The SQL dialect (default: the connected backend's).
        #[arg(long, value_enum)]
        dialect: Option<Dialect>,
    },
}

/// `seed ...`.
#[derive(Debug, Args)]
pub(crate) struct Seed {
    /// The environment (default: $ENTKIT_ENV, else $APP_ENV, else development).
    #[arg(long)]
    pub env: Option<String>,
    /// Run even in the production environment.
    #[arg(long)]
    pub force: bool,
    /// Remove seeded data (in reverse order) instead of seeding.
    #[arg(long)]
    pub truncate: bool,
}

/// `roles ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum Roles {
    /// Creates or updates a service's login role and the schema it owns,
    /// with no rights elsewhere; running it again only sets the password.
    Provision {
        /// The service: the schema its role owns.
        #[arg(long)]
        service: String,
        /// The login role.
        #[arg(long)]
        role: String,
        /// The environment variable holding the role's password.
        #[arg(
            long,
            conflicts_with = "password_file",
            required_unless_present = "password_file"
        )]
        password_env: Option<String>,
        /// A file holding the role's password (a mounted secret); one
        /// trailing line break is ignored.
        #[arg(long)]
        password_file: Option<std::path::PathBuf>,
        /// The service keeps a schema per tenant: the role may create
        /// schemas in the database (without it, that right is revoked).
        #[arg(long)]
        tenant_schemas: bool,
    },
}

/// A SQL dialect on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Dialect {
    /// PostgreSQL.
    Postgres,
    /// MySQL / MariaDB.
    Mysql,
    /// SQLite.
    Sqlite,
}

impl Dialect {
    pub(crate) fn backend(self) -> Backend {
        match self {
            Dialect::Postgres => Backend::Postgres,
            Dialect::Mysql => Backend::MySql,
            Dialect::Sqlite => Backend::Sqlite,
        }
    }
}
