//! What the end-to-end test needs around the scenario: the services as
//! processes, and a database for them on each backend.

pub mod database;
pub mod process;
