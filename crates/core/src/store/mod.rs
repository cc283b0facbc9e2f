//! The one SQLite file that holds the user's programmes.
//!
//! Opening never harms a file it does not understand: a file that is not
//! SQLite, is read-only, is locked, or was written by a newer version is
//! refused before anything is written to it. Migrations run in one
//! transaction after a backup copy; every edit is one transaction.

mod backups;
mod columns;
mod edit;
mod editions;
mod history;
mod lists;
mod location;
mod profiles;
mod programmes;
mod roadmap;
mod schema;
mod templates;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{CoreError, Result};
use crate::fsutil;

pub use backups::{
    backups_dir_for, find_backup, list_backups_for, restore_backup_at, BackupInfo, BackupKind,
    Restored, KEEP_DAILY,
};
pub use edit::{Applied, Edit, HistorySize, ItemInput, UndoState, UNDO_DEPTH, UNDO_MAX_BYTES};
pub use editions::{amendable_content, Edition, EditionAct, EditionSummary};
pub use lists::ListKind;
pub use location::{default_db_path, remember_db_path};
pub use programmes::{ProgrammeSummary, KEEP_DELETED_DAYS};
pub use schema::{latest_version, MIGRATIONS};
pub use templates::TemplateSummary;

/// How long a write waits for another process's lock before giving up with
/// a "database is busy" message.
const BUSY_TIMEOUT: Duration = Duration::from_secs(2);

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the database at `path`, creating it (and its folder) when it
    /// does not exist, and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        check_existing_file(path)?;
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        if let Some(dir) = dir {
            fsutil::create_private_dir_all(dir).map_err(|e| CoreError::io(dir, e))?;
        }
        create_owner_only(path)?;
        // SQLite gives `-wal` and `-shm` the database's mode when it makes
        // them; a database made 0644 by an older version is tightened first.
        for file in [
            path.to_path_buf(),
            backups::with_suffix(path, "-wal"),
            backups::with_suffix(path, "-shm"),
        ] {
            fsutil::restrict_to_owner(&file);
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| CoreError::sqlite(path, e))?;
        let store = Self::init(conn, path.to_path_buf()).map_err(|e| match e {
            // Not an edit that failed: the database could not be opened.
            CoreError::DiskFull | CoreError::DiskFullFile(_) => {
                CoreError::DiskFullOpening(path.to_path_buf())
            }
            e => e,
        })?;
        // What an interrupted write of ours left beside the database (the
        // single-window marker, the remembered location, an export saved
        // here) goes now; see `fsutil`.
        fsutil::remove_stale_temporaries(dir.unwrap_or(Path::new(".")));
        Ok(store)
    }

    /// A private database in memory, for tests and batch work.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().map_err(|e| CoreError::Database(e.to_string()))?;
        Self::init(conn, PathBuf::from(":memory:"))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Makes the connection ready. When the schema is current nothing here
    /// takes the write lock: in WAL mode a reader never needs it, so a
    /// programme is listed and read while another program writes (only
    /// writing waits for it, and says so after `BUSY_TIMEOUT`).
    fn init(conn: Connection, path: PathBuf) -> Result<Store> {
        let err = |e| classify(&conn, &path, e);
        conn.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
        // Read the version before changing anything: a newer file must be
        // left exactly as it is.
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(err)?;
        let latest = latest_version();
        if version > latest {
            return Err(CoreError::NewerSchema {
                path,
                found: version,
                supported: latest,
            });
        }
        if version == 0 {
            // Another application's SQLite file: not ours to add tables to.
            let tables: i64 = conn
                .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
                .map_err(err)?;
            if tables > 0 {
                return Err(CoreError::NotADatabase(path));
            }
        }
        conn.execute_batch("PRAGMA foreign_keys = ON;")
            .map_err(err)?;
        if path.as_os_str() != ":memory:" {
            // The mode is kept in the file: only a new database (or one
            // another program switched back) needs it set, which takes an
            // exclusive lock. journal_mode answers with a row, so it is
            // queried, not executed.
            let mode: String = conn
                .query_row("PRAGMA journal_mode", [], |r| r.get(0))
                .map_err(err)?;
            if !mode.eq_ignore_ascii_case("wal") {
                let _mode: String = conn
                    .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
                    .map_err(err)?;
            }
            conn.execute_batch("PRAGMA synchronous = NORMAL;")
                .map_err(err)?;
        }
        let mut store = Store { conn, path };
        if version < latest {
            // Taking the write lock first tells that another process holds
            // the file before the backup copy is made for nothing.
            store.check_writable()?;
            store.migrate_from(version)?;
        }
        Ok(store)
    }

    /// Takes the write lock and lets it go: tells now, not halfway through
    /// a longer job (a migration, restoring a backup), that another
    /// program is writing to the database.
    pub(crate) fn check_writable(&mut self) -> Result<()> {
        self.write(|_| Ok(()))
    }

    pub(crate) fn migrate_from(&mut self, from: i64) -> Result<()> {
        let backup = if from > 0 {
            Some(self.backup_before_migration(from)?)
        } else {
            None
        };
        let path = self.path.clone();
        let result = (|| -> Result<(), TxError> {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            for sql in &schema::MIGRATIONS[from as usize..] {
                tx.execute_batch(sql)?;
            }
            tx.pragma_update(None, "user_version", latest_version())?;
            if from > 0 {
                // Items stored before schedules were kept get theirs now.
                let ids = tx
                    .prepare("SELECT id FROM programme")?
                    .query_map([], |r| r.get::<_, i64>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                for id in ids {
                    let period = programmes::programme_period(&tx, id)?;
                    roadmap::refresh_schedules(&tx, id, period)?;
                }
            }
            tx.commit()?;
            Ok(())
        })();
        let err = match result {
            Ok(()) => {
                if from > 0 {
                    // Give back the space a migration freed (migration 3
                    // drops the old undo copies). Best effort: when it
                    // fails (a full disk) the file is only larger.
                    let _ = self.conn.execute_batch("VACUUM");
                }
                return Ok(());
            }
            Err(TxError::Sql(e)) => CoreError::sqlite(&path, e),
            Err(TxError::Core(e)) => e,
        };
        Err(match (err, backup) {
            (e @ (CoreError::Locked(_) | CoreError::DiskFull | CoreError::ReadOnly(_)), _) => e,
            (e, Some(b)) => CoreError::Migration(e.to_string(), b),
            (e, None) => e,
        })
    }

    /// A consistent copy of the database next to it, made by SQLite itself
    /// (never a plain copy of a file that may be in use) and checked; a
    /// failed copy leaves no file.
    fn backup_before_migration(&self, from: i64) -> Result<PathBuf> {
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let name = format!(
            "{}.v{from}-{stamp}.bak",
            self.path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "metodist.sqlite3".into())
        );
        let target = self.path.with_file_name(name);
        backups::copy_checked(&self.conn, &self.path, &target)?;
        Ok(target)
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it is stored, or none.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, TxError>,
    ) -> Result<T> {
        let path = self.path.clone();
        // `&mut self` already rules out a transaction in progress; the
        // shared borrow lets a failed BEGIN be classified with `conn`.
        let tx = match rusqlite::Transaction::new_unchecked(
            &self.conn,
            TransactionBehavior::Immediate,
        ) {
            Ok(tx) => tx,
            Err(e) => return Err(classify(&self.conn, &path, e)),
        };
        let value = match f(&tx) {
            Ok(value) => value,
            Err(TxError::Sql(e)) => return Err(classify(&tx, &path, e)),
            Err(TxError::Core(e)) => return Err(e),
        };
        // A failed commit is rolled back when the transaction is dropped;
        // read the system's error before that.
        let errno = system_errno(&tx);
        tx.commit()
            .map_err(|e| CoreError::sqlite_os(&path, e, errno))?;
        Ok(value)
    }

    /// Lets the database grow by at most `extra_pages` pages from now on,
    /// after which every write fails as it would on a full disk (SQLite's
    /// `SQLITE_FULL`). For tests of what a full disk does: it is the same
    /// error path as a real one, without filling a real disk.
    #[doc(hidden)]
    pub fn simulate_full_disk_after(&self, extra_pages: i64) -> Result<()> {
        let used: i64 = self
            .conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .map_err(|e| CoreError::sqlite(&self.path, e))?;
        self.conn
            .pragma_update(None, "max_page_count", used + extra_pages)
            .map_err(|e| CoreError::sqlite(&self.path, e))
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub(crate) fn db_err(&self) -> impl Fn(rusqlite::Error) -> CoreError + '_ {
        |e| classify(&self.conn, &self.path, e)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(self.db_err())
    }

    /// The number of rows in all tables together; lets tests and fuzz
    /// targets prove that a refused change left nothing behind.
    pub fn row_count(&self) -> Result<i64> {
        let tables = self
            .conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .and_then(|mut st| {
                st.query_map([], |r| r.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(self.db_err())?;
        let mut total = 0;
        for table in tables {
            let sql = format!("SELECT count(*) FROM \"{}\"", table.replace('"', "\"\""));
            let n: i64 = self
                .conn
                .query_row(&sql, [], |r| r.get(0))
                .map_err(self.db_err())?;
            total += n;
        }
        Ok(total)
    }

    /// SQLite's own check of the file's structure ("ok" when sound).
    pub fn integrity_check(&self) -> Result<String> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(self.db_err())
    }
}

/// Creates the database file empty and readable by its owner alone (0600 on
/// Unix) when there is none, before SQLite does: SQLite would make it 0644,
/// and it gives the `-wal` and `-shm` files the database file's mode. An
/// empty file is a new database to SQLite.
pub(crate) fn create_owner_only(path: &Path) -> Result<()> {
    match fsutil::create_private_file(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(CoreError::io(path, e)),
    }
}

/// A consistent copy of the database on `conn` at `target`, which must not
/// exist: created first, empty and for the owner alone (SQLite accepts an
/// empty file and would make a new one 0644), removed again when the copy
/// fails so no empty "backup" is left.
pub(crate) fn vacuum_into(conn: &Connection, db: &Path, target: &Path) -> Result<()> {
    fsutil::create_private_file(target).map_err(|e| CoreError::io(target, e))?;
    conn.execute("VACUUM INTO ?1", [target.to_string_lossy()])
        .map_err(|e| {
            let _ = std::fs::remove_file(target);
            CoreError::sqlite(db, e)
        })?;
    Ok(())
}

/// Classifies an error of `conn`, with the system's error number of its
/// last failed file operation (a full disk is «disk I/O error» to SQLite).
fn classify(conn: &Connection, path: &Path, e: rusqlite::Error) -> CoreError {
    let errno = match &e {
        rusqlite::Error::SqliteFailure(..) => system_errno(conn),
        _ => None,
    };
    CoreError::sqlite_os(path, e, errno)
}

/// `sqlite3_system_errno`: the system's error number of the connection's
/// last failed file operation, if any.
fn system_errno(conn: &Connection) -> Option<i32> {
    // SAFETY: `conn` is open for as long as the borrow lasts, so its handle
    // is a valid `sqlite3*`; the function only reads the connection's
    // stored error number, and `Connection` is not shared between threads.
    let n = unsafe { rusqlite::ffi::sqlite3_system_errno(conn.handle()) };
    (n != 0).then_some(n)
}

/// Refuses an existing file that SQLite would misread or that we may not
/// write, before SQLite touches it.
fn check_existing_file(path: &Path) -> Result<()> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(CoreError::io(path, e)),
    };
    if meta.is_dir() {
        return Err(CoreError::NotADatabase(path.to_path_buf()));
    }
    // The permission bit, not a failed write, decides: an administrator
    // (or root in CI) could otherwise write to a file marked read-only.
    if meta.permissions().readonly() {
        return Err(CoreError::ReadOnly(path.to_path_buf()));
    }
    if meta.len() == 0 {
        return Ok(());
    }
    let mut header = [0u8; 16];
    let mut f = std::fs::File::open(path).map_err(|e| CoreError::io(path, e))?;
    let n = read_up_to(&mut f, &mut header).map_err(|e| CoreError::io(path, e))?;
    if n < header.len() || &header != SQLITE_HEADER {
        return Err(CoreError::NotADatabase(path.to_path_buf()));
    }
    Ok(())
}

fn read_up_to(f: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// What can go wrong inside a write transaction; `Store::write` names the
/// database file in SQLite's errors.
pub(crate) enum TxError {
    Sql(rusqlite::Error),
    Core(CoreError),
}

impl From<rusqlite::Error> for TxError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Sql(e)
    }
}

impl From<CoreError> for TxError {
    fn from(e: CoreError) -> Self {
        Self::Core(e)
    }
}

/// The current time as stored in the database (RFC 3339, UTC).
pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
