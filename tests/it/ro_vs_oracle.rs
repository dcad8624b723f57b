//! Differential test: our CIUS-RO findings against the official rules run by the oracle
//! (Saxon over ANAF's XSLT, profile `ro-only`), per file, as SETS of rule ids.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use spvdesk::validation::Limits;
use spvdesk::validation::full::{cius_ro_ids, ro, validate_full};

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

fn conformance_dir() -> PathBuf {
    std::env::var_os("SPVDESK_CONFORMANCE_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/validation"),
        PathBuf::from,
    )
}

fn skip(why: &str) {
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("ro_vs_oracle cannot run under CI: {why}");
    }
    eprintln!("SKIPPED: ro_vs_oracle because {why}");
}

fn implemented(id: &str) -> bool {
    IMPLEMENTED.contains(&id)
}

fn limits() -> Limits {
    Limits {
        max_findings: 100_000,
        ..Limits::default()
    }
}

fn our_ids(path: &Path) -> BTreeSet<String> {
    let bytes = std::fs::read(path).unwrap();
    cius_ro_ids(&validate_full(&bytes, &limits()))
        .into_iter()
        .filter(|id| implemented(id))
        .collect()
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
    let Some(venv) = std::env::var_os("ORACLE_VENV") else {
        return skip("ORACLE_VENV is not set");
    };
    let base = conformance_dir();
    let cases = base.join("testcases");
    if !cases.is_dir() {
        return skip(&format!("{} does not exist", cases.display()));
    }
    // Every corpus directory except the EN16931 unit-test wrappers (not invoices).
    let mut dirs = vec![cases.join("cius-ro")];
    for entry in std::fs::read_dir(cases.join("en16931")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() && path.file_name().is_some_and(|n| n != "unit") {
            dirs.push(path);
        }
    }
    // Plus the generated per-rule cases, judged by the same single oracle run.
    let generated = tempfile::tempdir().unwrap();
    let written =
        crate::ro_generated_cases::write_cases(&cases.join("cius-ro/mutations"), generated.path());
    eprintln!(
        "generated {written} cases in {}",
        generated.path().display()
    );
    dirs.push(generated.path().to_path_buf());
    let output = Command::new(Path::new(&venv).join("bin/python"))
        .arg(base.join("oracle/validate.py"))
        .args(["--profile", "ro-only", "--no-xsd"])
        .args(&dirs)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let mut compared = 0usize;
    let mut stage_errors = 0usize;
    let mut differences = Vec::new();
    let mut fired: BTreeMap<String, usize> = BTreeMap::new();
    for line in stdout.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let file = PathBuf::from(v["file"].as_str().unwrap());
        if v.get("stage_errors")
            .is_some_and(|s| s.as_array().is_some_and(|a| !a.is_empty()))
        {
            // The official XSLT aborted; there is no official answer to compare with.
            stage_errors += 1;
            eprintln!(
                "stage error (not compared): {} -> ours {:?}",
                file.display(),
                our_ids(&file)
            );
            continue;
        }
        let Some(ids) = v["ids"].as_array() else {
            differences.push(format!("oracle gave no ids: {line}"));
            continue;
        };
        let theirs: BTreeSet<String> = ids
            .iter()
            .filter_map(|i| i.as_str())
            .map(|i| i.split(':').next().unwrap_or(i).to_owned())
            .filter(|i| implemented(i))
            .collect();
        let ours = our_ids(&file);
        compared += 1;
        for id in &theirs {
            *fired.entry(id.clone()).or_default() += 1;
        }
        if ours != theirs {
            let missing: Vec<_> = theirs.difference(&ours).collect();
            let extra: Vec<_> = ours.difference(&theirs).collect();
            differences.push(format!(
                "{}: missing {missing:?}, extra {extra:?}",
                file.display()
            ));
        }
    }
    for d in &differences {
        eprintln!("DIFF {d}");
    }
    eprintln!(
        "compared {compared} files ({stage_errors} stage errors skipped), {} differences",
        differences.len()
    );
    let silent: Vec<&str> = IMPLEMENTED
        .iter()
        .copied()
        .filter(|id| !fired.contains_key(*id))
        .collect();
    eprintln!(
        "{} ids fired at least once in agreement; never fired: {silent:?}",
        fired.len()
    );
    assert!(compared > 1000, "oracle compared only {compared} files");
    assert!(differences.is_empty(), "{} differences", differences.len());
}

#[test]
fn mutation_manifest_expectations_hold() {
    let dir = conformance_dir().join("testcases/cius-ro/mutations");
    let Ok(manifest) = std::fs::read_to_string(dir.join("manifest.jsonl")) else {
        return skip(&format!("{} has no manifest.jsonl", dir.display()));
    };
    let mut failures = Vec::new();
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let file = v["file"].as_str().unwrap();
        let ours = our_ids(&dir.join(file));
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
