//! The database file: creation, migrations, and files it must refuse
//! without harming them.

mod common;

use common::temp_db;
use metodist_core::store::{latest_version, MIGRATIONS};
use metodist_core::{generate, Edit, Store};
use rusqlite::Connection;

#[test]
fn a_new_database_gets_the_whole_schema_wal_and_foreign_keys() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest_version());
    assert_eq!(store.integrity_check().unwrap(), "ok");
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for t in [
        "act",
        "indicator",
        "indicator_value",
        "layout_profile",
        "passport_row",
        "programme",
        "roadmap_block",
        "roadmap_item",
        "section",
        "task",
        "tracking",
    ] {
        assert!(
            tables.iter().any(|n| n == t),
            "table {t} missing: {tables:?}"
        );
    }
    // Reopening an up-to-date database changes nothing and makes no backup.
    Store::open(&path).unwrap();
    let files = std::fs::read_dir(path.parent().unwrap()).unwrap().count();
    assert!(files <= 3, "only the database and its WAL files: {files}");
}

#[test]
fn deleting_a_programme_can_be_undone_until_it_is_purged() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let p = generate::programme(5, 1);
    let id = store.import(&p).unwrap();
    store.delete_programme(id).unwrap();
    assert!(store.list_programmes().unwrap().is_empty());
    assert_eq!(store.list_deleted().unwrap()[0].id, id);
    assert_eq!(store.load(id).unwrap_err().code(), "programme_not_found");
    store.restore_programme(id).unwrap();
    assert_eq!(store.load(id).unwrap(), p);
    assert!(store.list_deleted().unwrap().is_empty());
    // Purging keeps recently deleted programmes and removes old ones.
    store.delete_programme(id).unwrap();
    assert_eq!(store.purge_deleted(30).unwrap(), 0);
    assert_eq!(store.list_deleted().unwrap().len(), 1);
    assert_eq!(store.purge_deleted(-1).unwrap(), 1);
    assert_eq!(
        store.restore_programme(id).unwrap_err().code(),
        "programme_not_found"
    );
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let orphans: i64 = conn
        .query_row("SELECT count(*) FROM roadmap_item", [], |r| r.get(0))
        .unwrap();
    assert_eq!(orphans, 0, "purging a programme removes its items");
}

/// A database as version 1 of the app left it, holding one programme.
fn version_one_database(path: &std::path::Path) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(MIGRATIONS[0]).unwrap();
    conn.execute_batch(
        "INSERT INTO programme (uid, title, status, period_start, period_end, created_at, updated_at)
         VALUES ('old', 'Программа прошлых лет', 'draft', '2020-01', '2022-12', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z');
         INSERT INTO roadmap_block (programme_id, position, uid, title) VALUES (1, 0, 'b', 'Блок');
         INSERT INTO roadmap_item (programme_id, block_id, position, uid, activity, deadline)
         VALUES (1, 1, 0, 'i', 'Семинар', 'Ежегодно, сентябрь');
         PRAGMA user_version = 1;",
    )
    .unwrap();
}

#[test]
fn migrating_an_older_database_backs_it_up_first_and_keeps_the_data() {
    let (dir, path) = temp_db();
    version_one_database(&path);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest_version());
    let list = store.list_programmes().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].title, "Программа прошлых лет");
    // Items stored by version 1 get their schedules during the migration.
    let schedules = store.item_schedules(list[0].id).unwrap();
    assert_eq!(schedules.len(), 1);
    assert_eq!(schedules[0].schedule.schedule.due.len(), 3, "{schedules:?}");
    let backups: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".bak"))
        .collect();
    assert_eq!(backups.len(), 1, "one backup before the migration");
    let backup = Connection::open(&backups[0]).unwrap();
    let version: i64 = backup
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1, "the backup is the database as it was");
    let title: String = backup
        .query_row("SELECT title FROM programme", [], |r| r.get(0))
        .unwrap();
    assert_eq!(title, "Программа прошлых лет");
}

#[test]
fn a_failed_migration_leaves_the_database_as_it_was() {
    let (_dir, path) = temp_db();
    version_one_database(&path);
    // Something in the way of migration 2: it must fail as a whole.
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE layout_profile (x);")
        .unwrap();
    let err = Store::open(&path).err().expect("the migration fails");
    assert_eq!(err.code(), "db_migration_failed", "{err}");
    assert!(err.to_string().contains(".bak"), "names the backup: {err}");
    let conn = Connection::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1);
    let has_schedule: i64 = conn
        .query_row(
            "SELECT count(*) FROM pragma_table_info('roadmap_item') WHERE name = 'schedule'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(has_schedule, 0, "no part of migration 2 was applied");
    let n: i64 = conn
        .query_row("SELECT count(*) FROM programme", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

fn assert_refused_and_unchanged(path: &std::path::Path, code: &str) {
    let before = std::fs::read(path).unwrap();
    let err = Store::open(path).err().expect("the file is refused");
    assert_eq!(err.code(), code, "{err}");
    let msg = err.to_string();
    assert!(
        msg.chars().any(|c| ('а'..='я').contains(&c)),
        "a Russian message: {msg}"
    );
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "the file is untouched"
    );
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_not_modified() {
    let (_dir, path) = temp_db();
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    assert_refused_and_unchanged(&path, "db_newer_version");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_not_modified() {
    let (_dir, path) = temp_db();
    std::fs::write(&path, "Это не база данных, а текстовый файл.\n".repeat(100)).unwrap();
    assert_refused_and_unchanged(&path, "db_not_sqlite");
    std::fs::write(&path, b"SQLite").unwrap();
    assert_refused_and_unchanged(&path, "db_not_sqlite");
}

#[test]
fn a_truncated_database_is_refused_without_a_crash() {
    let (_dir, path) = temp_db();
    {
        let mut store = Store::open(&path).unwrap();
        store.import(&generate::programme(200, 1)).unwrap();
        let conn = Connection::open(&path).unwrap();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 3]).unwrap();
    let _ = std::fs::remove_file(path.with_extension("sqlite3-wal"));
    let _ = std::fs::remove_file(path.with_extension("sqlite3-shm"));
    // Opening may succeed (SQLite reads lazily) but reading must then fail
    // with an error, never a panic or silent garbage.
    match Store::open(&path) {
        Err(e) => assert!(
            matches!(e.code(), "db_corrupt" | "db_not_sqlite" | "db_error"),
            "{e}"
        ),
        Ok(store) => {
            let check = store.integrity_check();
            let listed = store.list_programmes().and_then(|l| {
                l.iter()
                    .map(|s| store.load(s.id))
                    .collect::<Result<Vec<_>, _>>()
            });
            assert!(
                check.map(|c| c != "ok").unwrap_or(true) || listed.is_err(),
                "a truncated file must not look sound"
            );
        }
    }
}

#[test]
fn another_applications_sqlite_file_is_refused_and_not_modified() {
    let (_dir, path) = temp_db();
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');")
        .unwrap();
    assert_refused_and_unchanged(&path, "db_not_sqlite");
}

#[test]
fn a_read_only_database_is_refused_and_not_modified() {
    let (_dir, path) = temp_db();
    Store::open(&path).unwrap();
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    assert_refused_and_unchanged(&path, "db_read_only");
}

#[test]
fn a_database_locked_by_another_process_is_reported() {
    let (_dir, path) = temp_db();
    Store::open(&path).unwrap();
    // An exclusive lock that even readers must wait for (what the window's
    // test does with Python's sqlite3).
    let other = Connection::open(&path).unwrap();
    other
        .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;")
        .unwrap();
    let err = Store::open(&path).err().expect("locked");
    assert_eq!(err.code(), "db_locked", "{err}");
    other.execute_batch("COMMIT;").unwrap();
    drop(other);
    Store::open(&path).unwrap();
}

/// Issue #12: while another program held a write transaction, opening the
/// database waited for the write lock and failed after the busy timeout
/// («…занята другой программой…»), although WAL lets readers read.
#[test]
fn reading_does_not_wait_for_another_programs_write() {
    let (_dir, path) = temp_db();
    let id = {
        let mut store = Store::open(&path).unwrap();
        store.import(&common::sample()).unwrap()
    };
    let before = Store::open(&path).unwrap().load(id).unwrap();
    let writer = Connection::open(&path).unwrap();
    writer
        .execute_batch("BEGIN IMMEDIATE; UPDATE programme SET title = 'не сохранено';")
        .unwrap();

    let started = std::time::Instant::now();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.list_programmes().unwrap().len(), 1);
    assert_eq!(store.load(id).unwrap(), before, "the last committed state");
    store.item_schedules(id).unwrap();
    let waited = started.elapsed();
    assert!(
        waited < std::time::Duration::from_secs(1),
        "reading waited {waited:?} for the writer"
    );

    // Writing still waits for the lock and then says who has it.
    let mut store = store;
    let edit = Edit::SetTitle {
        title: "моё".into(),
    };
    let err = store.apply(id, &edit, common::today()).unwrap_err();
    assert_eq!(err.code(), "db_locked", "{err}");
    writer.execute_batch("ROLLBACK;").unwrap();
    store.apply(id, &edit, common::today()).unwrap();
}

/// A text cell whose bytes are not UTF-8 (a damaged file, or one written
/// by another program) is damage to the database, told in Russian.
#[test]
fn a_text_cell_that_is_not_utf8_is_reported_as_damage() {
    let (_dir, path) = temp_db();
    let id = Store::open(&path)
        .unwrap()
        .import(&generate::programme(3, 1))
        .unwrap();
    Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE programme SET title = CAST(X'CFF0EEE3F0E0ECECE0' AS TEXT) WHERE id = ?1",
            [id],
        )
        .unwrap();
    let store = Store::open(&path).unwrap();
    for err in [
        store.list_programmes().unwrap_err(),
        store.load(id).unwrap_err(),
    ] {
        assert_eq!(err.code(), "db_corrupt", "{err}");
        let msg = err.to_string();
        assert!(msg.contains("не в кодировке UTF-8"), "{msg}");
        assert!(msg.contains("резервной копии"), "{msg}");
        assert!(!msg.contains("invalid utf-8"), "{msg}");
    }
}

/// SQLite quotes the damaged name of a table in its report; the user gets
/// a Russian sentence and no raw bytes.
#[test]
fn a_damaged_schema_is_reported_in_russian_without_its_bytes() {
    let (_dir, path) = temp_db();
    Store::open(&path)
        .unwrap()
        .import(&generate::programme(3, 1))
        .unwrap();
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA writable_schema = ON;
             UPDATE sqlite_master
                SET name = CAST(X'726F61646D61FFFF4646FF' AS TEXT),
                    sql = CAST(X'435245415445205441424C4520726F61646D61FFFF4646FF2028' AS TEXT)
              WHERE name = 'roadmap_block';",
        )
        .unwrap();
    }
    let err = match Store::open(&path) {
        Err(e) => e,
        Ok(store) => store.list_programmes().unwrap_err(),
    };
    assert_eq!(err.code(), "db_corrupt", "{err}");
    let msg = err.to_string();
    assert!(msg.contains("повреждено описание таблиц"), "{msg}");
    assert!(!msg.contains('\u{fffd}'), "raw bytes: {msg}");
    assert!(!msg.contains("malformed"), "{msg}");
}

#[test]
fn a_folder_in_place_of_the_file_is_refused() {
    let (dir, _) = temp_db();
    let err = Store::open(dir.path()).err().unwrap();
    assert_eq!(err.code(), "db_not_sqlite");
}

#[test]
fn the_database_folder_is_created_when_missing() {
    let (dir, _) = temp_db();
    let path = dir.path().join("deeper/still/metodist.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store.import(&generate::programme(3, 1)).unwrap();
    assert!(path.exists());
}

/// A stored list that no longer reads back (damaged JSON in a column, a
/// damaged stored schedule) is damage, told in Russian with the column.
#[test]
fn a_stored_value_that_does_not_read_back_is_damage_told_in_russian() {
    let (_dir, path) = temp_db();
    let id = Store::open(&path)
        .unwrap()
        .import(&generate::programme(3, 1))
        .unwrap();
    let conn = Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE roadmap_item SET per_year = '[{\"year\": 20' WHERE position = 0",
        [],
    )
    .unwrap();
    let err = Store::open(&path).unwrap().load(id).unwrap_err();
    assert_eq!(err.code(), "db_corrupt", "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains("в столбце «per_year» данные обрываются"),
        "{msg}"
    );
    assert!(!msg.contains("EOF") && !msg.contains("Conversion"), "{msg}");

    conn.execute("UPDATE roadmap_item SET per_year = '[]'", [])
        .unwrap();
    conn.execute(
        "UPDATE roadmap_item SET schedule = '{}' WHERE position = 0",
        [],
    )
    .unwrap();
    let err = Store::open(&path).unwrap().item_schedules(id).unwrap_err();
    assert_eq!(err.code(), "db_corrupt", "{err}");
    let msg = err.to_string();
    assert!(msg.contains("нет обязательного поля"), "{msg}");
    assert!(!msg.contains("missing field"), "{msg}");
}
