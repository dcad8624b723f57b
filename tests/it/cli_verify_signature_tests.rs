//! `spvdesk verify-signature` through its `run` function.

use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use spvdesk::anaf::signature::{Signer, TrustStore};
use spvdesk::anaf::zip::read_anaf_zip;
use spvdesk::cli::verify_signature::{VerifyArgs, VerifyInput, run};

use crate::anaf_sample_files::{fixture, samples_dir};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap()
}

fn run_to_string(input: VerifyInput, trust: &TrustStore) -> (i32, String) {
    let mut out = Vec::new();
    let code = run(
        VerifyArgs {
            input,
            now: now(),
            ask_anaf: None,
        },
        trust,
        &mut out,
    );
    (code, String::from_utf8(out).unwrap())
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn real_zip_is_valid_with_the_mf_folder_and_untrusted_without() {
    let Some(samples) = samples_dir("real_zip_is_valid_with_the_mf_folder_and_untrusted_without")
    else {
        return;
    };
    let trust = TrustStore::from_dir(&samples.join("mf-signing-certs")).unwrap();
    assert_eq!(trust.len(), 7);
    let zip = samples.join("zips/prod2026_nok_duplicate_6552704998.zip");

    let (code, out) = run_to_string(VerifyInput::Zip(zip.clone()), &trust);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("upload index 6552704998"), "{out}");
    assert!(out.contains("Signed by: CN=Ministerul Finantelor"), "{out}");
    assert!(
        out.contains("Issuer: CN=Trans Sped Electronic Seal QCA G3"),
        "{out}"
    );
    assert!(out.contains("Serial: "), "{out}");
    assert!(out.contains("Trusted: yes"), "{out}");
    assert!(out.contains("Result: VALID"), "{out}");

    let (code, out) = run_to_string(VerifyInput::Zip(zip), &TrustStore::new());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("Trusted: no"), "{out}");
    assert!(out.contains("SPVDESK_TRUSTED_CERTS"), "{out}");
}

#[test]
fn extracted_files_and_an_altered_xml() {
    let Some(samples) = samples_dir("extracted_files_and_an_altered_xml") else {
        return;
    };
    let trust = TrustStore::from_dir(&samples.join("mf-signing-certs")).unwrap();
    let zip = std::fs::read(samples.join("zips/testenv2023_ok_invoice_5004879752.zip")).unwrap();
    let parts = read_anaf_zip(&zip).unwrap();
    let dir = scratch_dir("cli_extracted_files");
    let xml = dir.join("5004879752.xml");
    let signature = dir.join("semnatura_5004879752.xml");
    std::fs::write(&xml, &parts.xml).unwrap();
    std::fs::write(&signature, &parts.signature).unwrap();
    let files = VerifyInput::Files {
        xml: xml.clone(),
        signature: signature.clone(),
    };
    let (code, out) = run_to_string(files.clone(), &trust);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("old ANAF format"), "{out}");
    assert!(out.contains("CN=ANAF TEST"), "{out}");

    let altered = String::from_utf8(parts.xml)
        .unwrap()
        .replacen("1000.0", "1001.0", 1);
    std::fs::write(&xml, altered).unwrap();
    let (code, out) = run_to_string(files, &trust);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("INVALID: altered"), "{out}");
}

#[test]
fn unreadable_input_exits_2() {
    let dir = scratch_dir("cli_unreadable");
    let (code, out) = run_to_string(
        VerifyInput::Zip(dir.join("missing.zip")),
        &TrustStore::new(),
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.starts_with("error: cannot read"), "{out}");

    let not_zip = dir.join("not.zip");
    std::fs::write(&not_zip, b"hello").unwrap();
    let (code, out) = run_to_string(VerifyInput::Zip(not_zip.clone()), &TrustStore::new());
    assert_eq!(code, 2, "{out}");

    let (code, out) = run_to_string(
        VerifyInput::Files {
            xml: not_zip.clone(),
            signature: not_zip,
        },
        &TrustStore::new(),
    );
    assert_eq!(code, 2, "{out}");
}

#[test]
fn trust_folder_accepts_pem_and_der_and_rejects_garbage() {
    let dir = scratch_dir("cli_trust_folder");
    let pem = std::fs::read_to_string(fixture("test_ca_cert.pem")).unwrap();
    std::fs::write(dir.join("ca.crt"), &pem).unwrap();
    let signer = Signer::from_pem(
        &std::fs::read_to_string(fixture("test_seal_key.pem")).unwrap(),
        &std::fs::read_to_string(fixture("test_seal_cert.pem")).unwrap(),
    )
    .unwrap();
    std::fs::write(dir.join("seal.cer"), signer.certificate_der()).unwrap();
    std::fs::write(dir.join("notes.txt"), "ignored").unwrap();
    assert_eq!(TrustStore::from_dir(&dir).unwrap().len(), 2);

    // Signed by us, verified through the CLI with that folder.
    let xml = dir.join("1.xml");
    let signature = dir.join("semnatura_1.xml");
    std::fs::write(&xml, b"<a>1</a>").unwrap();
    std::fs::write(&signature, signer.sign_detached(b"<a>1</a>").unwrap()).unwrap();
    let trust = TrustStore::from_dir(&dir).unwrap();
    let (code, out) = run_to_string(VerifyInput::Files { xml, signature }, &trust);
    assert_eq!(code, 0, "{out}");

    std::fs::write(dir.join("bad.pem"), "not a certificate").unwrap();
    assert!(TrustStore::from_dir(&dir).is_err());
    assert!(TrustStore::from_dir(&dir.join("missing")).is_err());
}
