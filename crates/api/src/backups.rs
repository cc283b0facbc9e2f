//! The backups screen and the way forward from a database that cannot be
//! opened. These work while the store is closed: the list of backups is
//! read by the database's path, and a damaged database is set aside (never
//! overwritten) when a backup is restored in its place.

use std::path::PathBuf;

use metodist_core::store::{list_backups_for, BackupInfo, Restored};

use crate::host::{Host, DATABASE_FILES};
use crate::session::DatabaseStatus;
use crate::{ApiError, Result, Session};

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
    session.with_store(|s| s.backup_now())
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
