//! A streaming replica of a private primary: `pg_basebackup -R` from the
//! running primary into a temporary directory, started as a hot standby
//! on a port of its own.
//!
//! The primary needs nothing special: PostgreSQL's defaults already have
//! `wal_level = replica` and ten WAL senders, and the default
//! [`ClusterConfig`](super::ClusterConfig) rules trust replication
//! connections on loopback. A primary with its own `hba` rules must keep
//! a `host replication all 127.0.0.1/32 trust` line.

use std::time::{Duration, Instant};

use super::os_user::run;
use super::postgres::{SUPERUSER, append};
use super::{PrivateCluster, ServerError};

/// How long [`Replica::wait_for_replay`] waits by default: far longer than
/// replay takes on an idle machine, short enough to fail a stuck test.
const REPLAY_TIMEOUT: Duration = Duration::from_secs(30);

/// How long [`Replica::pause_replay`] waits for replay to stop.
const PAUSE_TIMEOUT: Duration = Duration::from_secs(10);

/// How often a replica's progress is polled.
const POLL_INTERVAL: Duration = Duration::from_millis(20);

/// A hot standby streaming from a [`PrivateCluster`], readable and
/// refusing writes. Dropping it stops the server and removes its
/// directory (the primary is left alone).
///
/// The replica does not borrow its primary: either may be stopped,
/// started or dropped first. Stopped, the replica catches up when started
/// again; a stopped primary is reconnected to when it is back.
#[derive(Debug)]
pub struct Replica {
    cluster: PrivateCluster,
    primary_port: u16,
}

impl PrivateCluster {
    /// Makes a streaming replica of this running cluster and starts it as
    /// a hot standby on a free port; returns once it accepts connections.
    pub fn replica(&self) -> Result<Replica, ServerError> {
        let cluster = PrivateCluster::unstarted(
            "PostgreSQL replica",
            "entkit-pg-replica-",
            self.bin_dir().to_owned(),
        )?;
        cluster.user().take_ownership(cluster.dir())?;
        let mut basebackup = cluster.tool("pg_basebackup");
        basebackup
            .arg("-D")
            .arg(cluster.data_dir())
            .args(["-h", "127.0.0.1", "-U", SUPERUSER])
            .arg("-p")
            .arg(self.port().to_string())
            // -R: standby.signal and primary_conninfo (this host and port),
            // so the copy starts as a standby streaming from the primary.
            .arg("-R")
            // An immediate checkpoint on the primary instead of a spread
            // one; the WAL of the copy streams alongside it.
            .args(["--checkpoint=fast", "--wal-method=stream", "--no-sync"]);
        run(&mut basebackup)?;

        // The copied postgresql.conf has the primary's lines (its socket
        // directory among them); these come later, so they win.
        let mut conf = cluster.harness_conf();
        conf.extend([
            "hot_standby = on".to_owned(),
            // Reconnect soon after the primary comes back (default 5 s).
            "wal_retrieve_retry_interval = '200ms'".to_owned(),
        ]);
        append(&cluster.data_dir().join("postgresql.conf"), &conf)?;
        cluster.user().take_ownership(cluster.dir())?;
        Ok(Replica {
            cluster: cluster.first_start()?,
            primary_port: self.port(),
        })
    }
}

impl Replica {
    /// `postgres://postgres@127.0.0.1:<port>/postgres` of the replica.
    pub fn url(&self) -> String {
        self.cluster.url()
    }

    /// The port the replica listens on (the same across restarts).
    pub fn port(&self) -> u16 {
        self.cluster.port()
    }

    /// The port of the primary it streams from.
    pub fn primary_port(&self) -> u16 {
        self.primary_port
    }

    /// The replica as a cluster: its directory, log and restart.
    pub fn cluster(&self) -> &PrivateCluster {
        &self.cluster
    }

    /// Stops the replica (fast shutdown).
    pub fn stop(&self) -> Result<(), ServerError> {
        self.cluster.stop()
    }

    /// Starts the stopped replica again on the same port; it resumes
    /// streaming where it stopped.
    pub fn start(&self) -> Result<(), ServerError> {
        self.cluster.start()
    }

    /// [`PrivateCluster::query`] on the replica (read-only).
    pub fn query(&self, sql: &str) -> Result<String, ServerError> {
        self.cluster.query(sql)
    }

    /// Waits until the replica has replayed everything `primary` has
    /// written so far (`pg_last_wal_replay_lsn()` reaches the primary's
    /// `pg_current_wal_lsn()`): from then on, what was committed on the
    /// primary before the call is visible on the replica. Fails after 30 s.
    pub fn wait_for_replay(&self, primary: &PrivateCluster) -> Result<(), ServerError> {
        self.wait_for_replay_within(primary, REPLAY_TIMEOUT)
    }

    /// [`wait_for_replay`](Self::wait_for_replay) with a timeout of the
    /// caller's, e.g. a short one to check that paused replay stays behind.
    pub fn wait_for_replay_within(
        &self,
        primary: &PrivateCluster,
        timeout: Duration,
    ) -> Result<(), ServerError> {
        self.wait_for_lsn(primary, "pg_last_wal_replay_lsn()", "replayed", timeout)
    }

    /// Waits until the replica has received (not necessarily replayed)
    /// everything `primary` has written so far. With replay paused, this
    /// makes sure a change is on the replica yet invisible there.
    pub fn wait_for_receive(&self, primary: &PrivateCluster) -> Result<(), ServerError> {
        self.wait_for_lsn(
            primary,
            "pg_last_wal_receive_lsn()",
            "received",
            REPLAY_TIMEOUT,
        )
    }

    /// Pauses replay and waits until it has stopped: changes made on the
    /// primary from then on reach the replica but stay invisible there
    /// until [`resume_replay`](Self::resume_replay), as on a lagging replica.
    pub fn pause_replay(&self) -> Result<(), ServerError> {
        self.query("SELECT pg_wal_replay_pause()")?;
        // Replay stops at its next record; until then it is only requested.
        let deadline = Instant::now() + PAUSE_TIMEOUT;
        loop {
            let state = self.query("SELECT pg_get_wal_replay_pause_state()")?;
            if state == "paused" {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(self.replication_error(format!(
                    "replay still {state:?} {PAUSE_TIMEOUT:?} after pg_wal_replay_pause()"
                )));
            }
            std::thread::sleep(POLL_INTERVAL);
        }
    }

    /// Resumes paused replay; the replica then catches up by itself
    /// (see [`wait_for_replay`](Self::wait_for_replay)).
    pub fn resume_replay(&self) -> Result<(), ServerError> {
        self.query("SELECT pg_wal_replay_resume()").map(drop)
    }

    /// Whether replay is paused (or a pause is requested).
    pub fn replay_paused(&self) -> Result<bool, ServerError> {
        Ok(self.query("SELECT pg_is_wal_replay_paused()")? == "t")
    }

    /// Polls `position` (an LSN function of the replica) until it reaches
    /// the primary's current WAL position.
    fn wait_for_lsn(
        &self,
        primary: &PrivateCluster,
        position: &str,
        done: &str,
        timeout: Duration,
    ) -> Result<(), ServerError> {
        if primary.port() != self.primary_port {
            return Err(self.replication_error(format!(
                "waited for the cluster on port {}, but the replica streams from port {}",
                primary.port(),
                self.primary_port
            )));
        }
        let target = primary.query("SELECT pg_current_wal_lsn()")?;
        // The LSN comes from the server as text like 0/3016060; it is
        // compared there, as pg_lsn, never parsed here.
        let check = format!(
            "SELECT coalesce({position} >= '{target}'::pg_lsn, false), {position}",
            target = target.replace('\'', "")
        );
        let deadline = Instant::now() + timeout;
        loop {
            let answer = self.query(&check)?;
            let (reached, at) = answer.split_once('|').unwrap_or((&answer, ""));
            if reached == "t" {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(self.replication_error(format!(
                    "not {done} up to the primary's {target} within {timeout:?} \
                     ({position} = {at:?}, replay paused: {})",
                    self.replay_paused()
                        .map_or_else(|e| e.to_string(), |p| p.to_string())
                )));
            }
            std::thread::sleep(POLL_INTERVAL);
        }
    }

    fn replication_error(&self, reason: String) -> ServerError {
        ServerError::Replication {
            port: self.port(),
            reason,
            log: self.cluster.log_tail(),
        }
    }
}
