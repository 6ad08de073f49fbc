//! Runnable examples of entkit live next to this crate: see `quickstart.rs`.
