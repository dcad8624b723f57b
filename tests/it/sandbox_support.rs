//! Starts the sandbox on port 0 (`run_standalone` on its own actix system thread) and gives
//! tests an HTTP client plus small helpers for ANAF payloads.

use spvdesk::sandbox::{Sandbox, SandboxConfig, run_standalone};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

pub struct Running {
    pub base: String,
    pub dir: PathBuf,
    system: Option<actix_web::rt::System>,
    pub client: reqwest::Client,
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(s) = self.system.take() {
            s.stop();
        }
    }
}

impl Running {
    /// Stops the server but keeps the data dir (for restart tests).
    pub fn stop(mut self) -> PathBuf {
        if let Some(s) = self.system.take() {
            s.stop();
        }
        self.dir.clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn mint(&self, cifs: &[&str]) -> String {
        let v: serde_json::Value = self
            .client
            .post(self.url("/__sandbox/tokens"))
            .json(&serde_json::json!({"cifs": cifs}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        v["access_token"].as_str().unwrap().to_string()
    }

    pub async fn upload(
        &self,
        token: &str,
        query: &str,
        body: impl Into<reqwest::Body>,
    ) -> (u16, String) {
        let r = self
            .client
            .post(self.url(&format!("/prod/FCTEL/rest/upload?{query}")))
            .bearer_auth(token)
            .header("Content-Type", "text/plain")
            .body(body)
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }

    pub async fn get(&self, token: &str, path_and_query: &str) -> (u16, String) {
        let r = self
            .client
            .get(self.url(path_and_query))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }

    pub async fn get_bytes(&self, token: &str, path_and_query: &str) -> (u16, Vec<u8>) {
        let r = self
            .client
            .get(self.url(path_and_query))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.bytes().await.unwrap().to_vec())
    }

    pub async fn control(&self, path: &str, body: serde_json::Value) -> serde_json::Value {
        let r = self
            .client
            .post(self.url(path))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(
            r.status().is_success(),
            "control {path} failed: {}",
            r.status()
        );
        r.json().await.unwrap()
    }

    pub async fn advance(&self, seconds: i64) {
        self.control(
            "/__sandbox/clock",
            serde_json::json!({"advanceSeconds": seconds}),
        )
        .await;
    }

    pub async fn uploads(&self) -> Vec<serde_json::Value> {
        self.client
            .get(self.url("/__sandbox/uploads"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }
}

pub fn install_crypto() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

pub fn client() -> reqwest::Client {
    install_crypto();
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

pub fn fresh_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "spvdesk-sandbox-{tag}-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::{SystemTime, UNIX_EPOCH};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    nanos * 1000 + COUNTER.fetch_add(1, Ordering::Relaxed)
}

/// A config with no processing delay, for tests that do not care about timing.
pub fn quick_config(dir: &Path) -> SandboxConfig {
    let mut cfg = SandboxConfig::new(dir);
    cfg.processing_delay_seconds = 0;
    cfg
}

pub fn start(cfg: SandboxConfig) -> Running {
    let dir = cfg.data_dir.clone();
    let sb = Sandbox::open(cfg).unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let system = actix_web::rt::System::new();
        system.block_on(async move {
            tx.send(actix_web::rt::System::current()).unwrap();
            let _ = run_standalone(listener, sb).await;
        });
    });
    let system = rx.recv().unwrap();
    Running {
        base: format!("http://127.0.0.1:{port}"),
        dir,
        system: Some(system),
        client: client(),
    }
}

/// Where the shared ANAF samples live; `None` (after a loud message) when absent outside CI.
pub fn samples_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/anaf/samples");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "ANAF samples missing at {} (required under CI)",
            dir.display()
        );
    }
    eprintln!(
        "SKIPPED: sandbox sample tests because {} does not exist",
        dir.display()
    );
    None
}

/// A complete CIUS-RO invoice (valid under full validation, which the sandbox runs on every
/// upload) with the given number, issue date, seller CIF (as `RO…` VAT id) and buyer CIF (as
/// legal registration id; empty = the buyer has no identifier, which ANAF refuses).
pub fn invoice_xml(number: &str, date: &str, seller: &str, buyer: &str) -> String {
    let inv = invoice(number, date, seller, buyer);
    String::from_utf8(spvdesk::ubl::write_invoice(&inv).expect("test invoice writes"))
        .expect("UTF-8")
}

/// [`invoice_xml`]'s invoice numbered `FARA` instead of `number` (no digit: BR-RO-010) and with a
/// first line net amount that no longer adds up (BR-CO-10): valid structure, two fatal rules.
pub fn with_two_rule_errors(xml: &str, number: &str) -> String {
    let bad = xml
        .replace(
            &format!("<cbc:ID>{number}</cbc:ID>"),
            "<cbc:ID>FARA</cbc:ID>",
        )
        .replacen(
            "<cbc:LineExtensionAmount currencyID=\"RON\">201.00</cbc:LineExtensionAmount>",
            "<cbc:LineExtensionAmount currencyID=\"RON\">201.01</cbc:LineExtensionAmount>",
            1,
        );
    assert!(
        bad.contains("<cbc:ID>FARA</cbc:ID>") && bad.contains(">201.01<"),
        "both changes applied"
    );
    bad
}

/// A complete CIUS-RO credit note crediting all of [`invoice_xml`]'s invoice.
pub fn credit_note_xml(number: &str, date: &str, seller: &str, buyer: &str) -> String {
    let inv = invoice("F-CREDITED-1", date, seller, buyer);
    let issue = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("test date");
    let cn = spvdesk::domain::credit_note::credit_full(&inv, number, issue).expect("credit");
    String::from_utf8(spvdesk::ubl::write_invoice(&cn).expect("test credit note writes"))
        .expect("UTF-8")
}

/// The model behind [`invoice_xml`], for callers that send it as JSON.
pub fn invoice(number: &str, date: &str, seller: &str, buyer: &str) -> spvdesk::domain::Invoice {
    use rust_decimal::Decimal;
    use spvdesk::domain::*;
    let issue = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("test date");
    let mut inv = Invoice::new(DocumentKind::Invoice, number, issue, "RON");
    inv.due_date = Some(issue + chrono::Days::new(30));
    inv.seller = Party {
        address: Some(Address::romanian(
            "Str. Exemplu 1",
            "Cluj-Napoca",
            County::Cluj,
            Some("400001"),
        )),
        vat_id: Some(format!("RO{seller}")),
        legal_name: format!("Vanzator {seller} SRL"),
        legal_registration_id: Some(Identifier::new("J12/1/2010")),
        ..Party::default()
    };
    inv.buyer = Party {
        address: Some(Address::romanian(
            "Bd. Unirii 10",
            "Brasov",
            County::Brasov,
            Some("500001"),
        )),
        legal_name: format!("Cumparator {buyer} SRL"),
        legal_registration_id: (!buyer.is_empty()).then(|| Identifier::new(buyer)),
        ..Party::default()
    };
    inv.lines.push(InvoiceLine {
        id: "1".to_owned(),
        quantity: Decimal::from(2),
        unit_code: "H87".to_owned(),
        item: Item {
            name: "Servicii de contabilitate".to_owned(),
            tax: TaxCategory::new(VatCategory::Standard, Some(Decimal::from(19))),
            ..Item::default()
        },
        price: Price {
            amount: Decimal::new(10050, 2),
            ..Price::default()
        },
        ..InvoiceLine::default()
    });
    inv.compute_totals().expect("test invoice computes");
    inv
}

/// Reads one attribute of the root element of an XML answer.
pub fn root_attr(xml: &str, name: &str) -> Option<String> {
    let start = xml.find("<header")?;
    let tag_end = xml[start..].find('>')? + start;
    let tag = &xml[start..tag_end];
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let len = tag[at..].find('"')?;
    Some(tag[at..at + len].to_string())
}

pub fn error_message(xml: &str) -> Option<String> {
    let key = "errorMessage=\"";
    let at = xml.find(key)? + key.len();
    let len = xml[at..].find('"')?;
    Some(
        xml[at..at + len]
            .replace("&quot;", "\"")
            .replace("&amp;", "&"),
    )
}

/// Polls `stareMesaj` (advancing the clock) until the upload leaves `in prelucrare`.
pub async fn settle(sb: &Running, token: &str, index: &str) -> (String, Option<String>) {
    for _ in 0..10 {
        let (_, xml) = sb
            .get(
                token,
                &format!("/prod/FCTEL/rest/stareMesaj?id_incarcare={index}"),
            )
            .await;
        let stare = root_attr(&xml, "stare").unwrap_or_default();
        if stare != "in prelucrare" {
            return (stare, root_attr(&xml, "id_descarcare"));
        }
        sb.advance(5).await;
    }
    panic!("upload {index} never settled");
}

/// Every entry of a zip, in archive order.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            (entry.name().unwrap().to_string(), data)
        })
        .collect()
}

/// Verifies a detached signature with only `cert_pem` trusted.
pub fn verify_with(
    xml: &[u8],
    signature: &str,
    cert_pem: &str,
) -> spvdesk::anaf::signature::Verdict {
    let mut trust = spvdesk::anaf::signature::TrustStore::new();
    trust.add_pem(cert_pem.as_bytes()).unwrap();
    spvdesk::anaf::signature::verify(xml, signature.as_bytes(), &trust).unwrap()
}

impl Running {
    /// Wraps a server the test started itself (e.g. mounted under a scope).
    pub fn external(base: String, dir: PathBuf, system: actix_web::rt::System) -> Running {
        Running {
            base,
            dir,
            system: Some(system),
            client: client(),
        }
    }
}

#[test]
fn the_test_invoices_pass_full_validation() {
    let limits = spvdesk::validation::Limits::default();
    for xml in [
        invoice_xml("F-1", "2026-03-02", "11111111", "22222222"),
        credit_note_xml("CN-1", "2026-03-02", "11111111", "22222222"),
    ] {
        let report =
            spvdesk::validation::validate(xml.as_bytes(), spvdesk::validation::Mode::Full, &limits);
        let fatal: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.flag == spvdesk::validation::Flag::Fatal)
            .map(|f| format!("{} {}: {}", f.rule, f.location, f.message_en))
            .collect();
        assert!(fatal.is_empty(), "{fatal:#?}\n{xml}");
    }
}
