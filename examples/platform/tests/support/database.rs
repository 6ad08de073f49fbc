//! A database for one run of the platform: a SQLite directory of its own,
//! or, on PostgreSQL, three service roles, each owning a schema named for
//! this run, removed at the end.

use entkit::{Client, ServiceRole};
use entkit_tests::{Kind, unique_name};

/// The services, in start order (audit first: the others deliver to it).
pub const SERVICES: [&str; 3] = ["audit", "identity", "authz"];

/// Where one run's data lives, and the environment that points the
/// services at it.
pub struct Database {
    /// The services' environment (configuration overrides).
    pub env: Vec<(String, String)>,
    /// Each service's scope.
    pub scopes: Vec<(&'static str, String)>,
    _dir: Option<tempfile::TempDir>,
    roles: Vec<ServiceRole>,
    admin: Option<Client>,
}

fn config_file() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/config/default.yaml").to_owned()
}

impl Database {
    /// A fresh database on `kind`.
    pub async fn new(kind: Kind) -> Database {
        let mut env = vec![
            ("PLATFORM_CONFIG".to_owned(), config_file()),
            ("ENTKIT_ENV".to_owned(), "development".to_owned()),
        ];
        match kind {
            Kind::Sqlite => {
                let dir = tempfile::tempdir().expect("a temporary directory");
                let url = format!("sqlite://{}/platform.db", dir.path().display());
                env.push(("ENTKIT_DEFAULTS__URL".to_owned(), url));
                let scopes = SERVICES.iter().map(|s| (*s, (*s).to_owned())).collect();
                Database {
                    env,
                    scopes,
                    _dir: Some(dir),
                    roles: Vec::new(),
                    admin: None,
                }
            }
            Kind::Postgres => Database::postgres(env).await,
            Kind::MySql => unreachable!("the platform runs on SQLite and PostgreSQL"),
        }
    }

    /// Provisions a role and schema per service, as the platform's operator
    /// does, with the suite's (superuser) URL.
    async fn postgres(mut env: Vec<(String, String)>) -> Database {
        let admin_url = Kind::Postgres.url();
        let admin = Client::connect(&admin_url).await.unwrap_or_else(|e| {
            panic!("PostgreSQL at {admin_url} is selected but unreachable: {e}")
        });
        let mut roles = Vec::new();
        let mut scopes = Vec::new();
        for service in SERVICES {
            let scope = unique_name(service);
            let role_name = format!("{scope}_svc");
            let password = uuid::Uuid::new_v4().simple().to_string();
            // Identity keeps a schema per tenant: its role may create them.
            let role = ServiceRole::new(&scope, &role_name, password.clone())
                .expect("valid names")
                .with_tenant_schemas(service == "identity");
            role.provision(&admin)
                .await
                .expect("provision the service role");
            let mut url = url::Url::parse(&admin_url).expect("the suite's URL parses");
            url.set_username(&role_name).expect("a URL with a user");
            url.set_password(None).expect("a URL with a password");
            let key = service.to_uppercase();
            env.push((format!("ENTKIT_SERVICES__{key}__URL"), url.to_string()));
            env.push((format!("ENTKIT_SERVICES__{key}__PASSWORD"), password));
            env.push((format!("ENTKIT_SERVICES__{key}__SCOPE"), scope.clone()));
            roles.push(role);
            scopes.push((service, scope));
        }
        Database {
            env,
            scopes,
            _dir: None,
            roles,
            admin: Some(admin),
        }
    }

    /// The scope of `service`.
    pub fn scope(&self, service: &str) -> &str {
        &self
            .scopes
            .iter()
            .find(|(s, _)| *s == service)
            .expect("a service")
            .1
    }

    /// Removes the roles and everything they own (schemas, tenant schemas).
    pub async fn remove(self) {
        if let Some(admin) = &self.admin {
            for role in &self.roles {
                if let Err(e) = role.remove(admin).await {
                    eprintln!("cleanup: removing {role:?}: {e}");
                }
            }
            admin.close().await;
        }
    }
}
