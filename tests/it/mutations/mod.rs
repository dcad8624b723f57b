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

/// Fixed, so the corpus is the same on every run; printed by the harness.
pub const SEED: u64 = 0x5EED_2026_1104;
/// How many mutated documents to make.
pub const COUNT: usize = 440;

pub struct Mutant {
    pub name: String,
    /// The mutations applied, in order.
    pub description: String,
    pub text: String,
}

/// The valid Romanian bases: the ANAF-accepted invoices, phive's 1.0.9 examples but the one
/// phive calls "too buggy", and two of the OCA credit-note fixtures (Invoice documents with
/// negative values: one with a negative price, which fires BR-CO-25, one with negative
/// quantities, which is valid), so both sign conventions get mutated.
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
    files
        .into_iter()
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            (stem, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}
/// Makes `COUNT` mutated documents from `bases`, deterministically.
pub fn generate(bases: &[(String, String)], ctx: &Ctx) -> Vec<Mutant> {
    let mut rng = Rng::new(SEED);
    let mut out = Vec::with_capacity(COUNT);
    let mut index = 0usize;
    while out.len() < COUNT && index < COUNT * 4 {
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
            name: format!("m{:03}_{stem}.xml", out.len()),
            description: labels.join(" + "),
            text,
        });
    }
    out
}
