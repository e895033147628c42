//! What search is measured against, on the same records in the same run: a full scan with
//! fuzzy-matcher's SkimMatcherV2 over every record's folded text, and `fzf --filter` over the
//! same text as one line per record (when fzf is installed).

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// SkimMatcherV2 over every haystack, the best 20 kept: the time per query.
pub fn skim(haystacks: &[String], queries: &[&str]) -> Vec<Duration> {
    let matcher = SkimMatcherV2::default();
    queries
        .iter()
        .map(|query| {
            let pattern = ngoaivu::text::fold::fold(query);
            let t = Instant::now();
            let mut best: Vec<i64> = haystacks
                .iter()
                .filter_map(|h| matcher.fuzzy_match(h, &pattern))
                .collect();
            best.sort_unstable_by(|a, b| b.cmp(a));
            best.truncate(20);
            t.elapsed()
        })
        .collect()
}

/// `fzf --filter QUERY` over the haystacks as lines of a file: the time per query, or `None`
/// when fzf is not installed.
pub fn fzf(haystacks: &[String], queries: &[&str]) -> Option<Vec<Duration>> {
    let found = Command::new("fzf")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        return None;
    }
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join("records.txt");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).ok()?);
    for h in haystacks {
        writeln!(file, "{h}").ok()?;
    }
    file.flush().ok()?;
    drop(file);
    let times = queries
        .iter()
        .map(|query| {
            let pattern = ngoaivu::text::fold::fold(query);
            let input = std::fs::File::open(&path).expect("records file");
            let t = Instant::now();
            let status = Command::new("fzf")
                .arg("--filter")
                .arg(&pattern)
                .stdin(input)
                .stdout(Stdio::null())
                .status()
                .expect("fzf");
            // 1 is "no match", not a failure.
            assert!(status.code().is_some_and(|c| c <= 1), "fzf: {status}");
            t.elapsed()
        })
        .collect();
    Some(times)
}
