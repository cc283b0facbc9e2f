//! The Tauri shell of Metodist: it owns the window and the database handle
//! and forwards each command to `metodist-core`. Nothing here knows what a
//! programme is; see README "The app".

mod commands;
mod editor;
mod error;
mod printing;
mod state;
mod tracking;

pub use error::AppError;
pub use state::{AppState, DatabaseStatus};

/// What the app does once a day at start: a backup copy of the database
/// (at most one a day, the last 14 kept) and removing programmes deleted
/// more than 30 days ago. Neither may stop the app from starting: a failure
/// is logged and the user keeps working.
fn housekeeping(state: &AppState) {
    let today = chrono::Local::now().date_naive();
    if let Err(error) = state.with_store(|s| s.daily_backup(today)) {
        eprintln!("[{}] резервная копия не создана: {error}", error.code());
    }
    let purge = state.with_store_mut(|s| s.purge_deleted(metodist_core::store::KEEP_DELETED_DAYS));
    if let Err(error) = purge {
        eprintln!("[{}] {error}", error.code());
    }
}

/// Opens (or creates) the database, then runs the window until it is closed.
///
/// A database that cannot be opened does not stop the app: the error is kept
/// and shown in the window, because the user can only act on a message she
/// can read there (most users never see a terminal).
pub fn run() -> tauri::Result<()> {
    let state = AppState::from_environment();
    if let Err(error) = state.ensure_open() {
        eprintln!("[{}] {error}", error.code());
    } else {
        housekeeping(&state);
    }
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::list_programmes,
            commands::database_status,
            editor::load_programme,
            editor::apply_edit,
            editor::undo,
            editor::redo,
            editor::undo_state,
            editor::item_schedules,
            editor::describe_deadline,
            editor::readiness,
            editor::list_templates,
            editor::create_from_template,
            editor::save_as_template,
            editor::delete_template,
            editor::duplicate_programme,
            editor::delete_programme,
            editor::restore_programme,
            editor::list_deleted,
            editor::import_programme,
            editor::export_programme,
            editor::layout_profiles,
            editor::save_layout_profile,
            editor::print_programme,
            editor::preview_pages,
            editor::due_entries,
            editor::today_view,
            editor::month_view,
            editor::evaluation,
            editor::list_backups,
            editor::restore_backup,
            tracking::tracking_today,
            tracking::print_report,
            printing::check_layout_profile,
            printing::rename_layout_profile,
            printing::delete_layout_profile,
            printing::installed_fonts,
        ])
        .run(tauri::generate_context!())
}
