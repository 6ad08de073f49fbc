//! Applying, reverting and inspecting versioned migrations in one scope.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::session::Session;
use super::split::statements;
use super::{Migration, MigrationError, MigrationSet};
use crate::Backend;
use crate::client::Client;
use crate::error::Result;
use crate::sql::Statement;
use crate::value::{ScalarValue, Value};

/// Where a migration stands in a scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Not applied yet.
    Pending,
    /// Applied at this time, taking this long.
    Applied {
        /// When.
        at: chrono::DateTime<chrono::Utc>,
        /// How long it ran.
        duration: Duration,
    },
    /// Failed half-way on MySQL/MariaDB: needs `resolve`.
    Dirty,
    /// Applied, but the file changed since.
    Modified,
    /// Applied, but the file is gone.
    Missing,
}

/// One line of `migrate status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationStatus {
    /// The version.
    pub version: i64,
    /// The name.
    pub name: String,
    /// Where it stands.
    pub state: State,
}

/// Callbacks around a run and around each migration (logging, metrics,
/// notifications). Each may return `Err` to stop the run.
#[derive(Clone, Default)]
pub struct MigrationHooks {
    before_run: Option<Callback<[Migration]>>,
    after_run: Option<Callback<[i64]>>,
    before_each: Option<Callback<Migration>>,
    after_each: Option<TimedCallback>,
}

/// A shared callback over a migration and how long it ran.
type TimedCallback = Arc<dyn Fn(&Migration, Duration) -> Result<()> + Send + Sync>;

/// A shared callback over `&T`.
type Callback<T> = Arc<dyn Fn(&T) -> Result<()> + Send + Sync>;

impl std::fmt::Debug for MigrationHooks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MigrationHooks").finish_non_exhaustive()
    }
}

/// History rows: (version, name, checksum, applied_at, duration_ms, dirty).
pub(super) type Record = (
    i64,
    String,
    String,
    chrono::DateTime<chrono::Utc>,
    i64,
    bool,
);

/// Runs a [`MigrationSet`] against a client's scope.
///
/// ```no_run
/// # async fn f(client: &entkit::Client) -> entkit::Result<()> {
/// let set = entkit::MigrationSet::from_dir("migrations/identity/postgres")?;
/// let migrator = entkit::Migrator::new(set);
/// migrator.up(client, None).await?;            // every pending migration
/// for line in migrator.status(client).await? {
///     println!("{} {} {:?}", line.version, line.name, line.state);
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Migrator {
    set: MigrationSet,
    hooks: MigrationHooks,
    /// The longest wait for the scope's migration lock (`None`: backend default).
    lock_wait: Option<Duration>,
}

fn history_ddl(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => {
            "CREATE TABLE IF NOT EXISTS entkit_migrations (version bigint PRIMARY KEY, name text NOT NULL, \
             checksum text NOT NULL, applied_at timestamptz NOT NULL, duration_ms bigint NOT NULL, dirty boolean NOT NULL)"
        }
        Backend::MySql => concat!(
            "CREATE TABLE IF NOT EXISTS entkit_migrations (version BIGINT PRIMARY KEY, name VARCHAR(255) NOT NULL, \
             checksum VARCHAR(64) NOT NULL, applied_at DATETIME(6) NOT NULL, duration_ms BIGINT NOT NULL, \
             dirty BOOLEAN NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
            crate::migrate::ddl::mysql_collation!()
        ),
        Backend::Sqlite => {
            "CREATE TABLE IF NOT EXISTS entkit_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, \
             checksum TEXT NOT NULL, applied_at TEXT NOT NULL, duration_ms INTEGER NOT NULL, dirty BOOLEAN NOT NULL)"
        }
    }
}

async fn history(session: &mut Session) -> Result<Vec<Record>> {
    session.execute_sql(history_ddl(session.backend())).await?;
    let stmt = Statement {
        sql: Arc::from(history_select(HISTORY_TABLE)),
        binds: vec![],
        entity: None,
        read: false,
    };
    session.fetch(stmt, decode_record).await
}

/// The history table's name in every scope.
pub(super) const HISTORY_TABLE: &str = "entkit_migrations";

/// The history query over `table` (bare inside a migration session,
/// scope-qualified for a read without one).
pub(super) fn history_select(table: &str) -> String {
    format!(
        "SELECT version, name, checksum, applied_at, duration_ms, dirty FROM {table} ORDER BY version"
    )
}

/// One history row of [`history_select`].
pub(super) fn decode_record(row: crate::backend::RowRef<'_>) -> Result<Record> {
    Ok((
        i64::decode(row, 0)?,
        String::decode(row, 1)?,
        String::decode(row, 2)?,
        chrono::DateTime::<chrono::Utc>::decode(row, 3)?,
        i64::decode(row, 4)?,
        bool::decode(row, 5)?,
    ))
}

/// The scope's history, read inside a transaction that is rolled back
/// (that is what places a PostgreSQL session in the scope).
async fn read_history(client: &Client, lock_wait: Option<Duration>) -> Result<Vec<Record>> {
    let scope = client.scope_name();
    let mut session = Session::open(client, scope, lock_wait).await?;
    let records = async {
        session.begin(scope, lock_wait).await?;
        history(&mut session).await
    }
    .await;
    session.rollback().await;
    session.close().await;
    records
}

fn statement(session: &Session, sql: &str, binds: Vec<Value>) -> Statement {
    let mut w = session.writer();
    // Placeholders in the backend's style: `$n` or `?`.
    for (n, part) in sql.split('?').enumerate() {
        if n > 0 {
            w.placeholder(n);
        }
        w.push(part);
    }
    Statement {
        sql: Arc::from(w.sql),
        binds,
        entity: None,
        read: false,
    }
}

impl Migrator {
    /// A migrator for `set`.
    pub fn new(set: MigrationSet) -> Self {
        Migrator {
            set,
            hooks: MigrationHooks::default(),
            lock_wait: None,
        }
    }

    /// Waits at most `wait` for the scope's migration lock while another
    /// migrator holds it, then fails with
    /// [`MigrationError::LockTimeout`]. Without it a migrator waits as long
    /// as the backend lets it: PostgreSQL's `lock_timeout` (none by
    /// default), 600 s on MySQL/MariaDB, the pool's busy timeout (10 s) on
    /// SQLite. MySQL/MariaDB count whole seconds (rounded up).
    pub fn lock_timeout(mut self, wait: Duration) -> Self {
        self.lock_wait = Some(wait);
        self
    }

    /// The migrations.
    pub fn set(&self) -> &MigrationSet {
        &self.set
    }

    /// Calls `f` with the pending migrations before a run.
    pub fn before_run(
        mut self,
        f: impl Fn(&[Migration]) -> Result<()> + Send + Sync + 'static,
    ) -> Self {
        self.hooks.before_run = Some(Arc::new(f));
        self
    }

    /// Calls `f` with the versions applied after a run.
    pub fn after_run(mut self, f: impl Fn(&[i64]) -> Result<()> + Send + Sync + 'static) -> Self {
        self.hooks.after_run = Some(Arc::new(f));
        self
    }

    /// Calls `f` before each migration runs.
    pub fn before_each(
        mut self,
        f: impl Fn(&Migration) -> Result<()> + Send + Sync + 'static,
    ) -> Self {
        self.hooks.before_each = Some(Arc::new(f));
        self
    }

    /// Calls `f` after each migration is applied, with its duration.
    pub fn after_each(
        mut self,
        f: impl Fn(&Migration, Duration) -> Result<()> + Send + Sync + 'static,
    ) -> Self {
        self.hooks.after_each = Some(Arc::new(f));
        self
    }

    /// Checks the files against `entkit.sum` and the scope's history: a
    /// changed file, an applied migration without its file, or a dirty
    /// scope is an error, and nothing runs.
    fn check(&self, records: &[Record]) -> Result<()> {
        self.set.verify_sum()?;
        for (version, _, checksum, _, _, dirty) in records {
            if *dirty {
                return Err(MigrationError::Dirty { version: *version }.into());
            }
            match self.set.get(*version) {
                None => return Err(MigrationError::MissingFile { version: *version }.into()),
                Some(m) if m.checksum != *checksum => {
                    return Err(MigrationError::ChecksumMismatch {
                        version: *version,
                        file: m.up_file(),
                    }
                    .into());
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// Validates files and history without changing anything.
    pub async fn validate(&self, client: &Client) -> Result<()> {
        let records = read_history(client, self.lock_wait).await?;
        self.check(&records)
    }

    /// Where every migration stands in the client's scope.
    pub async fn status(&self, client: &Client) -> Result<Vec<MigrationStatus>> {
        let records = read_history(client, self.lock_wait).await?;
        let mut out: Vec<MigrationStatus> = self
            .set
            .migrations
            .iter()
            .map(|m| {
                let state = match records.iter().find(|r| r.0 == m.version) {
                    None => State::Pending,
                    Some(r) if r.5 => State::Dirty,
                    Some(r) if r.2 != m.checksum => State::Modified,
                    Some(r) => State::Applied {
                        at: r.3,
                        duration: Duration::from_millis(r.4.max(0) as u64),
                    },
                };
                MigrationStatus {
                    version: m.version,
                    name: m.name.clone(),
                    state,
                }
            })
            .collect();
        for r in records.iter().filter(|r| self.set.get(r.0).is_none()) {
            out.push(MigrationStatus {
                version: r.0,
                name: r.1.clone(),
                state: if r.5 { State::Dirty } else { State::Missing },
            });
        }
        out.sort_by_key(|s| s.version);
        Ok(out)
    }

    /// Applies pending migrations in version order (at most `limit`), each
    /// in its own transaction where the backend has transactional DDL.
    /// Concurrent migrators of one scope serialise on a lock; each version
    /// is applied once. Returns the versions this call applied.
    pub async fn up(&self, client: &Client, limit: Option<usize>) -> Result<Vec<i64>> {
        let scope = client.scope_name();
        let mut session = Session::open(client, scope, self.lock_wait).await?;
        let result = self.up_on(&mut session, scope, limit).await;
        session.close().await;
        result
    }

    async fn up_on(
        &self,
        session: &mut Session,
        scope: Option<&str>,
        limit: Option<usize>,
    ) -> Result<Vec<i64>> {
        // Checks before anything runs.
        session.begin(scope, self.lock_wait).await?;
        let records = history(session).await;
        session.rollback().await;
        let records = records?;
        self.check(&records)?;
        let pending: Vec<&Migration> = self
            .set
            .migrations
            .iter()
            .filter(|m| !records.iter().any(|r| r.0 == m.version))
            .take(limit.unwrap_or(usize::MAX))
            .collect();
        if let Some(f) = &self.hooks.before_run {
            let list: Vec<Migration> = pending.iter().map(|m| (*m).clone()).collect();
            f(&list)?;
        }
        let mut applied = Vec::new();
        for migration in pending {
            if self.apply(session, scope, migration).await? {
                applied.push(migration.version);
            }
        }
        if let Some(f) = &self.hooks.after_run {
            f(&applied)?;
        }
        Ok(applied)
    }

    /// Begins a step under the scope's lock and returns the history once
    /// it passes [`check`](Self::check); rolls back on any error.
    async fn begin_checked(
        &self,
        session: &mut Session,
        scope: Option<&str>,
    ) -> Result<Vec<Record>> {
        session.begin(scope, self.lock_wait).await?;
        let checked = match history(session).await {
            Ok(records) => self.check(&records).map(|()| records),
            Err(e) => Err(e),
        };
        if checked.is_err() {
            session.rollback().await;
        }
        checked
    }

    /// Applies one migration under the lock; `false` when another migrator
    /// applied it meanwhile.
    async fn apply(
        &self,
        session: &mut Session,
        scope: Option<&str>,
        m: &Migration,
    ) -> Result<bool> {
        let records = self.begin_checked(session, scope).await?;
        if records.iter().any(|r| r.0 == m.version) {
            session.rollback().await;
            return Ok(false);
        }
        if let Some(f) = &self.hooks.before_each
            && let Err(e) = f(m)
        {
            session.rollback().await;
            return Err(e);
        }
        let started = Instant::now();
        let now = Value::Timestamp(crate::now());
        let record = vec![
            Value::I64(m.version),
            Value::Text(m.name.clone()),
            Value::Text(m.checksum.clone()),
            now,
            Value::I64(0),
            Value::Bool(!session.transactional_ddl()),
        ];
        let insert = "INSERT INTO entkit_migrations (version, name, checksum, applied_at, duration_ms, dirty) VALUES (?, ?, ?, ?, ?, ?)";
        if !session.transactional_ddl() {
            // MySQL: record first, as dirty: a failure below leaves the mark.
            session
                .execute(statement(session, insert, record.clone()))
                .await?;
        }
        for (i, sql) in statements(&m.up).iter().enumerate() {
            if let Err(source) = session.execute_sql(sql).await {
                session.rollback().await;
                return Err(MigrationError::Failed {
                    file: m.up_file(),
                    index: i + 1,
                    statement: sql.clone(),
                    source: Box::new(source),
                }
                .into());
            }
        }
        let duration = started.elapsed();
        let millis = Value::I64(duration.as_millis() as i64);
        if session.transactional_ddl() {
            let mut record = record;
            record[4] = millis;
            session.execute(statement(session, insert, record)).await?;
        } else {
            let done = "UPDATE entkit_migrations SET dirty = ?, duration_ms = ? WHERE version = ?";
            let binds = vec![Value::Bool(false), millis, Value::I64(m.version)];
            session.execute(statement(session, done, binds)).await?;
        }
        session.commit().await?;
        if let Some(f) = &self.hooks.after_each {
            f(m, duration)?;
        }
        Ok(true)
    }

    /// Reverts the last `n` applied migrations with their down scripts.
    pub async fn down(&self, client: &Client, n: usize) -> Result<Vec<i64>> {
        let scope = client.scope_name();
        let mut session = Session::open(client, scope, self.lock_wait).await?;
        let result = self.down_on(&mut session, scope, n).await;
        session.close().await;
        result
    }

    async fn down_on(
        &self,
        session: &mut Session,
        scope: Option<&str>,
        n: usize,
    ) -> Result<Vec<i64>> {
        let mut reverted = Vec::new();
        for _ in 0..n {
            let records = self.begin_checked(session, scope).await?;
            let Some(last) = records.last() else {
                session.rollback().await;
                break;
            };
            let m = self
                .set
                .get(last.0)
                .ok_or(MigrationError::MissingFile { version: last.0 })?;
            let Some(down) = &m.down else {
                session.rollback().await;
                return Err(MigrationError::NoDown { version: m.version }.into());
            };
            let file = format!("{}_{}.down.sql", m.version, m.name);
            for (i, sql) in statements(down).iter().enumerate() {
                if let Err(source) = session.execute_sql(sql).await {
                    session.rollback().await;
                    return Err(MigrationError::Failed {
                        file,
                        index: i + 1,
                        statement: sql.clone(),
                        source: Box::new(source),
                    }
                    .into());
                }
            }
            let delete = statement(
                session,
                "DELETE FROM entkit_migrations WHERE version = ?",
                vec![Value::I64(m.version)],
            );
            session.execute(delete).await?;
            session.commit().await?;
            reverted.push(m.version);
        }
        Ok(reverted)
    }

    /// Reverts the last migration and applies it again.
    pub async fn redo(&self, client: &Client) -> Result<Vec<i64>> {
        let reverted = self.down(client, 1).await?;
        self.up(client, Some(reverted.len())).await
    }

    /// Clears a MySQL/MariaDB scope's dirty mark after a by-hand repair:
    /// `applied` keeps the migration as applied, otherwise it is forgotten.
    pub async fn resolve(&self, client: &Client, version: i64, applied: bool) -> Result<()> {
        let scope = client.scope_name();
        let mut session = Session::open(client, scope, self.lock_wait).await?;
        let result = async {
            session.begin(scope, self.lock_wait).await?;
            history(&mut session).await?;
            let stmt = if applied {
                statement(
                    &session,
                    "UPDATE entkit_migrations SET dirty = ? WHERE version = ?",
                    vec![Value::Bool(false), Value::I64(version)],
                )
            } else {
                statement(
                    &session,
                    "DELETE FROM entkit_migrations WHERE version = ?",
                    vec![Value::I64(version)],
                )
            };
            session.execute(stmt).await?;
            session.commit().await
        }
        .await;
        if result.is_err() {
            session.rollback().await;
        }
        session.close().await;
        result
    }
}
