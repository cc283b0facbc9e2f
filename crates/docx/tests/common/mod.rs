//! Helpers shared by the .docx writer's integration tests: the package
//! unpacked, and LibreOffice (`libreoffice.rs`, shared with crates/api's
//! round-trip test).
//!
//! Each test binary uses its own part of this module, hence the allowance.
#![allow(dead_code)]

pub mod libreoffice;

use std::collections::BTreeMap;
use std::io::Read;

/// Every part of the package, by name.
pub fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        out.insert(f.name().unwrap().to_string(), s);
    }
    out
}

/// One part of the package («word/document.xml»).
pub fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut s)
        .unwrap();
    s
}
