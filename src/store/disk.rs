//! The file under redb: redb's own `FileBackend`, watched. Any failed read, write, sync or
//! resize makes redb refuse every later operation (`PreviousIo`) until the database is
//! opened again, so the backend raises a flag and the store reopens the file before its next
//! transaction (`Store::db`): one failed write costs that write, never the server.
//!
//! For tests it also fails an operation on command ([`Faults`]), the way redb's own fault
//! tests do, so the proof runs over the real file and the real server.

use redb::backends::FileBackend;
use redb::{BackendError, StorageBackend};
use std::fs::File;
use std::ops::Bound;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering};

/// The operations a fault can be injected into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Read,
    Write,
    Sync,
    SetLen,
}

impl Op {
    pub const ALL: [Op; 4] = [Op::Read, Op::Write, Op::Sync, Op::SetLen];

    pub fn name(self) -> &'static str {
        match self {
            Op::Read => "read",
            Op::Write => "write",
            Op::Sync => "sync",
            Op::SetLen => "set_len",
        }
    }

    pub fn parse(name: &str) -> Option<Op> {
        Op::ALL.into_iter().find(|op| op.name() == name)
    }
}

/// Faults armed by a test: for each operation, fail its n-th call from the arming (0: off).
/// Shared by every reopening of the file, so a fault survives the reopen it causes only if
/// it was armed again.
#[derive(Debug, Default)]
pub struct Faults {
    countdown: [AtomicU64; 4],
    /// The OS error a fault carries (0: a plain I/O error).
    errno: [AtomicI32; 4],
    injected: AtomicU64,
}

impl Faults {
    /// The `nth` next call of `op` (1 = the very next) fails with an I/O error, once.
    pub fn arm(&self, op: Op, nth: u64) {
        self.arm_errno(op, nth, 0);
    }

    /// Like `arm`, the failure carrying OS error `errno` (30: the file system turned
    /// read-only, as the kernel does after a disk error).
    pub fn arm_errno(&self, op: Op, nth: u64, errno: i32) {
        self.errno[op as usize].store(errno, Ordering::SeqCst);
        self.countdown[op as usize].store(nth, Ordering::SeqCst);
    }

    pub fn disarm(&self) {
        for c in &self.countdown {
            c.store(0, Ordering::SeqCst);
        }
    }

    /// How many faults have fired so far.
    pub fn injected(&self) -> u64 {
        self.injected.load(Ordering::SeqCst)
    }

    /// Whether this call of `op` is the one to fail. Lock-free: also called from the
    /// server's signal handler path (arming only stores).
    fn fires(&self, op: Op) -> bool {
        let c = &self.countdown[op as usize];
        let fired = c
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                (n > 0).then(|| n - 1)
            })
            .is_ok_and(|n| n == 1);
        if fired {
            self.injected.fetch_add(1, Ordering::SeqCst);
        }
        fired
    }
}

/// `FileBackend` plus the failure flag and the injected faults.
#[derive(Debug)]
pub struct Disk {
    file: FileBackend,
    failed: Arc<AtomicBool>,
    faults: Arc<Faults>,
}

impl Disk {
    pub fn new(
        file: File,
        faults: Arc<Faults>,
    ) -> Result<(Disk, Arc<AtomicBool>), redb::DatabaseError> {
        let failed = Arc::new(AtomicBool::new(false));
        let disk = Disk {
            file: FileBackend::new(file)?,
            failed: failed.clone(),
            faults,
        };
        Ok((disk, failed))
    }

    /// Runs one I/O call: the injected fault first, then the real call; a failure of either
    /// raises the flag.
    fn io<T>(&self, op: Op, call: impl FnOnce() -> std::io::Result<T>) -> std::io::Result<T> {
        let result = if self.faults.fires(op) {
            Err(
                match self.faults.errno[op as usize].load(Ordering::SeqCst) {
                    0 => std::io::Error::other(format!("injected fault: {} failed", op.name())),
                    errno => std::io::Error::from_raw_os_error(errno),
                },
            )
        } else {
            call()
        };
        if result.is_err() {
            self.failed.store(true, Ordering::SeqCst);
        }
        result
    }
}

impl StorageBackend for Disk {
    fn len(&self) -> std::io::Result<u64> {
        self.io(Op::Read, || self.file.len())
    }

    fn read(&self, offset: u64, out: &mut [u8]) -> std::io::Result<()> {
        self.io(Op::Read, || self.file.read(offset, out))
    }

    fn set_len(&self, len: u64) -> std::io::Result<()> {
        self.io(Op::SetLen, || self.file.set_len(len))
    }

    fn sync_data(&self) -> std::io::Result<()> {
        self.io(Op::Sync, || self.file.sync_data())
    }

    fn write(&self, offset: u64, data: &[u8]) -> std::io::Result<()> {
        self.io(Op::Write, || self.file.write(offset, data))
    }

    fn close(&self) -> std::io::Result<()> {
        self.file.close()
    }

    fn try_lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<bool, BackendError> {
        self.file.try_lock_range(start, end)
    }

    fn try_lock_shared_range(
        &self,
        start: Bound<u64>,
        end: Bound<u64>,
    ) -> Result<bool, BackendError> {
        self.file.try_lock_shared_range(start, end)
    }

    fn lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.file.lock_range(start, end)
    }

    fn lock_shared_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.file.lock_shared_range(start, end)
    }

    fn unlock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.file.unlock_range(start, end)
    }

    fn query_lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<bool, BackendError> {
        self.file.query_lock_range(start, end)
    }
}
