//! The VAT category rules of pattern `UBL-model`: BR-S, BR-Z, BR-E, BR-AE, BR-IC (category K),
//! BR-G, BR-O, BR-IG (L) and BR-IP (M), 96 asserts.
//!
//! * [`check_node`]: the 36 contexts that close the pattern — per category the VAT breakdown
//!   (`$VATx` = `/*/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory[...]`, asserts -08..-10), the
//!   document allowance and charge (`$VATx_Allowance`, `$VATx_Charge`, -06 and -07) and the
//!   line (`$VATx_Line`, -05). No other context of the pattern matches these nodes, so the model
//!   dispatch calls this when nothing else matched.
//!
//! The category asserts of the `$Invoice` context (-01..-04 of every category, BR-IC-11/12,
//! BR-O-11..14) belong to the root's rule and live in [`super::document_vat`].
//!
//! The families are one parameterised implementation driven by [`FAMILIES`]; every variant in
//! the table is a real difference between the official XPath expressions of two categories.

mod breakdown;
mod exact;
mod holders;
mod values;

pub use holders::Holders;

use std::cell::OnceCell;

use crate::validation::full::doc::{Doc, NSID_CAC, NSID_CBC, NodeId};
use crate::validation::full::en::Hit;
use crate::validation::full::en::shared::Shared;
use crate::validation::full::xpath;

use values::{Xp, charge_indicator_is, is_vat, only_cbc, parent_named};

/// `-05`/`-06`/`-07`: what the line, allowance and charge VAT rate must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateRule {
    /// `(cbc:Percent) > 0` (S): any `cbc:Percent` cast to `xs:double` above zero.
    Positive,
    /// `(xs:decimal(cbc:Percent) = 0)` (Z, E, AE, K, G): fires when the rate is absent too.
    Zero,
    /// `not(cbc:Percent)` (O).
    Absent,
    /// `(cbc:Percent) >= 0` (L, M), compared the way Saxon does (`-0.00` is below zero).
    NonNegative,
}

/// `-08`: how the breakdown's taxable amount is checked against lines, allowances and charges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaxableRule {
    /// S: per rate, within ±1, and only when some line or allowance/charge has that rate.
    PerRateWhereUsed,
    /// Z, E, AE, K, G, O: exact equality, all rates of the category together.
    Exact,
    /// L, M: per rate, within ±1.
    PerRate,
}

/// `-09`: the breakdown's tax amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaxRule {
    /// S, L, M: taxable × rate / 100 rounded to cents, within ±1.
    Computed,
    /// The others: `xs:decimal(../cbc:TaxAmount) = 0`.
    Zero,
}

/// `-01`: a breakdown of the category exists when lines/allowances/charges use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakdownRule {
    /// S: counts without the VAT scheme filter, at least one breakdown.
    CountAnyScheme,
    /// Z, E, AE, K, G, O: exactly one breakdown `cbc:ID` with the code.
    ExactlyOne,
    /// L, M: VAT categories counted; the "at least one breakdown" side compares `cbc:ID = 'L'`
    /// untrimmed, with (M) or without (L) the VAT filter.
    CountVat { exact_id_with_vat: bool },
}

/// Which tax categories an existence test of -02..-04 looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub holder: Holder,
    /// `[normalize-space(cbc:ID) = 'x']` (trimmed) or `[cbc:ID = 'x']` (exact).
    pub exact_id: bool,
    /// With the `[cac:TaxScheme/... = 'VAT']` filter.
    pub vat: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// `//cac:ClassifiedTaxCategory`.
    Line,
    /// `//cac:AllowanceCharge[cbc:ChargeIndicator = charge]/cac:TaxCategory`, any depth.
    AllowanceCharge { charge: bool },
    /// `(/ubl:Invoice|/cn:CreditNote)/cac:AllowanceCharge[...]/cac:TaxCategory` (O only).
    DocumentAllowanceCharge { charge: bool },
}

/// The party identifiers -02..-04 demand when the category is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parties {
    /// Seller `cac:PartyTaxScheme/cbc:CompanyID` (any scheme) or tax representative VAT id.
    SellerAnyScheme,
    /// Seller VAT id or tax representative VAT id.
    SellerVat,
    /// AE: seller (any scheme) or representative, and buyer VAT id or buyer legal company id.
    SellerAndBuyerAnyId,
    /// K: seller VAT id or representative VAT id, and buyer VAT id.
    SellerVatAndBuyerVat,
    /// O: no VAT id at all, neither seller, representative nor buyer.
    NoVatIds,
}

/// `-02`/`-03`/`-04`: `(exists(first) and parties) or not(exists(second))`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PresenceRule {
    pub first: Selection,
    pub parties: Parties,
    pub second: Selection,
}

/// One VAT category family.
#[derive(Debug)]
pub struct Family {
    /// The VAT category code (`cbc:ID`).
    pub code: &'static str,
    /// The rule ids -01 .. -10 (ids[0] = -01).
    pub ids: [&'static str; 10],
    pub breakdown: BreakdownRule,
    /// -02 (lines), -03 (allowances), -04 (charges).
    pub presence: [PresenceRule; 3],
    pub rate: RateRule,
    pub taxable: TaxableRule,
    pub tax: TaxRule,
    /// -10: `true` = an exemption reason (text or code) is required, `false` = forbidden.
    pub exemption_required: bool,
}

const fn sel(holder: Holder, vat: bool) -> Selection {
    Selection {
        holder,
        exact_id: false,
        vat,
    }
}

const LINE: Holder = Holder::Line;
const ALLOWANCE: Holder = Holder::AllowanceCharge { charge: false };
const CHARGE: Holder = Holder::AllowanceCharge { charge: true };

/// `(exists(h[VAT]) and parties) or not(exists(h[VAT]))`: the common shape of -02..-04.
const fn usual(holder: Holder, parties: Parties) -> PresenceRule {
    PresenceRule {
        first: sel(holder, true),
        parties,
        second: sel(holder, true),
    }
}

const fn usual3(parties: Parties) -> [PresenceRule; 3] {
    [
        usual(LINE, parties),
        usual(ALLOWANCE, parties),
        usual(CHARGE, parties),
    ]
}

/// The nine families, with every difference between their official expressions.
pub static FAMILIES: [Family; 9] = [
    Family {
        code: "S",
        ids: [
            "BR-S-01", "BR-S-02", "BR-S-03", "BR-S-04", "BR-S-05", "BR-S-06", "BR-S-07", "BR-S-08",
            "BR-S-09", "BR-S-10",
        ],
        breakdown: BreakdownRule::CountAnyScheme,
        // BR-S-02 ends with `not(exists(//cac:ClassifiedTaxCategory[normalize-space(cbc:ID) =
        // 'S']))`, without the VAT filter: an S line under another scheme makes it fire.
        presence: [
            PresenceRule {
                first: sel(LINE, true),
                parties: Parties::SellerAnyScheme,
                second: sel(LINE, false),
            },
            usual(ALLOWANCE, Parties::SellerAnyScheme),
            usual(CHARGE, Parties::SellerAnyScheme),
        ],
        rate: RateRule::Positive,
        taxable: TaxableRule::PerRateWhereUsed,
        tax: TaxRule::Computed,
        exemption_required: false,
    },
    Family {
        code: "Z",
        ids: [
            "BR-Z-01", "BR-Z-02", "BR-Z-03", "BR-Z-04", "BR-Z-05", "BR-Z-06", "BR-Z-07", "BR-Z-08",
            "BR-Z-09", "BR-Z-10",
        ],
        breakdown: BreakdownRule::ExactlyOne,
        presence: usual3(Parties::SellerAnyScheme),
        rate: RateRule::Zero,
        taxable: TaxableRule::Exact,
        tax: TaxRule::Zero,
        exemption_required: false,
    },
    Family {
        code: "E",
        ids: [
            "BR-E-01", "BR-E-02", "BR-E-03", "BR-E-04", "BR-E-05", "BR-E-06", "BR-E-07", "BR-E-08",
            "BR-E-09", "BR-E-10",
        ],
        breakdown: BreakdownRule::ExactlyOne,
        presence: usual3(Parties::SellerAnyScheme),
        rate: RateRule::Zero,
        taxable: TaxableRule::Exact,
        tax: TaxRule::Zero,
        exemption_required: true,
    },
    Family {
        code: "AE",
        ids: [
            "BR-AE-01", "BR-AE-02", "BR-AE-03", "BR-AE-04", "BR-AE-05", "BR-AE-06", "BR-AE-07",
            "BR-AE-08", "BR-AE-09", "BR-AE-10",
        ],
        breakdown: BreakdownRule::ExactlyOne,
        presence: usual3(Parties::SellerAndBuyerAnyId),
        rate: RateRule::Zero,
        taxable: TaxableRule::Exact,
        tax: TaxRule::Zero,
        exemption_required: true,
    },
    Family {
        code: "K",
        ids: [
            "BR-IC-01", "BR-IC-02", "BR-IC-03", "BR-IC-04", "BR-IC-05", "BR-IC-06", "BR-IC-07",
            "BR-IC-08", "BR-IC-09", "BR-IC-10",
        ],
        breakdown: BreakdownRule::ExactlyOne,
        presence: usual3(Parties::SellerVatAndBuyerVat),
        rate: RateRule::Zero,
        taxable: TaxableRule::Exact,
        tax: TaxRule::Zero,
        exemption_required: true,
    },
    Family {
        code: "G",
        ids: [
            "BR-G-01", "BR-G-02", "BR-G-03", "BR-G-04", "BR-G-05", "BR-G-06", "BR-G-07", "BR-G-08",
            "BR-G-09", "BR-G-10",
        ],
        breakdown: BreakdownRule::ExactlyOne,
        // BR-G-03/04 test the allowance's existence without the VAT filter on the first side;
        // the second side has it, so the difference never changes the outcome, but we keep it.
        presence: [
            usual(LINE, Parties::SellerVat),
            PresenceRule {
                first: sel(ALLOWANCE, false),
                parties: Parties::SellerVat,
                second: sel(ALLOWANCE, true),
            },
            PresenceRule {
                first: sel(CHARGE, false),
                parties: Parties::SellerVat,
                second: sel(CHARGE, true),
            },
        ],
        rate: RateRule::Zero,
        taxable: TaxableRule::Exact,
        tax: TaxRule::Zero,
        exemption_required: true,
    },
    Family {
        code: "O",
        ids: [
            "BR-O-01", "BR-O-02", "BR-O-03", "BR-O-04", "BR-O-05", "BR-O-06", "BR-O-07", "BR-O-08",
            "BR-O-09", "BR-O-10",
        ],
        breakdown: BreakdownRule::ExactlyOne,
        // BR-O-03/04 only look at document level allowances and charges.
        presence: [
            usual(LINE, Parties::NoVatIds),
            usual(
                Holder::DocumentAllowanceCharge { charge: false },
                Parties::NoVatIds,
            ),
            usual(
                Holder::DocumentAllowanceCharge { charge: true },
                Parties::NoVatIds,
            ),
        ],
        rate: RateRule::Absent,
        taxable: TaxableRule::Exact,
        tax: TaxRule::Zero,
        exemption_required: true,
    },
    Family {
        code: "L",
        ids: [
            "BR-IG-01", "BR-IG-02", "BR-IG-03", "BR-IG-04", "BR-IG-05", "BR-IG-06", "BR-IG-07",
            "BR-IG-08", "BR-IG-09", "BR-IG-10",
        ],
        breakdown: BreakdownRule::CountVat {
            exact_id_with_vat: false,
        },
        // BR-IG-04 ends with `not(exists(//cac:AllowanceCharge[cbc:ChargeIndicator=true()]/
        // cac:TaxCategory[cbc:ID='L'][...VAT]))`: an untrimmed, exact code.
        presence: [
            usual(LINE, Parties::SellerAnyScheme),
            usual(ALLOWANCE, Parties::SellerAnyScheme),
            PresenceRule {
                first: sel(CHARGE, true),
                parties: Parties::SellerAnyScheme,
                second: Selection {
                    holder: CHARGE,
                    exact_id: true,
                    vat: true,
                },
            },
        ],
        rate: RateRule::NonNegative,
        taxable: TaxableRule::PerRate,
        tax: TaxRule::Computed,
        exemption_required: false,
    },
    Family {
        code: "M",
        ids: [
            "BR-IP-01", "BR-IP-02", "BR-IP-03", "BR-IP-04", "BR-IP-05", "BR-IP-06", "BR-IP-07",
            "BR-IP-08", "BR-IP-09", "BR-IP-10",
        ],
        breakdown: BreakdownRule::CountVat {
            exact_id_with_vat: true,
        },
        presence: usual3(Parties::SellerAnyScheme),
        rate: RateRule::NonNegative,
        taxable: TaxableRule::PerRate,
        tax: TaxRule::Computed,
        exemption_required: false,
    },
];

/// Where a VAT category node sits, which decides the rule context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// `/*/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory`.
    Breakdown,
    /// `cac:AllowanceCharge[cbc:ChargeIndicator=false()]/cac:TaxCategory` (any depth).
    Allowance,
    /// `cac:AllowanceCharge[cbc:ChargeIndicator=true()]/cac:TaxCategory` (any depth).
    Charge,
    /// `cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory` (or `cac:CreditNoteLine/...`).
    Line,
}

/// Checks `node` against the 36 VAT category contexts (first match in .sch order) and records a
/// hit per failing assert. Returns whether one of them matched. `holders`: the document's lines,
/// allowances and charges, read on the first breakdown and kept for the next ones.
pub fn check_node<'a>(
    doc: &'a Doc,
    node: NodeId,
    shared: &Shared<'a>,
    holders: &OnceCell<Holders<'a>>,
    out: &mut Vec<Hit>,
) -> bool {
    let Some((family, place)) = matching_context(doc, node) else {
        return false;
    };
    match place {
        Place::Line => rate_rule(doc, node, family, family.ids[4], out),
        Place::Allowance => rate_rule(doc, node, family, family.ids[5], out),
        Place::Charge => rate_rule(doc, node, family, family.ids[6], out),
        Place::Breakdown => {
            let holders = holders.get_or_init(|| Holders::gather(doc, shared));
            breakdown::check(doc, node, family, holders, shared, out);
        }
    }
    true
}

/// The family and context `node` matches, if any. Errors inside a match pattern (two `cbc:ID`,
/// an unreadable `cbc:ChargeIndicator`) make the pattern not match, as in XSLT 3.0.
fn matching_context(doc: &Doc, node: NodeId) -> Option<(&'static Family, Place)> {
    let n = &doc.nodes[node];
    // Cheap rejection first: this runs on every node of the document.
    let place = match n.local.as_str() {
        "TaxCategory" if doc.ns_id(node) == NSID_CAC => tax_category_place(doc, node)?,
        "ClassifiedTaxCategory" if doc.ns_id(node) == NSID_CAC => {
            let item = parent_named(doc, node, "Item")?;
            parent_named(doc, item, "InvoiceLine")
                .or_else(|| parent_named(doc, item, "CreditNoteLine"))?;
            Place::Line
        }
        _ => return None,
    };
    let id = only_cbc(doc, node, "ID").ok()??;
    // `normalize-space(cbc:ID) = code` for every family's code: the ID trimmed once.
    let id = xpath::trim(&id);
    let family = FAMILIES.iter().find(|f| id == f.code)?;
    if !is_vat(doc, node).unwrap_or(false) {
        return None;
    }
    Some((family, place))
}

fn tax_category_place(doc: &Doc, node: NodeId) -> Option<Place> {
    if let Some(subtotal) = parent_named(doc, node, "TaxSubtotal") {
        let total = parent_named(doc, subtotal, "TaxTotal")?;
        // `/*/cac:TaxTotal`: a child of the root element, whatever the root is.
        let root = doc.nodes[total].parent?;
        return doc.nodes[root].parent.is_none().then_some(Place::Breakdown);
    }
    let ac = parent_named(doc, node, "AllowanceCharge")?;
    // Every category has its Allowance context before its Charge context: an allowance/charge
    // with both a false and a true indicator is an allowance.
    if charge_indicator_is(doc, ac, false).unwrap_or(false) {
        Some(Place::Allowance)
    } else if charge_indicator_is(doc, ac, true).unwrap_or(false) {
        Some(Place::Charge)
    } else {
        None
    }
}

/// -05, -06, -07: the VAT rate of a line, allowance or charge of the category.
fn rate_rule(doc: &Doc, node: NodeId, family: &Family, id: &'static str, out: &mut Vec<Hit>) {
    let holds = match family.rate {
        RateRule::Positive => values::any_percent_double(doc, node, |v| v > 0.0),
        RateRule::NonNegative => values::any_percent_non_negative(doc, node),
        RateRule::Zero => {
            values::decimal_of(doc, node, "Percent").map(|p| p.is_some_and(|p| p.is_zero()))
        }
        RateRule::Absent => Ok(!doc.exists_in(node, NSID_CBC, "Percent")),
    };
    let at = || {
        doc.first_child_in(node, NSID_CBC, "Percent")
            .unwrap_or(node)
    };
    report(holds, id, node, at, out);
}

/// Pushes a hit for `id` at context `node` unless `holds`, pointing `at` the offending element
/// (only looked up for a hit). Where the official run would abort (a malformed number, see
/// [`values`]) we stay silent: the quick validator reports the value.
fn report(
    holds: Xp<bool>,
    id: &'static str,
    node: NodeId,
    at: impl FnOnce() -> NodeId,
    out: &mut Vec<Hit>,
) {
    if !holds.unwrap_or(true) {
        super::push_hit(out, id, node, at());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::full::en;

    /// The 54 context asserts here plus the 42 root asserts of `document_vat` are exactly the
    /// 96 VAT category ids of the bundle.
    #[test]
    fn the_table_and_the_root_rule_name_the_96_rules_of_the_bundle() {
        let prefixes = [
            "BR-S-", "BR-Z-", "BR-E-", "BR-AE-", "BR-IC-", "BR-G-", "BR-O-", "BR-IG-", "BR-IP-",
        ];
        let bundle: std::collections::BTreeSet<&str> = en::all_ids()
            .filter(|id| prefixes.iter().any(|p| id.starts_with(p)))
            .collect();
        assert_eq!(bundle.len(), 96);
        let ours: std::collections::BTreeSet<&str> = FAMILIES
            .iter()
            .flat_map(|f| f.ids.iter().copied())
            .filter(|id| !super::super::document_vat::is_document_vat_rule(id))
            .chain(
                bundle
                    .iter()
                    .copied()
                    .filter(|id| super::super::document_vat::is_document_vat_rule(id)),
            )
            .collect();
        assert_eq!(ours, bundle);
    }
}
