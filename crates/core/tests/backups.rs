//! Daily backups and restoring one.

mod common;

use chrono::NaiveDate;
use common::temp_db;
use metodist_core::store::{
    find_backup, list_backups_for, restore_backup_at, BackupKind, Restored, KEEP_DAILY,
};
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
            common::today(),
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

/// A database with one programme and one daily backup; then the database
/// file is replaced by `damage` (the backups folder stays).
fn damaged_with_backup(damage: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_db();
    {
        let mut store = Store::open(&path).unwrap();
        store.import(&generate::programme(4, 7)).unwrap();
        store.daily_backup(d("2026-11-20")).unwrap().unwrap();
    }
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    std::fs::write(&path, damage).unwrap();
    (dir, path)
}

#[test]
fn backups_are_listed_by_path_when_the_database_cannot_be_opened() {
    let (_dir, path) = damaged_with_backup(b"notes, not a database");
    assert_eq!(Store::open(&path).err().unwrap().code(), "db_not_sqlite");
    let list = list_backups_for(&path).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].file_name, "metodist-2026-11-20.sqlite3");
    assert_eq!(list[0].kind, BackupKind::Daily);
    assert!(list[0].size > 0);
    // No backups folder at all is an empty list, not an error.
    let (_other, fresh) = temp_db();
    assert!(list_backups_for(&fresh).unwrap().is_empty());
}

#[test]
fn restoring_over_a_damaged_file_sets_it_aside_untouched() {
    let damage = "Это не база данных.\n".repeat(300).into_bytes();
    let (dir, path) = damaged_with_backup(&damage);
    let backup = find_backup(&path, "metodist-2026-11-20.sqlite3").unwrap();

    let restored = restore_backup_at(&path, &backup.path).unwrap();

    let Restored::DamagedSetAside {
        path: aside,
        file_name,
    } = restored
    else {
        panic!("the damaged file is set aside: {restored:?}");
    };
    assert!(
        file_name.starts_with("metodist.sqlite3.damaged-"),
        "{file_name}"
    );
    assert_eq!(aside.parent().unwrap(), dir.path());
    assert_eq!(std::fs::read(&aside).unwrap(), damage, "not a byte changed");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(store.list_programmes().unwrap().len(), 1);
}

#[test]
fn a_truncated_database_is_set_aside_too() {
    let (_dir, path) = temp_db();
    {
        let mut store = Store::open(&path).unwrap();
        store.import(&generate::programme(40, 3)).unwrap();
        store.daily_backup(d("2026-11-21")).unwrap().unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    let cut = &bytes[..bytes.len() / 3];
    std::fs::write(&path, cut).unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let open = Store::open(&path).and_then(|s| s.list_programmes().map(|l| l.len()));
    if let Ok(n) = open {
        // SQLite may read a cut file whose lost pages were free; then there
        // is nothing to recover from, and the test proves nothing more.
        eprintln!("the truncated file still opened ({n} programmes); skipping");
        return;
    }
    let backup = find_backup(&path, "metodist-2026-11-21.sqlite3").unwrap();
    match restore_backup_at(&path, &backup.path).unwrap() {
        Restored::DamagedSetAside { path: aside, .. } => {
            assert_eq!(std::fs::read(&aside).unwrap(), cut);
        }
        Restored::SafetyCopy { .. } => {
            // The file opened but failed later: restored in place with a copy.
        }
        Restored::Nothing => panic!("the file existed"),
    }
    assert_eq!(
        Store::open(&path).unwrap().list_programmes().unwrap().len(),
        1
    );
}

#[test]
fn a_locked_database_is_neither_moved_nor_restored() {
    let (_dir, path) = temp_db();
    let backup = {
        let mut store = Store::open(&path).unwrap();
        store.import(&generate::programme(2, 1)).unwrap();
        store.daily_backup(d("2026-11-22")).unwrap().unwrap()
    };
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE;").unwrap();

    let error = restore_backup_at(&path, &backup).unwrap_err();

    assert_eq!(error.code(), "db_locked");
    other.execute_batch("ROLLBACK;").unwrap();
    drop(other);
    let names: Vec<String> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.contains("damaged")),
        "nothing set aside: {names:?}"
    );
    assert_eq!(
        Store::open(&path).unwrap().list_programmes().unwrap().len(),
        1
    );
}

#[test]
fn restoring_into_a_missing_file_creates_it_from_the_backup() {
    let (_dir, path) = damaged_with_backup(b"x");
    std::fs::remove_file(&path).unwrap();
    let backup = find_backup(&path, "metodist-2026-11-20.sqlite3").unwrap();
    assert_eq!(
        restore_backup_at(&path, &backup.path).unwrap(),
        Restored::Nothing
    );
    assert_eq!(
        Store::open(&path).unwrap().list_programmes().unwrap().len(),
        1
    );
}

#[test]
fn a_sound_database_is_restored_in_place_with_a_safety_copy() {
    let (_dir, path) = temp_db();
    let backup = {
        let mut store = Store::open(&path).unwrap();
        store.import(&generate::programme(2, 1)).unwrap();
        let b = store.daily_backup(d("2026-11-22")).unwrap().unwrap();
        store.import(&generate::programme(2, 2)).unwrap();
        b
    };
    let restored = restore_backup_at(&path, &backup).unwrap();
    let Restored::SafetyCopy { file_name, .. } = restored else {
        panic!("a sound database gets a safety copy: {restored:?}");
    };
    let safety = find_backup(&path, &file_name).unwrap();
    assert_eq!(safety.kind, BackupKind::BeforeRestore);
    assert_eq!(
        Store::open(&path).unwrap().list_programmes().unwrap().len(),
        1
    );
    assert_eq!(
        Store::open(&safety.path)
            .unwrap()
            .list_programmes()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn a_copy_made_on_request_is_listed_and_names_outside_the_list_are_refused() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    store.import(&generate::programme(2, 1)).unwrap();
    let first = store.backup_now().unwrap();
    let second = store.backup_now().unwrap();
    assert_ne!(
        first.file_name, second.file_name,
        "two copies in one second"
    );
    assert_eq!(first.kind, BackupKind::Manual);
    assert!(first.file_name.starts_with("manual-"));
    assert_eq!(store.list_backups().unwrap().len(), 2);
    // Daily rotation never removes copies she made herself.
    for day in 1..=20 {
        store.daily_backup(d(&format!("2025-02-{day:02}"))).unwrap();
    }
    assert_eq!(store.list_backups().unwrap().len(), KEEP_DAILY + 2);
    for name in ["../metodist.sqlite3", "metodist.sqlite3", ""] {
        assert_eq!(
            find_backup(&path, name).unwrap_err().code(),
            "element_not_found"
        );
    }
}

#[test]
fn two_databases_in_one_folder_keep_their_copies_apart() {
    let (dir, main) = temp_db();
    let other = dir.path().join("Архив 2024.sqlite3");
    let mut first = Store::open(&main).unwrap();
    first.import(&generate::programme(3, 1)).unwrap();
    let mut second = Store::open(&other).unwrap();
    second.import(&generate::programme(3, 1)).unwrap();
    second.import(&generate::programme(3, 1)).unwrap();

    first.daily_backup(d("2025-01-01")).unwrap().unwrap();
    // The same day is a first copy for the other database, not a repeat.
    second.daily_backup(d("2025-01-01")).unwrap().unwrap();
    for day in 2..=20 {
        second
            .daily_backup(d(&format!("2025-01-{day:02}")))
            .unwrap()
            .unwrap();
    }
    assert_eq!(second.list_backups().unwrap().len(), KEEP_DAILY);
    // The other database's copies neither show up here nor pushed ours out.
    let mine = first.list_backups().unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].file_name, "metodist-2025-01-01.sqlite3");
    assert_eq!(
        Store::open(&mine[0].path)
            .unwrap()
            .list_programmes()
            .unwrap()
            .len(),
        1
    );
    assert!(find_backup(&main, "metodist-2025-01-20.sqlite3").is_err());
    let theirs = list_backups_for(&other).unwrap();
    assert!(theirs.iter().all(|b| Store::open(&b.path)
        .unwrap()
        .list_programmes()
        .unwrap()
        .len()
        == 2));
    assert_eq!(
        theirs[0].path.parent().unwrap(),
        dir.path().join("backups").join("Архив 2024.sqlite3")
    );
}

/// Every file under `dir` (recursively) with its size.
fn files_under(dir: &std::path::Path) -> Vec<(std::path::PathBuf, u64)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries {
        let entry = entry.unwrap();
        let meta = entry.metadata().unwrap();
        if meta.is_dir() {
            out.extend(files_under(&entry.path()));
        } else {
            out.push((entry.path(), meta.len()));
        }
    }
    out
}

/// No empty `.sqlite3` file anywhere under `dir` (the `-wal`/`-shm` of an
/// open database may be empty; a copy may not).
fn assert_no_empty_copy(dir: &std::path::Path) {
    let empty: Vec<_> = files_under(dir)
        .into_iter()
        .filter(|(p, len)| *len == 0 && p.to_string_lossy().ends_with(".sqlite3"))
        .collect();
    assert!(empty.is_empty(), "empty copies left: {empty:?}");
}

/// Two programmes, a daily backup of them, then a page in the middle of
/// the closed database overwritten with random bytes: the file still opens,
/// but SQLite cannot copy it.
fn damaged_page_with_backup() -> (tempfile::TempDir, std::path::PathBuf, Vec<u8>) {
    let (dir, path) = temp_db();
    {
        let mut store = Store::open(&path).unwrap();
        store.import(&generate::programme(60, 11)).unwrap();
        store.import(&generate::programme(60, 12)).unwrap();
        store.daily_backup(d("2026-11-20")).unwrap().unwrap();
    }
    let damage = common::damage::damage_a_page(&path);
    (dir, path, damage.bytes)
}

#[test]
fn a_database_with_a_damaged_page_is_restored_and_kept_byte_for_byte() {
    let (dir, path, damaged) = damaged_page_with_backup();
    let store = Store::open(&path).expect("a damaged page still opens");
    assert_ne!(
        store.integrity_check().unwrap_or_default(),
        "ok",
        "the page is really damaged"
    );
    drop(store);
    let backup = find_backup(&path, "metodist-2026-11-20.sqlite3").unwrap();

    let restored = restore_backup_at(&path, &backup.path).unwrap();

    let Restored::DamagedSetAside {
        path: aside,
        file_name,
    } = restored
    else {
        panic!("a database SQLite cannot copy is set aside: {restored:?}");
    };
    assert!(
        file_name.starts_with("metodist.sqlite3.damaged-"),
        "{file_name}"
    );
    assert_eq!(
        std::fs::read(&aside).unwrap(),
        damaged,
        "not a byte changed"
    );
    let store = Store::open(&path).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(store.list_programmes().unwrap().len(), 2);
    drop(store);
    assert_no_empty_copy(dir.path());
    // The copies are what they were: the one backup, nothing failed beside it.
    let names: Vec<String> = list_backups_for(&path)
        .unwrap()
        .into_iter()
        .map(|b| b.file_name)
        .collect();
    assert_eq!(names, ["metodist-2026-11-20.sqlite3"]);
}

#[test]
fn an_open_store_on_a_damaged_page_refuses_a_safety_copy_and_leaves_no_file() {
    let (dir, path, damaged) = damaged_page_with_backup();
    let mut store = Store::open(&path).unwrap();
    let backup = find_backup(&path, "metodist-2026-11-20.sqlite3").unwrap();
    for _ in 0..3 {
        let error = store.restore_backup(&backup.path).unwrap_err();
        assert_eq!(error.code(), "db_corrupt", "{error}");
        let error = store.backup_now().unwrap_err();
        assert_eq!(error.code(), "db_corrupt", "{error}");
    }
    drop(store);
    assert_no_empty_copy(dir.path());
    assert_eq!(list_backups_for(&path).unwrap().len(), 1);
    assert_eq!(std::fs::read(&path).unwrap(), damaged);
}

#[test]
fn a_failed_daily_backup_leaves_nothing_and_is_tried_again() {
    let (dir, path, _) = damaged_page_with_backup();
    let today = d("2026-11-23");
    {
        let store = Store::open(&path).unwrap();
        for _ in 0..2 {
            let error = store.daily_backup(today).unwrap_err();
            assert_eq!(error.code(), "db_corrupt", "{error}");
            assert!(
                error.to_string().contains("База данных повреждена"),
                "{error}"
            );
        }
    }
    assert_no_empty_copy(dir.path());
    let listed: Vec<String> = list_backups_for(&path)
        .unwrap()
        .into_iter()
        .map(|b| b.file_name)
        .collect();
    assert_eq!(
        listed,
        ["metodist-2026-11-20.sqlite3"],
        "no failed copy listed"
    );
    let leftovers: Vec<_> = files_under(&dir.path().join("backups"))
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");

    // Once the database is sound again, the same day's backup is made.
    let backup = find_backup(&path, "metodist-2026-11-20.sqlite3").unwrap();
    restore_backup_at(&path, &backup.path).unwrap();
    let store = Store::open(&path).unwrap();
    let made = store.daily_backup(today).unwrap().expect("made on retry");
    let copy = Store::open(&made).unwrap();
    assert_eq!(copy.integrity_check().unwrap(), "ok");
    assert_eq!(copy.list_programmes().unwrap().len(), 2);
}

#[test]
fn an_empty_copy_left_by_a_failed_backup_is_neither_listed_nor_kept() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    store.import(&generate::programme(5, 1)).unwrap();
    let dir = store.backups_dir().unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    // What an older version left on a full disk: today's name, no bytes.
    std::fs::write(dir.join("metodist-2026-11-23.sqlite3"), b"").unwrap();
    std::fs::write(dir.join("manual-2026-11-22-101010.sqlite3"), b"").unwrap();
    assert!(
        store.list_backups().unwrap().is_empty(),
        "an empty file is not a copy"
    );

    let made = store
        .daily_backup(d("2026-11-23"))
        .unwrap()
        .expect("an empty file does not count as today's backup");

    let list = store.list_backups().unwrap();
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0].path, made);
    assert!(list[0].size > 0);
    assert_eq!(
        Store::open(&made).unwrap().list_programmes().unwrap().len(),
        1
    );
}

#[test]
fn rotation_never_deletes_a_good_copy_to_keep_an_empty_one() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    store.import(&generate::programme(5, 1)).unwrap();
    for day in 1..=3 {
        store
            .daily_backup(d(&format!("2025-03-{day:02}")))
            .unwrap()
            .unwrap();
    }
    let dir = store.backups_dir().unwrap();
    // Thirteen starts on a full disk with an older version: empty copies.
    for day in 4..=16 {
        std::fs::write(dir.join(format!("metodist-2025-03-{day:02}.sqlite3")), b"").unwrap();
    }
    // A truncated copy is no better than an empty one.
    let good = std::fs::read(dir.join("metodist-2025-03-03.sqlite3")).unwrap();
    std::fs::write(
        dir.join("metodist-2025-03-17.sqlite3"),
        &good[..good.len() / 2],
    )
    .unwrap();

    store.daily_backup(d("2025-03-18")).unwrap().unwrap();

    let mut names: Vec<String> = store
        .list_backups()
        .unwrap()
        .into_iter()
        .map(|b| b.file_name)
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "metodist-2025-03-01.sqlite3",
            "metodist-2025-03-02.sqlite3",
            "metodist-2025-03-03.sqlite3",
            "metodist-2025-03-18.sqlite3",
        ],
        "the good copies are kept, the bad ones are gone"
    );
    let on_disk = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(on_disk, 4, "bad copies are removed, not only hidden");
    // Rotation still keeps fourteen good copies, no more.
    for day in 1..=20 {
        store
            .daily_backup(d(&format!("2025-04-{day:02}")))
            .unwrap()
            .unwrap();
    }
    let list = store.list_backups().unwrap();
    assert_eq!(list.len(), KEEP_DAILY);
    assert!(list.iter().all(|b| b.size > 0));
}
