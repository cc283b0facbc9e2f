//! Who may read the files the store makes: on Unix the database, its `-wal`
//! and `-shm`, every backup and the folders they are made in belong to the
//! user alone (0600 and 0700), so another account on the same computer
//! cannot copy her programmes. And what an interrupted write left beside the
//! database is gone once the store opens.

#[cfg(unix)]
use std::path::Path;

#[cfg(unix)]
use chrono::NaiveDate;
#[cfg(unix)]
use metodist_core::generate;
use metodist_core::Store;

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .permissions()
        .mode()
        & 0o777
}

#[cfg(unix)]
fn with_suffix(p: &Path, suffix: &str) -> std::path::PathBuf {
    let mut s = p.as_os_str().to_os_string();
    s.push(suffix);
    s.into()
}

#[cfg(unix)]
#[test]
fn a_fresh_database_its_companions_and_backups_are_the_owners_alone() {
    let root = tempfile::tempdir().unwrap();
    // A first start: the data folder does not exist yet.
    let data = root.path().join("Metodist");
    let db = data.join("metodist.sqlite3");
    let mut store = Store::open(&db).unwrap();
    store.import(&generate::programme(3, 1)).unwrap();

    assert_eq!(mode(&data), 0o700, "the data folder");
    assert_eq!(mode(&db), 0o600, "the database");
    for suffix in ["-wal", "-shm"] {
        let companion = with_suffix(&db, suffix);
        assert!(
            companion.exists(),
            "{} exists while open",
            companion.display()
        );
        assert_eq!(mode(&companion), 0o600, "{}", companion.display());
    }

    let daily = store
        .daily_backup(NaiveDate::from_ymd_opt(2025, 5, 20).unwrap())
        .unwrap()
        .expect("a daily backup");
    let manual = store.backup_now().unwrap();
    assert_eq!(mode(&store.backups_dir().unwrap()), 0o700, "backups/");
    assert_eq!(mode(&daily), 0o600, "{}", daily.display());
    assert_eq!(mode(&manual.path), 0o600, "{}", manual.path.display());
    let safety = store.restore_backup(&daily).unwrap();
    assert_eq!(mode(&safety), 0o600, "{}", safety.display());
}

#[cfg(unix)]
#[test]
fn another_databases_backups_folder_and_a_restored_database_are_the_owners_alone() {
    let root = tempfile::tempdir().unwrap();
    let db = root.path().join("docs").join("школа.sqlite3");
    let backup = {
        let store = Store::open(&db).unwrap();
        store.backup_now().unwrap().path
    };
    // backups/ and backups/школа.sqlite3/ are both made for the owner.
    assert_eq!(mode(&root.path().join("docs").join("backups")), 0o700);
    assert_eq!(mode(backup.parent().unwrap()), 0o700);

    // Restoring into a place where the database is gone makes a new file.
    std::fs::remove_file(&db).unwrap();
    metodist_core::store::restore_backup_at(&db, &backup).unwrap();
    assert_eq!(mode(&db), 0o600);
}

#[cfg(unix)]
#[test]
fn the_copy_before_a_migration_is_the_owners_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("metodist.sqlite3");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(metodist_core::store::MIGRATIONS[0])
            .unwrap();
        conn.execute_batch("PRAGMA user_version = 1;").unwrap();
    }
    Store::open(&db).unwrap();
    let bak: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".bak"))
        .collect();
    assert_eq!(bak.len(), 1);
    assert_eq!(mode(&bak[0]), 0o600);
}

/// Files an older version made 0644 (the database, its companions, the
/// backups and their folder) are the owner's alone after the next start.
#[cfg(unix)]
#[test]
fn files_an_older_version_left_open_to_others_are_made_private() {
    use std::os::unix::fs::PermissionsExt;
    let open = |p: &Path| std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o644));
    let root = tempfile::tempdir().unwrap();
    let db = root.path().join("metodist.sqlite3");
    let old_backup = {
        let mut store = Store::open(&db).unwrap();
        store.import(&generate::programme(3, 1)).unwrap();
        let b = store.backup_now().unwrap().path;
        open(&b).unwrap();
        std::fs::set_permissions(b.parent().unwrap(), std::fs::Permissions::from_mode(0o755))
            .unwrap();
        b
    };
    open(&db).unwrap();
    for suffix in ["-wal", "-shm"] {
        let companion = with_suffix(&db, suffix);
        if companion.exists() {
            open(&companion).unwrap();
        }
    }
    let store = Store::open(&db).unwrap();
    assert_eq!(mode(&db), 0o600, "the database");
    for suffix in ["-wal", "-shm"] {
        let companion = with_suffix(&db, suffix);
        assert_eq!(mode(&companion), 0o600, "{}", companion.display());
    }
    store
        .daily_backup(NaiveDate::from_ymd_opt(2025, 5, 21).unwrap())
        .unwrap();
    assert_eq!(mode(&old_backup), 0o600, "an older backup");
    assert_eq!(mode(old_backup.parent().unwrap()), 0o700, "backups/");
}

/// An existing folder is the user's (her documents, say): opening a
/// database in it must not change its mode.
#[cfg(unix)]
#[test]
fn an_existing_folder_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    let docs = root.path().join("Документы");
    std::fs::create_dir(&docs).unwrap();
    std::fs::set_permissions(&docs, std::fs::Permissions::from_mode(0o755)).unwrap();
    Store::open(&docs.join("база.sqlite3")).unwrap();
    assert_eq!(mode(&docs), 0o755);
    assert_eq!(mode(&docs.join("база.sqlite3")), 0o600);
}

/// A write interrupted by a crash or a power cut leaves its temporary file;
/// the next start removes it (and nothing else).
#[test]
fn opening_the_store_sweeps_abandoned_temporaries_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("metodist.sqlite3");
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let mut planted = Vec::new();
    for name in [
        ".metodist.sqlite3.instance.0123456789abcdef.metodist-tmp",
        ".database-location.txt.fedcba9876543210.metodist-tmp",
        ".notes.txt",
        "export.metodist.json",
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, b"half").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&p)
            .unwrap()
            .set_modified(old)
            .unwrap();
        planted.push(p);
    }
    Store::open(&db).unwrap();
    assert!(!planted[0].exists(), "the marker's temporary is swept");
    assert!(!planted[1].exists(), "the location's temporary is swept");
    assert!(planted[2].exists(), "not ours");
    assert!(planted[3].exists(), "not a temporary");
}
