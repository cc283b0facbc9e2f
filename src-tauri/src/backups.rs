//! Commands of the backups screen and of the way forward from a database
//! that cannot be opened. They work while the store is closed: the list of
//! backups is read by the database's path, and a damaged database is set
//! aside (never overwritten) when a backup is restored in its place.

use std::path::PathBuf;

use metodist_core::store::{list_backups_for, BackupInfo, Restored};
use tauri::{AppHandle, State};

use crate::editor::{pick_file, save_file};
use crate::{AppError, AppState};

const DATABASE_FILTER: (&str, &[&str]) = ("База данных Методиста", &["sqlite3", "sqlite", "db"]);

#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupInfo>, AppError> {
    Ok(list_backups_for(&state.db_path()?)?)
}

/// A copy of the database made now, kept until the user removes it.
#[tauri::command]
pub async fn create_backup(state: State<'_, AppState>) -> Result<BackupInfo, AppError> {
    state.with_store(|s| s.backup_now())
}

/// Restores one of the listed backups, named by file name so the window
/// cannot point the app at an arbitrary file; says what was kept of the
/// state it replaced.
#[tauri::command]
pub async fn restore_backup(
    state: State<'_, AppState>,
    file_name: String,
) -> Result<Restored, AppError> {
    state.restore_backup(&file_name)
}

/// Asks for another database file and works with it from now on; `None`
/// when the user cancels. A file that cannot be opened is left as it is and
/// the current database stays in use.
#[tauri::command]
pub async fn open_database(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<String>, AppError> {
    let Some(path) = pick_file(&app, "Открыть базу данных", DATABASE_FILTER)?
    else {
        return Ok(None);
    };
    switch(&state, path).map(Some)
}

/// Asks where to create a new, empty database and works with it from now
/// on. An existing file is refused, never overwritten.
#[tauri::command]
pub async fn create_database(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<String>, AppError> {
    let Some(path) = save_file(
        &app,
        "Новая база данных",
        "metodist.sqlite3",
        DATABASE_FILTER,
    )?
    else {
        return Ok(None);
    };
    if path.exists() {
        return Err(AppError::Invalid(format!(
            "Файл «{}» уже существует, и он не будет перезаписан. Укажите новое имя файла или откройте этот файл кнопкой «Открыть другую базу…».",
            path.display()
        )));
    }
    switch(&state, path).map(Some)
}

fn switch(state: &AppState, path: PathBuf) -> Result<String, AppError> {
    let shown = path.display().to_string();
    state.switch_to(path)?;
    Ok(shown)
}
