//! Median time to compose and render generated programmes of 300, 1,200
//! and 2,400 roadmap items (or the sizes given as arguments), then of the
//! preview at 60 dpi: the first two pages from the document (layout
//! included), and every page once laid out.
//! `cargo run --release -p metodist-print --example bench_render [N ...]`

use std::time::{Duration, Instant};

use metodist_print::{compose, lay_out, render, render_preview, ComposeMode, Fonts, LayoutProfile};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sizes: Vec<usize> = {
        let given: Vec<usize> = std::env::args()
            .skip(1)
            .filter_map(|a| a.parse().ok())
            .collect();
        if given.is_empty() {
            vec![300, 1200, 2400]
        } else {
            given
        }
    };
    let profile = LayoutProfile::default();
    let t = Instant::now();
    let fonts = Fonts::load(&profile.font)?;
    println!("fonts loaded in {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    println!(
        "{:>6} {:>6} {:>9} {:>12} {:>9} {:>12}",
        "items", "pages", "KB", "median ms", "min ms", "ms/page"
    );
    for &n in &sizes {
        let programme = metodist_core::generate::programme(n, 42);
        let runs = if n <= 300 { 9 } else { 5 };
        let mut times = Vec::with_capacity(runs);
        let mut last = None;
        for _ in 0..runs {
            let t = Instant::now();
            let doc = compose(&programme, ComposeMode::WholeAct);
            let r = render(&doc, &profile, &fonts)?;
            times.push(t.elapsed());
            last = Some(r);
        }
        let r = last.expect("at least one run");
        let min = times.iter().min().copied().unwrap_or_default();
        let m = median(times);
        println!(
            "{:>6} {:>6} {:>9} {:>12.1} {:>9.1} {:>12.2}",
            n,
            r.pages,
            r.pdf.len() / 1024,
            m.as_secs_f64() * 1e3,
            min.as_secs_f64() * 1e3,
            m.as_secs_f64() * 1e3 / r.pages as f64
        );
    }
    println!(
        "\npreview at 60 dpi\n{:>6} {:>6} {:>22} {:>14} {:>12}",
        "items", "pages", "first 2 pages, ms", "all pages, ms", "ms/page"
    );
    for &n in &sizes {
        let programme = metodist_core::generate::programme(n, 42);
        let doc = compose(&programme, ComposeMode::WholeAct);
        let mut first = Vec::new();
        let mut all = Vec::new();
        let mut pages = 0;
        for _ in 0..5 {
            let t = Instant::now();
            let p = render_preview(&doc, &profile, &fonts, 60.0, 0..2)?;
            first.push(t.elapsed());
            pages = p.page_count;
            let laid = lay_out(&doc, &profile, &fonts)?;
            let t = Instant::now();
            let out = laid.preview(&fonts, 60.0, 0..laid.page_count())?;
            all.push(t.elapsed());
            assert_eq!(out.len(), pages);
        }
        let (f, a) = (median(first), median(all));
        println!(
            "{:>6} {:>6} {:>22.1} {:>14.1} {:>12.2}",
            n,
            pages,
            f.as_secs_f64() * 1e3,
            a.as_secs_f64() * 1e3,
            a.as_secs_f64() * 1e3 / pages as f64
        );
    }
    Ok(())
}
