//! `/api/v1/invoices`: a company's documents come in as UBL XML (kept byte for byte) or as the
//! model's JSON, are listed and read back, and `/validate?mode=quick|full` runs the real
//! validator on them. Company scoping and bad input answer with the API's error shape and store
//! nothing.

use crate::sandbox_support::{invoice, invoice_xml};
use crate::support::{TestApp, spawn_app, valid_company};

/// Our company's CIF (valid check digit); the partners' are 22222229 and 27182818.
const OURS: &str = "31415920";

async fn company(app: &TestApp, token: &str, cif: &str) -> String {
    let res = app
        .api_post(
            token,
            "/api/v1/companies",
            &valid_company(cif, "Firma Test SRL"),
        )
        .await;
    assert_eq!(res.status().as_u16(), 201);
    let body: serde_json::Value = res.json().await.unwrap();
    body["uuid"].as_str().unwrap().to_owned()
}

async fn send(
    app: &TestApp,
    token: &str,
    company: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<(&str, Vec<u8>)>,
) -> (u16, serde_json::Value) {
    let mut req = app
        .api
        .request(method, app.url(path))
        .bearer_auth(token)
        .header("X-Company", company)
        .header("Accept-Language", "ro");
    if let Some((content_type, bytes)) = body {
        req = req.header("Content-Type", content_type).body(bytes);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
    )
}

async fn post_xml(
    app: &TestApp,
    token: &str,
    company: &str,
    xml: &str,
) -> (u16, serde_json::Value) {
    send(
        app,
        token,
        company,
        reqwest::Method::POST,
        "/api/v1/invoices",
        Some(("application/xml", xml.as_bytes().to_vec())),
    )
    .await
}

async fn count(app: &TestApp, token: &str, company: &str) -> usize {
    let (status, body) = send(
        app,
        token,
        company,
        reqwest::Method::GET,
        "/api/v1/invoices",
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["data"].as_array().unwrap().len()
}

fn rules(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn an_uploaded_invoice_is_kept_byte_for_byte_and_validated_on_demand() {
    let app = spawn_app().await;
    let token = app.user_with_token("facturi@example.ro");
    let ours = company(&app, &token, OURS).await;
    let good = invoice_xml("F-100", "2026-03-02", OURS, "22222229");

    let (status, created) = post_xml(&app, &token, &ours, &good).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["direction"], "outgoing");
    assert_eq!(created["kind"], "invoice");
    assert_eq!(created["status"], "draft");
    assert_eq!(created["number"], "F-100");
    assert_eq!(created["issueDate"], "2026-03-02");
    assert_eq!(created["partnerCif"], "22222229");
    assert_eq!(created["hasXml"], true);
    let uuid = created["uuid"].as_str().unwrap().to_owned();

    // Listed, read back as the model, and the XML is the bytes sent.
    let (_, list) = send(
        &app,
        &token,
        &ours,
        reqwest::Method::GET,
        "/api/v1/invoices",
        None,
    )
    .await;
    assert_eq!(list["data"][0]["uuid"], uuid.as_str());
    let (status, one) = send(
        &app,
        &token,
        &ours,
        reqwest::Method::GET,
        &format!("/api/v1/invoices/{uuid}"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(one["invoice"]["number"], "F-100");
    assert_eq!(one["payable"], created["payable"]);
    let xml = app
        .api
        .get(app.url(&format!("/api/v1/invoices/{uuid}/xml")))
        .bearer_auth(&token)
        .header("X-Company", &ours)
        .send()
        .await
        .unwrap();
    assert_eq!(xml.status().as_u16(), 200);
    assert_eq!(xml.bytes().await.unwrap().as_ref(), good.as_bytes());

    // Full validation of a good invoice: valid, nothing fatal.
    let path = format!("/api/v1/invoices/{uuid}/validate?mode=full");
    let (status, report) = send(&app, &token, &ours, reqwest::Method::POST, &path, None).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["valid"], true, "{report}");
    assert_eq!(report["mode"], "full");
    assert_eq!(report["invoice"], uuid.as_str());

    // A number without a digit (BR-RO-010) and a line amount that no longer adds up (BR-CO-10):
    // full validation names both rules, quick validation (structure only) neither.
    let bad = good
        .replace("<cbc:ID>F-100</cbc:ID>", "<cbc:ID>FARA</cbc:ID>")
        .replacen(
            "<cbc:LineExtensionAmount currencyID=\"RON\">201.00</cbc:LineExtensionAmount>",
            "<cbc:LineExtensionAmount currencyID=\"RON\">201.01</cbc:LineExtensionAmount>",
            1,
        );
    assert_ne!(bad, good);
    let (status, created) = post_xml(&app, &token, &ours, &bad).await;
    assert_eq!(status, 201, "{created}");
    let bad_uuid = created["uuid"].as_str().unwrap().to_owned();
    let (_, report) = send(
        &app,
        &token,
        &ours,
        reqwest::Method::POST,
        &format!("/api/v1/invoices/{bad_uuid}/validate"),
        None,
    )
    .await;
    assert_eq!(report["mode"], "full", "full is the default");
    assert_eq!(report["valid"], false);
    let found = rules(&report);
    assert!(found.iter().any(|r| r == "BR-RO-010"), "{found:?}");
    assert!(found.iter().any(|r| r == "BR-CO-10"), "{found:?}");
    let co10 = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "BR-CO-10")
        .unwrap();
    assert_eq!(co10["flag"], "fatal");
    assert!(co10["line"].as_u64().is_some(), "{co10}");
    assert!(
        co10["message"].as_str().unwrap().contains("liniilor"),
        "Romanian explanation: {co10}"
    );
    let (_, quick) = send(
        &app,
        &token,
        &ours,
        reqwest::Method::POST,
        &format!("/api/v1/invoices/{bad_uuid}/validate?mode=quick"),
        None,
    )
    .await;
    assert_eq!(quick["mode"], "quick");
    assert_eq!(quick["valid"], true, "{quick}");

    // The same document again is refused, and nothing is added.
    let (status, body) = post_xml(&app, &token, &ours, &good).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["error"]["code"], "conflict");
    assert_eq!(count(&app, &token, &ours).await, 2);
}

#[tokio::test]
async fn a_draft_sent_as_json_is_validated_as_the_xml_spvdesk_would_issue() {
    let app = spawn_app().await;
    let token = app.user_with_token("ciorna@example.ro");
    let ours = company(&app, &token, OURS).await;
    let model = invoice("F-200", "2026-04-01", OURS, "22222229");
    let body = serde_json::to_vec(&model).unwrap();
    let (status, created) = send(
        &app,
        &token,
        &ours,
        reqwest::Method::POST,
        "/api/v1/invoices",
        Some(("application/json", body)),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["hasXml"], false);
    let uuid = created["uuid"].as_str().unwrap();
    let (_, report) = send(
        &app,
        &token,
        &ours,
        reqwest::Method::POST,
        &format!("/api/v1/invoices/{uuid}/validate?mode=full"),
        None,
    )
    .await;
    assert_eq!(report["valid"], true, "{report}");

    // The model's own XML is what gets validated: break a total and full validation says so.
    let mut broken = invoice("F-201", "2026-04-01", OURS, "22222229");
    broken.totals.payable += rust_decimal::Decimal::ONE;
    let body = serde_json::to_vec(&broken).unwrap();
    let (_, created) = send(
        &app,
        &token,
        &ours,
        reqwest::Method::POST,
        "/api/v1/invoices",
        Some(("application/json", body)),
    )
    .await;
    let uuid = created["uuid"].as_str().unwrap();
    let (_, report) = send(
        &app,
        &token,
        &ours,
        reqwest::Method::POST,
        &format!("/api/v1/invoices/{uuid}/validate"),
        None,
    )
    .await;
    assert_eq!(report["valid"], false, "{report}");
    assert!(rules(&report).iter().any(|r| r == "BR-CO-16"), "{report}");
}

#[tokio::test]
async fn bad_input_and_other_companies_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let token = app.user_with_token("refuz@example.ro");
    let ours = company(&app, &token, OURS).await;
    let good = invoice_xml("F-300", "2026-03-02", OURS, "22222229");

    // Not XML a reader understands: 400 naming the problem, in Romanian.
    let (status, body) = post_xml(&app, &token, &ours, "<Invoice><cbc:ID>").await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["code"], "invalid_document");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("UBL 2.1"),
        "{body}"
    );

    // Neither seller nor buyer is this company: 422 on the seller field.
    let strangers = invoice_xml("F-301", "2026-03-02", "27182818", "22222229");
    let (status, body) = post_xml(&app, &token, &ours, &strangers).await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body["error"]["fields"]["seller"]
            .as_str()
            .unwrap()
            .contains("CIF"),
        "{body}"
    );

    // JSON that is not an invoice: 400 that says what is wrong.
    let (status, body) = send(
        &app,
        &token,
        &ours,
        reqwest::Method::POST,
        "/api/v1/invoices",
        Some(("application/json", br#"{"number": 7}"#.to_vec())),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["code"], "invalid_json");
    assert_eq!(count(&app, &token, &ours).await, 0);

    // An invoice where our company is the buyer is stored as incoming.
    let incoming = invoice_xml("FZ-9", "2026-03-05", "27182818", OURS);
    let (status, created) = post_xml(&app, &token, &ours, &incoming).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["direction"], "incoming");
    assert_eq!(created["status"], "received");
    assert_eq!(created["partnerCif"], "27182818");

    // Another user's company cannot see it: 404 by uuid, 403 by X-Company, 400 without it.
    let (_, created) = post_xml(&app, &token, &ours, &good).await;
    let uuid = created["uuid"].as_str().unwrap().to_owned();
    let other_token = app.user_with_token("altcineva@example.ro");
    let theirs = company(&app, &other_token, "18547290").await;
    let path = format!("/api/v1/invoices/{uuid}/validate");
    let (status, _) = send(
        &app,
        &other_token,
        &theirs,
        reqwest::Method::POST,
        &path,
        None,
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = send(
        &app,
        &other_token,
        &ours,
        reqwest::Method::POST,
        &path,
        None,
    )
    .await;
    assert_eq!(status, 403);
    let res = app
        .api
        .post(app.url(&path))
        .bearer_auth(&other_token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    let (status, body) = send(
        &app,
        &token,
        &ours,
        reqwest::Method::POST,
        &format!("{path}?mode=slow"),
        None,
    )
    .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["code"], "invalid_mode");
    assert_eq!(count(&app, &token, &ours).await, 2);
}
