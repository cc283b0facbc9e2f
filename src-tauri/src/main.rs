// Release builds on Windows must not open a console window next to the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Some(message) = metodist_app::no_graphical_session() {
        fail(message);
    }
    if let Err(message) = metodist_app::run() {
        // Only reachable before the window exists (another app holds the
        // database and does not answer; no display, broken or missing
        // WebView2), so there is no window to say it in.
        fail(&message);
    }
}

/// Says why the app cannot start, then exits with code 1: on stderr, and on
/// Windows also in a message box, because a release build there has no
/// console and a message on stderr would be lost.
fn fail(message: &str) -> ! {
    eprintln!("{message}");
    #[cfg(windows)]
    message_box(message);
    std::process::exit(1);
}

/// A modal error box (user32's `MessageBoxW`), declared here rather than
/// through a Windows bindings crate for this one call.
#[cfg(windows)]
fn message_box(message: &str) {
    #[link(name = "user32")]
    extern "system" {
        fn MessageBoxW(
            window: *mut std::ffi::c_void,
            text: *const u16,
            caption: *const u16,
            style: u32,
        ) -> i32;
    }
    const MB_ICONERROR: u32 = 0x10;
    let wide = |s: &str| s.encode_utf16().chain([0]).collect::<Vec<u16>>();
    let (text, caption) = (wide(message), wide("Методист"));
    // SAFETY: both strings are NUL-terminated UTF-16 that outlive the call;
    // a null owner window is allowed.
    unsafe {
        MessageBoxW(
            std::ptr::null_mut(),
            text.as_ptr(),
            caption.as_ptr(),
            MB_ICONERROR,
        );
    }
}
