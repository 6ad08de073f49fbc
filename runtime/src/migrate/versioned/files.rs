//! Migration files: `<version>_<name>.up.sql` / `.down.sql` pairs and the
//! integrity file `entkit.sum` beside them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::MigrationError;

/// The integrity file's name.
pub const SUM_FILE: &str = "entkit.sum";

/// One versioned migration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    /// The version: the numeric prefix of the file name (a timestamp or a counter).
    pub version: i64,
    /// The name after the version.
    pub name: String,
    /// The up script.
    pub up: String,
    /// The down script, if there is one.
    pub down: Option<String>,
    /// SHA-256 of the up script, hex.
    pub checksum: String,
    /// `<version>_<name>` as the file names spell it: the version may be
    /// zero-padded (`0001_init`), so it is kept rather than re-rendered.
    pub stem: String,
}

impl Migration {
    /// The up script's file name, `<version>_<name>.up.sql`, as on disk.
    pub fn up_file(&self) -> String {
        format!("{}.up.sql", self.stem)
    }
}

/// SHA-256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An ordered set of migrations, read from a directory or embedded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MigrationSet {
    /// In version order.
    pub migrations: Vec<Migration>,
    /// File name → content, for integrity checks and rewriting the sum file.
    files: BTreeMap<String, String>,
    /// The sum file's content, if there is one.
    sum: Option<String>,
}

/// `(version, name, stem, is_up)` of `<version>_<name>.(up|down).sql`.
/// The version is ASCII digits only (no sign, which `i64::from_str` would
/// take); names hold no control characters, which would break the lines
/// of `entkit.sum`.
fn parse_name(file: &str) -> Option<(i64, String, String, bool)> {
    let (stem, up) = if let Some(stem) = file.strip_suffix(".up.sql") {
        (stem, true)
    } else {
        (file.strip_suffix(".down.sql")?, false)
    };
    let (version, name) = stem.split_once('_')?;
    if version.is_empty()
        || !version.bytes().all(|b| b.is_ascii_digit())
        || file.chars().any(char::is_control)
    {
        return None;
    }
    Some((version.parse().ok()?, name.to_owned(), stem.to_owned(), up))
}

impl MigrationSet {
    /// Builds a set from (file name, content) pairs, as `embed_migrations!` does.
    pub fn from_files<I, N, C>(files: I) -> Result<Self, MigrationError>
    where
        I: IntoIterator<Item = (N, C)>,
        N: Into<String>,
        C: Into<String>,
    {
        let mut set = MigrationSet::default();
        let mut by_version: BTreeMap<i64, Migration> = BTreeMap::new();
        for (name, content) in files {
            let (name, content) = (name.into(), content.into());
            if name == SUM_FILE {
                set.sum = Some(content);
                continue;
            }
            let Some((version, label, stem, up)) = parse_name(&name) else {
                if name.ends_with(".sql") {
                    return Err(MigrationError::BadFileName { file: name });
                }
                continue;
            };
            let entry = by_version.entry(version).or_insert_with(|| Migration {
                version,
                name: label.clone(),
                up: String::new(),
                down: None,
                checksum: String::new(),
                stem: stem.clone(),
            });
            // `1_a` and `01_a` are one version spelled twice: one would
            // silently replace the other. So are two files of one name.
            let taken = if up {
                !entry.checksum.is_empty()
            } else {
                entry.down.is_some()
            };
            if entry.name != label || entry.stem != stem || taken {
                return Err(MigrationError::DuplicateVersion { version });
            }
            if up {
                entry.checksum = sha256_hex(content.as_bytes());
                entry.up = content.clone();
            } else {
                entry.down = Some(content.clone());
            }
            set.files.insert(name, content);
        }
        for migration in by_version.values() {
            if migration.checksum.is_empty() {
                return Err(MigrationError::MissingUp {
                    version: migration.version,
                });
            }
        }
        set.migrations = by_version.into_values().collect();
        Ok(set)
    }

    /// Reads a directory of migration files.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Self, MigrationError> {
        let dir = dir.as_ref();
        let io = |e: std::io::Error| MigrationError::Io {
            path: dir.display().to_string(),
            message: e.to_string(),
        };
        let mut files = Vec::new();
        if dir.exists() {
            for entry in std::fs::read_dir(dir).map_err(io)? {
                let entry = entry.map_err(io)?;
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.ends_with(".sql") || name == SUM_FILE {
                    files.push((name, std::fs::read_to_string(entry.path()).map_err(io)?));
                }
            }
        }
        Self::from_files(files)
    }

    /// The integrity file for the current files: one `sha256  file` line per
    /// file, then `sha256  *` over those lines (the whole directory).
    pub fn render_sum(&self) -> String {
        let mut lines: String = self
            .files
            .iter()
            .map(|(name, content)| format!("{}  {name}\n", sha256_hex(content.as_bytes())))
            .collect();
        let total = sha256_hex(lines.as_bytes());
        lines.push_str(&format!("{total}  *\n"));
        lines
    }

    /// Checks the integrity file against the files; an error names the
    /// first file whose hash differs (or `*` when files were added or removed).
    pub fn verify_sum(&self) -> Result<(), MigrationError> {
        let Some(sum) = &self.sum else {
            return if self.files.is_empty() {
                Ok(())
            } else {
                Err(MigrationError::Integrity {
                    file: SUM_FILE.into(),
                    reason: "missing".into(),
                })
            };
        };
        let expected: BTreeMap<&str, &str> = sum
            .lines()
            .filter_map(|line| line.split_once("  "))
            .map(|(hash, file)| (file, hash))
            .collect();
        for (name, content) in &self.files {
            match expected.get(name.as_str()) {
                Some(hash) if *hash == sha256_hex(content.as_bytes()) => {}
                Some(_) => {
                    return Err(MigrationError::Integrity {
                        file: name.clone(),
                        reason: "content changed".into(),
                    });
                }
                None => {
                    return Err(MigrationError::Integrity {
                        file: name.clone(),
                        reason: "not in entkit.sum".into(),
                    });
                }
            }
        }
        if expected.keys().filter(|f| **f != "*").count() != self.files.len()
            || *sum != self.render_sum()
        {
            return Err(MigrationError::Integrity {
                file: "*".into(),
                reason: "files were added or removed".into(),
            });
        }
        Ok(())
    }

    /// Adds a migration's files (in memory; see [`write_to`](Self::write_to)).
    pub fn push(&mut self, version: i64, name: &str, up: &str, down: &str) {
        let up_file = format!("{version}_{name}.up.sql");
        let down_file = format!("{version}_{name}.down.sql");
        self.files.insert(up_file, up.to_owned());
        self.files.insert(down_file, down.to_owned());
        self.migrations.push(Migration {
            version,
            name: name.to_owned(),
            up: up.to_owned(),
            down: Some(down.to_owned()),
            checksum: sha256_hex(up.as_bytes()),
            stem: format!("{version}_{name}"),
        });
        self.migrations.sort_by_key(|m| m.version);
        self.sum = Some(self.render_sum());
    }

    /// Writes every file and a fresh `entkit.sum` into `dir`.
    pub fn write_to(&self, dir: impl AsRef<Path>) -> Result<Vec<PathBuf>, MigrationError> {
        let dir = dir.as_ref();
        let io = |e: std::io::Error| MigrationError::Io {
            path: dir.display().to_string(),
            message: e.to_string(),
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        let mut written = Vec::new();
        for (name, content) in &self.files {
            let path = dir.join(name);
            if std::fs::read_to_string(&path).ok().as_deref() != Some(content.as_str()) {
                std::fs::write(&path, content).map_err(io)?;
                written.push(path);
            }
        }
        let sum = dir.join(SUM_FILE);
        std::fs::write(&sum, self.render_sum()).map_err(io)?;
        written.push(sum);
        Ok(written)
    }

    /// The migration with this version.
    pub fn get(&self, version: i64) -> Option<&Migration> {
        self.migrations.iter().find(|m| m.version == version)
    }
}

#[cfg(test)]
mod tests {
    use super::{MigrationError, MigrationSet, SUM_FILE};

    fn set(files: &[(&str, &str)]) -> Result<MigrationSet, MigrationError> {
        MigrationSet::from_files(files.iter().copied())
    }

    // Found by fuzz/fuzz_targets/migration_files.rs: a zero-padded version
    // was named back unpadded, and `1_a` next to `01_a` lost one of them.
    #[test]
    fn versions_keep_their_spelling_and_are_spelled_once() {
        let padded = set(&[("0001_init.up.sql", "SELECT 1"), ("0001_init.down.sql", "")]).unwrap();
        assert_eq!(padded.migrations[0].version, 1);
        assert_eq!(padded.migrations[0].up_file(), "0001_init.up.sql");
        let twice = set(&[("1_a.up.sql", "SELECT 1"), ("01_a.up.sql", "SELECT 2")]);
        assert!(
            matches!(twice, Err(MigrationError::DuplicateVersion { version: 1 })),
            "{twice:?}"
        );
        let repeated = set(&[("1_a.up.sql", "SELECT 1"), ("1_a.up.sql", "SELECT 2")]);
        assert!(
            matches!(repeated, Err(MigrationError::DuplicateVersion { .. })),
            "{repeated:?}"
        );
    }

    #[test]
    fn versions_are_digits_and_names_have_no_control_characters() {
        for bad in [
            "+1_a.up.sql",
            "-1_a.up.sql",
            "_a.up.sql",
            "1_a\nb.up.sql",
            "1_a\rb.down.sql",
        ] {
            let result = set(&[(bad, "SELECT 1")]);
            assert!(
                matches!(result, Err(MigrationError::BadFileName { .. })),
                "{bad:?}: {result:?}"
            );
        }
    }

    #[test]
    fn a_rendered_sum_verifies_and_catches_a_change() {
        let files = [("0002_b.up.sql", "SELECT 2"), ("1_a  x.up.sql", "SELECT 1")];
        let sum = set(&files).unwrap().render_sum();
        let mut with_sum = files.to_vec();
        with_sum.push((SUM_FILE, &sum));
        set(&with_sum).unwrap().verify_sum().unwrap();
        with_sum[0].1 = "SELECT 3";
        assert!(set(&with_sum).unwrap().verify_sum().is_err());
    }
}
