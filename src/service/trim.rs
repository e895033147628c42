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

/// Large blocks (128 KiB and up: a common word's candidates, a long posting list as it
/// grows) straight from the system and back to it when freed. glibc otherwise raises this
/// threshold to the largest block freed so far (up to 32 MiB), after which such blocks come
/// from the arenas and leave holes there that no trim returns. Measured on the load test
/// (40 users, 1M records, 10 min): the server at 557 MiB once searchable and 769 MiB after
/// minute 2 without this, 418 and 591 MiB with it.
pub(super) fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a parameter of the allocator; called before the threads.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}

/// glibc's own starting threshold, kept fixed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 128 << 10;

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

    /// Whether glibc took `block` straight from the system: the IS_MMAPPED bit of the
    /// chunk's size word, just before the block.
    fn mmapped(block: &[u8]) -> bool {
        // SAFETY: every glibc malloc block is preceded by its chunk's size word.
        let size = unsafe { *(block.as_ptr() as *const usize).sub(1) };
        size & 2 != 0
    }

    #[test]
    fn large_blocks_stay_mapped_after_a_larger_one_is_freed() {
        // Other tests of this process free large blocks into the arenas they share (an
        // index build's arrays); a 1 MiB request is then served from such a free chunk
        // whatever the threshold. So the check runs alone, in a child process of this
        // test binary.
        const ALONE: &str = "NGOAIVU_TRIM_TEST_ALONE";
        if std::env::var_os(ALONE).is_none() {
            let name = "service::trim::tests::large_blocks_stay_mapped_after_a_larger_one_is_freed";
            let out = std::process::Command::new(std::env::current_exe().unwrap())
                .args(["--exact", name, "--test-threads=1", "--nocapture"])
                .env(ALONE, "1")
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success() && text.contains("1 passed"),
                "the check alone failed:\n{text}{}",
                String::from_utf8_lossy(&out.stderr)
            );
            return;
        }
        super::tune_allocator();
        // Untuned, freeing this raises glibc's threshold to 8 MiB…
        let big = vec![1u8; 8 << 20];
        assert!(mmapped(&big));
        drop(big);
        // …and a 1 MiB block would then come from an arena.
        let block = vec![1u8; 1 << 20];
        assert!(mmapped(&block), "a 1 MiB block came from an arena");
        let small = vec![1u8; 16 << 10];
        assert!(!mmapped(&small), "small blocks still come from the arenas");
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
