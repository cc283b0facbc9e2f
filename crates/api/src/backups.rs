//! The backups screen and the way forward from a database that cannot be
//! opened. These work while the store is closed: the list of backups is
//! read by the database's path, and a damaged database is set aside (never
//! overwritten) when a backup is restored in its place.

use std::path::PathBuf;

use chrono::NaiveDate;
use metodist_core::store::{list_backups_for, BackupInfo, Restored};
use serde::Serialize;

use crate::host::{Host, DATABASE_FILES};
use crate::session::DatabaseStatus;
use crate::{ApiError, Result, Session};

/// Why today's automatic backup was not made, as the window shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, ts_rs::TS)]
pub struct BackupProblem {
    /// The code of the error that stopped it (`disk_full`, `db_corrupt`, …).
    pub code: String,
    /// «Сегодняшняя резервная копия не создана: …», with the reason.
    pub message: String,
}

impl BackupProblem {
    pub fn of(error: &ApiError) -> Self {
        let reason = match error.code() {
            // The core's message speaks of an edit not saved.
            "disk_full" => "недостаточно места на диске. Освободите место и нажмите «Создать копию сейчас» на экране «Резервные копии».".to_string(),
            _ => lowercase_first(&error.to_string()),
        };
        Self {
            code: error.code().to_string(),
            message: format!("Сегодняшняя резервная копия не создана: {reason}"),
        }
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Makes today's automatic backup (one a day, the last 14 kept; see
/// `Store::daily_backup`) and remembers how it went for
/// [`backup_problem`]. Returns the new copy's path, if one was made.
pub fn daily_backup(session: &Session, today: NaiveDate) -> Result<Option<PathBuf>> {
    match session.with_store(|s| s.daily_backup(today)) {
        Ok(made) => {
            session.set_backup_problem(None);
            Ok(made)
        }
        Err(error) => {
            session.set_backup_problem(Some(BackupProblem::of(&error)));
            Err(error)
        }
    }
}

/// Why today's automatic backup could not be made, if it could not; the
/// programme list and the backups screen say so.
pub fn backup_problem(session: &Session) -> Result<Option<BackupProblem>> {
    Ok(session.backup_problem())
}

/// Where the database is and whether it is open, for the window's footer.
pub fn database_status(session: &Session) -> Result<DatabaseStatus> {
    Ok(session.status())
}

/// Copies of the database, newest first; works when it cannot be opened.
pub fn list_backups(session: &Session) -> Result<Vec<BackupInfo>> {
    Ok(list_backups_for(&session.db_path()?)?)
}

/// A copy of the database made now, kept until the user removes it.
pub fn create_backup(session: &Session) -> Result<BackupInfo> {
    let made = session.with_store(|s| s.backup_now())?;
    // Today has a copy after all.
    session.set_backup_problem(None);
    Ok(made)
}

/// Restores one of the listed backups, named by file name so the window
/// cannot point the app at an arbitrary file; says what was kept of the
/// state it replaced.
pub fn restore_backup(session: &Session, file_name: String) -> Result<Restored> {
    session.restore_backup(&file_name)
}

/// Asks for another database file and works with it from now on; `None`
/// when the user cancels. A file that cannot be opened is left as it is and
/// the current database stays in use.
pub fn open_database(session: &Session, host: &dyn Host) -> Result<Option<String>> {
    let Some(path) = host.pick_file("Открыть базу данных", DATABASE_FILES)? else {
        return Ok(None);
    };
    switch(session, path).map(Some)
}

/// Asks where to create a new, empty database and works with it from now
/// on. An existing file is refused, never overwritten.
pub fn create_database(session: &Session, host: &dyn Host) -> Result<Option<String>> {
    let Some(path) = host.save_file("Новая база данных", "metodist.sqlite3", DATABASE_FILES)?
    else {
        return Ok(None);
    };
    if path.exists() {
        return Err(ApiError::Invalid(format!(
            "Файл «{}» уже существует, и он не будет перезаписан. Укажите новое имя файла или откройте этот файл кнопкой «Открыть другую базу…».",
            path.display()
        )));
    }
    switch(session, path).map(Some)
}

fn switch(session: &Session, path: PathBuf) -> Result<String> {
    let shown = path.display().to_string();
    session.switch_to(path)?;
    Ok(shown)
}
