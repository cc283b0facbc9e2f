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

/// Another app holds the database's instance lock but never answers (here:
/// this test holds it, with no marker to answer on): the start refuses
/// with a message and exit code 1 rather than exiting 0 in silence, which
/// a user on Windows would see as "the app does not start".
#[cfg(unix)]
#[test]
fn a_start_refused_by_a_silent_first_app_says_why_and_exits_non_zero() {
    let dir = std::env::temp_dir().join(format!("metodist-unanswered-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = dir.join("metodist.sqlite3");
    let lock = std::fs::File::create(dir.join("metodist.sqlite3.instance-lock")).unwrap();
    lock.try_lock().expect("the test holds the lock");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_metodist-app"))
        // A display is named so that the start gets as far as the guard;
        // the refusal comes before any window is opened.
        .env("DISPLAY", ":9999")
        .env("METODIST_DB", &db)
        .env("XDG_DATA_HOME", dir.join("xdg"))
        .output()
        .expect("run the app");
    drop(lock);
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(stderr.contains("уже открыт, но не отвечает"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
