//! Median time to make the execution workbook of generated programmes of
//! 300, 1,200 and 2,400 roadmap items (or the sizes given as arguments):
//! due dates, untracked items, the evaluation and the .xlsx bytes, from a
//! programme and its schedules already in memory (as the api has them
//! after one reading of the store).
//! `cargo run --release -p metodist-xlsx --example bench_xlsx [N ...]`

use std::time::{Duration, Instant};

use metodist_core::effectiveness::{Method, Standard};
use metodist_core::schedule::{effective, NumberedSchedule};
use metodist_core::tracking;
use metodist_xlsx::{execution_workbook, ExecutionInput};

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
    println!(
        "{:>6} {:>9} {:>8} {:>12} {:>9}",
        "items", "due dates", "KB", "median ms", "min ms"
    );
    for &n in &sizes {
        let p = metodist_core::generate::programme(n, 42);
        let schedules: Vec<NumberedSchedule> = p
            .numbered_items()
            .map(|(number, _, item)| NumberedSchedule {
                number,
                item: item.uid.clone(),
                schedule: effective(item, p.period),
            })
            .collect();
        // The middle of the period: some dates past, some ahead.
        let (from, to) = (p.period.start.first_day(), p.period.end.last_day());
        let as_of = from + (to - from) / 2;
        let runs = if n <= 300 { 15 } else { 7 };
        let mut times = Vec::with_capacity(runs);
        let (mut size, mut dues) = (0, 0);
        for _ in 0..runs {
            let t = Instant::now();
            let entries = tracking::entries(&p, &schedules);
            let untracked = tracking::untracked(&p, &schedules);
            let evaluation = Standard.evaluate(&p, &entries, from, to, as_of);
            let (bytes, contents) = execution_workbook(&ExecutionInput {
                programme: &p,
                entries: &entries,
                untracked: &untracked,
                evaluation: &evaluation,
            })?;
            times.push(t.elapsed());
            size = bytes.len();
            dues = contents.due_dates;
        }
        let min = *times.iter().min().expect("runs");
        println!(
            "{n:>6} {dues:>9} {:>8.0} {:>12.1} {:>9.1}",
            size as f64 / 1024.0,
            median(times).as_secs_f64() * 1e3,
            min.as_secs_f64() * 1e3
        );
    }
    Ok(())
}
