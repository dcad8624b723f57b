//! Per-invoice cost of (a) reading UBL into the model and (b) writing it,
//! each next to a baseline measured in the same run: a bare quick-xml event
//! scan (`Reader::read_event_into` loop) over the same bytes.
//!
//! Run: `cargo bench --bench ubl`. Prints a table of medians and ratios and
//! writes it to `<criterion dir>/ubl-ratios.md`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, Throughput};
use quick_xml::Reader;
use quick_xml::events::Event;

/// Representative documents: (label, path under shared/validation/testcases).
const DOCUMENTS: &[(&str, &str)] = &[
    (
        "anaf_accepted_small",
        "cius-ro/oca-anaf-accepted/5004879752.xml",
    ),
    (
        "cius_ro_b2g_example",
        "cius-ro/phive-1.0.9/ubl_b2g_example1.xml",
    ),
    (
        "en16931_max_content",
        "en16931/testfiles/Invoice-Max_content.xml",
    ),
    (
        "creditnote_max_content",
        "en16931/testfiles/CreditNote-Max_content.xml",
    ),
    (
        "attachment_3mb",
        "en16931/examples/FT G2G_TD01 con Allegato, Bonifico e Split Payment.xml",
    ),
];

fn testcases_dir() -> PathBuf {
    match std::env::var_os("SPVDESK_CONFORMANCE_DIR") {
        Some(d) => PathBuf::from(d).join("testcases"),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/validation/testcases"),
    }
}

/// The baseline: pull every event out of the document and do nothing with it.
fn scan(bytes: &[u8]) -> usize {
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut events = 0usize;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => {
                black_box(&e);
                events += 1;
            }
        }
        buf.clear();
    }
    events
}

fn bench(c: &mut Criterion, available: &[(&str, Vec<u8>)]) {
    for (label, bytes) in available {
        let model = spvdesk::ubl::read_invoice(bytes)
            .expect("corpus document reads")
            .invoice;
        let written = spvdesk::ubl::write_invoice(&model).expect("writes");
        let mut group = c.benchmark_group(*label);
        if bytes.len() > 1_000_000 {
            group.sample_size(10);
        }
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function("read_invoice", |b| {
            b.iter(|| spvdesk::ubl::read_invoice(black_box(bytes)))
        });
        group.bench_function("scan_input", |b| b.iter(|| scan(black_box(bytes))));
        group.throughput(Throughput::Bytes(written.len() as u64));
        group.bench_function("write_invoice", |b| {
            b.iter(|| spvdesk::ubl::write_invoice(black_box(&model)))
        });
        group.bench_function("scan_output", |b| b.iter(|| scan(black_box(&written))));
        group.finish();
    }
}

fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    );
    target.join("criterion")
}

fn median_ns(dir: &Path, group: &str, function: &str) -> Option<f64> {
    let path = dir.join(group).join(function).join("new/estimates.json");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    json["median"]["point_estimate"].as_f64()
}

fn human(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else {
        format!("{:.1} µs", ns / 1e3)
    }
}

fn report(available: &[(&str, Vec<u8>)]) {
    let dir = criterion_dir();
    let mut table = String::from(
        "| document | bytes | what | median | baseline (quick-xml scan) median | ratio |\n|---|---:|---|---:|---:|---:|\n",
    );
    for (label, bytes) in available {
        for (what, function, baseline) in [
            ("read into model", "read_invoice", "scan_input"),
            ("write UBL", "write_invoice", "scan_output"),
        ] {
            if let (Some(m), Some(b)) = (
                median_ns(&dir, label, function),
                median_ns(&dir, label, baseline),
            ) {
                table.push_str(&format!(
                    "| {label} | {} | {what} | {} | {} | {:.1}× |\n",
                    bytes.len(),
                    human(m),
                    human(b),
                    m / b
                ));
            }
        }
    }
    println!("\n{table}");
    let out = dir.join("ubl-ratios.md");
    if std::fs::write(&out, &table).is_ok() {
        println!("written to {}", out.display());
    }
}

fn main() {
    let base = testcases_dir();
    let available: Vec<(&str, Vec<u8>)> = DOCUMENTS
        .iter()
        .filter_map(|(label, rel)| std::fs::read(base.join(rel)).ok().map(|b| (*label, b)))
        .collect();
    if available.is_empty() {
        eprintln!(
            "SKIPPED: UBL benchmarks because the corpus {} is absent",
            base.display()
        );
        return;
    }
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    bench(&mut c, &available);
    c.final_summary();
    report(&available);
}
