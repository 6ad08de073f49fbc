//! Running server tools as the operating-system user that owns the
//! server's files.
//!
//! PostgreSQL refuses to run as root (`initdb` and `postgres` exit), so
//! when the tests run as root the tools run as the `postgres` user through
//! `runuser`, and the server's directory is handed to that user. Run as
//! any other user, the tools run as that user directly.

use std::os::unix::fs::MetadataExt as _;
use std::path::Path;
use std::process::{Command, Output};

use super::ServerError;

/// The OS user PostgreSQL runs as when the tests run as root.
const SERVER_USER_UNDER_ROOT: &str = "postgres";

/// Who runs a private server's tools.
#[derive(Debug, Clone)]
pub(super) enum ServerUser {
    /// The tests' own user (not root).
    Current,
    /// Another user, switched to with `runuser` (the tests run as root).
    Other(&'static str),
}

impl ServerUser {
    /// The user for a server whose files live in `dir`, a directory this
    /// process just created: its owner is this process's effective user,
    /// which tells whether the tests run as root without calling into libc.
    pub(super) fn for_new_dir(dir: &Path) -> Result<ServerUser, ServerError> {
        let owner = std::fs::metadata(dir)
            .map_err(|source| ServerError::Io {
                what: "reading the owner of",
                path: dir.to_owned(),
                source,
            })?
            .uid();
        Ok(if owner == 0 {
            ServerUser::Other(SERVER_USER_UNDER_ROOT)
        } else {
            ServerUser::Current
        })
    }

    /// Gives `dir` and everything in it to the server user (a no-op when
    /// that is the current user): the server reads its configuration and
    /// key files there, and insists on owning its data directory.
    pub(super) fn take_ownership(&self, dir: &Path) -> Result<(), ServerError> {
        let ServerUser::Other(user) = self else {
            return Ok(());
        };
        let mut chown = Command::new("chown");
        chown.arg("-R").arg(format!("{user}:")).arg(dir);
        run(&mut chown).map(drop)
    }

    /// A command running `program` as the server user, in `cwd`, without
    /// the caller's `PG*` environment (which could point the tools at the
    /// shared server or change their defaults).
    pub(super) fn command(&self, program: &Path, cwd: &Path) -> Command {
        let mut command = match self {
            ServerUser::Current => Command::new(program),
            ServerUser::Other(user) => {
                let mut command = Command::new("runuser");
                command.args(["-u", user, "--"]).arg(program);
                command
            }
        };
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().starts_with("PG") {
                command.env_remove(name);
            }
        }
        // The server user may not be allowed into the caller's directory.
        command.current_dir(cwd);
        command
    }
}

/// Runs `command` to completion; a failure status is an error carrying
/// what it printed.
pub(super) fn run(command: &mut Command) -> Result<Output, ServerError> {
    let line = describe(command);
    let output = command.output().map_err(|e| ServerError::Command {
        command: line.clone(),
        status: format!("could not run: {e}"),
        output: String::new(),
    })?;
    if output.status.success() {
        Ok(output)
    } else {
        Err(ServerError::Command {
            command: line,
            status: output.status.to_string(),
            output: printed(&output),
        })
    }
}

/// What a finished command printed, stdout then stderr.
pub(super) fn printed(output: &Output) -> String {
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    text
}

/// The command line, for messages.
fn describe(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
