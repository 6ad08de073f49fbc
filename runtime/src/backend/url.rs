//! The one parser of connection URLs, and the redacted form every error,
//! log line and `Debug` output shows instead of the URL itself.
//!
//! Parsing is syntax only (no feature checks, no I/O), so a URL for a
//! backend this build lacks, or one that requires TLS on a build without
//! the `tls` feature, still parses; [`Client::connect`](crate::Client::connect)
//! then reports [`Error::UnsupportedUrl`]. A string that is not a valid URL
//! for any backend is [`Error::InvalidUrl`], whose message never repeats
//! the input: a malformed URL gives no reliable way to tell its password
//! from its other parts.

use std::fmt;

use ::url::Url;

use crate::dialect::Backend;
pub use crate::error::UrlPart;
use crate::error::{Error, Result};

#[path = "url_tls.rs"]
mod tls;
pub use tls::TlsMode;
use tls::TlsParams;

/// What [`ConnectUrl::parse`] refuses.
fn invalid(part: UrlPart, reason: impl Into<String>) -> Error {
    Error::InvalidUrl {
        part,
        reason: reason.into(),
    }
}

const SCHEMES: &str = "postgres://, postgresql://, mysql://, mariadb:// or sqlite:";

/// Query parameters the sqlx drivers read. Anything else is refused rather
/// than ignored (sqlx's PostgreSQL driver logs an unknown parameter with
/// its value, which may be a password).
const POSTGRES_PARAMS: &[&str] = &[
    "sslmode",
    "ssl-mode",
    "sslrootcert",
    "ssl-root-cert",
    "ssl-ca",
    "sslcert",
    "ssl-cert",
    "sslkey",
    "ssl-key",
    "statement-cache-capacity",
    "host",
    "hostaddr",
    "port",
    "dbname",
    "user",
    "password",
    "application_name",
    "options",
];
const MYSQL_PARAMS: &[&str] = &[
    "sslmode",
    "ssl-mode",
    "sslca",
    "ssl-ca",
    "charset",
    "collation",
    "sslcert",
    "ssl-cert",
    "sslkey",
    "ssl-key",
    "statement-cache-capacity",
    "socket",
    "timezone",
    "time-zone",
];
const SQLITE_PARAMS: &[&str] = &["mode", "cache", "immutable", "vfs"];

/// Whether a query parameter carries a secret and is shown as `***`.
fn is_secret_param(key: &str) -> bool {
    key.to_ascii_lowercase().contains("password")
}

/// A parsed, validated connection URL.
///
/// Its `Display` and `Debug` show the URL with the password, and any
/// `password` query parameter, replaced by `***`.
///
/// ```
/// use entkit::{Backend, ConnectUrl, Error, UrlPart};
///
/// let url = ConnectUrl::parse("postgres://app:s3cret@db.internal:5433/orders")?;
/// assert_eq!(url.backend(), Backend::Postgres);
/// assert_eq!(url.host(), Some("db.internal"));
/// assert_eq!(url.port(), Some(5433));
/// assert_eq!(url.database(), Some("orders"));
/// assert_eq!(url.to_string(), "postgres://app:***@db.internal:5433/orders");
///
/// // Scheme forgotten: refused, naming the part, without echoing the input.
/// let err = ConnectUrl::parse("app:s3cret@db.internal/orders").unwrap_err();
/// assert!(matches!(err, Error::InvalidUrl { part: UrlPart::Scheme, .. }));
/// assert!(!err.to_string().contains("s3cret"));
/// # Ok::<(), entkit::Error>(())
/// ```
#[derive(Clone)]
pub struct ConnectUrl {
    backend: Backend,
    /// The URL handed to the driver (`mariadb:` spelled `mysql:`). Secret.
    driver_url: String,
    redacted: String,
    host: Option<String>,
    port: Option<u16>,
    username: Option<String>,
    database: Option<String>,
    /// Passwords as written and decoded, to scrub from driver messages.
    secrets: Vec<String>,
    /// What the URL says about TLS.
    tls: TlsParams,
}

impl fmt::Display for ConnectUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted)
    }
}

impl fmt::Debug for ConnectUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ConnectUrl").field(&self.redacted).finish()
    }
}

impl std::str::FromStr for ConnectUrl {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        ConnectUrl::parse(s)
    }
}

impl ConnectUrl {
    /// Parses and validates `input` without connecting: `postgres://` or
    /// `postgresql://`, `mysql://` or `mariadb://` (user, password, host,
    /// port, one database name, the query parameters sqlx reads), or
    /// `sqlite:` (`sqlite::memory:`, `sqlite://path`, `sqlite:path`, with
    /// `mode`, `cache`, `immutable`, `vfs`).
    ///
    /// The TLS parameters are checked here too: `sslmode` / `ssl-mode` must
    /// name a mode of [`TlsMode`] in the backend's spelling, given once; a
    /// root certificate (`sslrootcert`, MySQL `ssl-ca`), client certificate
    /// (`sslcert`) or key (`sslkey`) must name a file, and a client
    /// certificate comes with its key.
    ///
    /// Errors are [`Error::InvalidUrl`], naming the [`UrlPart`] at fault;
    /// none of them contains the input or any part of it.
    pub fn parse(input: &str) -> Result<ConnectUrl> {
        let Some((scheme, rest)) = input.split_once(':') else {
            return Err(invalid(
                UrlPart::Scheme,
                format!("no scheme; expected {SCHEMES}"),
            ));
        };
        // The scheme is matched exactly and never echoed: in `user:pw@host`
        // the "scheme" is a user name, and may as well be a password.
        let backend = match scheme.to_ascii_lowercase().as_str() {
            "postgres" | "postgresql" => Backend::Postgres,
            "mysql" | "mariadb" => Backend::MySql,
            "sqlite" => Backend::Sqlite,
            _ => {
                return Err(invalid(
                    UrlPart::Scheme,
                    format!("unknown or missing scheme; expected {SCHEMES}"),
                ));
            }
        };
        match backend {
            Backend::Sqlite => parse_sqlite(input, rest),
            Backend::Postgres | Backend::MySql => parse_server(backend, scheme, input, rest),
        }
    }

    /// The backend the scheme names.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The host (percent-escapes kept, as written), if the URL names one.
    pub fn host(&self) -> Option<&str> {
        self.host.as_deref()
    }

    /// The port, if the URL names one.
    pub fn port(&self) -> Option<u16> {
        self.port
    }

    /// The user name (decoded), if the URL names one.
    pub fn username(&self) -> Option<&str> {
        self.username.as_deref()
    }

    /// The database (decoded): the path of a server URL, the file of a
    /// SQLite URL (`:memory:` for an in-memory one).
    pub fn database(&self) -> Option<&str> {
        self.database.as_deref()
    }

    /// The encryption the URL asks for with `sslmode` / `ssl-mode`, if it
    /// names one (the driver otherwise uses [`TlsMode::Prefer`], or on
    /// PostgreSQL the `PGSSLMODE` environment variable). A PostgreSQL URL
    /// with `sslmode=require` and a root certificate (`sslrootcert`) gets
    /// [`TlsMode::VerifyCa`], as libpq gives it.
    ///
    /// ```
    /// use entkit::{ConnectUrl, TlsMode};
    ///
    /// let url = ConnectUrl::parse("postgres://app@db/orders?sslmode=verify-full&sslrootcert=ca.pem")?;
    /// assert_eq!(url.tls_mode(), Some(TlsMode::VerifyFull));
    /// let url = ConnectUrl::parse("mysql://app@db/orders?ssl-mode=REQUIRED")?;
    /// assert_eq!(url.tls_mode(), Some(TlsMode::Require));
    /// assert_eq!(ConnectUrl::parse("sqlite::memory:")?.tls_mode(), None);
    /// # Ok::<(), entkit::Error>(())
    /// ```
    pub fn tls_mode(&self) -> Option<TlsMode> {
        self.tls.mode
    }

    /// Whether the URL names a root certificate file (`sslrootcert` on
    /// PostgreSQL, `ssl-ca` on MySQL) that verified modes trust.
    pub fn has_root_cert(&self) -> bool {
        self.tls.root_cert
    }

    /// [`Error::UnsupportedUrl`] when this build cannot connect as the URL
    /// asks: a mode that requires TLS on a build without the `tls` feature
    /// fails here, before anything is sent, rather than in the driver or,
    /// worse, in plaintext.
    pub(crate) fn check_build(&self) -> Result<()> {
        self.check_build_with(cfg!(feature = "tls"))
    }

    /// [`check_build`](Self::check_build) for a build with or without TLS.
    fn check_build_with(&self, tls_built: bool) -> Result<()> {
        match self.tls.unsupported(self.backend, tls_built) {
            None => Ok(()),
            Some(reason) => Err(Error::UnsupportedUrl {
                url: self.redacted.clone(),
                reason,
            }),
        }
    }

    /// The URL with its passwords replaced by `***`, as `Display` shows it.
    pub fn redacted(&self) -> &str {
        &self.redacted
    }

    /// The full URL for the driver, password included. Never log it.
    pub(crate) fn driver_url(&self) -> &str {
        &self.driver_url
    }

    /// `text` with every password of this URL replaced by `***`: for
    /// messages from the driver, which may quote the URL or a parameter.
    pub(crate) fn scrub(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for secret in &self.secrets {
            out = out.replace(secret.as_str(), "***");
        }
        out
    }

    /// Whether `text` contains a password of this URL.
    pub(crate) fn reveals_secret(&self, text: &str) -> bool {
        self.secrets.iter().any(|s| text.contains(s.as_str()))
    }

    /// A driver error fit to keep as an error's source: unchanged unless its
    /// `Display`, `Debug` or any of its sources quotes a password, in which
    /// case it becomes a configuration error carrying the scrubbed text.
    pub(crate) fn scrub_driver_error(&self, err: sqlx::Error) -> sqlx::Error {
        let mut texts = vec![err.to_string(), format!("{err:?}")];
        let mut source = std::error::Error::source(&err);
        while let Some(s) = source {
            texts.push(s.to_string());
            source = s.source();
        }
        if !texts.iter().any(|t| self.reveals_secret(t)) {
            return err;
        }
        let mut chain = texts.swap_remove(0);
        for text in texts.into_iter().skip(1) {
            chain.push_str(": ");
            chain.push_str(&text);
        }
        sqlx::Error::Configuration(self.scrub(&chain).into())
    }
}

/// Adds `text` and its percent-decoded form to `secrets`.
fn push_secret(secrets: &mut Vec<String>, text: &str) {
    for candidate in [
        text.to_owned(),
        String::from_utf8_lossy(&percent_decode_bytes(text)).into_owned(),
    ] {
        if !candidate.is_empty() && !secrets.contains(&candidate) {
            secrets.push(candidate);
        }
    }
    // Longest first, so a password containing another is scrubbed whole.
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
}

/// Percent-decodes a URL component as UTF-8 (as sqlx does), or refuses it
/// as `part`.
fn decode(part: UrlPart, what: &str, text: &str) -> Result<String> {
    String::from_utf8(percent_decode_bytes(text)).map_err(|_| {
        invalid(
            part,
            format!("the {what} is not valid UTF-8 once percent-decoded"),
        )
    })
}

/// Decodes a query component the way `application/x-www-form-urlencoded`
/// does (sqlx reads query pairs so): `+` is a space.
fn decode_form(what: &str, text: &str) -> Result<String> {
    decode(UrlPart::Query, what, &text.replace('+', " "))
}

fn percent_decode_bytes(text: &str) -> Vec<u8> {
    percent_encoding::percent_decode_str(text).collect()
}

/// Query pairs of `query` checked against the driver's parameters; returns
/// the redacted query text and adds secret values to `secrets`.
fn check_query(
    backend: Backend,
    query: &str,
    secrets: &mut Vec<String>,
) -> Result<(String, Vec<(String, String)>)> {
    let known = match backend {
        Backend::Postgres => POSTGRES_PARAMS,
        Backend::MySql => MYSQL_PARAMS,
        Backend::Sqlite => SQLITE_PARAMS,
    };
    let mut shown = Vec::new();
    let mut pairs = Vec::new();
    for (i, pair) in query.split('&').enumerate() {
        if pair.is_empty() {
            continue;
        }
        let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = decode_form("parameter name", raw_key)?;
        let secret = is_secret_param(&key);
        if secret {
            push_secret(secrets, raw_value);
            push_secret(secrets, &raw_value.replace('+', " "));
        }
        let value = decode_form("parameter value", raw_value)?;
        let allowed = known.contains(&key.as_str())
            || (backend == Backend::Postgres && key.starts_with("options[") && key.ends_with(']'));
        if !allowed {
            // The name is not echoed: a mistyped URL may put a password there.
            let hint = if secret && backend == Backend::MySql {
                "; MySQL URLs carry the password as user:password@host"
            } else {
                ""
            };
            return Err(invalid(
                UrlPart::Query,
                format!(
                    "parameter {} is not one the {} driver reads (it reads {}){hint}",
                    i + 1,
                    backend.name(),
                    known.join(", ")
                ),
            ));
        }
        shown.push(if secret {
            format!("{raw_key}=***")
        } else {
            pair.to_owned()
        });
        pairs.push((key, value));
    }
    Ok((shown.join("&"), pairs))
}

/// `postgres://` and `mysql://` URLs.
fn parse_server(backend: Backend, scheme: &str, input: &str, rest: &str) -> Result<ConnectUrl> {
    if !rest.starts_with("//") {
        return Err(invalid(
            UrlPart::Authority,
            format!("expected `{scheme}://` followed by the host; `//` is missing"),
        ));
    }
    // The url crate checks the structure: user info, host, IPv6 literal,
    // port. Its messages are fixed texts that never quote the input.
    let url = Url::parse(input).map_err(|e| {
        let part = match e {
            ::url::ParseError::InvalidPort => UrlPart::Port,
            ::url::ParseError::EmptyHost
            | ::url::ParseError::IdnaError
            | ::url::ParseError::InvalidIpv4Address
            | ::url::ParseError::InvalidIpv6Address
            | ::url::ParseError::InvalidDomainCharacter => UrlPart::Host,
            _ => UrlPart::Authority,
        };
        invalid(part, e.to_string())
    })?;
    let mut secrets = Vec::new();
    if let Some(password) = url.password() {
        push_secret(&mut secrets, password);
        decode(UrlPart::UserInfo, "password", password)?;
    }
    // The password as typed, when the url crate re-encoded it (`@` → `%40`).
    if let Some(typed) = typed_password(input) {
        push_secret(&mut secrets, typed);
    }
    let username = match url.username() {
        "" => None,
        name => Some(decode(UrlPart::UserInfo, "user name", name)?),
    };
    let (shown_query, pairs) = check_query(backend, url.query().unwrap_or(""), &mut secrets)?;
    let tls = TlsParams::read(backend, &pairs)?;
    if url.fragment().is_some() {
        return Err(invalid(
            UrlPart::Path,
            "a `#` fragment has no meaning in a database URL",
        ));
    }
    let host = url.host_str().filter(|h| !h.is_empty()).map(str::to_owned);
    let host_param = if backend == Backend::Postgres {
        "host"
    } else {
        "socket"
    };
    if host.is_none() && !pairs.iter().any(|(k, _)| k == host_param) {
        return Err(invalid(
            UrlPart::Host,
            format!("no host after `{scheme}://` (or give `?{host_param}=`)"),
        ));
    }
    let port = url.port();
    if port == Some(0) {
        return Err(invalid(UrlPart::Port, "port 0 names no server"));
    }
    let path = url.path();
    let path = path.strip_prefix('/').unwrap_or(path);
    if path.contains('/') {
        return Err(invalid(
            UrlPart::Path,
            "the path must be one database name (percent-encode a `/` in it as %2F)",
        ));
    }
    // An `@` past the host is where a user info ended whose password held
    // an unencoded `/` or `?` (`mysql://u:/pw@h`, `mysql://u:?a=pw@h`): the
    // database name or a query value would show it.
    if path.contains('@') || url.query().is_some_and(|q| q.contains('@')) {
        return Err(invalid(
            UrlPart::Path,
            "an `@` after the host: percent-encode `/`, `?` and `#` in a password (%2F, %3F, %23) and `@` in a database name (%40)",
        ));
    }
    let database = match path {
        "" => None,
        name => Some(decode(UrlPart::Path, "database name", name)?),
    };
    let mut redacted_url = url.clone();
    if url.password().is_some() {
        let _ = redacted_url.set_password(Some("***"));
    }
    redacted_url.set_query(None);
    let mut redacted = redacted_url.to_string();
    if url.query().is_some() {
        redacted.push('?');
        redacted.push_str(&shown_query);
    }
    // A password typed where no password belongs (`?application_name=<password>`,
    // or equal to the user name) is hidden there too.
    for secret in &secrets {
        redacted = redacted.replace(secret.as_str(), "***");
    }
    let mut driver_url = if tls.upgrade_require {
        with_verify_ca(&url)?
    } else {
        url.to_string()
    };
    if scheme.eq_ignore_ascii_case("mariadb") {
        driver_url.replace_range(..scheme.len(), "mysql");
    }
    Ok(ConnectUrl {
        backend,
        driver_url,
        redacted,
        host,
        port,
        username,
        database,
        secrets,
        tls,
    })
}

/// `url` with its `sslmode=require` spelled `sslmode=verify-ca`: the driver
/// does not check the certificate under `require`, even when the URL names
/// a root certificate to check it against.
fn with_verify_ca(url: &Url) -> Result<String> {
    let mut pairs = Vec::new();
    for pair in url.query().unwrap_or("").split('&') {
        let raw_key = pair.split_once('=').map_or(pair, |(key, _)| key);
        if TlsParams::is_mode_key(&decode_form("parameter name", raw_key)?) {
            pairs.push("sslmode=verify-ca");
        } else {
            pairs.push(pair);
        }
    }
    let mut upgraded = url.clone();
    upgraded.set_query(Some(&pairs.join("&")));
    Ok(upgraded.to_string())
}

/// The password between the first `:` and the last `@` of the authority,
/// as the input spells it.
fn typed_password(input: &str) -> Option<&str> {
    let rest = &input[input.find("://")? + 3..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let userinfo = &rest[..rest[..authority_end].rfind('@')?];
    Some(&userinfo[userinfo.find(':')? + 1..])
}

/// `sqlite:` URLs: a file path (or `:memory:`) and SQLite's parameters.
fn parse_sqlite(input: &str, rest: &str) -> Result<ConnectUrl> {
    let body = rest.strip_prefix("//").unwrap_or(rest);
    let (path, query) = match body.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (body, None),
    };
    // `sqlite://user:pw@host/file` is a server URL pasted by mistake; as a
    // file name it would be created on disk and quoted in errors.
    let first_segment = path.split('/').next().unwrap_or("");
    if first_segment.contains('@') {
        return Err(invalid(
            UrlPart::Authority,
            "a SQLite URL names a file, not a user or host (percent-encode an `@` in a file name as %40)",
        ));
    }
    if path.contains('#') {
        return Err(invalid(
            UrlPart::Path,
            "percent-encode a `#` in a file name as %23",
        ));
    }
    let mut secrets = Vec::new();
    let (shown_query, pairs) = check_query(Backend::Sqlite, query.unwrap_or(""), &mut secrets)?;
    let in_memory_mode = pairs.iter().any(|(k, v)| k == "mode" && v == "memory");
    let database = if path == ":memory:" {
        ":memory:".to_owned()
    } else {
        decode(UrlPart::Path, "file name", path)?
    };
    if database.is_empty() && !in_memory_mode {
        return Err(invalid(
            UrlPart::Path,
            "no database file (use `sqlite::memory:` for an in-memory database)",
        ));
    }
    let redacted = match query {
        Some(_) => format!(
            "{}?{shown_query}",
            &input[..input.len() - body.len() + path.len()]
        ),
        None => input.to_owned(),
    };
    Ok(ConnectUrl {
        backend: Backend::Sqlite,
        // sqlx strips a lowercase `sqlite:` only; `SQLITE:x` would be a file name.
        driver_url: format!("sqlite:{rest}"),
        redacted,
        host: None,
        port: None,
        username: None,
        database: (!database.is_empty()).then_some(database),
        secrets,
        tls: TlsParams::default(),
    })
}

/// The redacted form of any string given as a connection URL: the
/// [`ConnectUrl`]'s own when it parses, else only its scheme when that is
/// one entkit knows (`postgres://***`), else `***`.
pub(crate) fn redact(input: &str) -> String {
    match ConnectUrl::parse(input) {
        Ok(url) => url.redacted,
        Err(_) => {
            let scheme = input.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
            match scheme.as_deref() {
                Some(s @ ("postgres" | "postgresql" | "mysql" | "mariadb")) => format!("{s}://***"),
                Some("sqlite") => "sqlite:***".to_owned(),
                _ => "***".to_owned(),
            }
        }
    }
}

#[cfg(test)]
#[path = "url_tests.rs"]
mod tests;
