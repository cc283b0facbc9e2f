//! Any text imported into a database: the import stores the programme
//! whole or stores nothing (no partial write), and never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use metodist_core::{exchange, Store};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(programme) = exchange::from_json(text) else {
        return;
    };
    let mut store = Store::open_in_memory().expect("an in-memory database");
    let before = store.row_count().expect("count the rows of every table");
    match store.import(&programme) {
        Ok(id) => {
            assert_eq!(store.list_programmes().expect("list").len(), 1);
            let stored = store.load(id).expect("the imported programme loads");
            assert_eq!(stored, programme, "an accepted programme is stored exactly");
        }
        Err(error) => {
            assert!(!error.to_string().is_empty());
            assert!(
                store.list_programmes().expect("list").is_empty(),
                "a refused import left a programme behind"
            );
            assert_eq!(
                store.row_count().expect("count"),
                before,
                "a refused import left rows behind"
            );
        }
    }
    assert_eq!(store.integrity_check().expect("check"), "ok");
});
