//! The Tauri shell of Metodist: the window, the session in Tauri's state,
//! the one-window-per-database guard, and the desktop host (dialogs, the
//! viewer). Every command is an operation of `metodist-api`; nothing here
//! knows what a programme is.

mod commands;
mod host;
mod instance;

use metodist_api::Session;

/// Why no window can be opened here, when it is known before trying: on
/// Linux and the BSDs a window needs an X11 or Wayland session, and without
/// one GTK panics with an English backtrace instead of saying so.
pub fn no_graphical_session() -> Option<&'static str> {
    let var = |name| std::env::var_os(name).filter(|v| !v.is_empty());
    missing_session(var("DISPLAY").is_some(), var("WAYLAND_DISPLAY").is_some())
}

fn missing_session(x11: bool, wayland: bool) -> Option<&'static str> {
    let needs_one = cfg!(all(
        unix,
        not(any(
            target_os = "macos",
            target_os = "ios",
            target_os = "android"
        ))
    ));
    (needs_one && !x11 && !wayland).then_some(
        "Не удалось открыть окно: нет графического сеанса (DISPLAY/WAYLAND_DISPLAY не заданы). Запустите «Методист» из рабочего стола.",
    )
}

fn unanswered_message(db: &std::path::Path) -> String {
    format!(
        "«Методист» с базой данных «{}» уже открыт, но не отвечает. Второе окно с той же базой не открывается: дождитесь его окна или закройте его (при необходимости — в диспетчере задач) и запустите «Методист» снова.",
        db.display()
    )
}

/// What the app does once a day at start: a backup copy of the database
/// (at most one a day, the last 14 kept) and removing programmes deleted
/// more than 30 days ago. Neither may stop the app from starting: a failure
/// is logged and the user keeps working; a backup that could not be made is
/// remembered by the session, and the window says so.
fn housekeeping(state: &Session) {
    let today = host::today();
    if let Err(error) = metodist_api::backups::daily_backup(state, today) {
        eprintln!("[{}] резервная копия не создана: {error}", error.code());
    }
    let purge = state.with_store_mut(|s| s.purge_deleted(metodist_core::store::KEEP_DELETED_DAYS));
    if let Err(error) = purge {
        eprintln!("[{}] {error}", error.code());
    }
}

/// Brings the main window forward when a second app was started on the
/// same database.
fn focus_main_window(app: &tauri::AppHandle) {
    use tauri::Manager as _;
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Turns on WebKitGTK's spell checker, which is off unless the app asks:
/// without it `spellcheck="true"` underlines nothing. Russian first, with
/// English for the words she borrows; the dictionaries are the system's
/// hunspell ones (the .deb depends on `hunspell-ru`), found by enchant.
/// On Windows WebView2 checks spelling by itself, in the languages of the
/// system (docs/platforms.md).
#[cfg(target_os = "linux")]
fn enable_spell_checking(app: &tauri::App) {
    use tauri::Manager as _;
    use webkit2gtk::{WebContextExt as _, WebViewExt as _};
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let result = window.with_webview(|webview| {
        if let Some(context) = webview.inner().context() {
            context.set_spell_checking_enabled(true);
            context.set_spell_checking_languages(&SPELL_CHECKING_LANGUAGES);
        }
    });
    if let Err(error) = result {
        // Typing works without it; only the red underline is missing.
        eprintln!("проверка орфографии не включена: {error}");
    }
}

/// The dictionaries the spell checker uses, in enchant's names.
#[cfg(target_os = "linux")]
const SPELL_CHECKING_LANGUAGES: [&str; 2] = ["ru_RU", "en_US"];

/// Opens (or creates) the database, then runs the window until it is closed.
///
/// A database that cannot be opened does not stop the app: the error is kept
/// and shown in the window, because the user can only act on a message she
/// can read there (most users never see a terminal).
///
/// When another app already has the same database open, that app's window
/// comes forward and this one exits at once: two windows writing one file
/// would each show the other's edits only after a restart. When that app
/// holds the database but does not answer, the refusal is an error (a
/// message box on Windows, exit code 1): a start that silently does nothing
/// looks like a broken app.
///
/// The error is the message to show the user.
pub fn run() -> Result<(), String> {
    let state = Session::from_environment();
    let listener = match state.db_path() {
        Ok(db) => match instance::claim(&db) {
            Ok(instance::Claim::Focused) => {
                eprintln!(
                    "«Методист» с базой данных «{}» уже открыт; его окно выведено на передний план.",
                    db.display()
                );
                return Ok(());
            }
            Ok(instance::Claim::Unanswered) => {
                // Another app holds this database (its lock is taken) but did
                // not answer: a second window on the same file is what the
                // guard is for, so this one does not open.
                return Err(unanswered_message(&db));
            }
            Ok(instance::Claim::Primary(listener)) => Some(listener),
            Err(error) => {
                // Without the marker a second start opens a second window, as
                // before; that is no reason to refuse to start.
                eprintln!("не удалось проверить, открыт ли «Методист» уже: {error}");
                None
            }
        },
        Err(_) => None,
    };
    if let Err(error) = state.ensure_open() {
        eprintln!("[{}] {error}", error.code());
    } else {
        housekeeping(&state);
    }
    let marker: std::sync::Arc<std::sync::Mutex<Option<instance::Marker>>> = Default::default();
    let marker_for_setup = std::sync::Arc::clone(&marker);
    let app = tauri::Builder::default()
        .setup(move |app| {
            if let Some(listener) = listener {
                let handle = app.handle().clone();
                let served = listener.serve(move || focus_main_window(&handle));
                *marker_for_setup
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(served);
            }
            #[cfg(target_os = "linux")]
            enable_spell_checking(app);
            Ok(())
        })
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .invoke_handler(commands::handler())
        .build(tauri::generate_context!())
        .map_err(|error| format!("Не удалось запустить «Методист»: {error}"))?;
    app.run(move |_, event| {
        if let tauri::RunEvent::Exit = event {
            if let Some(marker) = marker
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .as_ref()
            {
                marker.release();
            }
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::missing_session;

    #[test]
    fn a_window_needs_x11_or_wayland_on_linux() {
        assert_eq!(missing_session(true, false), None);
        assert_eq!(missing_session(false, true), None);
        let none = missing_session(false, false);
        if cfg!(target_os = "linux") {
            assert!(none.is_some_and(|m| m.contains("нет графического сеанса")));
        } else if cfg!(windows) {
            assert_eq!(none, None);
        }
    }
}
