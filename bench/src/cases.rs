//! The contenders of each benchmark: the same operation in every tool.

use std::sync::Arc;

use crate::harness::{BoxError, Contender, Op, Tool};
use crate::tools::{Stack, diesel_ops, entkit_ops, sea_ops, sqlx_ops};

/// The size at which one-row-at-a-time inserts are measured.
pub const ONE_BY_ONE_ROWS: usize = 1_000;

/// Contenders from one expression per tool. The entkit, sqlx and SeaORM
/// expressions are futures over an owned handle (`client`, `pool`, `db`)
/// and the iteration number `i`; Diesel's runs on its shared connection
/// `conn`, where Diesel runs.
macro_rules! contenders {
    ($stack:expr,
     entkit: |$c:ident, $ci:ident| $entkit:expr,
     sqlx: |$p:ident, $pi:ident| $sqlx:expr,
     sea: |$d:ident, $di:ident| $sea:expr,
     diesel: |$conn:ident, $i:ident| $diesel:expr $(,)?) => {{
        let stack: &Stack = $stack;
        let mut v = vec![
            Contender::new(
                Tool::Entkit,
                Op::future(stack.entkit.clone(), move |$c, $ci| $entkit),
            ),
            Contender::new(
                Tool::Sqlx,
                Op::future(stack.sqlx.clone(), move |$p, $pi| $sqlx),
            ),
            Contender::new(
                Tool::SeaOrm,
                Op::future(stack.sea.clone(), move |$d, $di| $sea),
            ),
        ];
        if let Some(shared) = stack.diesel.clone() {
            v.push(Contender::new(
                Tool::Diesel,
                Op::blocking(move |$i| diesel_ops::with_conn(&shared, |$conn| $diesel)),
            ));
        }
        v
    }};
}

/// The key for iteration `i`: walks the keys with a stride, so consecutive
/// lookups touch different rows.
fn pick(ids: &[i64], i: u64) -> i64 {
    ids[(i.wrapping_mul(7919) % ids.len() as u64) as usize]
}

pub fn select_by_pk(stack: &Stack, ids: Arc<[i64]>) -> Vec<Contender> {
    let sql = sqlx_ops::select_by_pk_sql(stack.db);
    let (a, b, c, d) = (ids.clone(), ids.clone(), ids.clone(), ids);
    contenders!(stack,
        entkit: |client, i| entkit_ops::select_by_pk(client, pick(&a, i)),
        sqlx: |pool, i| sqlx_ops::select_by_pk(pool, sql, pick(&b, i)),
        sea: |db, i| sea_ops::select_by_pk(db, pick(&c, i)),
        diesel: |conn, i| diesel_ops::select_by_pk(conn, pick(&d, i)),
    )
}

pub fn trivial_query(stack: &Stack) -> Vec<Contender> {
    contenders!(stack,
        entkit: |client, _i| entkit_ops::all_users(client),
        sqlx: |pool, _i| sqlx_ops::all_users(pool),
        sea: |db, _i| sea_ops::all_users(db),
        diesel: |conn, _i| diesel_ops::all_users(conn),
    )
}

pub fn medium_join(stack: &Stack) -> Vec<Contender> {
    let sql = sqlx_ops::medium_join_sql(stack.db);
    contenders!(stack,
        entkit: |client, _i| entkit_ops::medium_join(client, sql),
        sqlx: |pool, _i| sqlx_ops::medium_join(pool, sql),
        sea: |db, _i| sea_ops::medium_join(db),
        diesel: |conn, _i| diesel_ops::medium_join(conn),
    )
}

/// entkit's `insert_many` against every hand-written sqlx approach: multi-row
/// VALUES, UNNEST on PostgreSQL, and at 1,000 rows one INSERT per row in a
/// transaction.
pub fn insert_batch(stack: &Stack, n: usize) -> Vec<Contender> {
    let db = stack.db;
    let values = sqlx_ops::values_sql(db, n);
    let mut v = contenders!(stack,
        entkit: |client, _i| entkit_ops::insert_users(client, n),
        sqlx: |pool, _i| sqlx_ops::insert_values(pool, values.clone(), n),
        sea: |db, _i| sea_ops::insert_users(db, n),
        diesel: |conn, _i| diesel_ops::insert_users(conn, n),
    );
    v[1].variant = Some("values");
    if db.is_postgres() {
        let unnest = Op::future(stack.sqlx.clone(), move |pool, _| {
            sqlx_ops::insert_unnest(pool, n)
        });
        v.insert(2, Contender::variant(Tool::Sqlx, "unnest", unnest));
    }
    if n == ONE_BY_ONE_ROWS {
        let one_by_one = Op::future(stack.sqlx.clone(), move |pool, _| {
            sqlx_ops::insert_one_by_one(pool, db, n)
        });
        v.push(Contender::variant(Tool::Sqlx, "one_by_one", one_by_one));
    }
    v
}

pub fn load_associations(stack: &Stack) -> Vec<Contender> {
    let db = stack.db;
    contenders!(stack,
        entkit: |client, _i| entkit_ops::load_associations(client),
        sqlx: |pool, _i| sqlx_ops::load_associations(pool, db),
        sea: |conn, _i| sea_ops::load_associations(conn),
        diesel: |conn, _i| diesel_ops::load_associations(conn),
    )
}

pub fn load_m2m(stack: &Stack) -> Vec<Contender> {
    let db = stack.db;
    contenders!(stack,
        entkit: |client, _i| entkit_ops::load_m2m(client),
        sqlx: |pool, _i| sqlx_ops::load_m2m(pool, db),
        sea: |conn, _i| sea_ops::load_m2m(conn),
        diesel: |conn, _i| diesel_ops::load_m2m(conn),
    )
}

/// `select_by_pk` operations that may run from many tasks at once; Diesel
/// through an r2d2 pool of the same size as the others' pools.
pub fn pooled_select_by_pk(stack: &Stack, ids: Arc<[i64]>) -> Result<Vec<Contender>, BoxError> {
    let mut v = select_by_pk(stack, ids.clone());
    v.retain(|c| c.tool != Tool::Diesel);
    if let Some(pool) = stack.diesel_pool()? {
        v.push(Contender::new(
            Tool::Diesel,
            Op::blocking(move |i| diesel_ops::select_by_pk_pooled(&pool, pick(&ids, i))),
        ));
    }
    Ok(v)
}
