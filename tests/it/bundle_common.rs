//! The oracle-comparison plumbing shared by every differential test of the full validator
//! (`bundle_vs_oracle`, `en_unit_expectations`, `mutation_harness`, `ro_vs_oracle` and the
//! generated cases of `codes_cases`, `syntax_cases`, `model_cases`, `totals_cases`, `vat_cases`):
//! where the conformance data lives, which rule ids are compared ([`Scope`]), our answer as a set
//! of `id:flag`, one oracle run over many files, the per-document comparison and its report.
//! Each test keeps only its cases, its family filter and its own checks.
//!
//! Env knobs:
//! * `ORACLE_VENV` = the oracle's virtualenv; without it the oracle tests skip loudly, and
//!   panic under `CI=true`.
//! * `SPVDESK_CONFORMANCE_DIR` = the `shared/validation` folder (default `../shared/validation`).
//! * `SPVDESK_COMPARE_ONLY` = comma list of id prefixes (`BR-RO,BR-DEC-RO,BR-27`): compare only
//!   those ids (`bundle_vs_oracle`, `mutation_harness`, `en_unit_expectations`). Default: every
//!   id of ANAF's bundle 1.0.9 (976 EN 16931 + 122 CIUS-RO = 1,098). `bundle_vs_oracle` also
//!   reads `EN_FAMILIES` (the knob of the former `en_vs_oracle`) when it is not set.
//! * `SPVDESK_SHOW` (or `EN_SHOW`) = how many differences to print in full (default 50; the rest
//!   are counted).
//! * `EN_EXTRA_CASES` = extra folders of XML files (`:`-separated) added to the corpus of
//!   `bundle_vs_oracle` (e.g. the folders kept by the knobs below).
//! * Folders to keep generated documents in: `SPVDESK_KEEP_MUTANTS` (`mutation_harness`),
//!   `EN_CODES_CASES_OUT` (`codes_cases`), `EN_SYNTAX_CASES_DIR` (`syntax_cases`),
//!   `MODEL_CASES_DIR` (`model_cases`), `TOTALS_CASES_OUT` (`totals_cases`), `VAT_CASES_DIR`
//!   (`vat_cases`).
//! * `MODEL_FAMILIES` = the id prefixes `model_cases` compares (default: its own families);
//!   `EN_SYNTAX_CORPUS=1` = `syntax_cases` also compares its pattern alone over the corpus.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use spvdesk::validation::Limits;
use spvdesk::validation::full::{STOPS_RULE, en, ro, validate_full};

/// Number of distinct rule ids in ANAF's validation bundle 1.0.9.
pub const BUNDLE_IDS: usize = 1_098;

pub fn conformance_dir() -> PathBuf {
    std::env::var_os("SPVDESK_CONFORMANCE_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/validation"),
        PathBuf::from,
    )
}

/// `testcases/cius-ro/mutations`: the two bases the generated cases edit ([`Bases`]).
pub fn mutations_dir() -> PathBuf {
    conformance_dir().join("testcases/cius-ro/mutations")
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

/// The oracle's Python when the conformance test cases are there too (else `skip`, `None`).
pub fn oracle_setup(test: &str) -> Option<PathBuf> {
    let python = oracle_python(test)?;
    let cases = conformance_dir().join("testcases");
    if !cases.is_dir() {
        skip(test, &format!("{} does not exist", cases.display()));
        return None;
    }
    Some(python)
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

/// The comma list of id prefixes in the first of `vars` that is set and not empty.
pub fn env_prefixes(vars: &[&str]) -> Option<Vec<String>> {
    vars.iter().find_map(|var| {
        std::env::var(var)
            .ok()
            .map(|list| prefix_list(&list))
            .filter(|p| !p.is_empty())
    })
}

/// `BR-0, BR-CL-08,` → `["BR-0", "BR-CL-08"]`.
pub fn prefix_list(list: &str) -> Vec<String> {
    list.split(',')
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

fn starts_with_any(id: &str, prefixes: &[String]) -> bool {
    prefixes
        .iter()
        .any(|prefix| id.starts_with(prefix.as_str()))
}

type Filter = Box<dyn Fn(&str) -> bool + Send + Sync>;

/// Which ids a comparison looks at, and whether their flags are part of the answer.
pub struct Scope {
    label: String,
    /// When set, our findings outside it are ignored (the oracle's are not, so that an id it
    /// reports and we do not know still shows up as a difference).
    known: Option<BTreeSet<&'static str>>,
    select: Filter,
    flags: bool,
}

impl Scope {
    /// The whole bundle, or the ids starting with `SPVDESK_COMPARE_ONLY`'s prefixes.
    pub fn from_env() -> Self {
        Self::bundle(&["SPVDESK_COMPARE_ONLY"])
    }

    /// The whole bundle, or the ids starting with the prefixes of the first of `vars` set.
    pub fn bundle(vars: &[&str]) -> Self {
        let prefixes = env_prefixes(vars);
        let bundle = bundle_ids();
        assert_eq!(bundle.len(), BUNDLE_IDS, "the bundle's id lists changed");
        let label = match &prefixes {
            None => format!("all {} ids of the bundle", bundle.len()),
            Some(p) => format!(
                "ids starting with {} ({} of the bundle's ids)",
                p.join(","),
                bundle.iter().filter(|id| starts_with_any(id, p)).count()
            ),
        };
        Scope {
            label,
            known: Some(bundle),
            select: Box::new(move |id| prefixes.as_ref().is_none_or(|p| starts_with_any(id, p))),
            flags: true,
        }
    }

    /// The ids for which `select` holds, on both sides (`label` says which for the report).
    pub fn family(label: &str, select: impl Fn(&str) -> bool + Send + Sync + 'static) -> Self {
        Scope {
            label: label.to_owned(),
            known: None,
            select: Box::new(select),
            flags: true,
        }
    }

    /// The ids of `family` that start with one of `prefixes`.
    pub fn prefixes(
        label: &str,
        prefixes: Vec<String>,
        family: impl Fn(&str) -> bool + Send + Sync + 'static,
    ) -> Self {
        let label = format!("{label} ids starting with {}", prefixes.join(","));
        Self::family(&label, move |id| {
            family(id) && starts_with_any(id, &prefixes)
        })
    }

    /// Compares bare ids (`BR-RO-010`), without their flags.
    pub fn without_flags(mut self) -> Self {
        self.flags = false;
        self
    }

    pub fn describe(&self) -> String {
        self.label.clone()
    }

    pub fn in_bundle(&self, id: &str) -> bool {
        self.known.as_ref().is_none_or(|k| k.contains(id))
    }

    /// Whether `id` passes the filter (bundle membership is not checked).
    pub fn selected(&self, id: &str) -> bool {
        (self.select)(id)
    }

    /// The oracle's `id:flag` as compared in this scope, or `None` when it is not compared.
    fn theirs(&self, id_flag: &str) -> Option<String> {
        let id = id_flag.split(':').next().unwrap_or(id_flag);
        self.selected(id)
            .then(|| if self.flags { id_flag } else { id }.to_owned())
    }
}

/// Our business-rule findings for `bytes` as `id:flag` (or bare ids, see
/// [`Scope::without_flags`]; no `XSD` findings: the oracle runs with `--no-xsd`), restricted to
/// `scope`.
pub fn our_ids(bytes: &[u8], scope: &Scope) -> BTreeSet<String> {
    validate_full(bytes, &limits())
        .findings
        .iter()
        .filter(|f| scope.in_bundle(&f.rule) && scope.selected(&f.rule))
        .map(|f| {
            if scope.flags {
                format!("{}:{}", f.rule, f.flag.as_str())
            } else {
                f.rule.clone()
            }
        })
        .collect()
}

/// [`our_ids`] of the file at `path`.
pub fn our_file_ids(path: &Path, scope: &Scope) -> BTreeSet<String> {
    our_ids(&std::fs::read(path).unwrap(), scope)
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

/// The `.xml` files under `path` (recursively; a file is its own list), sorted. The oracle
/// reads `.XML` too (`any_case`).
pub fn xml_files(path: &Path, any_case: bool) -> Vec<PathBuf> {
    fn walk(path: &Path, any_case: bool, out: &mut Vec<PathBuf>) {
        if path.is_dir() {
            let Ok(entries) = std::fs::read_dir(path) else {
                return;
            };
            for entry in entries.flatten() {
                walk(&entry.path(), any_case, out);
            }
        } else if path.extension().is_some_and(|x| {
            if any_case {
                x.eq_ignore_ascii_case("xml")
            } else {
                x == "xml"
            }
        }) {
            out.push(path.to_path_buf());
        }
    }
    let mut out = Vec::new();
    walk(path, any_case, &mut out);
    out.sort();
    out
}

/// The `.xml` files under `inputs` (recursively, as the oracle finds them).
pub fn count_xml(inputs: &[PathBuf]) -> usize {
    inputs.iter().map(|p| xml_files(p, true).len()).sum()
}

/// Runs the oracle once (profile `anaf`, no XSD) over `inputs` (files or folders), and checks
/// that it answered for every document (one JSON line per `.xml` file).
pub fn run_oracle(python: &Path, inputs: &[PathBuf]) -> Vec<OracleLine> {
    run_oracle_with(python, &["--profile".as_ref(), "anaf".as_ref()], inputs)
}

/// [`run_oracle`] with other arguments than `--profile anaf` (`--no-xsd` is always added).
pub fn run_oracle_with(python: &Path, args: &[&OsStr], inputs: &[PathBuf]) -> Vec<OracleLine> {
    let output = Command::new(python)
        .arg(conformance_dir().join("oracle/validate.py"))
        .args(args)
        .arg("--no-xsd")
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
/// invoices).
pub fn corpus_folders() -> Vec<PathBuf> {
    let cases = conformance_dir().join("testcases");
    vec![
        cases.join("cius-ro"),
        cases.join("en16931/examples"),
        cases.join("en16931/testfiles"),
        cases.join("en16931/unit-extracted"),
    ]
}

/// [`corpus_folders`] plus the folders in `EN_EXTRA_CASES` (`:`-separated; helpers' own cases).
pub fn corpus_inputs() -> Vec<PathBuf> {
    let mut inputs = corpus_folders();
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

/// The oracle's answers on [`corpus_inputs`], computed once per test process (a test running
/// in parallel waits for the first run instead of starting its own).
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
    /// The same per bare id (`BR-CO-10`).
    pub oracle_fired_ids: BTreeMap<String, usize>,
}

impl Comparison {
    /// Whether the oracle fired `id` (any flag) on some compared document.
    pub fn fired(&self, id: &str) -> bool {
        self.oracle_fired_ids.contains_key(id)
    }
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
                .filter_map(|i| scope.theirs(i))
                .collect::<BTreeSet<_>>(),
        };
        let bytes = std::fs::read(&line.file).unwrap();
        // A panic in one rule must not hide the other documents' results: it is reported as a
        // difference of its own (the panic message is on stderr just above).
        let ours =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| our_ids(&bytes, scope)));
        let Ok(ours) = ours else {
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
        let bare: BTreeSet<&str> = theirs
            .iter()
            .map(|i| i.split(':').next().unwrap_or(i))
            .collect();
        for id in bare {
            *result.oracle_fired_ids.entry(id.to_owned()).or_default() += 1;
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
    ["SPVDESK_SHOW", "EN_SHOW"]
        .iter()
        .find_map(|var| std::env::var(var).ok().and_then(|s| s.parse().ok()))
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

/// Where a test writes its generated documents: a fresh temporary folder, or the folder named
/// by the env var `keep` when it is set (created if needed).
pub struct CaseDir {
    pub path: PathBuf,
    /// Also a scratch folder for anything that is not a case.
    pub temp: tempfile::TempDir,
}

impl CaseDir {
    pub fn new(keep: &str) -> Self {
        let temp = tempfile::tempdir().unwrap();
        let path = std::env::var_os(keep).map_or_else(|| temp.path().join("cases"), PathBuf::from);
        std::fs::create_dir_all(&path).unwrap();
        CaseDir { path, temp }
    }

    /// A fresh temporary folder whose files are also copied, by [`CaseDir::keep_copy`], to the
    /// folder named by `copy_to` when that is set.
    pub fn temporary() -> Self {
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join("cases");
        std::fs::create_dir_all(&path).unwrap();
        CaseDir { path, temp }
    }

    /// Copies the written documents into the folder named by the env var `copy_to`, if set.
    pub fn keep_copy(&self, copy_to: &str) {
        let Some(keep) = std::env::var_os(copy_to) else {
            return;
        };
        std::fs::create_dir_all(&keep).unwrap();
        for entry in std::fs::read_dir(&self.path).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, Path::new(&keep).join(path.file_name().unwrap())).unwrap();
        }
    }
}

/// Runs the oracle (profile `anaf`) once over the `written` generated documents in `dir`,
/// compares in `scope`, prints the report and checks that every document was answered
/// (compared or aborted by the official XSLT). The caller asserts what it demands of the rest.
pub fn compare_cases(
    test: &str,
    python: &Path,
    dir: &Path,
    written: usize,
    scope: &Scope,
) -> Comparison {
    let lines = run_oracle(python, &[dir.to_path_buf()]);
    let result = compare(&lines, scope);
    print_report(test, scope, &result, &|_| String::new());
    assert_eq!(
        result.compared + result.aborted.len(),
        written,
        "the oracle skipped files"
    );
    result
}

/// The two bases of `testcases/cius-ro/mutations/` the generated cases edit: the ANAF-accepted
/// invoice and the credit note.
pub struct Bases {
    pub invoice: String,
    pub credit_note: String,
}

impl Bases {
    pub fn read(mutations_dir: &Path) -> Self {
        let read = |name: &str| std::fs::read_to_string(mutations_dir.join(name)).unwrap();
        Bases {
            invoice: read("inv_base.xml"),
            credit_note: read("cn_base.xml"),
        }
    }

    pub fn get(&self, invoice: bool) -> &str {
        if invoice {
            &self.invoice
        } else {
            &self.credit_note
        }
    }
}

/// `text` with its first `find` replaced by `with`; panics naming `case` when `find` is missing.
pub fn replace_first(text: &str, find: &str, with: &str, case: &str) -> String {
    assert!(text.contains(find), "{case}: anchor not found: {find:?}");
    text.replacen(find, with, 1)
}

/// Writes one generated document into `out`, checking that no other case has its name.
pub fn write_case(out: &Path, names: &mut BTreeSet<String>, name: &str, text: &str) {
    assert!(names.insert(name.to_owned()), "duplicate case {name}");
    std::fs::write(out.join(name), text).unwrap();
}

/// Where the official XSLT aborts, ANAF answers with an error and no rule results: spvdesk must
/// not call such a document valid (docs/VALIDATION.md: another check reports the cause, or the
/// XPTY0004 finding says where the official run stops); and it must not claim a stop where the
/// official run completes. `describe` adds what a document is to its name in the messages.
pub fn assert_stops_agree(test: &str, lines: &[OracleLine], describe: &dyn Fn(&Path) -> String) {
    let (mut aborted, mut stopped) = (0, 0);
    let (mut accepted, mut false_stops) = (Vec::new(), Vec::new());
    for line in lines {
        let bytes = std::fs::read(&line.file).unwrap();
        let report = validate_full(&bytes, &limits());
        let stops = report.findings.iter().any(|f| f.rule == STOPS_RULE);
        let name = || format!("{}{}", line.file.display(), describe(&line.file));
        match &line.answer {
            Answer::Aborted(why) => {
                aborted += 1;
                stopped += usize::from(stops);
                if report.is_valid() {
                    accepted.push(format!("{}: {why}", name()));
                }
            }
            Answer::Ids(_) if stops => false_stops.push(name()),
            Answer::Ids(_) => {}
        }
    }
    eprintln!(
        "{test}: {aborted} documents aborted by the official XSLT: {stopped} with a {STOPS_RULE} \
         finding, {} valid for spvdesk; {} completed documents with a {STOPS_RULE} finding",
        accepted.len(),
        false_stops.len()
    );
    assert!(
        accepted.is_empty(),
        "documents the official XSLT aborts on, called valid:\n{}",
        accepted.join("\n")
    );
    assert!(
        false_stops.is_empty(),
        "documents the official XSLT completes, with a {STOPS_RULE} finding:\n{}",
        false_stops.join("\n")
    );
}
