//! Copies of the database made by SQLite itself (never a plain copy of a
//! file in use): one a day when the app starts, the last `KEEP_DAILY` kept,
//! and one before every restore, so a restore can be undone too.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::{latest_version, Store};
use crate::error::{CoreError, Result};

/// How many daily backups are kept.
pub const KEEP_DAILY: usize = 14;

const DAILY_PREFIX: &str = "metodist-";
const EXTENSION: &str = ".sqlite3";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub file_name: String,
    /// When the copy was made (the file's time), RFC 3339.
    pub created: String,
    pub size: u64,
}

impl Store {
    /// The folder beside the database where copies are kept.
    pub fn backups_dir(&self) -> Result<PathBuf> {
        let parent = self
            .path()
            .parent()
            .filter(|p| !p.as_os_str().is_empty() && self.path().as_os_str() != ":memory:")
            .ok_or_else(|| CoreError::InvalidEdit("у базы в памяти нет резервных копий".into()))?;
        Ok(parent.join("backups"))
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
        let dir = self.backups_dir()?;
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
            let created = meta
                .modified()
                .map(|t| {
                    chrono::DateTime::<chrono::Utc>::from(t)
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                })
                .unwrap_or_default();
            out.push(BackupInfo {
                path: entry.path(),
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

    /// Replaces the database's contents with a backup's, after checking the
    /// backup and copying the current state aside. Returns that copy's path.
    pub fn restore_backup(&mut self, backup: &Path) -> Result<PathBuf> {
        check_backup(backup)?;
        let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
        let dir = self.backups_dir()?;
        // Two restores within a second must not collide.
        let safety = (1..)
            .map(|n| {
                let suffix = if n == 1 {
                    String::new()
                } else {
                    format!("-{n}")
                };
                dir.join(format!("before-restore-{stamp}{suffix}{EXTENSION}"))
            })
            .find(|p| !p.exists())
            .expect("an unused name");
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
