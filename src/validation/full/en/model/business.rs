//! The BR-nn asserts of the model pattern (BR-01 … BR-67 that exist in ANAF's bundle 1.0.9; BR-27
//! was moved to the CIUS-RO rules), BR-B-01/02 and BR-CL-08, each exactly as its XPath binding in
//! `UBL/EN16931-UBL-model.sch` reads (the comment above each arm quotes it).
//!
//! Where the official XPath raises a dynamic error (a one-item function given two nodes, a cast
//! of a non-date), Saxon aborts the whole transform and the oracle reports nothing for the
//! document; we then answer "holds" (no finding), since the quick/XSD checks, UBL-SR cardinality
//! rules or the CIUS-RO date rules already report the cause.

use std::cell::OnceCell;

use super::dates;
use super::lists::UNCL4451;
use super::nodes::{
    any_path, count_path, equals_path, exists_path, has_attr, has_text, has_vat_scheme,
    nonempty_path, normalized_is,
};
use super::routes::two_digits;
use super::totals::Amount;
use crate::validation::full::doc::{Doc, NSID_CAC, NSID_CBC, NodeId, char_len};
use crate::validation::full::en::shared::{Anywhere, Shared};
use crate::validation::full::query::{ChildIndex, Path, Step};
use crate::validation::full::xpath;

const ID: Step<'static> = (NSID_CBC, "ID");
const NAME: Step<'static> = (NSID_CBC, "Name");
const COUNTRY_CODE: [Step<'static>; 2] = [(NSID_CAC, "Country"), (NSID_CBC, "IdentificationCode")];

fn cac(local: &'static str) -> Step<'static> {
    (NSID_CAC, local)
}

fn cbc(local: &'static str) -> Step<'static> {
    (NSID_CBC, local)
}

/// The id of a rule of this module as a small integer: `BR-nn` is nn, `BR-B-nn` 100 + nn,
/// `BR-CL-nn` 200 + nn, anything else 0. The dispatch below matches on it: a string `match`
/// compares the id with each arm in turn, and this runs for every assert of every context.
pub(super) fn rule_key(id: &str) -> u16 {
    let Some(rest) = id.strip_prefix("BR-") else {
        return 0;
    };
    // Byte search: ids are ASCII, and `split_once(char)` sets up a searcher per call.
    let split = rest
        .bytes()
        .position(|b| b == b'-')
        .map(|dash| (&rest[..dash], &rest[dash + 1..]));
    let (base, digits) = match split {
        None => (0, rest),
        Some(("B", n)) => (100, n),
        Some(("CL", n)) => (200, n),
        Some(_) => return 0,
    };
    two_digits(digits).map_or(0, |n| base + n)
}

/// Whether the BR-nn / BR-B / BR-CL-08 assert `id` holds at context node `n`. `kids`, when
/// given, are the children of `n` grouped by name (the root's: one per line), for the paths
/// to look their first step up in; the answers are the same.
pub fn holds(id: &str, doc: &Doc, n: NodeId, kids: Option<&ChildIndex<'_>>) -> bool {
    holds_key(
        rule_key(id),
        doc,
        n,
        kids,
        &Shared::new(doc),
        &OnceCell::new(),
    )
}

/// [`holds`] for the id whose [`rule_key`] is `key` (the dispatch works the keys out once), with
/// what the document's rules share (`shared` belongs to `doc`). `split_payment`: whether the
/// document uses category 'B', worked out by the first of BR-B-01 and BR-B-02 that asks (pass
/// the same cell for every node of a document).
pub fn holds_key(
    key: u16,
    doc: &Doc,
    n: NodeId,
    kids: Option<&ChildIndex<'_>>,
    shared: &Shared<'_>,
    split_payment: &OnceCell<bool>,
) -> bool {
    let split_payment_used = || *split_payment.get_or_init(|| category_used(doc, shared, "B"));
    let exists = |steps: Path<'_>| match kids {
        Some(kids) => kids.select_first(steps).is_some(),
        None => exists_path(doc, n, steps),
    };
    let nonempty = |steps: Path<'_>| match kids {
        Some(kids) => kids.select_find(steps, |x| has_text(doc, x)).is_some(),
        None => nonempty_path(doc, n, steps),
    };
    let count = |steps: Path<'_>| match (kids, steps.split_first()) {
        (Some(kids), Some((&(ns, local), rest))) => kids
            .children(ns, local)
            .iter()
            .map(|&c| count_path(doc, c, rest))
            .sum(),
        _ => count_path(doc, n, steps),
    };
    match key {
        // (cbc:CustomizationID) != ''
        1 => nonempty(&[cbc("CustomizationID")]),
        // (cbc:ID) != '' (document, line, payee account, supporting document)
        2 | 21 | 50 | 52 => nonempty(&[ID]),
        // (cbc:IssueDate) != ''
        3 => nonempty(&[cbc("IssueDate")]),
        // (cbc:InvoiceTypeCode) != '' or (cbc:CreditNoteTypeCode) != ''
        4 => nonempty(&[cbc("InvoiceTypeCode")]) || nonempty(&[cbc("CreditNoteTypeCode")]),
        // (cbc:DocumentCurrencyCode) != ''
        5 => nonempty(&[cbc("DocumentCurrencyCode")]),
        // (cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName) != ''
        6 => nonempty(&[
            cac("AccountingSupplierParty"),
            cac("Party"),
            cac("PartyLegalEntity"),
            cbc("RegistrationName"),
        ]),
        // (cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName) != ''
        7 => nonempty(&[
            cac("AccountingCustomerParty"),
            cac("Party"),
            cac("PartyLegalEntity"),
            cbc("RegistrationName"),
        ]),
        // exists(cac:AccountingSupplierParty/cac:Party/cac:PostalAddress)
        8 => exists(&[
            cac("AccountingSupplierParty"),
            cac("Party"),
            cac("PostalAddress"),
        ]),
        // (cac:Country/cbc:IdentificationCode) != '' (seller, buyer, tax representative address)
        9 | 11 | 20 => nonempty(&COUNTRY_CODE),
        // exists(cac:AccountingCustomerParty/cac:Party/cac:PostalAddress)
        10 => exists(&[
            cac("AccountingCustomerParty"),
            cac("Party"),
            cac("PostalAddress"),
        ]),
        // exists(cbc:LineExtensionAmount) (document totals; line)
        12 | 24 => exists(&[cbc("LineExtensionAmount")]),
        13 => exists(&[cbc("TaxExclusiveAmount")]),
        14 => exists(&[cbc("TaxInclusiveAmount")]),
        15 => exists(&[cbc("PayableAmount")]),
        // exists(cac:InvoiceLine) or exists(cac:CreditNoteLine) (either, whatever the root)
        16 => exists(&[cac("InvoiceLine")]) || exists(&[cac("CreditNoteLine")]),
        17 => payee_differs_from_seller(doc, n),
        // (cac:PartyName/cbc:Name) != ''
        18 => nonempty(&[cac("PartyName"), NAME]),
        19 => exists(&[cac("PostalAddress")]),
        // exists(cbc:InvoicedQuantity) or exists(cbc:CreditedQuantity)
        22 => exists(&[cbc("InvoicedQuantity")]) || exists(&[cbc("CreditedQuantity")]),
        // exists(cbc:InvoicedQuantity/@unitCode) or exists(cbc:CreditedQuantity/@unitCode)
        23 => ["InvoicedQuantity", "CreditedQuantity"].iter().any(|q| {
            doc.children_in(n, NSID_CBC, q)
                .any(|c| has_attr(doc, c, "unitCode"))
        }),
        // (cac:Item/cbc:Name) != ''
        25 => nonempty(&[cac("Item"), NAME]),
        // exists(cac:Price/cbc:PriceAmount)
        26 => exists(&[cac("Price"), cbc("PriceAmount")]),
        28 => price_base_amount_not_negative(doc, n),
        // (exists(cbc:EndDate) and exists(cbc:StartDate) and xs:date(cbc:EndDate) >=
        //  xs:date(cbc:StartDate)) or not(exists(cbc:StartDate)) or not(exists(cbc:EndDate))
        29 | 30 => period_in_order(doc, n),
        // exists(cbc:Amount) (document/line allowances and charges)
        31 | 36 | 41 | 43 => exists(&[cbc("Amount")]),
        // exists(cac:TaxCategory[cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']/cbc:ID)
        32 | 37 | 47 => vat_categories(doc, n).any(|c| doc.exists_in(c, NSID_CBC, "ID")),
        // exists(cbc:AllowanceChargeReason) or exists(cbc:AllowanceChargeReasonCode)
        33 | 38 | 42 | 44 => {
            exists(&[cbc("AllowanceChargeReason")]) || exists(&[cbc("AllowanceChargeReasonCode")])
        }
        45 => exists(&[cbc("TaxableAmount")]),
        46 => exists(&[cbc("TaxAmount")]),
        // exists(cac:TaxCategory[VAT]/cbc:Percent) or (cac:TaxCategory[VAT]/normalize-space(cbc:ID)='O')
        48 => {
            vat_categories(doc, n).any(|c| doc.exists_in(c, NSID_CBC, "Percent"))
                || vat_categories(doc, n).any(|c| single_normalized_is(doc, c, "ID", "O"))
        }
        49 => exists(&[cbc("PaymentMeansCode")]),
        // string-length(cbc:PrimaryAccountNumberID) <= 10
        51 => {
            let mut pans = doc.children_in(n, NSID_CBC, "PrimaryAccountNumberID");
            match (pans.next(), pans.next()) {
                (Some(pan), None) => char_len(&doc.value(pan)) <= 10,
                // none: string-length(()) = 0; several: XPTY0004 (abort), see module docs
                _ => true,
            }
        }
        53 => tax_currency_has_vat_total(doc, n, shared),
        // exists(cbc:Name) and exists(cbc:Value)
        54 => exists(&[NAME]) && exists(&[cbc("Value")]),
        // exists(cac:InvoiceDocumentReference/cbc:ID)
        55 => exists(&[cac("InvoiceDocumentReference"), ID]),
        // exists(cac:PartyTaxScheme[cac:TaxScheme/(normalize-space(upper-case(cbc:ID)) = 'VAT')]/cbc:CompanyID)
        56 => doc
            .children_in(n, NSID_CAC, "PartyTaxScheme")
            .any(|s| has_vat_scheme(doc, s) && doc.exists_in(s, NSID_CBC, "CompanyID")),
        // exists(cac:Country/cbc:IdentificationCode)
        57 => exists(&COUNTRY_CODE),
        61 => transfer_has_account(doc, n),
        // exists(@schemeID) (seller/buyer endpoint, item standard id); exists(@listID)
        62..=64 => has_attr(doc, n, "schemeID"),
        65 => has_attr(doc, n, "listID"),
        // count(cac:PaymentMeans/cac:CardAccount) <= 1
        66 => count(&[cac("PaymentMeans"), cac("CardAccount")]) <= 1,
        // count(cac:PaymentMeans/cac:PaymentMandate) <= 1
        67 => count(&[cac("PaymentMeans"), cac("PaymentMandate")]) <= 1,
        101 => !split_payment_used() || only_italy(doc, shared),
        102 => !split_payment_used() || !category_used(doc, shared, "S"),
        208 => note_subject_code_known(&doc.value(n)),
        // An id this module does not know: nothing to report.
        _ => true,
    }
}

/// The amount whose presence is all the assert with [`rule_key`] `key` asks for
/// (`exists(cbc:LineExtensionAmount)`, ...), if that is all it asks: the dispatch answers those
/// from the amounts of the context, read once (see [`holds_key`] for the same answers).
pub(super) fn amount_asserted(key: u16) -> Option<Amount> {
    Some(match key {
        12 | 24 => Amount::LineExtension,
        13 => Amount::TaxExclusive,
        14 => Amount::TaxInclusive,
        15 => Amount::Payable,
        31 | 36 | 41 | 43 => Amount::Plain,
        45 => Amount::Taxable,
        46 => Amount::Tax,
        _ => return None,
    })
}

/// Where to point the user when assert `id` fails at `n`: the element whose value is wrong when
/// the rule reads one (an empty ID, a reversed end date, a long card number, …), else `n` (also
/// for the ids of other modules).
pub fn at(id: &str, doc: &Doc, n: NodeId) -> NodeId {
    let first = |steps: Path<'_>| {
        let mut found = None;
        any_path(doc, n, steps, &mut |x| {
            found = Some(x);
            true
        });
        found.unwrap_or(n)
    };
    match rule_key(id) {
        1 => first(&[cbc("CustomizationID")]),
        2 | 21 | 50 | 52 => first(&[ID]),
        3 => first(&[cbc("IssueDate")]),
        5 => first(&[cbc("DocumentCurrencyCode")]),
        6 => first(&[
            cac("AccountingSupplierParty"),
            cac("Party"),
            cac("PartyLegalEntity"),
            cbc("RegistrationName"),
        ]),
        7 => first(&[
            cac("AccountingCustomerParty"),
            cac("Party"),
            cac("PartyLegalEntity"),
            cbc("RegistrationName"),
        ]),
        9 | 11 | 20 => first(&COUNTRY_CODE),
        18 => first(&[cac("PartyName"), NAME]),
        25 => first(&[cac("Item"), NAME]),
        28 => first(&[cac("Price"), cac("AllowanceCharge"), cbc("BaseAmount")]),
        29 | 30 => first(&[cbc("EndDate")]),
        51 => first(&[cbc("PrimaryAccountNumberID")]),
        53 => first(&[cbc("TaxCurrencyCode")]),
        61 => first(&[cbc("PaymentMeansCode")]),
        _ => n,
    }
}

/// `cac:TaxCategory[cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']` children of `n`.
fn vat_categories(doc: &Doc, n: NodeId) -> impl Iterator<Item = NodeId> + '_ {
    doc.children_in(n, NSID_CAC, "TaxCategory")
        .filter(move |&c| has_vat_scheme(doc, c))
}

/// `normalize-space(cbc:<local>) = lit` on `n`: one-item function, so absent = '' and two or
/// more is an XPTY0004 abort (answered existentially).
fn single_normalized_is(doc: &Doc, n: NodeId, local: &str, lit: &str) -> bool {
    doc.children_in(n, NSID_CBC, local)
        .any(|c| normalized_is(&doc.value(c), lit))
}

/// BR-17 (context `cac:PayeeParty`):
/// `exists(cac:PartyName/cbc:Name) and (not(cac:PartyName/cbc:Name =
/// ../cac:AccountingSupplierParty/cac:Party/cac:PartyName/cbc:Name) and
/// not(cac:PartyIdentification/cbc:ID = ../cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID))`.
/// The comparisons are untyped = untyped, i.e. exact string equality between any two nodes.
fn payee_differs_from_seller(doc: &Doc, n: NodeId) -> bool {
    if !exists_path(doc, n, &[cac("PartyName"), NAME]) {
        return false;
    }
    let Some(parent) = doc.parent(n) else {
        return true;
    };
    let shares = |group: &'static str, leaf: Step<'static>| {
        any_path(doc, n, &[cac(group), leaf], &mut |mine| {
            let mine = doc.value(mine);
            equals_path(
                doc,
                parent,
                &[
                    cac("AccountingSupplierParty"),
                    cac("Party"),
                    cac(group),
                    leaf,
                ],
                &mine,
            )
        })
    };
    !shares("PartyName", NAME) && !shares("PartyIdentification", ID)
}

/// BR-28 (line): `(cac:Price/cac:AllowanceCharge/cbc:BaseAmount) >= 0 or
/// not(exists(cac:Price/cac:AllowanceCharge/cbc:BaseAmount))`: existential over the base
/// amounts, each compared with the integer 0 as Saxon does (see [`untyped_ge_zero`]).
fn price_base_amount_not_negative(doc: &Doc, n: NodeId) -> bool {
    let steps = [cac("Price"), cac("AllowanceCharge"), cbc("BaseAmount")];
    let mut any = false;
    let mut uncastable = false;
    let ok = any_path(doc, n, &steps, &mut |b| {
        any = true;
        match xpath::double_is_non_negative(&doc.value(b)) {
            Some(v) => v,
            None => {
                uncastable = true;
                false
            }
        }
    });
    // A value that is not a number is a cast error in Saxon (abort): no finding here.
    ok || !any || uncastable
}

/// BR-29 / BR-30: an invoice period's end date is not before its start date. Only when both
/// are present; a value that is not an `xs:date`, or two of either, abort the official run:
/// no finding (the CIUS-RO date rules and the XSD report those).
fn period_in_order(doc: &Doc, n: NodeId) -> bool {
    let one = |local: &str| {
        let mut it = doc.children_in(n, NSID_CBC, local);
        match (it.next(), it.next()) {
            (Some(x), None) => Some(Some(x)),
            (None, _) => Some(None),
            _ => None,
        }
    };
    let (Some(start), Some(end)) = (one("StartDate"), one("EndDate")) else {
        return true;
    };
    let (Some(start), Some(end)) = (start, end) else {
        return true;
    };
    let (start, end) = (doc.value(start), doc.value(end));
    // Two plain `YYYY-MM-DD` values in order hold whether or not they are real dates (a value
    // that is not one holds too): decided without the cast.
    if plain_date(&start) && plain_date(&end) && end >= start {
        return true;
    }
    match (dates::parse(&start), dates::parse(&end)) {
        (Some(s), Some(e)) => e >= s,
        _ => true,
    }
}

/// Whether `s` is ten bytes `dddd-dd-dd`: two such values compare as dates compare when both
/// are dates (no time zone, four-digit years).
fn plain_date(s: &str) -> bool {
    matches!(s.as_bytes(), &[y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2]
        if [y1, y2, y3, y4, m1, m2, d1, d2].iter().all(u8::is_ascii_digit))
}

/// BR-53 (document): `every $taxcurrency in cbc:TaxCurrencyCode satisfies
/// exists(//cac:TaxTotal/cbc:TaxAmount[@currencyID=$taxcurrency])`: untyped against untyped
/// compares as strings, exactly; `//cac:TaxTotal` is any TaxTotal in the document, so its
/// amounts are the `cbc:TaxAmount`s (listed once per document) whose parent is one.
fn tax_currency_has_vat_total(doc: &Doc, n: NodeId, shared: &Shared<'_>) -> bool {
    // Each code against the amounts directly: a document has one tax currency code at most
    // (a second is a syntax error), so collecting the currencies first cost an allocation.
    let total_currencies = || {
        shared
            .anywhere(Anywhere::TaxAmount)
            .iter()
            .filter(|&&a| {
                doc.parent(a)
                    .is_some_and(|t| doc.is_in(t, NSID_CAC, "TaxTotal"))
            })
            .filter_map(|&a| doc.attr(a, "", "currencyID"))
    };
    doc.children_in(n, NSID_CBC, "TaxCurrencyCode").all(|c| {
        let code = doc.value(c);
        total_currencies().any(|a| a == code)
    })
}

/// BR-61 (payment means): `(exists(cac:PayeeFinancialAccount/cbc:ID) and
/// (normalize-space(cbc:PaymentMeansCode) = '30' or … = '58')) or
/// (normalize-space(cbc:PaymentMeansCode) != '30' and … != '58')`.
/// `normalize-space` of no code is '' (holds); of two codes an abort (answered existentially).
fn transfer_has_account(doc: &Doc, n: NodeId) -> bool {
    let codes = || doc.children_in(n, NSID_CBC, "PaymentMeansCode");
    let transfer = codes().any(|c| {
        let v = doc.value(c);
        normalized_is(&v, "30") || normalized_is(&v, "58")
    });
    !transfer || exists_path(doc, n, &[cac("PayeeFinancialAccount"), ID])
}

/// `//cac:TaxCategory/cbc:ID = 'x' or //cac:ClassifiedTaxCategory/cbc:ID = 'x'` (exact
/// comparison, no trimming).
fn category_used(doc: &Doc, shared: &Shared<'_>, code: &str) -> bool {
    let categories = shared.anywhere(Anywhere::TaxCategory);
    let classified = shared.anywhere(Anywhere::ClassifiedTaxCategory);
    categories.iter().chain(classified).any(|&c| {
        doc.children_in(c, NSID_CBC, "ID")
            .any(|i| doc.value(i) == code)
    })
}

/// BR-B-01: `not(//cbc:IdentificationCode != 'IT')`: no IdentificationCode anywhere (country
/// codes of every address) that is not exactly 'IT'.
fn only_italy(doc: &Doc, shared: &Shared<'_>) -> bool {
    !shared
        .anywhere(Anywhere::IdentificationCode)
        .iter()
        .any(|&c| doc.value(c) != "IT")
}

/// BR-CL-08 (document note): `(contains(.,'#') and string-length(substring-before(
/// substring-after(.,'#'),'#'))=3 and contains(' AAA … ', substring-before(substring-after(.,'#'),'#')))
/// or not(contains(.,'#')) or not(string-length(…)=3)`: a `#XXX#` subject prefix, if the text
/// between the first two '#' is 3 characters, must occur in the UNCL4451 list string (a
/// substring test, so e.g. "A A" also passes).
fn note_subject_code_known(note: &str) -> bool {
    let Some((_, after)) = note.split_once('#') else {
        return true;
    };
    // substring-before of a string without the second '#' is ''.
    let code = after.split_once('#').map_or("", |(code, _)| code);
    if code.chars().count() != 3 {
        return true;
    }
    UNCL4451.contains(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_codes_use_a_substring_test() {
        assert!(note_subject_code_known("no hash"));
        assert!(note_subject_code_known("#AAI#text"));
        assert!(!note_subject_code_known("#XYZ#text"));
        assert!(note_subject_code_known("#AB#text"));
        assert!(note_subject_code_known("#XYZ"));
        assert!(note_subject_code_known("#A A#"));
    }

    #[test]
    fn ge_zero_follows_saxon() {
        assert_eq!(xpath::double_is_non_negative("-0"), Some(true));
        assert_eq!(xpath::double_is_non_negative("-0.0"), Some(false));
        assert_eq!(xpath::double_is_non_negative("NaN"), Some(true));
        assert_eq!(xpath::double_is_non_negative("abc"), None);
        assert_eq!(xpath::double_is_non_negative("1e2"), Some(true));
    }

    #[test]
    fn rule_keys_tell_the_ids_apart() {
        assert_eq!(rule_key("BR-01"), 1);
        assert_eq!(rule_key("BR-67"), 67);
        assert_eq!(rule_key("BR-B-02"), 102);
        assert_eq!(rule_key("BR-CL-08"), 208);
        for other in [
            "BR-CO-10",
            "BR-DEC-01",
            "BR-S-01",
            "BR-AE-01",
            "BR-1",
            "BR-123",
            "X-01",
            "",
        ] {
            assert_eq!(rule_key(other), 0, "{other}");
        }
        // Every model id keeps its own key.
        let ids: Vec<&str> = crate::validation::full::en::all_ids().collect();
        let mut keys: Vec<(u16, &str)> = ids
            .iter()
            .map(|&id| (rule_key(id), id))
            .filter(|&(k, _)| k != 0)
            .collect();
        keys.sort_unstable();
        assert!(keys.windows(2).all(|w| w[0].0 != w[1].0), "{keys:?}");
    }
}
