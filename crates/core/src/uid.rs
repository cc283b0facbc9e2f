//! Identifiers for programmes and their parts: unique enough for one user's
//! database and its exchange files, without a dependency on a UUID crate.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A new identifier such as `k3f9a0c21b7e-0004`: the time in nanoseconds,
/// mixed with the process id, and a counter so that two calls in the same
/// nanosecond still differ.
pub fn new_uid() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let mixed = nanos ^ (u64::from(std::process::id()) << 40);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("k{mixed:x}-{n:04x}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn uids_differ() {
        let a: std::collections::HashSet<String> = (0..1000).map(|_| super::new_uid()).collect();
        assert_eq!(a.len(), 1000);
    }
}
