//! The TLS parameters of a server URL: which encryption it asks for, the
//! certificate files it names, checked when the URL is parsed, and what a
//! build without the `tls` feature refuses.
//!
//! Messages name parameters by their known spelling and never quote a
//! value: a mistyped URL may hold a password anywhere.

use std::fmt;

use super::invalid;
use crate::dialect::Backend;
use crate::error::{Result, UrlPart};

/// How a connection to the server is encrypted, as the URL's `sslmode`
/// (PostgreSQL) or `ssl-mode` (MySQL and MariaDB) asks.
///
/// PostgreSQL spells the modes `disable`, `allow`, `prefer`, `require`,
/// `verify-ca` and `verify-full`; MySQL spells them `DISABLED`,
/// `PREFERRED`, `REQUIRED`, `VERIFY_CA` and `VERIFY_IDENTITY` (either in
/// any letter case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TlsMode {
    /// Never encrypt.
    Disable,
    /// PostgreSQL's `allow`: plaintext (the driver does not retry with TLS
    /// when the server refuses plaintext).
    Allow,
    /// Encrypt when the server offers TLS, without checking its
    /// certificate, else plaintext. What the driver does when the URL
    /// names no mode; plaintext on a build without the `tls` feature.
    Prefer,
    /// Encrypt or fail, without checking the certificate. (On PostgreSQL a
    /// URL that also names a root certificate gets [`VerifyCa`](Self::VerifyCa),
    /// as libpq does.)
    Require,
    /// Encrypt, and check that the server's certificate chains to a trusted
    /// root; its host name is not checked.
    VerifyCa,
    /// Encrypt, check the chain, and check that the certificate names the
    /// host the URL connects to (PostgreSQL's `verify-full`, MySQL's
    /// `VERIFY_IDENTITY`).
    VerifyFull,
}

impl TlsMode {
    /// Whether the connection must be encrypted (fails rather than falls
    /// back to plaintext).
    pub fn requires_tls(self) -> bool {
        matches!(self, Self::Require | Self::VerifyCa | Self::VerifyFull)
    }

    /// Whether the server's certificate is checked against trusted roots.
    pub fn verifies_certificate(self) -> bool {
        matches!(self, Self::VerifyCa | Self::VerifyFull)
    }

    /// The mode a backend's spelling names, in any letter case.
    fn parse(backend: Backend, value: &str) -> Option<Self> {
        let value = value.to_ascii_lowercase();
        let mode = match (backend, value.as_str()) {
            (Backend::Postgres, "disable") | (Backend::MySql, "disabled") => Self::Disable,
            (Backend::Postgres, "allow") => Self::Allow,
            (Backend::Postgres, "prefer") | (Backend::MySql, "preferred") => Self::Prefer,
            (Backend::Postgres, "require") | (Backend::MySql, "required") => Self::Require,
            (Backend::Postgres, "verify-ca") | (Backend::MySql, "verify_ca") => Self::VerifyCa,
            (Backend::Postgres, "verify-full") | (Backend::MySql, "verify_identity") => {
                Self::VerifyFull
            }
            _ => return None,
        };
        Some(mode)
    }

    /// How `backend` spells this mode in a URL.
    fn spelled(self, backend: Backend) -> &'static str {
        match (backend, self) {
            (Backend::MySql, Self::Disable) => "DISABLED",
            (Backend::MySql, Self::Allow | Self::Prefer) => "PREFERRED",
            (Backend::MySql, Self::Require) => "REQUIRED",
            (Backend::MySql, Self::VerifyCa) => "VERIFY_CA",
            (Backend::MySql, Self::VerifyFull) => "VERIFY_IDENTITY",
            (_, Self::Disable) => "disable",
            (_, Self::Allow) => "allow",
            (_, Self::Prefer) => "prefer",
            (_, Self::Require) => "require",
            (_, Self::VerifyCa) => "verify-ca",
            (_, Self::VerifyFull) => "verify-full",
        }
    }
}

impl fmt::Display for TlsMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.spelled(Backend::Postgres))
    }
}

/// One TLS setting and every spelling the driver reads for it.
struct Setting {
    /// The spelling messages use.
    name: &'static str,
    spellings: &'static [&'static str],
}

const PG_MODE: Setting = Setting {
    name: "sslmode",
    spellings: &["sslmode", "ssl-mode"],
};
const PG_ROOT_CERT: Setting = Setting {
    name: "sslrootcert",
    spellings: &["sslrootcert", "ssl-root-cert", "ssl-ca"],
};
const MYSQL_MODE: Setting = Setting {
    name: "ssl-mode",
    spellings: &["sslmode", "ssl-mode"],
};
const MYSQL_ROOT_CERT: Setting = Setting {
    name: "ssl-ca",
    spellings: &["sslca", "ssl-ca"],
};
const CLIENT_CERT: Setting = Setting {
    name: "sslcert",
    spellings: &["sslcert", "ssl-cert"],
};
const CLIENT_KEY: Setting = Setting {
    name: "sslkey",
    spellings: &["sslkey", "ssl-key"],
};

/// What a server URL says about TLS.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct TlsParams {
    /// The mode the connection gets (after libpq's `require` rule), if the
    /// URL names one.
    pub mode: Option<TlsMode>,
    /// Whether the URL names a root certificate.
    pub root_cert: bool,
    /// Whether the PostgreSQL URL asked for `require` with a root
    /// certificate, which the driver must be told is `verify-ca`.
    pub upgrade_require: bool,
}

impl TlsParams {
    /// Reads and checks the TLS parameters among `pairs` (decoded).
    pub(super) fn read(backend: Backend, pairs: &[(String, String)]) -> Result<TlsParams> {
        let (mode_setting, root_setting, mode_values) = match backend {
            Backend::Postgres => (
                PG_MODE,
                PG_ROOT_CERT,
                "disable, allow, prefer, require, verify-ca or verify-full",
            ),
            Backend::MySql => (
                MYSQL_MODE,
                MYSQL_ROOT_CERT,
                "DISABLED, PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY",
            ),
            Backend::Sqlite => return Ok(TlsParams::default()),
        };
        let mode = match single(pairs, &mode_setting)? {
            None => None,
            Some(value) => Some(TlsMode::parse(backend, value).ok_or_else(|| {
                // "unknown value" first, as the driver words it.
                invalid(
                    UrlPart::Query,
                    format!(
                        "unknown value of `{}`; expected {mode_values}",
                        mode_setting.name
                    ),
                )
            })?),
        };
        let root_cert = file(pairs, &root_setting)?;
        let client_cert = file(pairs, &CLIENT_CERT)?;
        let client_key = file(pairs, &CLIENT_KEY)?;
        if client_cert != client_key {
            return Err(invalid(
                UrlPart::Query,
                "`sslcert` and `sslkey` go together: give the client certificate and its key, or neither",
            ));
        }
        // libpq: "require" with a root certificate verifies the chain.
        let upgrade_require =
            backend == Backend::Postgres && root_cert && mode == Some(TlsMode::Require);
        Ok(TlsParams {
            mode: if upgrade_require {
                Some(TlsMode::VerifyCa)
            } else {
                mode
            },
            root_cert,
            upgrade_require,
        })
    }

    /// Why a build with or without TLS support (`tls_built`) cannot honour
    /// these parameters, if it cannot: a mode that requires TLS on a build
    /// without it must fail, never fall back to plaintext.
    pub(super) fn unsupported(&self, backend: Backend, tls_built: bool) -> Option<String> {
        let mode = self.mode?;
        if tls_built || !mode.requires_tls() {
            return None;
        }
        let name = match backend {
            Backend::MySql => MYSQL_MODE.name,
            _ => PG_MODE.name,
        };
        Some(format!(
            "{name}={} needs an encrypted connection, and entkit was built without its `tls` feature",
            mode.spelled(backend)
        ))
    }

    /// Whether `key` (decoded) is a spelling of the mode setting.
    pub(super) fn is_mode_key(key: &str) -> bool {
        PG_MODE.spellings.contains(&key)
    }
}

/// The value of `setting`, refusing it given twice (in any spelling): the
/// driver would silently keep the last.
fn single<'a>(pairs: &'a [(String, String)], setting: &Setting) -> Result<Option<&'a str>> {
    let mut values = pairs
        .iter()
        .filter(|(key, _)| setting.spellings.contains(&key.as_str()))
        .map(|(_, value)| value.as_str());
    let first = values.next();
    if values.next().is_some() {
        return Err(invalid(
            UrlPart::Query,
            format!(
                "`{}` is given more than once (spelled {})",
                setting.name,
                setting.spellings.join(" or ")
            ),
        ));
    }
    Ok(first)
}

/// Whether the URL names a file for `setting`; an empty name is refused.
fn file(pairs: &[(String, String)], setting: &Setting) -> Result<bool> {
    match single(pairs, setting)? {
        None => Ok(false),
        Some(value) if value.trim().is_empty() => Err(invalid(
            UrlPart::Query,
            format!("`{}` is empty: give the path of a PEM file", setting.name),
        )),
        Some(_) => Ok(true),
    }
}
