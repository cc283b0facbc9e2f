//! The backups of the window's session: today's automatic copy, and a
//! restore while the database is open but damaged.

#[path = "../../core/tests/common/damage.rs"]
mod damage;

use std::path::Path;

use chrono::NaiveDate;
use metodist_api::{backups, programmes, Session};
use metodist_core::store::Restored;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Every `.sqlite3` file under `dir` that is empty.
fn empty_copies(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let meta = entry.metadata().unwrap();
        if meta.is_dir() {
            out.extend(empty_copies(&entry.path()));
        } else if meta.len() == 0 && entry.path().to_string_lossy().ends_with(".sqlite3") {
            out.push(entry.path());
        }
    }
    out
}

/// A database with two programmes and the daily copy of 20.11.2026, closed,
/// then one page in its middle overwritten with random bytes.
fn damaged_with_backup(dir: &Path) -> (std::path::PathBuf, String) {
    let db = dir.join("metodist.sqlite3");
    {
        let session = Session::at(&db);
        for seed in [3, 4] {
            session
                .with_store_mut(|s| s.import(&metodist_core::generate::programme(60, seed)))
                .unwrap();
        }
        let made = backups::daily_backup(&session, day("2026-11-20"))
            .unwrap()
            .expect("the first copy of the day");
        assert_eq!(backups::backup_problem(&session).unwrap(), None);
        assert!(made.is_file());
    }
    damage::damage_a_page(&db);
    (db, "metodist-2026-11-20.sqlite3".into())
}

#[test]
fn a_failed_daily_backup_is_remembered_for_the_window_and_a_restore_clears_it() {
    let dir = tempfile::tempdir().unwrap();
    let (db, backup) = damaged_with_backup(dir.path());
    let session = Session::at(&db);
    session.ensure_open().expect("a damaged page still opens");

    let error = backups::daily_backup(&session, day("2026-11-23")).unwrap_err();

    assert_eq!(error.code(), "db_corrupt");
    let problem = backups::backup_problem(&session)
        .unwrap()
        .expect("the failure is remembered");
    assert_eq!(problem.code, "db_corrupt");
    assert!(
        problem
            .message
            .starts_with("Сегодняшняя резервная копия не создана: база данных повреждена"),
        "{}",
        problem.message
    );
    let listed: Vec<String> = backups::list_backups(&session)
        .unwrap()
        .into_iter()
        .map(|b| b.file_name)
        .collect();
    assert_eq!(
        listed,
        std::slice::from_ref(&backup),
        "no failed copy is listed"
    );

    // The window's restore, with the damaged database open.
    let restored = backups::restore_backup(&session, backup).unwrap();

    let Restored::DamagedSetAside { path, .. } = restored else {
        panic!("a database SQLite cannot copy is set aside: {restored:?}");
    };
    assert!(path.is_file());
    assert_eq!(programmes::list_programmes(&session).unwrap().len(), 2);
    assert_eq!(backups::backup_problem(&session).unwrap(), None);
    assert!(session.status().open);
    assert_eq!(empty_copies(dir.path()), Vec::<std::path::PathBuf>::new());
    // And today's copy can be made now.
    assert!(backups::daily_backup(&session, day("2026-11-23"))
        .unwrap()
        .is_some());
}

#[test]
fn a_copy_made_by_hand_clears_the_problem_and_a_full_disk_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("metodist.sqlite3");
    let session = Session::at(&db);
    session
        .with_store_mut(|s| s.import(&metodist_core::generate::programme(3, 1)))
        .unwrap();
    // A file where the backups folder should be: the copy cannot be made.
    std::fs::write(dir.path().join("backups"), b"not a folder").unwrap();

    let error = backups::daily_backup(&session, day("2026-11-23")).unwrap_err();
    let problem = backups::backup_problem(&session).unwrap().unwrap();
    assert_eq!(problem.code, error.code());
    assert!(
        problem
            .message
            .starts_with("Сегодняшняя резервная копия не создана: ошибка чтения или записи"),
        "{}",
        problem.message
    );

    std::fs::remove_file(dir.path().join("backups")).unwrap();
    backups::create_backup(&session).unwrap();
    assert_eq!(backups::backup_problem(&session).unwrap(), None);

    let full = metodist_api::ApiError::Core(metodist_core::CoreError::DiskFull);
    let message = backups::BackupProblem::of(&full).message;
    assert_eq!(
        message,
        "Сегодняшняя резервная копия не создана: недостаточно места на диске. Освободите место и нажмите «Создать копию сейчас» на экране «Резервные копии»."
    );
}
