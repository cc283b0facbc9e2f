//! The one SQLite file that holds the user's programmes.
//!
//! Opening never harms a file it does not understand: a file that is not
//! SQLite, is read-only, is locked, or was written by a newer version is
//! refused before anything is written to it. Migrations run in one
//! transaction after a backup copy; every edit is one transaction.

mod backups;
mod columns;
mod edit;
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

pub use backups::{
    backups_dir_for, find_backup, list_backups_for, restore_backup_at, BackupInfo, BackupKind,
    Restored, KEEP_DAILY,
};
pub use edit::{Applied, Edit, HistorySize, ItemInput, UndoState, UNDO_DEPTH, UNDO_MAX_BYTES};
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
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| CoreError::io(dir, e))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| CoreError::sqlite(path, e))?;
        Self::init(conn, path.to_path_buf())
    }

    /// A private database in memory, for tests and batch work.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().map_err(|e| CoreError::Database(e.to_string()))?;
        Self::init(conn, PathBuf::from(":memory:"))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn init(conn: Connection, path: PathBuf) -> Result<Store> {
        let err = |e| CoreError::sqlite(&path, e);
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
            // journal_mode answers with a row, so it is queried, not executed.
            let _mode: String = conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
                .map_err(err)?;
            conn.execute_batch("PRAGMA synchronous = NORMAL;")
                .map_err(err)?;
        }
        let mut store = Store { conn, path };
        // Taking the write lock once tells at open time, not at the first
        // edit, that another process holds the file.
        store.write(|_| Ok(()))?;
        if version < latest {
            store.migrate_from(version)?;
        }
        Ok(store)
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
    /// (never a plain copy of a file that may be in use).
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
        self.conn
            .execute("VACUUM INTO ?1", [target.to_string_lossy()])
            .map_err(|e| CoreError::sqlite(&self.path, e))?;
        Ok(target)
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it is stored, or none.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, TxError>,
    ) -> Result<T> {
        let path = self.path.clone();
        let to_core = |e: TxError| match e {
            TxError::Sql(e) => CoreError::sqlite(&path, e),
            TxError::Core(e) => e,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| CoreError::sqlite(&path, e))?;
        let value = f(&tx).map_err(to_core)?;
        tx.commit().map_err(|e| CoreError::sqlite(&path, e))?;
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
        |e| CoreError::sqlite(&self.path, e)
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
