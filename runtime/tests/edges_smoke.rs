use entkit::{Client, Entity};

#[derive(Entity)]
#[entity(many_to_many(roles, Role, table = "user_roles"))]
#[entity(has_many(audit_logs, AuditLog, inverse = actor))]
#[entity(many_to_many(friends, Self, symmetric))]
pub struct User {
    pub id: i64,
    pub name: String,
    #[entity(edges)]
    pub edges: UserEdges,
}

#[derive(Entity)]
#[entity(many_to_many(users, User, inverse = roles))]
#[entity(many_to_many(permissions, Permission, table = "role_permissions"))]
pub struct Role {
    pub id: i64,
    pub name: String,
    #[entity(edges)]
    pub edges: RoleEdges,
}

#[derive(Entity)]
#[entity(many_to_many(roles, Role, inverse = permissions))]
pub struct Permission {
    pub id: i64,
    pub name: String,
    #[entity(edges)]
    pub edges: PermissionEdges,
}

#[derive(Entity)]
pub struct AuditLog {
    pub id: i64,
    #[entity(belongs_to(User, on_delete = cascade))]
    pub actor_id: i64,
    pub action: String,
    #[entity(edges)]
    pub edges: AuditLogEdges,
}

#[tokio::test]
async fn edges_on_all() -> entkit::Result<()> {
    for url in [
        "sqlite::memory:",
        "postgres://postgres@127.0.0.1:5432/test",
        "mysql://root@127.0.0.1:3306/test",
    ] {
        let base = Client::connect(url).await?;
        let c = base.scope("edges_smoke")?;
        c.drop_scope().await.ok();
        println!("== {url}");
        run(&c).await?;
        c.drop_scope().await?;
    }
    Ok(())
}

async fn run(c: &Client) -> entkit::Result<()> {
    let c = c.clone();
    let r = c
        .auto_migrate(&[AuditLog::def(), User::def(), Role::def(), Permission::def()])
        .await?;
    println!("{r:?}");
    for s in c.schema_ddl(&[User::def(), Role::def(), Permission::def(), AuditLog::def()]) {
        println!("{s};");
    }
    let ada = User::create().name("ada").save(&c).await?;
    let bob = User::create().name("bob").save(&c).await?;
    let admin = Role::create().name("admin").save(&c).await?;
    let dev = Role::create().name("dev").save(&c).await?;
    let p1 = Permission::create().name("users.read").save(&c).await?;
    let p2 = Permission::create().name("users.write").save(&c).await?;
    ada.add_roles(&c, [admin.id, dev.id]).await?;
    ada.add_roles(&c, [admin.id]).await?;
    assert_eq!(ada.query_roles().count(&c).await?, 2);
    bob.add_roles(&c, [dev.id]).await?;
    admin.add_permissions(&c, [p1.id, p2.id]).await?;
    dev.add_permissions(&c, [p1.id]).await?;
    ada.add_friends(&c, [bob.id]).await?;
    AuditLog::create()
        .actor_id(ada.id)
        .action("login")
        .save(&c)
        .await?;

    let admins = User::query()
        .filter(User::ROLES.any(Role::NAME.eq("admin")))
        .all(&c)
        .await?;
    assert_eq!(admins.len(), 1);
    let perms = User::query()
        .filter(User::NAME.eq("bob"))
        .traverse(User::ROLES)
        .traverse(Role::PERMISSIONS)
        .all(&c)
        .await?;
    assert_eq!(
        perms.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["users.read"]
    );
    assert_eq!(bob.query_friends().all(&c).await?.len(), 1);
    assert_eq!(ada.query_audit_logs().count(&c).await?, 1);

    let before = c.statement_count();
    let users = User::query()
        .order_by(User::ID.asc())
        .with(User::ROLES, |q| {
            q.order_by(Role::NAME.asc())
                .with(Role::PERMISSIONS, |p| p.order_by(Permission::NAME.asc()))
        })
        .with(User::AUDIT_LOGS, |q| q)
        .all(&c)
        .await?;
    println!("statements for 3 levels: {}", c.statement_count() - before);
    let roles = users[0].edges.roles()?;
    assert_eq!(
        roles.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        ["admin", "dev"]
    );
    assert_eq!(roles[0].edges.permissions()?.len(), 2);
    assert_eq!(users[0].edges.audit_logs()?.len(), 1);
    let logs = AuditLog::query()
        .with(AuditLog::ACTOR, |q| q)
        .all(&c)
        .await?;
    assert_eq!(logs[0].edges.actor()?.unwrap().name, "ada");
    let limited = User::query()
        .order_by(User::ID.asc())
        .with(User::ROLES, |q| q.order_by(Role::NAME.desc()).limit(1))
        .all(&c)
        .await?;
    assert_eq!(
        limited[0]
            .edges
            .roles()?
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>(),
        ["dev"]
    );
    ada.set_roles(&c, [dev.id]).await?;
    assert_eq!(ada.query_roles().count(&c).await?, 1);
    User::delete_by_id(&c, ada.id).await?;
    assert_eq!(AuditLog::query().count(&c).await?, 0);
    println!("{:?}", users[0]);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn memory_read_during_write_tx() -> entkit::Result<()> {
    let c = Client::connect("sqlite::memory:").await?;
    c.auto_migrate(&[User::def(), Role::def(), Permission::def(), AuditLog::def()])
        .await?;
    let mut tx = c.begin().await?;
    User::create().name("x").save(&mut tx).await?;
    let outside =
        tokio::time::timeout(std::time::Duration::from_secs(5), User::query().count(&c)).await;
    assert_eq!(outside.expect("read blocked").unwrap(), 0);
    tx.commit().await?;
    let mut handles = Vec::new();
    for i in 0..8 {
        let c = c.clone();
        handles.push(tokio::spawn(async move {
            for j in 0..20 {
                User::create()
                    .name(format!("{i}-{j}"))
                    .save(&c)
                    .await
                    .unwrap();
            }
        }));
    }
    for h in handles {
        h.await.unwrap();
    }
    assert_eq!(User::query().count(&c).await?, 161);
    let scoped = c.scope("tenant")?;
    scoped
        .auto_migrate(&[User::def(), Role::def(), Permission::def(), AuditLog::def()])
        .await?;
    User::create().name("t").save(&scoped).await?;
    assert_eq!(User::query().count(&scoped).await?, 1);
    Ok(())
}
