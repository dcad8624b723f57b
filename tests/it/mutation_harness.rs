//! Acceptance test of issue #4 (3 of 3): a deterministic mutation corpus (see `mutations`) of
//! the valid Romanian invoices, judged by one oracle run (profile `anaf`, `--no-xsd`): on every
//! mutated document where the official XSLT completes, our `id:flag` set equals the oracle's.
//! Knobs: `SPVDESK_COMPARE_ONLY`, `SPVDESK_SHOW` (see `bundle_common`), and
//! `SPVDESK_KEEP_MUTANTS=<dir>` to keep the generated documents (with `mutations.tsv`: file →
//! mutations applied) (e.g. to pass them to
//! `bundle_vs_oracle` with `EN_EXTRA_CASES`); by default they go to a temporary folder.
//! `SPVDESK_FULL_MUTATION_SEED` and `SPVDESK_FULL_MUTATION_COUNT` explore other corpora by hand
//! (CI runs the fixed seed).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::bundle_common::{
    Scope, assert_stops_agree, compare, conformance_dir, oracle_python, print_report, run_oracle,
    skip,
};
use crate::mutations::{self, Mutant, count, kinds::KINDS, seed};

const TEST: &str = "mutation_harness";
const MIN_GENERATED: usize = 400;
const MIN_COMPARED: usize = 300;

fn corpus() -> Option<Vec<Mutant>> {
    let base = conformance_dir();
    let cius_ro = base.join("testcases/cius-ro");
    if !cius_ro.is_dir() {
        skip(TEST, &format!("{} does not exist", cius_ro.display()));
        return None;
    }
    let ctx = mutations::sch_paths::load_ctx(&base.join("cius-ro/schematron"));
    assert!(
        ctx.cr.len() > 600,
        "UBL-CR paths not found: {}",
        ctx.cr.len()
    );
    assert!(
        ctx.sr.len() > 30,
        "UBL-SR paths not found: {}",
        ctx.sr.len()
    );
    Some(mutations::generate(&mutations::bases(&cius_ro), &ctx))
}

#[test]
fn mutation_corpus_is_deterministic_and_varied() {
    let Some(first) = corpus() else {
        return;
    };
    let second = corpus().unwrap();
    assert_eq!(first.len(), count());
    assert!(first.len() >= MIN_GENERATED);
    let same = first
        .iter()
        .zip(&second)
        .all(|(a, b)| a.name == b.name && a.text == b.text);
    assert!(
        same,
        "the corpus differs between two runs with seed {:#x}",
        seed()
    );
    let names: BTreeSet<&str> = first.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names.len(), first.len(), "file names collide");
    // Every kind of mutation is in the corpus, and so are mixes.
    let mut per_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &first {
        for (kind, _, _) in KINDS {
            if m.description.contains(&format!("[{kind}]")) {
                *per_kind.entry(kind).or_default() += 1;
            }
        }
    }
    eprintln!(
        "seed {:#x}: {} documents, per kind {per_kind:?}",
        seed(),
        first.len()
    );
    assert_eq!(per_kind.len(), KINDS.len(), "a kind is never used");
    assert!(
        first
            .iter()
            .filter(|m| m.description.contains(" + "))
            .count()
            > 50
    );
}

#[test]
fn mutated_documents_match_the_oracle() {
    let Some(python) = oracle_python(TEST) else {
        return;
    };
    let Some(mutants) = corpus() else {
        return;
    };
    eprintln!("{TEST}: seed {:#x}, {} documents", seed(), mutants.len());
    assert!(mutants.len() >= MIN_GENERATED);
    let temp = tempfile::tempdir().unwrap();
    let dir: PathBuf = std::env::var_os("SPVDESK_KEEP_MUTANTS")
        .map_or_else(|| temp.path().to_path_buf(), PathBuf::from);
    std::fs::create_dir_all(&dir).unwrap();
    // A kept folder may hold an older corpus: drop our own earlier files (`mNNNN_*.xml`) only.
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = file_name(&path);
        let ours = name.ends_with(".xml")
            && name.starts_with('m')
            && name
                .get(1..5)
                .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
        if ours {
            std::fs::remove_file(&path).unwrap();
        }
    }
    let mut descriptions: BTreeMap<String, String> = BTreeMap::new();
    for m in &mutants {
        std::fs::write(dir.join(&m.name), &m.text).unwrap();
        descriptions.insert(m.name.clone(), m.description.clone());
    }
    // What each document is, for whoever reads the kept folder (the oracle reads only .xml).
    let index: String = mutants
        .iter()
        .map(|m| format!("{}\t{}\n", m.name, m.description))
        .collect();
    std::fs::write(dir.join("mutations.tsv"), index).unwrap();
    eprintln!("{TEST}: documents written to {}", dir.display());
    let scope = Scope::from_env();
    let lines = run_oracle(&python, std::slice::from_ref(&dir));
    let ours_only: Vec<_> = lines
        .iter()
        .filter(|l| !descriptions.contains_key(&file_name(&l.file)))
        .collect();
    assert!(ours_only.is_empty(), "the folder holds other files");
    let result = compare(&lines, &scope);
    let describe = |path: &Path| {
        descriptions
            .get(&file_name(path))
            .map_or(String::new(), |d| format!(" ({d})"))
    };
    print_report(TEST, &scope, &result, &describe);
    // Which mutation kinds the differing documents went through: where to look first.
    let mut per_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &result.differences {
        let description = describe(&d.file);
        for (kind, _, _) in KINDS {
            if description.contains(&format!("[{kind}]")) {
                *per_kind.entry(kind).or_default() += 1;
            }
        }
    }
    if !per_kind.is_empty() {
        eprintln!("{TEST}: differing documents per mutation kind: {per_kind:?}");
    }
    assert!(
        result.compared >= MIN_COMPARED,
        "only {} documents compared (expected at least {MIN_COMPARED})",
        result.compared
    );
    assert!(
        result.differences.is_empty(),
        "{} mutated documents differ from the oracle",
        result.differences.len()
    );
    assert_stops_agree(TEST, &lines, &describe);
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
