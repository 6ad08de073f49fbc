//! `roles provision --service S --role R --password-env VAR | --password-file PATH
//! [--tenant-schemas]`.

use std::process::ExitCode;

use super::{Out, connect, refused, say};
use crate::cli::args::Roles;
use crate::error::Result;
use crate::migrate::MigrationError;
use crate::provision::ServiceRole;

/// Runs a `roles` command through the administrator's `url`.
pub(crate) async fn run(url: &str, cmd: Roles, out: Out<'_>) -> Result<ExitCode> {
    let Roles::Provision {
        service,
        role,
        password_env,
        password_file,
        tenant_schemas,
    } = cmd;
    let password = read_password(password_env.as_deref(), password_file.as_deref())?;
    // Names and password are checked before connecting.
    let role = ServiceRole::new(&service, &role, password)?.with_tenant_schemas(tenant_schemas);
    let admin = connect(url, None).await?;
    let result = role.provision(&admin).await;
    admin.close().await;
    let report = result?;
    let (name, schema) = (role.role(), role.service());
    if report.role_created {
        say!(out, "created role {name}");
    } else {
        say!(out, "role {name} exists: password set");
    }
    if report.schema_created {
        say!(out, "created schema {schema}, owned by {name}");
    } else if report.schema_reassigned {
        say!(out, "schema {schema} now owned by {name}");
    } else {
        say!(out, "schema {schema} already owned by {name}");
    }
    for other in &report.revoked_on {
        say!(out, "revoked the grants of {name} on schema {other}");
    }
    if tenant_schemas {
        say!(out, "{name} may create schemas (one per tenant)");
    }
    Ok(ExitCode::SUCCESS)
}

/// The password from the named environment variable, or from a file
/// (without one trailing line break). Never printed.
fn read_password(env: Option<&str>, file: Option<&std::path::Path>) -> Result<String> {
    if let Some(var) = env {
        return match std::env::var(var) {
            Ok(password) => Ok(password),
            Err(_) => Err(refused(format!(
                "the environment variable {var} holding the password is not set (or not UTF-8)"
            ))),
        };
    }
    let Some(path) = file else {
        return Err(refused("give --password-env or --password-file"));
    };
    let text = std::fs::read_to_string(path).map_err(|e| MigrationError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    let text = text.strip_suffix('\n').unwrap_or(&text);
    Ok(text.strip_suffix('\r').unwrap_or(text).to_owned())
}
