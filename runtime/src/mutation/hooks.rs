//! The one runner of mutation hooks: each change's `before` hooks, the
//! change, its `after` hooks, in one transaction.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::error::Result;
use crate::exec::{ClientState, Executor, Target, Transaction};
use crate::hooks::{Hook, HookContext, Mutation, registered};
use crate::schema::EntityDef;
use crate::value::Value;

/// The hooks that apply to `def`, in registration order.
pub(crate) fn applicable(state: &ClientState, def: &'static EntityDef) -> Vec<Arc<dyn Hook>> {
    registered(state)
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
    mutations: Vec<Mutation>,
    change: F,
) -> Result<T>
where
    T: Send + 'static,
    F: for<'x> FnOnce(
            Target<'x>,
        )
            -> Pin<Box<dyn Future<Output = Result<(T, Vec<Value>)>> + Send + 'x>>
        + Send,
{
    around_rows(target, hooks, mutations, move |target| {
        let change = change(target);
        Box::pin(async move {
            let (value, keys) = change.await?;
            Ok((value, Written::All(keys)))
        })
    })
    .await
}

/// What a change of several rows wrote, row by row, for the `after` hooks.
pub(crate) enum Written {
    /// Every row; the stored keys in row order, or none when the statement
    /// did not return them.
    All(Vec<Value>),
    /// The stored key of each row, in row order; `None` for a row the change
    /// left alone (an upsert's conflict resolved by doing nothing), whose
    /// `after` hooks do not run, since nothing happened for them to see.
    Each(Vec<Option<Value>>),
}

/// [`around_many`] for a change that may leave some of its rows alone (an
/// upsert): the change says which rows it wrote.
pub(crate) async fn around_rows<T, F>(
    target: Target<'_>,
    hooks: Vec<Arc<dyn Hook>>,
    mut mutations: Vec<Mutation>,
    change: F,
) -> Result<T>
where
    T: Send,
    F: for<'x> FnOnce(
            Target<'x>,
        ) -> Pin<Box<dyn Future<Output = Result<(T, Written)>> + Send + 'x>>
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
            -> Pin<Box<dyn Future<Output = Result<(T, Written)>> + Send + 'x>>,
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
        let (value, written) = change(target.reborrow()).await?;
        let wrote: Vec<bool> = match written {
            Written::All(keys) => {
                if keys.len() == mutations.len() {
                    for (mutation, key) in mutations.iter_mut().zip(keys) {
                        mutation.key.get_or_insert(key);
                    }
                }
                vec![true; mutations.len()]
            }
            Written::Each(keys) => mutations
                .iter_mut()
                .zip(keys)
                .map(|(mutation, key)| match key {
                    Some(key) => {
                        mutation.key.get_or_insert(key);
                        true
                    }
                    None => false,
                })
                .collect(),
        };
        for (mutation, _) in mutations.iter_mut().zip(wrote).filter(|(_, w)| *w) {
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
    match target.pool() {
        Some(state) => {
            let mut tx = Transaction::begin(state.clone(), &[], None).await?;
            let value = run((&mut tx).into_target(), &hooks, &mut mutations, change).await?;
            tx.commit().await?;
            Ok(value)
        }
        None => run(target, &hooks, &mut mutations, change).await,
    }
}

/// Runs `f` in the caller's transaction, or in one of its own (committed
/// when `f` succeeds) when given a client.
pub(crate) async fn in_transaction<R, F>(target: Target<'_>, f: F) -> Result<R>
where
    F: for<'x> FnOnce(Target<'x>) -> Pin<Box<dyn Future<Output = Result<R>> + Send + 'x>>,
{
    match target.pool() {
        Some(state) => {
            let mut tx = Transaction::begin(state.clone(), &[], None).await?;
            let value = f((&mut tx).into_target()).await?;
            tx.commit().await?;
            Ok(value)
        }
        None => f(target).await,
    }
}
