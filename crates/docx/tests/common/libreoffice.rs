//! LibreOffice headless for the tests that read our .docx as another
//! program does: found on the PATH or the test skipped (never in CI), and
//! a file converted with a user profile of the test's own, so parallel
//! runs do not share one.
//!
//! Standard library only: crates/api's tests include this file by its
//! path (`#[path]`), and a test-support crate would be one more crate to
//! build for two functions.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The LibreOffice command, or `None` (and a line saying the test is
/// skipped) when it is not installed. In CI (`CI=true`) it must be.
pub fn soffice() -> Option<PathBuf> {
    let found = ["soffice", "libreoffice"].iter().find_map(|name| {
        Command::new(name)
            .arg("--version")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|_| PathBuf::from(name))
    });
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "LibreOffice (soffice) is not installed, and in CI this test must run: \
             scripts/test installs libreoffice-writer-nogui"
        );
        eprintln!(
            "SKIPPED: LibreOffice (soffice) is not installed; \
             `apt-get install libreoffice-writer-nogui hyphen-ru` or run scripts/test"
        );
    }
    found
}

/// Converts `file` to `to` (a `--convert-to` target: «pdf», «odt»,
/// «docx:MS Word 2007 XML») into `outdir`, LibreOffice's user profile
/// kept in `profile`; returns the converted file.
pub fn convert(soffice: &Path, file: &Path, to: &str, outdir: &Path, profile: &Path) -> PathBuf {
    let out = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
        .arg(outdir)
        .arg(file)
        .output()
        .expect("soffice runs");
    let extension = to.split(':').next().unwrap_or(to);
    let converted = outdir.join(file.with_extension(extension).file_name().unwrap());
    assert!(
        out.status.success() && converted.exists(),
        "LibreOffice did not convert {} to {to}: {}\n{}",
        file.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    converted
}
