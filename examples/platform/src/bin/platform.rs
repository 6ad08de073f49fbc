//! The whole platform in one process, for development: the identity, authz
//! and audit services, each with its own settings, pool, migrations and
//! listener, exactly as their own binaries run them.
//!
//! ```text
//! cargo run -p entkit-platform --bin platform
//! ```
//!
//! On SIGTERM or Ctrl-C, identity and authz stop first (their outboxes flush
//! to audit), then audit.

use std::process::ExitCode;

use entkit_platform::server::{self, ServiceError, ServiceSpec};
use entkit_platform::settings::Settings;
use entkit_platform::{audit, authz, identity};
use tokio::sync::watch;

async fn run_one(
    spec: &'static ServiceSpec,
    stop: watch::Receiver<bool>,
) -> Result<(), ServiceError> {
    let settings = Settings::from_env(spec.name)?;
    let mut stop = stop;
    server::run(spec, settings, async move {
        let _ = stop.wait_for(|stopped| *stopped).await;
    })
    .await
}

#[tokio::main]
async fn main() -> ExitCode {
    server::init_logging();
    let (stop_producers, producers_stopped) = watch::channel(false);
    let (stop_audit, audit_stopped) = watch::channel(false);
    // Audit first: the others deliver to it.
    let audit = tokio::spawn(run_one(&audit::SPEC, audit_stopped));
    let producers = [
        tokio::spawn(run_one(&identity::SPEC, producers_stopped.clone())),
        tokio::spawn(run_one(&authz::SPEC, producers_stopped)),
    ];
    let mut failed = false;
    tokio::select! {
        () = server::terminated() => {}
        // A service that fails to start stops the platform.
        _ = async {
            loop {
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                if audit.is_finished() || producers.iter().any(|p| p.is_finished()) {
                    break;
                }
            }
        } => { failed = true; }
    }
    stop_producers.send_replace(true);
    for producer in producers {
        match producer.await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                eprintln!("{e}");
                failed = true;
            }
            Err(e) => {
                eprintln!("{e}");
                failed = true;
            }
        }
    }
    stop_audit.send_replace(true);
    match audit.await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            eprintln!("audit: {e}");
            failed = true;
        }
        Err(e) => {
            eprintln!("audit: {e}");
            failed = true;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
