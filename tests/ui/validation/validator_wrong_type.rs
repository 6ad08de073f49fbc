use entkit::Entity;

fn short(value: &str) -> Result<(), String> {
    if value.len() < 10 { Ok(()) } else { Err("too long".into()) }
}

#[derive(Entity)]
struct Rule {
    id: i64,
    #[entity(validate = short)]
    weight: i32,
}

fn main() {}
