//! Differential test: our EN 16931 findings (ids with their flags) against ANAF's bundle run by
//! the oracle (profile `anaf`), on every corpus document plus any extra case folders. The
//! per-family tool of the helpers writing the EN rules; `bundle_vs_oracle` is the acceptance
//! test over every id (both share one oracle run, see `bundle_common::corpus_oracle`).
//!
//! Env: `ORACLE_VENV` (required), `EN_FAMILIES` = comma-separated id prefixes to compare
//! (default: every EN id of the bundle), `EN_EXTRA_CASES` = extra folders of XML files
//! (`:`-separated), `EN_SHOW` = how many differences to print (default 60).

use std::collections::BTreeSet;
use std::path::Path;

use spvdesk::validation::full::{en, validate_full};

use crate::bundle_common::{Answer, corpus_oracle, limits};

fn compared(id: &str) -> bool {
    if en::rule(id).is_none() {
        return false;
    }
    match std::env::var("EN_FAMILIES") {
        Ok(list) if !list.trim().is_empty() => list.split(',').any(|p| id.starts_with(p.trim())),
        _ => true,
    }
}

fn ours(path: &Path) -> BTreeSet<String> {
    let bytes = std::fs::read(path).unwrap();
    validate_full(&bytes, &limits())
        .findings
        .iter()
        .filter(|f| compared(&f.rule))
        .map(|f| format!("{}:{}", f.rule, f.flag.as_str()))
        .collect()
}

#[test]
fn en_findings_match_the_oracle() {
    let Some(venv) = std::env::var_os("ORACLE_VENV") else {
        eprintln!("SKIPPED: en_vs_oracle because ORACLE_VENV is not set");
        return;
    };
    let lines = corpus_oracle(&Path::new(&venv).join("bin/python"));
    let show: usize = std::env::var("EN_SHOW")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let (mut files, mut aborted, mut differences) = (0usize, 0usize, 0usize);
    for line in lines {
        let ids = match &line.answer {
            Answer::Aborted(_) => {
                aborted += 1;
                continue;
            }
            Answer::Ids(ids) => ids,
        };
        let theirs: BTreeSet<String> = ids
            .iter()
            .filter(|i| compared(i.split(':').next().unwrap_or(i)))
            .cloned()
            .collect();
        let ours = ours(&line.file);
        files += 1;
        if ours != theirs {
            differences += 1;
            if differences <= show {
                let missing: Vec<_> = theirs.difference(&ours).collect();
                let extra: Vec<_> = ours.difference(&theirs).collect();
                eprintln!(
                    "DIFF {}: missing {missing:?}, extra {extra:?}",
                    line.file.display()
                );
            }
        }
    }
    eprintln!(
        "compared {files} files ({aborted} aborted by the official XSLT), {differences} differ"
    );
    assert!(files > 1000, "only {files} files compared");
    assert_eq!(differences, 0);
}
