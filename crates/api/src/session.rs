//! The database the window works with: where it is, and the open store
//! shared by every operation.

use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use metodist_core::store::{find_backup, restore_backup_at, Restored};
use metodist_core::{CoreError, Store};
use serde::Serialize;

use crate::backups::BackupProblem;
use crate::ApiError;

/// The database handle shared by all operations.
///
/// The store stays `None` while the database cannot be opened; every command
/// then tries again, so a database that was locked by another program or sat
/// on a drive that was not yet mounted becomes usable without a restart.
/// The location can change while the app runs: a user whose database is
/// damaged may open or create another one from the window.
///
/// Lock order: `store`, then `location`.
pub struct Session {
    location: Mutex<Location>,
    store: Mutex<Option<Store>>,
    /// Whether a database chosen in the window is remembered for the next
    /// launches: yes for the app, no for a state bound to one file (tests
    /// must never touch the user's own settings).
    remember_choice: bool,
    /// Why today's automatic backup could not be made (`None` when it was,
    /// or was not tried): the window tells her, since most users never see
    /// the log.
    backup_problem: Mutex<Option<BackupProblem>>,
}

#[derive(Clone)]
enum Location {
    /// `METODIST_DB`, else the OS data directory; resolved by the core.
    Default,
    Fixed(PathBuf),
}

/// What the window shows about the database file in its footer.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, ts_rs::TS)]
pub struct DatabaseStatus {
    /// `None` when even the location is unknown (no data directory).
    pub path: Option<String>,
    pub open: bool,
}

impl Session {
    pub fn from_environment() -> Self {
        Self::new(Location::Default, true)
    }

    /// A state bound to one file, for tests and embedding.
    pub fn at(path: impl Into<PathBuf>) -> Self {
        Self::new(Location::Fixed(path.into()), false)
    }

    fn new(location: Location, remember_choice: bool) -> Self {
        Self {
            location: Mutex::new(location),
            store: Mutex::new(None),
            remember_choice,
            backup_problem: Mutex::new(None),
        }
    }

    fn path(&self) -> Result<PathBuf, CoreError> {
        let location = self
            .location
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        match location {
            Location::Default => metodist_core::default_db_path(),
            Location::Fixed(path) => Ok(path),
        }
    }

    /// Where the database is (or would be), whether or not it opens.
    pub fn db_path(&self) -> Result<PathBuf, ApiError> {
        Ok(self.path()?)
    }

    /// Refuses `out` as a file to save when it is this session's database or
    /// one of its files (see [`crate::check_output`]). Without a known
    /// database (no data folder) there is nothing to protect.
    pub fn check_output(&self, out: &std::path::Path) -> Result<(), ApiError> {
        match self.path() {
            Ok(db) => crate::check_output(&db, out),
            Err(_) => Ok(()),
        }
    }

    /// Works from now on, and at the next launches, with the database at
    /// `path` (created when it does not exist). When it cannot be opened the
    /// current one stays in use and the error says why.
    pub fn switch_to(&self, path: PathBuf) -> Result<(), ApiError> {
        let mut guard = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        let store = Store::open(&path)?;
        *guard = Some(store);
        // The next launch opens this file too; failing to remember it must
        // not undo a switch that worked, so it is only logged.
        if self.remember_choice {
            if let Err(error) = metodist_core::store::remember_db_path(&path) {
                eprintln!("[{}] {error}", error.code());
            }
        }
        *self.location.lock().unwrap_or_else(PoisonError::into_inner) = Location::Fixed(path);
        // What went wrong with the other database's backup is not this one's.
        self.set_backup_problem(None);
        Ok(())
    }

    /// Restores the listed backup `file_name` (a name from the list, never a
    /// path from the window), whether or not the database opens; see
    /// `metodist_core::store::restore_backup_at` for what is kept. An open
    /// store is handed to the restore, which closes it when the database
    /// must be set aside (a damaged page SQLite cannot copy); the database
    /// at the path is opened afresh afterwards, restored or as it was.
    pub fn restore_backup(&self, file_name: &str) -> Result<Restored, ApiError> {
        let mut guard = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        let path = self.path()?;
        let backup = find_backup(&path, file_name)?;
        let restored = match guard.take() {
            Some(store) => store.restore_or_set_aside(&backup.path),
            None => restore_backup_at(&path, &backup.path),
        };
        match (restored, Store::open(&path)) {
            (Ok(restored), Ok(store)) => {
                *guard = Some(store);
                // The state that failed to be copied today is replaced (and
                // kept); the restored one is a copy already.
                self.set_backup_problem(None);
                Ok(restored)
            }
            (Ok(_), Err(error)) => Err(error.into()),
            (Err(error), reopened) => {
                *guard = reopened.ok();
                Err(error.into())
            }
        }
    }

    /// Why today's automatic backup could not be made, if it could not.
    pub fn backup_problem(&self) -> Option<BackupProblem> {
        self.backup_problem
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub(crate) fn set_backup_problem(&self, problem: Option<BackupProblem>) {
        *self
            .backup_problem
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = problem;
    }

    /// Opens the database unless it is already open.
    pub fn ensure_open(&self) -> Result<(), ApiError> {
        self.with_store(|_| Ok(()))
    }

    /// Runs `action` on the open store, opening it first when needed.
    pub fn with_store<T>(
        &self,
        action: impl FnOnce(&Store) -> Result<T, CoreError>,
    ) -> Result<T, ApiError> {
        self.with_store_mut(|store| action(store))
    }

    /// Runs `action` on the open store, opening it first when needed; for
    /// commands that change the database as well as those that read it.
    pub fn with_store_mut<T>(
        &self,
        action: impl FnOnce(&mut Store) -> Result<T, CoreError>,
    ) -> Result<T, ApiError> {
        // A panic in an earlier command cannot leave the store half-written:
        // the core makes every change one transaction, which SQLite rolls
        // back. So the poisoned guard is still safe to use.
        let mut guard = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        let store = match guard.take() {
            Some(store) => guard.insert(store),
            None => guard.insert(Store::open(&self.path()?)?),
        };
        Ok(action(store)?)
    }

    pub fn status(&self) -> DatabaseStatus {
        let open = self
            .store
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some();
        DatabaseStatus {
            path: self.path().ok().map(|path| path.display().to_string()),
            open,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::path::Path;

    fn has_cyrillic(text: &str) -> bool {
        text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
    }

    #[test]
    fn new_database_is_created_and_lists_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("metodist.sqlite3");
        let state = Session::at(&db);

        let programmes = state
            .with_store(|store| store.list_programmes())
            .expect("list on a new database");

        assert!(programmes.is_empty());
        assert!(db.is_file(), "the database file is created on first open");
        assert_eq!(
            state.status(),
            DatabaseStatus {
                path: Some(db.display().to_string()),
                open: true
            }
        );
    }

    #[test]
    fn file_that_is_not_sqlite_is_reported_as_code_and_russian_message() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("metodist.sqlite3");
        let bytes = "Это не база данных, а заметки методиста.\n".repeat(200);
        fs::write(&db, &bytes).expect("write the foreign file");
        let state = Session::at(&db);

        let error = state
            .with_store(|store| store.list_programmes())
            .expect_err("a text file is not a database");

        let json = serde_json::to_value(&error).expect("serialize the error");
        let object = json.as_object().expect("the error is a JSON object");
        assert_eq!(object.len(), 2, "exactly code and message: {json}");
        assert_eq!(json["code"], error.code());
        let message = json["message"].as_str().expect("message is a string");
        assert!(has_cyrillic(message), "message is Russian: {message}");
        assert!(!state.status().open);
        assert_eq!(fs::read(&db).expect("read back"), bytes.as_bytes());
    }

    fn database_with_backup(dir: &Path) -> (PathBuf, String) {
        let db = dir.join("metodist.sqlite3");
        let state = Session::at(&db);
        state
            .with_store_mut(|s| s.import(&metodist_core::generate::programme(3, 1)))
            .expect("import");
        let backup = state.with_store(|s| s.backup_now()).expect("backup");
        (db, backup.file_name)
    }

    #[test]
    fn a_damaged_database_is_restored_from_a_backup_and_kept_aside() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (db, backup) = database_with_backup(dir.path());
        for suffix in ["-wal", "-shm"] {
            let _ = fs::remove_file(format!("{}{suffix}", db.display()));
        }
        fs::write(&db, b"garbage").expect("damage");
        let state = Session::at(&db);
        assert!(state.ensure_open().is_err());

        let restored = state.restore_backup(&backup).expect("restore");

        let Restored::DamagedSetAside { path, .. } = restored else {
            panic!("set aside: {restored:?}");
        };
        assert_eq!(fs::read(path).expect("kept"), b"garbage");
        assert!(state.status().open);
        let n = state.with_store(|s| s.list_programmes()).expect("list");
        assert_eq!(n.len(), 1);
        assert_eq!(
            state
                .restore_backup("../metodist.sqlite3")
                .unwrap_err()
                .code(),
            "element_not_found"
        );
    }

    #[test]
    fn switching_to_another_file_keeps_the_current_one_when_it_fails() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (db, _) = database_with_backup(dir.path());
        let state = Session::at(&db);
        state.ensure_open().expect("open");
        let junk = dir.path().join("junk.sqlite3");
        fs::write(&junk, b"not sqlite").expect("junk");

        assert_eq!(
            state.switch_to(junk.clone()).unwrap_err().code(),
            "db_not_sqlite"
        );
        assert_eq!(state.db_path().expect("path"), db);

        let other = dir.path().join("other").join("new.sqlite3");
        state.switch_to(other.clone()).expect("create a new one");
        assert_eq!(state.db_path().expect("path"), other);
        let list = state.with_store(|s| s.list_programmes()).expect("list");
        assert!(list.is_empty());
        assert_eq!(fs::read(&junk).expect("junk kept"), b"not sqlite");
    }

    #[test]
    fn a_failed_open_is_retried_by_the_next_command() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("metodist.sqlite3");
        fs::write(&db, b"not a database at all").expect("write the foreign file");
        let state = Session::at(&db);
        assert!(state.ensure_open().is_err());

        fs::remove_file(&db).expect("the user moves the foreign file away");

        state
            .ensure_open()
            .expect("the next command opens a new database");
        assert!(state.status().open);
    }
}
