//! Certificates for TLS cases: a certificate authority of the test's own
//! and server certificates it issues, all generated in memory (nothing is
//! read from the machine's trust store or written outside the test's
//! directories).

use std::path::{Path, PathBuf};

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};

use super::ServerError;

/// A certificate authority for one test: its certificate is what clients
/// trust (`sslrootcert=`), and it signs [`ServerCert`]s.
pub struct TestCa {
    cert_pem: String,
    issuer: Issuer<'static, KeyPair>,
}

impl std::fmt::Debug for TestCa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The signing key stays out of test output.
        f.debug_struct("TestCa").finish_non_exhaustive()
    }
}

impl TestCa {
    /// A new authority whose certificate carries `name` as its common name.
    pub fn new(name: &str) -> Result<TestCa, ServerError> {
        let mut params = CertificateParams::new(Vec::new())?;
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let key = KeyPair::generate()?;
        let cert = params.self_signed(&key)?;
        Ok(TestCa {
            cert_pem: cert.pem(),
            issuer: Issuer::new(params, key),
        })
    }

    /// The authority's certificate, PEM-encoded.
    pub fn cert_pem(&self) -> &str {
        &self.cert_pem
    }

    /// Writes the authority's certificate to `dir/file_name` and returns
    /// the path, for a URL's `sslrootcert=`.
    pub fn write_cert(&self, dir: &Path, file_name: &str) -> Result<PathBuf, ServerError> {
        let path = dir.join(file_name);
        std::fs::write(&path, &self.cert_pem).map_err(|source| ServerError::Io {
            what: "writing",
            path: path.clone(),
            source,
        })?;
        Ok(path)
    }

    /// A server certificate valid for `names` (DNS names, or IP addresses
    /// written as such), signed by this authority.
    pub fn issue_server_cert(&self, names: &[&str]) -> Result<ServerCert, ServerError> {
        let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        let mut params = CertificateParams::new(names.clone())?;
        if let Some(first) = names.first() {
            params.distinguished_name.push(DnType::CommonName, first);
        }
        params.use_authority_key_identifier_extension = true;
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let key = KeyPair::generate()?;
        let cert = params.signed_by(&key, &self.issuer)?;
        Ok(ServerCert {
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
        })
    }
}

/// A server's certificate and private key, PEM-encoded.
#[derive(Clone)]
pub struct ServerCert {
    /// The certificate (`ssl_cert_file`).
    pub cert_pem: String,
    /// Its private key (`ssl_key_file`).
    pub key_pem: String,
}

impl std::fmt::Debug for ServerCert {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerCert")
            .field("cert_pem", &self.cert_pem)
            .finish_non_exhaustive()
    }
}
