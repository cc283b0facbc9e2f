//! A programme's document shape set from the command line (issue #14):
//! `metodist apply` takes the same edits as the window, so one line of
//! `set_layout` gives a flat roadmap numbered «1.», and `show` and
//! `render` print the programme's own numbers and headings.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/sample-programme.metodist.json")
}

fn run(dir: &Path, args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_metodist"))
        .arg("--db")
        .arg(dir.join("test.sqlite3"))
        .args(args)
        .env_remove("METODIST_DB")
        .env("XDG_DATA_HOME", dir.join("xdg"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn ok(dir: &Path, args: &[&str], input: &str) -> String {
    let out = run(dir, args, input);
    assert!(
        out.status.success(),
        "metodist {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn apply_sets_the_layout_and_show_and_render_follow_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["import", sample().to_str().unwrap()], "");
    let layout = serde_json::json!({
        "op": "set_layout",
        "layout": {
            "sections": {"style": "razdel"},
            "roadmap": {
                "shape": "flat",
                "items": "flat_dot",
                "heading": "Комплекс мер",
                "columns": [
                    {"kind": "number", "header": "№"},
                    {"kind": "activity", "header": "Основные мероприятия", "width": 50},
                    {"kind": "deadline", "header": "Сроки исполнения"}
                ]
            }
        }
    });
    let out = ok(
        d,
        &["apply", "1", "--today", "2025-03-10"],
        &format!("{layout}\n"),
    );
    assert_eq!(out, "ok 1\n");
    let show = ok(d, &["show", "1"], "");
    assert!(show.contains("    1. "), "{show}");
    assert!(show.contains("    46. "), "{show}");
    assert!(!show.contains("    1.1 "), "{show}");

    let pdf = d.join("out.pdf");
    ok(
        d,
        &[
            "render",
            "1",
            "-o",
            pdf.to_str().unwrap(),
            "--appendix-only",
        ],
        "",
    );
    let text = common::pdftotext(&pdf);
    assert!(text.contains("Раздел 1."), "{text}");
    assert!(text.contains("Основные мероприятия"), "{text}");
    // «Сроки исполнения» wraps in its column, unhyphenated.
    let wrapped = text
        .lines()
        .any(|l| l.trim_start().starts_with("исполнения "));
    assert!(text.contains("Сроки исполнения") || wrapped, "{text}");
    // Only the columns asked for: none of the default ones beside them.
    let header = text
        .lines()
        .find(|l| l.contains("Основные мероприятия"))
        .unwrap();
    assert!(!header.contains("Ответственные"), "{header}");

    // A bad value is refused in Russian, and nothing changes.
    let bad = serde_json::json!({"op": "set_layout", "layout": {"roadmap": {"start": 0}}});
    let out = run(
        d,
        &["apply", "1", "--today", "2025-03-10"],
        &format!("{bad}\n"),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("начальный номер 0"), "{err}");
    assert!(ok(d, &["show", "1"], "").contains("    46. "));

    // And the exchange file carries it.
    let file = d.join("out.metodist.json");
    ok(d, &["export", "1", "-o", file.to_str().unwrap()], "");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(v["version"], 3);
    assert_eq!(v["programme"]["layout"]["roadmap"]["shape"], "flat");
}
