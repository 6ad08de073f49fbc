//! The `backends` test binary: every module runs its cases on each backend
//! selected by `ENTKIT_TEST_BACKENDS` (see `entkit_tests` for the harness).

mod entities;
mod seed;

mod aggregates;
mod cancellation;
mod cli;
mod client;
mod concurrency;
mod config;
mod constraints;
mod defaults;
mod diff;
mod edges;
mod enums;
mod faults;
mod harness_pgbouncer;
mod harness_replica;
mod health;
mod hooks;
mod json_paths;
mod migrate;
mod migrations;
mod mixins;
mod pagination;
mod provision;
mod queries;
mod replicas;
mod repository;
mod roundtrip;
mod row_security;
mod scopes;
mod seeding;
mod sensitive;
mod soft_delete;
mod tenancy;
mod timeouts;
mod tls;
mod transactions;
mod types;
mod urls;
mod uuid_key;
mod validation;
mod values;
mod writes;
