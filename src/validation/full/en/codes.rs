//! Pattern `Codesmodel` of ANAF's bundle 1.0.9: the code-list rules BR-CL-* (22 asserts in force;
//! BR-CL-08 lives in the model pattern).
//!
//! How the official XSLT runs this pattern: every element and every attribute of the document is
//! visited (`apply-templates select="@*|*"`), and each visited node runs the first rule whose
//! context it matches. Only two contexts match attributes, ANAF's `//@currencyID` (BR-CL-03) and
//! `//@unitCode` (BR-CL-23); every other context matches elements. An element and its attributes
//! are therefore checked independently: a `cbc:InvoicedQuantity` can fire nothing while its
//! `@unitCode` fires BR-CL-23, and `@currencyID` is checked on any element, UBL or not.
//!
//! Almost every assert is a membership test written as
//! `not(contains(normalize-space(X), ' ')) and contains(' A B C ', concat(' ', normalize-space(X), ' '))`:
//! `X` must be exactly one of the codes once XML whitespace around it is trimmed, and must not
//! hold whitespace inside. Every list literal is `' '`-separated with spaces at both ends (the
//! generator checks it), so an empty value never matches: [`in_list`] is a set lookup.
//!
//! The lookup runs for every `@currencyID` and `@unitCode` of the document. Every code but a few
//! VATEX ones fits in 15 bytes, so each list the rules look up is also kept as sorted integers
//! ([`Keys`], built at compile time from the generated lists): a binary search over integers
//! instead of over strings.

use super::Hit;
use super::code_lists::{MIME_CODES, VATEX_CODES};
use super::kinds::{self, Kind};
use crate::validation::full::doc::{Doc, NSID_CAC, NSID_CBC, NodeId};
use crate::validation::full::xpath;

/// Checks `node` and its attributes against this pattern's rule contexts (first match wins per
/// node) and records violations: the element's own finding first, then its attributes', as the
/// official engine visits them.
pub fn check_node(doc: &Doc, node: NodeId, out: &mut Vec<Hit>) {
    check_node_with(doc, node, &mut Memo::default(), out);
}

/// The last value of each list attribute (`@currencyID`, `@unitCode`) looked up, with the
/// answer: a document repeats its currency on every amount and mostly one unit on its
/// quantities, so most lookups are the one before. Keep one per document.
#[derive(Default)]
pub struct Memo<'d> {
    last: [Option<(&'d str, bool)>; 2],
}

impl<'d> Memo<'d> {
    /// [`in_set`] of `value` in the list of attribute `slot`, reusing the last answer.
    fn in_set(&mut self, slot: usize, value: &'d str, codes: &Keys) -> bool {
        let Some(last) = self.last.get_mut(slot) else {
            return in_set(value, codes);
        };
        match *last {
            Some((v, known)) if v == value => known,
            _ => {
                let known = in_set(value, codes);
                *last = Some((value, known));
                known
            }
        }
    }
}

/// [`check_node`] with the document's [`Memo`].
pub fn check_node_with<'d>(doc: &'d Doc, node: NodeId, memo: &mut Memo<'d>, out: &mut Vec<Hit>) {
    let parent = doc.parent(node).map_or(kinds::NONE, |p| kinds::of(doc, p));
    check_node_kind(doc, node, kinds::of(doc, node), parent, memo, out);
}

/// Whether [`check_node_kind`] can fire for an element of [`Kind`] `kind`: it has an element
/// rule or attributes. Most elements have neither, and the caller skips the call for them.
#[inline]
pub(crate) fn may_fire(doc: &Doc, node: NodeId, kind: Kind) -> bool {
    has_element_rule(kinds::name(kind)) || doc.attributes(node).next().is_some()
}

/// Whether elements of kind name part `element` have an element rule (see [`element_violation`]).
#[inline]
fn has_element_rule(element: Kind) -> bool {
    (kinds::CBC_ID..=kinds::CBC_ENDPOINT_ID).contains(&element)
}

/// [`check_node_with`] for an element of [`Kind`] `kind` whose parent is of kind `parent`
/// ([`kinds::NONE`] for the root), see [`kinds::classify`].
pub(crate) fn check_node_kind<'d>(
    doc: &'d Doc,
    node: NodeId,
    kind: Kind,
    parent: Kind,
    memo: &mut Memo<'d>,
    out: &mut Vec<Hit>,
) {
    if let Some(id) = element_violation(doc, node, kinds::name(kind), kinds::name(parent)) {
        out.push(Hit {
            id,
            context: node,
            at: node,
            attr: None,
        });
    }
    for attr in doc.attributes(node) {
        // Unprefixed attribute names are in no namespace; `q:unitCode` is another attribute.
        if !attr.ns.is_empty() {
            continue;
        }
        let (slot, id, name, codes) = match attr.local {
            "currencyID" => (0, "BR-CL-03", "currencyID", &keys::CURRENCIES[..]),
            "unitCode" => (1, "BR-CL-23", "unitCode", &keys::UNIT_CODES[..]),
            _ => continue,
        };
        if !memo.in_set(slot, attr.value, codes) {
            out.push(Hit {
                id,
                context: node,
                at: node,
                attr: Some(name),
            });
        }
    }
}

/// The id of the element rule `node` matches and fails, if any. The element contexts, in .sch
/// order, are told apart by the element's name and then its parent's, so at most one matches.
/// `element` and `parent_kind` are the name parts of their kinds: every element context ends in a
/// `cbc:` step under a `cac:` parent step, and the kinds tell the namespaces apart too.
fn element_violation(
    doc: &Doc,
    node: NodeId,
    element: Kind,
    parent_kind: Kind,
) -> Option<&'static str> {
    if !has_element_rule(element) {
        return None;
    }
    let parent = doc.parent(node);
    let fails = |id: &'static str, ok: bool| (!ok).then_some(id);
    match element {
        // cbc:InvoiceTypeCode | cbc:CreditNoteTypeCode
        kinds::CBC_INVOICE_TYPE_CODE => fails(
            "BR-CL-01",
            in_set(&doc.value(node), &keys::INVOICE_TYPE_CODES),
        ),
        kinds::CBC_CREDIT_NOTE_TYPE_CODE => fails(
            "BR-CL-01",
            in_set(&doc.value(node), &keys::CREDIT_NOTE_TYPE_CODES),
        ),
        kinds::CBC_DOCUMENT_CURRENCY_CODE => {
            fails("BR-CL-04", in_set(&doc.value(node), &keys::CURRENCIES))
        }
        kinds::CBC_TAX_CURRENCY_CODE => {
            fails("BR-CL-05", in_set(&doc.value(node), &keys::CURRENCIES))
        }
        kinds::CBC_DESCRIPTION_CODE if parent_kind == kinds::CAC_INVOICE_PERIOD => fails(
            "BR-CL-06",
            in_set(&doc.value(node), &keys::VAT_POINT_DATE_CODES),
        ),
        kinds::CBC_ID => {
            let scheme = doc.attr(node, "", "schemeID");
            match (parent_kind, scheme) {
                // cac:AdditionalDocumentReference[cbc:DocumentTypeCode = '130']/cbc:ID[@schemeID]
                // | cac:DocumentReference[...]/cbc:ID[@schemeID]
                (
                    kinds::CAC_ADDITIONAL_DOCUMENT_REFERENCE | kinds::CAC_DOCUMENT_REFERENCE,
                    Some(s),
                ) if parent.is_some_and(|p| object_reference(doc, p)) => {
                    fails("BR-CL-07", in_set(s, &keys::OBJECT_SCHEMES))
                }
                (kinds::CAC_PARTY_IDENTIFICATION, Some(s)) => {
                    // SEPA creditor ids are accepted below the seller or the payee only.
                    let sepa = in_set(s, &keys::SELLER_PAYEE_EXTRA_SCHEMES)
                        && doc.ancestors(node).any(|a| {
                            doc.is_in(a, NSID_CAC, "AccountingSupplierParty")
                                || doc.is_in(a, NSID_CAC, "PayeeParty")
                        });
                    fails("BR-CL-10", in_set(s, &keys::ICD_SCHEMES) || sepa)
                }
                (kinds::CAC_TAX_CATEGORY, _) => {
                    fails("BR-CL-17", in_set(&doc.value(node), &keys::TAX_CATEGORIES))
                }
                (kinds::CAC_CLASSIFIED_TAX_CATEGORY, _) => {
                    fails("BR-CL-18", in_set(&doc.value(node), &keys::TAX_CATEGORIES))
                }
                (kinds::CAC_STANDARD_ITEM_IDENTIFICATION, Some(s)) => {
                    fails("BR-CL-21", in_set(s, &keys::ICD_SCHEMES))
                }
                (kinds::CAC_DELIVERY_LOCATION, Some(s)) => {
                    fails("BR-CL-26", in_set(s, &keys::ICD_SCHEMES))
                }
                _ => None,
            }
        }
        kinds::CBC_COMPANY_ID if parent_kind == kinds::CAC_PARTY_LEGAL_ENTITY => {
            let scheme = doc.attr(node, "", "schemeID")?;
            fails("BR-CL-11", in_set(scheme, &keys::ICD_SCHEMES))
        }
        kinds::CBC_ITEM_CLASSIFICATION_CODE
            if parent_kind == kinds::CAC_COMMODITY_CLASSIFICATION =>
        {
            let list = doc.attr(node, "", "listID")?;
            fails("BR-CL-13", in_set(list, &keys::ITEM_CLASSIFICATION_SCHEMES))
        }
        kinds::CBC_IDENTIFICATION_CODE if parent_kind == kinds::CAC_COUNTRY => {
            fails("BR-CL-14", in_set(&doc.value(node), &keys::COUNTRIES))
        }
        kinds::CBC_IDENTIFICATION_CODE if parent_kind == kinds::CAC_ORIGIN_COUNTRY => {
            fails("BR-CL-15", in_set(&doc.value(node), &keys::COUNTRIES))
        }
        kinds::CBC_PAYMENT_MEANS_CODE if parent_kind == kinds::CAC_PAYMENT_MEANS => {
            fails("BR-CL-16", in_set(&doc.value(node), &keys::PAYMENT_MEANS))
        }
        kinds::CBC_ALLOWANCE_CHARGE_REASON_CODE if parent_kind == kinds::CAC_ALLOWANCE_CHARGE => {
            // `cac:AllowanceCharge[cbc:ChargeIndicator = false()]` comes first, so a charge with
            // both a false and a true indicator is read as an allowance.
            let (any_false, any_true) = parent.map_or((false, false), |p| indicators(doc, p));
            if any_false {
                fails(
                    "BR-CL-19",
                    in_set(&doc.value(node), &keys::ALLOWANCE_REASONS),
                )
            } else if any_true {
                fails("BR-CL-20", in_set(&doc.value(node), &keys::CHARGE_REASONS))
            } else {
                None
            }
        }
        kinds::CBC_TAX_EXEMPTION_REASON_CODE => fails("BR-CL-22", vatex(&doc.value(node))),
        kinds::CBC_EMBEDDED_DOCUMENT_BINARY_OBJECT => {
            // `@mimeCode = '...' or ...`: exact string equality, whitespace included.
            let mime = doc.attr(node, "", "mimeCode")?;
            fails("BR-CL-24", MIME_CODES.contains(&mime))
        }
        kinds::CBC_ENDPOINT_ID => {
            let scheme = doc.attr(node, "", "schemeID")?;
            fails("BR-CL-25", in_set(scheme, &keys::EAS_SCHEMES))
        }
        _ => None,
    }
}

/// `not(contains(normalize-space(v), ' ')) and contains(' A B C ', concat(' ', normalize-space(v), ' '))`
/// for a list without an empty entry: `v` trimmed of XML whitespace is one of `codes`.
pub fn in_list(v: &str, codes: &[&str]) -> bool {
    single_token(v).is_some_and(|t| codes.binary_search(&t).is_ok())
}

/// [`in_list`] over the packed form of a list: the same answer (a test compares them).
pub fn in_set(v: &str, codes: &Keys) -> bool {
    single_token(v)
        .and_then(|t| pack(t.as_bytes()))
        .is_some_and(|k| codes.binary_search(&k).is_ok())
}

/// A code list as sorted integers, see [`pack`].
pub type Keys = [u128];

/// A code of at most 15 bytes as one integer: its bytes big-endian, zero-padded, then its length
/// in the low byte. For strings without NUL bytes (XML has none, and no code holds one) the
/// integers sort like the strings in byte order, so a sorted list stays sorted, and two strings
/// give the same integer only when they are equal. `None` for a longer string (in no packed list).
const fn pack(b: &[u8]) -> Option<u128> {
    if b.len() > 15 {
        return None;
    }
    // One copy into a zeroed buffer, not a loop over fifteen bytes: this runs on every code.
    let mut buf = [0u8; 16];
    buf.split_at_mut(b.len()).0.copy_from_slice(b);
    buf[15] = b.len() as u8;
    Some(u128::from_be_bytes(buf))
}

/// [`pack`] of every code of a generated list, in the list's (sorted) order.
const fn pack_all<const N: usize>(codes: &[&str]) -> [u128; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        out[i] = match pack(codes[i].as_bytes()) {
            Some(k) => k,
            // A code too long to pack fails the build here, not a lookup at run time.
            None => panic!("code list entry longer than 15 bytes"),
        };
        i += 1;
    }
    out
}

/// The packed lists, one per generated list the element and attribute rules look up.
mod keys {
    use super::super::code_lists as lists;
    use super::pack_all;

    macro_rules! packed {
        ($($name:ident),* $(,)?) => {
            $(pub const $name: [u128; lists::$name.len()] = pack_all(lists::$name);)*
        };
    }

    packed!(
        INVOICE_TYPE_CODES,
        CREDIT_NOTE_TYPE_CODES,
        CURRENCIES,
        VAT_POINT_DATE_CODES,
        OBJECT_SCHEMES,
        ICD_SCHEMES,
        SELLER_PAYEE_EXTRA_SCHEMES,
        ITEM_CLASSIFICATION_SCHEMES,
        COUNTRIES,
        PAYMENT_MEANS,
        TAX_CATEGORIES,
        ALLOWANCE_REASONS,
        CHARGE_REASONS,
        UNIT_CODES,
        EAS_SCHEMES,
    );
}

/// `v` with surrounding XML whitespace trimmed, when `normalize-space(v)` holds no space (an
/// empty result included); `None` when whitespace separates two parts of it.
fn single_token(v: &str) -> Option<&str> {
    let t = xpath::trim(v);
    // (The four XML whitespace characters are ASCII: a byte search finds them.)
    let inner_space = t
        .as_bytes()
        .iter()
        .any(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
    (!inner_space).then_some(t)
}

fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// BR-CL-22 checks `not(contains(normalize-space(.), ' '))` on the value as written but looks
/// up `normalize-space(upper-case(.))`, so lower-case exemption codes pass.
fn vatex(v: &str) -> bool {
    let Some(t) = single_token(v) else {
        return false;
    };
    if t.bytes().any(|b| !b.is_ascii() || b.is_ascii_lowercase()) {
        // Full Unicode upper-casing, as XPath's `upper-case` ("ı" becomes "I", "ß" "SS").
        in_list(&t.to_uppercase(), VATEX_CODES)
    } else {
        VATEX_CODES.binary_search(&t).is_ok()
    }
}

/// `[cbc:DocumentTypeCode = '130']`: an untyped value compared with a string literal is an exact
/// string comparison, so `' 130'` does not count.
fn object_reference(doc: &Doc, reference: NodeId) -> bool {
    doc.children_in(reference, NSID_CBC, "DocumentTypeCode")
        .any(|c| doc.value(c) == "130")
}

/// (`cbc:ChargeIndicator = false()`, `cbc:ChargeIndicator = true()`) of an allowance/charge: the
/// untyped values are cast to xs:boolean (`true`/`1`, `false`/`0`, whitespace trimmed) and the
/// comparison is true when any of them casts to that boolean.
///
/// A value that is not a boolean makes Saxon raise FORG0001; the model pattern evaluates the
/// same comparison in places where that aborts the whole official run, so the oracle compares
/// nothing on such documents. Here such a value simply counts as neither.
fn indicators(doc: &Doc, charge: NodeId) -> (bool, bool) {
    let mut seen = (false, false);
    for c in doc.children_in(charge, NSID_CBC, "ChargeIndicator") {
        match doc.value(c).trim_matches(is_xml_space) {
            "false" | "0" => seen.0 = true,
            "true" | "1" => seen.1 = true,
            _ => {}
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::super::code_lists::{
        self, ALLOWANCE_REASONS, CHARGE_REASONS, COUNTRIES, CURRENCIES, EAS_SCHEMES, ICD_SCHEMES,
        ITEM_CLASSIFICATION_SCHEMES, OBJECT_SCHEMES, PAYMENT_MEANS, SELLER_PAYEE_EXTRA_SCHEMES,
        TAX_CATEGORIES, UNIT_CODES, VAT_POINT_DATE_CODES,
    };
    use super::*;
    use crate::validation::Limits;
    use crate::validation::full::doc::{NS_CAC, NS_CBC};

    fn hits(body: &str) -> Vec<(&'static str, Option<&'static str>)> {
        let xml = format!(
            "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" \
             xmlns:cbc=\"{NS_CBC}\" xmlns:cac=\"{NS_CAC}\">{body}</Invoice>"
        );
        let doc = Doc::parse(xml.as_bytes(), &Limits::default()).unwrap();
        let mut out = Vec::new();
        for n in 0..doc.nodes.len() {
            check_node(&doc, n, &mut out);
        }
        out.into_iter().map(|h| (h.id, h.attr)).collect()
    }

    #[test]
    fn lists_are_sorted_for_binary_search() {
        for list in [
            code_lists::INVOICE_TYPE_CODES,
            code_lists::CREDIT_NOTE_TYPE_CODES,
            CURRENCIES,
            VAT_POINT_DATE_CODES,
            OBJECT_SCHEMES,
            ICD_SCHEMES,
            SELLER_PAYEE_EXTRA_SCHEMES,
            ITEM_CLASSIFICATION_SCHEMES,
            COUNTRIES,
            PAYMENT_MEANS,
            TAX_CATEGORIES,
            ALLOWANCE_REASONS,
            CHARGE_REASONS,
            VATEX_CODES,
            UNIT_CODES,
            EAS_SCHEMES,
        ] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{:?}", &list[..3]);
            assert!(!list.contains(&""));
        }
        assert_eq!(UNIT_CODES.len(), 2162);
    }

    #[test]
    fn packed_lists_answer_like_the_string_lists() {
        let pairs: [(&[&str], &Keys); 4] = [
            (CURRENCIES, &keys::CURRENCIES),
            (UNIT_CODES, &keys::UNIT_CODES),
            (ICD_SCHEMES, &keys::ICD_SCHEMES),
            (COUNTRIES, &keys::COUNTRIES),
        ];
        for (list, packed) in pairs {
            assert!(packed.windows(2).all(|w| w[0] < w[1]));
            for code in list {
                for probe in [
                    code.to_string(),
                    format!(" {code}\n"),
                    format!("{code}X"),
                    code[..code.len() - 1].to_string(),
                    format!("{code}\u{0}"),
                    format!("{code} {code}"),
                ] {
                    assert_eq!(in_set(&probe, packed), in_list(&probe, list), "{probe:?}");
                }
            }
        }
        assert!(!in_set("", &keys::CURRENCIES));
        assert!(!in_set(&"A".repeat(40), &keys::CURRENCIES));
    }

    #[test]
    fn membership_trims_but_refuses_inner_whitespace() {
        assert!(in_list(" RON\n", CURRENCIES));
        assert!(!in_list("R ON", CURRENCIES));
        assert!(!in_list("", CURRENCIES));
        assert!(!in_list("ron", CURRENCIES));
        assert!(!in_list("RON\u{a0}", CURRENCIES));
        assert!(vatex(" vatex-eu-ae "));
        assert!(!vatex("vatex eu"));
    }

    #[test]
    fn element_contexts_need_their_parent_and_the_cbc_namespace() {
        assert_eq!(
            hits("<cbc:InvoiceTypeCode>381</cbc:InvoiceTypeCode>"),
            [("BR-CL-01", None)]
        );
        assert_eq!(
            hits("<cbc:CreditNoteTypeCode> 381 </cbc:CreditNoteTypeCode>"),
            []
        );
        assert_eq!(hits("<InvoiceTypeCode>1</InvoiceTypeCode>"), []);
        assert_eq!(hits("<cbc:DescriptionCode>1</cbc:DescriptionCode>"), []);
        assert_eq!(
            hits(
                "<cac:InvoicePeriod><cbc:DescriptionCode>1</cbc:DescriptionCode></cac:InvoicePeriod>"
            ),
            [("BR-CL-06", None)]
        );
        assert_eq!(
            hits("<cac:TaxCategory><cbc:ID></cbc:ID></cac:TaxCategory>"),
            [("BR-CL-17", None)]
        );
    }

    #[test]
    fn scheme_rules_need_the_attribute() {
        let party = |s: &str, wrap: &str| {
            hits(&format!(
                "<cac:{wrap}><cac:PartyIdentification><cbc:ID{s}>1</cbc:ID></cac:PartyIdentification></cac:{wrap}>"
            ))
        };
        assert_eq!(party("", "AccountingCustomerParty"), []);
        assert_eq!(party(" schemeID=\"0088\"", "AccountingCustomerParty"), []);
        assert_eq!(
            party(" schemeID=\"SEPA\"", "AccountingCustomerParty"),
            [("BR-CL-10", None)]
        );
        assert_eq!(party(" schemeID=\"SEPA\"", "PayeeParty"), []);
        let doc_ref = |code: &str| {
            hits(&format!(
                "<cac:AdditionalDocumentReference><cbc:ID schemeID=\"XX\">1</cbc:ID><cbc:DocumentTypeCode>{code}</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>"
            ))
        };
        assert_eq!(doc_ref("130"), [("BR-CL-07", None)]);
        assert_eq!(doc_ref(" 130"), []);
    }

    #[test]
    fn attributes_are_checked_on_any_element() {
        assert_eq!(
            hits("<cbc:Note currencyID=\"EU\" unitCode=\" C62 \">x</cbc:Note>"),
            [("BR-CL-03", Some("currencyID"))]
        );
        assert_eq!(
            hits("<cbc:InvoiceTypeCode unitCode=\"X\">1</cbc:InvoiceTypeCode>"),
            [("BR-CL-01", None), ("BR-CL-23", Some("unitCode"))]
        );
    }

    #[test]
    fn allowance_indicators_cast_to_boolean_and_false_wins() {
        let ac = |ind: &str, code: &str| {
            hits(&format!(
                "<cac:AllowanceCharge>{ind}<cbc:AllowanceChargeReasonCode>{code}</cbc:AllowanceChargeReasonCode></cac:AllowanceCharge>"
            ))
        };
        let ind = |v: &str| format!("<cbc:ChargeIndicator>{v}</cbc:ChargeIndicator>");
        assert_eq!(ac(&ind(" 0 "), "95"), []);
        assert_eq!(ac(&ind("false"), "AA"), [("BR-CL-19", None)]);
        assert_eq!(ac(&ind("1"), "AA"), []);
        assert_eq!(ac(&ind("true"), "95"), [("BR-CL-20", None)]);
        assert_eq!(
            ac(&(ind("true") + &ind("false")), "AA"),
            [("BR-CL-19", None)]
        );
        assert_eq!(ac(&ind("maybe"), "x"), []);
        assert_eq!(ac("", "x"), []);
    }

    #[test]
    fn mime_codes_compare_exactly() {
        let obj = |m: &str| {
            hits(&format!(
                "<cbc:EmbeddedDocumentBinaryObject mimeCode=\"{m}\">x</cbc:EmbeddedDocumentBinaryObject>"
            ))
        };
        assert_eq!(obj("application/pdf"), []);
        assert_eq!(obj("application/pdf "), [("BR-CL-24", None)]);
        assert_eq!(obj("image/gif"), [("BR-CL-24", None)]);
    }
}
