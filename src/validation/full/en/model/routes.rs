//! Which module answers each assert of a context, worked out from the ids once.

use std::sync::OnceLock;

use super::totals::Amount;
use super::{Context, asserts, business, document_vat, totals};

/// Which module answers an assert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// BR-CO-* and BR-DEC-*: [`totals::holds_key`] with the id's key.
    Totals(u16),
    /// A BR-nn assert that only asks whether the context has a `cbc` amount child
    /// (`exists(cbc:TaxableAmount)`, ...): answered by the context's [`totals::Amounts`], which
    /// its BR-CO / BR-DEC asserts find anyway.
    AmountExists(Amount),
    /// The rest: [`business::holds_key`] with the id's key.
    Business(u16),
}

/// The asserts of `context` with their routes, worked out from the ids once: the ids' prefixes
/// were otherwise compared for every assert of every context node. The VAT category asserts of
/// the document context are left out: [`document_vat::check_document_with`] answers them all
/// in one pass over the document (two thirds of that context's asserts, each a turn of the
/// dispatch loop for nothing).
pub fn routes(context: Context) -> &'static [(&'static str, Route)] {
    static ROUTES: OnceLock<Vec<Vec<(&'static str, Route)>>> = OnceLock::new();
    let all = ROUTES.get_or_init(|| {
        ALL_CONTEXTS
            .iter()
            .map(|&c| {
                asserts(c)
                    .iter()
                    .filter(|id| !document_vat::is_document_vat_rule(id))
                    .map(|&id| {
                        let route = if id.starts_with("BR-CO-") || id.starts_with("BR-DEC-") {
                            Route::Totals(totals::rule_key(id))
                        } else {
                            let key = business::rule_key(id);
                            business::amount_asserted(key)
                                .map_or(Route::Business(key), Route::AmountExists)
                        };
                        (id, route)
                    })
                    .collect()
            })
            .collect()
    });
    all.get(context as usize).map_or(&[], |r| r.as_slice())
}

/// The number a rule id ends in, when that is exactly two digits (`BR-CO-nn`, `BR-nn`, ...): the
/// modules' dispatches switch on numbers worked out once, not on the id strings.
pub(super) fn two_digits(digits: &str) -> Option<u16> {
    match digits.as_bytes() {
        &[a, b] if a.is_ascii_digit() && b.is_ascii_digit() => {
            Some(u16::from(a - b'0') * 10 + u16::from(b - b'0'))
        }
        _ => None,
    }
}

/// Every context, in declaration order (`context as usize` indexes it).
pub const ALL_CONTEXTS: [Context; 31] = [
    Context::SupportingDocument,
    Context::AmountDue,
    Context::BuyerEndpoint,
    Context::BuyerAddress,
    Context::CardAccount,
    Context::DeliverToAddress,
    Context::DocumentAllowance,
    Context::DocumentCharge,
    Context::DocumentTotals,
    Context::Document,
    Context::Line,
    Context::LineAllowance,
    Context::LineCharge,
    Context::LinePeriod,
    Context::InvoicePeriod,
    Context::ItemAttribute,
    Context::ItemClassification,
    Context::ItemStandardId,
    Context::Note,
    Context::Payee,
    Context::PayeeAccount,
    Context::PaymentMeans,
    Context::PrecedingInvoice,
    Context::Seller,
    Context::SellerEndpoint,
    Context::SellerAddress,
    Context::TaxRepresentative,
    Context::TaxRepresentativeAddress,
    Context::TaxTotal,
    Context::VatBreakdown,
    Context::VatIdentifier,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_follow_the_declaration_order_of_the_contexts() {
        for (i, &c) in ALL_CONTEXTS.iter().enumerate() {
            assert_eq!(c as usize, i);
            let ids: Vec<&str> = routes(c).iter().map(|r| r.0).collect();
            let routed: Vec<&str> = asserts(c)
                .iter()
                .copied()
                .filter(|id| !document_vat::is_document_vat_rule(id))
                .collect();
            assert_eq!(ids, routed);
        }
        assert_eq!(routes(Context::Note), [("BR-CL-08", Route::Business(208))]);
        assert_eq!(
            routes(Context::AmountDue),
            [("BR-CO-25", Route::Totals(25))]
        );
        assert_eq!(
            routes(Context::VatBreakdown).get(..2),
            Some(
                &[
                    ("BR-45", Route::AmountExists(Amount::Taxable)),
                    ("BR-46", Route::AmountExists(Amount::Tax))
                ][..]
            )
        );
        assert_eq!(two_digits("07"), Some(7));
        for bad in ["", "7", "007", "a7", "7a"] {
            assert_eq!(two_digits(bad), None, "{bad:?}");
        }
    }
}
