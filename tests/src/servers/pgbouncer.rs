//! PgBouncer in transaction pooling mode in front of a private cluster:
//! its own ini file, user list, log and sockets in a temporary directory,
//! listening on a free loopback port.
//!
//! PgBouncer refuses to run as root, so it runs as the same
//! [`ServerUser`] as the clusters. When its port turns out to be taken it
//! does not exit (it keeps its Unix socket and logs a warning), so
//! readiness is read from its log: the TCP listener it reports, or the
//! bind failure, in which case it is stopped and started on another port.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::os_user::{ServerUser, run};
use super::ports::free_port;
use super::postgres::{SUPERUSER, write_private};
use super::{PrivateCluster, ServerError, psql};

/// The binary to run instead of the one found on `PATH` or in `/usr/sbin`.
const BINARY_VAR: &str = "ENTKIT_TEST_PGBOUNCER";

/// Where Debian's package installs the binary (not on a non-root `PATH`).
const DEBIAN_BINARY: &str = "/usr/sbin/pgbouncer";

/// How long PgBouncer may take to report its listener.
const READY_TIMEOUT: Duration = Duration::from_secs(20);

/// How long a stopped PgBouncer may take to exit before it is killed.
const STOP_TIMEOUT: Duration = Duration::from_secs(5);

/// How many ports a start tries when another process takes the chosen one.
const PORT_ATTEMPTS: usize = 5;

/// How many lines of the log an error shows.
const LOG_TAIL_LINES: usize = 60;

/// The database PgBouncer serves its admin console as (`SHOW POOLS`...).
const ADMIN_DATABASE: &str = "pgbouncer";

/// How a [`PgBouncer`] is set up: its server pool size per database and
/// user, and extra `[pgbouncer]` settings.
#[derive(Debug, Clone)]
pub struct PgBouncerConfig {
    pool_size: u32,
    settings: Vec<String>,
    users: Vec<String>,
}

impl Default for PgBouncerConfig {
    fn default() -> PgBouncerConfig {
        PgBouncerConfig {
            pool_size: 5,
            settings: Vec::new(),
            users: Vec::new(),
        }
    }
}

impl PgBouncerConfig {
    /// Transaction pooling with five server connections per database and
    /// user.
    pub fn new() -> PgBouncerConfig {
        PgBouncerConfig::default()
    }

    /// How many server connections PgBouncer opens per database and user
    /// (`default_pool_size`). With one, every client shares one server
    /// session.
    pub fn pool_size(mut self, size: u32) -> PgBouncerConfig {
        self.pool_size = size;
        self
    }

    /// Lets `user` (a role of the cluster) log in too, besides the
    /// superuser (trust authentication, as on the cluster).
    pub fn user(mut self, user: impl Into<String>) -> PgBouncerConfig {
        self.users.push(user.into());
        self
    }

    /// Adds a `[pgbouncer]` setting line (e.g. `"pool_mode = session"`),
    /// written after the harness's own, so it wins.
    pub fn setting(mut self, line: impl Into<String>) -> PgBouncerConfig {
        self.settings.push(line.into());
        self
    }
}

/// A running PgBouncer on `127.0.0.1` in transaction pooling mode, in
/// front of one [`PrivateCluster`], with trust authentication for the
/// cluster's superuser `postgres` (the cluster trusts loopback too).
///
/// Every database name is passed through to the cluster. Dropping it stops
/// PgBouncer and removes its directory, also when the test panics; the
/// cluster is left alone.
#[derive(Debug)]
pub struct PgBouncer {
    dir: tempfile::TempDir,
    user: ServerUser,
    binary: PathBuf,
    /// The cluster's server binaries, for `psql` to the admin console.
    pg_bin: PathBuf,
    port: u16,
}

impl PgBouncer {
    /// Starts PgBouncer with the default [`PgBouncerConfig`] in front of
    /// `cluster`; returns once it listens.
    pub fn start(cluster: &PrivateCluster) -> Result<PgBouncer, ServerError> {
        PgBouncer::start_with(cluster, PgBouncerConfig::new())
    }

    /// Starts PgBouncer with `config` in front of `cluster`; returns once
    /// it listens.
    pub fn start_with(
        cluster: &PrivateCluster,
        config: PgBouncerConfig,
    ) -> Result<PgBouncer, ServerError> {
        let binary = binary()?;
        let dir = tempfile::Builder::new()
            .prefix("entkit-pgbouncer-")
            .tempdir()
            .map_err(|source| ServerError::Io {
                what: "creating a temporary directory in",
                path: std::env::temp_dir(),
                source,
            })?;
        let user = ServerUser::for_new_dir(dir.path())?;
        // From here on, dropping `bouncer` stops whatever was started.
        let mut bouncer = PgBouncer {
            dir,
            user,
            binary,
            pg_bin: cluster.bin_dir().to_owned(),
            port: 0,
        };
        // Trust still wants the user in the auth file (with any password).
        write_private(
            &bouncer.dir().join("userlist.txt"),
            std::iter::once(SUPERUSER)
                .chain(config.users.iter().map(String::as_str))
                .map(|user| format!("\"{user}\" \"\"\n"))
                .collect::<String>()
                .as_bytes(),
        )?;
        for attempt in 1..=PORT_ATTEMPTS {
            bouncer.port = free_port()?;
            bouncer.write_ini(cluster.port(), &config)?;
            match bouncer.launch()? {
                Listening::Yes => return Ok(bouncer),
                Listening::PortTaken if attempt < PORT_ATTEMPTS => {
                    eprintln!(
                        "entkit-tests: PgBouncer: port {} was taken, trying another",
                        bouncer.port
                    );
                    bouncer.stop();
                }
                Listening::PortTaken => {
                    return Err(bouncer.not_ready(format!(
                        "port {} taken, after {PORT_ATTEMPTS} ports",
                        bouncer.port
                    )));
                }
            }
        }
        unreachable!("the last attempt returns")
    }

    /// `postgres://postgres@127.0.0.1:<port>/postgres` through PgBouncer.
    pub fn url(&self) -> String {
        format!("postgres://{SUPERUSER}@127.0.0.1:{}/postgres", self.port)
    }

    /// The port PgBouncer listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// PgBouncer's temporary directory (ini, user list, log, socket).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `command` (e.g. `SHOW POOLS`) on PgBouncer's admin console
    /// with `psql`; returns the rows unaligned, `|`-separated, no headers.
    pub fn admin(&self, command: &str) -> Result<String, ServerError> {
        psql::query(&self.pg_bin, self.port, ADMIN_DATABASE, command)
    }

    /// The value of one setting as PgBouncer reports it (`SHOW CONFIG`).
    pub fn config_value(&self, name: &str) -> Result<Option<String>, ServerError> {
        let config = self.admin("SHOW CONFIG")?;
        // Rows: key|value|default|changeable (1.18; later versions add more).
        Ok(config.lines().find_map(|row| {
            let mut columns = row.split('|');
            (columns.next() == Some(name)).then(|| columns.next().unwrap_or("").to_owned())
        }))
    }

    /// The last lines of PgBouncer's log.
    pub fn log_tail(&self) -> String {
        let Ok(log) = std::fs::read_to_string(self.log_path()) else {
            return "(no PgBouncer log)".to_owned();
        };
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(LOG_TAIL_LINES)..].join("\n")
    }

    fn ini_path(&self) -> PathBuf {
        self.dir().join("pgbouncer.ini")
    }

    fn log_path(&self) -> PathBuf {
        self.dir().join("pgbouncer.log")
    }

    fn pid_path(&self) -> PathBuf {
        self.dir().join("pgbouncer.pid")
    }

    fn write_ini(&self, cluster_port: u16, config: &PgBouncerConfig) -> Result<(), ServerError> {
        let dir = self.dir().display();
        let mut ini = String::from("; entkit test harness\n[databases]\n");
        // Any database name the client asks for, on the cluster.
        let _ = writeln!(ini, "* = host=127.0.0.1 port={cluster_port}");
        ini.push_str("\n[pgbouncer]\n");
        let settings = [
            "listen_addr = 127.0.0.1".to_owned(),
            format!("listen_port = {}", self.port),
            // The socket stays in PgBouncer's own directory.
            format!("unix_socket_dir = {dir}"),
            "auth_type = trust".to_owned(),
            format!("auth_file = {dir}/userlist.txt"),
            format!("admin_users = {SUPERUSER}"),
            "pool_mode = transaction".to_owned(),
            format!("default_pool_size = {}", config.pool_size),
            // Startup parameters PgBouncer does not track would make it
            // refuse the client: sqlx sends extra_float_digits, and
            // entkit's PostgreSQL sessions start with `options` (-c
            // settings), which this PgBouncer cannot pass on.
            "ignore_startup_parameters = extra_float_digits,options".to_owned(),
            // Retry a server login soon after the cluster comes back
            // (default 15 s).
            "server_login_retry = 1".to_owned(),
            format!("logfile = {dir}/pgbouncer.log"),
            format!("pidfile = {dir}/pgbouncer.pid"),
        ];
        for line in settings.iter().chain(&config.settings) {
            ini.push_str(line);
            ini.push('\n');
        }
        write_private(&self.ini_path(), ini.as_bytes())?;
        // Its files must be readable by the user PgBouncer runs as.
        self.user.take_ownership(self.dir())
    }

    /// Starts PgBouncer (daemonised) and waits until its log shows it
    /// listening on its TCP port, or failing to.
    fn launch(&self) -> Result<Listening, ServerError> {
        // A fresh log for this attempt, so old lines cannot answer.
        let _ = std::fs::remove_file(self.log_path());
        let mut command = self.user.command(&self.binary, self.dir());
        command.arg("-d").arg(self.ini_path());
        if let Err(err) = run(&mut command) {
            return Err(self.not_ready(format!("pgbouncer -d failed: {err}")));
        }
        let listening = format!("listening on 127.0.0.1:{}", self.port);
        let taken = format!("cannot listen on 127.0.0.1:{}", self.port);
        let deadline = Instant::now() + READY_TIMEOUT;
        // Whether the daemon's pid file was seen: its disappearing then
        // means PgBouncer exited.
        let mut pid_seen = false;
        loop {
            let log = std::fs::read_to_string(self.log_path()).unwrap_or_default();
            if log.contains(&listening) {
                return Ok(Listening::Yes);
            }
            if log.contains(&taken) {
                return Ok(Listening::PortTaken);
            }
            if Instant::now() >= deadline {
                return Err(self.not_ready(format!(
                    "its log does not say {listening:?} after {READY_TIMEOUT:?}"
                )));
            }
            match self.running_pid() {
                Some(_) => pid_seen = true,
                None if pid_seen => return Err(self.not_ready("it exited".to_owned())),
                None => {}
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The process id from the pid file, while that process lives.
    fn running_pid(&self) -> Option<u32> {
        let pid: u32 = std::fs::read_to_string(self.pid_path())
            .ok()?
            .trim()
            .parse()
            .ok()?;
        Path::new(&format!("/proc/{pid}")).exists().then_some(pid)
    }

    /// Stops the running PgBouncer: SIGTERM (immediate shutdown, server
    /// connections closed), then SIGKILL if it lingers.
    fn stop(&self) {
        let Some(pid) = self.running_pid() else {
            return;
        };
        let signal = |name: &str| {
            let _ = std::process::Command::new("kill")
                .args([name, &pid.to_string()])
                .status();
        };
        signal("-TERM");
        let deadline = Instant::now() + STOP_TIMEOUT;
        while Path::new(&format!("/proc/{pid}")).exists() {
            if Instant::now() >= deadline {
                eprintln!("entkit-tests: PgBouncer on port {}: killing it", self.port);
                signal("-KILL");
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn not_ready(&self, reason: String) -> ServerError {
        ServerError::NotReady {
            server: "PgBouncer",
            port: self.port,
            reason,
            log: self.log_tail(),
        }
    }
}

impl Drop for PgBouncer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// What a started PgBouncer's log says about its TCP listener.
enum Listening {
    Yes,
    PortTaken,
}

/// The `pgbouncer` binary: `ENTKIT_TEST_PGBOUNCER`, else the first on
/// `PATH`, else Debian's `/usr/sbin/pgbouncer`.
fn binary() -> Result<PathBuf, ServerError> {
    if let Some(path) = std::env::var_os(BINARY_VAR) {
        let path = PathBuf::from(path);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(ServerError::NoPgBouncer {
                searched: format!("{} ({BINARY_VAR})", path.display()),
            })
        };
    }
    let path_dirs = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path_dirs)
        .map(|dir| dir.join("pgbouncer"))
        .chain([PathBuf::from(DEBIAN_BINARY)])
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| ServerError::NoPgBouncer {
            searched: format!("PATH and {DEBIAN_BINARY}"),
        })
}
