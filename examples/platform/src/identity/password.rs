//! Password hashing: PBKDF2-HMAC-SHA256 with a random salt, stored as
//! `pbkdf2-sha256$<rounds>$<salt>$<hash>` (base64).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use sha2::Sha256;

/// Rounds per hash: enough to slow guessing, few enough that a debug build
/// of the tests registers users quickly.
const ROUNDS: u32 = 20_000;

/// The stored form of `password`.
pub fn hash(password: &str) -> String {
    let salt = uuid::Uuid::new_v4();
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(password.as_bytes(), salt.as_bytes(), ROUNDS, &mut out);
    format!(
        "pbkdf2-sha256${ROUNDS}${}${}",
        STANDARD_NO_PAD.encode(salt.as_bytes()),
        STANDARD_NO_PAD.encode(out)
    )
}

/// Whether `password` is the one `stored` was made from.
pub fn verify(password: &str, stored: &str) -> bool {
    let mut parts = stored.split('$');
    let (Some("pbkdf2-sha256"), Some(rounds), Some(salt), Some(expected), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return false;
    };
    let (Ok(rounds), Ok(salt), Ok(expected)) = (
        rounds.parse::<u32>(),
        STANDARD_NO_PAD.decode(salt),
        STANDARD_NO_PAD.decode(expected),
    ) else {
        return false;
    };
    let mut out = vec![0u8; expected.len()];
    pbkdf2::pbkdf2_hmac::<Sha256>(password.as_bytes(), &salt, rounds, &mut out);
    // Compare every byte, so the time taken says nothing about where a
    // guess first differs.
    out.len() == expected.len() && out.iter().zip(&expected).fold(0u8, |d, (a, b)| d | (a ^ b)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifies_the_password_it_hashed_and_refuses_others() {
        let stored = hash("correct horse");
        assert!(stored.starts_with("pbkdf2-sha256$20000$"));
        assert!(verify("correct horse", &stored));
        assert!(!verify("correct horsf", &stored));
        assert!(!verify("correct horse", "plain"));
        assert_ne!(stored, hash("correct horse"), "a fresh salt each time");
    }
}
