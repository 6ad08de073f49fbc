//! One "now" per write: while a mutation fills its defaults, every
//! [`now`](crate::now) call returns the same instant.
//!
//! Defaults are plain `fn() -> Value` pointers (the derive emits one per
//! field), called once per row. Rather than giving them a parameter, the
//! runtime opens a statement scope around the synchronous code that calls
//! them; `now()` reads the clock once inside it and then repeats that
//! instant. The scope is a thread-local `Cell`, set and cleared without
//! allocating, and never held across an `.await` (defaults are filled
//! before the statement is sent), so concurrent tasks never share it.

use std::cell::Cell;

use chrono::{DateTime, Utc};

/// The state of the current thread's statement scope.
#[derive(Clone, Copy)]
enum Scope {
    /// No write is filling defaults: `now()` reads the clock.
    Outside,
    /// A write is filling defaults; the instant once `now()` was called.
    Inside(Option<DateTime<Utc>>),
}

thread_local! {
    static SCOPE: Cell<Scope> = const { Cell::new(Scope::Outside) };
}

/// The statement's instant, when called inside [`one_instant`]; reads the
/// clock on the first call of the scope.
pub(crate) fn statement_now() -> Option<DateTime<Utc>> {
    SCOPE.with(|scope| match scope.get() {
        Scope::Outside => None,
        Scope::Inside(Some(t)) => Some(t),
        Scope::Inside(None) => {
            let t = truncate_to_micros(Utc::now());
            scope.set(Scope::Inside(Some(t)));
            Some(t)
        }
    })
}

/// Truncates to whole microseconds (toward the past), the precision every
/// backend stores.
pub(crate) fn truncate_to_micros(t: DateTime<Utc>) -> DateTime<Utc> {
    use chrono::SubsecRound as _;
    t.trunc_subsecs(6)
}

/// Runs `fill` (which computes the defaults of one statement) so that
/// every `now()` inside it returns the same instant. Nested calls share
/// the outer instant.
pub(crate) fn one_instant<R>(fill: impl FnOnce() -> R) -> R {
    // The scope is opened and closed by non-generic code: this function is
    // instantiated for every entity's writes, and stays a call and a drop.
    let _scope = InstantScope::open();
    fill()
}

/// An open statement scope; closing it (on drop, also when `fill` panics)
/// restores the scope that was there before.
struct InstantScope(Scope);

impl InstantScope {
    fn open() -> Self {
        let previous = SCOPE.with(|scope| scope.get());
        if let Scope::Outside = previous {
            SCOPE.with(|scope| scope.set(Scope::Inside(None)));
        }
        InstantScope(previous)
    }
}

impl Drop for InstantScope {
    fn drop(&mut self) {
        SCOPE.with(|scope| scope.set(self.0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_instant_inside_a_scope_and_fresh_readings_outside() {
        let (a, b) = one_instant(|| {
            let a = crate::now();
            std::thread::sleep(std::time::Duration::from_millis(2));
            (a, crate::now())
        });
        assert_eq!(a, b);
        std::thread::sleep(std::time::Duration::from_millis(2));
        assert!(crate::now() > a, "outside the scope the clock moves on");
        let c = one_instant(crate::now);
        assert!(c > a, "each scope reads the clock anew");
    }

    #[test]
    fn now_has_microsecond_precision() {
        assert_eq!(crate::now().timestamp_subsec_nanos() % 1_000, 0);
    }
}
