//! The CIF check digit on fiscal codes of invoices ANAF accepted.

use spvdesk::domain::ids::{Cif, CifError};
use spvdesk::ubl::read_invoice;

use crate::shared_data::{conformance_dir, skip_unless_present};

#[test]
fn cifs_of_anaf_accepted_invoices_are_valid() {
    let dir = conformance_dir().join("testcases/cius-ro/oca-anaf-accepted");
    if skip_unless_present(&dir, "CIF corpus test") {
        return;
    }
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let invoice = read_invoice(&std::fs::read(&path).unwrap())
            .unwrap()
            .invoice;
        for party in [&invoice.seller, &invoice.buyer] {
            let vat = party.vat_id.as_deref().unwrap();
            let cif = Cif::parse(vat).unwrap_or_else(|e| panic!("{}: {vat}: {e}", path.display()));
            assert_eq!(cif.with_ro_prefix(), vat);
            checked += 1;
        }
    }
    assert!(checked >= 6, "only {checked} codes checked");
}

#[test]
fn placeholder_codes_of_the_examples_are_rejected() {
    // Made-up codes that appear in public examples.
    assert!(matches!(
        Cif::parse("RO1234567890"),
        Err(CifError::CheckDigit { .. })
    ));
    assert!(matches!(
        Cif::parse("RO987456123"),
        Err(CifError::CheckDigit { .. })
    ));
    assert!(matches!(
        Cif::parse("RO1111111111118"),
        Err(CifError::Length { digits: 13 })
    ));
    for real in [
        "RO30834857",
        "29152430",
        "8609468",
        "RO2816464",
        "RO23685159",
        "RO10167619",
        "RO9435289",
    ] {
        assert!(Cif::parse(real).is_ok(), "{real}");
    }
}
