//! Daily backups and restoring one.

mod common;

use chrono::NaiveDate;
use common::temp_db;
use metodist_core::store::KEEP_DAILY;
use metodist_core::{generate, Edit, Store};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn one_backup_a_day_and_only_the_last_fourteen_are_kept() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    store.import(&generate::programme(5, 1)).unwrap();
    let first = store.daily_backup(d("2025-01-01")).unwrap();
    assert!(first.is_some());
    assert_eq!(
        store.daily_backup(d("2025-01-01")).unwrap(),
        None,
        "one a day"
    );
    for day in 2..=20 {
        store
            .daily_backup(d(&format!("2025-01-{day:02}")))
            .unwrap()
            .unwrap();
    }
    let backups = store.list_backups().unwrap();
    assert_eq!(backups.len(), KEEP_DAILY);
    let mut names: Vec<&str> = backups.iter().map(|b| b.file_name.as_str()).collect();
    names.sort();
    assert_eq!(
        names[0], "metodist-2025-01-07.sqlite3",
        "the oldest six are gone"
    );
    assert_eq!(names[KEEP_DAILY - 1], "metodist-2025-01-20.sqlite3");
    assert!(backups.iter().all(|b| b.size > 0));
    // Each copy is a sound database with the programme in it.
    let copy = Store::open(&backups[0].path).unwrap();
    assert_eq!(copy.integrity_check().unwrap(), "ok");
    assert_eq!(copy.list_programmes().unwrap().len(), 1);
}

#[test]
fn restoring_a_backup_brings_back_its_state_and_keeps_the_current_one_aside() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = store.import(&generate::programme(5, 1)).unwrap();
    let backup = store.daily_backup(d("2025-03-01")).unwrap().unwrap();
    store
        .apply(
            id,
            &Edit::SetTitle {
                title: "После копии".into(),
            },
        )
        .unwrap();
    let second = store.import(&generate::programme(2, 2)).unwrap();

    let safety = store.restore_backup(&backup).unwrap();
    let list = store.list_programmes().unwrap();
    assert_eq!(
        list.len(),
        1,
        "the programme imported after the copy is gone"
    );
    assert_ne!(store.load(id).unwrap().title, "После копии");
    assert_eq!(store.integrity_check().unwrap(), "ok");

    // The state before the restore was kept and can be restored in turn.
    store.restore_backup(&safety).unwrap();
    assert_eq!(store.load(id).unwrap().title, "После копии");
    assert!(store.load(second).is_ok());
    drop(store);
    // And it survives reopening.
    let store = Store::open(&path).unwrap();
    assert_eq!(store.list_programmes().unwrap().len(), 2);
}

#[test]
fn a_file_that_is_not_a_backup_is_refused_and_nothing_changes() {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = store.import(&generate::programme(3, 1)).unwrap();
    let junk = dir.path().join("junk.sqlite3");
    std::fs::write(&junk, "это не копия").unwrap();
    assert_eq!(
        store.restore_backup(&junk).unwrap_err().code(),
        "db_not_sqlite"
    );
    let foreign = dir.path().join("foreign.sqlite3");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); PRAGMA user_version = 1;")
        .unwrap();
    assert_eq!(
        store.restore_backup(&foreign).unwrap_err().code(),
        "db_not_sqlite"
    );
    assert!(store.load(id).is_ok());
    assert!(
        store.list_backups().unwrap().is_empty(),
        "no safety copy for a refused restore"
    );
}
