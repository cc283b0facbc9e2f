//! Timings of the core on generated programmes (a benchmark, not a test):
//! `cargo run --release -p metodist-core --example bench_core [-- ITEMS...]`
//! (default 300 and 2000 items). Prints the median of repeated runs, then
//! what the undo history adds to the file: N edits of one item (110 for up
//! to 300 items, 20 above), the file measured closed before and after.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use metodist_core::model::{TrackStatus, TrackingRecord};
use metodist_core::{exchange, generate, tracking, validate, Edit, ItemInput, ListKind, Store};

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

fn mb(bytes: u64) -> String {
    format!("{:.2} MB", bytes as f64 / 1e6)
}

/// The size of a closed database (no WAL beside it).
fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// The typed fields of an item, with its activity changed: what typing in
/// one row of the roadmap sends.
fn retyped(item: &metodist_core::model::Item, k: usize) -> ItemInput {
    ItemInput {
        activity: format!("{} (правка {k})", item.activity),
        deadline: item.deadline.clone(),
        responsible: item.responsible.clone(),
        expected_result: item.expected_result.clone(),
        planned_value: item.planned_value.clone(),
        per_year: item.per_year.clone(),
    }
}

/// How much `edits` edits of one item grow the file, and how long each took.
fn history_growth(dir: &Path, n: usize, edits: usize, today: NaiveDate) -> (u64, u64, Duration) {
    let path = dir.join(format!("growth-{n}.sqlite3"));
    let p = generate::programme(n, 1);
    let id = {
        let mut store = Store::open(&path).unwrap();
        store.import(&p).unwrap()
    };
    let before = file_size(&path);
    let item = &p.roadmap.blocks[0].items[0];
    let mut store = Store::open(&path).unwrap();
    let t = Instant::now();
    for k in 0..edits {
        let e = Edit::PutItem {
            block: String::new(),
            at: None,
            uid: item.uid.clone(),
            item: retyped(item, k),
        };
        store.apply(id, &e, today).unwrap();
    }
    let per_edit = t.elapsed() / edits as u32;
    drop(store);
    (before, file_size(&path), per_edit)
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
        // Other kinds of edit: typing in an item, a record of work done,
        // an item added and deleted again, and undo and redo.
        let item = p.roadmap.blocks[1].items[0].clone();
        let item_edit = median(
            || {
                k += 1;
                let e = Edit::PutItem {
                    block: String::new(),
                    at: None,
                    uid: item.uid.clone(),
                    item: retyped(&item, k),
                };
                store.apply(id, &e, today).unwrap();
            },
            11,
        );
        let tracking_edit = median(
            || {
                k += 1;
                let record = TrackingRecord {
                    due: NaiveDate::from_ymd_opt(2025, 9, 30).unwrap(),
                    status: TrackStatus::Done,
                    done_on: NaiveDate::from_ymd_opt(2025, 9, 29),
                    moved_to: None,
                    comment: format!("Отметка {k}"),
                    evidence: String::new(),
                };
                let e = Edit::SetTracking {
                    item: item.uid.clone(),
                    record,
                };
                store.apply(id, &e, today).unwrap();
            },
            11,
        );
        let add_delete = median(
            || {
                let e = Edit::PutItem {
                    block: block.clone(),
                    at: Some(0),
                    uid: String::new(),
                    item: retyped(&item, 0),
                };
                let uid = store.apply(id, &e, today).unwrap().uid.unwrap();
                let e = Edit::Delete {
                    list: ListKind::Items,
                    uid,
                };
                store.apply(id, &e, today).unwrap();
            },
            11,
        );
        // Undo and redo of the last of those, the deleted item.
        let undo_redo = median(
            || {
                store.undo(id).unwrap();
                store.redo(id).unwrap();
            },
            11,
        );
        // A new period: every schedule is re-read, the whole programme
        // checked.
        let periods = [p.period, {
            let mut longer = p.period;
            longer.end = "2028-05".parse().unwrap();
            longer
        }];
        let new_period = median(
            || {
                k += 1;
                let e = Edit::SetPeriod {
                    period: periods[k % 2],
                };
                store.apply(id, &e, today).unwrap();
            },
            11,
        );
        // Where the time of an edit that checks and copies the whole
        // programme goes: reading it back, validating it, writing it out.
        let p_now = store.load(id).unwrap();
        let validate_whole = median(|| drop(validate::validate(&p_now)), 11);
        let to_json = median(|| drop(exchange::to_json(&p_now)), 11);
        println!(
            "{n} items ({} due dates): import {} | load {} | due dates from the store {} | Today from borrowed entries {} | Today from owned entries (the app) {} | the app's Today screen (one reading, lists, untracked) {} | month view {}",
            entries.len(), ms(import), ms(load), ms(due_entries), ms(today_view), ms(today_owned), ms(due_and_today), ms(month_view)
        );
        println!(
            "{n} items, one edit: block title {} | item text {} | tracking record {} | item added + deleted (two edits) {} | new period {} | undo + redo {} | (validating the whole programme {}, writing it as JSON {})",
            ms(edit), ms(item_edit), ms(tracking_edit), ms(add_delete), ms(new_period), ms(undo_redo), ms(validate_whole), ms(to_json)
        );
        // An approved programme with editions: an edit still adds only its
        // step to the counted file (the editions are counted at approval),
        // and an approval counts the programme and the new edition once.
        let mut approvals: Vec<Duration> = (0..5)
            .map(|_| {
                k += 1;
                let e = Edit::PutItem {
                    block: String::new(),
                    at: None,
                    uid: item.uid.clone(),
                    item: retyped(&item, k),
                };
                store.apply(id, &e, today).unwrap();
                let t = Instant::now();
                store.approve(id, today, &format!("{k}-п"), today).unwrap();
                t.elapsed()
            })
            .collect();
        approvals.sort();
        let approve = approvals[2];
        let editions = store.editions(id).unwrap().len();
        let approved_edit = median(
            || {
                k += 1;
                let e = Edit::PutItem {
                    block: String::new(),
                    at: None,
                    uid: item.uid.clone(),
                    item: retyped(&item, k),
                };
                store.apply(id, &e, today).unwrap();
            },
            11,
        );
        println!(
            "{n} items, approved: approving an edition {} | then with {editions} editions, item text {}",
            ms(approve),
            ms(approved_edit)
        );
        drop(store);
        let edits = if n <= 300 { 110 } else { 20 };
        let (before, after, per_edit) = history_growth(&dir, n, edits, today);
        println!(
            "{n} items, {edits} edits of one item: file {} -> {} (+{}), {} per edit",
            mb(before),
            mb(after),
            mb(after.saturating_sub(before)),
            ms(per_edit)
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
