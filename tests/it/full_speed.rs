//! Timing of full validation over the whole shared corpus (run with
//! `cargo test --release --test it full_speed -- --ignored --nocapture`).

use std::path::PathBuf;
use std::time::Instant;

use spvdesk::validation::Limits;
use spvdesk::validation::full::validate_full;

use crate::bundle_common::{conformance_dir, xml_files};

#[test]
#[ignore = "timing only; run in release with --ignored"]
fn full_speed() {
    let base = conformance_dir();
    let files = xml_files(&base.join("testcases"), false);
    if files.is_empty() {
        eprintln!(
            "SKIPPED: full_speed because no corpus under {}",
            base.display()
        );
        return;
    }
    let docs: Vec<(PathBuf, Vec<u8>)> = files
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(&f).unwrap();
            (f, bytes)
        })
        .collect();
    let total_bytes: usize = docs.iter().map(|(_, b)| b.len()).sum();
    let start = Instant::now();
    let mut slowest = (std::time::Duration::ZERO, PathBuf::new());
    for (path, bytes) in &docs {
        let t = Instant::now();
        let _ = validate_full(bytes, &Limits::default());
        let took = t.elapsed();
        if took > slowest.0 {
            slowest = (took, path.clone());
        }
    }
    let all = start.elapsed();
    eprintln!(
        "{} documents, {:.1} MB in {:.0} ms ({:.2} ms/doc); slowest {:.1} ms: {}",
        docs.len(),
        total_bytes as f64 / 1e6,
        all.as_secs_f64() * 1e3,
        all.as_secs_f64() * 1e3 / docs.len() as f64,
        slowest.0.as_secs_f64() * 1e3,
        slowest.1.display()
    );
}
