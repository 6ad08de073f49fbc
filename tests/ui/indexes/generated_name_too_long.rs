// A generated index name longer than 63 characters needs an explicit name.
use entkit::Entity;

#[derive(Entity)]
#[entity(table = "organisation_membership_invitations")]
#[entity(index(fields = [invited_email_address, invitation_state]))]
pub struct Invitation {
    pub id: i64,
    pub invited_email_address: String,
    pub invitation_state: String,
}

fn main() {}
