//! What every statement of a client runs with: the shared pool, replicas
//! and counters, and the client's own scope, tenant, statement cache, hooks
//! and read routing.

use std::any::Any;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

use super::cache::StatementCache;
use super::counters::Outcomes;
use super::replicas::Replicas;
use crate::backend::{Pool, TenantSetting};
use crate::dialect::Backend;
use crate::tenant::Tenancy;

/// State shared by every scope and clone of one client: the pool, the
/// read replicas and counters.
pub(crate) struct Shared {
    /// The primary's pool.
    pub pool: Pool,
    /// Read replicas (PostgreSQL), when the client was given any.
    pub replicas: Option<Arc<Replicas>>,
    pub backend: Backend,
    pub statements: AtomicU64,
    /// Statements by outcome.
    pub outcomes: Outcomes,
    /// Statements that run longer than this log a warning (`None`: never).
    pub slow_statement_threshold: Option<Duration>,
    /// The namespace unqualified names land in: PostgreSQL `public`, the
    /// MySQL database the URL names (if any), SQLite `main`.
    pub default_namespace: Option<String>,
}

impl Shared {
    pub(crate) fn new(
        pool: Pool,
        default_namespace: Option<String>,
        slow_statement_threshold: Option<Duration>,
    ) -> Shared {
        Shared {
            slow_statement_threshold,
            backend: pool.backend(),
            pool,
            replicas: None,
            statements: AtomicU64::new(0),
            outcomes: Outcomes::default(),
            default_namespace,
        }
    }
}

/// One scope's view of the shared pool, with its own statement cache.
pub(crate) struct ClientState {
    pub shared: Arc<Shared>,
    pub scope: Option<Arc<str>>,
    /// Shared by the tenant views of one scope: cached text carries the
    /// tenant as a bind, so one text serves every tenant.
    pub cache: Arc<StatementCache>,
    /// Mutation hooks, in registration order.
    pub hooks: HookList,
    /// Whose rows of tenant entities this client works on.
    pub tenancy: Tenancy,
    /// `tenancy` as the session setting row-level security reads, which
    /// each connection is brought in line with before a statement runs.
    pub tenant_setting: TenantSetting,
    /// Generated reads go to the primary even when the client has replicas
    /// (a view made by `Client::primary`, to read its own writes).
    pub primary_reads: bool,
}

impl ClientState {
    /// A view of `shared` in `scope` with `hooks`, and a statement cache of
    /// its own (cached text is rendered per scope).
    pub(crate) fn new(shared: Arc<Shared>, scope: Option<Arc<str>>, hooks: HookList) -> Self {
        ClientState {
            shared,
            scope,
            cache: Arc::default(),
            hooks,
            tenancy: Tenancy::Unset,
            tenant_setting: TenantSetting::None,
            primary_reads: false,
        }
    }

    /// The same view (pool, scope, hooks, statement cache, read routing)
    /// bound to `tenancy`.
    pub(crate) fn with_tenancy(&self, tenancy: Tenancy) -> Self {
        ClientState {
            shared: self.shared.clone(),
            scope: self.scope.clone(),
            cache: self.cache.clone(),
            hooks: self.hooks.clone(),
            tenant_setting: crate::tenant::setting(&tenancy),
            tenancy,
            primary_reads: self.primary_reads,
        }
    }

    /// The same view with its generated reads going to the primary or not.
    pub(crate) fn with_primary_reads(&self, primary_reads: bool) -> Self {
        ClientState {
            primary_reads,
            ..self.with_tenancy(self.tenancy.clone())
        }
    }

    pub(crate) fn scope(&self) -> Option<&str> {
        self.scope.as_deref()
    }

    pub(crate) fn backend(&self) -> Backend {
        self.shared.backend
    }

    /// Whether `INSERT ... RETURNING` works here (all but MySQL proper).
    pub(crate) fn insert_returning(&self) -> bool {
        self.backend().supports_returning() || self.shared.pool.server.insert_returning
    }
}

/// A client's mutation hooks, held without naming their type: a hook runs
/// statements, so its trait names the statement path, and the path names
/// the hooks only as data it carries. `crate::hooks` puts them in and
/// `crate::mutation` takes them out (the same pattern as `http::Extensions`).
#[derive(Clone, Default)]
pub(crate) struct HookList(Option<Arc<dyn Any + Send + Sync>>);

impl HookList {
    /// Holds `hooks`.
    pub(crate) fn new<H: Any + Send + Sync>(hooks: H) -> Self {
        HookList(Some(Arc::new(hooks)))
    }

    /// The hooks, when they are an `H`; `None` when the client has none.
    pub(crate) fn get<H: Any + Send + Sync>(&self) -> Option<&H> {
        self.0.as_deref()?.downcast_ref()
    }
}
