//! `POST /api/v1/validate`: the real server validates a document sent by an API client, in the
//! caller's language, and refuses bad requests with the API's error shape.

use crate::sandbox_support::{invoice_xml, with_two_rule_errors};
use crate::support::spawn_app;

async fn post(
    app: &crate::support::TestApp,
    token: &str,
    query: &str,
    body: Vec<u8>,
    lang: &str,
) -> (u16, serde_json::Value) {
    let res = app
        .api
        .post(app.url(&format!("/api/v1/validate{query}")))
        .bearer_auth(token)
        .header("Accept-Language", lang)
        .header("Content-Type", "application/xml")
        .body(body)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

#[tokio::test]
async fn documents_are_validated_with_findings_in_the_callers_language() {
    let app = spawn_app().await;
    let token = app.user_with_token("validare@example.ro");
    let good = invoice_xml("F-7", "2026-03-02", "11111111", "22222222");

    let (status, body) = post(&app, &token, "?mode=full", good.clone().into_bytes(), "ro").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["valid"], true, "{body}");
    assert_eq!(body["fatal"], 0);
    assert_eq!(body["mode"], "full");

    // No digit in the number (BR-RO-010) and a line net amount that no longer adds up (BR-CO-10).
    let bad = with_two_rule_errors(&good, "F-7");
    let (status, body) = post(&app, &token, "", bad.clone().into_bytes(), "ro").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["valid"], false);
    assert_eq!(body["mode"], "full", "full is the default");
    let rules: Vec<&str> = body["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"BR-RO-010"), "{rules:?}");
    assert!(rules.contains(&"BR-CO-10"), "{rules:?}");
    let co10 = body["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "BR-CO-10")
        .unwrap();
    assert_eq!(co10["flag"], "fatal");
    assert!(co10["line"].as_u64().is_some());
    assert!(
        co10["message"].as_str().unwrap().contains("BT-106"),
        "{co10}"
    );
    // Romanian explanation after the official text.
    assert!(
        co10["message"].as_str().unwrap().contains("liniilor"),
        "{co10}"
    );

    let (_, body) = post(&app, &token, "?mode=full", bad.clone().into_bytes(), "en").await;
    let message = body["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "BR-CO-10")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.contains("line"), "{message}");

    // Quick mode checks only what the XSD checks: the business rules stay silent.
    let (_, body) = post(&app, &token, "?mode=quick", bad.into_bytes(), "ro").await;
    assert_eq!(body["valid"], true, "{body}");
}

#[tokio::test]
async fn bad_requests_get_the_error_shape() {
    let app = spawn_app().await;
    let token = app.user_with_token("validare2@example.ro");
    let (status, body) = post(&app, &token, "?mode=fast", b"<x/>".to_vec(), "ro").await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "invalid_mode");
    assert!(body["error"]["message"].as_str().unwrap().contains("quick"));
    let (status, body) = post(&app, &token, "", Vec::new(), "en").await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "empty_body");
    let (status, body) = post(&app, &token, "", vec![b' '; 10 * 1024 * 1024 + 1], "en").await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "payload_too_large");
    let (status, _) = post(&app, "spv_wrong", "", b"<x/>".to_vec(), "en").await;
    assert_eq!(status, 401);
}
