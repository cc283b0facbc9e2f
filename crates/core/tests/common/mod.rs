//! Helpers shared by the core's integration tests. Every test works in its
//! own temporary folder, never on the user's database.

#![allow(dead_code)]

pub mod damage;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use metodist_core::tracking::{self, DueEntry, MonthScreen, TodayScreen, Untracked};
use metodist_core::{exchange, NumberedSchedule, Programme, Store, YearMonth};

pub fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/sample-programme.metodist.json")
}

/// The hand-written sample programme of tests/fixtures.
pub fn sample() -> Programme {
    exchange::read_file(&sample_path()).expect("the sample programme is valid")
}

/// The day the tests' edits are made on ("today" for `Store::apply`):
/// fixed, so that no test depends on the day it runs.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 5, 20).expect("a real date")
}

pub fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("metodist.sqlite3");
    (dir, path)
}

/// The exchange text of the sample with `edit` applied to its JSON.
pub fn sample_json_with(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let text = std::fs::read_to_string(sample_path()).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    edit(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

/// The programme and its schedules, read once: what every screen is
/// computed from (the screens themselves are pure functions of the two).
pub fn read(store: &Store, id: i64) -> (Programme, Vec<NumberedSchedule>) {
    (store.load(id).unwrap(), store.item_schedules(id).unwrap())
}

pub fn due_entries(store: &Store, id: i64) -> Vec<DueEntry> {
    let (p, s) = read(store, id);
    tracking::entries(&p, &s)
}

pub fn untracked(store: &Store, id: i64) -> Vec<Untracked> {
    let (p, s) = read(store, id);
    tracking::untracked(&p, &s)
}

pub fn month_screen(store: &Store, id: i64, month: YearMonth) -> MonthScreen {
    let (p, s) = read(store, id);
    tracking::month_screen(&p, &s, month)
}

pub fn today_screen(store: &Store, id: i64, today: NaiveDate) -> TodayScreen {
    let (p, s) = read(store, id);
    tracking::today_screen(&p, &s, today)
}
