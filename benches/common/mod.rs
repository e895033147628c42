//! What both benches share: the sizes to run, percentiles, millisecond display.

use std::time::Duration;

/// Record counts to measure: NGOAIVU_BENCH_SIZES (comma-separated), else 100k and 1M under
/// `cargo bench`, else a quick 2k (`cargo test --benches` runs benches without `--bench`).
pub fn sizes() -> Vec<usize> {
    let benching = std::env::args().any(|a| a == "--bench");
    match std::env::var("NGOAIVU_BENCH_SIZES") {
        Ok(s) => s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
        Err(_) if benching => vec![100_000, 1_000_000],
        Err(_) => vec![2_000],
    }
}

/// The `p` quantile (0..=1) of sorted durations.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

pub fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

/// Sorts `times` and prints one line: count, p50, p99 and max. Returns the p99.
#[allow(dead_code)] // the server-side benches use it, the others do not
pub fn report(name: &str, times: &mut [Duration]) -> Duration {
    times.sort();
    let p99 = percentile(times, 0.99);
    println!(
        "  {name:<46} n={:<6} p50 {:>10}  p99 {:>10}  max {:>10}",
        times.len(),
        ms(percentile(times, 0.5)),
        ms(p99),
        ms(*times.last().unwrap())
    );
    p99
}
