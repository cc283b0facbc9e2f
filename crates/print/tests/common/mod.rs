//! Helpers shared by the print crate's integration tests: the shape
//! fixtures, a programme printed to a PDF kept in the target directory
//! (to look at), and that PDF read back with poppler's `pdftotext`.
//!
//! Each test binary uses its own part of this module, hence the allowance.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use metodist_core::{exchange, Programme};
use metodist_print::{render_programme, ComposeMode, Fonts, LayoutProfile};

/// A programme of tests/fixtures/shapes, by its name.
pub fn fixture(name: &str) -> Programme {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/shapes")
        .join(format!("{name}.metodist.json"));
    exchange::read_file(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// `p` printed in `mode` with the default profile, written to
/// `<target tmp>/<dir>/<name>.pdf`.
pub fn print(dir: &str, name: &str, p: &Programme, mode: ComposeMode) -> PathBuf {
    let profile = LayoutProfile::default();
    let fonts = Fonts::load(&profile.font).unwrap();
    let r = render_programme(p, mode, &profile, &fonts).unwrap();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, &r.pdf).unwrap();
    path
}

/// What `pdftotext ARGS PDF -` prints.
pub fn pdftotext(pdf: &Path, args: &[&str]) -> String {
    let out = Command::new("pdftotext")
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext must be installed (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// A printed word and its box (points from the page's top left).
#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    /// Counts from 1.
    pub page: usize,
    pub x_min: f64,
    pub y_min: f64,
    pub y_max: f64,
}

impl Word {
    /// The vertical middle of the box.
    pub fn y_mid(&self) -> f64 {
        (self.y_min + self.y_max) / 2.0
    }
}

/// Every word of the PDF in the order `pdftotext -bbox` reads them, its
/// text unescaped.
pub fn words(pdf: &Path) -> Vec<Word> {
    let mut out = Vec::new();
    let mut page = 0;
    for line in pdftotext(pdf, &["-bbox"]).lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
        }
        if !line.starts_with("<word ") {
            continue;
        }
        let attr = |name: &str| -> f64 {
            let key = format!("{name}=\"");
            let start = line.find(&key).unwrap() + key.len();
            let end = start + line[start..].find('"').unwrap();
            line[start..end].parse().unwrap()
        };
        let text = &line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()];
        out.push(Word {
            text: text
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\""),
            page,
            x_min: attr("xMin"),
            y_min: attr("yMin"),
            y_max: attr("yMax"),
        });
    }
    out
}
