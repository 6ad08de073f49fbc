// A migration directory that does not exist is a compile error at the literal.

fn main() {
    let _set = entkit::embed_migrations!("migrations/does_not_exist/postgres");
}
