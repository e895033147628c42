//! `cargo bench --bench store`: bulk insert rate, durable single-commit latency, full scan
//! and point lookups, at 100k and 1M citizens (NGOAIVU_BENCH_SIZES=10000,50000 to change).

use ngoaivu::demo::DemoGenerator;
use ngoaivu::model::{Kind, RecordData};
use ngoaivu::store::{NewRecord, Store};
mod common;

use common::{ms, percentile};
use std::time::Instant;

const BATCH: usize = 20_000;

fn run(size: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_dir(dir.path()).expect("open");
    let mut generator = DemoGenerator::new(42);

    let started = Instant::now();
    let mut done = 0;
    while done < size {
        let n = BATCH.min(size - done);
        let batch = (0..n)
            .map(|_| NewRecord::new(RecordData::Citizen(generator.citizen())))
            .collect();
        store.create_many("bench", batch).expect("insert");
        done += n;
    }
    let insert = started.elapsed();
    let file_size = std::fs::metadata(dir.path().join(ngoaivu::store::DB_FILE))
        .map(|m| m.len())
        .unwrap_or(0);
    println!("citizens: {size}");
    println!(
        "  bulk insert        {:>10.0} records/s  ({:.2} s, batches of {BATCH}, file {:.0} MiB)",
        size as f64 / insert.as_secs_f64(),
        insert.as_secs_f64(),
        file_size as f64 / 1048576.0
    );

    let mut commits = Vec::new();
    for _ in 0..300 {
        let data = RecordData::Citizen(generator.citizen());
        let t = Instant::now();
        store.create("bench", NewRecord::new(data)).expect("create");
        commits.push(t.elapsed());
    }
    commits.sort();
    println!(
        "  durable commit     p50 {}  p99 {}  (300 single creates)",
        ms(percentile(&commits, 0.5)),
        ms(percentile(&commits, 0.99))
    );

    let t = Instant::now();
    let mut n = 0u64;
    store
        .scan(Kind::Citizen, false, |_| {
            n += 1;
            Ok(())
        })
        .expect("scan");
    let scan = t.elapsed();
    println!(
        "  full scan+decode   {:.3} s  ({:.0} ns/record, {n} records)",
        scan.as_secs_f64(),
        scan.as_nanos() as f64 / n as f64
    );

    let mut by_id = Vec::new();
    let mut by_code = Vec::new();
    let mut x: u64 = 0x9E37_79B9;
    for _ in 0..10_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let id = 1 + x % size as u64;
        let t = Instant::now();
        let r = store.get(Kind::Citizen, id).expect("get").expect("exists");
        by_id.push(t.elapsed());
        let t = Instant::now();
        store
            .get_by_code(&r.meta.code)
            .expect("get")
            .expect("exists");
        by_code.push(t.elapsed());
    }
    by_id.sort();
    by_code.sort();
    println!(
        "  lookup by id       p50 {}  p99 {}",
        ms(percentile(&by_id, 0.5)),
        ms(percentile(&by_id, 0.99))
    );
    println!(
        "  lookup by code     p50 {}  p99 {}",
        ms(percentile(&by_code, 0.5)),
        ms(percentile(&by_code, 0.99))
    );
}

fn main() {
    for size in common::sizes() {
        run(size);
    }
}
