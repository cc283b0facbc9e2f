//! What the demo examples share: the PDF typeset, reported and written.
//! A module of theirs (`mod common;`), not an example of its own.

use metodist_print::{Fonts, LayoutProfile, PrintError, Rendered};

/// Loads the fonts of `profile`, typesets with `render`, tells on stderr
/// the pages, bytes and time it took and every warning, and writes the PDF
/// to `out`.
pub fn write_pdf(
    out: &str,
    profile: &LayoutProfile,
    render: impl FnOnce(&Fonts) -> Result<Rendered, PrintError>,
) -> Result<(), Box<dyn std::error::Error>> {
    let fonts = Fonts::load(&profile.font)?;
    let t = std::time::Instant::now();
    let r = render(&fonts)?;
    eprintln!(
        "{} pages, {} bytes, {:?}",
        r.pages,
        r.pdf.len(),
        t.elapsed()
    );
    for w in &r.warnings {
        eprintln!("предупреждение [{}]: {w}", w.code());
    }
    std::fs::write(out, r.pdf)?;
    Ok(())
}
