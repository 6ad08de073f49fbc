//! One PostgreSQL login role per service, owning the service's schema and
//! nothing else.

use crate::client::Client;
use crate::dialect::Backend;
use crate::error::{Error, Result};
use crate::exec::Transaction;
use crate::ident::{validate_identifier, validate_scope};
use crate::migrate::MigrationError;
use crate::raw::RawQuery;

use super::scram;

/// A service's database role (PostgreSQL): a login role that owns the
/// schema named after the service and has no rights on other services'
/// schemas.
///
/// [`provision`](Self::provision), run through a superuser's client,
/// creates or updates the role and the schema; running it again changes
/// nothing but the password, which it sets each time (so it also rotates
/// it). The service then connects as the role, with the schema as its
/// scope, and migrates and auto-migrates its schema itself, needing no
/// privilege on the database. Other backends answer
/// [`Error::Unsupported`].
///
/// ```no_run
/// # async fn f(admin: &entkit::Client) -> entkit::Result<()> {
/// let password = std::env::var("IDENTITY_DB_PASSWORD").expect("set by the platform");
/// let role = entkit::ServiceRole::new("identity", "identity_svc", password)?;
/// role.provision(admin).await?;
/// # Ok(()) }
/// ```
///
/// The password reaches the server only as a SCRAM-SHA-256 verifier
/// computed here (as `psql`'s `\password` does), so neither entkit's SQL
/// tracing nor the server's statement log ever holds it; `Debug` hides it.
/// It must be ASCII (PostgreSQL would first normalise other text with
/// SASLprep, which entkit does not implement).
#[derive(Clone)]
pub struct ServiceRole {
    service: String,
    role: String,
    password: String,
    tenant_schemas: bool,
}

impl std::fmt::Debug for ServiceRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceRole")
            .field("service", &self.service)
            .field("role", &self.role)
            .field("password", &"***")
            .field("tenant_schemas", &self.tenant_schemas)
            .finish()
    }
}

/// What [`ServiceRole::provision`] changed besides setting the password.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServiceRoleReport {
    /// The role did not exist and was created.
    pub role_created: bool,
    /// The schema did not exist and was created, owned by the role.
    pub schema_created: bool,
    /// The schema existed with another owner and was given to the role.
    pub schema_reassigned: bool,
    /// Other schemas on which a grant to the role was revoked.
    pub revoked_on: Vec<String>,
}

/// `name` quoted as a PostgreSQL identifier.
fn ident(name: &str) -> String {
    let mut out = String::new();
    Backend::Postgres.push_ident(&mut out, name);
    out
}

/// A PostgreSQL string literal that reads the same whatever
/// `standard_conforming_strings` says: an escape string, `E'...'`, with
/// backslashes and quotes doubled.
fn literal(text: &str) -> String {
    format!("E'{}'", text.replace('\\', "\\\\").replace('\'', "''"))
}

fn refused(reason: String) -> Error {
    MigrationError::Refused { reason }.into()
}

impl ServiceRole {
    /// A role `role` for the service whose schema is `service`, logging in
    /// with `password`.
    ///
    /// `service` must be a valid scope name and `role` a plain identifier
    /// ([`Error::InvalidIdentifier`]); the password must be non-empty
    /// ASCII without NUL ([`Error::Validation`]). Nothing is sent.
    pub fn new(service: &str, role: &str, password: impl Into<String>) -> Result<ServiceRole> {
        validate_scope(service)?;
        validate_identifier("role", role)?;
        if role.to_ascii_lowercase().starts_with("pg_") {
            return Err(Error::InvalidIdentifier {
                kind: "role",
                name: role.to_owned(),
                reason: "PostgreSQL reserves role names starting with pg_",
            });
        }
        let password = password.into();
        let invalid = |reason: &str| Error::Validation {
            entity: "ServiceRole",
            field: "password",
            reason: reason.to_owned(),
        };
        if password.is_empty() {
            return Err(invalid("it is empty"));
        }
        if !password.is_ascii() || password.contains('\0') {
            return Err(invalid("only ASCII characters other than NUL are accepted"));
        }
        Ok(ServiceRole {
            service: service.to_owned(),
            role: role.to_owned(),
            password,
            tenant_schemas: false,
        })
    }

    /// Lets the role create schemas of its own, for a service that keeps a
    /// schema per tenant ([`Client::tenant_scopes`](crate::Client::tenant_scopes)):
    /// [`provision`](Self::provision) then grants it `CREATE` on the
    /// database (otherwise it revokes it). The schemas the role creates are
    /// its own; provisioning again never revokes its rights on them, while
    /// grants on schemas owned by others are still taken back. Nothing is
    /// sent.
    pub fn with_tenant_schemas(mut self, allowed: bool) -> ServiceRole {
        self.tenant_schemas = allowed;
        self
    }

    /// The service's schema.
    pub fn service(&self) -> &str {
        &self.service
    }

    /// The login role.
    pub fn role(&self) -> &str {
        &self.role
    }

    /// Creates or updates the role and its schema through `admin`, a
    /// superuser's client (giving a schema to a role takes membership of
    /// that role, which a role with only `CREATEROLE` lacks by default), in
    /// one transaction:
    ///
    /// - the role, `LOGIN` with the password (created, or its password set
    ///   again); an existing role that is a superuser, may create roles or
    ///   databases, replicates, bypasses row-level security or is a member
    ///   of other roles is refused, and nothing changes;
    /// - the schema, created with the role as owner, or given to the role
    ///   when it exists with another owner (its tables keep their owners);
    /// - no rights for anyone else: `REVOKE ALL ON SCHEMA <service> FROM
    ///   PUBLIC`, `REVOKE CREATE ON SCHEMA public FROM PUBLIC`, and any
    ///   grant to the role on a schema another role owns is revoked;
    /// - `GRANT CONNECT` on the current database to the role, and `CREATE`
    ///   on it only [`with_tenant_schemas`](Self::with_tenant_schemas)
    ///   (revoked otherwise).
    ///
    /// Concurrent calls serialise on an advisory lock. Other backends:
    /// [`Error::Unsupported`], before anything is sent.
    pub async fn provision(&self, admin: &Client) -> Result<ServiceRoleReport> {
        require_postgres(admin)?;
        let mut tx = admin.begin().await?;
        // On an error the transaction is dropped, which rolls it back.
        let report = self.provision_in(&mut tx).await?;
        tx.commit().await?;
        Ok(report)
    }

    async fn provision_in(&self, tx: &mut Transaction) -> Result<ServiceRoleReport> {
        let mut report = ServiceRoleReport::default();
        let (role, schema) = (ident(&self.role), ident(&self.service));
        lock(tx).await?;

        let existing: Vec<(bool,)> = RawQuery::new(
            "SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls \
             OR EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.member = r.oid) \
             FROM pg_roles r WHERE rolname = $1",
        )
        .bind(self.role.as_str())
        .fetch_all(&mut *tx)
        .await?;
        let password = literal(&scram::verifier(&self.password));
        match existing.first() {
            None => {
                let create = format!(
                    "CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION \
                     NOBYPASSRLS PASSWORD {password}"
                );
                tx.execute_raw(&create).await?;
                report.role_created = true;
            }
            Some((true,)) => {
                return Err(refused(format!(
                    "role {:?} exists with more than a service role may have (superuser, \
                     CREATEROLE, CREATEDB, REPLICATION, BYPASSRLS or membership of other roles)",
                    self.role
                )));
            }
            Some((false,)) => {
                tx.execute_raw(&format!("ALTER ROLE {role} WITH LOGIN PASSWORD {password}"))
                    .await?;
            }
        }

        let owner: Vec<(String,)> = RawQuery::new(
            "SELECT pg_get_userbyid(nspowner)::text FROM pg_namespace WHERE nspname = $1",
        )
        .bind(self.service.as_str())
        .fetch_all(&mut *tx)
        .await?;
        match owner.first() {
            None => {
                tx.execute_raw(&format!("CREATE SCHEMA {schema} AUTHORIZATION {role}"))
                    .await?;
                report.schema_created = true;
            }
            Some((owner,)) if *owner != self.role => {
                tx.execute_raw(&format!("ALTER SCHEMA {schema} OWNER TO {role}"))
                    .await?;
                report.schema_reassigned = true;
            }
            Some(_) => {}
        }
        tx.execute_raw(&format!("REVOKE ALL ON SCHEMA {schema} FROM PUBLIC"))
            .await?;
        let public: Vec<(i32,)> = RawQuery::new(super::PG_SCHEMA_EXISTS)
            .bind("public")
            .fetch_all(&mut *tx)
            .await?;
        if !public.is_empty() {
            tx.execute_raw("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
                .await?;
        }

        let others: Vec<(String,)> = RawQuery::new(
            "SELECT DISTINCT n.nspname::text FROM pg_namespace n \
             CROSS JOIN LATERAL aclexplode(n.nspacl) a JOIN pg_roles r ON r.oid = a.grantee \
             WHERE r.rolname = $1 AND n.nspname <> $2 AND n.nspowner <> r.oid ORDER BY 1",
        )
        .bind(self.role.as_str())
        .bind(self.service.as_str())
        .fetch_all(&mut *tx)
        .await?;
        for (other,) in others {
            let revoke = format!("REVOKE ALL ON SCHEMA {} FROM {role}", ident(&other));
            tx.execute_raw(&revoke).await?;
            report.revoked_on.push(other);
        }

        let database: Vec<(String,)> = RawQuery::new("SELECT current_database()::text")
            .fetch_all(&mut *tx)
            .await?;
        if let Some((database,)) = database.first() {
            let database = ident(database);
            let grant = format!("GRANT CONNECT ON DATABASE {database} TO {role}");
            tx.execute_raw(&grant).await?;
            let create = if self.tenant_schemas {
                format!("GRANT CREATE ON DATABASE {database} TO {role}")
            } else {
                format!("REVOKE CREATE ON DATABASE {database} FROM {role}")
            };
            tx.execute_raw(&create).await?;
        }
        Ok(report)
    }

    /// Removes what [`provision`](Self::provision) made, through `admin`:
    /// drops the schema with everything in it, then whatever else the role
    /// owns or was granted in this database, then the role. Missing pieces
    /// are skipped, so it may run twice. PostgreSQL only
    /// ([`Error::Unsupported`] elsewhere).
    pub async fn remove(&self, admin: &Client) -> Result<()> {
        require_postgres(admin)?;
        let role = ident(&self.role);
        let mut tx = admin.begin().await?;
        lock(&mut tx).await?;
        let schema = ident(&self.service);
        tx.execute_raw(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
            .await?;
        let exists: Vec<(i32,)> = RawQuery::new("SELECT 1 FROM pg_roles WHERE rolname = $1")
            .bind(self.role.as_str())
            .fetch_all(&mut tx)
            .await?;
        if !exists.is_empty() {
            tx.execute_raw(&format!("DROP OWNED BY {role}")).await?;
            tx.execute_raw(&format!("DROP ROLE {role}")).await?;
        }
        tx.commit().await
    }
}

/// Service roles are PostgreSQL's: refuse other backends before any SQL.
fn require_postgres(client: &Client) -> Result<()> {
    match client.backend() {
        Backend::Postgres => Ok(()),
        other => Err(Error::Unsupported {
            operation: "service roles",
            backend: other.name(),
        }),
    }
}

/// One role change at a time: concurrent `CREATE ROLE`s of one name would
/// collide, and grants are read then changed.
async fn lock(tx: &mut Transaction) -> Result<()> {
    RawQuery::new("SELECT pg_advisory_xact_lock(hashtext('entkit_service_roles'))")
        .execute(&mut *tx)
        .await
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_passwords_are_checked_before_any_sql() {
        assert!(ServiceRole::new("identity", "identity_svc", "pw").is_ok());
        assert!(matches!(
            ServiceRole::new("pg_catalog", "r", "pw"),
            Err(Error::InvalidIdentifier { kind: "scope", .. })
        ));
        assert!(matches!(
            ServiceRole::new("identity", "x\"; DROP ROLE postgres; --", "pw"),
            Err(Error::InvalidIdentifier { kind: "role", .. })
        ));
        assert!(matches!(
            ServiceRole::new("identity", "pg_monitor", "pw"),
            Err(Error::InvalidIdentifier { kind: "role", .. })
        ));
        for bad in ["", "naïve", "a\0b"] {
            assert!(
                matches!(
                    ServiceRole::new("identity", "r", bad),
                    Err(Error::Validation {
                        field: "password",
                        ..
                    })
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn debug_hides_the_password() {
        let role = ServiceRole::new("identity", "identity_svc", "hunter2").unwrap();
        let shown = format!("{role:?}");
        assert!(
            shown.contains("identity_svc") && !shown.contains("hunter2"),
            "{shown}"
        );
    }

    #[test]
    fn literals_survive_quotes_and_backslashes() {
        assert_eq!(literal(r"a'b\c"), r"E'a''b\\c'");
    }
}
