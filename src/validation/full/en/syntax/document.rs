//! Context `/ubl:Invoice | /cn:CreditNote`: the 679 UBL-CR rules, UBL-DT-08..28 and the
//! document-level UBL-SR rules.
//!
//! The official rule evaluates each assert from the root, so each id fires at most once per
//! document however many offending elements there are. Instead of evaluating 700 paths, one walk
//! over the document (nodes are stored in document order) follows the generated trie of
//! root-relative paths, checks the descendant paths (`//a/b`) by the element's kind, and
//! looks at every attribute once. Each hit points at the FIRST offending element, so the user
//! sees where; `context` is the root, as in the official report.

use super::step_memo;
use super::tables::{self, CR_IDS, ROOT_STATE};
use super::values;
use crate::validation::full::doc::{
    Doc, NS_CAC, NS_CBC, NSID_CAC, NSID_CBC, NSID_CREDIT_NOTE, NSID_EXT, NodeId, NsId,
};
use crate::validation::full::en::Hit;
use crate::validation::full::en::kinds::{self, Kind};
use crate::validation::full::query::{ChildIndex, Path, Step};

/// Trie state of an element no forbidden root-relative path goes through.
const DEAD: u16 = u16::MAX;

/// First offending element (and attribute) of each rule found so far.
struct Found {
    root: NodeId,
    /// Which rules of [`CR_IDS`] are in `table`, one bit each: a document offends a handful of
    /// them, so a table of 673 slots cost more to fill and read back than the whole walk.
    seen: [u64; CR_IDS.len().div_ceil(64)],
    /// (index into [`CR_IDS`], first offending element, attribute), in the order found.
    table: Vec<(u16, NodeId, Option<&'static str>)>,
    /// The other ids, in the order found; at most a few dozen, so a linear search is fine.
    others: Vec<Hit>,
}

impl Found {
    fn new(root: NodeId) -> Found {
        Found {
            root,
            seen: [0; CR_IDS.len().div_ceil(64)],
            table: Vec::new(),
            others: Vec::new(),
        }
    }

    fn table_rule(&mut self, rule: u16, at: NodeId, attr: Option<&'static str>) {
        let i = usize::from(rule);
        if i >= CR_IDS.len() {
            return;
        }
        if let Some(word) = self.seen.get_mut(i / 64) {
            let bit = 1u64 << (i % 64);
            if *word & bit == 0 {
                *word |= bit;
                self.table.push((rule, at, attr));
            }
        }
    }

    fn rule(&mut self, id: &'static str, at: NodeId, attr: Option<&'static str>) {
        if !self.others.iter().any(|h| h.id == id) {
            self.others.push(Hit {
                id,
                context: self.root,
                at,
                attr,
            });
        }
    }

    /// The table rules in [`CR_IDS`] order, then the others in the order found.
    fn into_hits(mut self, out: &mut Vec<Hit>) {
        let root = self.root;
        // Each rule is in the table once: the order by index is total.
        self.table.sort_unstable_by_key(|&(rule, _, _)| rule);
        for (rule, at, attr) in self.table {
            if let Some(id) = CR_IDS.get(usize::from(rule)) {
                out.push(Hit {
                    id,
                    context: root,
                    at,
                    attr,
                });
            }
        }
        out.extend(self.others);
    }
}

/// Runs every assert of the root context.
/// `kinds`: the kind of every element; `kids`: the root's children grouped by name.
pub fn check(doc: &Doc, root: NodeId, kinds: &[Kind], kids: &ChildIndex<'_>, out: &mut Vec<Hit>) {
    let mut found = Found::new(root);
    walk(doc, root, kinds, &mut found);
    version(doc, kids, &mut found);
    // The root-relative paths below look their first step up among the root's children grouped
    // by name, not by testing every child (one per line) for each of the 22 paths.
    payment_due_date(doc, root, kids, &mut found);
    repetitions(doc, kids, &mut found);
    found.into_hits(out);
}

/// The document walk: trie paths, descendant paths, attributes, and the `//` rules.
fn walk(doc: &Doc, root: NodeId, kinds: &[Kind], found: &mut Found) {
    let mut states = vec![DEAD; doc.nodes.len()];
    let mut sepa = Distinct::default();
    let mut payment_ids = Distinct::default();
    let mut means_codes = Distinct::default();
    // The root is node 0 and every other node is its descendant, in document order.
    for node in root..doc.nodes.len() {
        // The element's (namespace, name) as one integer: the tests below switch on it.
        let name = kinds.get(node).map_or(kinds::NONE, |&k| kinds::name(k));
        let state = match doc.parent(node) {
            None => ROOT_STATE,
            Some(p) => match states.get(p) {
                Some(&s) if s != DEAD => match doc.decl(node) {
                    Some(decl) => step_memo::step(s, decl, || step(doc, node, s)),
                    None => step(doc, node, s),
                },
                _ => DEAD,
            },
        };
        if let Some(slot) = states.get_mut(node) {
            *slot = state;
        }
        if state != DEAD {
            for &(rule, attr) in tables::root_terminal(state) {
                if attr.is_none_or(|a| values::attr(doc, node, a).is_some()) {
                    found.table_rule(rule, node, attr);
                }
            }
        }
        let descendant = tables::descendant_rules(name);
        if !descendant.is_empty() {
            // The attribute first: every rule of `cbc:ID`, the most frequent name, needs
            // `@schemeID`, which few IDs carry, and a node without attributes is told at once.
            let bare = doc.attributes(node).next().is_none();
            for d in descendant {
                if d.attr
                    .is_none_or(|a| !bare && values::attr(doc, node, a).is_some())
                    && ends_with_steps(doc, node, d.steps)
                {
                    found.table_rule(d.rule, node, d.attr);
                }
            }
        }
        attributes(doc, node, name, found);
        // The parent's name part, for the rules below that test it: an integer, not a name.
        let parent = || {
            doc.parent(node)
                .and_then(|p| kinds.get(p))
                .map_or(kinds::NONE, |&k| kinds::name(k))
        };
        match name {
            kinds::CBC_ID => {
                let parent = parent();
                if parent == kinds::CAC_ADDITIONAL_DOCUMENT_REFERENCE {
                    supporting_document_id(doc, node, found);
                }
                // UBL-SR-29: `count(//cac:PartyIdentification/cbc:ID[upper-case(@schemeID)
                // = 'SEPA']) <= 1`.
                if parent == kinds::CAC_PARTY_IDENTIFICATION
                    && values::upper_attr_eq(values::attr(doc, node, "schemeID"), "SEPA")
                {
                    sepa.count += 1;
                    if sepa.count == 2 {
                        found.rule("UBL-SR-29", node, None);
                    }
                }
            }
            kinds::CBC_DOCUMENT_DESCRIPTION if under_invoice_object(doc, node, parent()) => {
                found.rule("UBL-CR-673", node, None);
            }
            kinds::CBC_PAYMENT_ID => payment_ids.see(doc, node, "UBL-SR-44", found),
            kinds::CBC_PAYMENT_MEANS_CODE => means_codes.see(doc, node, "UBL-SR-47", found),
            kinds::CAC_ATTACHMENT if under_invoice_object(doc, node, parent()) => {
                found.rule("UBL-CR-666", node, None);
            }
            _ => {}
        }
    }
}

/// The trie state `node` reaches from its parent's `state` ([`DEAD`] when none).
fn step(doc: &Doc, node: NodeId, state: u16) -> u16 {
    tables::root_step(state, doc.local(node))
        .filter(|&(ns, _)| doc.ns_id(node) == table_ns(ns))
        .map_or(DEAD, |(_, next)| next)
}

/// Whether `node` and its ancestors end with `steps` (the last step is `node` itself). The
/// caller found `steps` among the descendant rules of `node`'s kind, which stands for the last
/// step's namespace and name: only the steps above it are compared.
fn ends_with_steps(doc: &Doc, node: NodeId, steps: &[(&str, &str)]) -> bool {
    let Some((_, above)) = steps.split_last() else {
        return true;
    };
    let mut current = doc.parent(node);
    for &(ns, local) in above.iter().rev() {
        match current {
            Some(c) if doc.node(c).local == local && doc.ns_id(c) == table_ns(ns) => {
                current = doc.parent(c)
            }
            _ => return false,
        }
    }
    true
}

/// The [`NsId`] of a namespace of the generated tables, which name only `NS_CBC`, `NS_CAC` and
/// `NS_EXT` (the only three the generator imports): told apart by length and one byte, so the
/// per-node tests of the walk compare integers, not 70-byte URIs. Anything else (never produced)
/// gets an id no element has.
fn table_ns(ns: &str) -> NsId {
    const CAC_OR_EXT: usize = NS_CAC.len();
    match (ns.len(), ns.as_bytes().get(51)) {
        (l, _) if l == NS_CBC.len() => NSID_CBC,
        (CAC_OR_EXT, Some(b'A')) => NSID_CAC,
        (CAC_OR_EXT, Some(b'E')) => NSID_EXT,
        _ => NsId::MAX,
    }
}

/// UBL-DT-08..28 (`not(//@x)`, `count(//@name) - count(//cbc:PaymentMeansCode/@name) <= 0`)
/// and UBL-CR-663 (`not(//@unitCodeListID)`): unqualified attributes anywhere, root included.
/// `name`: the name part of the element's kind.
fn attributes(doc: &Doc, node: NodeId, name: Kind, found: &mut Found) {
    for a in doc.attributes(node) {
        if !values::unqualified(&a) {
            continue;
        }
        match a.local {
            "name" => {
                if name != kinds::CBC_PAYMENT_MEANS_CODE {
                    found.rule("UBL-DT-18", node, Some("name"));
                }
            }
            "unitCodeListID" => found.rule("UBL-CR-663", node, Some("unitCodeListID")),
            other => {
                if let Some((id, attr)) = tables::forbidden_attribute(other) {
                    found.rule(id, node, Some(attr));
                }
            }
        }
    }
}

/// `cbc:DocumentTypeCode = '130'` on an `cac:AdditionalDocumentReference`: exact and existential.
fn is_invoice_object(doc: &Doc, reference: NodeId) -> bool {
    doc.children_in(reference, NSID_CBC, "DocumentTypeCode")
        .any(|c| doc.value(c) == "130")
}

/// Whether the parent of `node` is `//cac:AdditionalDocumentReference[cbc:DocumentTypeCode =
/// '130']` (UBL-CR-666 `/cac:Attachment`, UBL-CR-673 `/cbc:DocumentDescription`); `parent`: the
/// name part of the parent's kind.
fn under_invoice_object(doc: &Doc, node: NodeId, parent: Kind) -> bool {
    parent == kinds::CAC_ADDITIONAL_DOCUMENT_REFERENCE
        && doc.parent(node).is_some_and(|p| is_invoice_object(doc, p))
}

/// UBL-CR-665 `not(//cac:AdditionalDocumentReference[cbc:DocumentTypeCode != '130' or
/// not(cbc:DocumentTypeCode)]/cbc:ID/@schemeID)`: `!=` is existential too, so a reference with
/// codes `130` and `50` qualifies. `id`: a `cbc:ID` whose parent is such a reference.
fn supporting_document_id(doc: &Doc, id: NodeId, found: &mut Found) {
    let Some(reference) = doc.parent(id) else {
        return;
    };
    if values::attr(doc, id, "schemeID").is_none() {
        return;
    }
    let mut codes = doc
        .children_in(reference, NSID_CBC, "DocumentTypeCode")
        .peekable();
    let qualifies = codes.peek().is_none() || codes.any(|c| doc.value(c) != "130");
    if qualifies {
        found.rule("UBL-CR-665", id, Some("schemeID"));
    }
}

/// UBL-SR-29/44/47 bookkeeping over `//` node sets in document order.
#[derive(Default)]
struct Distinct {
    count: usize,
    first: Option<NodeId>,
}

impl Distinct {
    /// `count(//X[not(preceding::X/. = .)]) <= 1`: at most one distinct value. Until a second
    /// distinct value shows up every X seen so far has the first one's value, so X is new when
    /// its value differs, or when every earlier X is its ancestor (`preceding::` excludes
    /// ancestors; only nested X elements can do that).
    fn see(&mut self, doc: &Doc, node: NodeId, id: &'static str, found: &mut Found) {
        self.count += 1;
        let Some(first) = self.first else {
            self.first = Some(node);
            return;
        };
        let new = doc.value(node) != doc.value(first) || {
            let nested = doc
                .ancestors(node)
                .filter(|&a| doc.is_in(a, NSID_CBC, &doc.node(node).local))
                .count();
            nested + 1 == self.count
        };
        if new {
            found.rule(id, node, None);
        }
    }
}

/// UBL-CR-002 `not(cbc:UBLVersionID) or cbc:UBLVersionID = '2.1'` (exact, existential), by
/// the root's children grouped by name (`kids`).
fn version(doc: &Doc, kids: &ChildIndex<'_>, found: &mut Found) {
    let versions = kids.children(NSID_CBC, "UBLVersionID");
    if let Some(&first) = versions.first()
        && !versions.iter().any(|&v| doc.value(v) == "2.1")
    {
        found.rule("UBL-CR-002", first, None);
    }
}

/// UBL-CR-412 `not(cac:PaymentMeans/cbc:PaymentDueDate) or ../cn:CreditNote`: credit notes
/// carry their due date there, invoices should not.
fn payment_due_date(doc: &Doc, root: NodeId, kids: &ChildIndex<'_>, found: &mut Found) {
    if doc.is_in(root, NSID_CREDIT_NOTE, "CreditNote") {
        return;
    }
    if let Some(date) =
        kids.select_first(&[(NSID_CAC, "PaymentMeans"), (NSID_CBC, "PaymentDueDate")])
    {
        found.rule("UBL-CR-412", date, None);
    }
}

const SUPPLIER: Step<'static> = (NSID_CAC, "AccountingSupplierParty");
const CUSTOMER: Step<'static> = (NSID_CAC, "AccountingCustomerParty");
const PARTY: Step<'static> = (NSID_CAC, "Party");

/// The root-relative "at most once" counts (UBL-SR-01..18, 24, 39, 40, 45, 46, 49); a hit
/// points at the second occurrence.
fn repetitions(doc: &Doc, kids: &ChildIndex<'_>, found: &mut Found) {
    // Eleven paths and the tax scheme counts run through `<party>/cac:Party`: one pass over
    // each party's `cac:Party` children answers them all, instead of a search per path.
    let supplier = PartySeconds::of(doc, kids, SUPPLIER);
    let customer = PartySeconds::of(doc, kids, CUSTOMER);
    // The second node (document order) a path from the root selects, without collecting the
    // selection. UBL-SR-46 counts `cbc:PaymentMeansCode/@name`, not the codes.
    let from_root = |steps: Path<'_>, named_only: bool| {
        let mut seen = 0;
        kids.select_find(steps, |n| {
            if named_only && values::attr(doc, n, "name").is_none() {
                return false;
            }
            seen += 1;
            seen == 2
        })
    };
    let seconds = [
        (
            "UBL-SR-01",
            from_root(
                &[(NSID_CAC, "ContractDocumentReference"), (NSID_CBC, "ID")],
                false,
            ),
        ),
        (
            "UBL-SR-02",
            from_root(
                &[(NSID_CAC, "ReceiptDocumentReference"), (NSID_CBC, "ID")],
                false,
            ),
        ),
        (
            "UBL-SR-03",
            from_root(
                &[(NSID_CAC, "DespatchDocumentReference"), (NSID_CBC, "ID")],
                false,
            ),
        ),
        (
            "UBL-SR-05",
            from_root(&[(NSID_CAC, "PaymentTerms"), (NSID_CBC, "Note")], false),
        ),
        (
            "UBL-SR-08",
            from_root(&[(NSID_CAC, "InvoicePeriod")], false),
        ),
        ("UBL-SR-09", supplier.registration_name),
        ("UBL-SR-10", supplier.name),
        ("UBL-SR-11", supplier.company_id),
        ("UBL-SR-14", supplier.legal_form),
        ("UBL-SR-15", customer.registration_name),
        ("UBL-SR-16", customer.identification),
        ("UBL-SR-17", customer.company_id),
        ("UBL-SR-24", from_root(&[(NSID_CAC, "Delivery")], false)),
        (
            "UBL-SR-39",
            from_root(&[(NSID_CAC, "ProjectReference"), (NSID_CBC, "ID")], false),
        ),
        ("UBL-SR-40", customer.name),
        (
            "UBL-SR-45",
            from_root(
                &[(NSID_CAC, "PaymentMeans"), (NSID_CBC, "PaymentDueDate")],
                false,
            ),
        ),
        (
            "UBL-SR-46",
            from_root(
                &[(NSID_CAC, "PaymentMeans"), (NSID_CBC, "PaymentMeansCode")],
                true,
            ),
        ),
        (
            "UBL-SR-49",
            from_root(
                &[(NSID_CAC, "InvoicePeriod"), (NSID_CBC, "DescriptionCode")],
                false,
            ),
        ),
    ];
    for (id, second) in seconds {
        if let Some(second) = second {
            found.rule(id, second, None);
        }
    }
    // UBL-SR-04: `count(cac:AdditionalDocumentReference[cbc:DocumentTypeCode='130']/cbc:ID)`.
    let mut object_ids = kids
        .children(NSID_CAC, "AdditionalDocumentReference")
        .iter()
        .copied()
        .filter(|&r| is_invoice_object(doc, r))
        .flat_map(|r| doc.children_in(r, NSID_CBC, "ID"));
    if let Some(second) = object_ids.nth(1) {
        found.rule("UBL-SR-04", second, None);
    }
    let [vat, other] = supplier.tax_ids.second;
    if let Some(second) = vat {
        found.rule("UBL-SR-12", second, None);
    }
    if let Some(second) = other {
        found.rule("UBL-SR-13", second, None);
    }
    if let [Some(second), _] = customer.tax_ids.second {
        found.rule("UBL-SR-18", second, None);
    }
}

/// The second node each `<party>/cac:Party/...` path of [`repetitions`] selects (document
/// order), for one party.
#[derive(Default)]
struct PartySeconds {
    /// `cac:PartyLegalEntity/cbc:RegistrationName`.
    registration_name: Option<NodeId>,
    /// `cac:PartyLegalEntity/cbc:CompanyID`.
    company_id: Option<NodeId>,
    /// `cac:PartyLegalEntity/cbc:CompanyLegalForm`.
    legal_form: Option<NodeId>,
    /// `cac:PartyName/cbc:Name`.
    name: Option<NodeId>,
    /// `cac:PartyIdentification/cbc:ID`.
    identification: Option<NodeId>,
    tax_ids: TaxSchemeIds,
}

impl PartySeconds {
    /// Every `cac:Party` of the root's `party` children, each path counted over all of them in
    /// document order: the paths select their nodes party after party, child after child.
    fn of(doc: &Doc, kids: &ChildIndex<'_>, party: Step<'_>) -> PartySeconds {
        let mut out = PartySeconds::default();
        let mut counts = [0u8; 5];
        let see = |slot: &mut Option<NodeId>, count: &mut u8, n: NodeId| {
            *count = count.saturating_add(1);
            if *count == 2 {
                *slot = Some(n);
            }
        };
        let parties = kids.children(party.0, party.1);
        let parties = parties
            .iter()
            .flat_map(|&p| doc.children_in(p, PARTY.0, PARTY.1));
        for p in parties {
            for &c in doc.child_ids(p) {
                if doc.ns_id(c) != NSID_CAC {
                    continue;
                }
                let [registration, company, form, name, identification] = &mut counts;
                if doc.is_in(c, NSID_CAC, "PartyLegalEntity") {
                    for &g in doc.child_ids(c) {
                        if doc.is_in(g, NSID_CBC, "RegistrationName") {
                            see(&mut out.registration_name, registration, g);
                        } else if doc.is_in(g, NSID_CBC, "CompanyID") {
                            see(&mut out.company_id, company, g);
                        } else if doc.is_in(g, NSID_CBC, "CompanyLegalForm") {
                            see(&mut out.legal_form, form, g);
                        }
                    }
                } else if doc.is_in(c, NSID_CAC, "PartyName") {
                    for g in doc.children_in(c, NSID_CBC, "Name") {
                        see(&mut out.name, name, g);
                    }
                } else if doc.is_in(c, NSID_CAC, "PartyIdentification") {
                    for g in doc.children_in(c, NSID_CBC, "ID") {
                        see(&mut out.identification, identification, g);
                    }
                } else if doc.is_in(c, NSID_CAC, "PartyTaxScheme") {
                    out.tax_ids.see(doc, c);
                }
            }
        }
        out
    }
}

/// The second `cbc:CompanyID` (document order) counted by `count(<party>/cac:Party/
/// cac:PartyTaxScheme[cac:TaxScheme/upper-case(cbc:ID)='VAT']/cbc:CompanyID) <= 1`, then by the
/// same with `!='VAT'`, fed the party's schemes in document order. For each `cac:TaxScheme`,
/// `upper-case(cbc:ID)` of a missing ID is "" (so it counts for `!=`); a scheme with two IDs
/// aborts the official transform, here every ID is compared.
#[derive(Default)]
struct TaxSchemeIds {
    seen: [usize; 2],
    second: [Option<NodeId>; 2],
}

impl TaxSchemeIds {
    fn see(&mut self, doc: &Doc, scheme: NodeId) {
        // Whether the scheme qualifies for `= 'VAT'` and for `!= 'VAT'` (it can for both).
        let mut both = [false; 2];
        for t in doc.children_in(scheme, NSID_CAC, "TaxScheme") {
            let mut ids = doc.children_in(t, NSID_CBC, "ID").peekable();
            if ids.peek().is_none() {
                both[1] = true;
            }
            for i in ids {
                let vat = values::upper_eq(&doc.value(i), "VAT");
                both[usize::from(!vat)] = true;
            }
        }
        for c in doc.children_in(scheme, NSID_CBC, "CompanyID") {
            let counts = self.seen.iter_mut().zip(&mut self.second).zip(both);
            for ((seen, second), counted) in counts {
                if counted {
                    *seen += 1;
                    if *seen == 2 {
                        *second = Some(c);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::full::doc::{NS_EXT, NS_INVOICE, NSID_CBC};

    #[test]
    fn descendant_rules_end_with_the_element_of_their_kind() {
        // `ends_with_steps` relies on it and does not compare the last step again.
        let names = [
            (NS_CBC, "AllowanceChargeReason"),
            (NS_CBC, "AllowanceChargeReasonCode"),
            (NS_CBC, "CompanyID"),
            (NS_CAC, "FinancialInstitution"),
            (NS_CBC, "ID"),
            (NS_CBC, "IdentificationCode"),
            (NS_CBC, "MultiplierFactorNumeric"),
            (NS_CBC, "NetworkID"),
            (NS_CAC, "PayerFinancialAccount"),
            (NS_CBC, "PrimaryAccountNumber"),
        ];
        let mut seen = 0;
        for (ns, local) in names {
            let kind = kinds::name(kinds::kind_of(table_ns(ns), local));
            assert_ne!(kind, kinds::NONE, "{local}");
            for d in tables::descendant_rules(kind) {
                assert_eq!(d.steps.last(), Some(&(ns, local)));
                seen += 1;
            }
        }
        assert_eq!(seen, 16);
    }

    #[test]
    fn table_namespaces_map_to_their_ids() {
        assert_eq!(table_ns(NS_CBC), NSID_CBC);
        assert_eq!(table_ns(NS_CAC), NSID_CAC);
        assert_eq!(table_ns(NS_EXT), NSID_EXT);
        assert_eq!(table_ns(NS_INVOICE), NsId::MAX);
        assert_eq!(table_ns(""), NsId::MAX);
    }
}
