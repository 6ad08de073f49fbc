// An entity has named fields.
use entkit::Entity;

#[derive(Entity)]
pub struct Marker;

fn main() {}
