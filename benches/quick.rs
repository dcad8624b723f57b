//! Quick validation per invoice next to a bare quick-xml event scan of the same bytes.
//!
//! Documents: the 70 full example invoices the oracle's `bench.py` uses (EN16931 examples and
//! test files, CIUS-RO examples; 1.9 KB to 3.2 MB), read from `../shared/validation/testcases`
//! (or `SPVDESK_CONFORMANCE_DIR`). Run: `cargo bench --bench quick`.

#[path = "support/baseline.rs"]
mod baseline;

use std::hint::black_box;

use baseline::{corpus, scan, scan_ns};
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use spvdesk::validation::{Limits, Mode, validate};

/// The oracle's `bench.py` protocol: one warm-up pass, then 3 timed passes over the 70
/// invoices; median, p90 and max over the 210 per-invoice timings (milliseconds).
fn per_invoice(label: &str, docs: &[(String, Vec<u8>)], f: &dyn Fn(&[u8])) {
    for (_, bytes) in docs {
        f(bytes);
    }
    let mut times: Vec<f64> = Vec::new();
    for _ in 0..3 {
        for (_, bytes) in docs {
            let t = Instant::now();
            f(bytes);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    eprintln!(
        "per-invoice {label}: median {:.4} ms, p90 {:.4} ms, max {:.3} ms ({} timings)",
        at(0.5),
        at(0.9),
        at(1.0),
        times.len()
    );
}

fn bench(c: &mut Criterion) {
    let Some(docs) = corpus() else {
        eprintln!(
            "SKIPPED: benches/quick because the corpus under ../shared/validation/testcases is absent"
        );
        return;
    };
    let limits = Limits::default();
    for (name, bytes) in &docs {
        assert!(
            validate(bytes, Mode::Quick, &limits).is_valid(),
            "{name} should be valid"
        );
    }
    let total: usize = docs.iter().map(|(_, b)| b.len()).sum();
    eprintln!("{} documents, {} bytes", docs.len(), total);
    per_invoice("quick_validate", &docs, &|b| {
        black_box(validate(black_box(b), Mode::Quick, &limits));
    });
    per_invoice("quick_xml_scan", &docs, &|b| {
        black_box(scan(black_box(b)));
    });

    let mut all = c.benchmark_group("all_70_examples");
    all.throughput(Throughput::Bytes(u64::try_from(total).unwrap_or(u64::MAX)));
    all.bench_function("quick_validate", |b| {
        b.iter(|| {
            for (_, bytes) in &docs {
                black_box(validate(black_box(bytes), Mode::Quick, &limits));
            }
        })
    });
    all.bench_function("quick_xml_scan", |b| {
        b.iter(|| {
            for (_, bytes) in &docs {
                black_box(scan(black_box(bytes)));
            }
        })
    });
    all.bench_function("quick_xml_ns_scan", |b| {
        b.iter(|| {
            for (_, bytes) in &docs {
                black_box(scan_ns(black_box(bytes)));
            }
        })
    });
    all.finish();

    // A typical Romanian invoice (ANAF-accepted, ~5 KB) and the largest example (3.2 MB, mostly
    // an embedded base64 attachment).
    let typical = docs.iter().find(|(n, _)| n == "5004879752.xml");
    let largest = docs.iter().max_by_key(|(_, b)| b.len());
    for (label, doc) in [("typical", typical), ("largest", largest)] {
        let Some((name, bytes)) = doc else { continue };
        let mut g = c.benchmark_group(format!("{label}_{name}"));
        g.throughput(Throughput::Bytes(
            u64::try_from(bytes.len()).unwrap_or(u64::MAX),
        ));
        g.bench_function("quick_validate", |b| {
            b.iter(|| black_box(validate(black_box(bytes), Mode::Quick, &limits)))
        });
        g.bench_function("quick_xml_scan", |b| {
            b.iter(|| black_box(scan(black_box(bytes))))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
