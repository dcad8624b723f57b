//! The stub verifier checks ANAF's real production archives (so the simulator's format is
//! ANAF's), and rejects them after a one-byte change.

use crate::sandbox_support::*;
use spvdesk::sandbox::stub_sign::{SignError, verify_detached};

#[test]
fn real_anaf_archives_verify_with_the_stub_verifier() {
    let Some(samples) = samples_dir() else { return };
    for name in [
        "prod2026_nok_duplicate_5935607155.zip",
        "prod2026_nok_duplicate_6552704998.zip",
    ] {
        let bytes = std::fs::read(samples.join("zips").join(name)).unwrap();
        let entries = unzip(&bytes);
        let xml = &entries
            .iter()
            .find(|(n, _)| !n.starts_with("semnatura_"))
            .unwrap()
            .1;
        let sig = String::from_utf8(
            entries
                .iter()
                .find(|(n, _)| n.starts_with("semnatura_"))
                .unwrap()
                .1
                .clone(),
        )
        .unwrap();
        let v = verify_detached(xml, &sig).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(v.subject.contains("Ministerul Finantelor"), "{}", v.subject);
        let mut changed = xml.clone();
        changed[0] ^= 0x20;
        assert!(matches!(
            verify_detached(&changed, &sig),
            Err(SignError::DigestMismatch)
        ));
    }
}
