//! The Tauri shell of Metodist: it owns the window and the database handle
//! and forwards each command to `metodist-core`. Nothing here knows what a
//! programme is; see README "The app".

mod commands;
mod error;
mod state;

pub use error::AppError;
pub use state::{AppState, DatabaseStatus};

/// Opens (or creates) the database, then runs the window until it is closed.
///
/// A database that cannot be opened does not stop the app: the error is kept
/// and shown in the window, because the user can only act on a message she
/// can read there (most users never see a terminal).
pub fn run() -> tauri::Result<()> {
    let state = AppState::from_environment();
    if let Err(error) = state.ensure_open() {
        eprintln!("[{}] {error}", error.code());
    }
    tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::list_programmes,
            commands::database_status
        ])
        .run(tauri::generate_context!())
}
