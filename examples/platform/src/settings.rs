//! What a service reads from its environment besides entkit's database
//! configuration: where to listen, where the audit service is, which
//! configuration file and environment it runs in.

use std::net::SocketAddr;
use std::path::PathBuf;

/// The ports the services listen on unless told otherwise.
pub const DEFAULT_PORTS: [(&str, u16); 3] = [("identity", 7101), ("authz", 7102), ("audit", 7103)];

/// A setting that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{variable}: {reason}")]
pub struct SettingsError {
    /// The environment variable at fault.
    pub variable: String,
    /// Why its value was refused.
    pub reason: String,
}

/// One service's settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The service: `identity`, `authz` or `audit`.
    pub service: &'static str,
    /// entkit's configuration file: `PLATFORM_CONFIG`, else
    /// `config/<environment>.yaml` when that file exists (`production`),
    /// else `config/default.yaml` of this package.
    pub config: PathBuf,
    /// `PLATFORM_<SERVICE>_LISTEN` (e.g. `127.0.0.1:0` for any free port).
    pub listen: SocketAddr,
    /// `PLATFORM_AUDIT_URL`, where the outbox relays deliver.
    pub audit_url: String,
    /// `ENTKIT_ENV`, else `APP_ENV`, else `development`.
    pub environment: String,
    /// `PLATFORM_SEED_FORCE=true` seeds even in production.
    pub seed_force: bool,
}

/// The default port of `service`.
pub fn default_port(service: &str) -> u16 {
    DEFAULT_PORTS
        .iter()
        .find(|(name, _)| *name == service)
        .map_or(0, |(_, port)| *port)
}

impl Settings {
    /// Reads `service`'s settings from the process environment.
    pub fn from_env(service: &'static str) -> Result<Settings, SettingsError> {
        Settings::from_lookup(service, &entkit::Seeders::env_from_process(), |name| {
            std::env::var(name).ok()
        })
    }

    /// Reads `service`'s settings in `environment` through `lookup` (a
    /// variable's value, empty counting as unset).
    pub fn from_lookup(
        service: &'static str,
        environment: &str,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Settings, SettingsError> {
        let var = |name: &str| lookup(name).filter(|v| !v.is_empty());
        let environment = environment.to_owned();
        let config_dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/config"));
        let config = match var("PLATFORM_CONFIG") {
            Some(path) => PathBuf::from(path),
            None => {
                let per_env = config_dir.join(format!("{environment}.yaml"));
                if per_env.is_file() {
                    per_env
                } else {
                    config_dir.join("default.yaml")
                }
            }
        };
        let listen_var = format!("PLATFORM_{}_LISTEN", service.to_ascii_uppercase());
        let listen = match var(&listen_var) {
            Some(text) => text.parse().map_err(|e| SettingsError {
                variable: listen_var.clone(),
                reason: format!("expected an address such as 127.0.0.1:7101: {e}"),
            })?,
            None => SocketAddr::from(([127, 0, 0, 1], default_port(service))),
        };
        let audit_url = var("PLATFORM_AUDIT_URL")
            .unwrap_or_else(|| format!("http://127.0.0.1:{}", default_port("audit")));
        if !audit_url.starts_with("http://") && !audit_url.starts_with("https://") {
            return Err(SettingsError {
                variable: "PLATFORM_AUDIT_URL".into(),
                reason: "expected an http:// URL".into(),
            });
        }
        let seed_force = match var("PLATFORM_SEED_FORCE").as_deref() {
            None | Some("false") | Some("0") => false,
            Some("true") | Some("1") => true,
            Some(_) => {
                return Err(SettingsError {
                    variable: "PLATFORM_SEED_FORCE".into(),
                    reason: "expected true or false".into(),
                });
            }
        };
        Ok(Settings {
            service,
            config,
            listen,
            audit_url,
            environment,
            seed_force,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(vars: &[(&str, &str)]) -> Result<Settings, SettingsError> {
        Settings::from_lookup("authz", "development", |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn defaults_name_the_services_ports_and_the_default_file() {
        let s = settings(&[]).expect("defaults");
        assert_eq!(s.listen, SocketAddr::from(([127, 0, 0, 1], 7102)));
        assert_eq!(s.audit_url, "http://127.0.0.1:7103");
        assert!(s.config.ends_with("config/default.yaml"), "{:?}", s.config);
        assert!(!s.seed_force);
    }

    #[test]
    fn production_reads_its_own_file_and_overrides_win() {
        let s = Settings::from_lookup("audit", "production", |_| None).expect("production");
        assert!(
            s.config.ends_with("config/production.yaml"),
            "{:?}",
            s.config
        );
        let s = settings(&[
            ("PLATFORM_AUTHZ_LISTEN", "0.0.0.0:9000"),
            ("PLATFORM_CONFIG", "/etc/platform.yaml"),
            ("PLATFORM_SEED_FORCE", "true"),
        ])
        .expect("overridden");
        assert_eq!(s.listen.port(), 9000);
        assert_eq!(s.config, PathBuf::from("/etc/platform.yaml"));
        assert!(s.seed_force);
    }

    #[test]
    fn bad_values_name_their_variable() {
        for (var, value) in [
            ("PLATFORM_AUTHZ_LISTEN", "localhost"),
            ("PLATFORM_AUDIT_URL", "ftp://audit"),
            ("PLATFORM_SEED_FORCE", "yes"),
        ] {
            let err = settings(&[(var, value)]).expect_err(var);
            assert_eq!(err.variable, var);
        }
    }
}
