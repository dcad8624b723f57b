//! The VAT category asserts of the `$Invoice` context (`/ubl:Invoice | /cn:CreditNote`):
//! BR-S/Z/E/AE/IC/G/O/IG/IP-01..04, BR-IC-11/12 and BR-O-11..14. They belong to the document
//! root's rule, which this dispatch owns, so they cannot live behind `vat::check_node`.
//!
//! The families look alike but differ in details that change results, so each arm quotes its
//! XPath: whether the VAT scheme predicate is applied, `cbc:ID = 'x'` (exact) against
//! `normalize-space(cbc:ID) = 'x'`, which parties count (any seller `PartyTaxScheme/CompanyID`,
//! or only VAT ones), document-level or any-level allowances.
//!
//! Everything these rules look at is gathered in one pass over the document ([`Facts`]), once per
//! document (the root is the only node of this context).
//!
//! Dynamic errors of the official XPath (a `normalize-space(cbc:ID)` or `string-length` given two
//! nodes, an uncastable `cbc:ChargeIndicator` in a predicate) abort the official run; we answer
//! existentially / ignore the uncastable indicator instead.

use std::sync::OnceLock;

use super::Hit;
use super::lists::ROOT_ASSERTS;
use super::nodes::{charge_indicators, has_vat_scheme, is_document_root};
use crate::validation::full::doc::{Doc, NSID_CAC, NSID_CBC, NodeId, char_len};
use crate::validation::full::en::shared::{Anywhere, Shared};
use crate::validation::full::query::Path;
use crate::validation::full::xpath;

/// Runs the document-level VAT category asserts at the document root `root`, in .sch order, and
/// records a hit per failing one.
pub fn check_document(doc: &Doc, root: NodeId, out: &mut Vec<Hit>) {
    check_document_with(doc, root, &Shared::new(doc), out);
}

/// [`check_document`] with what the document's rules share (`shared` belongs to `doc`).
pub fn check_document_with<'a>(
    doc: &'a Doc,
    root: NodeId,
    shared: &Shared<'a>,
    out: &mut Vec<Hit>,
) {
    let facts = Facts::gather_from(doc, shared);
    for &rule in root_rules() {
        // Every assert of a code no category carries holds (each is `used → …` or `not(used)`
        // over categories of that code): only the codes the document uses are evaluated.
        if facts.codes & Code::of(rule.family).bit == 0 {
            continue;
        }
        if !facts.holds(rule, doc, root) {
            super::push_hit(out, rule.id, root, root);
        }
    }
}

/// The families the asserts tell apart, as indices in the order of their codes in [`CODES`]
/// (Z is 1 and E is 2).
mod family {
    pub const S: usize = 0;
    pub const AE: usize = 3;
    pub const IC: usize = 4;
    pub const G: usize = 5;
    pub const O: usize = 6;
    pub const IG: usize = 7;
    pub const IP: usize = 8;
}

/// The id prefix of each family, indexed like [`family`].
const FAMILY_PREFIXES: [&str; 9] = [
    "BR-S-", "BR-Z-", "BR-E-", "BR-AE-", "BR-IC-", "BR-G-", "BR-O-", "BR-IG-", "BR-IP-",
];

/// A VAT category assert of the document context: its id, family and number (`BR-IC-11` is
/// family [`family::IC`], number 11).
#[derive(Debug, Clone, Copy)]
struct RootRule {
    id: &'static str,
    family: usize,
    number: u8,
}

/// The VAT category asserts of [`ROOT_ASSERTS`] in .sch order, with families and numbers worked
/// out from the ids once: comparing the ids' text for every document cost more than the asserts.
fn root_rules() -> &'static [RootRule] {
    static RULES: OnceLock<Vec<RootRule>> = OnceLock::new();
    RULES.get_or_init(|| {
        ROOT_ASSERTS
            .iter()
            .filter_map(|&id| {
                let (family, rest) = FAMILY_PREFIXES
                    .iter()
                    .enumerate()
                    .find_map(|(i, p)| id.strip_prefix(p).map(|rest| (i, rest)))?;
                let number = rest.parse().ok()?;
                Some(RootRule { id, family, number })
            })
            .collect()
    })
}

/// Whether `id` is one of the VAT category asserts of the document context.
pub fn is_document_vat_rule(id: &str) -> bool {
    // Asked for every assert of every model context: reject the other families (BR-nn, BR-CO,
    // BR-DEC, BR-CL, BR-B) on the fourth byte before comparing prefixes.
    if !matches!(
        id.as_bytes().get(3),
        Some(b'S' | b'Z' | b'E' | b'A' | b'I' | b'G' | b'O')
    ) {
        return false;
    }
    FAMILY_PREFIXES.iter().any(|p| id.starts_with(p))
}

/// Where a `cac:TaxCategory` / `cac:ClassifiedTaxCategory` sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// `cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory` under the document root (the breakdown).
    Breakdown,
    /// `cac:AllowanceCharge/cac:TaxCategory`, with the parent's indicators and level.
    Allowance {
        document_level: bool,
        is_false: bool,
        is_true: bool,
    },
    /// `cac:ClassifiedTaxCategory` (anywhere).
    Classified,
    /// Any other `cac:TaxCategory`.
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Category<'a> {
    node: NodeId,
    place: Place,
    /// `[cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']`.
    vat: bool,
    /// The category's `cbc:ID` children, read once: the asserts test them ~40 times each.
    ids: Ids<'a>,
    /// Bit `i` set: `[normalize-space(cbc:ID) = CODES[i]]`, `[normalize-space(cbc:ID) !=
    /// CODES[i]]`, `[cbc:ID = CODES[i]]`, worked out once from `ids`.
    normalized: u16,
    not_normalized: u16,
    exact: u16,
}

/// The category codes of the families, in the order of their bits in [`Category`].
const CODES: [&str; 9] = ["S", "Z", "E", "AE", "K", "G", "O", "L", "M"];

/// One of [`CODES`] with its bit.
#[derive(Debug, Clone, Copy)]
struct Code {
    text: &'static str,
    bit: u16,
}

impl Code {
    fn of(i: usize) -> Code {
        Code {
            text: CODES.get(i).copied().unwrap_or(""),
            bit: 1 << i,
        }
    }
}

/// The `cbc:ID` children of a category: the usual single leaf is kept as text (raw and
/// trimmed); anything else is answered from the tree by the general functions below.
#[derive(Debug, Clone, Copy)]
enum Ids<'a> {
    None,
    One { raw: &'a str, trimmed: &'a str },
    Other,
}

impl<'a> Ids<'a> {
    fn of(doc: &'a Doc, n: NodeId) -> Ids<'a> {
        let mut ids = doc.children_in(n, NSID_CBC, "ID");
        match (ids.next(), ids.next()) {
            (None, _) => Ids::None,
            (Some(id), None) if doc.child_ids(id).is_empty() => {
                let raw = doc.own_text(id);
                Ids::One {
                    raw,
                    trimmed: xpath::trim(raw),
                }
            }
            _ => Ids::Other,
        }
    }
}

impl<'a> Category<'a> {
    fn new(doc: &'a Doc, node: NodeId, place: Place) -> Category<'a> {
        let mut c = Category {
            node,
            place,
            vat: has_vat_scheme(doc, node),
            ids: Ids::of(doc, node),
            normalized: 0,
            not_normalized: 0,
            exact: 0,
        };
        // `bit(x)`: the bit of the code equal to `x`, 0 for no code.
        let bit = |x: &str| CODES.iter().position(|&c| c == x).map_or(0, |i| 1 << i);
        let all = (1 << CODES.len()) - 1;
        match c.ids {
            Ids::None => c.not_normalized = all,
            Ids::One { raw, trimmed } => {
                c.normalized = bit(trimmed);
                c.not_normalized = all & !bit(trimmed);
                c.exact = bit(raw);
            }
            Ids::Other => {
                for (i, code) in CODES.iter().enumerate() {
                    let bit = 1 << i;
                    if count_ids_normalized(doc, node, code) > 0 {
                        c.normalized |= bit;
                    }
                    if id_normalized_is_not(doc, node, code) {
                        c.not_normalized |= bit;
                    }
                    if id_exact(doc, node, code) {
                        c.exact |= bit;
                    }
                }
            }
        }
        c
    }

    /// `count(cbc:ID[normalize-space(.) = c])`.
    fn count_ids_normalized(&self, doc: &Doc, code: &str) -> usize {
        match self.ids {
            Ids::None => 0,
            Ids::One { trimmed, .. } => usize::from(trimmed == code),
            Ids::Other => count_ids_normalized(doc, self.node, code),
        }
    }

    /// `[normalize-space(cbc:ID) = c]`.
    fn id_normalized_is(&self, code: Code) -> bool {
        self.normalized & code.bit != 0
    }

    /// `[normalize-space(cbc:ID) != c]`.
    fn id_normalized_is_not(&self, code: Code) -> bool {
        self.not_normalized & code.bit != 0
    }

    /// `[cbc:ID = c]`.
    fn id_exact(&self, code: Code) -> bool {
        self.exact & code.bit != 0
    }
}

/// What the document-level VAT rules need from the whole document.
#[derive(Debug, Default)]
pub struct Facts<'a> {
    categories: Vec<Category<'a>>,
    /// Bit `i` set: some category's `cbc:ID` is `CODES[i]`, trimmed or exactly.
    codes: u16,
    /// `exists(//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID)`.
    seller_any_tax_id: bool,
    /// Same, only `PartyTaxScheme`s of the VAT scheme.
    seller_vat_id: bool,
    /// `exists(//cac:TaxRepresentativeParty/cac:PartyTaxScheme[VAT]/cbc:CompanyID)`.
    representative_vat_id: bool,
    /// `exists(//cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme[VAT]/cbc:CompanyID)`.
    buyer_vat_id: bool,
    /// `exists(//cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID)`.
    buyer_legal_id: bool,
}

impl<'a> Facts<'a> {
    /// One pass over the document.
    pub fn gather(doc: &'a Doc) -> Facts<'a> {
        Facts::gather_from(doc, &Shared::new(doc))
    }

    /// [`Facts::gather`] from the elements `shared` lists (`shared` belongs to `doc`). The
    /// categories are kept tax categories first, then classified ones: the asserts only ask
    /// whether one exists or how many there are, which the order does not change.
    pub fn gather_from(doc: &'a Doc, shared: &Shared<'a>) -> Facts<'a> {
        let mut f = Facts::default();
        let categories = shared.anywhere(Anywhere::TaxCategory);
        let classified = shared.anywhere(Anywhere::ClassifiedTaxCategory);
        for &n in categories.iter().chain(classified) {
            let category = Category::new(doc, n, place_of(doc, n));
            f.codes |= category.normalized | category.exact;
            f.categories.push(category);
        }
        for &n in shared.anywhere(Anywhere::PartyTaxScheme) {
            if !doc.exists_in(n, NSID_CBC, "CompanyID") {
                continue;
            }
            let vat = has_vat_scheme(doc, n);
            match party_role(doc, n) {
                Some(Role::Seller) => {
                    f.seller_any_tax_id = true;
                    f.seller_vat_id |= vat;
                }
                Some(Role::Buyer) => f.buyer_vat_id |= vat,
                Some(Role::Representative) => f.representative_vat_id |= vat,
                None => {}
            }
        }
        f.buyer_legal_id = shared
            .anywhere(Anywhere::PartyLegalEntity)
            .iter()
            .any(|&n| {
                party_role(doc, n) == Some(Role::Buyer) && doc.exists_in(n, NSID_CBC, "CompanyID")
            });
        f
    }

    /// Whether the document-level VAT category assert `rule` holds at the root `n`.
    fn holds(&self, rule: RootRule, doc: &Doc, n: NodeId) -> bool {
        let RootRule { family, number, .. } = rule;
        let code = Code::of(family);
        let seller_or_rep = self.seller_any_tax_id || self.representative_vat_id;
        let seller_vat_or_rep = self.seller_vat_id || self.representative_vat_id;
        let buyer = self.buyer_vat_id || self.buyer_legal_id;
        let no_vat_ids = !self.seller_vat_id && !self.representative_vat_id && !self.buyer_vat_id;
        match (family, number) {
            // 01 of AE/E/G/IC/O/Z: ((exists(//cac:TaxCategory[VAT]/cbc:ID[normalize-space(.)=c])
            // or exists(//cac:ClassifiedTaxCategory[VAT]/cbc:ID[…])) and
            // count(cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory[VAT]/cbc:ID[…]) = 1) or not(…)
            (_, 1) if !matches!(family, family::S | family::IG | family::IP) => {
                let used = self
                    .categories
                    .iter()
                    .any(|c| c.vat && c.count_ids_normalized(doc, code.text) > 0);
                let in_breakdown: usize = self
                    .categories
                    .iter()
                    .filter(|c| c.vat && c.place == Place::Breakdown)
                    .map(|c| c.count_ids_normalized(doc, code.text))
                    .sum();
                !used || in_breakdown == 1
            }
            // BR-S-01: (count(//cac:AllowanceCharge/cac:TaxCategory[normalize-space(cbc:ID)='S'])
            // + count(//cac:ClassifiedTaxCategory[normalize-space(cbc:ID)='S'])) > 0 and
            // count(cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory[normalize-space(cbc:ID)='S']) > 0,
            // or both zero. No VAT scheme predicate anywhere.
            (family::S, 1) => {
                let used = self.any(|c| {
                    matches!(c.place, Place::Allowance { .. } | Place::Classified)
                        && c.id_normalized_is(code)
                });
                let in_breakdown =
                    self.any(|c| c.place == Place::Breakdown && c.id_normalized_is(code));
                used == in_breakdown
            }
            // BR-IG-01 / BR-IP-01: used = AllowanceCharge or Classified categories with
            // normalize-space(cbc:ID) = c and VAT; then the breakdown needs
            // `[cbc:ID = 'L']` (exact, no VAT predicate) / `[cbc:ID = 'M'][VAT]` (exact);
            // unused needs no breakdown `[normalize-space(cbc:ID) = c][VAT]`.
            (_, 1) => {
                let used = self.any(|c| {
                    c.vat
                        && matches!(c.place, Place::Allowance { .. } | Place::Classified)
                        && c.id_normalized_is(code)
                });
                if used {
                    let needs_vat = family == family::IP;
                    self.any(|c| {
                        c.place == Place::Breakdown && (c.vat || !needs_vat) && c.id_exact(code)
                    })
                } else {
                    !self.any(|c| c.place == Place::Breakdown && c.vat && c.id_normalized_is(code))
                }
            }
            // 02: an invoice line (any ClassifiedTaxCategory) of the category.
            (_, 2) => {
                let lines_vat =
                    self.any(|c| c.place == Place::Classified && c.vat && c.id_normalized_is(code));
                match family {
                    // … or not(exists(//cac:ClassifiedTaxCategory[normalize-space(cbc:ID) = 'S']))
                    // (this last test has no VAT predicate)
                    family::S => {
                        let lines_any =
                            self.any(|c| c.place == Place::Classified && c.id_normalized_is(code));
                        (lines_vat && seller_or_rep) || !lines_any
                    }
                    family::AE => !lines_vat || (seller_or_rep && buyer),
                    family::G => !lines_vat || seller_vat_or_rep,
                    family::IC => !lines_vat || (seller_vat_or_rep && self.buyer_vat_id),
                    family::O => !lines_vat || no_vat_ids,
                    // Z, E, IG, IP
                    _ => !lines_vat || seller_or_rep,
                }
            }
            // 03 (allowances) / 04 (charges), at any level unless said otherwise.
            (_, 3 | 4) => {
                let charge = number == 4;
                let of = |c: &Category<'a>, document_only: bool| match c.place {
                    Place::Allowance {
                        document_level,
                        is_false,
                        is_true,
                    } => {
                        (if charge { is_true } else { is_false })
                            && (document_level || !document_only)
                    }
                    _ => false,
                };
                let used_vat = |document_only: bool| {
                    self.any(|c| of(c, document_only) && c.vat && c.id_normalized_is(code))
                };
                match family {
                    family::AE => !used_vat(false) || (seller_or_rep && buyer),
                    // (exists(//AC[…]/cac:TaxCategory[normalize-space(cbc:ID)='G']) and …)
                    // or not(exists(//AC[…]/cac:TaxCategory[normalize-space(cbc:ID)='G'][VAT]))
                    family::G => {
                        let used_any = self.any(|c| of(c, false) && c.id_normalized_is(code));
                        (used_any && seller_vat_or_rep) || !used_vat(false)
                    }
                    family::IC => !used_vat(false) || (seller_vat_or_rep && self.buyer_vat_id),
                    // (/ubl:Invoice|/cn:CreditNote)/cac:AllowanceCharge[…]: document level only
                    family::O => !used_vat(true) || no_vat_ids,
                    // BR-IG-04 ends with `not(exists(//AC[true]/cac:TaxCategory[cbc:ID='L'][VAT]))`
                    family::IG if charge => {
                        let used_exact = self.any(|c| of(c, false) && c.vat && c.id_exact(code));
                        (used_vat(false) && seller_or_rep) || !used_exact
                    }
                    // S, Z, E, IG-03, IP
                    _ => !used_vat(false) || seller_or_rep,
                }
            }
            // BR-IC-11: (breakdown K and (string-length(cac:Delivery/cbc:ActualDeliveryDate) > 1
            // or (cac:InvoicePeriod/*))) or not(breakdown K)
            (family::IC, 11) => {
                !self.breakdown_has(code)
                    || longer_than_one(
                        doc,
                        n,
                        &[(NSID_CAC, "Delivery"), (NSID_CBC, "ActualDeliveryDate")],
                    )
                    || doc
                        .children_in(n, NSID_CAC, "InvoicePeriod")
                        .any(|p| !doc.child_ids(p).is_empty())
            }
            // BR-IC-12: (breakdown K and string-length(cac:Delivery/cac:DeliveryLocation/
            // cac:Address/cac:Country/cbc:IdentificationCode) > 1) or not(breakdown K)
            (family::IC, 12) => {
                !self.breakdown_has(code)
                    || longer_than_one(
                        doc,
                        n,
                        &[
                            (NSID_CAC, "Delivery"),
                            (NSID_CAC, "DeliveryLocation"),
                            (NSID_CAC, "Address"),
                            (NSID_CAC, "Country"),
                            (NSID_CBC, "IdentificationCode"),
                        ],
                    )
            }
            // BR-O-11..14: with an 'O' breakdown, no other VAT category may appear in the
            // breakdown (11), in any ClassifiedTaxCategory (12), in any allowance (13) or charge
            // (14): count(…[normalize-space(cbc:ID) != 'O'][VAT]) = 0.
            (family::O, 11..=14) => {
                if !self.breakdown_has(code) {
                    return true;
                }
                !self.any(|c| {
                    let place_matches = match (number, c.place) {
                        (11, Place::Breakdown) | (12, Place::Classified) => true,
                        (13, Place::Allowance { is_false, .. }) => is_false,
                        (14, Place::Allowance { is_true, .. }) => is_true,
                        _ => false,
                    };
                    place_matches && c.vat && c.id_normalized_is_not(code)
                })
            }
            _ => true,
        }
    }

    fn any(&self, pred: impl Fn(&Category<'a>) -> bool) -> bool {
        self.categories.iter().any(pred)
    }

    /// `cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory[VAT]/cbc:ID[normalize-space(.) = c]` exists.
    fn breakdown_has(&self, code: Code) -> bool {
        self.any(|c| c.place == Place::Breakdown && c.vat && c.id_normalized_is(code))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Seller,
    Buyer,
    Representative,
}

/// `cac:AccountingSupplierParty/cac:Party/X`, `cac:AccountingCustomerParty/cac:Party/X` or
/// `cac:TaxRepresentativeParty/X`.
fn party_role(doc: &Doc, n: NodeId) -> Option<Role> {
    let parent = doc.parent(n)?;
    if doc.is_in(parent, NSID_CAC, "TaxRepresentativeParty") {
        return Some(Role::Representative);
    }
    if !doc.is_in(parent, NSID_CAC, "Party") {
        return None;
    }
    let role = doc.parent(parent)?;
    if doc.is_in(role, NSID_CAC, "AccountingSupplierParty") {
        Some(Role::Seller)
    } else if doc.is_in(role, NSID_CAC, "AccountingCustomerParty") {
        Some(Role::Buyer)
    } else {
        None
    }
}

fn place_of(doc: &Doc, n: NodeId) -> Place {
    if doc.is_in(n, NSID_CAC, "ClassifiedTaxCategory") {
        return Place::Classified;
    }
    let Some(parent) = doc.parent(n) else {
        return Place::Other;
    };
    if doc.is_in(parent, NSID_CAC, "AllowanceCharge") {
        let (is_false, is_true) = charge_indicators(doc, parent);
        return Place::Allowance {
            document_level: doc.parent(parent).is_some_and(|r| is_document_root(doc, r)),
            is_false,
            is_true,
        };
    }
    let breakdown = doc.is_in(parent, NSID_CAC, "TaxSubtotal")
        && doc
            .parent(parent)
            .filter(|&t| doc.is_in(t, NSID_CAC, "TaxTotal"))
            .and_then(|t| doc.parent(t))
            .is_some_and(|r| is_document_root(doc, r));
    if breakdown {
        Place::Breakdown
    } else {
        Place::Other
    }
}

/// `count(cbc:ID[normalize-space(.) = c])` of a category.
fn count_ids_normalized(doc: &Doc, n: NodeId, code: &str) -> usize {
    doc.children_in(n, NSID_CBC, "ID")
        .filter(|&i| xpath::trim(&doc.value(i)) == code)
        .count()
}

/// `[normalize-space(cbc:ID) != c]`: no ID normalises to '' which differs from `c`.
fn id_normalized_is_not(doc: &Doc, n: NodeId, code: &str) -> bool {
    let mut ids = doc.children_in(n, NSID_CBC, "ID").peekable();
    ids.peek().is_none() || ids.any(|i| xpath::trim(&doc.value(i)) != code)
}

/// `[cbc:ID = c]`: exact comparison, no trimming.
fn id_exact(doc: &Doc, n: NodeId, code: &str) -> bool {
    doc.children_in(n, NSID_CBC, "ID")
        .any(|i| doc.value(i) == code)
}

/// `string-length(path) > 1` for a path that selects at most one node (two abort the official
/// run; answered existentially).
fn longer_than_one(doc: &Doc, n: NodeId, steps: Path<'_>) -> bool {
    super::nodes::any_path(doc, n, steps, &mut |x| char_len(&doc.value(x)) > 1)
}
