//! Copies of the database made by SQLite itself (never a plain copy of a
//! file in use): one a day when the app starts, the last `KEEP_DAILY` kept,
//! one whenever the user asks, and one before every restore, so a restore
//! can be undone too.
//!
//! A copy is written under a temporary name, checked (`PRAGMA
//! integrity_check` on the copy) and only then given its name, so a full
//! disk or a damaged database never leaves an empty or cut copy that would
//! be listed, count as today's backup, or push a good copy out of the
//! rotation. Files in the folder that cannot be whole copies (empty, cut
//! short: what older versions left) are neither listed nor kept.
//!
//! Listing and restoring also work by the database's path alone, without an
//! open `Store`: a damaged database cannot be opened, and its backups are
//! exactly what the user needs then. A database that opens but that SQLite
//! cannot copy (a damaged page) is set aside byte for byte instead of
//! copied before a restore.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::config::DbConfig;
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
/// How a copy being written ends; never listed, never restored.
const TEMPORARY: &str = ".tmp";

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
        if !meta.is_file() || !looks_whole(&entry.path(), meta.len()) {
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
        .ok_or_else(|| {
            CoreError::ElementNotFound(format!("Резервная копия «{file_name}» не найдена."))
        })
}

/// Restores `backup` as the database at `db`, whether or not that database
/// can be opened, and never overwrites anything:
///
/// - a database that opens and that SQLite can copy is restored in place
///   after a checked safety copy (`Store::restore_or_set_aside`);
/// - a database refused as damaged (not SQLite, corrupt, from a newer
///   version, a failed migration), or one that opens but cannot be copied
///   (a damaged page), is renamed to `<name>.damaged-<time>` with its
///   `-wal`/`-shm` files, byte for byte, and a new database is made from
///   the backup at `db`;
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
        Ok(store) => store.restore_checked_or_set_aside(backup),
        Err(
            CoreError::NotADatabase(_)
            | CoreError::Corrupt(_)
            | CoreError::NewerSchema { .. }
            | CoreError::Migration(..),
        ) => set_aside_and_restore(db, backup),
        Err(other) => Err(other),
    }
}

/// Renames the database at `db` (closed) aside, untouched, and makes a new
/// one from `backup` in its place; puts it back when that fails.
fn set_aside_and_restore(db: &Path, backup: &Path) -> Result<Restored> {
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

fn file_name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// SQLite keeps a database in up to three files; they travel together.
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
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
        crate::fsutil::create_private_dir_all(dir).map_err(|e| CoreError::io(dir, e))?;
    }
    super::create_owner_only(db)?;
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

    /// A consistent, checked copy of the database at `target` (which must
    /// not exist); nothing is left behind when it fails.
    fn copy_to(&self, target: &Path) -> Result<()> {
        copy_checked(self.conn(), self.path(), target)
    }

    /// Makes today's backup unless there is a whole one already; keeps the
    /// last `KEEP_DAILY` whole daily copies and removes the files that
    /// cannot be copies (an empty or cut file of an earlier failure never
    /// counts as a backup, nor pushes a good one out). Returns the new
    /// copy's path, if one was made. When the copy fails, nothing of it is
    /// left, so the next start tries again.
    pub fn daily_backup(&self, today: NaiveDate) -> Result<Option<PathBuf>> {
        let dir = self.backups_dir()?;
        let target = dir.join(format!("{DAILY_PREFIX}{today}{EXTENSION}"));
        let made = if is_whole_file(&target) {
            None
        } else {
            // An older version's failed copy of today: not a backup.
            match std::fs::remove_file(&target) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(CoreError::io(&target, e)),
            }
            self.copy_to(&target)?;
            Some(target)
        };
        prune_daily(&dir);
        // Copies (and their folder) made 0644 by older versions.
        crate::fsutil::restrict_to_owner(&dir);
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for entry in entries.flatten() {
                crate::fsutil::restrict_to_owner(&entry.path());
            }
        }
        Ok(made)
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
    /// A database SQLite cannot copy (a damaged page) is refused with
    /// `db_corrupt` and nothing is written; `restore_or_set_aside` restores
    /// it all the same.
    pub fn restore_backup(&mut self, backup: &Path) -> Result<PathBuf> {
        check_backup(backup)?;
        // Opening no longer takes the write lock: find out now that
        // another program is writing, before a safety copy is made for a
        // restore that cannot happen.
        self.check_writable()?;
        let safety = self.safety_copy()?;
        self.restore_in_place(backup)?;
        Ok(safety)
    }

    /// Restores `backup` over this database and says what was kept of the
    /// state it replaced: a checked safety copy in the backups folder when
    /// SQLite can copy the database; when it cannot (a damaged page: the
    /// file opens, but `VACUUM INTO` fails), the database is closed and its
    /// files renamed aside byte for byte, and a new database is made from
    /// the backup. The store is consumed: a file cannot be set aside while
    /// it is open, and the caller opens the restored database afresh.
    pub fn restore_or_set_aside(self, backup: &Path) -> Result<Restored> {
        check_backup(backup)?;
        self.restore_checked_or_set_aside(backup)
    }

    /// `restore_or_set_aside` of a backup already checked.
    fn restore_checked_or_set_aside(mut self, backup: &Path) -> Result<Restored> {
        match self.safety_copy() {
            Ok(path) => {
                self.restore_in_place(backup)?;
                Ok(Restored::SafetyCopy {
                    file_name: file_name_of(&path),
                    path,
                })
            }
            Err(CoreError::Corrupt(_) | CoreError::NotADatabase(_)) => {
                // Another program writing to it must not have its file
                // moved away: the write lock says whether one is.
                self.write(|_| Ok(()))?;
                let db = self.path().to_path_buf();
                self.close_as_it_is();
                set_aside_and_restore(&db, backup)
            }
            Err(other) => Err(other),
        }
    }

    fn safety_copy(&self) -> Result<PathBuf> {
        let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
        let dir = self.backups_dir()?;
        let safety = unused(&dir, &format!("{BEFORE_RESTORE_PREFIX}{stamp}"));
        self.copy_to(&safety)?;
        Ok(safety)
    }

    fn restore_in_place(&mut self, backup: &Path) -> Result<()> {
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
        Ok(())
    }

    /// Closes the connection without the checkpoint SQLite makes on close,
    /// so the database file and its `-wal` stay exactly as they were.
    fn close_as_it_is(self) {
        let _ = self
            .conn()
            .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true);
        drop(self);
    }
}

/// `VACUUM INTO` a temporary name beside `target`, the copy checked with
/// `PRAGMA integrity_check`, flushed to disk and renamed to `target` only
/// then; on any failure the temporary file is removed, so no empty or cut
/// copy is ever left under a copy's name. `db` names the database in errors.
pub(crate) fn copy_checked(conn: &Connection, db: &Path, target: &Path) -> Result<()> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    crate::fsutil::create_private_dir_all(dir).map_err(|e| CoreError::io(dir, e))?;
    let tmp = dir.join(format!(
        ".{}.{}{TEMPORARY}",
        file_name_of(target),
        std::process::id()
    ));
    // VACUUM INTO refuses an existing file; one left by a crash is ours.
    let _ = std::fs::remove_file(&tmp);
    let result = (|| {
        // Created empty and private first: the copy is hers alone (0600).
        super::vacuum_into(conn, db, &tmp)?;
        let check: String = Connection::open_with_flags(&tmp, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .and_then(|c| c.query_row("PRAGMA integrity_check", [], |r| r.get(0)))
            .map_err(|e| CoreError::sqlite(&tmp, e))?;
        if check != "ok" {
            return Err(CoreError::Corrupt(check));
        }
        std::fs::OpenOptions::new()
            .write(true)
            .open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| CoreError::io(&tmp, e))?;
        std::fs::rename(&tmp, target).map_err(|e| CoreError::io(target, e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Keeps the newest `KEEP_DAILY` whole daily copies in `dir` and removes
/// the other daily files, whole or not, and temporary files a crash left
/// more than a day ago. Best effort: a file that cannot be removed now is
/// tried again at the next start, and is no reason to report the backup
/// just made as failed.
fn prune_daily(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut daily = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        if name.starts_with('.') && name.ends_with(TEMPORARY) {
            let stale = meta
                .modified()
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 24 * 3600);
            if stale {
                let _ = std::fs::remove_file(entry.path());
            }
        } else if name.starts_with(DAILY_PREFIX) && name.ends_with(EXTENSION) {
            let whole = looks_whole(&entry.path(), meta.len());
            daily.push((name, entry.path(), whole));
        }
    }
    // Names carry the date, so the name order is the date order: newest first.
    daily.sort_by(|a, b| b.0.cmp(&a.0));
    let mut kept = 0;
    for (_, path, whole) in daily {
        if whole && kept < KEEP_DAILY {
            kept += 1;
        } else {
            let _ = std::fs::remove_file(path);
        }
    }
}

fn is_whole_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && looks_whole(path, m.len()))
}

/// Whether the file at `path`, `len` bytes long, can be a whole copy: an
/// SQLite header, and at least as long as that header says. Reads 100
/// bytes, so listing stays quick; a copy's contents are checked in full
/// when it is written and again before it is restored. An empty or cut
/// file, what a failed copy of an older version left, is not one.
fn looks_whole(path: &Path, len: u64) -> bool {
    let mut header = [0u8; 100];
    let read =
        std::fs::File::open(path).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header));
    if read.is_err() || &header[..16] != super::SQLITE_HEADER {
        return false;
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let be = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let (change_counter, pages, valid_for) = (be(24), u64::from(be(28)), be(92));
    if pages > 0 && valid_for == change_counter {
        len >= pages * page_size
    } else {
        page_size >= 512 && len >= page_size && len.is_multiple_of(page_size)
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
