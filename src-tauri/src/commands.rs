//! Commands callable from the window. Each is one call into the core; each
//! must also be listed in build.rs and allowed in src-tauri/capabilities.
//!
//! They are `async` so that Tauri runs them off the main thread: a slow disk
//! or a locked database must not freeze the window.

use metodist_core::ProgrammeSummary;
use tauri::State;

use crate::{AppError, AppState, DatabaseStatus};

#[tauri::command]
pub async fn list_programmes(
    state: State<'_, AppState>,
) -> Result<Vec<ProgrammeSummary>, AppError> {
    state.with_store(|store| store.list_programmes())
}

#[tauri::command]
pub async fn database_status(state: State<'_, AppState>) -> Result<DatabaseStatus, AppError> {
    Ok(state.status())
}
