//! Writes a programme (or a generated one) as PDF and as preview PNGs, to
//! compare the two by eye with `pdftoppm` at the same resolution.
//! `cargo run -p metodist-print --example preview -- OUT_DIR [FILE.metodist.json] [DPI]`

use metodist_print::{compose, lay_out, ComposeMode, Fonts, LayoutProfile};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().ok_or("OUT_DIR")?);
    let programme = match args.next() {
        Some(f) => metodist_core::exchange::read_file(std::path::Path::new(&f))?,
        None => metodist_core::generate::programme(60, 7),
    };
    let dpi: f32 = args.next().map(|d| d.parse()).transpose()?.unwrap_or(60.0);
    std::fs::create_dir_all(&dir)?;
    let profile = LayoutProfile::default();
    let fonts = Fonts::load(&profile.font)?;
    let laid = lay_out(
        &compose(&programme, ComposeMode::WholeAct),
        &profile,
        &fonts,
    )?;
    std::fs::write(dir.join("doc.pdf"), laid.pdf(&fonts))?;
    for page in laid.preview(&fonts, dpi, 0..laid.page_count())? {
        std::fs::write(dir.join(format!("prev-{}.png", page.index + 1)), &page.png)?;
    }
    println!("{} pages", laid.page_count());
    Ok(())
}
