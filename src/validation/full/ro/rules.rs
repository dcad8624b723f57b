//! The asserts and reports of each CIUS-RO rule context, as small functions.

use std::borrow::Cow;

use super::context::Context;
use super::lengths::{self, DecimalRule, LengthRule, Steps};
use super::values::{castable_as_date, chars_after_dot};
use super::{Found, Hit, Repeated};
use crate::validation::full::doc::{
    Doc, NSID_CAC as A, NSID_CBC as B, Node, NodeId, char_len, has_content, normalize_space,
    normalized_char_len, normalized_eq,
};
use crate::validation::full::query::{ChildIndex, Path};
use crate::validation::full::xpath::double_is_non_negative;

const CIUS_RO_ID: &str = "urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1";

/// ISO 3166-2:RO county codes (41 counties + Bucharest).
const RO_COUNTIES: &[&str] = &[
    "RO-AB", "RO-AG", "RO-AR", "RO-B", "RO-BC", "RO-BH", "RO-BN", "RO-BR", "RO-BT", "RO-BV",
    "RO-BZ", "RO-CJ", "RO-CL", "RO-CS", "RO-CT", "RO-CV", "RO-DB", "RO-DJ", "RO-GJ", "RO-GL",
    "RO-GR", "RO-HD", "RO-HR", "RO-IF", "RO-IL", "RO-IS", "RO-MH", "RO-MM", "RO-MS", "RO-NT",
    "RO-OT", "RO-PH", "RO-SB", "RO-SJ", "RO-SM", "RO-SV", "RO-TL", "RO-TM", "RO-TR", "RO-VL",
    "RO-VN", "RO-VS",
];
const BUCHAREST_SECTORS: &[&str] = &[
    "SECTOR1", "SECTOR2", "SECTOR3", "SECTOR4", "SECTOR5", "SECTOR6",
];
/// Whether `value` is in `list`, a sorted list ([`RO_COUNTIES`], [`BUCHAREST_SECTORS`]): a
/// binary search compares a handful of codes, not up to 42.
fn is_listed(list: &[&str], value: &str) -> bool {
    list.binary_search(&value).is_ok()
}

/// VAT categories that make a VAT identifier mandatory (BR-RO-065 / BR-RO-120).
const VAT_CATEGORIES: &[&str] = &["S", "Z", "E", "AE", "K", "G", "L", "M"];

const SUPPLIER_ADDRESS: Steps = &[
    (A, "AccountingSupplierParty"),
    (A, "Party"),
    (A, "PostalAddress"),
];
const CUSTOMER_ADDRESS: Steps = &[
    (A, "AccountingCustomerParty"),
    (A, "Party"),
    (A, "PostalAddress"),
];

/// The length rules of the allowance and charge contexts, one each. (The document-level ones
/// read the reason CODE although their messages name the reason.)
const DOC_ALLOWANCE_REASON: LengthRule = ("BR-RO-L1017", &[(B, "AllowanceChargeReasonCode")], 100);
const DOC_CHARGE_REASON: LengthRule = ("BR-RO-L1018", &[(B, "AllowanceChargeReasonCode")], 100);
const LINE_ALLOWANCE_REASON: LengthRule = ("BR-RO-L1022", &[(B, "AllowanceChargeReason")], 100);
const LINE_CHARGE_REASON: LengthRule = ("BR-RO-L1023", &[(B, "AllowanceChargeReason")], 100);

/// Runs the asserts of context `ctx` at `id`; `root_children`: the root's children grouped by
/// name.
pub fn run(
    doc: &Doc,
    id: NodeId,
    ctx: Context,
    longest: &LongestValue,
    root_children: &ChildIndex<'_>,
    found: &mut Found,
) {
    let mut out = Out { id, found, longest };
    match ctx {
        Context::Date(rule) => date(doc, id, rule, &mut out),
        Context::PriceAmount => {
            if double_is_non_negative(&doc.value(id)) == Some(false) {
                out.fire("BR-27");
            }
        }
        Context::InvoiceTypeCode => {
            code_in(
                doc,
                id,
                &["380", "384", "389", "751"],
                "BR-RO-020_1",
                &mut out,
            );
        }
        Context::CreditNoteTypeCode => code_in(doc, id, &["381"], "BR-RO-020_2", &mut out),
        Context::Root => root(doc, id, root_children, &mut out),
        Context::TaxRepresentativeAddress => {
            address_required(doc, id, "StreetName", "BR-RO-140", &mut out);
            address_required(doc, id, "CityName", "BR-RO-150", &mut out);
            subdivision_reports(doc, id, "BR-RO-160", "BR-RO-170", &mut out);
        }
        Context::PaymentMeans => {
            lengths_below(
                doc,
                id,
                lengths::PAYMENT_MEANS_LENGTHS,
                &PAYMENT_MEANS_BOUNDS,
                &mut out,
            );
            // `@name` of each cbc:PaymentMeansCode (BT-82).
            let too_long = doc
                .children_in(id, B, "PaymentMeansCode")
                .find(|&c| doc.attr(c, "", "name").is_some_and(|v| too_long(v, 100)));
            if let Some(c) = too_long {
                out.fire_at("BR-RO-L1016", c);
            }
        }
        Context::DeliveryAddress => {
            address_required(doc, id, "StreetName", "BR-RO-180", &mut out);
            address_required(doc, id, "CityName", "BR-RO-201", &mut out);
            let (sector, county) = ("BR-RO-202", "BR-RO-212");
            // .sch order: 180, 201, 202, 211, 212.
            subdivision_reports(doc, id, sector, "", &mut out);
            address_required(doc, id, "CountrySubentity", "BR-RO-211", &mut out);
            subdivision_reports(doc, id, "", county, &mut out);
        }
        Context::InvoicePeriodDescriptionCode => {
            code_in(doc, id, &["3", "35", "432"], "BR-RO-040", &mut out);
        }
        Context::Line => lengths_below(doc, id, lengths::LINE_LENGTHS, &LINE_BOUNDS, &mut out),
        Context::ItemProperty => lengths_below(
            doc,
            id,
            lengths::ITEM_PROPERTY_LENGTHS,
            &ITEM_PROPERTY_BOUNDS,
            &mut out,
        ),
        Context::DocAllowance => {
            decimals(doc, id, lengths::DOC_ALLOWANCE_DECIMALS, &mut out);
            length_rule(
                doc,
                id,
                &DOC_ALLOWANCE_REASON,
                DOC_ALLOWANCE_REASON_BOUND,
                &mut out,
            );
        }
        Context::DocCharge => {
            decimals(doc, id, lengths::DOC_CHARGE_DECIMALS, &mut out);
            length_rule(
                doc,
                id,
                &DOC_CHARGE_REASON,
                DOC_CHARGE_REASON_BOUND,
                &mut out,
            );
        }
        Context::MonetaryTotal => decimals(doc, id, lengths::MONETARY_TOTAL_DECIMALS, &mut out),
        Context::TaxSubtotal => decimals(doc, id, lengths::TAX_SUBTOTAL_DECIMALS, &mut out),
        Context::LineAllowance => {
            decimals(doc, id, lengths::LINE_ALLOWANCE_DECIMALS, &mut out);
            length_rule(
                doc,
                id,
                &LINE_ALLOWANCE_REASON,
                LINE_ALLOWANCE_REASON_BOUND,
                &mut out,
            );
        }
        Context::LineCharge => {
            decimals(doc, id, lengths::LINE_CHARGE_DECIMALS, &mut out);
            length_rule(
                doc,
                id,
                &LINE_CHARGE_REASON,
                LINE_CHARGE_REASON_BOUND,
                &mut out,
            );
        }
        Context::Note => {
            if too_long(&doc.value(id), 300) {
                out.fire("BR-RO-L302");
            }
        }
        Context::SupportingDocument => {
            lengths_below(
                doc,
                id,
                lengths::SUPPORTING_DOCUMENT_LENGTHS,
                &SUPPORTING_DOCUMENT_BOUNDS,
                &mut out,
            );
            let long_name = doc.find_path(
                id,
                &[(A, "Attachment"), (B, "EmbeddedDocumentBinaryObject")],
                &mut |f| {
                    doc.attr(f, "", "filename")
                        .is_some_and(|v| too_long(v, 200))
                },
            );
            if let Some(f) = long_name {
                out.fire_at("BR-RO-L211", f);
            }
        }
        Context::BillingReference => {
            if doc.children_in(id, A, "InvoiceDocumentReference").count() > 500 {
                out.fire("BR-RO-A500");
            }
            lengths_below(
                doc,
                id,
                lengths::BILLING_REFERENCE_LENGTHS,
                &BILLING_REFERENCE_BOUNDS,
                &mut out,
            );
        }
    }
}

struct Out<'a> {
    id: NodeId,
    found: &'a mut Found,
    longest: &'a LongestValue,
}

/// The longest value, in bytes, of the `cbc` elements of the document, per group of local names
/// ([`name_group`]): a length rule whose path ends in a `cbc` element and whose maximum is at
/// least its group's cannot fire, so its path is not walked. Grouped, because one long value (the
/// 72-byte CIUS-RO customization id, a note) would otherwise let the 20- and 50-character rules
/// (postal zones, cities) walk their paths in every invoice.
#[derive(Debug, Clone)]
pub struct LongestValue([u32; NAME_GROUPS]);

/// How many groups [`name_group`] makes.
const NAME_GROUPS: usize = 32;

/// The smallest maximum of any length rule (the postal zones'): a value no longer cannot make
/// one fire.
const SHORTEST_MAX: u32 = 20;

/// The group of a local name: its length, first and last byte, which tell apart the names the
/// length rules read from the long values of other elements nearly always.
const fn name_group(local: &str) -> usize {
    let b = local.as_bytes();
    let (first, last) = match (b.first(), b.last()) {
        (Some(&first), Some(&last)) => (first as usize, last as usize),
        _ => (0, 0),
    };
    (b.len().wrapping_mul(7) ^ first.wrapping_mul(13) ^ last.wrapping_mul(31)) % NAME_GROUPS
}

/// What [`LongestValue::may_exceed`] reads of a length rule, worked out at compile time: the
/// [`name_group`] of the `cbc` element its path ends in ([`NAME_GROUPS`] when it ends in
/// another) and its maximum. Deciding from a small array of these, and reading a rule only when
/// it may fire, spares the cache misses of reading every rule's path and name (the root has
/// 45 rules, read once per document, cold every time).
#[derive(Debug, Clone, Copy)]
struct Bound {
    group: u8,
    max: u16,
    /// Whether a step of the path is an element its parent's UBL type lets repeat
    /// ([`REPEATABLE_PATHS`]): only such a path can select several nodes of a schema-valid
    /// document, so only such a path is walked for [`Found::repeated`] (a repetition the schema
    /// forbids is reported by the quick check).
    may_repeat: bool,
}

/// The length rules whose path has a step its parent's UBL 2.1 type allows more than once (a
/// test derives the list from the schema tables).
const REPEATABLE_PATHS: &[&str] = &[
    "BR-RO-L0204",
    "BR-RO-L0302",
    "BR-RO-L0305",
    "BR-RO-L0306",
    "BR-RO-L0307",
    "BR-RO-L0504",
    "BR-RO-L1000",
    "BR-RO-L1003",
    "BR-RO-L1008",
    "BR-RO-L1013",
    "BR-RO-L1014",
    "BR-RO-L1015",
    "BR-RO-L1020",
    "BR-RO-L1022",
    "BR-RO-L1023",
    "BR-RO-L140",
    "BR-RO-L154",
    "BR-RO-L201",
    "BR-RO-L202",
    "BR-RO-L203",
    "BR-RO-L204",
    "BR-RO-L205",
    "BR-RO-L206",
    "BR-RO-L207",
    "BR-RO-L212",
    "BR-RO-L301",
    "BR-RO-L303",
];

/// `a == b` for `const` code.
const fn same_str(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `id` is in [`REPEATABLE_PATHS`].
const fn may_repeat(id: &str) -> bool {
    let mut i = 0;
    while i < REPEATABLE_PATHS.len() {
        if same_str(id, REPEATABLE_PATHS[i]) {
            return true;
        }
        i += 1;
    }
    false
}

impl Bound {
    const fn of(rule: &LengthRule) -> Bound {
        let (id, steps, max) = *rule;
        let group = match steps.last() {
            Some(&(ns, local)) if ns == B => name_group(local),
            _ => NAME_GROUPS,
        };
        // Groups are below 32 and maxima at most 300 (a test checks both).
        Bound {
            group: group as u8,
            max: max as u16,
            may_repeat: may_repeat(id),
        }
    }
}

/// The [`Bound`]s of a table of length rules, in its order.
const fn bounds<const N: usize>(rules: &[LengthRule]) -> [Bound; N] {
    let mut out = [Bound {
        group: 0,
        max: 0,
        may_repeat: false,
    }; N];
    let mut i = 0;
    while i < N {
        out[i] = Bound::of(&rules[i]);
        i += 1;
    }
    out
}

const ROOT_BOUNDS: [Bound; lengths::ROOT_LENGTHS.len()] = bounds(lengths::ROOT_LENGTHS);
const PAYMENT_MEANS_BOUNDS: [Bound; lengths::PAYMENT_MEANS_LENGTHS.len()] =
    bounds(lengths::PAYMENT_MEANS_LENGTHS);
const LINE_BOUNDS: [Bound; lengths::LINE_LENGTHS.len()] = bounds(lengths::LINE_LENGTHS);
const ITEM_PROPERTY_BOUNDS: [Bound; lengths::ITEM_PROPERTY_LENGTHS.len()] =
    bounds(lengths::ITEM_PROPERTY_LENGTHS);
const SUPPORTING_DOCUMENT_BOUNDS: [Bound; lengths::SUPPORTING_DOCUMENT_LENGTHS.len()] =
    bounds(lengths::SUPPORTING_DOCUMENT_LENGTHS);
const DOC_ALLOWANCE_REASON_BOUND: Bound = Bound::of(&DOC_ALLOWANCE_REASON);
const DOC_CHARGE_REASON_BOUND: Bound = Bound::of(&DOC_CHARGE_REASON);
const LINE_ALLOWANCE_REASON_BOUND: Bound = Bound::of(&LINE_ALLOWANCE_REASON);
const LINE_CHARGE_REASON_BOUND: Bound = Bound::of(&LINE_CHARGE_REASON);
const BILLING_REFERENCE_BOUNDS: [Bound; lengths::BILLING_REFERENCE_LENGTHS.len()] =
    bounds(lengths::BILLING_REFERENCE_LENGTHS);

impl LongestValue {
    pub fn of(doc: &Doc) -> Self {
        let mut longest = [0u32; NAME_GROUPS];
        // Whether a node counts is as good as random from one node to the next: the nodes are
        // taken in blocks, and those of a block that count are listed without a branch, from
        // the node alone, then read.
        let mut counted = [0; 64];
        for (block, nodes) in doc.nodes.chunks(counted.len()).enumerate() {
            let first = block * counted.len();
            let mut listed = 0;
            for (i, node) in nodes.iter().enumerate() {
                if let Some(slot) = counted.get_mut(listed) {
                    *slot = first + i;
                }
                listed += usize::from(cbc_value_may_exceed(node, SHORTEST_MAX));
            }
            for &n in counted.get(..listed).unwrap_or_default() {
                // An element's value holds its descendants' text too (not in a valid invoice's
                // `cbc` elements): no bound then.
                let len = if doc.child_ids(n).is_empty() {
                    u32::try_from(doc.own_text(n).len()).unwrap_or(u32::MAX)
                } else {
                    u32::MAX
                };
                if let Some(max) = longest.get_mut(name_group(doc.local(n))) {
                    *max = (*max).max(len);
                }
            }
        }
        LongestValue(longest)
    }

    /// Whether some node the path of the rule of `bound` selects may have a value longer than
    /// its maximum, in bytes.
    fn may_exceed(&self, bound: Bound) -> bool {
        self.0
            .get(usize::from(bound.group))
            .is_none_or(|&longest| longest > u32::from(bound.max))
    }
}

/// Whether `node` is a `cbc` element whose value may be longer than `max` bytes: its own text
/// is (no rule allows fewer characters than bytes), or it has children, whose text its value
/// holds.
fn cbc_value_may_exceed(node: &Node, max: u32) -> bool {
    (node.ns == B) & (node.has_children() | (node.own_text_len() > max))
}

impl Out<'_> {
    fn fire(&mut self, rule: &'static str) {
        self.fire_at(rule, self.id);
    }

    /// Out of line and cold: on a valid invoice no rule fires, and the rules stay small.
    #[cold]
    #[inline(never)]
    fn fire_at(&mut self, rule: &'static str, at: NodeId) {
        self.found.hits.push(Hit {
            id: rule,
            context: self.id,
            at,
        });
    }

    /// The path of length rule `rule` selects `second` after another node (see
    /// [`Found::repeated`]).
    #[cold]
    #[inline(never)]
    fn repeated_at(&mut self, rule: &'static str, steps: Steps, second: NodeId) {
        self.found.repeated.push(Repeated {
            id: rule,
            context: self.id,
            at: second,
            steps,
        });
    }
}

/// A predicate for `find_path` that holds at the second node it is asked about.
fn second() -> impl FnMut(NodeId) -> bool {
    let mut seen = 0u8;
    move |_| {
        seen += 1;
        seen == 2
    }
}

/// `string-length(normalize-space(s)) > max`. Normalising never adds characters and a
/// character takes at least one byte, so a value of at most `max` bytes (nearly all of them)
/// is decided without counting.
fn too_long(s: &str, max: usize) -> bool {
    s.len() > max && normalized_char_len(s) > max
}

/// `string-length(text()) = 10 and (string(.) castable as xs:date)`.
fn date(doc: &Doc, id: NodeId, rule: &'static str, out: &mut Out<'_>) {
    let ok = char_len(doc.own_text(id)) == 10 && castable_as_date(&doc.value(id));
    if !ok {
        out.fire(rule);
    }
}

/// The single-token code list test `contains(' a b ', concat(' ', normalize-space(.), ' '))`.
fn code_in(doc: &Doc, id: NodeId, allowed: &[&str], rule: &'static str, out: &mut Out<'_>) {
    let value = doc.value(id);
    if !allowed.iter().any(|a| normalized_eq(&value, a)) {
        out.fire(rule);
    }
}

/// `string-length(normalize-space(path)) <= max`, each selected node checked separately;
/// `bound`: the rule's [`Bound`].
fn length_rule(doc: &Doc, id: NodeId, rule: &LengthRule, bound: Bound, out: &mut Out<'_>) {
    let (rule_id, steps, max) = *rule;
    if bound.may_repeat
        && let Some(n) = doc.find_path(id, steps, &mut second())
    {
        out.repeated_at(rule_id, steps, n);
    }
    if !out.longest.may_exceed(bound) {
        return;
    }
    let long = doc.find_path(id, steps, &mut |n| too_long(&doc.value(n), max));
    if let Some(n) = long {
        out.fire_at(rule_id, n);
    }
}

/// [`lengths_below`] for the root, through its index.
fn root_lengths(doc: &Doc, kids: &ChildIndex<'_>, out: &mut Out<'_>) {
    for (i, &bound) in ROOT_BOUNDS.iter().enumerate() {
        if bound.may_repeat
            && let Some(&(rule_id, steps, _)) = lengths::ROOT_LENGTHS.get(i)
            && let Some(n) = kids.select_find(steps, second())
        {
            out.repeated_at(rule_id, steps, n);
        }
        if !out.longest.may_exceed(bound) {
            continue;
        }
        let Some(&(rule_id, steps, max)) = lengths::ROOT_LENGTHS.get(i) else {
            continue;
        };
        if let Some(n) = kids.select_find(steps, |n| too_long(&doc.value(n), max)) {
            out.fire_at(rule_id, n);
        }
    }
}

/// The length `rules` of a context, whose [`Bound`]s are `bounds`.
fn lengths_below(doc: &Doc, id: NodeId, rules: &[LengthRule], bounds: &[Bound], out: &mut Out<'_>) {
    for (i, &bound) in bounds.iter().enumerate() {
        if let Some(rule) = rules.get(i) {
            length_rule(doc, id, rule, bound, out);
        }
    }
}

/// `string-length(substring-after(cbc:X, '.')) <= 2` (the raw value, not trimmed).
fn decimals(doc: &Doc, id: NodeId, rules: &[DecimalRule], out: &mut Out<'_>) {
    // One look at each child's value first: nearly always none has more than two decimals,
    // and then no rule needs its children picked by name.
    let any = doc
        .child_ids(id)
        .iter()
        .any(|&n| doc.ns_id(n) == B && more_than_two_decimals(&doc.value(n)));
    if !any {
        return;
    }
    for &(rule_id, local) in rules {
        let too_precise = doc
            .children_in(id, B, local)
            .find(|&n| more_than_two_decimals(&doc.value(n)));
        if let Some(n) = too_precise {
            out.fire_at(rule_id, n);
        }
    }
}

/// `string-length(substring-after(s, '.')) > 2`. A character takes at least one byte, so at
/// most two bytes after the dot (nearly every amount) are decided without counting.
fn more_than_two_decimals(s: &str) -> bool {
    match s.bytes().position(|b| b == b'.') {
        Some(dot) => s.len() - dot > 3 && chars_after_dot(s) > 2,
        None => false,
    }
}

/// `cbc:X[boolean(normalize-space(.))]` must exist below the address.
fn address_required(
    doc: &Doc,
    address: NodeId,
    local: &str,
    rule: &'static str,
    out: &mut Out<'_>,
) {
    let present = doc
        .children_in(address, B, local)
        .any(|n| has_content(&doc.value(n)));
    if !present {
        out.fire(rule);
    }
}

/// Normalized value of the first `steps` node below `id`, or "" (XPath on an empty sequence).
fn first_value<'d>(doc: &'d Doc, id: NodeId, steps: Path<'_>) -> Cow<'d, str> {
    normalized_or_empty(doc, doc.first_on_path(id, steps))
}

/// `normalize-space(.)` of a selected node, "" for the empty sequence. Most values (codes,
/// names) are already normalized: those are borrowed, not copied.
fn normalized_or_empty(doc: &Doc, node: Option<NodeId>) -> Cow<'_, str> {
    let Some(n) = node else {
        return Cow::Borrowed("");
    };
    let value = doc.value(n);
    if is_normalized(&value) {
        value
    } else {
        Cow::Owned(normalize_space(&value))
    }
}

/// Whether `normalize-space(s)` is `s` itself: no XML whitespace but single inner spaces.
fn is_normalized(s: &str) -> bool {
    let mut prev = b' ';
    for &b in s.as_bytes() {
        if matches!(b, b'\t' | b'\r' | b'\n') || (b == b' ' && prev == b' ') {
            return false;
        }
        prev = b;
    }
    s.is_empty() || prev != b' '
}

/// The Bucharest-sector and county reports on one address node; an empty id skips that report.
fn subdivision_reports(
    doc: &Doc,
    address: NodeId,
    sector_rule: &'static str,
    county_rule: &'static str,
    out: &mut Out<'_>,
) {
    let country = first_value(doc, address, &[(A, "Country"), (B, "IdentificationCode")]);
    if country != "RO" {
        return;
    }
    let county = first_value(doc, address, &[(B, "CountrySubentity")]);
    let city = first_value(doc, address, &[(B, "CityName")]);
    if !sector_rule.is_empty() && county == "RO-B" && !is_listed(BUCHAREST_SECTORS, &city) {
        out.fire(sector_rule);
    }
    if !county_rule.is_empty() && !is_listed(RO_COUNTIES, &county) {
        out.fire(county_rule);
    }
}

/// The root context. Every test walks a path from the root, whose children can number in the
/// thousands (one per line): they are grouped by name once ([`ChildIndex`], `kids`) and each
/// path looks its first step up there.
fn root(doc: &Doc, root: NodeId, kids: &ChildIndex<'_>, out: &mut Out<'_>) {
    let customization = kids
        .children(B, "CustomizationID")
        .iter()
        .any(|&n| doc.value(n) == CIUS_RO_ID);
    // Findings about one field point at it when it exists (the context is the root).
    let at = |local: &str| kids.first_child(B, local).unwrap_or(root);
    if !customization {
        out.fire_at("BR-RO-001", at("CustomizationID"));
    }
    if let Some(&extra_note) = kids.children(B, "Note").get(20) {
        out.fire_at("BR-RO-A020", extra_note);
    }
    root_lengths(doc, kids, out);
    let first_value = |local: &str| normalized_or_empty(doc, kids.first_child(B, local));
    // `matches(normalize-space(cbc:ID), '([0-9])')`.
    let number = first_value("ID");
    if !number.bytes().any(|b| b.is_ascii_digit()) {
        out.fire_at("BR-RO-010", at("ID"));
    }
    let tax_currency = first_value("TaxCurrencyCode");
    let doc_currency = first_value("DocumentCurrencyCode");
    // The four alternatives of the official test reduce to: one of the two currencies is RON.
    if tax_currency != "RON" && doc_currency != "RON" {
        out.fire_at("BR-RO-030", at("DocumentCurrencyCode"));
    }
    let vat_used = uses_vat_category(doc, kids);
    if vat_used {
        let representative = kids
            .select_first(&[
                (A, "TaxRepresentativeParty"),
                (A, "PartyTaxScheme"),
                (B, "CompanyID"),
            ])
            .is_some();
        let seller = non_blank(
            doc,
            kids,
            &[
                (A, "AccountingSupplierParty"),
                (A, "Party"),
                (A, "PartyTaxScheme"),
                (B, "CompanyID"),
            ],
        );
        if !representative && !seller {
            out.fire("BR-RO-065");
        }
    }
    // The parties' addresses in document order, selected once for the six rules below.
    let supplier = addresses(kids, SUPPLIER_ADDRESS);
    let customer = addresses(kids, CUSTOMER_ADDRESS);
    require_non_blank(doc, &supplier, "StreetName", "BR-RO-081", out);
    require_non_blank(doc, &customer, "StreetName", "BR-RO-082", out);
    require_non_blank(doc, &supplier, "CityName", "BR-RO-091", out);
    require_non_blank(doc, &customer, "CityName", "BR-RO-092", out);
    party_subdivision(doc, &supplier, "BR-RO-100", "BR-RO-110", out);
    party_subdivision(doc, &customer, "BR-RO-101", "BR-RO-111", out);
    if vat_used {
        let legal = kids
            .select_first(&[
                (A, "AccountingCustomerParty"),
                (A, "Party"),
                (A, "PartyLegalEntity"),
                (B, "CompanyID"),
            ])
            .is_some();
        let vat = non_blank(
            doc,
            kids,
            &[
                (A, "AccountingCustomerParty"),
                (A, "Party"),
                (A, "PartyTaxScheme"),
                (B, "CompanyID"),
            ],
        );
        if !legal && !vat {
            out.fire("BR-RO-120");
        }
    }
}

fn non_blank(doc: &Doc, kids: &ChildIndex<'_>, steps: Steps) -> bool {
    kids.select_find(steps, |n| has_content(&doc.value(n)))
        .is_some()
}

/// Every node `steps` selects from the root, in document order.
fn addresses(kids: &ChildIndex<'_>, steps: Steps) -> Vec<NodeId> {
    let mut all = Vec::new();
    kids.select_find(steps, |a| {
        all.push(a);
        false
    });
    all
}

/// `address/cbc:X[boolean(normalize-space(.))]` must exist; `addresses`: what `address`
/// selects from the root, in document order.
fn require_non_blank(
    doc: &Doc,
    addresses: &[NodeId],
    local: &'static str,
    rule: &'static str,
    out: &mut Out<'_>,
) {
    let present = addresses.iter().any(|&a| {
        doc.children_in(a, B, local)
            .any(|n| has_content(&doc.value(n)))
    });
    if !present {
        out.fire_at(rule, addresses.first().copied().unwrap_or(out.id));
    }
}

/// BR-RO-100/110 (seller) and 101/111 (buyer), evaluated from the root like the official rule;
/// `addresses`: the party's addresses in document order.
fn party_subdivision(
    doc: &Doc,
    addresses: &[NodeId],
    sector_rule: &'static str,
    county_rule: &'static str,
    out: &mut Out<'_>,
) {
    // The first node of `address/tail` in document order: below the first address that has one
    // (the walk is depth-first).
    let value = |tail: Steps| {
        let first = addresses.iter().find_map(|&a| doc.first_on_path(a, tail));
        normalized_or_empty(doc, first)
    };
    if value(&[(A, "Country"), (B, "IdentificationCode")]) != "RO" {
        return;
    }
    let county = value(&[(B, "CountrySubentity")]);
    let city = value(&[(B, "CityName")]);
    let at = addresses.first().copied().unwrap_or(out.id);
    if county == "RO-B" && !is_listed(BUCHAREST_SECTORS, &city) {
        out.fire_at(sector_rule, at);
    }
    if !is_listed(RO_COUNTIES, &county) {
        out.fire_at(county_rule, at);
    }
}

/// The trigger shared by BR-RO-065 and BR-RO-120: a VAT category from [`VAT_CATEGORIES`] on a
/// document allowance (with VAT scheme), a document charge, or an `InvoiceLine` item (only
/// invoice lines: the official test does not look at credit note lines). Values are compared
/// exactly as written (general comparison, no trimming).
fn uses_vat_category(doc: &Doc, kids: &ChildIndex<'_>) -> bool {
    let is_category = |n: NodeId| VAT_CATEGORIES.contains(&doc.value(n).as_ref());
    let charge_indicator_is = |ac: NodeId, v: &str| {
        doc.children_in(ac, B, "ChargeIndicator")
            .any(|c| doc.value(c) == v)
    };
    for &ac in kids.children(A, "AllowanceCharge") {
        for cat in doc.children_in(ac, A, "TaxCategory") {
            for cid in doc.children_in(cat, B, "ID") {
                if !is_category(cid) {
                    continue;
                }
                if charge_indicator_is(ac, "true") {
                    return true;
                }
                // following-sibling::cac:TaxScheme/cbc:ID = 'VAT'
                let siblings = doc.child_ids(cat);
                let after = siblings.iter().skip_while(|&&s| s != cid).skip(1);
                let vat_scheme = after.copied().any(|s| {
                    doc.is_in(s, A, "TaxScheme")
                        && doc.children_in(s, B, "ID").any(|i| doc.value(i) == "VAT")
                });
                if charge_indicator_is(ac, "false") && vat_scheme {
                    return true;
                }
            }
        }
    }
    kids.select_find(
        &[
            (A, "InvoiceLine"),
            (A, "Item"),
            (A, "ClassifiedTaxCategory"),
            (B, "ID"),
        ],
        is_category,
    )
    .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_lists_are_sorted_for_the_binary_search() {
        for list in [RO_COUNTIES, BUCHAREST_SECTORS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]));
        }
        assert!(is_listed(RO_COUNTIES, "RO-B"));
        assert!(is_listed(RO_COUNTIES, "RO-VS"));
        assert!(!is_listed(RO_COUNTIES, "RO-XX"));
        assert!(!is_listed(BUCHAREST_SECTORS, "SECTOR7"));
    }

    #[test]
    fn no_length_rule_allows_fewer_characters_than_the_shortest_maximum() {
        let tables = [
            lengths::ROOT_LENGTHS,
            lengths::PAYMENT_MEANS_LENGTHS,
            lengths::LINE_LENGTHS,
            lengths::ITEM_PROPERTY_LENGTHS,
            lengths::SUPPORTING_DOCUMENT_LENGTHS,
            lengths::BILLING_REFERENCE_LENGTHS,
        ];
        for &(id, _, max) in tables.iter().flat_map(|t| t.iter()) {
            assert!(max >= SHORTEST_MAX as usize, "{id}");
        }
    }

    #[test]
    fn the_repeatable_paths_are_those_the_ubl_schema_lets_select_several_nodes() {
        use crate::validation::quick::schema::{Content, Model};
        use crate::validation::quick::ubl_tables::{ELEMENTS, NAMESPACES, TYPES};
        // The most times `child` may occur in an element `parent` (any declaration of it).
        let ns_index = |prefix: &str| NAMESPACES.iter().position(|(p, _)| *p == prefix).unwrap();
        let (cac, cbc) = (ns_index("cac"), ns_index("cbc"));
        let table_ns = |ns: crate::validation::full::doc::NsId| if ns == A { cac } else { cbc };
        let max_occurs = |parents: &[(usize, &str)], child: (usize, &str)| {
            let mut max = 0;
            for decl in ELEMENTS {
                if !parents.contains(&(usize::from(decl.ns), decl.name)) {
                    continue;
                }
                if let Content::Elements {
                    model: Model::Sequence { items, .. },
                    ..
                } = &TYPES[usize::from(decl.ty)].content
                {
                    for item in items.iter() {
                        let e = &ELEMENTS[usize::from(item.element)];
                        if (usize::from(e.ns), e.name) == child {
                            max = max.max(item.max);
                        }
                    }
                }
            }
            max
        };
        let invoice = usize::from(crate::validation::quick::ubl_tables::NS_INVOICE);
        let credit_note = usize::from(crate::validation::quick::ubl_tables::NS_CREDIT_NOTE);
        let reasons: &[LengthRule] = &[
            DOC_ALLOWANCE_REASON,
            DOC_CHARGE_REASON,
            LINE_ALLOWANCE_REASON,
            LINE_CHARGE_REASON,
        ];
        // (rules, the element names of their context: namespace index, local name)
        type RulesAt<'a> = (&'a [LengthRule], Vec<(usize, &'a str)>);
        let contexts: [RulesAt<'_>; 7] = [
            (
                lengths::ROOT_LENGTHS,
                vec![(invoice, "Invoice"), (credit_note, "CreditNote")],
            ),
            (lengths::PAYMENT_MEANS_LENGTHS, vec![(cac, "PaymentMeans")]),
            (
                lengths::LINE_LENGTHS,
                vec![(cac, "InvoiceLine"), (cac, "CreditNoteLine")],
            ),
            (
                lengths::ITEM_PROPERTY_LENGTHS,
                vec![(cac, "AdditionalItemProperty")],
            ),
            (
                lengths::SUPPORTING_DOCUMENT_LENGTHS,
                vec![(cac, "AdditionalDocumentReference")],
            ),
            (
                lengths::BILLING_REFERENCE_LENGTHS,
                vec![(cac, "BillingReference")],
            ),
            (reasons, vec![(cac, "AllowanceCharge")]),
        ];
        let mut expected = Vec::new();
        for (rules, context) in &contexts {
            for &(id, steps, _) in rules.iter() {
                let mut parents = context.clone();
                let mut repeats = false;
                for &(ns, local) in steps {
                    let child = (table_ns(ns), local);
                    assert!(max_occurs(&parents, child) > 0, "{id}: {local}");
                    repeats |= max_occurs(&parents, child) > 1;
                    parents = vec![child];
                }
                if repeats {
                    expected.push(id);
                }
            }
        }
        expected.sort_unstable();
        assert_eq!(REPEATABLE_PATHS, expected.as_slice());
    }

    #[test]
    fn the_bounds_are_those_of_the_rules_in_order() {
        let tables: [(&[LengthRule], &[Bound]); 6] = [
            (lengths::ROOT_LENGTHS, &ROOT_BOUNDS),
            (lengths::PAYMENT_MEANS_LENGTHS, &PAYMENT_MEANS_BOUNDS),
            (lengths::LINE_LENGTHS, &LINE_BOUNDS),
            (lengths::ITEM_PROPERTY_LENGTHS, &ITEM_PROPERTY_BOUNDS),
            (
                lengths::SUPPORTING_DOCUMENT_LENGTHS,
                &SUPPORTING_DOCUMENT_BOUNDS,
            ),
            (
                lengths::BILLING_REFERENCE_LENGTHS,
                &BILLING_REFERENCE_BOUNDS,
            ),
        ];
        for (rules, bounds) in tables {
            assert_eq!(rules.len(), bounds.len());
            for (&(id, steps, max), bound) in rules.iter().zip(bounds) {
                assert_eq!(usize::from(bound.max), max, "{id}");
                let group = match steps.last() {
                    Some(&(ns, local)) if ns == B => name_group(local),
                    _ => NAME_GROUPS,
                };
                assert_eq!(usize::from(bound.group), group, "{id}");
            }
        }
    }

    #[test]
    fn values_already_normalized_are_told_apart() {
        for s in [
            "", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "RO-B", "x\n",
        ] {
            assert_eq!(is_normalized(s), normalize_space(s) == s, "{s:?}");
        }
    }
}
