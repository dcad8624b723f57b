//! Acceptance 3: per-message download quota per Romanian day, and the 1000 requests/minute
//! limit answered with HTTP 429.

use crate::sandbox_support::*;
use spvdesk::sandbox::SandboxConfig;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eleventh_download_is_refused_until_romanian_midnight() {
    let dir = fresh_dir("quota");
    let sb = start(quick_config(&dir));
    // 23:50 in Bucharest (UTC+2 in March) — still 21:50 UTC.
    sb.control(
        "/__sandbox/clock",
        serde_json::json!({"setTo": "2026-03-10T21:50:00Z"}),
    )
    .await;
    let t = sb.mint(&["11111111"]).await;
    let (_, up) = sb
        .upload(
            &t,
            "standard=UBL&cif=11111111",
            invoice_xml("Q-1", "2026-03-10", "11111111", "2"),
        )
        .await;
    let index = root_attr(&up, "index_incarcare").unwrap();
    let (_, id) = settle(&sb, &t, &index).await;
    let id = id.unwrap();
    let url = format!("/prod/FCTEL/rest/descarcare?id={id}");
    for _ in 0..10 {
        let (s, bytes) = sb.get_bytes(&t, &url).await;
        assert_eq!(s, 200);
        assert!(bytes.starts_with(b"PK"));
    }
    let (s, b) = sb.get(&t, &url).await;
    assert_eq!(s, 200);
    let v: serde_json::Value = serde_json::from_str(&b).unwrap();
    assert_eq!(
        v["eroare"],
        format!("S-au facut deja 10 descarcari la mesajul cu id_descarcare={id} in cursul zilei")
    );
    assert_eq!(v["titlu"], "Descarcare mesaj");
    // 00:05 in Bucharest, same UTC day: the Romanian day changed, the quota is fresh.
    sb.advance(15 * 60).await;
    let (s, bytes) = sb.get_bytes(&t, &url).await;
    assert_eq!(s, 200);
    assert!(
        bytes.starts_with(b"PK"),
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    drop(sb);
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_1001_within_a_minute_gets_429() {
    let dir = fresh_dir("rate");
    let sb = start(SandboxConfig::new(&dir));
    let t = sb.mint(&["11111111"]).await;
    for i in 0..1000 {
        let (s, _) = sb
            .get(&t, "/prod/FCTEL/rest/stareMesaj?id_incarcare=aaa")
            .await;
        assert_eq!(s, 200, "request {i}");
    }
    let (s, b) = sb
        .get(&t, "/prod/FCTEL/rest/stareMesaj?id_incarcare=aaa")
        .await;
    assert_eq!(s, 429, "{b}");
    let v: serde_json::Value = serde_json::from_str(&b).unwrap();
    assert_eq!(v["status"], 429);
    // The control API is not ANAF and is never limited.
    let r = sb
        .client
        .get(sb.url("/__sandbox/clock"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    drop(sb);
    let _ = std::fs::remove_dir_all(dir);
}
