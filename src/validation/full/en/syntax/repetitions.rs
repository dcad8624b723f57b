//! The UBL-SR rules of the contexts below the root: "shall occur maximum once" counts.

use super::{hit, values};
use crate::validation::full::doc::{Doc, NS_CAC, NS_CBC, NSID_CAC, NSID_CBC, NodeId};
use crate::validation::full::en::Hit;
use crate::validation::full::query::Path;

/// How many nodes the relative path `steps` selects from `node`.
fn count(doc: &Doc, node: NodeId, steps: Path<'_>) -> usize {
    match steps {
        [] => 1,
        [(ns, local)] => doc.count_in(node, *ns, local),
        [(ns, local), rest @ ..] => doc
            .children_in(node, *ns, local)
            .map(|c| count(doc, c, rest))
            .sum(),
    }
}

fn at_most_once(doc: &Doc, node: NodeId, steps: Path<'_>, id: &'static str, out: &mut Vec<Hit>) {
    if count(doc, node, steps) > 1 {
        out.push(hit(id, node));
    }
}

/// Context `cac:AccountingSupplierParty/cac:Party`: UBL-SR-42 `count(cac:PartyTaxScheme) <= 2`.
pub fn supplier_party(doc: &Doc, node: NodeId, out: &mut Vec<Hit>) {
    let under_supplier = doc
        .parent(node)
        .is_some_and(|p| doc.is_in(p, NSID_CAC, "AccountingSupplierParty"));
    if under_supplier && doc.count_in(node, NSID_CAC, "PartyTaxScheme") > 2 {
        out.push(hit("UBL-SR-42", node));
    }
}

/// Context `cac:AdditionalDocumentReference`: UBL-SR-33, UBL-SR-43.
pub fn supporting_document(doc: &Doc, node: NodeId, out: &mut Vec<Hit>) {
    at_most_once(
        doc,
        node,
        &[(NSID_CBC, "DocumentDescription")],
        "UBL-SR-33",
        out,
    );
    // `(cbc:DocumentTypeCode='130') or ((local-name(/*) = 'CreditNote') and
    // (cbc:DocumentTypeCode='50')) or (not(cbc:ID/@scheme) and not(cbc:DocumentTypeCode))`:
    // exact string comparisons, existential over repeated codes; `@scheme` (sic) is not
    // `@schemeID`.
    let code_is = |code: &str| {
        doc.children_in(node, NSID_CBC, "DocumentTypeCode")
            .any(|c| doc.value(c) == code)
    };
    let root_is_credit_note = doc.node(doc.root()).local == "CreditNote";
    let scheme = doc
        .children_in(node, NSID_CBC, "ID")
        .any(|id| values::attr(doc, id, "scheme").is_some());
    let ok = code_is("130")
        || (root_is_credit_note && code_is("50"))
        || (!scheme && !doc.exists_in(node, NSID_CBC, "DocumentTypeCode"));
    if !ok {
        out.push(hit("UBL-SR-43", node));
    }
}

/// Context `cac:Delivery`: UBL-SR-25.
pub fn delivery(doc: &Doc, node: NodeId, out: &mut Vec<Hit>) {
    at_most_once(
        doc,
        node,
        &[
            (NSID_CAC, "DeliveryParty"),
            (NSID_CAC, "PartyName"),
            (NSID_CBC, "Name"),
        ],
        "UBL-SR-25",
        out,
    );
}

/// Contexts `cac:AllowanceCharge[cbc:ChargeIndicator = false()]` (UBL-SR-30) and `[... =
/// true()]` (UBL-SR-31), both `count(cbc:AllowanceChargeReason) <= 1`.
///
/// The comparison casts each indicator to `xs:boolean` in document order. A value that does not
/// cast raises an error, which makes a match pattern not match (XSLT 3.0 §5.5.4), unless an
/// earlier indicator already decided the comparison.
pub fn allowance_charge(doc: &Doc, node: NodeId, out: &mut Vec<Hit>) {
    let matches = |wanted: bool| {
        for c in doc.children_in(node, NSID_CBC, "ChargeIndicator") {
            match crate::validation::full::xpath::boolean(&doc.value(c)) {
                Some(b) if b == wanted => return true,
                Some(_) => {}
                None => return false,
            }
        }
        false
    };
    let id = if matches(false) {
        "UBL-SR-30"
    } else if matches(true) {
        "UBL-SR-31"
    } else {
        return;
    };
    at_most_once(doc, node, &[(NSID_CBC, "AllowanceChargeReason")], id, out);
}

/// Context `cac:InvoiceLine | cac:CreditNoteLine`: UBL-SR-34..37, 48, 50, counted in one pass
/// over the line's children (and the few children below them the paths go through), not one
/// pass per path: a line has a dozen children.
pub fn line(doc: &Doc, node: NodeId, out: &mut Vec<Hit>) {
    // `cbc:Note`, `cac:OrderLineReference/cbc:LineID`, `cac:InvoicePeriod`,
    // `cac:Price/cac:AllowanceCharge/cbc:Amount`, `cac:Item/cac:ClassifiedTaxCategory`,
    // `cac:Item/cbc:Description`.
    let [
        mut notes,
        mut line_ids,
        mut periods,
        mut amounts,
        mut categories,
        mut descriptions,
    ] = [0usize; 6];
    for &c in doc.child_ids(node) {
        if doc.is_in(c, NSID_CBC, "Note") {
            notes += 1;
        } else if doc.ns_id(c) != NSID_CAC {
            continue;
        } else if doc.is_in(c, NSID_CAC, "Item") {
            categories += doc.count_in(c, NSID_CAC, "ClassifiedTaxCategory");
            descriptions += doc.count_in(c, NSID_CBC, "Description");
        } else if doc.is_in(c, NSID_CAC, "Price") {
            amounts += count(
                doc,
                c,
                &[(NSID_CAC, "AllowanceCharge"), (NSID_CBC, "Amount")],
            );
        } else if doc.is_in(c, NSID_CAC, "InvoicePeriod") {
            periods += 1;
        } else if doc.is_in(c, NSID_CAC, "OrderLineReference") {
            line_ids += doc.count_in(c, NSID_CBC, "LineID");
        }
    }
    let checks = [
        ("UBL-SR-34", notes > 1),
        ("UBL-SR-35", line_ids > 1),
        ("UBL-SR-36", periods > 1),
        ("UBL-SR-37", amounts > 1),
        ("UBL-SR-48", categories != 1),
        ("UBL-SR-50", descriptions > 1),
    ];
    for (id, fails) in checks {
        if fails {
            out.push(hit(id, node));
        }
    }
}

/// Context `cac:PayeeParty`: UBL-SR-19..21. Each is "at most one X" AND `(cac:PartyName/cbc:Name)
/// != (../cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName)`, a
/// general comparison that is false when either side is empty: all three fire for a payee
/// without a name, or when the supplier has no registration name, or when they are equal.
pub fn payee(doc: &Doc, node: NodeId, out: &mut Vec<Hit>) {
    let names = doc.select(node, &[(NS_CAC, "PartyName"), (NS_CBC, "Name")]);
    let seller_names = doc.parent(node).map_or_else(Vec::new, |p| {
        doc.select(
            p,
            &[
                (NS_CAC, "AccountingSupplierParty"),
                (NS_CAC, "Party"),
                (NS_CAC, "PartyLegalEntity"),
                (NS_CBC, "RegistrationName"),
            ],
        )
    });
    let differs = values::any_differs(doc, &names, &seller_names);
    if names.len() > 1 || !differs {
        out.push(hit("UBL-SR-19", node));
    }
    // `cbc:ID[upper-case(@schemeID) != 'SEPA']`: an ID without schemeID counts ("" != 'SEPA').
    let ids: usize = doc
        .children_in(node, NSID_CAC, "PartyIdentification")
        .flat_map(|p| doc.children_in(p, NSID_CBC, "ID"))
        .filter(|&id| !values::upper_attr_eq(values::attr(doc, id, "schemeID"), "SEPA"))
        .count();
    if ids > 1 || !differs {
        out.push(hit("UBL-SR-20", node));
    }
    if count(
        doc,
        node,
        &[(NSID_CAC, "PartyLegalEntity"), (NSID_CBC, "CompanyID")],
    ) > 1
        || !differs
    {
        out.push(hit("UBL-SR-21", node));
    }
}

/// Context `cac:PaymentMeans`: UBL-SR-26..28.
pub fn payment_means(doc: &Doc, node: NodeId, out: &mut Vec<Hit>) {
    at_most_once(doc, node, &[(NSID_CBC, "PaymentID")], "UBL-SR-26", out);
    at_most_once(
        doc,
        node,
        &[(NSID_CBC, "PaymentMeansCode")],
        "UBL-SR-27",
        out,
    );
    at_most_once(
        doc,
        node,
        &[(NSID_CAC, "PaymentMandate"), (NSID_CBC, "ID")],
        "UBL-SR-28",
        out,
    );
}

/// Context `cac:BillingReference`: UBL-SR-06 (at most one invoice reference), UBL-SR-07 (it has
/// an ID: `(cac:InvoiceDocumentReference/cbc:ID)`, so also fires when there is none at all).
pub fn billing_reference(doc: &Doc, node: NodeId, out: &mut Vec<Hit>) {
    at_most_once(
        doc,
        node,
        &[(NSID_CAC, "InvoiceDocumentReference")],
        "UBL-SR-06",
        out,
    );
    if count(
        doc,
        node,
        &[(NSID_CAC, "InvoiceDocumentReference"), (NSID_CBC, "ID")],
    ) == 0
    {
        out.push(hit("UBL-SR-07", node));
    }
}

/// Context `cac:TaxRepresentativeParty`: UBL-SR-22, 23. Both paths go through a `cac:Party`
/// child that UBL's tax representative does not have, so in practice they never fire; kept
/// exactly as published.
pub fn tax_representative(doc: &Doc, node: NodeId, out: &mut Vec<Hit>) {
    at_most_once(
        doc,
        node,
        &[
            (NSID_CAC, "Party"),
            (NSID_CAC, "PartyName"),
            (NSID_CBC, "Name"),
        ],
        "UBL-SR-22",
        out,
    );
    at_most_once(
        doc,
        node,
        &[
            (NSID_CAC, "Party"),
            (NSID_CAC, "PartyTaxScheme"),
            (NSID_CBC, "CompanyID"),
        ],
        "UBL-SR-23",
        out,
    );
}

/// Context `cac:TaxSubtotal`: UBL-SR-32.
pub fn tax_subtotal(doc: &Doc, node: NodeId, out: &mut Vec<Hit>) {
    at_most_once(
        doc,
        node,
        &[(NSID_CAC, "TaxCategory"), (NSID_CBC, "TaxExemptionReason")],
        "UBL-SR-32",
        out,
    );
}
