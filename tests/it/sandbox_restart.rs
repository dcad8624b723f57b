//! Acceptance 5: reopening the sandbox on the same data dir keeps tokens, uploads, messages,
//! archives and the clock offset.

use crate::sandbox_support::*;
use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn state_survives_a_restart() {
    let dir = fresh_dir("restart");
    let sb = start(quick_config(&dir));
    let t = sb.mint(&["11111111"]).await;
    let (_, up) = sb
        .upload(
            &t,
            "standard=UBL&cif=11111111",
            invoice_xml("R-1", "2026-03-02", "11111111", "2"),
        )
        .await;
    let index = root_attr(&up, "index_incarcare").unwrap();
    let (_, id) = settle(&sb, &t, &index).await;
    let id = id.unwrap();
    sb.advance(86_400).await;
    let clock_before: Value = sb
        .client
        .get(sb.url("/__sandbox/clock"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let cert_before = sb
        .client
        .get(sb.url("/__sandbox/certificate"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let dir = sb.stop();

    let sb = start(quick_config(&dir));
    let clock_after: Value = sb
        .client
        .get(sb.url("/__sandbox/clock"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let drift =
        clock_after["nowMillis"].as_i64().unwrap() - clock_before["nowMillis"].as_i64().unwrap();
    assert!(
        (0..60_000).contains(&drift),
        "clock offset lost: drift {drift} ms"
    );
    let cert_after = sb
        .client
        .get(sb.url("/__sandbox/certificate"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(cert_before, cert_after);
    let (_, st) = sb
        .get(
            &t,
            &format!("/prod/FCTEL/rest/stareMesaj?id_incarcare={index}"),
        )
        .await;
    assert_eq!(root_attr(&st, "stare").as_deref(), Some("ok"), "{st}");
    let (_, l) = sb
        .get(
            &t,
            "/prod/FCTEL/rest/listaMesajeFactura?zile=2&cif=11111111",
        )
        .await;
    assert!(l.contains(&id), "{l}");
    let (s, zip) = sb
        .get_bytes(&t, &format!("/prod/FCTEL/rest/descarcare?id={id}"))
        .await;
    assert_eq!(s, 200);
    assert_eq!(unzip(&zip).len(), 2);
    assert_eq!(sb.uploads().await.len(), 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("sandbox-key.pem"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Reset forgets everything but the identity.
    sb.control("/__sandbox/reset", serde_json::json!({})).await;
    assert!(sb.uploads().await.is_empty());
    assert_eq!(
        sb.get(&t, "/prod/FCTEL/rest/stareMesaj?id_incarcare=1")
            .await
            .0,
        401
    );
    drop(sb);
    let _ = std::fs::remove_dir_all(dir);
}
