//! Full validation per invoice next to a bare quick-xml event scan of the same bytes (issue #4,
//! acceptance 3). `cargo bench --bench full` (release profile, no criterion: the oracle's own
//! protocol is what the acceptance compares against).
//!
//! Documents: the 70 full example invoices the oracle's `bench.py` uses, in its order (EN16931
//! examples and test files, CIUS-RO examples; 1.9 KB to 3.2 MB), read from
//! `../shared/validation/testcases` (or `SPVDESK_CONFORMANCE_DIR`). Protocol of `bench.py`: one
//! warm-up pass, then 3 timed passes; median and p90 over the 210 per-invoice timings. Every
//! measured function runs on the same bytes in the same process, pass after pass, so the ratios
//! are comparable even on a noisy machine.
//!
//! Besides the two headline figures it prints the parts of full validation separately (quick
//! validation alone, the tree alone, each rule set on a ready tree) so a slowdown can be placed.
//! The last line (`RESULT ...`) is read by `scripts/bench-full`.

#[path = "support/baseline.rs"]
mod baseline;

use std::hint::black_box;

use baseline::{corpus, scan, scan_ns};
use std::time::Instant;

use spvdesk::validation::Limits;
use spvdesk::validation::full::doc::Doc;
use spvdesk::validation::full::{en, ro, validate_full};
use spvdesk::validation::quick::tokenizer::{Token, Tokenizer};
use spvdesk::validation::quick::validate_quick;

/// Our tokenizer alone: tokens counted until the end or the first error.
fn tokens(bytes: &[u8]) -> usize {
    let mut tokenizer = Tokenizer::new(bytes);
    let mut n = 0;
    while let Ok(token) = tokenizer.next_token() {
        if matches!(token, Token::Eof) {
            break;
        }
        n += 1;
    }
    n
}

struct Stats {
    median: f64,
    p90: f64,
    max: f64,
    total: f64,
}

/// `bench.py`'s protocol: one warm-up pass, then 3 timed passes over all invoices; `prepare`
/// runs outside the timing (e.g. parsing the tree for the rule-only measurements).
fn per_invoice<T>(
    docs: &[(String, Vec<u8>)],
    prepare: &dyn Fn(&[u8]) -> T,
    f: &dyn Fn(&[u8], &T),
) -> Stats {
    let prepared: Vec<T> = docs.iter().map(|(_, b)| prepare(b)).collect();
    for ((_, bytes), p) in docs.iter().zip(&prepared) {
        f(bytes, p);
    }
    let mut times: Vec<f64> = Vec::new();
    for _ in 0..passes() {
        for ((_, bytes), p) in docs.iter().zip(&prepared) {
            let t = Instant::now();
            f(bytes, p);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    stats(times)
}

/// Median, p90 and max with `bench.py`'s conventions (`statistics.median`, `sorted[int(0.9 n)]`).
fn stats(mut times: Vec<f64>) -> Stats {
    let total = times.iter().sum::<f64>() / passes() as f64;
    times.sort_by(f64::total_cmp);
    let n = times.len();
    let median = if n % 2 == 1 {
        times[n / 2]
    } else {
        (times[n / 2 - 1] + times[n / 2]) / 2.0
    };
    Stats {
        median,
        p90: times[(n * 9 / 10).min(n - 1)],
        max: times[n - 1],
        total,
    }
}

/// Timed passes: 3 as in `bench.py`, or `FULL_BENCH_PASSES` when tuning on a noisy machine.
fn passes() -> usize {
    std::env::var("FULL_BENCH_PASSES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3)
}

/// Like [`per_invoice`] for two functions timed one after the other on each file. Also returns
/// the median over files of each file's best time (less sensitive to other processes).
fn paired(
    docs: &[(String, Vec<u8>)],
    f: &dyn Fn(&[u8]),
    g: &dyn Fn(&[u8]),
) -> (Stats, Stats, f64, f64) {
    for (_, bytes) in docs {
        f(bytes);
        g(bytes);
    }
    let (mut tf, mut tg) = (Vec::new(), Vec::new());
    let mut best = vec![(f64::MAX, f64::MAX); docs.len()];
    for _ in 0..passes() {
        for ((_, bytes), best) in docs.iter().zip(&mut best) {
            let t = Instant::now();
            f(bytes);
            let a = t.elapsed().as_secs_f64() * 1000.0;
            let t = Instant::now();
            g(bytes);
            let b = t.elapsed().as_secs_f64() * 1000.0;
            tf.push(a);
            tg.push(b);
            *best = (best.0.min(a), best.1.min(b));
        }
    }
    let best_f = stats(best.iter().map(|b| b.0).collect()).median;
    let best_g = stats(best.iter().map(|b| b.1).collect()).median;
    (stats(tf), stats(tg), best_f, best_g)
}

fn print(label: &str, s: &Stats, base: &Stats) {
    println!(
        "{label:<34} median {:>8.4} ms  p90 {:>8.4} ms  max {:>7.3} ms  all files {:>7.2} ms  median/scan {:>5.2}x",
        s.median,
        s.p90,
        s.max,
        s.total,
        s.median / base.median
    );
}

fn main() {
    // `cargo bench` passes `--bench`; a name filter is not supported.
    let Some(docs) = corpus() else {
        eprintln!(
            "SKIPPED: benches/full because the corpus under ../shared/validation/testcases is absent"
        );
        return;
    };
    let limits = Limits {
        max_findings: 100_000,
        ..Limits::default()
    };
    let total: usize = docs.iter().map(|(_, b)| b.len()).sum();
    println!(
        "{} invoices, {} bytes; {} cpus",
        docs.len(),
        total,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    // For `perf record` / `perf stat`: run one function (`FULL_BENCH_LOOP_FN`: full, quick,
    // qtree (quick validation building the tree), parse (Doc::parse), scan, tokens, en, ro,
    // rules (en and ro); default full) over the corpus `FULL_BENCH_LOOP_ITERS` times, nothing else.
    if let Some(iters) = std::env::var("FULL_BENCH_LOOP_ITERS")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
    {
        // Optionally only files of some sizes (e.g. without the 3.2 MB attachment).
        let max = std::env::var("FULL_BENCH_MAX_BYTES")
            .ok()
            .and_then(|s| s.parse::<usize>().ok())
            .unwrap_or(usize::MAX);
        let min = std::env::var("FULL_BENCH_MIN_BYTES")
            .ok()
            .and_then(|s| s.parse::<usize>().ok())
            .unwrap_or(0);
        let which = std::env::var("FULL_BENCH_LOOP_FN").unwrap_or_default();
        let chosen: Vec<&(String, Vec<u8>)> = docs
            .iter()
            .filter(|(_, b)| (min..=max).contains(&b.len()))
            .collect();
        // `en`, `ro` and `rules` run the rule sets on trees parsed before the loop, so a profile
        // shows the rules only.
        if which == "en" || which == "ro" || which == "rules" {
            let trees: Vec<Doc> = chosen
                .iter()
                .filter_map(|(_, b)| Doc::parse(b, &limits).ok())
                .collect();
            for _ in 0..iters {
                for doc in &trees {
                    if which == "en" {
                        black_box(en::check(black_box(doc)));
                    } else if which == "rules" {
                        black_box((
                            en::check(black_box(doc)).len(),
                            ro::check(black_box(doc)).len(),
                        ));
                    } else {
                        black_box(ro::check(black_box(doc)));
                    }
                }
            }
            return;
        }
        for _ in 0..iters {
            for (_, bytes) in chosen.iter().copied() {
                match which.as_str() {
                    "scan" => {
                        black_box(scan(black_box(bytes)));
                    }
                    "tokens" => {
                        black_box(tokens(black_box(bytes)));
                    }
                    "quick" => {
                        black_box(validate_quick(black_box(bytes), &limits));
                    }
                    "qtree" => {
                        black_box(spvdesk::validation::quick::validate_quick_with_tree(
                            black_box(bytes),
                            &limits,
                        ));
                    }
                    "parse" => {
                        black_box(Doc::parse(black_box(bytes), &limits).ok());
                    }
                    _ => {
                        black_box(validate_full(black_box(bytes), &limits));
                    }
                }
            }
        }
        return;
    }
    let none = |_: &[u8]| ();
    let tree = |b: &[u8]| Doc::parse(b, &limits).ok();

    // The headline pair is timed file by file in alternation, so load changes on the shared
    // machine hit both alike.
    let (full, bare, full_best, bare_best) = paired(
        &docs,
        &|b| {
            black_box(validate_full(black_box(b), &limits));
        },
        &|b| {
            black_box(scan(black_box(b)));
        },
    );
    print("full validation (validate_full)", &full, &bare);
    print("bare quick-xml scan", &bare, &bare);
    println!(
        "median of per-file best times: full {full_best:.4} ms, bare scan {bare_best:.4} ms, ratio {:.2}x",
        full_best / bare_best
    );

    println!("parts:");
    // bench.py's protocol exactly (one function, pass after pass): the headline alternates with
    // the scan file by file, which leaves each validation colder caches and branch history.
    let alone = per_invoice(&docs, &none, &|b, _| {
        black_box(validate_full(black_box(b), &limits));
    });
    print("  full validation, not alternated", &alone, &bare);
    let ns = per_invoice(&docs, &none, &|b, _| {
        black_box(scan_ns(black_box(b)));
    });
    print("  quick-xml scan with namespaces", &ns, &bare);
    let ours = per_invoice(&docs, &none, &|b, _| {
        black_box(tokens(black_box(b)));
    });
    print(
        "  our tokenizer alone (what validation reads with)",
        &ours,
        &bare,
    );
    let quick = per_invoice(&docs, &none, &|b, _| {
        black_box(validate_quick(black_box(b), &limits));
    });
    print("  quick validation alone", &quick, &bare);
    // What full validation costs before any rule runs: the floor a faster rule engine could reach.
    let quick_tree = per_invoice(&docs, &none, &|b, _| {
        black_box(spvdesk::validation::quick::validate_quick_with_tree(
            black_box(b),
            &limits,
        ));
    });
    print("  quick validation building the tree", &quick_tree, &bare);
    let parse = per_invoice(&docs, &none, &|b, _| {
        black_box(Doc::parse(black_box(b), &limits).ok());
    });
    print("  Doc::parse alone", &parse, &bare);
    let ro_rules = per_invoice(&docs, &tree, &|_, doc| {
        if let Some(doc) = doc {
            black_box(ro::check(black_box(doc)));
        }
    });
    print("  CIUS-RO rules on a ready tree", &ro_rules, &bare);
    let en_rules = per_invoice(&docs, &tree, &|_, doc| {
        if let Some(doc) = doc {
            black_box(en::check(black_box(doc)));
        }
    });
    print("  EN 16931 rules on a ready tree", &en_rules, &bare);

    println!(
        "RESULT full_median_ms={:.5} full_p90_ms={:.5} scan_median_ms={:.5} scan_p90_ms={:.5} quick_tree_median_ms={:.5} files={}",
        full.median,
        full.p90,
        bare.median,
        bare.p90,
        quick_tree.median,
        docs.len()
    );
}
