//! Full and partial credit notes reference the invoice and total correctly.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use spvdesk::domain::credit_note::{CreditError, LineSelection, credit_full, credit_partial};
use spvdesk::domain::invoice::TypeCode;
use spvdesk::domain::*;
use spvdesk::ubl::{read_invoice, write_invoice};

use crate::invoice_gen::generate;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn an_invoice() -> Invoice {
    generate(40)
        .into_iter()
        .find(|i| i.kind == DocumentKind::Invoice && i.lines.len() >= 2)
        .unwrap()
}

#[test]
fn full_credit_mirrors_the_invoice() {
    let inv = an_invoice();
    let date = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let cn = credit_full(&inv, "CN-77", date).unwrap();
    assert_eq!(cn.kind, DocumentKind::CreditNote);
    assert_eq!(cn.type_code, TypeCode::CreditNote);
    assert_eq!(
        cn.preceding_invoices,
        vec![PrecedingInvoice {
            number: inv.number.clone(),
            issue_date: Some(inv.issue_date)
        }]
    );
    assert_eq!(cn.totals.tax_inclusive, inv.totals.tax_inclusive);
    assert_eq!(cn.lines, inv.lines);
    assert_eq!(cn.validate_consistency(), Ok(()));
    let xml = String::from_utf8(write_invoice(&cn).unwrap()).unwrap();
    assert!(xml.contains(
        "<CreditNote xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\""
    ));
    assert!(xml.contains("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>"));
    assert!(xml.contains("<cac:CreditNoteLine>") && xml.contains("<cbc:CreditedQuantity"));
    assert!(!xml.contains("<cbc:DueDate>"));
    assert_eq!(read_invoice(xml.as_bytes()).unwrap().invoice, cn);
}

#[test]
fn partial_credit_recomputes() {
    let inv = an_invoice();
    let date = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let first = &inv.lines[0];
    let cn = credit_partial(
        &inv,
        "CN-78",
        date,
        &[LineSelection {
            line_id: first.id.clone(),
            quantity: first.quantity,
        }],
    )
    .unwrap();
    assert_eq!(cn.lines.len(), 1);
    assert_eq!(cn.lines[0].net_amount, first.net_amount);
    assert!(cn.allowances_charges.is_empty());
    assert_eq!(cn.validate_consistency(), Ok(()));

    let too_much = credit_partial(
        &inv,
        "CN",
        date,
        &[LineSelection {
            line_id: first.id.clone(),
            quantity: first.quantity + d("1"),
        }],
    );
    assert!(matches!(
        too_much,
        Err(CreditError::QuantityTooLarge { .. })
    ));
    let unknown = credit_partial(
        &inv,
        "CN",
        date,
        &[LineSelection {
            line_id: "nope".into(),
            quantity: d("1"),
        }],
    );
    assert_eq!(unknown, Err(CreditError::UnknownLine("nope".into())));
    assert_eq!(
        credit_partial(&inv, "CN", date, &[]),
        Err(CreditError::NothingSelected)
    );
    let zero = credit_partial(
        &inv,
        "CN",
        date,
        &[LineSelection {
            line_id: first.id.clone(),
            quantity: d("0"),
        }],
    );
    assert!(matches!(zero, Err(CreditError::NonPositiveQuantity(_))));
}

#[test]
fn credit_note_due_date_needs_payment_means() {
    let mut cn = credit_full(
        &an_invoice(),
        "CN-79",
        NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
    )
    .unwrap();
    cn.due_date = Some(NaiveDate::from_ymd_opt(2026, 2, 5).unwrap());
    let xml = String::from_utf8(write_invoice(&cn).unwrap()).unwrap();
    assert!(xml.contains("<cbc:PaymentDueDate>2026-02-05</cbc:PaymentDueDate>"));
    assert_eq!(
        read_invoice(xml.as_bytes()).unwrap().invoice.due_date,
        cn.due_date
    );
    cn.payment_means.clear();
    assert!(write_invoice(&cn).is_err());
}
