//! The kind of an amendment act chosen at approval (docs/design.md §4a):
//! `metodist approve --kind`, and what follows it — the list of editions,
//! the «(в редакции …)» line of the programme printed after it and the
//! title of the next amendment act.

mod common;

use std::path::Path;

use serde_json::{json, Value};

use common::sample;

fn run(dir: &Path, args: &[&str], input: &str) -> std::process::Output {
    common::with_input(
        common::command_in(dir, &dir.join("test.sqlite3"), args),
        input.as_bytes(),
    )
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

fn refused(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = run(dir, args, "");
    assert!(!out.status.success(), "metodist {args:?} succeeded");
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The `put_item` edit that gives item `uid` of the sample a new deadline.
fn moved_deadline(uid: &str, deadline: &str) -> String {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(sample()).unwrap()).unwrap();
    let item = v["programme"]["roadmap"]["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|b| b["items"].as_array().unwrap())
        .find(|i| i["uid"] == uid)
        .unwrap()
        .clone();
    let edit = json!({
        "op": "put_item",
        "block": "",
        "uid": uid,
        "item": {
            "activity": item["activity"],
            "deadline": deadline,
            "responsible": item["responsible"],
            "expected_result": item["expected_result"],
            "planned_value": item["planned_value"],
            "per_year": item["per_year"],
        }
    });
    format!("{edit}\n")
}

fn text_of(pdf: &Path) -> String {
    // pdftotext breaks lines as laid out; joining them keeps phrases whole.
    common::pdftotext(pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn an_amendment_approved_as_an_order_is_listed_printed_and_cited_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let pdf = |name: &str| d.join(name).to_str().unwrap().to_string();
    // The sample is approved by decree № 412 of 28.08.2024 (edition 1).
    let id = ok(d, &["import", sample().to_str().unwrap()], "")
        .trim()
        .to_string();
    let today = ["--today", "2025-05-20"];
    ok(
        d,
        &[&["apply", &id][..], &today].concat(),
        &moved_deadline("it-1-3", "Январь – июнь 2025"),
    );
    // An unknown kind is refused with the names to use, and nothing is
    // approved.
    let (code, err) = refused(
        d,
        &[
            &["approve", &id, "--date", "2025-05-15", "--number", "97-од"][..],
            &["--kind", "указ"],
            &today,
        ]
        .concat(),
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("вид акта «указ» неизвестен")
            && err.contains("decree (постановление), order (приказ) или directive (распоряжение)"),
        "{err}"
    );
    assert_eq!(
        ok(d, &["editions", &id], "").lines().count(),
        2,
        "edition 1 and the draft"
    );

    let out = ok(
        d,
        &[
            &["approve", &id, "--date", "2025-05-15", "--number", "97-од"][..],
            &["--kind", "order"],
            &today,
        ]
        .concat(),
        "",
    );
    assert_eq!(
        out,
        "Утверждена редакция № 2: приказ от 15.05.2025 № 97-од\n"
    );
    let list = ok(d, &["editions", &id], "");
    assert_eq!(
        list,
        "1\tпостановление\t28.08.2024\t№ 412\t\n2\tприказ\t15.05.2025\t№ 97-од\tдействующая\n"
    );

    // The programme printed after it is «в редакции приказа …»; its own
    // act is still the decree that approved it.
    ok(d, &["render", &id, "-o", &pdf("now.pdf")], "");
    let now = text_of(&d.join("now.pdf"));
    assert!(
        now.contains("от 28.08.2024 № 412 (в редакции приказа от 15.05.2025 № 97-од)"),
        "{now}"
    );
    assert!(now.contains("ПОСТАНОВЛЕНИЕ"), "{now}");
    assert!(!now.contains("в редакции постановления"), "{now}");

    // The next amendment act cites it as an order in its title.
    ok(
        d,
        &[&["apply", &id][..], &today].concat(),
        &moved_deadline("it-1-3", "Январь – сентябрь 2025"),
    );
    ok(
        d,
        &["render", &id, "--amendment", "-o", &pdf("act.pdf")],
        "",
    );
    let act = text_of(&d.join("act.pdf"));
    assert!(
        act.contains(
            "утверждённую постановлением администрации Заречного муниципального района от 28.08.2024 № 412 (в редакции приказа от 15.05.2025 № 97-од)"
        ),
        "{act}"
    );
    // Approved with the Russian word, and by default as the approving act.
    ok(
        d,
        &[
            &["approve", &id, "--date", "2025-05-20", "--number", "5-р"][..],
            &["--kind", "распоряжение"],
            &today,
        ]
        .concat(),
        "",
    );
    ok(d, &["render", &id, "-o", &pdf("later.pdf")], "");
    assert!(
        text_of(&d.join("later.pdf")).contains(
            "(в редакции приказа от 15.05.2025 № 97-од, распоряжения от 20.05.2025 № 5-р)"
        ),
        "the later line names both"
    );
}
