//! A zip downloaded from the sandbox passes `spvdesk verify-signature` when
//! the sandbox's certificate is trusted, and fails once one byte changes.

use std::process::Command;

use crate::sandbox_support::*;
use spvdesk::sandbox::SandboxConfig;

fn verify(zip: &std::path::Path, trusted: Option<&std::path::Path>) -> (i32, String) {
    let empty = tempfile::tempdir().unwrap();
    verify_with_args(zip, trusted, empty.path(), &[])
}

/// Runs `spvdesk verify-signature` in sandbox mode with `data_dir` as its data dir.
fn verify_with_args(
    zip: &std::path::Path,
    trusted: Option<&std::path::Path>,
    data_dir: &std::path::Path,
    extra: &[&str],
) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_spvdesk"));
    cmd.arg("verify-signature")
        .arg(zip)
        .args(extra)
        .env("SPVDESK_ANAF", "sandbox")
        .env("SPVDESK_DATA_DIR", data_dir);
    match trusted {
        Some(dir) => cmd.env("SPVDESK_TRUSTED_CERTS", dir),
        None => cmd.env_remove("SPVDESK_TRUSTED_CERTS"),
    };
    let out = cmd.output().expect("run spvdesk");
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sandbox_zip_verifies_with_the_cli_and_fails_after_one_byte_changes() {
    let dir = fresh_dir("verify-cli");
    let mut cfg = SandboxConfig::new(&dir);
    cfg.processing_delay_seconds = 1;
    let sb = start(cfg);
    let seller = sb.mint(&["11111111"]).await;
    let inv = invoice_xml("VS-1", "2026-03-02", "11111111", "22222222");
    let (_, up) = sb.upload(&seller, "standard=UBL&cif=11111111", inv).await;
    let index = root_attr(&up, "index_incarcare").expect("index");
    sb.advance(5).await;
    let (stare, download_id) = settle(&sb, &seller, &index).await;
    assert_eq!(stare, "ok");
    let (status, zip) = sb
        .get_bytes(
            &seller,
            &format!("/prod/FCTEL/rest/descarcare?id={}", download_id.unwrap()),
        )
        .await;
    assert_eq!(status, 200);

    let work = tempfile::tempdir().unwrap();
    let zip_path = work.path().join(format!("{index}.zip"));
    std::fs::write(&zip_path, &zip).unwrap();
    let certs = work.path().join("trusted");
    std::fs::create_dir(&certs).unwrap();
    let pem = client()
        .get(sb.url("/__sandbox/certificate"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    std::fs::write(certs.join("sandbox.pem"), pem).unwrap();

    let (code, out) = verify(&zip_path, Some(&certs));
    assert_eq!(code, 0, "{out}");
    let (code, out) = verify(&zip_path, None);
    assert_eq!(code, 1, "intact but untrusted: {out}");

    // One byte of the invoice changed, the signature kept.
    let parts = spvdesk::anaf::zip::read_anaf_zip(&zip).unwrap();
    let mut xml = parts.xml.clone();
    let at = xml.len() / 2;
    xml[at] = if xml[at] == b'1' { b'2' } else { b'1' };
    let altered = spvdesk::anaf::zip::write_anaf_zip(&parts.index, &xml, &parts.signature).unwrap();
    let altered_path = work.path().join("altered.zip");
    std::fs::write(&altered_path, altered).unwrap();
    let (code, out) = verify(&altered_path, Some(&certs));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.to_lowercase().contains("alter") || out.contains("INVALID"),
        "{out}"
    );

    // In sandbox mode the sandbox's own certificate in the data dir is trusted without
    // configuration (this sandbox keeps its files in `dir` itself, like `spvdesk anaf-sandbox`).
    let (code, out) = verify_with_args(&zip_path, None, &dir, &[]);
    assert_eq!(
        code, 0,
        "sandbox certificate trusted in sandbox mode: {out}"
    );

    // No local trust: ANAF's own signature check (here the sandbox's) can decide instead.
    let empty = tempfile::tempdir().unwrap();
    let host = sb.url("");
    let ask = ["--ask-anaf", "--anaf-url", host.as_str()];
    let (code, out) = verify_with_args(&zip_path, None, empty.path(), &ask);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("VALID according to ANAF"), "{out}");
    // An altered file is refused locally; ANAF is not even asked.
    let (code, out) = verify_with_args(&altered_path, None, empty.path(), &ask);
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("Asking ANAF"), "{out}");
}
