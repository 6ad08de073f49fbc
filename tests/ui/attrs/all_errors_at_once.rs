use entkit::Entity;

// Every problem of the struct is reported in one build.
#[derive(Entity)]
#[entity(tabel = "people")]
struct Person {
    id: i64,
    #[entity(max_len = 5)]
    age: i32,
    #[entity(default = "zero")]
    score: i64,
    #[entity(colum = "x")]
    nick: String,
}

fn main() {}
