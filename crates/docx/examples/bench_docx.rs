//! Median time to compose a generated programme of 300, 1,200 and 2,400
//! roadmap items (or the sizes given as arguments) and write its .docx,
//! fonts loaded once as the app does.
//! `cargo run --release -p metodist-docx --example bench_docx [N ...]`

use std::time::{Duration, Instant};

use metodist_print::{compose, ComposeMode, Fonts, LayoutProfile};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let given: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if given.is_empty() {
        vec![300, 1200, 2400]
    } else {
        given
    };
    let profile = LayoutProfile::default();
    let fonts = Fonts::load(&profile.font)?;
    println!(
        "{:>6} {:>9} {:>12} {:>9} {:>14}",
        "items", "KB", "median ms", "min ms", "µs per item"
    );
    for &n in &sizes {
        let programme = metodist_core::generate::programme(n, 42);
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..9 {
            let t = Instant::now();
            let doc = compose(&programme, ComposeMode::WholeAct);
            let bytes = metodist_docx::write(&doc, &profile, &fonts)?;
            times.push(t.elapsed());
            size = bytes.len();
        }
        let min = times.iter().min().copied().unwrap_or_default();
        let m = median(times);
        println!(
            "{:>6} {:>9} {:>12.1} {:>9.1} {:>14.1}",
            n,
            size / 1024,
            m.as_secs_f64() * 1e3,
            min.as_secs_f64() * 1e3,
            m.as_secs_f64() * 1e6 / n as f64
        );
    }
    Ok(())
}
