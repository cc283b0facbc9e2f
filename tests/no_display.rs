//! The app started where there is no graphical session (a terminal over
//! SSH, a service) says so in Russian and exits non-zero, instead of GTK's
//! English panic.

#[cfg(target_os = "linux")]
#[test]
fn without_a_display_the_app_explains_and_exits_non_zero() {
    let dir = tempfile_dir();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_metodist-app"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("METODIST_DB", dir.join("metodist.sqlite3"))
        .env("XDG_DATA_HOME", dir.join("xdg"))
        .output()
        .expect("run the app");
    let created = dir.join("metodist.sqlite3").exists();
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(
        stderr.contains("Не удалось открыть окно: нет графического сеанса (DISPLAY/WAYLAND_DISPLAY не заданы). Запустите «Методист» из рабочего стола."),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        !created,
        "nothing is created before the window can be opened"
    );
}

#[cfg(target_os = "linux")]
fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("metodist-no-display-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
