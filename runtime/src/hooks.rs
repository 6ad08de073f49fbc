//! Mutation hooks: async code that runs before and after creates, updates
//! and deletes, in the same transaction as the change.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::client::{Executor, Target};
use crate::entity::Entity;
use crate::error::Result;
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
    target: &'c mut Target<'t>,
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

/// The hooks that apply to `def`, in registration order.
pub(crate) fn applicable(hooks: &[Registered], def: &'static EntityDef) -> Vec<Arc<dyn Hook>> {
    hooks
        .iter()
        .filter(|r| r.entity.is_none_or(|e| std::ptr::eq(e, def)))
        .map(|r| r.hook.clone())
        .collect()
}

/// Runs `change` between the hooks of one mutation, inside one transaction
/// (see [`around_many`]); `change` may report the new row's key.
pub(crate) async fn around<T, F>(
    target: Target<'_>,
    hooks: Vec<Arc<dyn Hook>>,
    mutation: Mutation,
    change: F,
) -> Result<T>
where
    T: Send + 'static,
    F: for<'x> FnOnce(
            Target<'x>,
        )
            -> Pin<Box<dyn Future<Output = Result<(T, Option<Value>)>> + Send + 'x>>
        + Send
        + 'static,
{
    around_many(target, hooks, vec![mutation], move |target| {
        Box::pin(async move {
            let (value, key) = change(target).await?;
            Ok((value, key.into_iter().collect()))
        })
    })
    .await
}

/// Runs `change` between the hooks: each row's `before` hooks, the change,
/// then each row's `after` hooks (with its key when the change returns keys
/// in row order), all in one transaction: the caller's, or one begun here
/// when the caller passed a client.
pub(crate) async fn around_many<T, F>(
    target: Target<'_>,
    hooks: Vec<Arc<dyn Hook>>,
    mut mutations: Vec<Mutation>,
    change: F,
) -> Result<T>
where
    T: Send,
    F: for<'x> FnOnce(
            Target<'x>,
        )
            -> Pin<Box<dyn Future<Output = Result<(T, Vec<Value>)>> + Send + 'x>>
        + Send,
{
    async fn run<T, F>(
        mut target: Target<'_>,
        hooks: &[Arc<dyn Hook>],
        mutations: &mut [Mutation],
        change: F,
    ) -> Result<T>
    where
        F: for<'x> FnOnce(
            Target<'x>,
        )
            -> Pin<Box<dyn Future<Output = Result<(T, Vec<Value>)>> + Send + 'x>>,
    {
        for mutation in mutations.iter_mut() {
            for hook in hooks {
                hook.before(&mut HookContext {
                    mutation,
                    target: &mut target,
                })
                .await?;
            }
        }
        let (value, keys) = change(target.reborrow()).await?;
        if keys.len() == mutations.len() {
            for (mutation, key) in mutations.iter_mut().zip(keys) {
                mutation.key.get_or_insert(key);
            }
        }
        for mutation in mutations.iter_mut() {
            for hook in hooks {
                hook.after(&mut HookContext {
                    mutation,
                    target: &mut target,
                })
                .await?;
            }
        }
        Ok(value)
    }
    match target.client() {
        Some(client) => {
            let mut tx = client.begin().await?;
            let value = run((&mut tx).into_target(), &hooks, &mut mutations, change).await?;
            tx.commit().await?;
            Ok(value)
        }
        None => run(target, &hooks, &mut mutations, change).await,
    }
}

/// Registers hooks on clients.
impl crate::Client {
    /// A client (same pool, same scope) that also runs `hook` on every
    /// entity's mutations.
    pub fn with_hook(&self, hook: impl Hook) -> crate::Client {
        self.add_hook(Registered {
            hook: Arc::new(hook),
            entity: None,
        })
    }

    /// A client that also runs `hook` on `E`'s mutations.
    pub fn with_entity_hook<E: Entity>(&self, hook: impl Hook) -> crate::Client {
        self.add_hook(Registered {
            hook: Arc::new(hook),
            entity: Some(E::def()),
        })
    }
}
