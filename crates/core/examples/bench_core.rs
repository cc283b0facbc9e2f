//! Timings of the core on generated programmes (a benchmark, not a test):
//! `cargo run --release -p metodist-core --example bench_core [-- ITEMS...]`
//! (default 300 and 2000 items). Prints the median of repeated runs.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use metodist_core::{exchange, generate, tracking, Edit, Store};

fn median(mut f: impl FnMut(), runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// Like `median`, with a fresh input from `setup` for every run that is not
/// timed (the entries a consuming call takes over).
fn median_with<T>(mut setup: impl FnMut() -> T, mut f: impl FnMut(T), runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let input = setup();
            let t = Instant::now();
            f(input);
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![300, 2000]
    } else {
        sizes
    };
    let today = NaiveDate::from_ymd_opt(2025, 11, 20).unwrap();
    for n in sizes {
        let p = generate::programme(n, 1);
        let json = exchange::to_json(&p);
        let dir = std::env::temp_dir().join(format!("metodist-bench-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut store = Store::open(&dir.join("bench.sqlite3")).unwrap();
        let import = median(
            || {
                let p = exchange::from_json(&json).unwrap();
                store.import(&p).unwrap();
            },
            5,
        );
        let id = store.list_programmes().unwrap()[0].id;
        let load = median(|| drop(store.load(id).unwrap()), 11);
        // What every screen starts from: one reading of the programme and
        // of its items' schedules.
        let read = |store: &Store| (store.load(id).unwrap(), store.item_schedules(id).unwrap());
        let (p, schedules) = read(&store);
        let entries = tracking::entries(&p, &schedules);
        let due_entries = median(
            || {
                let (p, schedules) = read(&store);
                drop(tracking::entries(&p, &schedules));
            },
            11,
        );
        let today_view = median(|| drop(tracking::today(&p, &entries, today)), 51);
        // What `tracking::today_screen` does with the entries it has just
        // computed: they move into the screen's lists.
        let today_owned = median_with(
            || entries.clone(),
            |e| drop(tracking::today_from(&p, e, today)),
            51,
        );
        // What the app's today_view command does: one reading of the
        // programme and its schedules, the lists, and the untracked items.
        let due_and_today = median(
            || {
                let (p, schedules) = read(&store);
                drop(tracking::today_screen(&p, &schedules, today));
            },
            11,
        );
        let month_view = median(
            || drop(tracking::in_month(&entries, "2025-11".parse().unwrap())),
            51,
        );
        let block = p.roadmap.blocks[0].uid.clone();
        let mut k = 0;
        let edit = median(
            || {
                k += 1;
                let e = Edit::PutBlock {
                    at: None,
                    uid: block.clone(),
                    title: format!("Блок {k}"),
                };
                store.apply(id, &e, today).unwrap();
            },
            11,
        );
        println!(
            "{n} items ({} due dates): import {} | load {} | due dates from the store {} | Today from borrowed entries {} | Today from owned entries (the app) {} | the app's Today screen (one reading, lists, untracked) {} | month view {} | one edit (validated, with undo snapshot) {}",
            entries.len(), ms(import), ms(load), ms(due_entries), ms(today_view), ms(today_owned), ms(due_and_today), ms(month_view), ms(edit)
        );
        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
