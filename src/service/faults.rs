//! `NGOAIVU_FAULTS`: a server whose database file fails on command, for the reliability
//! tests (`tests/io_faults.rs`). `NGOAIVU_FAULTS=write` (or `read`, `sync`, `set_len`, a
//! comma-separated list, each optionally `:N` for the N-th call) arms the faults each time
//! the server receives SIGUSR2. Unset, nothing is registered and nothing can fail this way.

use crate::store::disk::{Faults, Op};
use std::sync::Arc;

/// The operations and which of their calls fail, from the variable's text.
pub fn parse(spec: &str) -> Result<Vec<(Op, u64)>, String> {
    spec.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|item| {
            let (name, nth) = item.split_once(':').unwrap_or((item, "1"));
            let op = Op::parse(name).ok_or_else(|| {
                format!("NGOAIVU_FAULTS: unknown operation {name:?} (read, write, sync, set_len)")
            })?;
            let nth =
                nth.parse::<u64>().ok().filter(|n| *n > 0).ok_or_else(|| {
                    format!("NGOAIVU_FAULTS: {nth:?} is not a call number (1, 2, …)")
                })?;
            Ok((op, nth))
        })
        .collect()
}

/// Arms `plan` on every SIGUSR2. The handler only stores into atomics.
pub fn arm_on_signal(faults: Arc<Faults>, plan: Vec<(Op, u64)>) -> std::io::Result<()> {
    // SAFETY: the handler allocates nothing and takes no lock: `arm` is an atomic store.
    unsafe {
        signal_hook::low_level::register(signal_hook::consts::SIGUSR2, move || {
            for (op, nth) in &plan {
                faults.arm(*op, *nth);
            }
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_is_read_and_mistakes_are_named() {
        assert_eq!(
            parse("write, sync:3").unwrap(),
            vec![(Op::Write, 1), (Op::Sync, 3)]
        );
        assert!(parse("wirte").unwrap_err().contains("\"wirte\""));
        assert!(parse("read:0").unwrap_err().contains("call number"));
    }
}
