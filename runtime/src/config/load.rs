//! Reading a configuration file and laying environment overrides over it.
//!
//! The file is parsed into figment's value tree (YAML by serde-saphyr, TOML
//! by toml), the overrides are a second tree, and figment merges the two
//! and deserializes the result, keeping the path of every value so that an
//! error names its key.

use std::path::{Path, PathBuf};

use figment::value::{Dict, Map, Value};
use figment::{Figment, Metadata, Profile, Provider};

use super::describe::{did_you_mean, figment_error};
use super::model::Config;
use super::origin::Origin;
use crate::error::{Error, Result};

/// The prefix of environment overrides unless the application picks another.
pub const DEFAULT_ENV_PREFIX: &str = "ENTKIT_";

/// Reads a configuration file, with environment overrides.
///
/// The format follows the extension: `.yaml` / `.yml` or `.toml`. A
/// variable named `<PREFIX><KEY>`, where `<KEY>` is the key's path in
/// capitals with `__` between its parts, overrides that key:
/// `ENTKIT_SERVICES__IDENTITY__PASSWORD` sets `services.identity.password`,
/// `ENTKIT_DEFAULTS__POOL__MAX_CONNECTIONS` sets
/// `defaults.pool.max_connections`. Variables of the prefix without `__` in
/// the rest of their name (`ENTKIT_ENV`) are not overrides. An override can
/// change any key of a service the file defines, but cannot define a
/// service (a misspelt service name would otherwise start an empty one).
///
/// ```
/// # fn main() -> entkit::Result<()> {
/// # let dir = std::env::temp_dir().join(format!("entkit-loader-doc-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir).unwrap();
/// # let path = dir.join("default.yaml");
/// std::fs::write(&path, "
/// services:
///   identity:
///     url: postgres://identity_svc@db.internal/platform
///     scope: identity
/// ")
/// .unwrap();
/// let config = entkit::config::ConfigLoader::new(&path)
///     .env_prefix("ACME_DB_")
///     // The process environment unless told otherwise:
///     .env_vars([("ACME_DB_SERVICES__IDENTITY__PASSWORD", "s3cret")])
///     .load()?;
/// let identity = &config.resolve()?[0];
/// assert_eq!(identity.url.to_string(), "postgres://identity_svc:***@db.internal/platform");
/// # std::fs::remove_dir_all(&dir).ok();
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct ConfigLoader {
    path: PathBuf,
    prefix: Option<String>,
    /// Given variables instead of the process environment. Their values are
    /// never shown by `Debug`.
    vars: Option<EnvVars>,
}

#[derive(Clone)]
struct EnvVars(Vec<(String, String)>);

impl std::fmt::Debug for EnvVars {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(k, _)| k))
            .finish()
    }
}

impl ConfigLoader {
    /// A loader for `path`, with overrides from the process environment
    /// under [`DEFAULT_ENV_PREFIX`].
    pub fn new(path: impl Into<PathBuf>) -> Self {
        ConfigLoader {
            path: path.into(),
            prefix: Some(DEFAULT_ENV_PREFIX.to_owned()),
            vars: None,
        }
    }

    /// Overrides come from variables with this prefix instead
    /// (`IDENTITY_DB_` gives `IDENTITY_DB_SERVICES__IDENTITY__URL`).
    pub fn env_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = Some(prefix.into());
        self
    }

    /// No environment overrides: the file alone.
    pub fn without_env(mut self) -> Self {
        self.prefix = None;
        self
    }

    /// Reads overrides from these variables instead of the process
    /// environment (for tests, or an application that gathers them itself).
    pub fn env_vars<I, K, V>(mut self, vars: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        self.vars = Some(EnvVars(
            vars.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        ));
        self
    }

    /// Reads, merges and checks the configuration: every problem is an
    /// [`Error::Config`] naming the file and the key (or an
    /// [`Error::ConfigFile`] for a file that cannot be read).
    pub fn load(self) -> Result<Config> {
        let mut origin = Origin::file(&self.path);
        let format = Format::of(&self.path)
            .ok_or_else(|| origin.error(None, "unknown file type: name it .yaml, .yml or .toml"))?;
        let text = std::fs::read_to_string(&self.path).map_err(|source| Error::ConfigFile {
            file: origin.file_name().to_owned(),
            source,
        })?;
        origin.secrets_mut().scan(&text);
        let file = format.parse(&text, &origin)?;
        remember_passwords(&file, &mut origin);

        let overrides = match &self.prefix {
            None => Dict::new(),
            Some(prefix) => {
                let vars = match self.vars {
                    Some(EnvVars(vars)) => vars,
                    None => process_vars(prefix, &origin)?,
                };
                env_overrides(prefix, vars, &mut origin)?
            }
        };
        refuse_new_services(&file, &overrides, &origin)?;

        let figment = Figment::from(Layer {
            name: format.name(),
            dict: file,
        })
        .merge(Layer {
            name: "environment",
            dict: overrides,
        });
        // Lossy: the environment only has text, so "16" must read as 16
        // and "true" as true.
        let mut config: Config = figment
            .extract_lossy()
            .map_err(|e| figment_error(&origin, e))?;
        config.origin = origin;
        config.resolve()?;
        Ok(config)
    }
}

/// One source of values for figment.
struct Layer {
    name: &'static str,
    dict: Dict,
}

impl Provider for Layer {
    fn metadata(&self) -> Metadata {
        Metadata::named(self.name)
    }

    fn data(&self) -> std::result::Result<Map<Profile, Dict>, figment::Error> {
        Ok(Profile::Default.collect(self.dict.clone()))
    }
}

#[derive(Clone, Copy)]
enum Format {
    Yaml,
    Toml,
}

impl Format {
    fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "yaml" | "yml" => Some(Format::Yaml),
            "toml" => Some(Format::Toml),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Yaml => "YAML file",
            Format::Toml => "TOML file",
        }
    }

    /// The document as a tree. Errors give the position and the parser's
    /// words about the structure, never a quoted line of the file.
    fn parse(self, text: &str, origin: &Origin) -> Result<Dict> {
        match self {
            Format::Yaml => {
                if text.trim().is_empty() {
                    return Ok(Dict::new());
                }
                // YAML 1.2 booleans only: `off` is the word, not `false`
                // (`idle_timeout: off`). A number with leading zeros stays
                // text, as a password of digits must.
                let options = serde_saphyr::options! {
                    with_snippet: false,
                    strict_booleans: true,
                    leading_zero_numbers_as_strings: true,
                };
                serde_saphyr::from_str_with_options::<Dict>(text, options).map_err(|e| {
                    // The parser's advice to its own callers is not the user's business.
                    let message = e
                        .to_string()
                        .replace(", set DuplicateKeyPolicy in Options if acceptable", "");
                    origin.error(None, format!("not valid YAML: {message}"))
                })
            }
            Format::Toml => toml::from_str::<Dict>(text).map_err(|e| {
                let place = e
                    .span()
                    .map(|span| {
                        let (line, column) = line_column(text, span.start);
                        format!(" at line {line}, column {column}")
                    })
                    .unwrap_or_default();
                origin.error(None, format!("not valid TOML{place}: {}", e.message()))
            }),
        }
    }
}

/// 1-based line and column of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Adds every `password` value of the tree to the secrets to scrub.
fn remember_passwords(dict: &Dict, origin: &mut Origin) {
    for (key, value) in dict {
        match value {
            Value::Dict(_, inner) => remember_passwords(inner, origin),
            Value::String(_, text) if key == "password" => origin.secrets_mut().password(text),
            _ => {}
        }
    }
}

/// The process's variables that start with `prefix`. A value that is not
/// UTF-8 is an error naming the variable.
fn process_vars(prefix: &str, origin: &Origin) -> Result<Vec<(String, String)>> {
    let mut vars = Vec::new();
    for (name, value) in std::env::vars_os() {
        let Some(name) = name.to_str().filter(|n| n.starts_with(prefix)) else {
            continue;
        };
        let value = value.into_string().map_err(|_| Error::Config {
            file: origin.file_name().to_owned(),
            key: None,
            env: Some(name.to_owned()),
            reason: "the value is not UTF-8".to_owned(),
        })?;
        vars.push((name.to_owned(), value));
    }
    Ok(vars)
}

/// The overrides as a tree, each value as text. Records which variable set
/// which key in `origin`.
fn env_overrides(
    prefix: &str,
    mut vars: Vec<(String, String)>,
    origin: &mut Origin,
) -> Result<Dict> {
    if prefix.is_empty() {
        return Err(origin.error(None, "the environment prefix is empty"));
    }
    vars.sort();
    let mut tree = Dict::new();
    for (name, value) in vars {
        let Some(rest) = name.strip_prefix(prefix).filter(|r| r.contains("__")) else {
            continue;
        };
        let env_error = |reason: &str| Error::Config {
            file: origin.file_name().to_owned(),
            key: None,
            env: Some(name.clone()),
            reason: reason.to_owned(),
        };
        let parts: Vec<String> = rest.split("__").map(str::to_ascii_lowercase).collect();
        if parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        {
            return Err(env_error(
                "not a key: the parts after the prefix are letters, digits and `_`, separated by `__`",
            ));
        }
        if !insert(&mut tree, &parts, Value::from(value.clone())) {
            return Err(env_error(
                "another variable sets a key inside this one (or this one inside it)",
            ));
        }
        let key = parts.join(".");
        match parts.last().map(String::as_str) {
            Some("password") => origin.secrets_mut().password(&value),
            Some("url") => origin.secrets_mut().url(&value),
            _ => {}
        }
        origin.env.insert(key, name.clone());
    }
    Ok(tree)
}

/// Sets `path` in `tree`; false when a scalar and a section collide.
fn insert(tree: &mut Dict, path: &[String], value: Value) -> bool {
    match path {
        [] => false,
        [leaf] => {
            if matches!(tree.get(leaf), Some(Value::Dict(..))) {
                return false;
            }
            tree.insert(leaf.clone(), value);
            true
        }
        [head, rest @ ..] => {
            let entry = tree
                .entry(head.clone())
                .or_insert_with(|| Value::from(Dict::new()));
            match entry {
                Value::Dict(_, inner) => insert(inner, rest, value),
                _ => false,
            }
        }
    }
}

/// Overrides may change services, never define one.
fn refuse_new_services(file: &Dict, overrides: &Dict, origin: &Origin) -> Result<()> {
    let services = |tree: &Dict| -> Vec<String> {
        match tree.get("services") {
            Some(Value::Dict(_, services)) => services.keys().cloned().collect(),
            _ => Vec::new(),
        }
    };
    let defined = services(file);
    let defined: Vec<&str> = defined.iter().map(String::as_str).collect();
    for name in services(overrides) {
        if defined.contains(&name.as_str()) {
            continue;
        }
        // Name the first variable that mentions it.
        let prefix = format!("services.{name}");
        let var = origin
            .env
            .iter()
            .find(|(key, _)| *key == &prefix || key.starts_with(&format!("{prefix}.")))
            .map(|(_, var)| var.clone());
        return Err(Error::Config {
            file: origin.file_name().to_owned(),
            key: Some(prefix),
            env: var,
            reason: format!(
                "the file defines no such service; environment variables only change services the file defines{}",
                did_you_mean(&name, &defined)
            ),
        });
    }
    Ok(())
}
