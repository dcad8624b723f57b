//! Acceptance 2: generated invoices and credit notes round-trip exactly and
//! pass the official rules (ANAF 1.0.9 bundle) with no fatal error.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;

use spvdesk::domain::DocumentKind;
use spvdesk::ubl::{read_invoice, write_invoice};

use crate::invoice_gen::generate;
use crate::shared_data::{conformance_dir, is_ci};

const COUNT: usize = 240;

#[test]
fn generated_documents_round_trip_and_are_consistent() {
    let invoices = generate(COUNT);
    let credit_notes = invoices
        .iter()
        .filter(|i| i.kind == DocumentKind::CreditNote)
        .count();
    assert!(credit_notes >= 40, "only {credit_notes} credit notes");
    assert!(invoices.iter().any(|i| i.currency != "RON"));
    for (i, inv) in invoices.iter().enumerate() {
        assert_eq!(inv.validate_consistency(), Ok(()), "document {i}");
        let xml = write_invoice(inv).unwrap();
        let back = read_invoice(&xml).unwrap();
        assert!(
            back.unmapped.is_empty(),
            "document {i}: {:?}",
            back.unmapped
        );
        assert_eq!(&back.invoice, inv, "document {i} changed in the round trip");
    }
}

#[test]
fn generated_documents_pass_the_official_rules() {
    let Some(venv) = std::env::var_os("ORACLE_VENV") else {
        let message = "SKIPPED: oracle check of generated invoices because ORACLE_VENV is not set \
                       (run shared/validation/oracle/setup.sh and export ORACLE_VENV)";
        assert!(!is_ci(), "{message}");
        eprintln!("{message}");
        return;
    };
    let python = PathBuf::from(venv).join("bin/python");
    let script = conformance_dir().join("oracle/validate.py");
    assert!(
        python.exists(),
        "{} missing: run the oracle setup.sh",
        python.display()
    );
    assert!(script.exists(), "{} missing", script.display());

    let dir = tempfile::tempdir().unwrap();
    let invoices = generate(COUNT);
    for (i, inv) in invoices.iter().enumerate() {
        std::fs::write(
            dir.path().join(format!("gen-{i:03}.xml")),
            write_invoice(inv).unwrap(),
        )
        .unwrap();
    }
    let output = Command::new(&python)
        .arg(&script)
        .args(["--profile", "anaf"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let mut results: HashMap<String, serde_json::Value> = HashMap::new();
    for line in stdout.lines().filter(|l| l.starts_with('{')) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let file = v["file"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .to_owned();
        results.insert(file, v);
    }
    let mut failures = Vec::new();
    for i in 0..invoices.len() {
        let name = format!("gen-{i:03}.xml");
        let Some(r) = results.get(&name) else {
            failures.push(format!(
                "{name}: no oracle answer (stderr: {})",
                String::from_utf8_lossy(&output.stderr)
            ));
            continue;
        };
        let fatal = r["fatal"].as_u64().unwrap_or(u64::MAX);
        let xsd_ok = r["xsd"]["valid"].as_bool().unwrap_or(false);
        let aborted = r
            .get("stage_errors")
            .is_some_and(|s| s.as_array().is_some_and(|a| !a.is_empty()));
        if fatal != 0 || !xsd_ok || aborted {
            let keep = dir.path().join(&name);
            failures.push(format!(
                "{name}: fatal={fatal} xsd_valid={xsd_ok} aborted={aborted} ids={} xsd_errors={} ({})",
                r["ids"], r["xsd"]["errors"], keep.display()
            ));
        }
    }
    if !failures.is_empty() {
        // Keep the files for inspection.
        let kept = dir.keep();
        panic!(
            "{} of {} generated documents fail the official rules (files in {}):\n{}",
            failures.len(),
            invoices.len(),
            kept.display(),
            failures.join("\n")
        );
    }
    eprintln!("oracle: {} generated documents, 0 fatal", invoices.len());
    if std::env::var_os("SPVDESK_KEEP_GENERATED").is_some() {
        eprintln!("generated documents kept in {}", dir.keep().display());
    }
}
