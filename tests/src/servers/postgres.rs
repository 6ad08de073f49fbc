//! A PostgreSQL cluster of a test's own: `initdb` into a temporary
//! directory, `pg_ctl` to start and stop it on a free loopback port.
//!
//! The other kinds of private server build on the same pieces: a streaming
//! replica (`super::replica`) is a `PrivateCluster` made with
//! `pg_basebackup` instead of `initdb`, and a connection pooler
//! (`super::pgbouncer`) runs with the same [`ServerUser`] and
//! [`free_port`] in front of a cluster's port.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use super::ServerError;
use super::certs::ServerCert;
use super::os_user::{ServerUser, printed, run};
use super::ports::free_port;
use super::psql;

/// Where the server binaries of each installed major version live
/// (`<major>/bin`), unless `ENTKIT_TEST_PG_BIN` names a directory.
const INSTALL_ROOT: &str = "/usr/lib/postgresql";

/// How long `pg_ctl` may take to start or stop the server.
const PG_CTL_TIMEOUT_SECS: u32 = 60;

/// How long the started server may take to answer `pg_isready`.
const READY_TIMEOUT: Duration = Duration::from_secs(30);

/// How many ports a first start tries when another process takes the
/// chosen one between the probe and the server's bind.
const PORT_ATTEMPTS: usize = 5;

/// The database superuser `initdb` creates.
pub(super) const SUPERUSER: &str = "postgres";

/// How many lines of the server log an error shows.
const LOG_TAIL_LINES: usize = 80;

/// Authentication rules of a cluster without [`ClusterConfig::hba`]:
/// trust on the cluster's own socket and on loopback, replication included
/// (for a later `pg_basebackup` replica).
const DEFAULT_HBA: &[&str] = &[
    "local all all trust",
    "host all all 127.0.0.1/32 trust",
    "host all all ::1/128 trust",
    "local replication all trust",
    "host replication all 127.0.0.1/32 trust",
];

/// How a [`PrivateCluster`] is set up: extra `postgresql.conf` lines, its
/// `pg_hba.conf` rules, and files placed in its data directory.
#[derive(Debug, Clone, Default)]
pub struct ClusterConfig {
    conf: Vec<String>,
    hba: Option<Vec<String>>,
    files: Vec<(String, Vec<u8>)>,
}

impl ClusterConfig {
    /// The defaults: trust on loopback, no TLS, settings tuned for tests.
    pub fn new() -> ClusterConfig {
        ClusterConfig::default()
    }

    /// Adds a `postgresql.conf` line (e.g. `"max_connections = 20"`),
    /// applied after the harness's own, so it wins.
    pub fn conf(mut self, line: impl Into<String>) -> ClusterConfig {
        self.conf.push(line.into());
        self
    }

    /// Replaces the default `pg_hba.conf` rules (trust on loopback) with
    /// `lines`, e.g. `["hostssl all all 127.0.0.1/32 trust"]` for a
    /// server that refuses unencrypted connections.
    pub fn hba<I, S>(mut self, lines: I) -> ClusterConfig
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.hba = Some(lines.into_iter().map(Into::into).collect());
        self
    }

    /// Places a file in the data directory, readable by the server user
    /// only (as a private key must be).
    pub fn data_file(
        mut self,
        name: impl Into<String>,
        contents: impl Into<Vec<u8>>,
    ) -> ClusterConfig {
        self.files.push((name.into(), contents.into()));
        self
    }

    /// Turns TLS on with `cert` as the server's certificate and key.
    pub fn tls(self, cert: &ServerCert) -> ClusterConfig {
        // `server.crt` and `server.key` in the data directory are the
        // server's defaults for `ssl_cert_file` and `ssl_key_file`.
        self.data_file("server.crt", cert.cert_pem.as_bytes())
            .data_file("server.key", cert.key_pem.as_bytes())
            .conf("ssl = on")
    }
}

/// A running PostgreSQL cluster of the test's own on `127.0.0.1`, with
/// superuser `postgres` and trust authentication (unless its
/// [`ClusterConfig`] says otherwise).
///
/// Dropping it stops the server (immediate shutdown) and removes its
/// directory, also when the test panics.
#[derive(Debug)]
pub struct PrivateCluster {
    /// What the cluster is, for messages ("PostgreSQL", "PostgreSQL replica").
    kind: &'static str,
    dir: tempfile::TempDir,
    bin: PathBuf,
    user: ServerUser,
    port: u16,
}

impl PrivateCluster {
    /// Creates a cluster with `config` and starts it on a free port;
    /// returns once it accepts connections.
    pub fn create(config: ClusterConfig) -> Result<PrivateCluster, ServerError> {
        // From here on, dropping `cluster` stops whatever was started.
        let mut cluster = PrivateCluster::unstarted("PostgreSQL", "entkit-pg-", bin_dir()?)?;
        cluster.init(&config)?;
        cluster.first_start()
    }

    /// A cluster with an empty temporary directory (named `prefix…`),
    /// not yet initialised; dropping it stops whatever is started later.
    pub(super) fn unstarted(
        kind: &'static str,
        prefix: &str,
        bin: PathBuf,
    ) -> Result<PrivateCluster, ServerError> {
        let dir = tempfile::Builder::new()
            .prefix(prefix)
            .tempdir()
            .map_err(|source| ServerError::Io {
                what: "creating a temporary directory in",
                path: std::env::temp_dir(),
                source,
            })?;
        let user = ServerUser::for_new_dir(dir.path())?;
        Ok(PrivateCluster {
            kind,
            dir,
            bin,
            user,
            port: 0,
        })
    }

    /// [`create`](Self::create) with the default [`ClusterConfig`].
    pub fn create_default() -> Result<PrivateCluster, ServerError> {
        PrivateCluster::create(ClusterConfig::new())
    }

    /// `postgres://postgres@127.0.0.1:<port>/postgres`.
    pub fn url(&self) -> String {
        format!("postgres://{SUPERUSER}@127.0.0.1:{}/postgres", self.port)
    }

    /// The port the server listens on (the same across restarts).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The cluster's temporary directory (its data directory is `data`
    /// inside); a test may keep client files there too.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The directory of the server binaries the cluster runs with.
    pub fn bin_dir(&self) -> &Path {
        &self.bin
    }

    /// Starts the stopped server again on the same port; returns once it
    /// accepts connections.
    pub fn start(&self) -> Result<(), ServerError> {
        let mut pg_ctl = self.pg_ctl();
        pg_ctl
            .arg("-l")
            .arg(self.log_path())
            .arg("-o")
            .arg(format!("-p {}", self.port))
            .arg("start");
        if let Err(err) = run(&mut pg_ctl) {
            return Err(self.not_ready(format!("pg_ctl start failed: {err}")));
        }
        self.wait_until_ready()
    }

    /// Stops the server with a fast shutdown: open sessions are ended,
    /// their transactions rolled back.
    pub fn stop(&self) -> Result<(), ServerError> {
        self.stop_with("fast")
    }

    /// Stops (fast shutdown) and starts the server again, on the same port.
    pub fn restart(&self) -> Result<(), ServerError> {
        self.stop()?;
        self.start()
    }

    /// The last lines of the server log.
    pub fn log_tail(&self) -> String {
        let Ok(log) = std::fs::read_to_string(self.log_path()) else {
            return "(no server log)".to_owned();
        };
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(LOG_TAIL_LINES)..].join("\n")
    }

    /// Runs `sql` with `psql` as the superuser on the database `postgres`
    /// and returns what it printed: unaligned, one row a line, columns
    /// separated by `|`, no headers, trimmed. A failing statement is a
    /// [`ServerError::Command`] carrying the server's message.
    ///
    /// It goes through the server's own client, not entkit, so that tests
    /// can prepare and observe a server without the code under test.
    pub fn query(&self, sql: &str) -> Result<String, ServerError> {
        psql::query(&self.bin, self.port, "postgres", sql)
    }

    /// The data directory (`data` in the cluster's directory).
    pub(super) fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Who runs the server's tools.
    pub(super) fn user(&self) -> &ServerUser {
        &self.user
    }

    fn log_path(&self) -> PathBuf {
        self.dir.path().join("server.log")
    }

    /// The server tool `name`, run as the server user in the cluster's
    /// directory.
    pub(super) fn tool(&self, name: &str) -> Command {
        self.user.command(&self.bin.join(name), self.dir.path())
    }

    fn pg_ctl(&self) -> Command {
        let mut pg_ctl = self.tool("pg_ctl");
        pg_ctl
            .arg("-D")
            .arg(self.data_dir())
            .arg("-w")
            .arg("-t")
            .arg(PG_CTL_TIMEOUT_SECS.to_string());
        pg_ctl
    }

    /// `initdb`, then the harness's settings and the configuration and
    /// files of `config`.
    fn init(&mut self, config: &ClusterConfig) -> Result<(), ServerError> {
        self.user.take_ownership(self.dir.path())?;
        let mut initdb = self.tool("initdb");
        initdb
            .arg("-D")
            .arg(self.data_dir())
            .args(["-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C"])
            // Test clusters need no durability against power loss.
            .args(["--no-sync", "--no-instructions"]);
        run(&mut initdb)?;

        let data = self.data_dir();
        let mut conf = self.harness_conf();
        conf.extend(config.conf.iter().cloned());
        append(&data.join("postgresql.conf"), &conf)?;

        let hba: Vec<String> = match &config.hba {
            Some(lines) => lines.clone(),
            None => DEFAULT_HBA.iter().map(|l| (*l).to_owned()).collect(),
        };
        write_private(
            &data.join("pg_hba.conf"),
            (hba.join("\n") + "\n").as_bytes(),
        )?;
        for (name, contents) in &config.files {
            write_private(&data.join(name), contents)?;
        }
        // The files written above belong to this process's user.
        self.user.take_ownership(self.dir.path())
    }

    /// The `postgresql.conf` lines every private cluster starts with.
    pub(super) fn harness_conf(&self) -> Vec<String> {
        vec![
            "# entkit test harness".to_owned(),
            "listen_addresses = '127.0.0.1'".to_owned(),
            // The socket stays in the cluster's own directory, away from
            // the shared server's (and, for a replica, its primary's).
            format!("unix_socket_directories = '{}'", self.dir.path().display()),
            "fsync = off".to_owned(),
            "shared_buffers = 32MB".to_owned(),
        ]
    }

    /// The first start, on a fresh port each time the chosen one turns out
    /// to be taken by the time the server binds it.
    pub(super) fn first_start(mut self) -> Result<PrivateCluster, ServerError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.port = free_port()?;
            match self.start() {
                Ok(()) => return Ok(self),
                Err(_) if attempt < PORT_ATTEMPTS && self.port_was_taken() => {
                    eprintln!(
                        "entkit-tests: private {}: port {} was taken, trying another",
                        self.kind, self.port
                    );
                }
                Err(err) => return Err(err),
            }
        }
    }

    /// Whether the server log says the last start failed to bind its port.
    fn port_was_taken(&self) -> bool {
        let log = self.log_tail();
        let last_start = log.rsplit("starting PostgreSQL").next().unwrap_or(&log);
        last_start.contains("could not bind") || last_start.contains("Address already in use")
    }

    /// Polls `pg_isready` until the server answers.
    fn wait_until_ready(&self) -> Result<(), ServerError> {
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            let mut ready = self.tool("pg_isready");
            ready
                .args(["-h", "127.0.0.1", "-t", "2", "-p"])
                .arg(self.port.to_string());
            let answer = ready.output();
            match answer {
                Ok(output) if output.status.success() => return Ok(()),
                Ok(output) if Instant::now() >= deadline => {
                    return Err(self.not_ready(format!(
                        "pg_isready still failing after {READY_TIMEOUT:?}: {}",
                        printed(&output).trim()
                    )));
                }
                Err(e) => return Err(self.not_ready(format!("cannot run pg_isready: {e}"))),
                Ok(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }

    fn not_ready(&self, reason: String) -> ServerError {
        ServerError::NotReady {
            server: self.kind,
            port: self.port,
            reason,
            log: self.log_tail(),
        }
    }

    fn stop_with(&self, mode: &str) -> Result<(), ServerError> {
        let mut pg_ctl = self.pg_ctl();
        pg_ctl.args(["-m", mode, "stop"]);
        run(&mut pg_ctl).map(drop)
    }

    /// The postmaster's process id, while its pid file exists.
    fn postmaster_pid(&self) -> Option<u32> {
        let pid_file = std::fs::read_to_string(self.data_dir().join("postmaster.pid")).ok()?;
        pid_file.lines().next()?.trim().parse().ok()
    }
}

impl Drop for PrivateCluster {
    fn drop(&mut self) {
        let Some(pid) = self.postmaster_pid() else {
            return;
        };
        // The directory goes next, so nothing needs a clean shutdown.
        if let Err(err) = self.stop_with("immediate") {
            eprintln!(
                "entkit-tests: private {} on port {}: {err}; killing it",
                self.kind, self.port
            );
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
    }
}

/// The server binaries: `ENTKIT_TEST_PG_BIN`, else the newest major
/// version under [`INSTALL_ROOT`] that has `initdb`.
fn bin_dir() -> Result<PathBuf, ServerError> {
    if let Some(dir) = std::env::var_os("ENTKIT_TEST_PG_BIN") {
        let dir = PathBuf::from(dir);
        return if dir.join("initdb").is_file() {
            Ok(dir)
        } else {
            Err(ServerError::NoBinaries {
                searched: format!("{} (ENTKIT_TEST_PG_BIN)", dir.display()),
            })
        };
    }
    let newest = std::fs::read_dir(INSTALL_ROOT)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let major: u32 = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((major, bin))
        })
        .max_by_key(|(major, _)| *major);
    newest
        .map(|(_, bin)| bin)
        .ok_or_else(|| ServerError::NoBinaries {
            searched: format!("{INSTALL_ROOT}/*/bin"),
        })
}

/// Appends `lines` to the file at `path`.
pub(super) fn append(path: &Path, lines: &[String]) -> Result<(), ServerError> {
    let io = |source| ServerError::Io {
        what: "appending to",
        path: path.to_owned(),
        source,
    };
    let mut file = OpenOptions::new().append(true).open(path).map_err(io)?;
    writeln!(file, "\n{}", lines.join("\n")).map_err(io)
}

/// Writes `contents` to a new file at `path` (replacing one), mode 0600.
pub(super) fn write_private(path: &Path, contents: &[u8]) -> Result<(), ServerError> {
    let io = |source| ServerError::Io {
        what: "writing",
        path: path.to_owned(),
        source,
    };
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .map_err(io)?;
    file.write_all(contents).map_err(io)
}
