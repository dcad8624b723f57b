//! Totals, VAT breakdown and consistency errors on a hand-checked invoice.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use spvdesk::domain::totals::ConsistencyError;
use spvdesk::domain::*;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn line(
    id: &str,
    qty: &str,
    price: &str,
    category: VatCategory,
    rate: Option<&str>,
) -> InvoiceLine {
    InvoiceLine {
        id: id.into(),
        quantity: d(qty),
        unit_code: "H87".into(),
        item: Item {
            name: format!("Articol {id}"),
            tax: TaxCategory::new(category, rate.map(d)),
            ..Item::default()
        },
        price: Price {
            amount: d(price),
            ..Price::default()
        },
        ..InvoiceLine::default()
    }
}

fn sample() -> Invoice {
    let mut inv = Invoice::new(
        DocumentKind::Invoice,
        "F-1",
        NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
        "RON",
    );
    inv.lines
        .push(line("1", "3", "33.333", VatCategory::Standard, Some("21")));
    let mut l2 = line("2", "2.5", "10", VatCategory::Standard, Some("9"));
    l2.allowances_charges.push(AllowanceCharge {
        amount: Decimal::ZERO,
        base_amount: Some(d("25")),
        percentage: Some(d("10")),
        reason: Some("Discount".into()),
        ..AllowanceCharge::default()
    });
    inv.lines.push(l2);
    let mut l3 = line("3", "7", "150", VatCategory::Standard, Some("21"));
    l3.price.base_quantity = Some(d("100"));
    inv.lines.push(l3);
    inv.allowances_charges.push(AllowanceCharge {
        is_charge: true,
        amount: d("5"),
        tax_category: Some(TaxCategory::new(VatCategory::Standard, Some(d("21")))),
        reason: Some("Transport".into()),
        ..AllowanceCharge::default()
    });
    inv.totals.prepaid = Some(d("10"));
    inv
}

#[test]
fn totals_follow_en16931() {
    let mut inv = sample();
    inv.compute_totals().unwrap();
    // 3 × 33.333 = 99.999 → 100.00; 2.5 × 10 − 2.50 = 22.50; 7 × 150 / 100 = 10.50.
    let nets: Vec<_> = inv.lines.iter().map(|l| l.net_amount.to_string()).collect();
    assert_eq!(nets, ["100.00", "22.50", "10.50"]);
    assert_eq!(inv.lines[1].allowances_charges[0].amount, d("2.50"));
    let t = &inv.totals;
    assert_eq!(t.line_net_total.to_string(), "133.00");
    assert_eq!(t.charge_total, Some(d("5")));
    assert_eq!(t.allowance_total, None);
    assert_eq!(t.tax_exclusive.to_string(), "138.00");
    // 21 %: 100 + 10.50 + 5 = 115.50 → 24.255 → 24.26; 9 %: 22.50 → 2.025 → 2.03.
    assert_eq!(inv.vat_breakdown.len(), 2);
    assert_eq!(inv.vat_breakdown[0].taxable_amount.to_string(), "115.50");
    assert_eq!(inv.vat_breakdown[0].tax_amount.to_string(), "24.26");
    assert_eq!(inv.vat_breakdown[1].tax_amount.to_string(), "2.03");
    assert_eq!(t.vat_total, Some(d("26.29")));
    assert_eq!(t.tax_inclusive.to_string(), "164.29");
    assert_eq!(t.payable.to_string(), "154.29");
    assert_eq!(inv.validate_consistency(), Ok(()));
}

#[test]
fn inconsistent_invoices_name_the_business_term() {
    let mut inv = sample();
    inv.compute_totals().unwrap();
    inv.totals.payable += d("0.01");
    let errors = inv.validate_consistency().unwrap_err();
    assert!(
        matches!(
            errors[..],
            [ConsistencyError::Mismatch {
                term: "BT-115",
                rule: "BR-CO-16",
                ..
            }]
        ),
        "{errors:?}"
    );
    assert!(errors[0].to_string().contains("BT-115"));

    let mut inv = sample();
    inv.compute_totals().unwrap();
    inv.vat_breakdown[0].tax_amount = d("24.25");
    let errors = inv.validate_consistency().unwrap_err();
    assert!(errors.iter().any(|e| matches!(
        e,
        ConsistencyError::Mismatch {
            term: "BT-117",
            rule: "BR-CO-17",
            ..
        }
    )));
    assert!(errors.iter().any(|e| matches!(
        e,
        ConsistencyError::Mismatch {
            term: "BT-110",
            rule: "BR-CO-14",
            ..
        }
    )));

    let mut inv = sample();
    inv.compute_totals().unwrap();
    inv.lines[0].net_amount = d("100.001");
    let errors = inv.consistency_errors();
    assert!(
        errors
            .iter()
            .any(|e| matches!(e, ConsistencyError::TooManyDecimals { term: "BT-131", .. }))
    );
}

#[test]
fn currency_and_category_rules() {
    let mut inv = sample();
    inv.currency = "EUR".into();
    inv.compute_totals().unwrap();
    let errors = inv.consistency_errors();
    assert!(
        errors.contains(&ConsistencyError::AccountingCurrencyNotRon {
            currency: "EUR".into()
        })
    );
    inv.vat_accounting_currency = Some("RON".into());
    assert_eq!(
        inv.consistency_errors(),
        vec![ConsistencyError::MissingAccountingVat]
    );
    inv.totals.vat_total_accounting = Some(
        totals::vat_in_accounting_currency(inv.totals.vat_total.unwrap(), d("4.9765")).unwrap(),
    );
    assert_eq!(inv.totals.vat_total_accounting, Some(d("130.83")));
    assert_eq!(inv.validate_consistency(), Ok(()));

    let mut exempt = sample();
    exempt
        .lines
        .push(line("4", "1", "1", VatCategory::Exempt, Some("0")));
    exempt.compute_totals().unwrap();
    assert!(
        exempt
            .consistency_errors()
            .contains(&ConsistencyError::MissingExemptionReason {
                category: "E".into()
            })
    );

    let mut bad_rate = sample();
    bad_rate
        .lines
        .push(line("5", "1", "1", VatCategory::ReverseCharge, Some("19")));
    assert!(matches!(
        bad_rate.compute_totals(),
        Err(ConsistencyError::NonZeroRate { .. })
    ));

    let mut no_rate = sample();
    no_rate
        .lines
        .push(line("6", "1", "1", VatCategory::Standard, None));
    assert!(matches!(
        no_rate.compute_totals(),
        Err(ConsistencyError::MissingRate { .. })
    ));

    let mut no_digit = sample();
    no_digit.number = "FACT".into();
    no_digit.compute_totals().unwrap();
    assert!(
        no_digit
            .consistency_errors()
            .contains(&ConsistencyError::NumberWithoutDigit)
    );

    let mut empty = sample();
    empty.lines.clear();
    assert_eq!(empty.compute_totals(), Err(ConsistencyError::NoLines));
}

#[test]
fn huge_amounts_are_errors_not_panics() {
    let mut inv = sample();
    inv.lines[0].quantity = Decimal::MAX;
    inv.lines[0].price.amount = Decimal::MAX;
    assert!(matches!(
        inv.compute_totals(),
        Err(ConsistencyError::Overflow { .. })
    ));
    let errors = inv.consistency_errors();
    assert!(
        errors
            .iter()
            .any(|e| matches!(e, ConsistencyError::Overflow { .. }))
    );
}
