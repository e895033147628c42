//! Giving freed memory back to the system (glibc's per-thread arenas).

/// glibc keeps what a thread frees in that thread's arena (a thread per connection, up to
/// 8 arenas per core) rather than giving it back, so each connection's largest searches
/// stay resident. The load test (`benches/load.rs`, 40 users over 1M records, 10 min)
/// ended at 1,093 MiB resident without this and at 834 MiB with it; `malloc_trim` hands
/// every arena's free pages back.
pub(super) fn give_back_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks the allocator's own free lists.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    fn resident_mib() -> f64 {
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let kb: f64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap();
        kb / 1024.0
    }

    #[test]
    fn memory_a_connection_thread_freed_goes_back_to_the_system() {
        // A thread of its own (as each connection is) fills 128 MiB in blocks below the
        // mmap threshold and frees all but the last; that one keeps its arena from
        // shrinking, so the freed pages stay resident until trimmed.
        let pin = std::thread::spawn(|| {
            let mut blocks: Vec<Vec<u8>> = (0..8192).map(|_| vec![1u8; 16 << 10]).collect();
            let pin = blocks.pop().unwrap();
            drop(blocks);
            pin
        })
        .join()
        .unwrap();
        let before = resident_mib();
        super::give_back_memory();
        let after = resident_mib();
        assert!(
            before - after >= 48.0,
            "resident {before:.0} MiB before the trim, {after:.0} MiB after"
        );
        drop(pin);
    }
}
