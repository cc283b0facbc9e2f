//! Median time to import a generated programme's .docx (issue #16): the
//! programme of 300 roadmap items (or the sizes given as arguments) is
//! written as the app writes its Word document, then read back as the
//! window's review reads it — the file, the package under its limits, the
//! recognition and the check before storing (`importing::preview_import`).
//! `cargo run --release -p metodist-api --example bench_import [N ...]`

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use metodist_api::importing;
use metodist_api::printing::{docx_programme, PrintMode};
use metodist_print::LayoutProfile;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let given: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if given.is_empty() { vec![300] } else { given };
    let dir = std::env::temp_dir().join(format!("bench-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let today = NaiveDate::from_ymd_opt(2025, 3, 10).expect("a date");
    println!(
        "{:>6} {:>6} {:>10} {:>8} {:>9} {:>11} {:>9} {:>6}",
        "items", "KB", "median ms", "min ms", "read ms", "recognise ms", "check ms", "found"
    );
    for &n in &sizes {
        let programme = metodist_core::generate::programme(n, 42);
        let bytes = docx_programme(&programme, PrintMode::WholeAct, &LayoutProfile::default())?;
        let file = dir.join(format!("programme-{n}.docx"));
        std::fs::write(&file, &bytes)?;
        let mut times = Vec::new();
        let mut found = 0;
        for _ in 0..9 {
            let t = Instant::now();
            let review = importing::preview_import(&file, today)?;
            times.push(t.elapsed());
            found = review.summary.items;
        }
        // The same work in its three parts: the package read, the
        // recognition, the check before storing.
        let (mut read, mut rec, mut check) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..9 {
            let t = Instant::now();
            let doc = metodist_docx_read::read_docx(bytes.clone(), &Default::default())?;
            read.push(t.elapsed());
            let t = Instant::now();
            let r = metodist_docx_read::recognise(&doc, "bench", 2025);
            rec.push(t.elapsed());
            let t = Instant::now();
            let problems = metodist_core::validate::validate(&r.programme);
            check.push(t.elapsed());
            assert!(problems.is_empty(), "{problems:?}");
        }
        let min = times.iter().min().copied().unwrap_or_default();
        let m = median(times);
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "{:>6} {:>6} {:>10.1} {:>8.1} {:>9.1} {:>11.1} {:>9.1} {:>6}",
            n,
            bytes.len() / 1024,
            ms(m),
            ms(min),
            ms(median(read)),
            ms(median(rec)),
            ms(median(check)),
            found
        );
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
