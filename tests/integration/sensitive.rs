//! Sensitive fields: redacted in Debug, skipped by the generated Serialize,
//! stored and read like any other column.

use entkit::Entity as _;
use entkit_tests::for_each_backend;

use crate::entities::Account;

const SECRET: &str = "hunter2-very-secret-hash";
const TOKEN: &str = "tok_live_0123456789";

#[tokio::test]
async fn sensitive_fields_are_redacted_not_lost() {
    for_each_backend("sensitive_fields_are_redacted_not_lost", |ctx| async move {
        ctx.migrate(&[Account::def()]).await;
        let c = &ctx.client;
        let created = Account::create()
            .login("ada")
            .password_hash(SECRET)
            .api_token(TOKEN)
            .save(c)
            .await?;
        let fetched = Account::get(c, created.id).await?;

        for (label, acct) in [("created", &created), ("fetched", &fetched)] {
            let debug = format!("{acct:?}");
            assert!(
                debug.contains("[REDACTED]"),
                "{label}: Debug lacks [REDACTED]: {debug}"
            );
            assert!(
                !debug.contains(SECRET),
                "{label}: Debug leaks the password hash: {debug}"
            );
            assert!(
                !debug.contains(TOKEN),
                "{label}: Debug leaks the token: {debug}"
            );
            assert!(
                debug.contains("ada"),
                "{label}: Debug hides a non-sensitive field: {debug}"
            );
            let pretty = format!("{acct:#?}");
            assert!(
                !pretty.contains(SECRET) && !pretty.contains(TOKEN),
                "{label}: {{:#?}} leaks: {pretty}"
            );

            let json = serde_json::to_value(acct).expect("serialize");
            let obj = json
                .as_object()
                .unwrap_or_else(|| panic!("{label}: not an object: {json}"));
            assert!(
                !obj.contains_key("password_hash"),
                "{label}: serialized sensitive key: {json}"
            );
            assert!(
                !obj.contains_key("api_token"),
                "{label}: serialized sensitive key: {json}"
            );
            assert_eq!(
                obj.get("login"),
                Some(&serde_json::json!("ada")),
                "{label}: {json}"
            );
            assert_eq!(
                obj.get("id"),
                Some(&serde_json::json!(created.id)),
                "{label}: {json}"
            );
            let text = serde_json::to_string(acct).expect("serialize");
            assert!(
                !text.contains(SECRET) && !text.contains(TOKEN),
                "{label}: {text}"
            );
        }

        // Redaction is presentation only: the values are stored and readable.
        assert_eq!(fetched.password_hash, SECRET);
        assert_eq!(fetched.api_token.as_deref(), Some(TOKEN));
        let n = Account::query()
            .filter(Account::PASSWORD_HASH.eq(SECRET))
            .count(c)
            .await?;
        assert_eq!(n, 1, "the real hash is in the database");

        // A None sensitive field does not break Debug or Serialize either.
        let bare = Account::create()
            .login("bob")
            .password_hash(SECRET)
            .save(c)
            .await?;
        assert!(!format!("{bare:?}").contains(SECRET));
        let json = serde_json::to_value(&bare).expect("serialize");
        assert!(
            json.get("api_token").is_none() && json.get("password_hash").is_none(),
            "{json}"
        );
        Ok(())
    })
    .await;
}
