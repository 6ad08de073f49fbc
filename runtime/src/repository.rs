//! A generic repository: the common reads and writes of any entity, for
//! services that prefer one object per entity to the generated functions.
//!
//! It is a thin layer over what every entity already has (`find_by_key`,
//! [`Query`], the create and update builders, `delete_by_key`): no code is
//! generated per entity for it, and it adds nothing to the statements.

use std::collections::BTreeMap;
use std::future::Future;
use std::marker::PhantomData;

use crate::client::Client;
use crate::column::Column;
use crate::entity::Entity;
use crate::error::Result;
use crate::mutation::{Create, UpdateOne};
use crate::query::{Query, find_by_key, get_by_key};

/// The reads and writes every entity has, bound to one [`Client`].
///
/// Every statement runs on the repository's client, with the client's
/// scope, hooks and pool: a repository over `client.scope("acme")?` works
/// in that scope only, and one over a tenant-bound client
/// (`client.for_tenant(..)`) sees and writes that tenant's rows only, with
/// no code of its own. Make one per entity and request from a shared
/// client: it is as cheap to clone as the client.
///
/// ```
/// use entkit::{Client, Entity, Repository};
///
/// #[derive(Entity)]
/// pub struct Note {
///     pub id: i64,
///     pub title: String,
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> entkit::Result<()> {
/// let client = Client::connect("sqlite::memory:").await?;
/// client.auto_migrate(&[Note::def()]).await?;
/// let notes = Repository::<Note>::new(client.clone());
///
/// let a = notes.save(Note::create().title("a")).await?;
/// let b = notes.save(Note::create().title("b")).await?;
/// let b = notes.save(b.update().set_title("b2")).await?;
/// assert_eq!(b.title, "b2");
///
/// let found = notes.find_by_ids([b.id, a.id, 404]).await?;
/// assert_eq!(found.iter().map(|n| n.id).collect::<Vec<_>>(), [b.id, a.id]);
/// assert!(notes.exists(a.id).await?);
/// assert_eq!(notes.count().await?, 2);
///
/// notes.delete(a.id).await?;
/// assert_eq!(notes.find_by_id(a.id).await?.map(|n| n.id), None);
/// # Ok(()) }
/// ```
pub struct Repository<E> {
    client: Client,
    _entity: PhantomData<fn() -> E>,
}

impl<E> Clone for Repository<E> {
    fn clone(&self) -> Self {
        Repository {
            client: self.client.clone(),
            _entity: PhantomData,
        }
    }
}

impl<E: Entity> std::fmt::Debug for Repository<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Repository")
            .field("entity", &E::def().name)
            .field("client", &self.client)
            .finish()
    }
}

/// The builders [`Repository::save`] takes: a create builder with every
/// required field set (`Note::create().title("a")`), or an update of one
/// row (`note.update()..`, `Note::update_by_id(key)..`). The derive
/// implements it for each entity's builders.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be saved as a `{E}`",
    label = "expected a complete create builder or an update of one row",
    note = "a create builder names each required field still unset as `Missing<field>` in its type"
)]
pub trait Savable<E: Entity>: Send {
    /// The runtime builder inside.
    #[doc(hidden)]
    fn into_save(self) -> SaveOp<E>;
}

/// What a [`Savable`] builder holds (generated code builds it).
#[doc(hidden)]
pub enum SaveOp<E: Entity> {
    /// An insert.
    Create(Create<E>),
    /// An update of one row by key.
    Update(UpdateOne<E>),
}

impl<E: Entity> Repository<E> {
    /// A repository of `E` whose statements run on `client`.
    pub fn new(client: Client) -> Self {
        Repository {
            client,
            _entity: PhantomData,
        }
    }

    /// The client the repository runs on (for queries it has no method
    /// for: `Note::query().filter(..).all(repo.client())`).
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The row with this key, if any.
    pub async fn find_by_id(&self, key: E::Key) -> Result<Option<E>> {
        find_by_key::<E>(&self.client, key).await
    }

    /// The row with this key, or [`Error::NotFound`](crate::Error::NotFound).
    pub async fn get(&self, key: E::Key) -> Result<E> {
        get_by_key::<E>(&self.client, key).await
    }

    /// The rows with these keys, in the order the keys are given, each
    /// once; keys without a row are left out. One statement (`key = ANY($1)`
    /// on PostgreSQL, `key IN (..)` elsewhere, split only past the
    /// backend's limit of bind parameters).
    pub fn find_by_ids(
        &self,
        keys: impl IntoIterator<Item = E::Key>,
    ) -> impl Future<Output = Result<Vec<E>>> + Send + '_
    where
        E::Key: Ord,
    {
        // Collected before the future, which then holds no iterator.
        let mut wanted: Vec<E::Key> = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for key in keys {
            if seen.insert(key.clone()) {
                wanted.push(key);
            }
        }
        async move {
            let per_statement = self.client.backend().max_binds().max(1);
            let key_column = Column::<E, E::Key>::new(E::def().key().column);
            let mut rows: BTreeMap<E::Key, E> = BTreeMap::new();
            for chunk in wanted.chunks(per_statement) {
                let found = Query::<E>::new()
                    .filter(key_column.is_in(chunk.iter().cloned()))
                    .all(&self.client)
                    .await?;
                rows.extend(found.into_iter().map(|row| (row.key(), row)));
            }
            Ok(wanted
                .into_iter()
                .filter_map(|key| rows.remove(&key))
                .collect())
        }
    }

    /// Whether a row has this key.
    pub async fn exists(&self, key: E::Key) -> Result<bool> {
        let key_column = Column::<E, E::Key>::new(E::def().key().column);
        Query::<E>::new()
            .filter(key_column.eq(key))
            .exists(&self.client)
            .await
    }

    /// How many rows there are.
    pub async fn count(&self) -> Result<u64> {
        Query::<E>::new().count(&self.client).await
    }

    /// Inserts a new row (from a create builder) or updates one (from an
    /// update builder) and returns it as stored, with its key and defaults.
    pub fn save(&self, builder: impl Savable<E>) -> impl Future<Output = Result<E>> + Send + '_ {
        let op = builder.into_save();
        async move {
            match op {
                SaveOp::Create(create) => create.save(&self.client).await,
                SaveOp::Update(update) => update.save(&self.client).await,
            }
        }
    }

    /// Deletes the row with this key (marks it deleted on a `soft_delete`
    /// entity), or [`Error::NotFound`](crate::Error::NotFound).
    pub async fn delete(&self, key: E::Key) -> Result<()> {
        crate::mutation::delete_by_key::<E>(&self.client, key).await
    }
}
