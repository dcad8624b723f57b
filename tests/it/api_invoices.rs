//! `/api/v1/invoices`: a company's documents come in as UBL XML (kept byte for byte) or as the
//! model's JSON, are listed and read back, and `/validate?mode=quick|full` runs the real
//! validator on them. Company scoping and bad input answer with the API's error shape and store
//! nothing.

use crate::sandbox_support::{invoice, invoice_xml, with_two_rule_errors};
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

/// One API caller acting for one company.
struct Caller<'a> {
    app: &'a TestApp,
    token: String,
    company: String,
}

impl Caller<'_> {
    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<(&str, Vec<u8>)>,
    ) -> (u16, serde_json::Value) {
        let mut req = self
            .app
            .api
            .request(method, self.app.url(path))
            .bearer_auth(&self.token)
            .header("X-Company", &self.company)
            .header("Accept-Language", "ro");
        if let Some((content_type, bytes)) = body {
            req = req.header("Content-Type", content_type).body(bytes);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        let json = serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
        (status, json)
    }

    async fn get(&self, path: &str) -> (u16, serde_json::Value) {
        self.send(reqwest::Method::GET, path, None).await
    }

    async fn post_xml(&self, xml: &str) -> (u16, serde_json::Value) {
        let body = Some(("application/xml", xml.as_bytes().to_vec()));
        self.send(reqwest::Method::POST, "/api/v1/invoices", body)
            .await
    }

    async fn post_json(&self, json: Vec<u8>) -> (u16, serde_json::Value) {
        let body = Some(("application/json", json));
        self.send(reqwest::Method::POST, "/api/v1/invoices", body)
            .await
    }

    /// `POST /api/v1/invoices/{uuid}/validate{query}`.
    async fn validate(&self, uuid: &str, query: &str) -> (u16, serde_json::Value) {
        let path = format!("/api/v1/invoices/{uuid}/validate{query}");
        self.send(reqwest::Method::POST, &path, None).await
    }

    async fn count(&self) -> usize {
        let (status, body) = self.get("/api/v1/invoices").await;
        assert_eq!(status, 200, "{body}");
        body["data"].as_array().unwrap().len()
    }
}

/// A new user with a token and a company of theirs.
async fn caller<'a>(app: &'a TestApp, email: &str, cif: &str) -> Caller<'a> {
    let token = app.user_with_token(email);
    let company = company(app, &token, cif).await;
    Caller {
        app,
        token,
        company,
    }
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
    let us = caller(&app, "facturi@example.ro", OURS).await;
    let good = invoice_xml("F-100", "2026-03-02", OURS, "22222229");

    let (status, created) = us.post_xml(&good).await;
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
    let (_, list) = us.get("/api/v1/invoices").await;
    assert_eq!(list["data"][0]["uuid"], uuid.as_str());
    let (status, one) = us.get(&format!("/api/v1/invoices/{uuid}")).await;
    assert_eq!(status, 200);
    assert_eq!(one["invoice"]["number"], "F-100");
    assert_eq!(one["payable"], created["payable"]);
    let (status, xml) = us.get(&format!("/api/v1/invoices/{uuid}/xml")).await;
    assert_eq!(status, 200);
    assert_eq!(xml.as_str(), Some(good.as_str()));

    // Full validation of a good invoice: valid, nothing fatal.
    let (status, report) = us.validate(&uuid, "?mode=full").await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["valid"], true, "{report}");
    assert_eq!(report["mode"], "full");
    assert_eq!(report["invoice"], uuid.as_str());

    // A number without a digit (BR-RO-010) and a line amount that no longer adds up (BR-CO-10):
    // full validation names both rules, quick validation (structure only) neither.
    let bad = with_two_rule_errors(&good, "F-100");
    let (status, created) = us.post_xml(&bad).await;
    assert_eq!(status, 201, "{created}");
    let bad_uuid = created["uuid"].as_str().unwrap().to_owned();
    let (_, report) = us.validate(&bad_uuid, "").await;
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
    let (_, quick) = us.validate(&bad_uuid, "?mode=quick").await;
    assert_eq!(quick["mode"], "quick");
    assert_eq!(quick["valid"], true, "{quick}");

    // The same document again is refused, and nothing is added.
    let (status, body) = us.post_xml(&good).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["error"]["code"], "conflict");
    assert_eq!(us.count().await, 2);

    // Paging: newest first, one at a time, with the total; bad parameters are named.
    let (_, first) = us.get("/api/v1/invoices?limit=1").await;
    let (_, second) = us.get("/api/v1/invoices?limit=1&offset=1").await;
    assert_eq!(first["total"], 2);
    assert_eq!(first["data"].as_array().unwrap().len(), 1);
    assert_eq!(second["data"].as_array().unwrap().len(), 1);
    assert_ne!(first["data"][0]["uuid"], second["data"][0]["uuid"]);
    for bad in ["?limit=0", "?limit=501", "?limit=zece", "?offset=-1"] {
        let (status, body) = us.get(&format!("/api/v1/invoices{bad}")).await;
        assert_eq!(status, 400, "{bad}: {body}");
        assert_eq!(body["error"]["code"], "invalid_page", "{bad}");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(
            message.contains("limit") || message.contains("offset"),
            "{message}"
        );
    }

    // A draft can be removed; then it is gone.
    let path = format!("/api/v1/invoices/{bad_uuid}");
    assert_eq!(us.send(reqwest::Method::DELETE, &path, None).await.0, 204);
    assert_eq!(us.get(&path).await.0, 404);
    assert_eq!(us.send(reqwest::Method::DELETE, &path, None).await.0, 404);
    assert_eq!(us.count().await, 1);
}

#[tokio::test]
async fn a_draft_sent_as_json_is_validated_as_the_xml_spvdesk_would_issue() {
    let app = spawn_app().await;
    let us = caller(&app, "ciorna@example.ro", OURS).await;
    let model = invoice("F-200", "2026-04-01", OURS, "22222229");
    let (status, created) = us.post_json(serde_json::to_vec(&model).unwrap()).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["hasXml"], false);
    let (_, report) = us
        .validate(created["uuid"].as_str().unwrap(), "?mode=full")
        .await;
    assert_eq!(report["valid"], true, "{report}");

    // The model's own XML is what gets validated: break a total and full validation says so.
    let mut broken = invoice("F-201", "2026-04-01", OURS, "22222229");
    broken.totals.payable += rust_decimal::Decimal::ONE;
    let (_, created) = us.post_json(serde_json::to_vec(&broken).unwrap()).await;
    let (_, report) = us.validate(created["uuid"].as_str().unwrap(), "").await;
    assert_eq!(report["valid"], false, "{report}");
    assert!(rules(&report).iter().any(|r| r == "BR-CO-16"), "{report}");
}

#[tokio::test]
async fn bad_input_and_other_companies_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let us = caller(&app, "refuz@example.ro", OURS).await;

    // Not XML a reader understands: 400 naming the problem, in Romanian.
    let (status, body) = us.post_xml("<Invoice><cbc:ID>").await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["code"], "invalid_document");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.contains("UBL 2.1"), "{body}");

    // Neither seller nor buyer is this company: 422 on the seller field.
    let strangers = invoice_xml("F-301", "2026-03-02", "27182818", "22222229");
    let (status, body) = us.post_xml(&strangers).await;
    assert_eq!(status, 422, "{body}");
    let seller = body["error"]["fields"]["seller"].as_str().unwrap();
    assert!(seller.contains("CIF"), "{body}");

    // JSON that is not an invoice: 400 that says what is wrong.
    let (status, body) = us.post_json(br#"{"number": 7}"#.to_vec()).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["code"], "invalid_json");
    assert_eq!(us.count().await, 0);

    // An invoice where our company is the buyer is stored as incoming.
    let (status, created) = us
        .post_xml(&invoice_xml("FZ-9", "2026-03-05", "27182818", OURS))
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["direction"], "incoming");
    assert_eq!(created["status"], "received");
    assert_eq!(created["partnerCif"], "27182818");

    // Another user's company cannot reach ours: 404 by uuid, 403 by X-Company, 400 without it.
    let good = invoice_xml("F-300", "2026-03-02", OURS, "22222229");
    let (_, created) = us.post_xml(&good).await;
    let uuid = created["uuid"].as_str().unwrap().to_owned();
    let them = caller(&app, "altcineva@example.ro", "18547290").await;
    assert_eq!(them.validate(&uuid, "").await.0, 404);
    let posing = Caller {
        app: &app,
        token: them.token.clone(),
        company: us.company.clone(),
    };
    assert_eq!(posing.validate(&uuid, "").await.0, 403);
    let path = format!("/api/v1/invoices/{uuid}/validate");
    let res = app
        .api
        .post(app.url(&path))
        .bearer_auth(&them.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    let (status, body) = us.validate(&uuid, "?mode=slow").await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["code"], "invalid_mode");
    assert_eq!(us.count().await, 2);
}
