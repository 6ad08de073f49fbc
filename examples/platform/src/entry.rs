//! The entry point every service binary shares: `serve` (the default) runs
//! the service; anything else is entkit's command line for the service's
//! entities, migrations and seeders (`migrate diff`, `migrate status`,
//! `schema print`, `seed`, `roles provision`).

use std::process::ExitCode;

use entkit::cli::App;

use crate::server::{self, ServiceSpec};
use crate::settings::Settings;

/// Runs the binary of `spec`; `cli` builds its command line.
pub fn main(spec: &'static ServiceSpec, cli: fn() -> App) -> ExitCode {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("{}: cannot start the runtime: {e}", spec.name);
            return ExitCode::FAILURE;
        }
    };
    let first = std::env::args().nth(1);
    if first.as_deref().is_some_and(|arg| arg != "serve") {
        return runtime.block_on(cli().run_from_env());
    }
    server::init_logging();
    let result = runtime.block_on(async {
        let settings = Settings::from_env(spec.name)?;
        server::run(spec, settings, server::terminated()).await
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}: {e}", spec.name);
            ExitCode::FAILURE
        }
    }
}

/// The migrations directory of `service` for entkit's command line
/// (`migrations/<service>/<dialect>/` of this package).
pub fn migrations_root(service: &str) -> String {
    format!("{}/migrations/{service}", env!("CARGO_MANIFEST_DIR"))
}
