//! Mutation hooks: async code that runs before and after creates, updates,
//! deletes and edge membership changes, in the same transaction as the
//! change. This module holds what a hook is and sees, and the hooks a
//! client carries; `crate::mutation::hooks` runs them.

use std::pin::Pin;
use std::sync::Arc;

use crate::client::Client;
use crate::entity::Entity;
use crate::error::Result;
use crate::exec::{ClientState, Executor, HookList, Target};
use crate::schema::EntityDef;
use crate::value::Value;

/// What a mutation does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Operation {
    /// An insert (one row).
    Create,
    /// An update (by key, or of every row a filter matches: then `key` is `None`).
    Update,
    /// A delete (by key, or by filter: then `key` is `None`).
    Delete,
    /// A neighbour added over an edge (`add_<edge>`, `set_<edge>`): `key`
    /// is the row's key, and `fields` holds one entry named after the edge
    /// with the neighbour's key (`mutation.field("roles")`).
    Link,
    /// A neighbour removed over an edge (`remove_<edge>`, `clear_<edge>`,
    /// `set_<edge>`), described like [`Operation::Link`].
    Unlink,
}

/// The mutation a hook sees. Its `Debug` output redacts sensitive fields.
#[derive(Clone)]
pub struct Mutation {
    /// The entity being changed.
    pub entity: &'static EntityDef,
    /// Create, update, delete, or an edge's link or unlink.
    pub operation: Operation,
    /// The fields written, by field name (all insert fields on create, the
    /// assigned ones on update, none on delete).
    pub fields: Vec<(&'static str, Value)>,
    /// The row's key, when the mutation targets one row (on create, known
    /// in `after` hooks).
    pub key: Option<Value>,
}

impl std::fmt::Debug for Mutation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sensitive = |name: &str| {
            self.entity
                .fields
                .iter()
                .any(|d| d.name == name && d.sensitive)
        };
        let fields: Vec<(&str, String)> = self
            .fields
            .iter()
            .map(|(name, value)| {
                let shown = if sensitive(name) {
                    "[REDACTED]".to_owned()
                } else {
                    format!("{value:?}")
                };
                (*name, shown)
            })
            .collect();
        f.debug_struct("Mutation")
            .field("entity", &self.entity.name)
            .field("operation", &self.operation)
            .field("fields", &fields)
            .field("key", &self.key)
            .finish()
    }
}

impl Mutation {
    /// The value written to field `name`, if any.
    pub fn field(&self, name: &str) -> Option<&Value> {
        self.fields.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

/// A future returned by a hook.
pub type HookFuture<'a> = Pin<Box<dyn Future<Output = Result<()>> + Send + 'a>>;

/// What a hook gets: the mutation, and an executor inside the mutation's
/// transaction (so what a hook writes commits or rolls back with the change).
pub struct HookContext<'c, 't> {
    /// The mutation.
    pub mutation: &'c Mutation,
    pub(crate) target: &'c mut Target<'t>,
}

impl std::fmt::Debug for HookContext<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HookContext")
            .field("mutation", self.mutation)
            .finish()
    }
}

impl<'t> HookContext<'_, 't> {
    /// An executor in the mutation's transaction.
    pub fn executor(&mut self) -> impl Executor<'_> {
        self.target.reborrow()
    }
}

/// A mutation hook. Both methods default to doing nothing; a `before` that
/// returns `Err` rejects the mutation, and nothing is written.
///
/// ```
/// use entkit::{Hook, HookContext, HookFuture, Operation};
///
/// /// Refuses to delete anything.
/// struct NoDeletes;
///
/// impl Hook for NoDeletes {
///     fn before<'a>(&'a self, ctx: &'a mut HookContext<'_, '_>) -> HookFuture<'a> {
///         Box::pin(async move {
///             if ctx.mutation.operation == Operation::Delete {
///                 return Err(entkit::Error::Rejected { reason: "deletes are disabled".into() });
///             }
///             Ok(())
///         })
///     }
/// }
/// ```
pub trait Hook: Send + Sync + 'static {
    /// Runs before the change; `Err` rejects it.
    fn before<'a>(&'a self, ctx: &'a mut HookContext<'_, '_>) -> HookFuture<'a> {
        let _ = ctx;
        Box::pin(async { Ok(()) })
    }

    /// Runs after the change, in the same transaction; `Err` rolls it back.
    fn after<'a>(&'a self, ctx: &'a mut HookContext<'_, '_>) -> HookFuture<'a> {
        let _ = ctx;
        Box::pin(async { Ok(()) })
    }
}

/// A hook registered on a client, for every entity or for one.
#[derive(Clone)]
pub(crate) struct Registered {
    pub hook: Arc<dyn Hook>,
    /// `None`: every entity.
    pub entity: Option<&'static EntityDef>,
}

/// The hooks registered on the client of `state`, in registration order.
pub(crate) fn registered(state: &ClientState) -> &[Registered] {
    state
        .hooks
        .get::<Vec<Registered>>()
        .map_or(&[], Vec::as_slice)
}

/// Registers hooks on clients.
impl Client {
    /// A client (same pool, same scope) that also runs `hook` on every
    /// entity's mutations.
    pub fn with_hook(&self, hook: impl Hook) -> Client {
        self.add_hook(Registered {
            hook: Arc::new(hook),
            entity: None,
        })
    }

    /// A client that also runs `hook` on `E`'s mutations.
    pub fn with_entity_hook<E: Entity>(&self, hook: impl Hook) -> Client {
        self.add_hook(Registered {
            hook: Arc::new(hook),
            entity: Some(E::def()),
        })
    }

    fn add_hook(&self, hook: Registered) -> Client {
        let mut hooks = registered(&self.state).to_vec();
        hooks.push(hook);
        self.with_hooks(HookList::new(hooks))
    }
}
