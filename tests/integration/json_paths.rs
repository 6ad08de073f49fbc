//! Predicates on paths inside JSON columns, on every backend.

use entkit::Entity as _;
use entkit_tests::for_each_backend;
use serde_json::json;

use crate::entities::Preference;

#[tokio::test]
async fn json_path_predicates() {
    for_each_backend("json_path_predicates", |ctx| async move {
        ctx.migrate(&[Preference::def()]).await;
        let c = &ctx.client;
        let docs = [
            (
                "ada",
                json!({"theme": {"mode": "dark"}, "size": 12, "we\"ird": "v"}),
            ),
            ("bob", json!({"theme": {"mode": "light"}, "size": 9})),
            ("cy", json!({"size": null})),
        ];
        for (owner, data) in docs {
            Preference::create().owner(owner).data(data).save(c).await?;
        }
        let owners = |p| async move {
            let mut v: Vec<String> = Preference::query()
                .filter(p)
                .all(c)
                .await?
                .into_iter()
                .map(|p| p.owner)
                .collect();
            v.sort();
            Ok::<_, entkit::Error>(v)
        };
        assert_eq!(
            owners(Preference::DATA.path(["theme", "mode"]).eq_text("dark")).await?,
            ["ada"]
        );
        assert_eq!(
            owners(Preference::DATA.path(["size"]).gt(10.0)).await?,
            ["ada"]
        );
        assert_eq!(
            owners(Preference::DATA.path(["size"]).lt(10.0)).await?,
            ["bob"]
        );
        assert_eq!(
            owners(Preference::DATA.path(["size"]).eq_number(9.0)).await?,
            ["bob"]
        );
        assert_eq!(
            owners(Preference::DATA.path(["theme"]).exists()).await?,
            ["ada", "bob"]
        );
        assert_eq!(
            owners(Preference::DATA.path(["size"]).exists()).await?,
            ["ada", "bob"],
            "JSON null is no value"
        );
        assert_eq!(
            owners(Preference::DATA.path(["we\"ird"]).eq_text("v")).await?,
            ["ada"],
            "keys are escaped"
        );
        Ok(())
    })
    .await;
}
