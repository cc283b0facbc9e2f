//! Any text as an exchange file: reading and validating never panic, and a
//! programme that reads and validates survives writing and reading again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use metodist_core::{exchange, validate::validate};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(programme) = exchange::from_json(text) else {
        return;
    };
    if validate(&programme).is_empty() {
        let again = exchange::from_json(&exchange::to_json(&programme))
            .expect("a valid programme reads back after writing");
        assert_eq!(again, programme, "the exchange file round-trips");
    }
});
