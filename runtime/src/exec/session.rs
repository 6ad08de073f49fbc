//! Taking a connection for a client: from its pool, with the session on it
//! brought in line with the client first.
//!
//! PostgreSQL row-level security policies on tenant tables compare the
//! tenant column with a session setting (see `crate::migrate` for the
//! policy). Each pooled connection remembers the value its session holds;
//! before a connection runs anything for a client, [`acquire`] compares it
//! with the client's own (its tenant, none, or all tenants) and, only when
//! they differ, sets both settings in one statement, the tenant as a bound
//! value. So no statement (generated or hand-written) runs under another
//! client's tenant, and a connection that keeps serving one tenant costs
//! nothing extra. A transaction takes its connection here too, so the
//! setting is made before `BEGIN`, outside the transaction: a session
//! setting changed inside one would be undone by its rollback.
//!
//! Why a session setting rather than one local to a transaction: outside a
//! transaction, a transaction-local setting needs `BEGIN`, the setting and
//! `COMMIT` around every statement, three round trips more for a lookup by
//! key that otherwise takes one (the benchmark suite's tenancy rows show
//! what the session setting costs).
//!
//! Hand-written SQL can still change the settings itself; entkit refuses
//! raw statements that name them or reset every setting ([`hand_written`]), and a statement that
//! fails while setting them leaves the value unknown, so the next user of
//! the connection sets it again.

use std::future::Future;
use std::sync::{Arc, LazyLock};

use regex::Regex;

use super::admit::{Via, run_on, run_text_on};
use super::state::ClientState;
use crate::backend::{
    ALL_TENANTS_SETTING, Conn, Done, Held, Pool, RowSink, TENANT_SETTING, TenantSetting,
};
use crate::error::{Error, Result};
use crate::sql::Statement;
use crate::value::Value;

/// A connection from `state`'s pool, its session holding `state`'s tenant
/// setting.
pub(crate) fn acquire(state: &ClientState, via: Via) -> impl Future<Output = Result<Conn>> + Send {
    acquire_from(state, &state.shared.pool, via)
}

/// A connection from `pool` (the primary's or a replica's), its session
/// holding `state`'s tenant setting: a replica's policies read it too.
pub(crate) async fn acquire_from(state: &ClientState, pool: &Pool, via: Via) -> Result<Conn> {
    let mut conn = pool.acquire().await?;
    if needs_alignment(state, &mut conn) {
        // Boxed: a statement of its own, needed only when the connection
        // changes tenant; every acquire's future would carry it otherwise.
        Box::pin(align(state, &mut conn, via)).await?;
    }
    Ok(conn)
}

/// Whether `conn`'s session holds another tenant setting than `state`'s.
fn needs_alignment(state: &ClientState, conn: &mut Conn) -> bool {
    conn.session()
        .is_some_and(|session| session.tenant.as_ref() != Some(&state.tenant_setting))
}

/// Sets the tenant settings of `conn`'s session to `state`'s unless they
/// hold that value already. Sessions of backends without row-level security
/// have nothing to align.
pub(crate) async fn align(state: &ClientState, conn: &mut Conn, via: Via) -> Result<()> {
    let Some(session) = conn.session() else {
        return Ok(());
    };
    let wanted = &state.tenant_setting;
    if session.tenant.as_ref() == Some(wanted) {
        return Ok(());
    }
    // Unknown until the server confirmed: a failure or a cancellation in
    // between leaves it for the next user to set again.
    session.tenant = None;
    run_on(
        state,
        via,
        conn,
        set_statement(wanted, false),
        RowSink::none(),
    )
    .await?;
    if let Some(session) = conn.session() {
        session.tenant = Some(wanted.clone());
    }
    Ok(())
}

/// `set_config` of both settings, values bound: session-wide, or `local`
/// to the transaction.
fn set_statement(setting: &TenantSetting, local: bool) -> Statement {
    let (tenant, all) = match setting {
        TenantSetting::None => ("", "off"),
        TenantSetting::Tenant(key) => (&**key, "off"),
        TenantSetting::All => ("", "on"),
    };
    fn sql(local: bool) -> Arc<str> {
        format!(
            "SELECT set_config('{TENANT_SETTING}', $1, {local}), \
             set_config('{ALL_TENANTS_SETTING}', $2, {local})"
        )
        .into()
    }
    static SESSION: LazyLock<Arc<str>> = LazyLock::new(|| sql(false));
    static LOCAL: LazyLock<Arc<str>> = LazyLock::new(|| sql(true));
    Statement {
        sql: if local {
            LOCAL.clone()
        } else {
            SESSION.clone()
        },
        binds: vec![Value::Text(tenant.to_owned()), Value::Text(all.to_owned())],
        entity: None,
        read: false,
    }
}

/// Whether a statement of `state` outside a transaction needs a
/// transaction of its own: on PostgreSQL behind a transaction pooler, where
/// the server session may change after every `Sync`, and the driver's
/// unprepared statement takes two (parse and describe, then bind and
/// execute); a transaction keeps one session for both. It is also where a
/// tenant is set, locally: nothing set on a shared session stays.
pub(crate) fn needs_own_transaction(state: &ClientState) -> bool {
    state.backend() == crate::Backend::Postgres && state.shared.pool.settings.transaction_pooler
}

/// Opens a transaction behind a transaction pooler on `conn` (whose
/// `BEGIN` has been sent) with the client's tenant set in it, locally;
/// without a tenant nothing is set, and a session that never had the
/// setting matches no tenant row, as it should.
pub(crate) async fn set_local_tenant(state: &ClientState, conn: &mut Conn, via: Via) -> Result<()> {
    if !needs_own_transaction(state) || state.tenant_setting == TenantSetting::None {
        return Ok(());
    }
    run_on(
        state,
        via,
        conn,
        set_statement(&state.tenant_setting, true),
        RowSink::none(),
    )
    .await
    .map(drop)
}

/// Begins the transaction of its own a statement or stream needs behind a
/// transaction pooler (see [`needs_own_transaction`]).
pub(crate) async fn begin_own(state: &ClientState, conn: &mut Conn) -> Result<()> {
    conn.hold(Held::Transaction);
    run_text_on(state, Via::Pool, conn, "BEGIN").await?;
    set_local_tenant(state, conn, Via::Pool).await
}

/// Runs `stmt` in a transaction of its own (see [`needs_own_transaction`]):
/// `BEGIN`, the tenant set locally if the client has one, the statement,
/// `COMMIT`.
pub(crate) async fn run_in_own_transaction(
    state: &ClientState,
    conn: &mut Conn,
    stmt: Statement,
    sink: RowSink<'_>,
) -> Result<Done> {
    begin_own(state, conn).await?;
    // Admitted and observed already, by the caller.
    let done = conn.run(stmt, sink).await;
    if done.is_ok() {
        run_text_on(state, Via::Pool, conn, "COMMIT").await?;
        conn.release(Held::Transaction);
    } else if run_text_on(state, Via::Pool, conn, "ROLLBACK")
        .await
        .is_ok()
    {
        conn.release(Held::Transaction);
    }
    // A failed ROLLBACK (the connection is gone) leaves the transaction
    // held, so the connection is closed; the statement's own error is the
    // one to report, not the rollback's.
    done
}

/// A statement written by hand, refused when it would change the tenant
/// settings row-level security reads (`entkit.tenant`,
/// `entkit.all_tenants`) or reset every setting (`RESET ALL`,
/// `DISCARD ALL`): entkit knows the value each pooled connection holds and
/// sets it before each statement only when it differs, so a change it did
/// not make could let the connection's next user run under the wrong
/// tenant, or see nothing.
pub(crate) fn hand_written(sql: Arc<str>, binds: Vec<Value>) -> Result<Statement> {
    static RESETS_ALL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\b(reset|discard)\s+all\b").expect("a valid pattern"));
    let lower = sql.to_ascii_lowercase();
    let reason = if lower.contains(TENANT_SETTING) || lower.contains(ALL_TENANTS_SETTING) {
        Some("name the tenant settings")
    } else if RESETS_ALL.is_match(&sql) {
        Some("reset every session setting")
    } else {
        None
    };
    if let Some(reason) = reason {
        return Err(Error::TenantSettingReserved { reason });
    }
    Ok(Statement {
        sql,
        binds,
        entity: None,
        read: false,
    })
}
