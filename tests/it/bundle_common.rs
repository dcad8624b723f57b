//! Plumbing shared by the acceptance tests of issue #4 (`bundle_vs_oracle`,
//! `en_unit_expectations`, `mutation_harness`): where the conformance data lives, which rule ids
//! are compared, our answer as a set of `id:flag`, one oracle run over many files, and the
//! per-document comparison.
//!
//! Env knobs:
//! * `SPVDESK_COMPARE_ONLY` = comma list of id prefixes (`BR-RO,BR-DEC-RO,BR-27`): compare only
//!   those ids. Default: every id of ANAF's bundle 1.0.9 (976 EN 16931 + 122 CIUS-RO = 1,098).
//! * `SPVDESK_SHOW` = how many differences to print in full (default 50; the rest are counted).
//! * `ORACLE_VENV` = the oracle's virtualenv; without it the oracle tests skip loudly, and
//!   panic under `CI=true`.
//! * `SPVDESK_CONFORMANCE_DIR` = the `shared/validation` folder (default `../shared/validation`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use spvdesk::validation::Limits;
use spvdesk::validation::full::{en, ro, validate_full};

/// Number of distinct rule ids in ANAF's validation bundle 1.0.9.
pub const BUNDLE_IDS: usize = 1_098;

pub fn conformance_dir() -> PathBuf {
    std::env::var_os("SPVDESK_CONFORMANCE_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/validation"),
        PathBuf::from,
    )
}

/// A test that cannot run here says so on stderr; under CI it must not pass silently.
pub fn skip(test: &str, why: &str) {
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{test} cannot run under CI: {why}");
    }
    eprintln!("SKIPPED: {test} because {why}");
}

/// The oracle's Python, or `None` (after `skip`) when `ORACLE_VENV` is not set.
pub fn oracle_python(test: &str) -> Option<PathBuf> {
    match std::env::var_os("ORACLE_VENV") {
        Some(venv) => Some(Path::new(&venv).join("bin/python")),
        None => {
            skip(test, "ORACLE_VENV is not set");
            None
        }
    }
}

pub fn limits() -> Limits {
    Limits {
        max_findings: 100_000,
        ..Limits::default()
    }
}

/// Every rule id of the bundle: the EN 16931 part and the CIUS-RO part.
pub fn bundle_ids() -> BTreeSet<&'static str> {
    en::all_ids().chain(ro::all_ids()).collect()
}

/// Which ids the comparison looks at (`SPVDESK_COMPARE_ONLY`).
pub struct Scope {
    bundle: BTreeSet<&'static str>,
    prefixes: Option<Vec<String>>,
}

impl Scope {
    pub fn from_env() -> Self {
        let prefixes = std::env::var("SPVDESK_COMPARE_ONLY")
            .ok()
            .map(|list| {
                list.split(',')
                    .map(|p| p.trim().to_owned())
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
            })
            .filter(|p| !p.is_empty());
        let bundle = bundle_ids();
        assert_eq!(bundle.len(), BUNDLE_IDS, "the bundle's id lists changed");
        Scope { bundle, prefixes }
    }

    pub fn describe(&self) -> String {
        match &self.prefixes {
            None => format!("all {} ids of the bundle", self.bundle.len()),
            Some(p) => format!(
                "ids starting with {} ({} of the bundle's ids)",
                p.join(","),
                self.bundle.iter().filter(|id| self.selected(id)).count()
            ),
        }
    }

    pub fn in_bundle(&self, id: &str) -> bool {
        self.bundle.contains(id)
    }

    /// Whether `id` passes the prefix filter (bundle membership is not checked, so that an
    /// id the oracle reports and we do not know still shows up as a difference).
    pub fn selected(&self, id: &str) -> bool {
        self.prefixes
            .as_ref()
            .is_none_or(|p| p.iter().any(|prefix| id.starts_with(prefix.as_str())))
    }
}

/// Our business-rule findings for `bytes` as `id:flag` (no `XSD` findings: the oracle runs
/// with `--no-xsd`), restricted to `scope`.
pub fn our_ids(bytes: &[u8], scope: &Scope) -> BTreeSet<String> {
    validate_full(bytes, &limits())
        .findings
        .iter()
        .filter(|f| scope.in_bundle(&f.rule) && scope.selected(&f.rule))
        .map(|f| format!("{}:{}", f.rule, f.flag.as_str()))
        .collect()
}

/// The oracle's answer for one file.
pub enum Answer {
    /// `id:flag` of every failed assert / successful report.
    Ids(BTreeSet<String>),
    /// The bundle XSLT raised a dynamic error: there is no official answer (the message says why).
    Aborted(String),
}

pub struct OracleLine {
    pub file: PathBuf,
    pub answer: Answer,
}

/// The `.xml` files under `inputs` (recursively, as the oracle finds them).
pub fn count_xml(inputs: &[PathBuf]) -> usize {
    fn walk(path: &Path) -> usize {
        if path.is_dir() {
            std::fs::read_dir(path)
                .unwrap()
                .map(|e| walk(&e.unwrap().path()))
                .sum()
        } else {
            usize::from(
                path.extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("xml")),
            )
        }
    }
    inputs.iter().map(|p| walk(p)).sum()
}

/// Runs the oracle once (profile `anaf`, no XSD) over `inputs` (files or folders), and checks
/// that it answered for every document (one JSON line per `.xml` file).
pub fn run_oracle(python: &Path, inputs: &[PathBuf]) -> Vec<OracleLine> {
    let output = Command::new(python)
        .arg(conformance_dir().join("oracle/validate.py"))
        .args(["--profile", "anaf", "--no-xsd"])
        .args(inputs)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        output.status.success() || !stdout.trim().is_empty(),
        "the oracle failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines = stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let file = PathBuf::from(v["file"].as_str().unwrap());
            let aborted = v["stage_errors"].as_array().filter(|a| !a.is_empty());
            let answer = match aborted {
                Some(errors) => Answer::Aborted(
                    errors
                        .iter()
                        .map(|e| e["message"].as_str().unwrap_or("?"))
                        .collect::<Vec<_>>()
                        .join(" | "),
                ),
                None => Answer::Ids(
                    v["ids"]
                        .as_array()
                        .unwrap_or_else(|| panic!("oracle gave no ids: {line}"))
                        .iter()
                        .filter_map(|i| i.as_str())
                        .map(str::to_owned)
                        .collect(),
                ),
            };
            OracleLine { file, answer }
        })
        .collect::<Vec<_>>();
    assert_eq!(
        lines.len(),
        count_xml(inputs),
        "the oracle did not answer for every document: {}",
        String::from_utf8_lossy(&output.stderr)
            .lines()
            .last()
            .unwrap_or("")
    );
    lines
}

/// The corpus folders every differential test compares on: `testcases/cius-ro/**`,
/// `testcases/en16931/{examples,testfiles,unit-extracted}` (not `unit/`: testSet wrappers, not
/// invoices), plus the folders in `EN_EXTRA_CASES` (`:`-separated; helpers' own cases).
pub fn corpus_inputs() -> Vec<PathBuf> {
    let cases = conformance_dir().join("testcases");
    let mut inputs = vec![
        cases.join("cius-ro"),
        cases.join("en16931/examples"),
        cases.join("en16931/testfiles"),
        cases.join("en16931/unit-extracted"),
    ];
    if let Ok(extra) = std::env::var("EN_EXTRA_CASES") {
        inputs.extend(
            extra
                .split(':')
                .filter(|s| !s.is_empty())
                .map(PathBuf::from),
        );
    }
    inputs
}

/// The oracle's answers on [`corpus_inputs`], computed once per test process and shared by
/// `bundle_vs_oracle` and `en_vs_oracle` (the tests run in parallel threads: the second one
/// waits for the first run instead of starting its own).
pub fn corpus_oracle(python: &Path) -> &'static [OracleLine] {
    static LINES: std::sync::OnceLock<Vec<OracleLine>> = std::sync::OnceLock::new();
    LINES.get_or_init(|| run_oracle(python, &corpus_inputs()))
}

pub struct Difference {
    pub file: PathBuf,
    /// Fired in the oracle, not by us.
    pub missing: Vec<String>,
    /// Fired by us, not in the oracle.
    pub extra: Vec<String>,
}

#[derive(Default)]
pub struct Comparison {
    pub compared: usize,
    pub aborted: Vec<(PathBuf, String)>,
    pub differences: Vec<Difference>,
    /// How many compared documents each `id:flag` fired on, in agreement.
    pub agreed: BTreeMap<String, usize>,
    /// How many compared documents each `id:flag` fired on in the oracle (coverage).
    pub oracle_fired: BTreeMap<String, usize>,
}

/// Compares every oracle answer with ours, restricted to `scope`.
pub fn compare(lines: &[OracleLine], scope: &Scope) -> Comparison {
    let mut result = Comparison::default();
    for line in lines {
        let theirs = match &line.answer {
            Answer::Aborted(why) => {
                result.aborted.push((line.file.clone(), why.clone()));
                continue;
            }
            Answer::Ids(ids) => ids
                .iter()
                .filter(|i| scope.selected(i.split(':').next().unwrap_or(i)))
                .cloned()
                .collect::<BTreeSet<_>>(),
        };
        let bytes = std::fs::read(&line.file).unwrap();
        // A panic in one rule must not hide the other documents' results: it is reported as a
        // difference of its own (the panic message is on stderr just above).
        let Ok(ours) = std::panic::catch_unwind(|| our_ids(&bytes, scope)) else {
            result.compared += 1;
            result.differences.push(Difference {
                file: line.file.clone(),
                missing: Vec::new(),
                extra: vec!["PANIC in validate_full".to_owned()],
            });
            continue;
        };
        result.compared += 1;
        for id in &theirs {
            *result.oracle_fired.entry(id.clone()).or_default() += 1;
        }
        for id in theirs.intersection(&ours) {
            *result.agreed.entry(id.clone()).or_default() += 1;
        }
        if ours != theirs {
            result.differences.push(Difference {
                file: line.file.clone(),
                missing: theirs.difference(&ours).cloned().collect(),
                extra: ours.difference(&theirs).cloned().collect(),
            });
        }
    }
    result
}

fn show_limit() -> usize {
    std::env::var("SPVDESK_SHOW")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50)
}

/// Prints the aborted documents, the differences (first `SPVDESK_SHOW` in full, then one
/// summary line per id) and the totals. `describe` adds a note per file (e.g. the mutation).
pub fn print_report(
    test: &str,
    scope: &Scope,
    result: &Comparison,
    describe: &dyn Fn(&Path) -> String,
) {
    for (file, why) in &result.aborted {
        eprintln!(
            "ABORTED (not compared) {}: {}",
            file.display(),
            why.chars().take(200).collect::<String>()
        );
    }
    let show = show_limit();
    for d in result.differences.iter().take(show) {
        eprintln!(
            "DIFF {}{}: missing {:?}, extra {:?}",
            d.file.display(),
            describe(&d.file),
            d.missing,
            d.extra
        );
    }
    // The rest, one short line each (SPVDESK_SHOW=n prints more in full).
    let head = |ids: &[String]| -> String {
        let mut s = ids.iter().take(3).cloned().collect::<Vec<_>>().join(" ");
        if ids.len() > 3 {
            s.push_str(&format!(" (+{})", ids.len() - 3));
        }
        s
    };
    for d in result.differences.iter().skip(show) {
        eprintln!(
            "DIFF {}: missing [{}], extra [{}]",
            d.file.display(),
            head(&d.missing),
            head(&d.extra)
        );
    }
    // Which ids the differences are about, most frequent first: where to look.
    let mut per_id: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for d in &result.differences {
        for id in &d.missing {
            per_id.entry(id.clone()).or_default().0 += 1;
        }
        for id in &d.extra {
            per_id.entry(id.clone()).or_default().1 += 1;
        }
    }
    let mut per_id: Vec<_> = per_id.into_iter().collect();
    per_id.sort_by_key(|(id, (m, e))| (std::cmp::Reverse(m + e), id.clone()));
    for (id, (missing, extra)) in per_id.iter().take(40) {
        eprintln!("DIFF-ID {id}: missing in {missing} docs, extra in {extra} docs");
    }
    if per_id.len() > 40 {
        eprintln!("DIFF-ID ... and {} more ids", per_id.len() - 40);
    }
    eprintln!(
        "{test}: comparing {}; compared {} documents ({} aborted by the official XSLT, not \
         compared), {} differ; the oracle fired {} distinct id:flag values, {} of them in \
         agreement",
        scope.describe(),
        result.compared,
        result.aborted.len(),
        result.differences.len(),
        result.oracle_fired.len(),
        result.agreed.len()
    );
}
