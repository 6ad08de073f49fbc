//! PostgreSQL's SCRAM-SHA-256 password verifier, computed on the client
//! the way `psql`'s `\password` and libpq's `PQencryptPasswordConn` do.
//!
//! A role's password is sent as this verifier, never as text: the
//! statement path traces SQL at debug level and the server may log DDL, and
//! neither should ever see a password. PostgreSQL stores a verifier it is
//! given as is, and authenticates the password it was derived from.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// PBKDF2 iterations: PostgreSQL's default (`scram_iterations`).
const ITERATIONS: u32 = 4096;

/// HMAC-SHA-256.
fn hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// SCRAM's `Hi()`: PBKDF2-HMAC-SHA-256 with one 32-byte block.
fn salted_password(password: &[u8], salt: &[u8], iterations: u32) -> [u8; 32] {
    pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(password, salt, iterations)
}

/// The client key, stored key and server key of `password`.
fn keys(password: &[u8], salt: &[u8], iterations: u32) -> ([u8; 32], [u8; 32], [u8; 32]) {
    let salted = salted_password(password, salt, iterations);
    let client_key = hmac(&salted, b"Client Key");
    let stored_key: [u8; 32] = Sha256::digest(client_key).into();
    let server_key = hmac(&salted, b"Server Key");
    (client_key, stored_key, server_key)
}

/// `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`, with a
/// fresh random salt. The caller ensures the password is ASCII: PostgreSQL
/// passes an ASCII password to SCRAM unchanged, while other text goes
/// through SASLprep first, which this does not implement.
pub(crate) fn verifier(password: &str) -> String {
    let salt = *uuid::Uuid::new_v4().as_bytes();
    verifier_with_salt(password, &salt, ITERATIONS)
}

fn verifier_with_salt(password: &str, salt: &[u8], iterations: u32) -> String {
    let (_, stored_key, server_key) = keys(password.as_bytes(), salt, iterations);
    format!(
        "SCRAM-SHA-256${iterations}:{}${}:{}",
        BASE64.encode(salt),
        BASE64.encode(stored_key),
        BASE64.encode(server_key)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The SCRAM-SHA-256 exchange of RFC 7677, section 3: the keys derived
    /// here must produce the client proof and server signature it shows.
    #[test]
    fn keys_reproduce_rfc_7677_exchange() {
        let salt = BASE64.decode("W22ZaJ0SNY7soEsUEjb6gQ==").unwrap();
        let (client_key, stored_key, server_key) = keys(b"pencil", &salt, 4096);
        let auth_message = "n=user,r=rOprNGfwEbeRWgbNEkqO,\
            r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,\
            c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
        let signature = hmac(&stored_key, auth_message.as_bytes());
        let proof: Vec<u8> = client_key
            .iter()
            .zip(signature)
            .map(|(a, b)| a ^ b)
            .collect();
        assert_eq!(
            BASE64.encode(proof),
            "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
        );
        let server_signature = hmac(&server_key, auth_message.as_bytes());
        assert_eq!(
            BASE64.encode(server_signature),
            "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="
        );
    }

    #[test]
    fn hmac_matches_rfc_4231_case_2() {
        let mac = hmac(b"Jefe", b"what do ya want for nothing?");
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn verifier_has_postgres_format_and_fresh_salt() {
        let a = verifier("s3cret");
        let b = verifier("s3cret");
        assert!(a.starts_with("SCRAM-SHA-256$4096:"), "{a}");
        assert_ne!(a, b, "each verifier has its own salt");
        assert!(!a.contains("s3cret"));
        let fixed = verifier_with_salt("s3cret", &[7; 16], 4096);
        assert_eq!(fixed, verifier_with_salt("s3cret", &[7; 16], 4096));
    }
}
