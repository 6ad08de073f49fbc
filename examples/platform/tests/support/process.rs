//! The service binaries as child processes: started on free ports, stopped
//! with SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long a service may take to migrate and bind.
const START_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a service may take to stop after SIGTERM.
const STOP_TIMEOUT: Duration = Duration::from_secs(30);

/// A running service.
pub struct Service {
    /// `identity`, `authz` or `audit`.
    pub name: &'static str,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    child: Child,
}

/// The binary of each service, built by cargo for this test.
pub fn binary(name: &str) -> &'static str {
    match name {
        "identity" => env!("CARGO_BIN_EXE_identity"),
        "authz" => env!("CARGO_BIN_EXE_authz"),
        "audit" => env!("CARGO_BIN_EXE_audit"),
        other => panic!("no service {other}"),
    }
}

impl Service {
    /// Starts `name` with `env` on a free port and waits until it listens
    /// (it prints `<name> listening on http://ADDR` once migrated and bound).
    pub fn start(name: &'static str, env: &[(String, String)]) -> Service {
        let mut child = Command::new(binary(name))
            .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .env(
                format!("PLATFORM_{}_LISTEN", name.to_uppercase()),
                "127.0.0.1:0",
            )
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("{name}: cannot start: {e}"));
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let prefix = format!("{name} listening on ");
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) => {
                    if let Some(url) = line.strip_prefix(&prefix) {
                        return Service {
                            name,
                            url: url.trim().to_owned(),
                            child,
                        };
                    }
                }
                Err(_) => {
                    let status = child.try_wait().ok().flatten();
                    let _ = child.kill();
                    panic!(
                        "{name} did not start listening within {START_TIMEOUT:?} (exit: {status:?})"
                    );
                }
            }
        }
    }

    /// `self.url` followed by `path`.
    pub fn at(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    /// Sends SIGTERM and waits for the process to exit; returns its status.
    pub fn terminate(mut self) -> ExitStatus {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill runs");
        assert!(sent.success(), "{}: SIGTERM not delivered", self.name);
        let deadline = Instant::now() + STOP_TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("{} still running {STOP_TIMEOUT:?} after SIGTERM", self.name);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Service {
    /// A test that fails half-way leaves no process behind.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
