//! Writing back a corpus document must not break any official rule the
//! original passes: the fatal rule ids of write(read(x)) are a subset of x's,
//! and the output is XSD-valid whenever the original is.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use spvdesk::ubl::{read_invoice, write_invoice};

use crate::shared_data::{conformance_dir, is_ci, skip_unless_present};
use crate::ubl_corpus_roundtrip::corpus_files;

struct Verdict {
    xsd_valid: bool,
    fatal: BTreeSet<String>,
}

fn run_oracle(python: &Path, files: &[PathBuf]) -> HashMap<String, Verdict> {
    let script = conformance_dir().join("oracle/validate.py");
    let output = Command::new(python)
        .arg(&script)
        .args(["--profile", "anaf"])
        .args(files)
        .output()
        .unwrap();
    let mut verdicts = HashMap::new();
    for line in String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with('{'))
    {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let fatal = v["ids"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|id| id.as_str())
            .filter(|id| id.ends_with(":fatal"))
            .map(str::to_owned)
            .collect();
        let stage_error = v
            .get("stage_errors")
            .is_some_and(|s| s.as_array().is_some_and(|a| !a.is_empty()));
        let mut fatal: BTreeSet<String> = fatal;
        if stage_error {
            fatal.insert("STAGE-ERROR".into());
        }
        let file = Path::new(v["file"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        verdicts.insert(
            file,
            Verdict {
                xsd_valid: v["xsd"]["valid"].as_bool().unwrap_or(false),
                fatal,
            },
        );
    }
    verdicts
}

#[test]
fn written_corpus_documents_break_no_new_rule() {
    let Some(venv) = std::env::var_os("ORACLE_VENV") else {
        let message =
            "SKIPPED: oracle check of written corpus documents because ORACLE_VENV is not set";
        assert!(!is_ci(), "{message}");
        eprintln!("{message}");
        return;
    };
    let python = PathBuf::from(venv).join("bin/python");
    if skip_unless_present(&python, "oracle check of written corpus documents") {
        return;
    }
    let Some(files) = corpus_files() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut originals = Vec::new();
    let mut written = Vec::new();
    for (i, path) in files.iter().enumerate() {
        // Copies under unique names, so both runs key results the same way.
        let name = format!("{i:03}.xml");
        let orig = dir.path().join(format!("orig-{name}"));
        std::fs::copy(path, &orig).unwrap();
        let model = read_invoice(&std::fs::read(path).unwrap()).unwrap().invoice;
        let out = dir.path().join(format!("out-{name}"));
        std::fs::write(&out, write_invoice(&model).unwrap()).unwrap();
        originals.push(orig);
        written.push(out);
    }
    let before = run_oracle(&python, &originals);
    let after = run_oracle(&python, &written);
    let mut failures = Vec::new();
    for (i, path) in files.iter().enumerate() {
        let name = format!("{i:03}.xml");
        let (Some(b), Some(a)) = (
            before.get(&format!("orig-{name}")),
            after.get(&format!("out-{name}")),
        ) else {
            failures.push(format!("{}: no oracle answer", path.display()));
            continue;
        };
        let new: Vec<_> = a.fatal.difference(&b.fatal).collect();
        if !new.is_empty() || (b.xsd_valid && !a.xsd_valid) {
            failures.push(format!(
                "{}: new fatal {new:?}, xsd before {} after {}",
                path.display(),
                b.xsd_valid,
                a.xsd_valid
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!(
        "oracle: {} written corpus documents break no new rule",
        files.len()
    );
}
