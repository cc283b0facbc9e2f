//! Copies of the database made by SQLite itself (never a plain copy of a
//! file in use): one a day when the app starts, the last `KEEP_DAILY` kept,
//! one whenever the user asks, and one before every restore, so a restore
//! can be undone too.
//!
//! Listing and restoring also work by the database's path alone, without an
//! open `Store`: a damaged database cannot be opened, and its backups are
//! exactly what the user needs then.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::{latest_version, Store};
use crate::error::{CoreError, Result};

/// How many daily backups are kept.
pub const KEEP_DAILY: usize = 14;

const DAILY_PREFIX: &str = "metodist-";
const MANUAL_PREFIX: &str = "manual-";
const BEFORE_RESTORE_PREFIX: &str = "before-restore-";
const EXTENSION: &str = ".sqlite3";

/// Why a copy exists; the window names it.
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    Daily,
    Manual,
    BeforeRestore,
    /// A file someone put into the folder by hand.
    Other,
}

impl BackupKind {
    fn of(file_name: &str) -> Self {
        if file_name.starts_with(DAILY_PREFIX) {
            Self::Daily
        } else if file_name.starts_with(MANUAL_PREFIX) {
            Self::Manual
        } else if file_name.starts_with(BEFORE_RESTORE_PREFIX) {
            Self::BeforeRestore
        } else {
            Self::Other
        }
    }
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub file_name: String,
    /// When the copy was made (the file's time), RFC 3339.
    pub created: String,
    pub size: u64,
    pub kind: BackupKind,
}

/// What a restore kept of the state it replaced.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kept", rename_all = "snake_case")]
pub enum Restored {
    /// The database was sound: its state was copied into the backups folder.
    SafetyCopy { path: PathBuf, file_name: String },
    /// The database could not be opened: the file was renamed, untouched,
    /// and a new database made from the backup took its place.
    DamagedSetAside { path: PathBuf, file_name: String },
    /// There was no database file at all.
    Nothing,
}

/// The folder beside the database at `db` where its copies are kept:
/// `backups/` for the app's own `metodist.sqlite3`, `backups/<file name>/`
/// for any other file. Two databases in one folder (the user's documents,
/// say) must never list, prune or restore each other's copies.
pub fn backups_dir_for(db: &Path) -> Result<PathBuf> {
    let parent = db
        .parent()
        .filter(|p| !p.as_os_str().is_empty() && db.as_os_str() != ":memory:")
        .ok_or_else(|| CoreError::InvalidEdit("у базы в памяти нет резервных копий".into()))?;
    let shared = parent.join("backups");
    Ok(match db.file_name() {
        Some(name) if name != super::location::DEFAULT_FILE => shared.join(name),
        _ => shared,
    })
}

/// Every copy of the database at `db`, newest first. Needs no open
/// database, so it works when the database itself is damaged.
pub fn list_backups_for(db: &Path) -> Result<Vec<BackupInfo>> {
    let dir = backups_dir_for(db)?;
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(CoreError::io(&dir, e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| CoreError::io(&dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(EXTENSION) {
            continue;
        }
        let meta = entry
            .metadata()
            .map_err(|e| CoreError::io(entry.path(), e))?;
        if !meta.is_file() {
            continue;
        }
        let created = meta
            .modified()
            .map(|t| {
                chrono::DateTime::<chrono::Utc>::from(t)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            })
            .unwrap_or_default();
        out.push(BackupInfo {
            path: entry.path(),
            kind: BackupKind::of(&name),
            file_name: name,
            created,
            size: meta.len(),
        });
    }
    out.sort_by(|a, b| {
        b.created
            .cmp(&a.created)
            .then(b.file_name.cmp(&a.file_name))
    });
    Ok(out)
}

/// The listed backup of `db` called `file_name`. Only names from the list
/// are accepted, so a caller cannot point a restore at an arbitrary file.
pub fn find_backup(db: &Path, file_name: &str) -> Result<BackupInfo> {
    list_backups_for(db)?
        .into_iter()
        .find(|b| b.file_name == file_name)
        .ok_or_else(|| CoreError::ElementNotFound(format!("резервная копия «{file_name}»")))
}

/// Restores `backup` as the database at `db`, whether or not that database
/// can be opened, and never overwrites anything:
///
/// - a database that opens is restored in place after a safety copy
///   (`Store::restore_backup`);
/// - a database refused as damaged (not SQLite, corrupt, from a newer
///   version, a failed migration) is renamed to `<name>.damaged-<time>`
///   with its `-wal`/`-shm` files, byte for byte, and a new database is made
///   from the backup at `db`;
/// - a database that is locked, read-only or on a full disk is left alone
///   and its error returned: moving a file another program is writing to
///   would split her data in two.
pub fn restore_backup_at(db: &Path, backup: &Path) -> Result<Restored> {
    check_backup(backup)?;
    if !db.exists() {
        write_from_backup(db, backup)?;
        return Ok(Restored::Nothing);
    }
    match Store::open(db) {
        Ok(mut store) => {
            let path = store.restore_backup(backup)?;
            Ok(Restored::SafetyCopy {
                file_name: file_name_of(&path),
                path,
            })
        }
        Err(
            CoreError::NotADatabase(_)
            | CoreError::Corrupt(_)
            | CoreError::NewerSchema { .. }
            | CoreError::Migration(..),
        ) => {
            let aside = set_aside(db)?;
            if let Err(error) = write_from_backup(db, backup) {
                // Put the damaged file back where it was: the user must find
                // things as she left them when a restore fails.
                remove_database_files(db);
                let _ = move_with_companions(&aside, db);
                return Err(error);
            }
            Ok(Restored::DamagedSetAside {
                file_name: file_name_of(&aside),
                path: aside,
            })
        }
        Err(other) => Err(other),
    }
}

fn file_name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// SQLite keeps a database in up to three files; they travel together.
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

fn set_aside(db: &Path) -> Result<PathBuf> {
    let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
    let aside = (1..)
        .map(|n| {
            let suffix = if n == 1 {
                format!(".damaged-{stamp}")
            } else {
                format!(".damaged-{stamp}-{n}")
            };
            with_suffix(db, &suffix)
        })
        .find(|p| !p.exists() && COMPANIONS.iter().all(|c| !with_suffix(p, c).exists()))
        .expect("an unused name");
    move_with_companions(db, &aside)?;
    Ok(aside)
}

fn move_with_companions(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(|e| CoreError::io(from, e))?;
    for c in COMPANIONS {
        let (f, t) = (with_suffix(from, c), with_suffix(to, c));
        if f.exists() {
            std::fs::rename(&f, &t).map_err(|e| CoreError::io(&f, e))?;
        }
    }
    Ok(())
}

fn remove_database_files(db: &Path) {
    let _ = std::fs::remove_file(db);
    for c in COMPANIONS {
        let _ = std::fs::remove_file(with_suffix(db, c));
    }
}

/// A new database at `db` (which must not exist) with the backup's
/// contents, copied by SQLite's backup API and brought up to date.
fn write_from_backup(db: &Path, backup: &Path) -> Result<()> {
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| CoreError::io(dir, e))?;
    }
    {
        let mut conn = Connection::open(db).map_err(|e| CoreError::sqlite(db, e))?;
        conn.restore(
            rusqlite::MAIN_DB,
            backup,
            None::<fn(rusqlite::backup::Progress)>,
        )
        .map_err(|e| CoreError::sqlite(db, e))?;
    }
    // Opening migrates an older copy and proves the result is usable.
    Store::open(db).map(drop)
}

impl Store {
    /// The folder beside the database where copies are kept.
    pub fn backups_dir(&self) -> Result<PathBuf> {
        backups_dir_for(self.path())
    }

    /// A consistent copy of the database at `target` (which must not exist).
    fn copy_to(&self, target: &Path) -> Result<()> {
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(|e| CoreError::io(dir, e))?;
        }
        self.conn()
            .execute("VACUUM INTO ?1", [target.to_string_lossy()])
            .map_err(self.db_err())?;
        Ok(())
    }

    /// Makes today's backup unless there is one already; keeps the last
    /// `KEEP_DAILY`. Returns the new copy's path, if one was made.
    pub fn daily_backup(&self, today: NaiveDate) -> Result<Option<PathBuf>> {
        let dir = self.backups_dir()?;
        let target = dir.join(format!("{DAILY_PREFIX}{today}{EXTENSION}"));
        if target.exists() {
            return Ok(None);
        }
        self.copy_to(&target)?;
        let mut daily: Vec<PathBuf> = self
            .list_backups()?
            .into_iter()
            .map(|b| b.path)
            .filter(|p| is_daily(p))
            .collect();
        // Names carry the date, so the name order is the date order.
        daily.sort();
        while daily.len() > KEEP_DAILY {
            let old = daily.remove(0);
            std::fs::remove_file(&old).map_err(|e| CoreError::io(&old, e))?;
        }
        Ok(Some(target))
    }

    /// Every copy in the backups folder, newest first.
    pub fn list_backups(&self) -> Result<Vec<BackupInfo>> {
        list_backups_for(self.path())
    }

    /// A copy made now because the user asked for one (kept until she
    /// deletes it; only daily copies are rotated). Returns its description.
    pub fn backup_now(&self) -> Result<BackupInfo> {
        let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
        let dir = self.backups_dir()?;
        let target = unused(&dir, &format!("{MANUAL_PREFIX}{stamp}"));
        self.copy_to(&target)?;
        let name = file_name_of(&target);
        find_backup(self.path(), &name)
    }

    /// Replaces the database's contents with a backup's, after checking the
    /// backup and copying the current state aside. Returns that copy's path.
    pub fn restore_backup(&mut self, backup: &Path) -> Result<PathBuf> {
        check_backup(backup)?;
        // Opening no longer takes the write lock: find out now that
        // another program is writing, before a safety copy is made for a
        // restore that cannot happen.
        self.check_writable()?;
        let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
        let dir = self.backups_dir()?;
        let safety = unused(&dir, &format!("{BEFORE_RESTORE_PREFIX}{stamp}"));
        self.copy_to(&safety)?;
        let path = self.path().to_path_buf();
        self.conn_mut()
            .restore(
                rusqlite::MAIN_DB,
                backup,
                None::<fn(rusqlite::backup::Progress)>,
            )
            .map_err(|e| CoreError::sqlite(&path, e))?;
        let version = self.schema_version()?;
        if version < latest_version() {
            self.migrate_from(version)?;
        }
        Ok(safety)
    }
}

/// `<dir>/<stem>.sqlite3`, or `<stem>-2.sqlite3`, ... when taken: two copies
/// within one second must not collide.
fn unused(dir: &Path, stem: &str) -> PathBuf {
    (1..)
        .map(|n| {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            dir.join(format!("{stem}{suffix}{EXTENSION}"))
        })
        .find(|p| !p.exists())
        .expect("an unused name")
}

fn is_daily(p: &Path) -> bool {
    p.file_name()
        .map(|n| n.to_string_lossy().starts_with(DAILY_PREFIX))
        .unwrap_or(false)
}

/// A backup must be a sound Metodist database this version understands.
fn check_backup(path: &Path) -> Result<()> {
    let bad = || CoreError::NotADatabase(path.to_path_buf());
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| CoreError::sqlite(path, e))?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| CoreError::sqlite(path, e))?;
    if version > latest_version() {
        return Err(CoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: latest_version(),
        });
    }
    let ours: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'programme')",
            [],
            |r| r.get(0),
        )
        .map_err(|e| CoreError::sqlite(path, e))?;
    if version == 0 || !ours {
        return Err(bad());
    }
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| CoreError::sqlite(path, e))?;
    if check != "ok" {
        return Err(CoreError::Corrupt(check));
    }
    Ok(())
}
