//! Harness for entkit's cross-backend integration tests.
//!
//! Every test calls [`for_each_backend`], which runs the same case once per
//! selected backend, each run in a scope of its own, and fails naming the
//! backend(s) that failed.
//!
//! Environment:
//! - `ENTKIT_TEST_BACKENDS`: comma list of `sqlite`, `postgres`, `mysql`
//!   (default: all three). A selected backend that cannot be reached fails
//!   the test; it is never skipped.
//! - `ENTKIT_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/test`)
//! - `ENTKIT_TEST_MYSQL_URL` (default `mysql://root@127.0.0.1:3306/test`)
//!
//! Isolation: PostgreSQL and MariaDB runs get a fresh client (own small pool)
//! bound to a uniquely named scope, dropped at the end even when the case
//! fails. SQLite runs get a fresh `sqlite::memory:` database. Nothing
//! mutable is shared between tests.

use std::collections::hash_map::RandomState;
use std::fmt::{Debug, Write as _};
use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use entkit::{
    Backend, Client, ConstraintKind, ConstraintViolation, EntityDef, Error, MigrationReport,
};
use futures_util::FutureExt as _;

pub use entkit;

pub mod servers;

/// Pool size of every client the harness opens (tests assert it).
pub const POOL_MAX: u32 = 4;

/// How long one case may run on one backend before it counts as hung.
const CASE_TIMEOUT: Duration = Duration::from_secs(60);

/// A backend the suite can run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Sqlite,
    Postgres,
    MySql,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Sqlite, Kind::Postgres, Kind::MySql];

    /// The name used in `ENTKIT_TEST_BACKENDS` and in failure messages.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Sqlite => "sqlite",
            Kind::Postgres => "postgres",
            Kind::MySql => "mysql",
        }
    }

    /// The connection URL (env-overridable for the servers).
    pub fn url(self) -> String {
        let env =
            |var: &str, default: &str| std::env::var(var).unwrap_or_else(|_| default.to_owned());
        match self {
            Kind::Sqlite => "sqlite::memory:".to_owned(),
            Kind::Postgres => env(
                "ENTKIT_TEST_POSTGRES_URL",
                "postgres://postgres@127.0.0.1:5432/test",
            ),
            Kind::MySql => env("ENTKIT_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/test"),
        }
    }

    /// The entkit backend this kind talks to.
    pub fn backend(self) -> Backend {
        match self {
            Kind::Sqlite => Backend::Sqlite,
            Kind::Postgres => Backend::Postgres,
            Kind::MySql => Backend::MySql,
        }
    }
}

/// The backends selected by `ENTKIT_TEST_BACKENDS` (default: all).
pub fn selected_backends() -> Vec<Kind> {
    let Ok(list) = std::env::var("ENTKIT_TEST_BACKENDS") else {
        return Kind::ALL.to_vec();
    };
    let mut out = Vec::new();
    for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let kind = Kind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(name))
            .unwrap_or_else(|| {
                panic!("ENTKIT_TEST_BACKENDS: unknown backend {name:?} (expected sqlite, postgres, mysql)")
            });
        if !out.contains(&kind) {
            out.push(kind);
        }
    }
    assert!(
        !out.is_empty(),
        "ENTKIT_TEST_BACKENDS={list:?} selects no backend"
    );
    out
}

/// A unique plain identifier `<tag>_<pid>_<counter>_<random>`, at most 63 characters.
pub fn unique_name(tag: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let tag: String = tag
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .take(28)
        .collect();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let random = RandomState::new().build_hasher().finish() & 0xff_ffff;
    let name = format!("t_{tag}_{}_{n}_{random:06x}", std::process::id());
    debug_assert!(name.len() <= 63);
    name
}

/// What a case gets to work with on one backend.
pub struct Ctx {
    /// Which backend this run is on.
    pub kind: Kind,
    /// The backend's URL.
    pub url: String,
    /// The case's client: bound to a fresh scope on PostgreSQL/MariaDB,
    /// a fresh unscoped in-memory database on SQLite.
    pub client: Client,
    /// An unscoped client over the same pool.
    pub root: Client,
    /// Scoped clients dropped (with `drop_scope`) when the case ends.
    scopes: Arc<Mutex<Vec<Client>>>,
    test: &'static str,
}

impl Ctx {
    /// The backend name, for messages.
    pub fn name(&self) -> &'static str {
        self.kind.name()
    }

    /// The test's own scope name (None on SQLite, whose main client is unscoped).
    pub fn scope_name(&self) -> Option<&str> {
        self.client.scope_name()
    }

    /// A further uniquely named scope over the same pool, dropped at the end.
    pub fn extra_scope(&self, tag: &str) -> Client {
        let name = unique_name(&format!("{}_{tag}", short(self.test)));
        let scoped = self
            .root
            .scope(&name)
            .unwrap_or_else(|e| panic!("[{}] scope({name:?}) refused: {e}", self.name()));
        self.scopes.lock().unwrap().push(scoped.clone());
        scoped
    }

    /// `auto_migrate` on the case's client; panics (naming the backend) on error.
    pub async fn migrate(&self, defs: &[&'static EntityDef]) -> MigrationReport {
        migrate_on(&self.client, defs).await
    }

    /// `name` as a scope-qualified, quoted table name for raw SQL on `self.client`.
    pub fn table(&self, name: &str) -> String {
        self.client.qualified(name)
    }

    /// Creates the test's scope with raw DDL, for cases that create raw
    /// tables before (or without) any `auto_migrate`. No-op on SQLite.
    pub async fn create_scope(&self) -> entkit::Result<()> {
        let (Some(scope), backend) = (self.scope_name(), self.client.backend()) else {
            return Ok(());
        };
        let mut name = String::new();
        backend.push_ident(&mut name, scope);
        let sql = match backend {
            Backend::Postgres => format!("CREATE SCHEMA IF NOT EXISTS {name}"),
            Backend::MySql => format!("CREATE DATABASE IF NOT EXISTS {name}"),
            Backend::Sqlite => return Ok(()),
        };
        self.root.execute_raw(&sql).await.map(drop)
    }

    /// `table` as `auto_migrate` reports it (`scope.table` or `table`).
    pub fn reported(&self, table: &str) -> String {
        match self.scope_name() {
            Some(s) => format!("{s}.{table}"),
            None => table.to_owned(),
        }
    }
}

/// A client of its own whose pool holds ONE connection, for cases where
/// the next user of a pooled connection must be whoever used it last.
///
/// On PostgreSQL/MariaDB it is bound to the case's scope; on SQLite it is
/// an unscoped database file in a temporary directory (removed on drop), so
/// that [`fresh`](Self::fresh) clients can open the same database.
pub struct OneConnection {
    /// The one-connection client.
    pub client: Client,
    /// Its URL (the case's URL, or the SQLite file's).
    pub url: String,
    dir: Option<std::path::PathBuf>,
}

impl OneConnection {
    /// A new client with a pool of its own on the same database and scope
    /// (e.g. to read back what `client` wrote, or to take a lock).
    pub async fn fresh(&self) -> entkit::Result<Client> {
        let mut builder = Client::builder(self.url.clone())
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(20));
        if let Some(scope) = self.client.scope_name() {
            builder = builder.scope(scope);
        }
        builder.connect().await
    }
}

impl Drop for OneConnection {
    fn drop(&mut self) {
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

impl Ctx {
    /// A [`OneConnection`] client on this run's backend.
    pub async fn one_connection(&self) -> entkit::Result<OneConnection> {
        let (url, dir) = match self.kind {
            Kind::Sqlite => {
                let dir =
                    std::env::temp_dir().join(unique_name(&format!("{}_one", short(self.test))));
                std::fs::create_dir_all(&dir).expect("create a temporary directory");
                (
                    format!("sqlite://{}", dir.join("one.db").display()),
                    Some(dir),
                )
            }
            Kind::Postgres | Kind::MySql => (self.url.clone(), None),
        };
        let mut builder = Client::builder(url.clone())
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(20));
        if let Some(scope) = self.scope_name() {
            builder = builder.scope(scope);
        }
        let client = builder.connect().await?;
        Ok(OneConnection { client, url, dir })
    }
}

/// `auto_migrate` on any client; panics with the backend and error on failure.
pub async fn migrate_on(client: &Client, defs: &[&'static EntityDef]) -> MigrationReport {
    client
        .auto_migrate(defs)
        .await
        .unwrap_or_else(|e| panic!("[{:?}] auto_migrate failed: {e} / {e:?}", client.backend()))
}

fn short(test: &str) -> &str {
    test.rsplit("::").next().unwrap_or(test)
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(non-string panic payload)".to_owned()
    }
}

/// Opens the clients of one run. Unreachable servers are errors, not skips.
async fn open(kind: Kind, test: &'static str) -> Result<Ctx, String> {
    let url = kind.url();
    let root = Client::builder(url.clone())
        .max_connections(POOL_MAX)
        .acquire_timeout(Duration::from_secs(20))
        .connect()
        .await
        .map_err(|e| {
            format!(
                "selected backend {} is unreachable: {e}\n    (is the server running? choose \
                 backends with ENTKIT_TEST_BACKENDS, URLs with ENTKIT_TEST_POSTGRES_URL / \
                 ENTKIT_TEST_MYSQL_URL)",
                kind.name(),
            )
        })?;
    let scopes = Arc::new(Mutex::new(Vec::new()));
    let client = match kind {
        Kind::Sqlite => root.clone(),
        Kind::Postgres | Kind::MySql => {
            let scoped = root
                .scope(&unique_name(short(test)))
                .map_err(|e| format!("cannot create the test scope: {e}"))?;
            scopes.lock().unwrap().push(scoped.clone());
            scoped
        }
    };
    Ok(Ctx {
        kind,
        url,
        client,
        root,
        scopes,
        test,
    })
}

/// Drops every scope the run created, then closes the pool.
async fn cleanup(root: Client, scopes: Arc<Mutex<Vec<Client>>>) -> Result<(), String> {
    let scopes = std::mem::take(&mut *scopes.lock().unwrap());
    let mut problems = String::new();
    for scoped in scopes {
        if let Err(e) = scoped.drop_scope().await {
            let _ = writeln!(
                problems,
                "drop_scope({:?}) failed: {e}",
                scoped.scope_name()
            );
        }
    }
    root.close().await;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Runs `case` once per selected backend, each in a scope of its own.
///
/// A case fails by panicking (assertions) or returning `Err`. Every backend
/// runs even when an earlier one failed; the test then fails with one line
/// per failing backend.
pub async fn for_each_backend<F, Fut>(test: &'static str, case: F)
where
    F: Fn(Ctx) -> Fut,
    Fut: Future<Output = entkit::Result<()>>,
{
    let mut failures: Vec<String> = Vec::new();
    let mut passed: Vec<&str> = Vec::new();
    for kind in selected_backends() {
        let ctx = match open(kind, test).await {
            Ok(ctx) => ctx,
            Err(msg) => {
                failures.push(format!("[{}] {msg}", kind.name()));
                continue;
            }
        };
        let (root, scopes) = (ctx.root.clone(), ctx.scopes.clone());
        let outcome =
            tokio::time::timeout(CASE_TIMEOUT, AssertUnwindSafe(case(ctx)).catch_unwind()).await;
        let mut failure = match outcome {
            Ok(Ok(Ok(()))) => None,
            Ok(Ok(Err(e))) => Some(format!("returned an error: {e}\n    {e:?}")),
            Ok(Err(panic)) => Some(panic_message(&*panic)),
            Err(_) => Some(format!("timed out after {CASE_TIMEOUT:?}")),
        };
        if let Err(problem) = cleanup(root, scopes).await {
            let text = failure.get_or_insert_with(String::new);
            let _ = write!(text, "\n    cleanup: {problem}");
        }
        match failure {
            None => {
                eprintln!("entkit-tests: {test} [{}] ok", kind.name());
                passed.push(kind.name());
            }
            Some(msg) => {
                eprintln!("entkit-tests: {test} [{}] FAILED", kind.name());
                failures.push(format!("[{}] {msg}", kind.name()));
            }
        }
    }
    if !failures.is_empty() {
        panic!(
            "`{test}` failed on {} backend(s) (passed on: {}):\n{}",
            failures.len(),
            if passed.is_empty() {
                "none".to_owned()
            } else {
                passed.join(", ")
            },
            failures.join("\n")
        );
    }
}

/// The constraint violation `result` must have failed with.
#[track_caller]
pub fn expect_constraint<T: Debug>(
    result: entkit::Result<T>,
    kind: ConstraintKind,
) -> ConstraintViolation {
    match result {
        Err(Error::Constraint(c)) => {
            assert_eq!(c.kind, kind, "wrong constraint kind: {c:?}");
            c
        }
        other => panic!("expected a {kind} constraint violation, got {other:?}"),
    }
}

/// Asserts `result` failed with `Error::NotFound`.
#[track_caller]
pub fn expect_not_found<T: Debug>(result: entkit::Result<T>) {
    match result {
        Err(Error::NotFound { .. }) => {}
        other => panic!("expected Error::NotFound, got {other:?}"),
    }
}

/// Asserts `result` failed validation of `field`.
#[track_caller]
pub fn expect_validation<T: Debug>(result: entkit::Result<T>, field: &str) {
    match result {
        Err(Error::Validation { field: f, .. }) if f == field => {}
        other => panic!("expected Error::Validation of field {field:?}, got {other:?}"),
    }
}

/// A small xorshift generator: seeded, reproducible sequences (a failure
/// names its seed and step) without a dependency.
pub struct Rng(pub u64);

impl Rng {
    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }

    /// One of `items`, or `None` when there are none.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> Option<T> {
        (!items.is_empty()).then(|| items[self.below(items.len())])
    }
}
