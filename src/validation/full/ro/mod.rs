//! The CIUS-RO rules of ANAF's `RO16931-rules.sch` 1.0.9 (122 ids, all fatal), natively.
//!
//! Firing semantics follow the official XSLT exactly (see `cius-ro/RULES.md`):
//! * every element is matched against the rule contexts in .sch order and only the FIRST
//!   matching rule runs for it (one Schematron pattern); [`context_of`] encodes that order, so
//!   the shadowed rules (BR-DEC-RO-13/15/23, BR-RO-L1019) and the vacuous ones (BR-RO-A051/A052)
//!   never fire, exactly as in the official engine;
//! * `/ubl:CreditNote/...` contexts use the Invoice namespace, so those rules only ever apply to
//!   invoices (tax representative and deliver-to addresses, document allowances/charges);
//! * one finding per context node whose assert fails (or report holds).
//!
//! Where the official XSLT raises a dynamic error and aborts (a length rule whose path selects
//! several nodes, `text()` split by a comment, a price that is not a number; RULES.md quirk 5),
//! we give a defined answer instead: every selected node is checked and the rule fires when any
//! of them breaks it, and the repetition is reported ([`Found::repeated`]: where the schema
//! allows it, nothing else would); concatenated text is used for dates; a non-numeric price is
//! left to the quick (XSD) check.

mod context;
#[rustfmt::skip]
pub mod explanations;
#[rustfmt::skip]
mod lengths;
#[rustfmt::skip]
pub mod messages;
mod rules;
mod values;

pub use context::{Context, context_of, context_of_kind, may_match};

use crate::validation::full::doc::{Doc, NSID_CAC, NodeId, NsId};
use crate::validation::full::en::Shared;
use crate::validation::full::en::kinds::Kind;
use crate::validation::full::name::same_name;
use crate::validation::full::query::ChildIndex;

/// One CIUS-RO rule violation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub id: &'static str,
    /// The rule's context node (used for `{name}` / `{value}` in the official message).
    pub context: NodeId,
    /// Where to point the user: the offending element when there is one, else the context.
    pub at: NodeId,
}

/// What the CIUS-RO rules found in one document.
#[derive(Debug, Default)]
pub struct Found {
    /// The rules that fired, in document order.
    pub hits: Vec<Hit>,
    /// Length rules whose path selects more than one node where the UBL schema allows it (two
    /// `cac:PartyName` of a party, two `cac:AddressLine`, two `cac:OriginatorDocumentReference`...;
    /// a repetition the schema forbids is the quick check's finding):
    /// `string-length(normalize-space(path))` of several items is an XPath error (XPTY0004) and
    /// the official transform stops there, so ANAF answers with that error alone. `at` is the
    /// second node the path selects. The rule is still checked on every node (`hits`).
    pub repeated: Vec<Repeated>,
}

/// A length rule whose path selects several nodes (see [`Found::repeated`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repeated {
    pub id: &'static str,
    /// The rule's context node.
    pub context: NodeId,
    /// The second node the path selects.
    pub at: NodeId,
    /// The path below the context.
    pub steps: lengths::Steps,
}

impl Repeated {
    /// The path as written in the rule, e.g. `cac:PartyName/cbc:Name`.
    pub fn path(&self) -> String {
        let step = |&(ns, local): &(NsId, &str)| {
            let prefix = if ns == NSID_CAC { "cac" } else { "cbc" };
            format!("{prefix}:{local}")
        };
        self.steps.iter().map(step).collect::<Vec<_>>().join("/")
    }

    /// How many nodes the path selects.
    pub fn count(&self, doc: &Doc) -> usize {
        let mut n = 0;
        doc.find_path(self.context, self.steps, &mut |_| {
            n += 1;
            false
        });
        n
    }
}

/// Runs every CIUS-RO rule over `doc`, in document order.
pub fn check(doc: &Doc) -> Vec<Hit> {
    let shared = Shared::new(doc);
    check_with(doc, shared.root_children(), shared.kinds()).hits
}

/// [`check`] with the root's children grouped by name and the [`Kind`] of every element (by
/// [`NodeId`]) made by the caller, who hands the same to the EN rules.
pub fn check_with(doc: &Doc, root_children: &ChildIndex<'_>, kinds: &[Kind]) -> Found {
    let mut found = Found::default();
    let longest = rules::LongestValue::of(doc);
    // Nodes are stored in document order (pushed at their start tags).
    for (id, &kind) in kinds.iter().enumerate() {
        // Every context names its element: one of no tested name (most elements) has none.
        if !context::may_match(kind) {
            continue;
        }
        if let Some(ctx) = context_of_kind(doc, id, kind) {
            rules::run(doc, id, ctx, &longest, root_children, &mut found);
        }
    }
    found
}

/// Every CIUS-RO rule id, in the order of the .sch file.
pub fn all_ids() -> impl Iterator<Item = &'static str> {
    messages::MESSAGES.iter().map(|(id, _, _)| *id)
}

/// The official (Romanian, English) text of `id`, with `{name}` / `{value}` still in it.
pub fn official_message(id: &str) -> Option<(&'static str, &'static str)> {
    texts(id).map(|t| t.official)
}

/// What a finding of one rule says: the official text and our explanation, each as
/// (Romanian, English).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Texts {
    pub official: (&'static str, &'static str),
    pub ours: (&'static str, &'static str),
}

/// The texts of `id`. The two generated tables list the ids in the same (.sch) order (a test
/// checks it), so one scan finds the row of both; [`same_name`] rejects a row of another length
/// without a library call. Every CIUS-RO finding needs its texts, and two `find`s over the
/// tables compared a hundred ids with `memcmp` per finding.
pub fn texts(id: &str) -> Option<Texts> {
    let row = messages::MESSAGES
        .iter()
        .position(|(i, _, _)| same_name(i, id))?;
    let (_, official_ro, official_en) = messages::MESSAGES.get(row)?;
    let ours = explanations::EXPLANATIONS
        .get(row)
        .filter(|(i, _, _)| *i == id)
        .map_or(("", ""), |(_, ro, en)| (*ro, *en));
    Some(Texts {
        official: (official_ro, official_en),
        ours,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::Limits;

    const CIUS: &str = "urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1";

    /// A minimal document of `root` kind whose header passes the root rules, plus `body`.
    fn ids(root: &str, body: &str) -> Vec<&'static str> {
        let ns = if root == "Invoice" {
            "Invoice-2"
        } else {
            "CreditNote-2"
        };
        let xml = format!(
            "<{root} xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:{ns}\" \
             xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\" \
             xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\">\
             <cbc:CustomizationID>{CIUS}</cbc:CustomizationID><cbc:ID>F1</cbc:ID>\
             <cbc:DocumentCurrencyCode>RON</cbc:DocumentCurrencyCode>\
             <cac:AccountingSupplierParty><cac:Party><cac:PostalAddress><cbc:StreetName>s</cbc:StreetName><cbc:CityName>c</cbc:CityName></cac:PostalAddress></cac:Party></cac:AccountingSupplierParty>\
             <cac:AccountingCustomerParty><cac:Party><cac:PostalAddress><cbc:StreetName>s</cbc:StreetName><cbc:CityName>c</cbc:CityName></cac:PostalAddress></cac:Party></cac:AccountingCustomerParty>\
             {body}</{root}>"
        );
        let doc = Doc::parse(xml.as_bytes(), &Limits::default()).unwrap();
        let mut ids: Vec<&str> = check(&doc).iter().map(|h| h.id).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    #[test]
    fn messages_and_explanations_list_the_ids_in_the_same_order() {
        let explained = explanations::EXPLANATIONS.iter().map(|(id, _, _)| *id);
        assert!(all_ids().eq(explained));
        for id in all_ids() {
            let t = texts(id).unwrap();
            let (_, ro, en) = messages::MESSAGES.iter().find(|m| m.0 == id).unwrap();
            assert_eq!(t.official, (*ro, *en));
            assert_eq!(Some(t.ours), explanations::explanation(id));
        }
    }

    #[test]
    fn clean_header_is_silent() {
        assert!(ids("Invoice", "").is_empty());
        assert!(ids("CreditNote", "").is_empty());
    }

    #[test]
    fn delivery_and_tax_representative_rules_apply_to_invoices_only() {
        let body = "<cac:TaxRepresentativeParty><cac:PostalAddress/></cac:TaxRepresentativeParty>\
                    <cac:Delivery><cac:DeliveryLocation><cac:Address/></cac:DeliveryLocation></cac:Delivery>";
        assert_eq!(
            ids("Invoice", body),
            [
                "BR-RO-140",
                "BR-RO-150",
                "BR-RO-180",
                "BR-RO-201",
                "BR-RO-211"
            ]
        );
        assert!(ids("CreditNote", body).is_empty());
    }

    #[test]
    fn shadowed_and_vacuous_rules_never_fire() {
        let body = "<cac:TaxTotal><cbc:TaxAmount currencyID=\"RON\">1.001</cbc:TaxAmount>\
                    <cac:TaxSubtotal><cbc:TaxExemptionReason>{long}</cbc:TaxExemptionReason></cac:TaxSubtotal></cac:TaxTotal>\
                    <cac:InvoiceLine><cbc:LineExtensionAmount>1.001</cbc:LineExtensionAmount></cac:InvoiceLine>"
            .replace("{long}", &"x".repeat(101));
        assert!(ids("Invoice", &body).is_empty());
    }

    #[test]
    fn document_allowances_use_a_boolean_cast_and_only_invoices() {
        let body = "<cac:AllowanceCharge><cbc:ChargeIndicator> 0 </cbc:ChargeIndicator>\
                    <cbc:Amount>1.001</cbc:Amount></cac:AllowanceCharge>\
                    <cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator>\
                    <cbc:BaseAmount>1.001</cbc:BaseAmount></cac:AllowanceCharge>\
                    <cac:AllowanceCharge><cbc:ChargeIndicator>maybe</cbc:ChargeIndicator>\
                    <cbc:Amount>1.001</cbc:Amount></cac:AllowanceCharge>";
        assert_eq!(ids("Invoice", body), ["BR-DEC-RO-01", "BR-DEC-RO-06"]);
        assert!(ids("CreditNote", body).is_empty());
    }

    #[test]
    fn vat_identifier_rules_look_at_invoice_lines_only() {
        let line = |tag: &str| {
            format!(
                "<cac:{tag}><cac:Item><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID>\
                 </cac:ClassifiedTaxCategory></cac:Item></cac:{tag}>"
            )
        };
        assert_eq!(
            ids("Invoice", &line("InvoiceLine")),
            ["BR-RO-065", "BR-RO-120"]
        );
        assert!(ids("CreditNote", &line("CreditNoteLine")).is_empty());
    }

    #[test]
    fn bucharest_and_county_reports() {
        let address = |county: &str, city: &str| {
            format!(
                "<cac:Delivery><cac:DeliveryLocation><cac:Address><cbc:StreetName>s</cbc:StreetName>\
                 <cbc:CityName>{city}</cbc:CityName><cbc:CountrySubentity>{county}</cbc:CountrySubentity>\
                 <cac:Country><cbc:IdentificationCode>RO</cbc:IdentificationCode></cac:Country>\
                 </cac:Address></cac:DeliveryLocation></cac:Delivery>"
            )
        };
        assert!(ids("Invoice", &address("RO-B", " SECTOR2 ")).is_empty());
        assert_eq!(ids("Invoice", &address("RO-B", "Bucuresti")), ["BR-RO-202"]);
        assert_eq!(ids("Invoice", &address("B", "SECTOR2")), ["BR-RO-212"]);
    }

    #[test]
    fn lengths_count_characters_after_normalising_spaces() {
        let note = |text: &str| format!("<cbc:Note>{text}</cbc:Note>");
        assert!(ids("Invoice", &note(&"ș".repeat(300))).is_empty());
        assert!(ids("Invoice", &note(&format!("  {}  ", "a  ".repeat(150)))).is_empty());
        assert_eq!(ids("Invoice", &note(&"a".repeat(301))), ["BR-RO-L302"]);
    }

    #[test]
    fn dates_and_prices() {
        assert_eq!(
            ids("Invoice", "<cbc:IssueDate>2023-02-29</cbc:IssueDate>"),
            ["BR-RO-DT001"]
        );
        assert!(ids("Invoice", "<cbc:IssueDate>2024-02-29</cbc:IssueDate>").is_empty());
        let price =
            |v: &str| format!("<cac:Price><cbc:PriceAmount>{v}</cbc:PriceAmount></cac:Price>");
        assert_eq!(ids("Invoice", &price("-0.0")), ["BR-27"]);
        assert!(ids("Invoice", &price("-0")).is_empty());
        assert!(ids("Invoice", &price("abc")).is_empty());
    }
}
