//! The JSON API: authentication, company scoping, error shape.

use crate::support::{spawn_app, valid_company};

#[tokio::test]
async fn missing_or_bad_token_is_401_with_error_shape() {
    let app = spawn_app().await;
    let res = app
        .api
        .get(app.url("/api/v1/companies"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 401);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthorized");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );

    let res = app
        .api_get("spv_not-a-real-token", "/api/v1/companies")
        .await;
    assert_eq!(res.status().as_u16(), 401);
}

#[tokio::test]
async fn create_list_get_and_patch_companies() {
    let app = spawn_app().await;
    let token = app.user_with_token("contabil@example.ro");

    let res = app
        .api_post(
            &token,
            "/api/v1/companies",
            &valid_company("RO18547290", "Alfa SRL"),
        )
        .await;
    assert_eq!(res.status().as_u16(), 201);
    let created: serde_json::Value = res.json().await.unwrap();
    let uuid = created["uuid"].as_str().unwrap().to_string();
    assert_eq!(created["cif"], "18547290");
    assert_eq!(created["syncEnabled"], false);
    assert_eq!(created["syncDaysBack"], 60);
    assert!(created["efacturaDelayHours"].is_null());

    let list: serde_json::Value = app
        .api_get(&token, "/api/v1/companies")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
    assert_eq!(list["data"][0]["name"], "Alfa SRL");

    let res = app
        .api
        .patch(app.url(&format!("/api/v1/companies/{uuid}")))
        .bearer_auth(&token)
        .json(
            &serde_json::json!({"syncEnabled": true, "efacturaDelayHours": 24, "syncDaysBack": 30}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let patched: serde_json::Value = res.json().await.unwrap();
    assert_eq!(patched["syncEnabled"], true);
    assert_eq!(patched["efacturaDelayHours"], 24);
    assert_eq!(patched["syncDaysBack"], 30);
    assert_eq!(patched["name"], "Alfa SRL");

    // A bad value is refused with the field named and nothing changes.
    let res = app
        .api
        .patch(app.url(&format!("/api/v1/companies/{uuid}")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"syncDaysBack": 61, "name": "Schimbat SRL"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 422);
    let err: serde_json::Value = res.json().await.unwrap();
    assert_eq!(err["error"]["code"], "validation_failed");
    assert!(err["error"]["fields"]["syncDaysBack"].is_string());
    let again: serde_json::Value = app
        .api_get(&token, &format!("/api/v1/companies/{uuid}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["name"], "Alfa SRL");
    assert_eq!(again["syncDaysBack"], 30);
}

#[tokio::test]
async fn invalid_company_names_each_field_and_saves_nothing() {
    let app = spawn_app().await;
    let token = app.user_with_token("contabil@example.ro");
    let mut body = valid_company("RO18547291", "Beta SRL");
    body["county"] = "DE-BY".into();
    body["iban"] = "RO49AAAA1B31007593840001".into();
    let res = app
        .api
        .post(app.url("/api/v1/companies"))
        .bearer_auth(&token)
        .header("Accept-Language", "en")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 422);
    let err: serde_json::Value = res.json().await.unwrap();
    let fields = &err["error"]["fields"];
    assert!(
        fields["cif"].as_str().unwrap().contains("check digit"),
        "{err}"
    );
    assert!(
        fields["county"].as_str().unwrap().contains("ISO 3166-2:RO"),
        "{err}"
    );
    assert!(fields["iban"].as_str().unwrap().contains("IBAN"), "{err}");
    let list: serde_json::Value = app
        .api_get(&token, "/api/v1/companies")
        .await
        .json()
        .await
        .unwrap();
    assert!(list["data"].as_array().unwrap().is_empty());

    // Romanian by default.
    let res = app.api_post(&token, "/api/v1/companies", &body).await;
    let err: serde_json::Value = res.json().await.unwrap();
    assert!(
        err["error"]["fields"]["cif"]
            .as_str()
            .unwrap()
            .contains("Cifra de control"),
        "{err}"
    );
}

#[tokio::test]
async fn company_scope_statuses() {
    let app = spawn_app().await;
    let alice = app.user_with_token("alice@example.ro");
    let bob = app.user_with_token("bob@example.ro");
    let created: serde_json::Value = app
        .api_post(
            &alice,
            "/api/v1/companies",
            &valid_company("18547290", "Alfa SRL"),
        )
        .await
        .json()
        .await
        .unwrap();
    let uuid = created["uuid"].as_str().unwrap();

    // Company-scoped call without X-Company: 400.
    let res = app.api_get(&alice, "/api/v1/memberships").await;
    assert_eq!(res.status().as_u16(), 400);
    let err: serde_json::Value = res.json().await.unwrap();
    assert_eq!(err["error"]["code"], "missing_company");

    // The member gets the data.
    let res = app
        .api
        .get(app.url("/api/v1/memberships"))
        .bearer_auth(&alice)
        .header("X-Company", uuid)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let members: serde_json::Value = res.json().await.unwrap();
    assert_eq!(members["data"][0]["email"], "alice@example.ro");
    assert_eq!(members["data"][0]["role"], "owner");

    // Not a member: 403.
    let res = app
        .api
        .get(app.url("/api/v1/memberships"))
        .bearer_auth(&bob)
        .header("X-Company", uuid)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);

    // The same 404 for a foreign company and a missing one.
    let foreign = app
        .api_get(&bob, &format!("/api/v1/companies/{uuid}"))
        .await;
    let missing = app
        .api_get(&bob, &format!("/api/v1/companies/{}", uuid::Uuid::new_v4()))
        .await;
    assert_eq!(foreign.status().as_u16(), 404);
    assert_eq!(missing.status().as_u16(), 404);
    let foreign: serde_json::Value = foreign.json().await.unwrap();
    let missing: serde_json::Value = missing.json().await.unwrap();
    assert_eq!(foreign, missing);

    // And bob cannot change it either.
    let res = app
        .api
        .patch(app.url(&format!("/api/v1/companies/{uuid}")))
        .bearer_auth(&bob)
        .json(&serde_json::json!({"name": "Furat SRL"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 404);
}

#[tokio::test]
async fn health_and_openapi() {
    let app = spawn_app().await;
    let res = app.api.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["database"], "ok");
    let doc: serde_json::Value = app
        .api
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    assert!(doc["paths"]["/companies"].is_object());
}
