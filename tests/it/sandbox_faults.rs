//! Acceptance 4 and the other injected faults: accept-then-drop, accept-then-timeout, WAF
//! page, 5xx, 429 bursts, latency and indexing lag.

use crate::sandbox_support::*;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accepted_upload_with_dropped_connection_is_recorded() {
    let dir = fresh_dir("faults");
    let sb = start(quick_config(&dir));
    let t = sb.mint(&["11111111"]).await;
    let inv = invoice_xml("F-1", "2026-03-02", "11111111", "2");

    sb.control(
        "/__sandbox/faults",
        serde_json::json!({"uploadAcceptThenDrop": {"next": 1}}),
    )
    .await;
    let result = async {
        let r = sb
            .client
            .post(sb.url("/prod/FCTEL/rest/upload?standard=UBL&cif=11111111"))
            .bearer_auth(&t)
            .body(inv.clone())
            .send()
            .await?;
        r.text().await
    }
    .await;
    assert!(
        result.is_err(),
        "the client must see a failed request, got {result:?}"
    );
    let uploads = sb.uploads().await;
    assert_eq!(uploads.len(), 1);
    assert_eq!(
        uploads[0]["sha256"],
        crate::sandbox_roundtrip::sha256_hex(inv.as_bytes())
    );
    assert_eq!(uploads[0]["cif"], "11111111");
    assert_eq!(uploads[0]["standard"], "UBL");

    // Accept then time out: the client gives up, the upload exists anyway.
    sb.control(
        "/__sandbox/faults",
        serde_json::json!({"uploadAcceptThenTimeout": {"next": 1}, "uploadTimeoutMs": 3000}),
    )
    .await;
    let r = sb
        .client
        .post(sb.url("/prod/FCTEL/rest/upload?standard=UBL&cif=11111111"))
        .bearer_auth(&t)
        .timeout(Duration::from_millis(500))
        .body(invoice_xml("F-2", "2026-03-02", "11111111", "2"))
        .send()
        .await;
    assert!(r.is_err());
    assert_eq!(sb.uploads().await.len(), 2);

    // WAF page with HTTP 200.
    sb.control(
        "/__sandbox/faults",
        serde_json::json!({"wafHtml": {"stareMesaj": {"next": 1}}}),
    )
    .await;
    let r = sb
        .client
        .get(sb.url("/prod/FCTEL/rest/stareMesaj?id_incarcare=1"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("The requested URL was rejected")
    );

    // 5xx and 429 bursts, then back to normal.
    sb.control("/__sandbox/faults", serde_json::json!({"http5xx": {"descarcare": {"next": 1}}, "http5xxStatus": 503, "tooManyRequests": {"next": 2}})).await;
    assert_eq!(sb.get(&t, "/prod/FCTEL/rest/descarcare?id=1").await.0, 429);
    assert_eq!(sb.get(&t, "/prod/FCTEL/rest/descarcare?id=1").await.0, 429);
    assert_eq!(sb.get(&t, "/prod/FCTEL/rest/descarcare?id=1").await.0, 503);
    assert_eq!(sb.get(&t, "/prod/FCTEL/rest/descarcare?id=1").await.0, 200);

    // Latency.
    sb.control("/__sandbox/faults", serde_json::json!({"latencyMs": 300}))
        .await;
    let began = Instant::now();
    sb.get(&t, "/prod/FCTEL/rest/stareMesaj?id_incarcare=aaa")
        .await;
    assert!(began.elapsed() >= Duration::from_millis(250));

    // Indexing lag set through faults.
    sb.control(
        "/__sandbox/faults",
        serde_json::json!({"indexLagSeconds": 600}),
    )
    .await;
    let (_, up) = sb
        .upload(
            &t,
            "standard=UBL&cif=11111111",
            invoice_xml("F-3", "2026-03-02", "11111111", "2"),
        )
        .await;
    let index = root_attr(&up, "index_incarcare").unwrap();
    assert_eq!(settle(&sb, &t, &index).await.0, "ok");
    let (_, l) = sb
        .get(
            &t,
            "/prod/FCTEL/rest/listaMesajeFactura?zile=1&cif=11111111",
        )
        .await;
    assert!(!l.contains(&index), "{l}");
    sb.advance(600).await;
    let (_, l) = sb
        .get(
            &t,
            "/prod/FCTEL/rest/listaMesajeFactura?zile=1&cif=11111111",
        )
        .await;
    assert!(l.contains(&index), "{l}");
    drop(sb);
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_or_bad_bearer_gets_401() {
    let dir = fresh_dir("auth");
    let sb = start(quick_config(&dir));
    let r = sb
        .client
        .get(sb.url("/prod/FCTEL/rest/stareMesaj?id_incarcare=1"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 401);
    assert_eq!(
        sb.get("not-a-token", "/test/FCTEL/rest/stareMesaj?id_incarcare=1")
            .await
            .0,
        401
    );
    let short = sb
        .control(
            "/__sandbox/tokens",
            serde_json::json!({"cifs": ["1"], "ttlSeconds": 10}),
        )
        .await["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        sb.get(&short, "/test/FCTEL/rest/stareMesaj?id_incarcare=aaa")
            .await
            .0,
        200
    );
    sb.advance(11).await;
    assert_eq!(
        sb.get(&short, "/test/FCTEL/rest/stareMesaj?id_incarcare=aaa")
            .await
            .0,
        401
    );
    drop(sb);
    let _ = std::fs::remove_dir_all(dir);
}
