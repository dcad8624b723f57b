//! The reader against unusual and hostile input: other prefixes, unknown
//! elements, DTDs, oversize and deeply nested documents. Errors, never panics.

use proptest::prelude::*;
use spvdesk::ubl::{ReadError, ReadLimits, read_invoice, read_invoice_with_limits, write_invoice};

use crate::invoice_gen::generate;

fn sample_xml() -> String {
    String::from_utf8(write_invoice(&generate(1)[0]).unwrap()).unwrap()
}

#[test]
fn any_namespace_prefixes_are_accepted() {
    let xml = sample_xml();
    let original = read_invoice(xml.as_bytes()).unwrap().invoice;
    let root = if xml.contains("<CreditNote") {
        "CreditNote"
    } else {
        "Invoice"
    };
    // Root in a prefixed namespace, cac/cbc under other prefixes.
    let renamed = xml
        .replace(
            &format!("<{root} xmlns="),
            &format!("<doc:{root} xmlns:doc="),
        )
        .replace(&format!("</{root}>"), &format!("</doc:{root}>"))
        .replace("xmlns:cac=", "xmlns:agg=")
        .replace("xmlns:cbc=", "xmlns:basic=")
        .replace("<cac:", "<agg:")
        .replace("</cac:", "</agg:")
        .replace("<cbc:", "<basic:")
        .replace("</cbc:", "</basic:");
    assert!(renamed.contains("<agg:AccountingSupplierParty>"));
    let outcome = read_invoice(renamed.as_bytes()).unwrap();
    assert!(outcome.unmapped.is_empty(), "{:?}", outcome.unmapped);
    assert_eq!(outcome.invoice, original);
}

#[test]
fn unknown_elements_are_listed_with_their_path() {
    let xml = sample_xml();
    let with_extra = xml.replacen(
        "<cac:AccountingSupplierParty>",
        "<cac:Signature><cbc:ID>sig</cbc:ID></cac:Signature><x:Foreign xmlns:x=\"urn:example\">y</x:Foreign><cac:AccountingSupplierParty>",
        1,
    );
    let outcome = read_invoice(with_extra.as_bytes()).unwrap();
    let paths: Vec<_> = outcome.unmapped.iter().map(|u| u.path.as_str()).collect();
    let root = if xml.contains("<CreditNote") {
        "/CreditNote"
    } else {
        "/Invoice"
    };
    assert!(
        paths.contains(&format!("{root}/cac:Signature").as_str()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&format!("{root}/*:Foreign").as_str()),
        "{paths:?}"
    );
}

#[test]
fn doctype_and_entities_are_refused() {
    let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&lol2;</Invoice>"#;
    assert!(matches!(
        read_invoice(bomb.as_bytes()),
        Err(ReadError::Xml(_))
    ));
    let external = r#"<?xml version="1.0"?><!DOCTYPE r SYSTEM "file:///etc/passwd"><r/>"#;
    assert!(read_invoice(external.as_bytes()).is_err());
}

#[test]
fn size_limit_is_a_parameter_with_the_anaf_default() {
    assert_eq!(ReadLimits::default().max_bytes, 10 * 1024 * 1024);
    let xml = sample_xml();
    let small = ReadLimits {
        max_bytes: 100,
        ..ReadLimits::default()
    };
    assert!(matches!(
        read_invoice_with_limits(xml.as_bytes(), small),
        Err(ReadError::Xml(_))
    ));
    let big = vec![b' '; 10 * 1024 * 1024 + 1];
    assert!(read_invoice(&big).is_err());
}

#[test]
fn many_unknown_siblings_are_listed_in_linear_time() {
    let xml = sample_xml();
    let unknown = "<cbc:UUID>x</cbc:UUID>".repeat(100_000);
    let flooded = xml.replacen(
        "<cac:AccountingSupplierParty>",
        &(unknown + "<cac:AccountingSupplierParty>"),
        1,
    );
    let outcome = read_invoice(flooded.as_bytes()).unwrap();
    assert_eq!(outcome.unmapped.len(), 100_000);
    let too_many = ReadLimits {
        max_elements: 50_000,
        ..ReadLimits::default()
    };
    assert!(read_invoice_with_limits(flooded.as_bytes(), too_many).is_err());
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!(
        "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">{}{}</Invoice>",
        "<a>".repeat(10_000),
        "</a>".repeat(10_000)
    );
    assert!(read_invoice(deep.as_bytes()).is_err());
}

#[test]
fn wrong_documents_are_errors() {
    assert!(matches!(
        read_invoice(b"<Order xmlns=\"urn:x\"/>"),
        Err(ReadError::NotUbl(_))
    ));
    let no_id = r#"<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>"#;
    assert!(matches!(
        read_invoice(no_id.as_bytes()),
        Err(ReadError::Missing { .. })
    ));
    assert!(read_invoice(b"\xEF\xBB\xBF").is_err());
}

#[test]
fn amounts_in_another_currency_are_reported() {
    let xml = sample_xml();
    let inv = read_invoice(xml.as_bytes()).unwrap().invoice;
    let odd = xml.replacen(
        &format!("<cbc:PayableAmount currencyID=\"{}\"", inv.currency),
        "<cbc:PayableAmount currencyID=\"XXX\"",
        1,
    );
    let outcome = read_invoice(odd.as_bytes()).unwrap();
    assert!(
        outcome
            .unmapped
            .iter()
            .any(|u| u.path.ends_with("cbc:PayableAmount") && u.reason.contains("XXX")),
        "{:?}",
        outcome.unmapped
    );
}

#[test]
fn invalid_values_are_reported_not_fatal() {
    // Extra attributes are tolerated.
    let odd = sample_xml().replacen(
        "<cbc:PayableAmount currencyID=",
        "<cbc:PayableAmount data=\"1\" currencyID=",
        1,
    );
    assert!(read_invoice(odd.as_bytes()).unwrap().unmapped.is_empty());
    // A value that is not a number is listed, the rest is read.
    let x = sample_xml();
    let start = x.find("<cbc:PayableAmount").unwrap();
    let gt = start + x[start..].find('>').unwrap() + 1;
    let end = start + x[start..].find("</cbc:PayableAmount>").unwrap();
    let not_a_number = format!("{}twelve{}", &x[..gt], &x[end..]);
    let outcome = read_invoice(not_a_number.as_bytes()).unwrap();
    assert!(
        outcome
            .unmapped
            .iter()
            .any(|u| u.path.ends_with("cbc:PayableAmount") && u.reason.contains("decimal"))
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Arbitrary bytes never panic the reader.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = read_invoice(&bytes);
    }

    /// Corrupting a valid document anywhere never panics the reader.
    #[test]
    fn mutated_documents_never_panic(at in 0usize..4000, byte in any::<u8>(), cut in any::<bool>()) {
        let mut xml = sample_xml().into_bytes();
        let at = at % xml.len();
        if cut { xml.truncate(at) } else { xml[at] = byte }
        let _ = read_invoice(&xml);
    }
}
