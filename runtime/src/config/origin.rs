//! Where a configuration came from, so that every error names the file,
//! the key and the environment variable, and shows no password.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::backend::ConnectUrl;
use crate::error::Error;

/// The name errors give a configuration that was not read from a file and
/// was not [named](super::Config::named).
const UNNAMED: &str = "the configuration";

/// Where a configuration's values came from.
#[derive(Clone, Default)]
pub(crate) struct Origin {
    /// The file as it was named (or the name the application gave).
    pub(crate) file: Option<String>,
    /// The file's directory: relative paths in the file are relative to it.
    pub(crate) base_dir: Option<PathBuf>,
    /// Keys set by environment variables: key → variable name.
    pub(crate) env: BTreeMap<String, String>,
    /// Secrets seen while loading (URLs with passwords, passwords), scrubbed
    /// from every message as a last line of defence.
    secrets: Secrets,
}

impl Origin {
    /// An origin for a configuration that is not a file.
    pub(crate) fn named(name: String) -> Self {
        Origin {
            file: Some(name),
            ..Origin::default()
        }
    }

    /// An origin for `file`.
    pub(crate) fn file(file: &Path) -> Self {
        Origin {
            file: Some(file.display().to_string()),
            base_dir: file.parent().map(Path::to_path_buf),
            ..Origin::default()
        }
    }

    pub(crate) fn file_name(&self) -> &str {
        self.file.as_deref().unwrap_or(UNNAMED)
    }

    pub(crate) fn secrets_mut(&mut self) -> &mut Secrets {
        &mut self.secrets
    }

    /// A configuration error at `key` (None: the file as a whole).
    pub(crate) fn error(&self, key: Option<&str>, reason: impl Into<String>) -> Error {
        let env = key.and_then(|k| self.env_var(k)).map(str::to_owned);
        Error::Config {
            file: self.file_name().to_owned(),
            key: key.map(|k| self.shown_key(k)),
            env,
            reason: self.secrets.scrub(&reason.into()),
        }
    }

    /// `key` fit to show: a part that looks like a URL (a URL typed where a
    /// key belongs) is shown redacted.
    fn shown_key(&self, key: &str) -> String {
        if !key.contains("://") && !key.contains('@') {
            return key.to_owned();
        }
        // Keep the leading, ordinary parts of the path readable.
        let parts: Vec<&str> = key.split('.').collect();
        let plain = parts
            .iter()
            .take_while(|p| !p.contains(':') && !p.contains('@'))
            .count();
        let mut shown = parts[..plain].join(".");
        if !shown.is_empty() {
            shown.push('.');
        }
        shown.push_str(&crate::backend::url::redact(&parts[plain..].join(".")));
        self.secrets.scrub(&shown)
    }

    /// The variable that set `key`, or one of its parents (a whole section
    /// can come from one variable only as a scalar, but be safe).
    fn env_var(&self, key: &str) -> Option<&str> {
        let mut key = key;
        loop {
            if let Some(var) = self.env.get(key) {
                return Some(var);
            }
            key = key.rsplit_once('.')?.0;
        }
    }

    /// Whether `key` was set by an environment variable.
    pub(crate) fn set_by_env(&self, key: &str) -> bool {
        self.env.contains_key(key)
    }

    /// `path` as the application should open it: relative paths given in a
    /// file are relative to the file's directory; those from the
    /// environment, or from a configuration that is not a file, to the
    /// working directory.
    pub(crate) fn path(&self, key: &str, path: &Path) -> PathBuf {
        match &self.base_dir {
            Some(base) if path.is_relative() && !self.set_by_env(key) => base.join(path),
            _ => path.to_path_buf(),
        }
    }
}

/// Passwords a message must never show.
#[derive(Clone, Default)]
pub(crate) struct Secrets {
    urls: Vec<ConnectUrl>,
    passwords: Vec<String>,
}

impl Secrets {
    /// Remembers the secrets of a URL, if `text` is one.
    pub(crate) fn url(&mut self, text: &str) {
        if let Ok(url) = ConnectUrl::parse(text) {
            self.urls.push(url);
        }
    }

    /// Remembers a password.
    pub(crate) fn password(&mut self, text: &str) {
        if !text.is_empty() {
            self.passwords.push(text.to_owned());
        }
    }

    /// Remembers the secrets of every URL-like word of a document.
    pub(crate) fn scan(&mut self, document: &str) {
        let separators =
            |c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '{' | '}' | '[' | ']');
        for word in document.split(separators).filter(|w| w.contains("://")) {
            // `url:postgres://...` and a URL typed as a key (`postgres://...:`).
            let word = word.trim_end_matches(':');
            let word = word
                .find("://")
                .and_then(|i| word[..i].rfind(':').map(|c| &word[c + 1..]))
                .unwrap_or(word);
            self.url(word);
        }
    }

    pub(crate) fn scrub(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for url in &self.urls {
            out = url.scrub(&out);
        }
        for password in &self.passwords {
            out = out.replace(password.as_str(), "***");
        }
        out
    }
}
