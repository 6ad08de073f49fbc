//! `schema print [--dialect D]`.

use std::process::ExitCode;

use super::{Out, refused, say, url_backend};
use crate::cli::App;
use crate::cli::args::Schema;
use crate::error::Result;

/// Prints the DDL the app's entities describe.
pub(crate) async fn run(
    app: &App,
    url: &str,
    scope: Option<&str>,
    cmd: Schema,
    out: Out<'_>,
) -> Result<ExitCode> {
    let Schema::Print { dialect } = cmd;
    // Rendered without a connection: any dialect, whatever the URL.
    let backend = match dialect.map(|d| d.backend()).or_else(|| url_backend(url)) {
        Some(backend) => backend,
        None => {
            return Err(refused(format!(
                "cannot tell the dialect of {}: pass --dialect",
                crate::redact_url(url)
            )));
        }
    };
    let statements = crate::migrate::schema_ddl_for(backend, scope, &app.entities);
    for sql in statements {
        say!(out, "{sql};\n");
    }
    Ok(ExitCode::SUCCESS)
}
