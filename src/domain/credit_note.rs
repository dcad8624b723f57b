//! Credit notes (type 381) that cancel an invoice in full or in part and
//! reference it as the preceding invoice (BG-3).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::invoice::{DocumentKind, Invoice, PrecedingInvoice, TypeCode};
use crate::domain::rounding::money;
use crate::domain::totals::{ConsistencyError, vat_in_accounting_currency};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CreditError {
    #[error("the invoice has no line {0} (BT-126)")]
    UnknownLine(String),
    #[error("line {line}: cannot credit {requested}, the invoice has {invoiced} (BT-129)")]
    QuantityTooLarge {
        line: String,
        requested: Decimal,
        invoiced: Decimal,
    },
    #[error("line {0}: the credited quantity must be positive (BT-129)")]
    NonPositiveQuantity(String),
    #[error("nothing to credit: no line selected (BG-25)")]
    NothingSelected,
    #[error(transparent)]
    Totals(#[from] ConsistencyError),
}

/// One line to credit and how much of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineSelection {
    /// BT-126 of the invoice line.
    pub line_id: String,
    pub quantity: Decimal,
}

/// The header of a credit note: the invoice's parties, currency and payment
/// data, a new number/date, type 381 and the invoice as preceding reference.
fn credit_header(invoice: &Invoice, number: &str, issue_date: NaiveDate) -> Invoice {
    let mut credit = invoice.clone();
    credit.kind = DocumentKind::CreditNote;
    credit.type_code = TypeCode::CreditNote;
    credit.number = number.to_owned();
    credit.issue_date = issue_date;
    // The VAT point of the credit is its own issue date, and nothing is due.
    credit.tax_point_date = None;
    credit.due_date = None;
    credit.totals.prepaid = None;
    credit.totals.rounding = None;
    credit.preceding_invoices = vec![PrecedingInvoice {
        number: invoice.number.clone(),
        issue_date: Some(invoice.issue_date),
    }];
    credit
}

/// Credit the whole invoice: same lines, allowances, charges and amounts.
pub fn credit_full(
    invoice: &Invoice,
    number: &str,
    issue_date: NaiveDate,
) -> Result<Invoice, CreditError> {
    let mut credit = credit_header(invoice, number, issue_date);
    credit.compute_totals()?;
    credit.totals.vat_total_accounting = invoice.totals.vat_total_accounting;
    Ok(credit)
}

/// Credit selected lines and quantities. Line allowances and charges are
/// prorated to the credited quantity; document-level allowances and charges
/// are not credited (issue a full credit note to reverse those). BT-111 is
/// converted with the rate implied by the invoice (BT-111 ÷ BT-110).
pub fn credit_partial(
    invoice: &Invoice,
    number: &str,
    issue_date: NaiveDate,
    selection: &[LineSelection],
) -> Result<Invoice, CreditError> {
    if selection.is_empty() {
        return Err(CreditError::NothingSelected);
    }
    let mut credit = credit_header(invoice, number, issue_date);
    credit.allowances_charges.clear();
    credit.lines.clear();
    for pick in selection {
        let line = invoice
            .lines
            .iter()
            .find(|l| l.id == pick.line_id)
            .ok_or_else(|| CreditError::UnknownLine(pick.line_id.clone()))?;
        if pick.quantity <= Decimal::ZERO {
            return Err(CreditError::NonPositiveQuantity(pick.line_id.clone()));
        }
        if pick.quantity > line.quantity.abs() {
            return Err(CreditError::QuantityTooLarge {
                line: pick.line_id.clone(),
                requested: pick.quantity,
                invoiced: line.quantity,
            });
        }
        let mut credited = line.clone();
        if pick.quantity != line.quantity {
            let ratio = pick
                .quantity
                .checked_div(line.quantity)
                .ok_or(ConsistencyError::Overflow { term: "BT-129" })?;
            for ac in &mut credited.allowances_charges {
                ac.percentage = None;
                ac.amount = money(
                    ac.amount
                        .checked_mul(ratio)
                        .ok_or(ConsistencyError::Overflow { term: "BT-136" })?,
                );
                ac.base_amount = match ac.base_amount {
                    Some(b) => Some(money(
                        b.checked_mul(ratio)
                            .ok_or(ConsistencyError::Overflow { term: "BT-137" })?,
                    )),
                    None => None,
                };
            }
            credited.quantity = pick.quantity;
        }
        credit.lines.push(credited);
    }
    credit.compute_totals()?;
    credit.totals.vat_total_accounting = match (
        invoice.totals.vat_total_accounting,
        invoice.totals.vat_total,
        credit.totals.vat_total,
    ) {
        (Some(ron), Some(vat), Some(credited_vat)) if !vat.is_zero() => {
            let rate = ron
                .checked_div(vat)
                .ok_or(ConsistencyError::Overflow { term: "BT-111" })?;
            Some(vat_in_accounting_currency(credited_vat, rate)?)
        }
        (Some(_), _, _) => Some(money(Decimal::ZERO)),
        _ => None,
    };
    Ok(credit)
}
