//! Helpers shared by the CLI's integration tests.

use std::path::Path;
use std::process::Command;

/// The text of a PDF as poppler's `pdftotext -layout` extracts it.
pub fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/test");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}
