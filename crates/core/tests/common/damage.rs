//! A database with one damaged page, as a bad sector or an interrupted copy
//! leaves it: random bytes over one whole page in the middle of the file.
//! The file still opens (its first page and its schema are intact), but
//! SQLite cannot read everything in it, so `VACUUM INTO` fails with
//! "database disk image is malformed".
//!
//! Shared with the CLI's tests (`#[path]`), so it uses only the core and
//! rusqlite.

// Each test crate that includes it uses a part of it.
#![allow(dead_code)]

use std::path::Path;

/// What was done to the file.
pub struct Damage {
    /// The damaged page, numbered from 1 as SQLite numbers them.
    pub page: usize,
    /// The file's bytes after the damage.
    pub bytes: Vec<u8>,
}

/// Writes random bytes over one page of the closed database at `db` (no
/// `-wal` beside it), at a page boundary in the middle of the file, such
/// that the database still opens but cannot be copied by SQLite. The seed
/// is printed; `METODIST_DAMAGE_SEED` replays it.
pub fn damage_a_page(db: &Path) -> Damage {
    let wal = format!("{}-wal", db.display());
    assert!(
        !Path::new(&wal).exists(),
        "close the database (and let it checkpoint) before damaging it"
    );
    let seed = std::env::var("METODIST_DAMAGE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        });
    eprintln!("damaging a page with seed {seed} (METODIST_DAMAGE_SEED={seed} replays it)");
    let mut rng = seed | 1;
    let original = std::fs::read(db).unwrap();
    let page_size = match u16::from_be_bytes([original[16], original[17]]) {
        1 => 65_536,
        n => n as usize,
    };
    let pages = original.len() / page_size;
    assert!(
        pages >= 8,
        "the database is too small to damage: {pages} pages"
    );
    // From the middle of the file towards its end, then the first half
    // (never page 1, which holds the header and the schema's root).
    let candidates = (pages / 2..pages).chain(1..pages / 2);
    for index in candidates {
        let mut bytes = original.clone();
        for byte in &mut bytes[index * page_size..(index + 1) * page_size] {
            *byte = next(&mut rng);
        }
        std::fs::write(db, &bytes).unwrap();
        if opens_but_cannot_be_copied(db) {
            assert_eq!(
                std::fs::read(db).unwrap(),
                bytes,
                "the probe changed the file"
            );
            eprintln!("page {} of {pages} damaged ({page_size} bytes)", index + 1);
            return Damage {
                page: index + 1,
                bytes,
            };
        }
    }
    std::fs::write(db, &original).unwrap();
    panic!("no page of {pages} whose damage keeps the database openable but not copyable");
}

fn next(state: &mut u64) -> u8 {
    // xorshift64*: enough for noise, and repeatable from the seed.
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
}

fn opens_but_cannot_be_copied(db: &Path) -> bool {
    let opens = metodist_core::Store::open(db).is_ok();
    let scratch = tempfile::tempdir().unwrap();
    let copy = scratch.path().join("copy.sqlite3");
    let copied = rusqlite::Connection::open(db)
        .and_then(|c| c.execute("VACUUM INTO ?1", [copy.to_string_lossy()]))
        .is_ok();
    opens && !copied
}
