//! Acceptance 2: upload → poll → list (simple and paginated, > 500 messages) → download; the
//! zip is named by the upload index and its signature verifies (and fails after a change).

use crate::sandbox_support::*;
use serde_json::Value;
use spvdesk::anaf::signature::Verdict;
use spvdesk::sandbox::SandboxConfig;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upload_poll_list_download_and_verify() {
    let dir = fresh_dir("roundtrip");
    let mut cfg = SandboxConfig::new(&dir);
    cfg.processing_delay_seconds = 30;
    cfg.index_lag_seconds = 60;
    let sb = start(cfg);
    let seller = sb.mint(&["11111111"]).await;
    let buyer = sb.mint(&["22222222"]).await;
    let inv = invoice_xml("RT-1", "2026-03-02", "11111111", "22222222");

    let (_, up) = sb
        .upload(&seller, "standard=UBL&cif=11111111", inv.clone())
        .await;
    let index = root_attr(&up, "index_incarcare").expect("index");
    let (_, st) = sb
        .get(
            &seller,
            &format!("/prod/FCTEL/rest/stareMesaj?id_incarcare={index}"),
        )
        .await;
    assert_eq!(root_attr(&st, "stare").as_deref(), Some("in prelucrare"));
    sb.advance(30).await;
    let (stare, download_id) = settle(&sb, &seller, &index).await;
    assert_eq!(stare, "ok");
    let download_id = download_id.unwrap();

    // Indexing lag: stareMesaj says ok, the list does not show it yet.
    let (_, l) = sb
        .get(
            &seller,
            "/prod/FCTEL/rest/listaMesajeFactura?zile=1&cif=11111111",
        )
        .await;
    assert!(l.contains("Nu exista mesaje in ultimele 1 zile"), "{l}");
    sb.advance(60).await;
    let (_, l) = sb
        .get(
            &seller,
            "/prod/FCTEL/rest/listaMesajeFactura?zile=1&cif=11111111",
        )
        .await;
    let v: Value = serde_json::from_str(&l).unwrap();
    assert_eq!(v["mesaje"][0]["tip"], "FACTURA TRIMISA");
    assert_eq!(v["mesaje"][0]["id"], download_id.as_str());
    assert_eq!(v["mesaje"][0]["id_solicitare"], index.as_str());
    assert_eq!(
        v["mesaje"][0]["detalii"],
        format!(
            "Factura cu id_incarcare={index} emisa de cif_emitent=11111111 pentru cif_beneficiar=22222222"
        )
    );
    let (_, l) = sb
        .get(
            &buyer,
            "/prod/FCTEL/rest/listaMesajeFactura?zile=1&cif=22222222&filtru=P",
        )
        .await;
    let v: Value = serde_json::from_str(&l).unwrap();
    assert_eq!(v["mesaje"][0]["tip"], "FACTURA PRIMITA");
    let buyer_id = v["mesaje"][0]["id"].as_str().unwrap().to_string();
    assert_ne!(buyer_id, download_id);

    // Both sides download the same archive, named after the upload index.
    let cert = sb
        .client
        .get(sb.url("/__sandbox/certificate"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(cert.starts_with("-----BEGIN CERTIFICATE-----"));
    for (token, id) in [(&seller, &download_id), (&buyer, &buyer_id)] {
        let (_, zip) = sb
            .get_bytes(token, &format!("/prod/FCTEL/rest/descarcare?id={id}"))
            .await;
        let entries = unzip(&zip);
        let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            vec![format!("{index}.xml"), format!("semnatura_{index}.xml")]
        );
        let xml = &entries[0].1;
        assert_eq!(xml, inv.as_bytes());
        let sig = String::from_utf8(entries[1].1.clone()).unwrap();
        assert!(sig.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?><Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">"));
        assert!(!sig.ends_with('\n'));
        match verify_with(xml, &sig, &cert) {
            Verdict::TrustedIntact { signer } => {
                assert!(signer.contains("Ministerul Finantelor"), "{signer}")
            }
            other => panic!("signature should verify: {other:?}"),
        }
        let mut changed = xml.clone();
        changed[10] ^= 0x01;
        assert!(matches!(
            verify_with(&changed, &sig, &cert),
            Verdict::Altered { .. }
        ));
    }

    // The same invoice again: nok, naming the first index.
    let (_, up) = sb
        .upload(&seller, "standard=UBL&cif=11111111", inv.clone())
        .await;
    let dup = root_attr(&up, "index_incarcare").unwrap();
    sb.advance(30).await;
    let (stare, dup_download) = settle(&sb, &seller, &dup).await;
    assert_eq!(stare, "nok");
    let (_, zip) = sb
        .get_bytes(
            &seller,
            &format!("/prod/FCTEL/rest/descarcare?id={}", dup_download.unwrap()),
        )
        .await;
    let entries = unzip(&zip);
    let error_file = String::from_utf8(entries[0].1.clone()).unwrap();
    assert!(
        error_file.contains("xmlns=\"mfp:anaf:dgti:efactura:mesajEroriFactuta:v1\""),
        "{error_file}"
    );
    assert!(
        error_file.contains(&format!(
            "Index_incarcare=\"{dup}\" Cif_emitent=\"11111111\""
        )),
        "{error_file}"
    );
    assert!(
        error_file.contains(&format!(
            "Factura a mai fost transmisa anterior cu index={index} si data incarcare="
        )),
        "{error_file}"
    );
    assert!(matches!(
        verify_with(
            &entries[0].1,
            &String::from_utf8(entries[1].1.clone()).unwrap(),
            &cert
        ),
        Verdict::TrustedIntact { .. }
    ));

    // More than 500 messages: the simple list refuses, the paginated one pages by 500.
    sb.control(
        "/__sandbox/faults",
        serde_json::json!({"processingDelaySeconds": 0, "indexLagSeconds": 0}),
    )
    .await;
    let start_ms = sb
        .client
        .get(sb.url("/__sandbox/clock"))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap()["nowMillis"]
        .as_i64()
        .unwrap()
        - 3_600_000;
    for i in 0..510 {
        let (s, b) = sb
            .upload(
                &seller,
                "standard=UBL&cif=11111111",
                invoice_xml(&format!("BULK-{i}"), "2026-03-02", "11111111", "33333333"),
            )
            .await;
        assert_eq!(s, 200);
        assert!(b.contains("ExecutionStatus=\"0\""), "{b}");
    }
    sb.advance(900).await;
    let (_, l) = sb
        .get(
            &seller,
            "/prod/FCTEL/rest/listaMesajeFactura?zile=1&cif=11111111",
        )
        .await;
    let v: Value = serde_json::from_str(&l).unwrap();
    if let Some(samples) = samples_dir() {
        let sample: Value = serde_json::from_str(
            &std::fs::read_to_string(
                samples.join("responses/lista/simpla_200_limita_mesaje_in_pagina_atinsa.json"),
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(v, sample);
    }
    let end_ms = start_ms + 3_600_000 + 600_000;
    let mut ids = std::collections::BTreeSet::new();
    let mut total_seen = 0;
    for page in 1..=2 {
        let (_, l) = sb
            .get(&seller, &format!("/prod/FCTEL/rest/listaMesajePaginatieFactura?startTime={start_ms}&endTime={end_ms}&cif=11111111&pagina={page}"))
            .await;
        let v: Value = serde_json::from_str(&l).unwrap_or_else(|e| panic!("{e}: {l}"));
        assert_eq!(v["numar_total_inregistrari"], 512, "{l}");
        assert_eq!(v["numar_total_pagini"], 2);
        assert_eq!(v["index_pagina_curenta"], page);
        assert_eq!(v["numar_total_inregistrari_per_pagina"], 500);
        let n = v["mesaje"].as_array().unwrap().len();
        assert_eq!(v["numar_inregistrari_in_pagina"], n);
        assert_eq!(n, if page == 1 { 500 } else { 12 });
        total_seen += n;
        for m in v["mesaje"].as_array().unwrap() {
            ids.insert(m["id"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(total_seen, 512);
    assert_eq!(ids.len(), 512);
    let (_, l) = sb
        .get(&seller, &format!("/prod/FCTEL/rest/listaMesajePaginatieFactura?startTime={start_ms}&endTime={end_ms}&cif=11111111&pagina=3"))
        .await;
    assert!(
        l.contains("Pagina solicitata 3 este mai mare decat numarul toatal de pagini 2"),
        "{l}"
    );

    // Every accepted upload is visible to the control API with its body hash.
    let uploads = sb.uploads().await;
    assert_eq!(uploads.len(), 512);
    assert_eq!(uploads[0]["sha256"], sha256_hex(inv.as_bytes()));
    assert_eq!(uploads[0]["state"], "ok");
    assert_eq!(uploads[1]["state"], "nok");

    // After 60 days the archive can no longer be downloaded.
    sb.advance(61 * 24 * 3600).await;
    let (_, b) = sb
        .get(
            &seller,
            &format!("/prod/FCTEL/rest/descarcare?id={download_id}"),
        )
        .await;
    assert!(b.contains("Fisierul nu mai poate fi descarcat pentru ca a trecut perioada de 60 de zile in care este disponibil"), "{b}");
    drop(sb);
    let _ = std::fs::remove_dir_all(dir);
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn supplier_invoice_arrives_as_factura_primita() {
    let dir = fresh_dir("incoming");
    let sb = start(quick_config(&dir));
    let ours = sb.mint(&["44444444"]).await;
    let xml = invoice_xml("SUP-9", "2026-03-01", "55555555", "44444444");
    let v = sb
        .control("/__sandbox/incoming", serde_json::json!({"xml": xml}))
        .await;
    let index = v["index_incarcare"].as_str().unwrap().to_string();
    sb.advance(1).await;
    let (_, l) = sb
        .get(
            &ours,
            "/prod/FCTEL/rest/listaMesajeFactura?zile=1&cif=44444444&filtru=P",
        )
        .await;
    let v: Value = serde_json::from_str(&l).unwrap();
    assert_eq!(v["mesaje"][0]["tip"], "FACTURA PRIMITA");
    assert_eq!(v["mesaje"][0]["id_solicitare"], index.as_str());
    let id = v["mesaje"][0]["id"].as_str().unwrap();
    let (_, zip) = sb
        .get_bytes(&ours, &format!("/prod/FCTEL/rest/descarcare?id={id}"))
        .await;
    assert_eq!(unzip(&zip)[0].1, xml.as_bytes());
    let uploads = sb.uploads().await;
    assert_eq!(uploads[0]["source"], "incoming");
    drop(sb);
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upload_variants_b2c_credit_note_cii_and_self_billing() {
    let dir = fresh_dir("variants");
    let sb = start(quick_config(&dir));
    let t = sb.mint(&["11111111", "22222222"]).await;
    // B2C on the test environment path.
    let r = sb
        .client
        .post(sb.url("/test/FCTEL/rest/uploadb2c?standard=UBL&cif=11111111"))
        .bearer_auth(&t)
        .body(invoice_xml(
            "B2C-1",
            "2026-03-02",
            "11111111",
            "0000000000000",
        ))
        .send()
        .await
        .unwrap();
    let b = r.text().await.unwrap();
    let b2c = root_attr(&b, "index_incarcare").expect(&b);
    assert_eq!(settle(&sb, &t, &b2c).await.0, "ok");
    // A credit note needs standard=CN; sent as UBL its root is refused at intake.
    let cn = credit_note_xml("CN-1", "2026-03-02", "11111111", "22222222");
    let (_, b) = sb.upload(&t, "standard=UBL&cif=11111111", cn.clone()).await;
    assert!(
        error_message(&b)
            .unwrap()
            .contains("Cannot find the declaration of element 'CreditNote'"),
        "{b}"
    );
    let (_, b) = sb.upload(&t, "standard=CN&cif=11111111", cn).await;
    let cn_index = root_attr(&b, "index_incarcare").expect(&b);
    assert_eq!(settle(&sb, &t, &cn_index).await.0, "ok");
    // ANAF's own CII example is accepted with standard=CII (it carries no Romanian CIFs, so
    // it ends nok for the missing buyer identification).
    if let Some(samples) = samples_dir() {
        let cii = std::fs::read(samples.join("documents/anaf_example_invoice_CII.xml")).unwrap();
        let (_, b) = sb.upload(&t, "standard=CII&cif=11111111", cii).await;
        let idx = root_attr(&b, "index_incarcare").expect(&b);
        assert!(matches!(
            settle(&sb, &t, &idx).await.0.as_str(),
            "ok" | "nok"
        ));
    }
    // Self-billing: the buyer uploads in the seller's name; the seller receives it.
    let (_, b) = sb
        .upload(
            &t,
            "standard=UBL&cif=22222222&autofactura=DA",
            invoice_xml("AF-1", "2026-03-02", "11111111", "22222222"),
        )
        .await;
    let af = root_attr(&b, "index_incarcare").expect(&b);
    assert_eq!(settle(&sb, &t, &af).await.0, "ok");
    let (_, l) = sb
        .get(
            &t,
            "/prod/FCTEL/rest/listaMesajeFactura?zile=1&cif=11111111&filtru=P",
        )
        .await;
    assert!(
        l.contains(&format!("Factura cu id_incarcare={af} transmisa de cif=22222222  ca autofactura in numele cif=11111111")),
        "{l}"
    );
    // A buyer's message (RASP) about the credit note reaches its seller.
    let rasp = format!(
        r#"<header xmlns="mfp:anaf:dgti:spv:reqMesaj:v1" index_incarcare="{cn_index}" message="nu recunoastem"/>"#
    );
    let (_, b) = sb.upload(&t, "standard=RASP&cif=22222222", rasp).await;
    let r = root_attr(&b, "index_incarcare").expect(&b);
    assert_eq!(settle(&sb, &t, &r).await.0, "ok");
    let (_, l) = sb
        .get(
            &t,
            "/prod/FCTEL/rest/listaMesajeFactura?zile=1&cif=11111111&filtru=R",
        )
        .await;
    assert!(l.contains("MESAJ CUMPARATOR PRIMIT"), "{l}");
    drop(sb);
    let _ = std::fs::remove_dir_all(dir);
}

/// The sandbox's answer to `POST /prod/FCTEL/rest/validare/FACT1` with `body`.
async fn validare(sb: &Running, token: &str, body: String) -> Value {
    let r = sb
        .client
        .post(sb.url("/prod/FCTEL/rest/validare/FACT1"))
        .bearer_auth(token)
        .body(body)
        .send()
        .await
        .unwrap();
    r.json().await.unwrap()
}

/// ANAF validates every upload with the EN 16931 and CIUS-RO rules; so does the sandbox, with
/// spvdesk's own validator: a rule failure ends `nok`, the error file names the rule in ANAF's
/// wording, and `validare` answers with the same rule in the structured format.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_breaking_a_rule_end_nok_with_the_rule_in_the_error_file() {
    let dir = fresh_dir("rules");
    let sb = start(quick_config(&dir));
    let t = sb.mint(&["11111111"]).await;
    // BR-RO-010: the invoice number must contain a digit.
    let bad = invoice_xml("FARA-CIFRE", "2026-03-02", "11111111", "22222222");
    let (_, b) = sb
        .upload(&t, "standard=UBL&cif=11111111", bad.clone())
        .await;
    let index = root_attr(&b, "index_incarcare").expect(&b);
    let (stare, download_id) = settle(&sb, &t, &index).await;
    assert_eq!(stare, "nok");
    let (status, zip) = sb
        .get_bytes(
            &t,
            &format!("/prod/FCTEL/rest/descarcare?id={}", download_id.unwrap()),
        )
        .await;
    assert_eq!(status, 200);
    let entries = unzip(&zip);
    let error_file = String::from_utf8(entries[0].1.clone()).unwrap();
    assert!(error_file.contains("[BR-RO-010]"), "{error_file}");
    assert!(!error_file.contains("[BR-RO-001]"), "{error_file}");
    // The same document through validare: nok, the rule in ANAF's structured format.
    let v = validare(&sb, &t, bad).await;
    assert_eq!(v["stare"], "nok");
    let messages = v["Messages"].to_string();
    assert!(messages.contains("codEroare=BR-RO-010"), "{messages}");
    // A valid invoice passes validare.
    let good = invoice_xml("F-10", "2026-03-02", "11111111", "22222222");
    let v = validare(&sb, &t, good).await;
    assert_eq!(v["stare"], "ok", "{v}");
    // A tax representative with two names (the schema allows it): ANAF's own validator stops
    // with XPTY0004 in BR-RO-L206, and so does the sandbox's answer.
    let representative = "<cac:TaxRepresentativeParty>\
        <cac:PartyName><cbc:Name>Reprezentant SRL</cbc:Name></cac:PartyName>\
        <cac:PartyName><cbc:Name>Reprezentant SRL</cbc:Name></cac:PartyName>\
        <cac:PostalAddress><cbc:StreetName>Str. Lunga 1</cbc:StreetName>\
        <cbc:CityName>SECTOR1</cbc:CityName><cbc:CountrySubentity>RO-B</cbc:CountrySubentity>\
        <cac:Country><cbc:IdentificationCode>RO</cbc:IdentificationCode></cac:Country></cac:PostalAddress>\
        <cac:PartyTaxScheme><cbc:CompanyID>RO33333333</cbc:CompanyID>\
        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>\
        </cac:TaxRepresentativeParty>";
    let good = invoice_xml("F-11", "2026-03-02", "11111111", "22222222");
    let at = good.find("</cac:AccountingCustomerParty>").unwrap()
        + "</cac:AccountingCustomerParty>".len();
    let twice = format!("{}{representative}{}", &good[..at], &good[at..]);
    let v = validare(&sb, &t, twice).await;
    assert_eq!(v["stare"], "nok", "{v}");
    let messages = v["Messages"].to_string();
    assert!(messages.contains("codEroare=XPTY0004"), "{messages}");
    assert!(messages.contains("BR-RO-L206"), "{messages}");
    drop(sb);
    let _ = std::fs::remove_dir_all(dir);
}
