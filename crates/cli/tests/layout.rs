//! A programme's document shape set from the command line (issue #14):
//! `metodist apply` takes the same edits as the window, so one line of
//! `set_layout` gives a flat roadmap numbered «1.», and `show` and
//! `render` print the programme's own numbers and headings.

mod common;

use common::Env;

#[test]
fn apply_sets_the_layout_and_show_and_render_follow_it() {
    let env = Env::with_sample();
    let d = env.root();
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
    let out = env.ok_with_input(
        &["apply", "1", "--today", "2025-03-10"],
        &format!("{layout}\n"),
    );
    assert_eq!(out, "ok 1\n");
    let show = env.ok(&["show", "1"]);
    assert!(show.contains("    1. "), "{show}");
    assert!(show.contains("    46. "), "{show}");
    assert!(!show.contains("    1.1 "), "{show}");

    let pdf = d.join("out.pdf");
    env.ok(&[
        "render",
        "1",
        "-o",
        pdf.to_str().unwrap(),
        "--appendix-only",
    ]);
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
    let out = env.run_with_input(
        &["apply", "1", "--today", "2025-03-10"],
        format!("{bad}\n").as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("начальный номер 0"), "{err}");
    assert!(env.ok(&["show", "1"]).contains("    46. "));

    // And the exchange file carries it.
    let file = d.join("out.metodist.json");
    env.ok(&["export", "1", "-o", file.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(v["version"], 3);
    assert_eq!(v["programme"]["layout"]["roadmap"]["shape"], "flat");
}
