//! The mutation catalogue: each kind picks a target in the document with the PRNG and returns a
//! label (for the diff output) and the edited text, or `None` when the document has no target
//! (the generator then draws another kind). The kinds aim at what the business rules look at:
//! presence, repetition, code values, number and date formats, lengths, the Invoice/CreditNote
//! split, the elements EN 16931 does not use (UBL-CR), namespaces and missing parents.

use super::groups::add_optional_group;
use super::prng::Rng;
use super::sch_paths::SchPath;
use super::xml_edit::XmlDoc;

/// What the harness knows from the official rules (see `sch_paths`).
pub struct Ctx {
    pub cr: Vec<SchPath>,
    pub sr: Vec<SchPath>,
}

pub type Edit = Option<(String, String)>;
pub type Mutation = fn(&mut Rng, &XmlDoc, &Ctx) -> Edit;

/// (name, weight, mutation).
pub const KINDS: &[(&str, u64, Mutation)] = &[
    ("remove", 8, remove_element),
    ("duplicate", 6, duplicate_element),
    ("code", 12, change_code),
    ("vat", 7, vat_category_everywhere),
    ("amount", 10, alter_amount),
    ("date", 5, alter_date),
    ("period", 3, add_period),
    ("length", 6, over_length),
    ("kind", 5, swap_document_kind),
    ("ubl-cr", 7, add_ubl_cr),
    ("repeat", 5, repeat_element),
    ("dt-attr", 3, add_dt_attribute),
    ("empty", 6, empty_element),
    ("space", 4, whitespace_around_code),
    ("ns", 3, wrong_namespace),
    ("unwrap", 3, unwrap_parent),
    ("group", 9, add_optional_group),
];

pub fn pick_kind(rng: &mut Rng) -> (&'static str, Mutation) {
    let total: u64 = KINDS.iter().map(|k| k.1).sum();
    let mut roll = rng.next_u64() % total;
    for &(name, weight, f) in KINDS {
        if roll < weight {
            return (name, f);
        }
        roll -= weight;
    }
    (KINDS[0].0, KINDS[0].2)
}

pub fn pick_id(rng: &mut Rng, ids: &[usize]) -> Option<usize> {
    (!ids.is_empty()).then(|| *rng.pick(ids))
}

fn non_root(doc: &XmlDoc) -> Vec<usize> {
    (1..doc.elements.len()).collect()
}

fn remove_element(rng: &mut Rng, doc: &XmlDoc, _: &Ctx) -> Edit {
    let id = pick_id(rng, &non_root(doc))?;
    Some((format!("remove {}", doc.get(id).qname), doc.remove(id)))
}

fn duplicate_element(rng: &mut Rng, doc: &XmlDoc, _: &Ctx) -> Edit {
    let id = pick_id(rng, &non_root(doc))?;
    Some((
        format!("duplicate {}", doc.get(id).qname),
        doc.duplicate(id),
    ))
}

const VAT_CATEGORIES: &[&str] = &[
    "S", "Z", "E", "AE", "K", "G", "O", "L", "M", "B", "X", "s", "",
];

/// (element locals, required parent local or "", attribute or "", values).
const CODE_TARGETS: &[(&[&str], &str, &str, &[&str])] = &[
    (&["ID"], "TaxCategory", "", VAT_CATEGORIES),
    (&["ID"], "ClassifiedTaxCategory", "", VAT_CATEGORIES),
    (&["ID"], "TaxScheme", "", &["VAT", "vat", "GST", "VAT "]),
    (
        &["DocumentCurrencyCode", "TaxCurrencyCode"],
        "",
        "",
        &["RON", "EUR", "USD", "XXX", "eur", "RO"],
    ),
    (&[], "", "currencyID", &["RON", "EUR", "USD", "ABC", "ron"]),
    (
        &[],
        "",
        "unitCode",
        &["C62", "H87", "KGM", "XYZ", "c62", ""],
    ),
    (
        &["IdentificationCode"],
        "Country",
        "",
        &["RO", "DE", "FR", "HU", "GB", "XI", "EL", "ZZ", "ro"],
    ),
    (
        &["PaymentMeansCode"],
        "",
        "",
        &[
            "1", "10", "30", "31", "42", "48", "49", "57", "58", "59", "97", "ZZZ", "999",
        ],
    ),
    (
        &["InvoiceTypeCode", "CreditNoteTypeCode"],
        "",
        "",
        &[
            "380", "381", "383", "384", "389", "751", "326", "386", "71", "999",
        ],
    ),
    (
        &["CountrySubentity"],
        "",
        "",
        &["RO-B", "RO-CJ", "RO-XX", "B", "RO-TM", "RO-IF"],
    ),
    (
        &["CityName"],
        "",
        "",
        &["SECTOR1", "SECTOR3", "SECTOR7", "Bucuresti", "sector 2"],
    ),
    (
        &[],
        "",
        "schemeID",
        &["9947", "0088", "EM", "0002", "XX", "", "0007"],
    ),
    (
        &["AllowanceChargeReasonCode"],
        "",
        "",
        &["95", "41", "100", "ZZZ", "SAA", "999"],
    ),
    (
        &["TaxExemptionReasonCode"],
        "",
        "",
        &[
            "VATEX-EU-O",
            "VATEX-EU-IC",
            "VATEX-EU-AE",
            "VATEX-EU-G",
            "BAD",
        ],
    ),
    (
        &["ChargeIndicator"],
        "",
        "",
        &["true", "false", "1", "0", "TRUE", " true "],
    ),
    (
        &["CustomizationID"],
        "",
        "",
        &[
            "urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.0",
            "urn:cen.eu:en16931:2017",
            "",
        ],
    ),
];

fn change_code(rng: &mut Rng, doc: &XmlDoc, _: &Ctx) -> Edit {
    let &(locals, parent, attr, values) = rng.pick(CODE_TARGETS);
    let value = *rng.pick(values);
    if attr.is_empty() {
        let ids: Vec<usize> = doc
            .by_locals(locals)
            .into_iter()
            .filter(|&i| parent.is_empty() || doc.parent_local(i) == parent)
            .filter(|&i| doc.get(i).children.is_empty())
            .collect();
        let id = pick_id(rng, &ids)?;
        let label = format!(
            "code {}/{}={value:?}",
            doc.parent_local(id),
            doc.get(id).qname
        );
        Some((label, doc.set_text(id, value)))
    } else {
        let ids: Vec<usize> = (0..doc.elements.len())
            .filter(|&i| doc.attr(i, attr).is_some())
            .collect();
        let id = pick_id(rng, &ids)?;
        let label = format!("code {}/@{attr}={value:?}", doc.get(id).qname);
        Some((label, doc.set_attr(id, attr, value)))
    }
}

/// Every VAT category code of the document set to one category, with a matching (or not)
/// rate and an exemption reason, so that the category families (BR-E-*, BR-AE-*, ...) see
/// coherent documents as well as broken ones.
fn vat_category_everywhere(rng: &mut Rng, doc: &XmlDoc, _: &Ctx) -> Edit {
    let category = *rng.pick(&["S", "Z", "E", "AE", "K", "G", "O", "L", "M", "B"]);
    let percent = *rng.pick(&["0", "0.00", "19", "9.00", "", "drop"]);
    let reason = *rng.pick(&[
        "",
        "",
        "VATEX-EU-O",
        "VATEX-EU-IC",
        "VATEX-EU-AE",
        "VATEX-EU-G",
        "text",
    ]);
    let reason_xml = match reason {
        "" => String::new(),
        "text" => "<cbc:TaxExemptionReason>Scutit</cbc:TaxExemptionReason>".to_owned(),
        code => format!("<cbc:TaxExemptionReasonCode>{code}</cbc:TaxExemptionReasonCode>"),
    };
    // Disjoint splices, applied from the end so that earlier offsets stay valid.
    let mut splices: Vec<(usize, usize, &str)> = Vec::new();
    for cat in doc.by_locals(&["TaxCategory", "ClassifiedTaxCategory"]) {
        if let Some(id) = doc.child(cat, "ID") {
            let e = doc.get(id);
            splices.push((e.open_end, e.close_start, category));
        }
        if let Some(p) = doc.child(cat, "Percent") {
            let e = doc.get(p);
            if percent == "drop" {
                splices.push((e.start, e.end, ""));
            } else {
                splices.push((e.open_end, e.close_start, percent));
            }
        }
        if !reason_xml.is_empty() && doc.get(cat).local == "TaxCategory" {
            let at = doc
                .child(cat, "TaxScheme")
                .map_or(doc.get(cat).close_start, |t| doc.get(t).start);
            splices.push((at, at, &reason_xml));
        }
    }
    if splices.is_empty() {
        return None;
    }
    splices.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut text = doc.text.clone();
    for (from, to, with) in splices {
        text.replace_range(from..to, with);
    }
    let label = format!("vat all={category} percent={percent:?} reason={reason:?}");
    Some((label, text))
}

fn alter_amount(rng: &mut Rng, doc: &XmlDoc, _: &Ctx) -> Edit {
    let ids: Vec<usize> = (0..doc.elements.len())
        .filter(|&i| {
            let e = doc.get(i);
            e.children.is_empty()
                && (doc.attr(i, "currencyID").is_some()
                    || [
                        "Percent",
                        "InvoicedQuantity",
                        "CreditedQuantity",
                        "BaseQuantity",
                        "MultiplierFactorNumeric",
                    ]
                    .contains(&e.local.as_str()))
        })
        .collect();
    let id = pick_id(rng, &ids)?;
    let old = doc.content(id).trim().to_owned();
    let x: f64 = old.parse().unwrap_or(0.0);
    let value = match rng.below(14) {
        0 | 1 => format!("{:.2}", x + 0.01),
        2 | 3 => format!("{:.2}", x - 0.01),
        4 | 5 => format!("{:.3}", x + 0.001),
        6 => format!("{:.2}", -x),
        7 => old
            .strip_prefix('-')
            .map_or(format!("-{old}"), str::to_owned),
        8 => "0".to_owned(),
        9 => format!(" {old} "),
        10 => format!("+{old}"),
        11 => format!("{}", x.round()),
        12 => (*rng.pick(&["abc", "12,50", "1e3", "", "1.2.3"])).to_owned(),
        _ => format!("{:.2}", x * 10.0),
    };
    let label = format!("amount {}: {old:?} -> {value:?}", doc.get(id).qname);
    Some((label, doc.set_text(id, &value)))
}

fn alter_date(rng: &mut Rng, doc: &XmlDoc, _: &Ctx) -> Edit {
    let ids: Vec<usize> = doc
        .leaves()
        .into_iter()
        .filter(|&i| doc.get(i).local.ends_with("Date"))
        .collect();
    let id = pick_id(rng, &ids)?;
    let value = *rng.pick(&[
        "2023-02-30",
        "2023-13-01",
        "20231216",
        "2023-12-16Z",
        "2023-12-16+02:00",
        "16.12.2023",
        "2024-02-29",
        " 2023-12-16 ",
        "",
        "1999-01-01",
        "2099-12-31",
    ]);
    let label = format!("date {}={value:?}", doc.get(id).qname);
    Some((label, doc.set_text(id, value)))
}

/// An invoicing period (document or line level): reversed, equal, half or empty.
fn add_period(rng: &mut Rng, doc: &XmlDoc, _: &Ctx) -> Edit {
    let (start, end, code) = *rng.pick(&[
        ("2023-12-31", "2023-12-01", ""),
        ("2023-12-01", "2023-12-01", ""),
        ("2023-12-01", "2023-12-31", "35"),
        ("2023-12-01", "", ""),
        ("", "2023-12-31", "3"),
        ("", "", "432"),
        ("", "", ""),
        ("2023-12-31", "2023-12-01", "1"),
    ]);
    let mut xml = String::from("<cac:InvoicePeriod>");
    if !start.is_empty() {
        xml += &format!("<cbc:StartDate>{start}</cbc:StartDate>");
    }
    if !end.is_empty() {
        xml += &format!("<cbc:EndDate>{end}</cbc:EndDate>");
    }
    if !code.is_empty() {
        xml += &format!("<cbc:DescriptionCode>{code}</cbc:DescriptionCode>");
    }
    xml += "</cac:InvoicePeriod>";
    let on_line = rng.chance(40);
    let anchor = if on_line {
        pick_id(rng, &doc.by_local("Item"))?
    } else {
        pick_id(rng, &doc.by_local("AccountingSupplierParty"))?
    };
    let label = format!("period line={on_line} start={start:?} end={end:?} code={code:?}");
    Some((label, doc.insert_before(anchor, &xml)))
}

const LENGTH_LOCALS: &[&str] = &[
    "Name",
    "RegistrationName",
    "StreetName",
    "AdditionalStreetName",
    "CityName",
    "PostalZone",
    "ID",
    "Note",
    "PaymentID",
    "Description",
    "Telephone",
    "ElectronicMail",
    "CompanyID",
    "BuyerReference",
    "AccountingCost",
    "Line",
    "CompanyLegalForm",
    "EndpointID",
    "CountrySubentity",
];

fn over_length(rng: &mut Rng, doc: &XmlDoc, _: &Ctx) -> Edit {
    let ids: Vec<usize> = doc
        .by_locals(LENGTH_LOCALS)
        .into_iter()
        .filter(|&i| doc.get(i).children.is_empty())
        .collect();
    let id = pick_id(rng, &ids)?;
    let n = *rng.pick(&[
        20usize, 21, 30, 31, 50, 51, 100, 101, 150, 151, 200, 201, 300, 301, 500, 501, 1000, 1001,
    ]);
    let unit = *rng.pick(&["a", "ș", "1"]);
    let mut value = unit.repeat(n);
    if rng.chance(20) {
        // Padding that normalize-space drops but string-length counts.
        value = format!("  {value}  ");
    }
    let label = format!(
        "length {}/{} = {n} x {unit:?}",
        doc.parent_local(id),
        doc.get(id).qname
    );
    Some((label, doc.set_text(id, &value)))
}

fn with_local(qname: &str, local: &str) -> String {
    match qname.split_once(':') {
        Some((prefix, _)) => format!("{prefix}:{local}"),
        None => local.to_owned(),
    }
}

/// Invoice → CreditNote, whole or in part (root only, lines only, type code only).
fn swap_document_kind(rng: &mut Rng, doc: &XmlDoc, _: &Ctx) -> Edit {
    let (root, lines, type_code, quantity) = *rng.pick(&[
        (true, true, true, true),
        (true, true, true, true),
        (true, false, false, false),
        (false, true, false, true),
        (false, false, true, false),
        (true, true, true, false),
    ]);
    let to_cn = doc.get(0).local == "Invoice";
    let swap = |local: &str| -> Option<&'static str> {
        let pairs = [
            ("Invoice", "CreditNote", root),
            ("InvoiceLine", "CreditNoteLine", lines),
            ("InvoiceTypeCode", "CreditNoteTypeCode", type_code),
            ("InvoicedQuantity", "CreditedQuantity", quantity),
        ];
        pairs.iter().find_map(|&(inv, cn, on)| {
            let (from, to) = if to_cn { (inv, cn) } else { (cn, inv) };
            (on && local == from).then_some(to)
        })
    };
    let renames: Vec<(usize, String)> = (0..doc.elements.len())
        .filter(|&i| i == 0 || doc.get(i).local != doc.get(0).local)
        .filter_map(|i| swap(&doc.get(i).local).map(|l| (i, with_local(&doc.get(i).qname, l))))
        .collect();
    if renames.is_empty() {
        return None;
    }
    let refs: Vec<(usize, &str)> = renames.iter().map(|(i, q)| (*i, q.as_str())).collect();
    let mut text = doc.rename_many(&refs);
    if root {
        let (from, to) = if to_cn {
            ("xsd:Invoice-2", "xsd:CreditNote-2")
        } else {
            ("xsd:CreditNote-2", "xsd:Invoice-2")
        };
        // The root's start tag, renamed above ("CreditNote" is 3 bytes longer than "Invoice");
        // its namespace (and any schemaLocation naming it) moves with it.
        let mut head_end = (doc.get(0).open_end + 3).min(text.len());
        while !text.is_char_boundary(head_end) {
            head_end += 1;
        }
        let head = text[..head_end].replacen(from, to, 2);
        text = format!("{head}{}", &text[head_end..]);
    }
    let label =
        format!("kind to_cn={to_cn} root={root} lines={lines} type={type_code} qty={quantity}");
    Some((label, text))
}

/// Adds what 1 to 4 UBL-CR rules forbid, along their own paths (creating missing parents).
fn add_ubl_cr(rng: &mut Rng, doc: &XmlDoc, ctx: &Ctx) -> Edit {
    let n = 1 + rng.below(4);
    apply_paths(rng, doc, &ctx.cr, n)
}

/// Repeats what a UBL-SR rule allows once (or twice), creating missing parents.
fn repeat_element(rng: &mut Rng, doc: &XmlDoc, ctx: &Ctx) -> Edit {
    apply_paths(rng, doc, &ctx.sr, 1)
}

fn apply_paths(rng: &mut Rng, doc: &XmlDoc, paths: &[SchPath], n: usize) -> Edit {
    if paths.is_empty() {
        return None;
    }
    let mut text: Option<String> = None;
    let mut ids = Vec::new();
    for _ in 0..n {
        let path = rng.pick(paths);
        let current = match &text {
            Some(t) => XmlDoc::parse(t.clone())?,
            None => XmlDoc::parse(doc.text.clone())?,
        };
        if let Some(edited) = path.apply(rng, &current) {
            text = Some(edited);
            ids.push(format!(
                "{} ({} x{})",
                path.id,
                path.steps.join("/"),
                path.copies
            ));
        }
    }
    Some((ids.join(", "), text?))
}

/// One of the attributes UBL-DT-08..28 forbid, on a random element.
fn add_dt_attribute(rng: &mut Rng, doc: &XmlDoc, _: &Ctx) -> Edit {
    let attr = *rng.pick(&[
        "schemeName",
        "schemeAgencyName",
        "schemeDataURI",
        "schemeURI",
        "format",
        "unitCodeListIdentifier",
        "listAgencyName",
        "listName",
        "name",
        "languageID",
        "listURI",
        "uri",
        "currencyCodeListVersionID",
        "characterSetCode",
        "encodingCode",
        "schemeAgencyID",
        "listAgencyID",
        "listID",
        "schemeID",
        "listSchemeURI",
        "languageLocaleID",
        "unitCodeListAgencyIdentifier",
        "unitCodeListAgencyName",
    ]);
    let ids: Vec<usize> = if rng.chance(50) {
        doc.leaves()
    } else {
        non_root(doc)
    };
    let id = pick_id(rng, &ids)?;
    Some((
        format!("dt-attr {}/@{attr}", doc.get(id).qname),
        doc.set_attr(id, attr, "x"),
    ))
}

fn empty_element(rng: &mut Rng, doc: &XmlDoc, _: &Ctx) -> Edit {
    let id = pick_id(rng, &doc.leaves())?;
    let short = rng.chance(40);
    let text = if short {
        doc.self_close(id)
    } else {
        doc.set_text(id, "")
    };
    Some((format!("empty {} short={short}", doc.get(id).qname), text))
}

fn whitespace_around_code(rng: &mut Rng, doc: &XmlDoc, _: &Ctx) -> Edit {
    let ids: Vec<usize> = doc
        .leaves()
        .into_iter()
        .filter(|&i| {
            let e = doc.get(i);
            e.local.ends_with("Code") || e.local == "ID" || e.local == "ChargeIndicator"
        })
        .collect();
    let id = pick_id(rng, &ids)?;
    let old = doc.content(id).to_owned();
    let value = match rng.below(4) {
        0 => format!(" {old} "),
        1 => format!("\n  {old}\n"),
        2 => format!("\t{old}"),
        _ => format!("{old} "),
    };
    Some((
        format!("space {}={value:?}", doc.get(id).qname),
        doc.set_text(id, &value),
    ))
}

fn wrong_namespace(rng: &mut Rng, doc: &XmlDoc, _: &Ctx) -> Edit {
    let id = pick_id(rng, &non_root(doc))?;
    let e = doc.get(id);
    let qname = match rng.below(3) {
        0 if e.qname.starts_with("cbc:") => format!("cac:{}", e.local),
        0 => format!("cbc:{}", e.local),
        1 => e.local.clone(),
        _ => format!("q:{}", e.local),
    };
    let mut text = doc.rename(id, &qname);
    if qname.starts_with("q:") {
        let again = XmlDoc::parse(text)?;
        text = again.set_attr(id, "xmlns:q", "urn:example:not-ubl");
    }
    Some((format!("ns {} -> {qname}", e.qname), text))
}

fn unwrap_parent(rng: &mut Rng, doc: &XmlDoc, _: &Ctx) -> Edit {
    let ids: Vec<usize> = (1..doc.elements.len())
        .filter(|&i| !doc.get(i).children.is_empty())
        .collect();
    let id = pick_id(rng, &ids)?;
    Some((format!("unwrap {}", doc.get(id).qname), doc.unwrap(id)))
}
