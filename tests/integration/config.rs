//! Configuration files and the service factory: YAML and TOML, durations,
//! environment overrides and their precedence, errors that name the file
//! and the key and never show a password, and `Services` opening, serving
//! and shutting down one client per service on every backend.

mod env;
mod errors;
mod factory;
mod parse;

use std::path::{Path, PathBuf};

use entkit::config::ConfigLoader;
use entkit::{Config, Error};
use entkit_tests::unique_name;

/// The password every error case hides somewhere in its input.
const SECRET: &str = "Hunter2xSecret";

/// A directory of its own for one test, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let dir = std::env::temp_dir().join(unique_name(&format!("cfg_{tag}")));
        std::fs::create_dir_all(&dir).expect("create a temporary directory");
        TempDir(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `text` to `name` in the directory; returns its path.
    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create a directory");
        }
        std::fs::write(&path, text).expect("write a file");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Loads `path` with exactly `vars` as the environment, under prefix `T_`.
fn load_with(path: &Path, vars: &[(&str, &str)]) -> entkit::Result<Config> {
    ConfigLoader::new(path)
        .env_prefix("T_")
        .env_vars(vars.iter().map(|(k, v)| (*k, *v)))
        .load()
}

/// Asserts `result` is `Error::Config` for `file` at `key`, that its
/// message names both, and that neither its message nor its `Debug` shows
/// [`SECRET`]. Returns the reason and the variable named.
#[track_caller]
fn config_error<T: std::fmt::Debug>(
    result: entkit::Result<T>,
    file: &Path,
    key: Option<&str>,
) -> (String, Option<String>) {
    let err = result.expect_err("the configuration should be refused");
    assert_no_secret(&err);
    let shown = err.to_string();
    match err {
        Error::Config {
            file: f,
            key: k,
            env,
            reason,
        } => {
            assert_eq!(f, file.display().to_string(), "file of {shown:?}");
            assert_eq!(k.as_deref(), key, "key of {shown:?}");
            assert!(shown.contains(&f), "{shown:?} does not name the file");
            if let Some(key) = key {
                assert!(shown.contains(key), "{shown:?} does not name the key");
            }
            if let Some(var) = &env {
                assert!(shown.contains(var), "{shown:?} does not name {var}");
            }
            (reason, env)
        }
        other => panic!("expected Error::Config, got {other:?}"),
    }
}

/// Asserts neither the message, nor the `Debug`, nor any source of `err`
/// shows [`SECRET`].
#[track_caller]
fn assert_no_secret(err: &dyn std::error::Error) {
    let mut texts = vec![err.to_string(), format!("{err:?}")];
    let mut source = err.source();
    while let Some(s) = source {
        texts.push(s.to_string());
        texts.push(format!("{s:?}"));
        source = s.source();
    }
    for text in texts {
        assert!(!text.contains(SECRET), "a password is shown: {text}");
    }
}
