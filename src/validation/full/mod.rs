//! Full validation: the quick (XSD-equivalent) checks plus every rule of ANAF's validation
//! bundle 1.0.9: the EN 16931 rules (`en`, 976 ids: 277 fatal, 699 warnings) and the CIUS-RO rules
//! (`ro`, 122 ids), with the firing semantics of the official Schematron run by Saxon.
//!
//! The rules run over an in-memory tree (`doc`), built with the same hostile-input bounds as the
//! quick validator. A document that cannot be parsed gets only the quick findings (they already
//! say why); the rules need a tree.
//!
//! Speed: the bytes are parsed once. Quick validation builds the tree on its way through the
//! document (`tree_builder`); only when that pass stops early (not well-formed, wrong root,
//! findings limit...) is the tree parsed separately with [`doc::Doc::parse`], which gives the
//! same tree by construction. `benches/full.rs` and `scripts/bench-full` measure it.

pub mod doc;
pub mod en;
pub mod name;
pub mod query;
pub mod ro;
pub(crate) mod tree_builder;
pub mod xpath;

use crate::validation::quick::position::LineCursor;
use crate::validation::quick::{messages, validate_quick_with_tree};
use crate::validation::{Finding, Flag, Limits, Report};

use std::borrow::Cow;

use doc::Doc;

/// Validates one document: quick findings first, then the CIUS-RO findings in document order.
///
/// Where ANAF's official XSLT aborts on a document with a dynamic XPath error (a length rule
/// whose path selects several nodes, e.g. two `cbc:PaymentID` in one `cac:PaymentMeans`; see
/// `cius-ro/RULES.md` quirk 5), we do not fail: each selected node is checked separately and the
/// rule fires once for its context when any of them is too long. Such documents also break an
/// XSD or EN 16931 cardinality rule in most cases, which is what the user needs to fix.
pub fn validate_full(bytes: &[u8], limits: &Limits) -> Report {
    // One parse: quick validation builds the tree on the way when it reads the whole document.
    let (mut findings, tree) = validate_quick_with_tree(bytes, limits);
    if findings.len() >= limits.max_findings {
        return Report { findings };
    }
    // The rules only run on documents an XML parser accepts: quick validation is stricter than
    // our tree builder on a few well-formedness points (`]]>` in text, a misplaced XML
    // declaration, non-UTF-8 bytes), and the official engine would not have parsed those.
    if findings.iter().any(is_not_xml) {
        return Report { findings };
    }
    let Some(doc) = tree.or_else(|| Doc::parse(bytes, limits).ok()) else {
        return Report { findings };
    };
    // Line and column are worked out from the bytes for the nodes findings name only.
    let mut lines = LineCursor::new(bytes);
    // Both rule sets look paths up from the root and switch on the elements' names: the root's
    // children are grouped by name and the names classified once, for both.
    let shared = en::Shared::new(&doc);
    let ro_found = ro::check_with(&doc, shared.root_children(), shared.kinds());
    let en_hits = en::check_with(&doc, &shared);
    // Where the official transform would stop, that comes first: it is all ANAF answers.
    let hits = ro_found
        .repeated
        .iter()
        .map(Hit::Stops)
        .chain(ro_found.hits.iter().map(Hit::Ro))
        .chain(en_hits.iter().map(Hit::En));
    for hit in hits {
        if findings.len() >= limits.max_findings {
            // Same convention as quick validation: one more finding says we stopped.
            findings.push(messages::too_many(limits.max_findings));
            break;
        }
        findings.push(match hit {
            Hit::Stops(hit) => stop_finding(&doc, hit, &mut lines),
            Hit::Ro(hit) => ro_finding(&doc, hit, &mut lines),
            Hit::En(hit) => en_finding(&doc, hit, &mut lines),
        });
    }
    Report { findings }
}

/// A rule that fired, from either rule set, or one the official transform stops at.
enum Hit<'h> {
    /// A CIUS-RO length rule whose path selects several nodes ([`ro::Found::repeated`]).
    Stops(&'h ro::Repeated),
    Ro(&'h ro::Hit),
    En(&'h en::Hit),
}

/// The rule id of a finding where ANAF's validator stops with an XPath error: the error's
/// code (a one-value function given several values), as Saxon names it.
pub const STOPS_RULE: &str = "XPTY0004";

/// The CIUS-RO rule ids present in `report` (deduplicated, sorted): for comparisons.
pub fn cius_ro_ids(report: &Report) -> Vec<String> {
    let mut ids: Vec<String> = report
        .findings
        .iter()
        .filter(|f| ro::official_message(&f.rule).is_some())
        .map(|f| f.rule.clone())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The official wording of a finding, without spvdesk's explanation: what ANAF's own validator
/// prints for it (CIUS-RO rules as `Romanian#English`, EN 16931 rules in English, everything else
/// as our message). The ANAF sandbox answers with it.
pub fn official_text(finding: &Finding) -> String {
    let strip = |message: &str, ours: &str| {
        message
            .strip_suffix(ours)
            .and_then(|m| m.strip_suffix(" — "))
            .unwrap_or(message)
            .to_owned()
    };
    if let Some((ours_ro, ours_en)) = ro::explanations::explanation(&finding.rule) {
        return format!(
            "{}#{}",
            strip(&finding.message_ro, ours_ro),
            strip(&finding.message_en, ours_en)
        );
    }
    if en::rule(&finding.rule).is_some() {
        return match en::explanations::explanation(&finding.rule) {
            Some((_, ours_en)) => strip(&finding.message_en, &ours_en),
            None => finding.message_en.clone(),
        };
    }
    finding.message_en.clone()
}

/// Whether a quick finding says the bytes are not (readable) XML. Compared against the quick
/// validator's own message templates (a marker stands for the variable part), so a rewording
/// there cannot silently break this check.
fn is_not_xml(finding: &Finding) -> bool {
    const MARK: &str = "\u{1}";
    let templates = [
        messages::not_xml(messages::At::default(), MARK).message_en,
        messages::not_utf8(messages::At::default(), MARK).message_en,
    ];
    templates.iter().any(|t| {
        let (head, tail) = t.split_once(MARK).unwrap_or((t.as_str(), ""));
        finding.message_en.starts_with(head) && finding.message_en.ends_with(tail)
    })
}

fn ro_finding(doc: &Doc, hit: &ro::Hit, lines: &mut LineCursor<'_>) -> Finding {
    let texts = ro::texts(hit.id).unwrap_or(ro::Texts {
        official: ("", ""),
        ours: ("", ""),
    });
    let ((official_ro, official_en), (ours_ro, ours_en)) = (texts.official, texts.ours);
    let name = doc.display_name(hit.context);
    // Only some messages quote the value; the root's string value can be megabytes.
    let value = if official_en.contains("{value}") || official_ro.contains("{value}") {
        doc.value(hit.context)
    } else {
        Cow::Borrowed("")
    };
    let (line, column) = lines.locate(doc.node(hit.at).offset as usize);
    Finding {
        rule: hit.id.to_owned(),
        flag: Flag::Fatal,
        location: doc.path(hit.at),
        line: Some(line),
        column: Some(column),
        message_ro: ro_message(official_ro, &name, &value, ours_ro),
        message_en: ro_message(official_en, &name, &value, ours_en),
    }
}

/// `official` with `{name}` and `{value}` filled in, then ` — ` and `ours`, written once into
/// a string of the right size (two `replace`s and a `format!` copied it three times).
fn ro_message(official: &str, name: &str, value: &str, ours: &str) -> String {
    const SEPARATOR: &str = " — ";
    let mut out = String::with_capacity(
        official.len() + name.len() + value.len() + SEPARATOR.len() + ours.len(),
    );
    let mut rest = official;
    while let Some(at) = rest.find('{') {
        let (text, tail) = rest.split_at(at);
        out.push_str(text);
        rest = if let Some(after) = tail.strip_prefix("{name}") {
            out.push_str(name);
            after
        } else if let Some(after) = tail.strip_prefix("{value}") {
            out.push_str(value);
            after
        } else {
            out.push('{');
            &tail[1..]
        };
    }
    out.push_str(rest);
    out.push_str(SEPARATOR);
    out.push_str(ours);
    out
}

/// ANAF's validator stops on the document: the path of a CIUS-RO length rule selects several
/// nodes, `stop.at` the second.
fn stop_finding(doc: &Doc, stop: &ro::Repeated, lines: &mut LineCursor<'_>) -> Finding {
    let (line, column) = lines.locate(doc.node(stop.at).offset as usize);
    let (rule, path, count) = (stop.id, stop.path(), stop.count(doc));
    let context = doc.path(stop.context);
    Finding {
        rule: STOPS_RULE.to_owned(),
        flag: Flag::Fatal,
        location: doc.path(stop.at),
        line: Some(line),
        column: Some(column),
        message_ro: format!(
            "Validatorul ANAF se oprește la acest document: regula {rule} citește o singură \
             valoare din {path} (sub {context}) și găsește {count} (eroare XPath XPTY0004), iar \
             ANAF respinge factura fără alte rezultate. Păstrați un singur {path} acolo."
        ),
        message_en: format!(
            "ANAF's validator stops on this document: rule {rule} reads one value of {path} \
             (below {context}) and finds {count} (XPath error XPTY0004), and ANAF rejects the \
             invoice with no other result. Keep one {path} there."
        ),
    }
}

fn en_finding(doc: &Doc, hit: &en::Hit, lines: &mut LineCursor<'_>) -> Finding {
    let (flag, official) = en::rule(hit.id).unwrap_or((Flag::Fatal, ""));
    let (line, column) = lines.locate(doc.node(hit.at).offset as usize);
    let mut location = doc.path(hit.at);
    if let Some(attr) = hit.attr {
        location.push_str("/@");
        location.push_str(attr);
    }
    // ANAF publishes the EN 16931 texts in English only; ours follow in each language.
    let (message_ro, message_en) = match en::explanations::explanation(hit.id) {
        Some((ro, en)) => (format!("{official} — {ro}"), format!("{official} — {en}")),
        None => (official.to_owned(), official.to_owned()),
    };
    Finding {
        rule: hit.id.to_owned(),
        flag,
        location,
        line: Some(line),
        column: Some(column),
        message_ro,
        message_en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "<?xml version=\"1.0\"?>\n<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\n  <cbc:ID>ABC</cbc:ID>\n  <cbc:IssueDate>2024-02-30</cbc:IssueDate>\n</Invoice>";

    #[test]
    fn ro_findings_carry_location_and_both_messages() {
        let report = validate_full(BASE.as_bytes(), &Limits::default());
        let ids = cius_ro_ids(&report);
        for id in ["BR-RO-001", "BR-RO-010", "BR-RO-DT001", "BR-RO-030"] {
            assert!(ids.iter().any(|i| i == id), "{id} missing from {ids:?}");
        }
        let date = report
            .findings
            .iter()
            .find(|f| f.rule == "BR-RO-DT001")
            .unwrap();
        assert_eq!(date.location, "/Invoice/cbc:IssueDate");
        assert_eq!((date.line, date.column), (Some(4), Some(3)));
        assert!(date.message_en.contains("cbc:IssueDate = '2024-02-30'"));
        assert!(date.message_en.contains("YYYY-MM-DD (10 characters"));
        assert!(date.message_ro.contains("AAAA-LL-ZZ"));
        assert_eq!(date.flag, Flag::Fatal);
    }

    #[test]
    fn findings_stop_at_the_limit() {
        let limits = Limits {
            max_findings: 1,
            ..Limits::default()
        };
        let report = validate_full(BASE.as_bytes(), &limits);
        assert!(report.findings.len() <= 2);
        assert!(
            report
                .findings
                .last()
                .unwrap()
                .message_en
                .contains("Too many")
        );
    }

    #[test]
    fn a_length_rule_path_selecting_two_nodes_says_where_anaf_stops() {
        let party = |names: &str| {
            BASE.replace(
                "</Invoice>",
                &format!(
                    "<cac:TaxRepresentativeParty xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\">{names}</cac:TaxRepresentativeParty></Invoice>"
                ),
            )
        };
        let name = "<cac:PartyName><cbc:Name>R</cbc:Name></cac:PartyName>";
        let stops = |xml: &str| {
            validate_full(xml.as_bytes(), &Limits::default())
                .findings
                .into_iter()
                .filter(|f| f.rule == STOPS_RULE)
                .collect::<Vec<_>>()
        };
        assert!(stops(&party(name)).is_empty());
        let xml = party(&name.repeat(2));
        let found = stops(&xml);
        assert_eq!(found.len(), 1, "{found:?}");
        let stop = &found[0];
        assert_eq!(stop.flag, Flag::Fatal);
        assert_eq!(
            stop.location,
            "/Invoice/cac:TaxRepresentativeParty/cac:PartyName/cbc:Name"
        );
        // Line and column name the second cbc:Name (the path has no positions).
        let second = xml.rfind("<cbc:Name>").unwrap();
        let line_start = xml[..second].rfind('\n').map_or(0, |i| i + 1);
        let line = xml[..second].matches('\n').count() + 1;
        let column = xml[line_start..second].chars().count() + 1;
        let at = (
            stop.line.map(|l| l as usize),
            stop.column.map(|c| c as usize),
        );
        assert_eq!(at, (Some(line), Some(column)));
        assert!(
            stop.message_en.contains("BR-RO-L206")
                && stop
                    .message_en
                    .contains("cac:TaxRepresentativeParty/cac:PartyName/cbc:Name")
                && stop.message_en.contains("finds 2"),
            "{}",
            stop.message_en
        );
        assert!(stop.message_ro.contains("găsește 2"), "{}", stop.message_ro);
    }

    #[test]
    fn unparsable_input_gives_only_quick_findings() {
        let report = validate_full(b"<Invoice", &Limits::default());
        assert!(!report.is_valid());
        assert!(cius_ro_ids(&report).is_empty());
        // Parsable by the tree builder, refused by quick validation: no rules either.
        let text = BASE.replace("ABC", "A]]>B");
        let report = validate_full(text.as_bytes(), &Limits::default());
        assert!(report.findings.iter().any(is_not_xml));
        assert!(cius_ro_ids(&report).is_empty());
    }
}
