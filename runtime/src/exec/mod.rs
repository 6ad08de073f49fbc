//! The statement path: where every statement entkit sends is admitted and
//! run, whatever built it and wherever it runs.
//!
//! ```text
//! typed API (generated) → query / mutation / edge / migrate
//!         → statement path: admit, then run on the target   (this module)
//!         → backend layer: pool, pinned connection, driver  (crate::backend)
//!         → sqlx
//! ```
//!
//! A statement runs on a [`Target`]: a client's pool (a connection is taken
//! for the statement and pinned to it), a transaction's connection, or a
//! migration step's connection ([`run_on`]). Whatever the target, it passes
//! [`admit`](admit::admit) first, with its client's state (backend, scope)
//! and where it goes ([`Via`]: a pool, a transaction, a migration step):
//! the one place that refuses what the backend cannot take (too many
//! parameters, values it would store differently), counts statements and
//! traces them (an `entkit::sql` event with the text, bind count, scope and
//! target). Then it runs inside `observe`: a span with its rows and
//! duration, a warning when slow, a count by outcome.
//!
//! Transaction control and session commands (trusted text, no binds) skip
//! the checks but are counted, traced and observed the same way
//! ([`run_text_on`]). Row streams from the pool ([`Target::stream`]) are
//! admitted like every statement and observed from the statement to the
//! stream's end (`observe::StreamObserver`); a stream inside a transaction
//! is admitted, counted and traced, not timed.
//!
//! What concerns every statement attaches here, once: the tenant setting of
//! the connection (`session`), statement and transaction timeouts
//! (`deadline`), a read sent again after a dropped connection (`target`),
//! and a generated read from the pool that may run on a read replica
//! (`replicas`).

mod admit;
mod cache;
mod counters;
mod deadline;
mod observe;
mod replicas;
mod session;
mod state;
mod target;
mod transaction;
mod via;

pub(crate) use admit::{Via, run_on, run_text_on};
pub(crate) use cache::StatementKind;
pub use counters::StatementCounters;
pub(crate) use replicas::{CHECK_INTERVAL as REPLICA_CHECK_INTERVAL, Replicas};
pub use replicas::{ReplicaState, ReplicaStatus};
pub(crate) use session::{acquire, hand_written};
pub(crate) use state::{ClientState, HookList, Shared};
pub use target::Executor;
pub(crate) use target::{Place, Target};
pub use transaction::{Isolation, Transaction, TxFuture};
