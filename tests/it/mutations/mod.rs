//! The mutation corpus of the acceptance harness: deterministic edits (fixed seed, splitmix64)
//! of the valid Romanian invoices, 1 to 3 mutations per document. See `kinds` for the catalogue
//! and `xml_edit` for how the text is edited.

pub mod groups;
pub mod kinds;
pub mod prng;
pub mod sch_paths;
pub mod xml_edit;

use std::path::Path;

use kinds::Ctx;
use prng::Rng;
use xml_edit::XmlDoc;

use crate::bundle_common::xml_files;

/// Fixed, so the corpus is the same on every run (CI's); printed by the harness.
pub const SEED: u64 = 0x5EED_2026_1104;
/// How many mutated documents to make.
pub const COUNT: usize = 440;

/// The seed of this run: [`SEED`], or `SPVDESK_FULL_MUTATION_SEED` (decimal or `0x` hex) to
/// explore other corpora by hand; a difference found that way is reproduced with the same value.
pub fn seed() -> u64 {
    std::env::var("SPVDESK_FULL_MUTATION_SEED")
        .ok()
        .and_then(|s| match s.strip_prefix("0x") {
            Some(hex) => u64::from_str_radix(&hex.replace('_', ""), 16).ok(),
            None => s.parse().ok(),
        })
        .unwrap_or(SEED)
}

/// The corpus size of this run: [`COUNT`], or `SPVDESK_FULL_MUTATION_COUNT` (never fewer).
pub fn count() -> usize {
    std::env::var("SPVDESK_FULL_MUTATION_COUNT")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(COUNT, |n: usize| n.max(COUNT))
}

pub struct Mutant {
    pub name: String,
    /// The mutations applied, in order.
    pub description: String,
    pub text: String,
}

/// The valid Romanian bases: the ANAF-accepted invoices, phive's 1.0.9 examples but the one
/// phive calls "too buggy", and two of the OCA credit-note fixtures (Invoice documents with
/// negative values: one with a negative price, which fires BR-CO-25, one with negative
/// quantities, which is valid), so both sign conventions get mutated; and a few credit notes
/// spvdesk writes itself.
pub fn bases(cius_ro: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for dir in ["oca-anaf-accepted", "phive-1.0.9"] {
        files.extend(
            xml_files(&cius_ro.join(dir), false)
                .into_iter()
                .filter(|p| p.file_name().is_some_and(|n| n != "ubl_b2g_example6.xml")),
        );
    }
    files.push(cius_ro.join("oca-fixtures/credit_note.xml"));
    files.push(cius_ro.join("oca-fixtures/credit_note_option.xml"));
    let mut bases: Vec<(String, String)> = files
        .into_iter()
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            (stem, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    bases.extend(generated_credit_notes());
    bases
}

/// How many of spvdesk's own credit notes join the bases.
const CREDIT_NOTES: usize = 4;

/// `CreditNote` documents as spvdesk writes them (the corpus has no Romanian one): the rules
/// that apply to invoices only, and the credit note's own paths (`cac:CreditNoteLine`,
/// `cbc:CreditedQuantity`), get mutated too.
fn generated_credit_notes() -> Vec<(String, String)> {
    crate::invoice_gen::generate(120)
        .iter()
        .filter(|doc| doc.kind == spvdesk::domain::DocumentKind::CreditNote)
        .take(CREDIT_NOTES)
        .enumerate()
        .map(|(i, doc)| {
            let xml = spvdesk::ubl::write_invoice(doc).expect("a generated credit note is written");
            let text = String::from_utf8(xml).expect("the writer writes UTF-8");
            (format!("spvdesk_credit_note{i}"), text)
        })
        .collect()
}
/// Makes [`count()`] mutated documents from `bases`, deterministically for one [`seed()`].
pub fn generate(bases: &[(String, String)], ctx: &Ctx) -> Vec<Mutant> {
    let count = count();
    let mut rng = Rng::new(seed());
    let mut out = Vec::with_capacity(count);
    let mut index = 0usize;
    while out.len() < count && index < count * 4 {
        let (stem, base) = &bases[index % bases.len()];
        index += 1;
        let wanted = match rng.below(100) {
            0..65 => 1,
            65..90 => 2,
            _ => 3,
        };
        let mut text = base.clone();
        let mut labels: Vec<String> = Vec::new();
        let mut attempts = 0;
        while labels.len() < wanted && attempts < 30 {
            attempts += 1;
            let Some(doc) = XmlDoc::parse(text.clone()) else {
                break;
            };
            let (kind, mutation) = kinds::pick_kind(&mut rng);
            let Some((label, edited)) = mutation(&mut rng, &doc, ctx) else {
                continue;
            };
            // Keep the documents well-formed and really changed.
            if edited != text && XmlDoc::parse(edited.clone()).is_some() {
                labels.push(format!("[{kind}] {label}"));
                text = edited;
            }
        }
        if labels.is_empty() {
            continue;
        }
        out.push(Mutant {
            name: format!("m{:04}_{stem}.xml", out.len()),
            description: labels.join(" + "),
            text,
        });
    }
    out
}
