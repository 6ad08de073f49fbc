//! The benchmark schema, as each tool spells it.
//!
//! The tables follow Diesel's benchmark suite — `users(id, name, hair_color)`,
//! `posts(id, user_id, title, body)`, `comments(id, post_id, text)` — plus
//! `tags(id, name)` and the join table `post_tags(post_id, tag_id)` for the
//! many-to-many benchmark. entkit's auto-migration creates them on every
//! backend; the other tools read and write the same tables.
//!
//! The tenancy section has its own two tables (`tenancy_model`), in a
//! schema of their own on PostgreSQL.

pub mod diesel_schema;
pub mod entkit_model;
pub mod sea_model;
pub mod sqlx_model;
pub mod tenancy_model;
