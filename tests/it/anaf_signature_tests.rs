//! Signature verification on ANAF's real archives and a sign/verify round trip.

use chrono::{TimeZone, Utc};
use spvdesk::anaf::signature::{
    SignatureFormat, Signer, TrustBasis, TrustStore, ValidityAtNow, Verdict, verify, verify_at,
    verify_zip, verify_zip_at,
};
use spvdesk::anaf::zip::{ZipContentKind, read_anaf_zip, write_anaf_zip};

use crate::anaf_sample_files::{file_name, files_in, fixture, mf_trust_store, samples_dir};

/// The hand-edited OCA fixture: its signature file is genuine, its `3828.xml` member is not.
const EDITED_ZIP: &str = "testenv2023_nok_errors_3828_EDITED.zip";

fn flip_one_byte(xml: &[u8]) -> Vec<u8> {
    // Change a character inside the last attribute value or text: find the last digit.
    let mut altered = xml.to_vec();
    let pos = altered.iter().rposition(u8::is_ascii_digit).unwrap();
    altered[pos] = if altered[pos] == b'1' { b'2' } else { b'1' };
    altered
}

#[test]
fn real_archives_verify_with_the_mf_certificates() {
    let Some(samples) = samples_dir("real_archives_verify_with_the_mf_certificates") else {
        return;
    };
    let trust = mf_trust_store(&samples);
    assert_eq!(trust.len(), 7);
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 0, 0, 0).unwrap();
    for path in files_in(&samples.join("zips")) {
        let name = file_name(&path);
        let zip = std::fs::read(&path).unwrap();
        let (report, parts) = verify_zip_at(&zip, &trust, now).unwrap();
        let expected_format = if name.starts_with("prod2026") {
            SignatureFormat::Detached
        } else {
            SignatureFormat::Enveloped
        };
        assert_eq!(report.format, expected_format, "{name}");
        if name == EDITED_ZIP {
            // The member was edited by hand (index 5011636148 -> 3828): we must notice.
            assert!(
                matches!(&report.verdict, Verdict::Altered { reason } if reason.contains("signature file itself is intact")),
                "{name}: {:?}",
                report.verdict
            );
            continue;
        }
        assert!(
            matches!(&report.verdict, Verdict::TrustedIntact { signer } if signer.contains("CN=")),
            "{name}: {:?}",
            report.verdict
        );
        assert_eq!(report.trust, TrustBasis::ExactMatch, "{name}");
        let kind = parts.content_kind();
        if name.contains("_ok_invoice_") {
            assert_eq!(kind, ZipContentKind::Invoice, "{name}");
            assert!(
                report.certificate.subject.contains("CN=ANAF TEST"),
                "{name}"
            );
            assert_eq!(report.validity_at_now, Some(ValidityAtNow::Valid));
        } else {
            assert_eq!(kind, ZipContentKind::ErrorFile, "{name}");
            assert!(
                report.certificate.subject.contains("Ministerul Finantelor"),
                "{name}"
            );
        }

        // Empty trust store: intact but untrusted, naming the signer.
        let verdict = verify(&parts.xml, &parts.signature, &TrustStore::new()).unwrap();
        assert!(
            matches!(&verdict, Verdict::UntrustedIntact { signer } if *signer == report.certificate.subject),
            "{name}: {verdict:?}"
        );

        // One byte of the XML changed: altered.
        let verdict = verify(&flip_one_byte(&parts.xml), &parts.signature, &trust).unwrap();
        assert!(
            matches!(verdict, Verdict::Altered { .. }),
            "{name}: {verdict:?}"
        );

        // One byte of the signed content inside the signature file changed: altered.
        if expected_format == SignatureFormat::Enveloped {
            let sig = String::from_utf8(parts.signature.clone()).unwrap();
            let tampered = sig.replacen("<cbc:ID>", "<cbc:ID>X", 1);
            let verdict = verify(&parts.xml, tampered.as_bytes(), &trust).unwrap();
            assert!(
                matches!(verdict, Verdict::Altered { .. }),
                "{name}: {verdict:?}"
            );
        }
    }
}

#[test]
fn subject_name_matches_what_anaf_wrote() {
    let Some(samples) = samples_dir("subject_name_matches_what_anaf_wrote") else {
        return;
    };
    for path in files_in(&samples.join("zips")) {
        let parts = read_anaf_zip(&std::fs::read(&path).unwrap()).unwrap();
        let sig = String::from_utf8(parts.signature.clone()).unwrap();
        let written = sig
            .split("<X509SubjectName>")
            .nth(1)
            .and_then(|s| s.split("</X509SubjectName>").next())
            .unwrap();
        let report = verify_at(
            &parts.xml,
            &parts.signature,
            &TrustStore::new(),
            Utc.with_ymd_and_hms(2026, 11, 26, 0, 0, 0).unwrap(),
        );
        assert_eq!(
            report.unwrap().certificate.subject,
            written,
            "{}",
            path.display()
        );
    }
}

fn test_signer() -> Signer {
    Signer::from_pem(
        &std::fs::read_to_string(fixture("test_seal_key.pem")).unwrap(),
        &std::fs::read_to_string(fixture("test_seal_cert.pem")).unwrap(),
    )
    .unwrap()
}

#[test]
fn sign_then_verify_round_trip() {
    let signer = test_signer();
    let xml = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"><ID>1</ID></Invoice>\n";
    let signature = signer.sign_detached(xml).unwrap();
    assert!(signature.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?><Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><SignedInfo>"
    ));
    assert!(!signature.ends_with('\n'));
    assert!(signature.contains("&#13;\n"));

    let seal_cert = std::fs::read(fixture("test_seal_cert.pem")).unwrap();
    let ca_cert = std::fs::read(fixture("test_ca_cert.pem")).unwrap();

    let exact = TrustStore::from_pem_bundle(&seal_cert).unwrap();
    let report = verify_at(
        xml,
        signature.as_bytes(),
        &exact,
        Utc.with_ymd_and_hms(2026, 11, 26, 0, 0, 0).unwrap(),
    )
    .unwrap();
    assert_eq!(report.format, SignatureFormat::Detached);
    assert_eq!(report.trust, TrustBasis::ExactMatch);
    assert!(
        matches!(&report.verdict, Verdict::TrustedIntact { signer: s } if s == signer.subject())
    );

    let by_ca = TrustStore::from_pem_bundle(&ca_cert).unwrap();
    let report = verify_at(
        xml,
        signature.as_bytes(),
        &by_ca,
        Utc.with_ymd_and_hms(2026, 11, 26, 0, 0, 0).unwrap(),
    )
    .unwrap();
    assert!(matches!(report.trust, TrustBasis::IssuedByTrusted { .. }));
    assert!(report.verdict.is_valid());

    let verdict = verify(xml, signature.as_bytes(), &TrustStore::new()).unwrap();
    assert!(matches!(verdict, Verdict::UntrustedIntact { .. }));

    // An unrelated CA (the ANAF test cert) does not make our seal trusted.
    if let Some(samples) = samples_dir("sign_then_verify_round_trip (unrelated CA)") {
        let verdict = verify(xml, signature.as_bytes(), &mf_trust_store(&samples)).unwrap();
        assert!(matches!(verdict, Verdict::UntrustedIntact { .. }));
    }

    let verdict = verify(&flip_one_byte(xml), signature.as_bytes(), &exact).unwrap();
    assert!(matches!(verdict, Verdict::Altered { .. }));

    // A changed DigestValue breaks SignatureValue.
    let tampered = signature.replacen("<DigestValue>", "<DigestValue>AAAA", 1);
    let verdict = verify(xml, tampered.as_bytes(), &exact).unwrap();
    assert!(matches!(verdict, Verdict::Altered { .. }));

    // Through a zip, as the simulator will serve it.
    let zip = write_anaf_zip("5000000001", xml, signature.as_bytes()).unwrap();
    let (verdict, parts) = verify_zip(&zip, &exact).unwrap();
    assert!(verdict.is_valid());
    assert_eq!(parts.index, "5000000001");
}

#[test]
fn malformed_signature_files_are_errors_not_verdicts() {
    let trust = TrustStore::new();
    assert!(verify(b"<a/>", b"not xml", &trust).is_err());
    assert!(verify(b"<a/>", b"<a/>", &trust).is_err());
    assert!(
        verify(
            b"<a/>",
            b"<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"/>",
            &trust
        )
        .is_err()
    );
}
