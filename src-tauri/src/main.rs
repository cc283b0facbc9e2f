// Release builds on Windows must not open a console window next to the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Some(message) = metodist_app::no_graphical_session() {
        eprintln!("{message}");
        std::process::exit(1);
    }
    if let Err(error) = metodist_app::run() {
        // Only reachable before the window exists (no display, broken WebView),
        // so stderr is the one place left to say what happened.
        eprintln!("Не удалось запустить «Методист»: {error}");
        std::process::exit(1);
    }
}
