//! Acceptance test of issue #4 (2 of 3): the official EN 16931 unit tests
//! (`testcases/en16931/unit-extracted/manifest.jsonl`, one document per test). For every
//! expectation whose rule id is in ANAF's bundle: `success` → we do not report the id at all;
//! `error` → we report it fatal; `warning` → we report it as a warning. Ids the bundle does not
//! have (BR-AF-*/BR-AG-*: ANAF's 1.3.8-based bundle calls them BR-IG-*/BR-IP-*) are counted and
//! skipped. No oracle needed (the oracle meets every in-bundle expectation, README §3.4).
//! Knob: `SPVDESK_COMPARE_ONLY` (see `bundle_common`).

use std::collections::BTreeMap;

use spvdesk::validation::full::validate_full;
use spvdesk::validation::{Finding, Flag};

use crate::bundle_common::{Scope, conformance_dir, limits, skip};

const TEST: &str = "en_unit_expectations";

/// 1,131 documents with 1,133 expectations (564 success, 567 error, 2 warning).
const DOCUMENTS: usize = 1_131;

#[derive(Default)]
struct Tally {
    checked: usize,
    outside_bundle: BTreeMap<String, usize>,
    outside_scope: usize,
    failures: Vec<String>,
}

impl Tally {
    /// Checks one expectation `kind` (`success` / `error` / `warning`) about `id` on `ours`.
    fn check(&mut self, scope: &Scope, file: &str, kind: &str, id: &str, ours: &[&Finding]) {
        if !scope.in_bundle(id) {
            *self.outside_bundle.entry(id.to_owned()).or_default() += 1;
            return;
        }
        if !scope.selected(id) {
            self.outside_scope += 1;
            return;
        }
        self.checked += 1;
        let flags: Vec<Flag> = ours
            .iter()
            .filter(|f| f.rule == id)
            .map(|f| f.flag)
            .collect();
        let ok = match kind {
            "success" => flags.is_empty(),
            "error" => flags.contains(&Flag::Fatal),
            "warning" => flags.contains(&Flag::Warning),
            other => panic!("unknown expectation kind {other}"),
        };
        if !ok {
            let got = if flags.is_empty() {
                "nothing".to_owned()
            } else {
                flags
                    .iter()
                    .map(|f| f.as_str())
                    .collect::<Vec<_>>()
                    .join("+")
            };
            self.failures
                .push(format!("{file}: {kind} {id} expected, we reported {got}"));
        }
    }
}

#[test]
fn en_unit_test_expectations_hold() {
    let dir = conformance_dir().join("testcases/en16931/unit-extracted");
    let Ok(manifest) = std::fs::read_to_string(dir.join("manifest.jsonl")) else {
        return skip(TEST, &format!("{} has no manifest.jsonl", dir.display()));
    };
    let scope = Scope::from_env();
    let mut tally = Tally::default();
    let mut documents = 0usize;
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let file = v["file"].as_str().unwrap();
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let report = validate_full(&bytes, &limits());
        let ours: Vec<&Finding> = report.findings.iter().collect();
        documents += 1;
        for kind in ["success", "error", "warning"] {
            for id in v[kind]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|i| i.as_str())
            {
                tally.check(&scope, file, kind, id, &ours);
            }
        }
    }
    for f in &tally.failures {
        eprintln!("UNIT {f}");
    }
    let outside: usize = tally.outside_bundle.values().sum();
    eprintln!(
        "{TEST}: comparing {}; {documents} documents, {} expectations checked, {} failed; \
         {outside} skipped as not in the bundle ({} ids: {:?}), {} outside SPVDESK_COMPARE_ONLY",
        scope.describe(),
        tally.checked,
        tally.failures.len(),
        tally.outside_bundle.len(),
        tally.outside_bundle.keys().take(8).collect::<Vec<_>>(),
        tally.outside_scope
    );
    assert_eq!(documents, DOCUMENTS, "the unit manifest changed");
    assert!(tally.checked > 0, "no expectation was checked");
    assert!(
        tally.failures.is_empty(),
        "{} unit expectations failed",
        tally.failures.len()
    );
}
