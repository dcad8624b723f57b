//! Differential test: our CIUS-RO findings against the official rules run by the oracle
//! (Saxon over ANAF's XSLT, profile `ro-only`), per file, as SETS of rule ids.

use std::collections::BTreeSet;

use spvdesk::validation::full::ro;

use crate::bundle_common::{
    CaseDir, Scope, compare, corpus_folders, mutations_dir, oracle_setup, our_file_ids,
    print_report, run_oracle_with, skip,
};

const TEST: &str = "ro_vs_oracle";

/// Rules whose firing is compared with the oracle (all 122 CIUS-RO ids).
const IMPLEMENTED: &[&str] = &[
    "BR-RO-DT001",
    "BR-RO-DT002",
    "BR-RO-DT003",
    "BR-RO-DT003_CN",
    "BR-RO-DT004",
    "BR-RO-DT005",
    "BR-RO-DT006",
    "BR-27",
    "BR-RO-020_1",
    "BR-RO-020_2",
    "BR-RO-001",
    "BR-RO-A020",
    "BR-RO-L0201",
    "BR-RO-L0202",
    "BR-RO-L0203",
    "BR-RO-L0204",
    "BR-RO-L155",
    "BR-RO-L0302",
    "BR-RO-L0303",
    "BR-RO-L0304",
    "BR-RO-L0305",
    "BR-RO-L0306",
    "BR-RO-L0307",
    "BR-RO-L0501",
    "BR-RO-L0502",
    "BR-RO-L0503",
    "BR-RO-L0504",
    "BR-RO-L1001",
    "BR-RO-L1002",
    "BR-RO-L1003",
    "BR-RO-L1004",
    "BR-RO-L1005",
    "BR-RO-L1006",
    "BR-RO-L1007",
    "BR-RO-L1008",
    "BR-RO-L1009",
    "BR-RO-L1010",
    "BR-RO-L1011",
    "BR-RO-L1012",
    "BR-RO-L1013",
    "BR-RO-L1014",
    "BR-RO-L1015",
    "BR-RO-L151",
    "BR-RO-L152",
    "BR-RO-L153",
    "BR-RO-L154",
    "BR-RO-L201",
    "BR-RO-L202",
    "BR-RO-L203",
    "BR-RO-L204",
    "BR-RO-L205",
    "BR-RO-L206",
    "BR-RO-L207",
    "BR-RO-L301",
    "BR-RO-L1000",
    "BR-RO-010",
    "BR-RO-030",
    "BR-RO-065",
    "BR-RO-081",
    "BR-RO-082",
    "BR-RO-091",
    "BR-RO-092",
    "BR-RO-100",
    "BR-RO-110",
    "BR-RO-101",
    "BR-RO-111",
    "BR-RO-120",
    "BR-RO-140",
    "BR-RO-150",
    "BR-RO-160",
    "BR-RO-170",
    "BR-RO-L208",
    "BR-RO-L209",
    "BR-RO-L1016",
    "BR-RO-L140",
    "BR-RO-180",
    "BR-RO-201",
    "BR-RO-202",
    "BR-RO-211",
    "BR-RO-212",
    "BR-RO-040",
    "BR-RO-L1024",
    "BR-RO-L1021",
    "BR-RO-L212",
    "BR-RO-L303",
    "BR-RO-A052",
    "BR-RO-L0505",
    "BR-RO-L1025",
    "BR-DEC-RO-01",
    "BR-DEC-RO-02",
    "BR-RO-L1017",
    "BR-DEC-RO-05",
    "BR-DEC-RO-06",
    "BR-RO-L1018",
    "BR-DEC-RO-09",
    "BR-DEC-RO-10",
    "BR-DEC-RO-11",
    "BR-DEC-RO-12",
    "BR-DEC-RO-14",
    "BR-DEC-RO-16",
    "BR-DEC-RO-17",
    "BR-DEC-RO-18",
    "BR-DEC-RO-13",
    "BR-DEC-RO-15",
    "BR-DEC-RO-1009",
    "BR-DEC-RO-1010",
    "BR-DEC-RO-23",
    "BR-DEC-RO-24",
    "BR-DEC-RO-25",
    "BR-RO-L1022",
    "BR-DEC-RO-27",
    "BR-DEC-RO-28",
    "BR-RO-L1023",
    "BR-RO-L302",
    "BR-RO-A051",
    "BR-RO-L0308",
    "BR-RO-L1020",
    "BR-RO-L210",
    "BR-RO-L211",
    "BR-RO-A500",
    "BR-RO-L156",
    "BR-RO-L1019",
];

fn implemented(id: &str) -> bool {
    IMPLEMENTED.contains(&id)
}

/// The implemented CIUS-RO ids, compared as bare ids (the oracle's `ro-only` profile).
fn scope() -> Scope {
    Scope::family("the implemented CIUS-RO ids", implemented).without_flags()
}

#[test]
fn implemented_list_names_real_rules_once() {
    let all: BTreeSet<&str> = ro::all_ids().collect();
    assert_eq!(all.len(), 122);
    let listed: BTreeSet<&str> = IMPLEMENTED.iter().copied().collect();
    assert_eq!(listed.len(), IMPLEMENTED.len(), "duplicates in IMPLEMENTED");
    for id in &listed {
        assert!(all.contains(id), "{id} is not a CIUS-RO rule id");
    }
    eprintln!("IMPLEMENTED: {} of {} CIUS-RO ids", listed.len(), all.len());
}

#[test]
fn cius_ro_findings_match_the_oracle() {
    let Some(python) = oracle_setup(TEST) else {
        return;
    };
    // Every corpus folder, plus the generated per-rule cases, judged by the same single oracle
    // run.
    let mut inputs = corpus_folders();
    let generated = CaseDir::temporary();
    let written = crate::ro_generated_cases::write_cases(&mutations_dir(), &generated.path);
    eprintln!("generated {written} cases in {}", generated.path.display());
    inputs.push(generated.path.clone());
    let scope = scope();
    let lines = run_oracle_with(
        &python,
        &["--profile".as_ref(), "ro-only".as_ref()],
        &inputs,
    );
    let result = compare(&lines, &scope);
    print_report(TEST, &scope, &result, &|_| String::new());
    let silent: Vec<&str> = IMPLEMENTED
        .iter()
        .copied()
        .filter(|id| !result.fired(id))
        .collect();
    eprintln!(
        "{} ids fired at least once; never fired: {silent:?}",
        result.oracle_fired_ids.len()
    );
    assert!(
        result.compared > 1000,
        "oracle compared only {} files",
        result.compared
    );
    assert!(
        result.differences.is_empty(),
        "{} differences",
        result.differences.len()
    );
}

#[test]
fn mutation_manifest_expectations_hold() {
    let dir = mutations_dir();
    let Ok(manifest) = std::fs::read_to_string(dir.join("manifest.jsonl")) else {
        return skip(TEST, &format!("{} has no manifest.jsonl", dir.display()));
    };
    let scope = scope();
    let mut failures = Vec::new();
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let file = v["file"].as_str().unwrap();
        let ours = our_file_ids(&dir.join(file), &scope);
        let ids = |key: &str| -> Vec<String> {
            v[key]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|i| i.as_str())
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default()
        };
        for id in ids("expect_fire").into_iter().filter(|i| implemented(i)) {
            if !ours.contains(&id) {
                failures.push(format!("{file}: {id} should fire"));
            }
        }
        for id in ids("expect_silent").into_iter().filter(|i| implemented(i)) {
            if ours.contains(&id) {
                failures.push(format!("{file}: {id} should stay silent"));
            }
        }
    }
    for f in &failures {
        eprintln!("MUTATION {f}");
    }
    assert!(failures.is_empty(), "{} failures", failures.len());
}
