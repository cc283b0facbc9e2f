//! Renders a generated programme to PDF.
//! `cargo run -p metodist-print --example demo -- OUT.pdf [ITEMS] [--appendix-only] [--years] [--profile NAME]`

use metodist_print::{render_programme, ComposeMode, Fonts, LayoutProfile};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = args.first().cloned().unwrap_or_else(|| "demo.pdf".into());
    let items: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(40);
    let mode = if args.iter().any(|a| a == "--appendix-only") {
        ComposeMode::AppendixOnly
    } else {
        ComposeMode::WholeAct
    };
    let profile = match args.iter().position(|a| a == "--profile") {
        Some(i) => LayoutProfile::by_name(args.get(i + 1).map(String::as_str).unwrap_or(""))?,
        None => LayoutProfile::default(),
    };
    let mut p = metodist_core::generate::programme(items, 7);
    if args.iter().any(|a| a == "--years") {
        p.roadmap.year_columns = p.period.years().collect();
    }
    let fonts = Fonts::load(&profile.font)?;
    let t = std::time::Instant::now();
    let r = render_programme(&p, mode, &profile, &fonts)?;
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
