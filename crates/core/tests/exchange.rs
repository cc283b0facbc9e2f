//! The exchange file: an exact round trip, and every kind of bad input
//! rejected with its place named and nothing written.

mod common;

use common::{sample, sample_json_with, sample_path, temp_db};
use metodist_core::model::{ActHeading, DateFormat};
use metodist_core::{exchange, generate, CoreError, Store};
use serde_json::{json, Value};

#[test]
fn the_sample_survives_import_and_export_field_by_field() {
    let original = sample();
    assert!(original.item_count() >= 40, "the sample has 40+ items");
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = store.import(&original).unwrap();
    let loaded = store.load(id).unwrap();
    // Programme derives PartialEq over every field, nested ones included.
    assert_eq!(loaded, original);

    // Through a file and a second database, too.
    let file = path.with_file_name("out.metodist.json");
    exchange::write_file(&file, &loaded).unwrap();
    let (_dir2, path2) = temp_db();
    let mut store2 = Store::open(&path2).unwrap();
    let id2 = store2.import(&exchange::read_file(&file).unwrap()).unwrap();
    assert_eq!(store2.load(id2).unwrap(), original);

    // And the text is stable: exporting twice gives the same bytes.
    assert_eq!(
        exchange::to_json(&store2.load(id2).unwrap()),
        std::fs::read_to_string(&file).unwrap()
    );
}

fn sample_v2_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/sample-programme.v2.metodist.json")
}

#[test]
fn the_sample_file_is_exactly_what_export_writes() {
    // The version 2 fixture is kept in the canonical form, so a diff of an
    // exported file against it shows only real changes; the version 1
    // sample reads as the same programme and exports as that file. Version
    // 3 changed nothing in the programme (it added the editions beside it),
    // so the programme alone is written as that file with its new version.
    let v2 = std::fs::read_to_string(sample_v2_path()).unwrap();
    assert!(v2.contains("\"version\": 2,"));
    let v3 = v2.replacen("\"version\": 2,", "\"version\": 3,", 1);
    assert_eq!(exchange::to_json(&exchange::from_json(&v2).unwrap()), v3);
    let v1 = std::fs::read_to_string(sample_path()).unwrap();
    assert!(v1.contains("\"version\": 1,"));
    assert_eq!(exchange::to_json(&exchange::from_json(&v1).unwrap()), v3);
}

#[test]
fn a_version_1_file_reads_with_the_look_of_version_1() {
    let v1 = exchange::from_json(&std::fs::read_to_string(sample_path()).unwrap()).unwrap();
    assert!(v1.layout.is_default());
    assert_eq!(v1.appendix.participle(), "УТВЕРЖДЕНА");
    let act = v1.act.as_ref().unwrap();
    assert_eq!(act.heading, ActHeading::Usual);
    assert!(act.issuer_caps);
    assert_eq!(act.date_format, DateFormat::Numeric);
    assert!(v1.passport.iter().all(|r| r.subrows.is_empty()));
    assert!(v1
        .sections
        .iter()
        .all(|s| !s.unnumbered && s.renumber.is_none()));
}

#[test]
fn a_version_1_file_may_not_hold_version_2_fields() {
    for (change, place) in [
        (
            &(|v: &mut Value| v["programme"]["layout"] = json!({})) as &dyn Fn(&mut Value),
            "layout",
        ),
        (
            &|v: &mut Value| v["programme"]["sections"][1]["unnumbered"] = json!(true),
            "sections[1].unnumbered",
        ),
        (
            &|v: &mut Value| v["programme"]["passport"][2]["subrows"] = json!([]),
            "passport[2].subrows",
        ),
        (
            &|v: &mut Value| v["programme"]["appendix"]["style"] = json!("none"),
            "appendix.style",
        ),
        (
            &|v: &mut Value| {
                v["programme"]["indicators"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("direction");
            },
            "indicators[0].direction",
        ),
    ] {
        let text = sample_json_with(change);
        let err = assert_rejected(&text, "import_invalid", &[place]);
        assert!(err.to_string().contains("версии"), "{err}");
        // The same file as version 2 is read.
        let v2 = sample_json_with(|v| {
            change(v);
            v["version"] = json!(2);
        });
        exchange::from_json(&v2).unwrap_or_else(|e| panic!("{place}: {e}"));
    }
}

#[test]
fn a_generated_programme_round_trips() {
    let p = generate::programme(300, 5);
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(&p).unwrap();
    assert_eq!(store.load(id).unwrap(), p);
}

#[test]
fn importing_the_same_file_twice_makes_a_copy_with_a_new_uid() {
    let p = sample();
    let mut store = Store::open_in_memory().unwrap();
    let a = store.import(&p).unwrap();
    let b = store.import(&p).unwrap();
    assert_ne!(a, b);
    let (pa, pb) = (store.load(a).unwrap(), store.load(b).unwrap());
    assert_eq!(pa.uid, p.uid);
    assert_ne!(pb.uid, p.uid);
    assert_eq!(pb.roadmap, p.roadmap);
}

/// Imports `text` into a fresh database and checks it is refused with
/// `code`, naming every `places`, and that the database stays empty.
fn assert_rejected(text: &str, code: &str, places: &[&str]) -> CoreError {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let err = exchange::from_json(text)
        .and_then(|p| store.import(&p))
        .expect_err("must be rejected");
    assert_eq!(err.code(), code, "{err}");
    for place in places {
        assert!(
            err.problems().iter().any(|p| p.path == *place),
            "expected a problem at {place}; got: {err}"
        );
    }
    let msg = err.to_string();
    assert!(
        msg.chars().any(|c| ('а'..='я').contains(&c)),
        "Russian: {msg}"
    );
    assert!(
        store.list_programmes().unwrap().is_empty(),
        "nothing written"
    );
    err
}

#[test]
fn malformed_json_is_rejected() {
    let text = std::fs::read_to_string(sample_path()).unwrap();
    let half = text.char_indices().nth(text.chars().count() / 2).unwrap().0;
    let broken = &text[..half];
    let err = assert_rejected(broken, "import_not_metodist", &[]);
    assert!(err.to_string().contains("строка"), "{err}");
    assert_rejected("", "import_not_metodist", &[]);
    assert_rejected("[1, 2, 3]", "import_not_metodist", &[]);
}

#[test]
fn foreign_json_is_rejected() {
    assert_rejected(
        r#"{"name": "package", "version": "1.0.0"}"#,
        "import_not_metodist",
        &[],
    );
    assert_rejected(
        r#"{"format": "something-else", "version": 1, "programme": {}}"#,
        "import_not_metodist",
        &[],
    );
}

#[test]
fn an_unknown_format_version_is_rejected() {
    let text = sample_json_with(|v| v["version"] = json!(7));
    let err = assert_rejected(&text, "import_unsupported_version", &[]);
    assert!(err.to_string().contains('7'), "{err}");
}

#[test]
fn a_wrong_type_names_its_place() {
    let text = sample_json_with(|v| {
        v["programme"]["roadmap"]["blocks"][2]["items"][5]["deadline"] = json!(2024)
    });
    let err = assert_rejected(
        &text,
        "import_invalid",
        &["roadmap.blocks[2].items[5].deadline"],
    );
    assert!(err.to_string().contains("ожидалось строка"), "{err}");
}

#[test]
fn an_unknown_field_and_a_bad_enum_are_rejected() {
    let text = sample_json_with(|v| v["programme"]["colour"] = json!("red"));
    assert_rejected(&text, "import_invalid", &["colour"]);
    let text = sample_json_with(|v| v["programme"]["status"] = json!("signed"));
    let err = assert_rejected(&text, "import_invalid", &["status"]);
    assert!(err.to_string().contains("«signed»"), "{err}");
    let text = sample_json_with(|v| v["programme"]["period"]["start"] = json!("2024-13"));
    assert_rejected(&text, "import_invalid", &["period.start"]);
}

#[test]
fn duplicate_ids_are_rejected_with_both_places() {
    let text = sample_json_with(|v| {
        let first = v["programme"]["roadmap"]["blocks"][0]["items"][0]["uid"].clone();
        v["programme"]["roadmap"]["blocks"][1]["items"][2]["uid"] = first;
    });
    let err = assert_rejected(&text, "import_invalid", &["roadmap.blocks[1].items[2].uid"]);
    assert!(
        err.to_string().contains("roadmap.blocks[0].items[0]"),
        "{err}"
    );
}

#[test]
fn an_impossible_period_is_rejected() {
    let text = sample_json_with(|v| {
        v["programme"]["period"] = json!({"start": "2026-09", "end": "2024-05"});
    });
    assert_rejected(&text, "import_invalid", &["period"]);
}

#[test]
fn indicator_years_outside_the_period_are_rejected() {
    let text = sample_json_with(|v| {
        v["programme"]["indicators"][0]["values"][0]["year"] = json!(2031);
        v["programme"]["indicators"][1]["base_year"] = json!(2040);
    });
    assert_rejected(
        &text,
        "import_invalid",
        &["indicators[0].values[0].year", "indicators[1].base_year"],
    );
}

#[test]
fn control_characters_in_text_are_rejected_and_all_problems_reported() {
    let text = sample_json_with(|v| {
        v["programme"]["title"] = json!("Программа\u{0007}");
        v["programme"]["roadmap"]["blocks"][0]["items"][1]["activity"] = json!("abc\u{001b}[31m");
        v["programme"]["sections"][0]["title"] = json!("Раздел\u{0000}");
    });
    let err = assert_rejected(
        &text,
        "import_invalid",
        &[
            "title",
            "roadmap.blocks[0].items[1].activity",
            "sections[0].title",
        ],
    );
    assert_eq!(err.problems().len(), 3, "{err}");
    assert!(err.to_string().contains("U+0007"), "{err}");
}

#[test]
fn line_breaks_and_tabs_in_text_are_accepted() {
    let text = sample_json_with(|v| {
        v["programme"]["roadmap"]["blocks"][0]["items"][0]["activity"] =
            json!("Первая строка\nвторая строка\tс табуляцией");
    });
    let p = exchange::from_json(&text).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(&p).unwrap();
    assert_eq!(store.load(id).unwrap(), p);
}

#[test]
fn a_file_with_a_byte_order_mark_is_read() {
    let (dir, _) = temp_db();
    let file = dir.path().join("bom.metodist.json");
    let text = std::fs::read_to_string(sample_path()).unwrap();
    std::fs::write(&file, format!("\u{feff}{text}")).unwrap();
    assert_eq!(exchange::read_file(&file).unwrap(), sample());
}

#[test]
fn a_file_that_is_not_utf8_is_rejected() {
    let (dir, _) = temp_db();
    let file = dir.path().join("cp1251.metodist.json");
    // «Программа» in Windows-1251.
    std::fs::write(
        &file,
        b"{\"title\": \"\xcf\xf0\xee\xe3\xf0\xe0\xec\xec\xe0\"}",
    )
    .unwrap();
    let err = exchange::read_file(&file).unwrap_err();
    assert_eq!(err.code(), "import_not_metodist");
    assert!(err.to_string().contains("UTF-8"), "{err}");
}

#[test]
fn repeated_years_tracking_outside_the_period_and_double_placeholders_are_rejected() {
    let text = sample_json_with(|v| {
        let items = &mut v["programme"]["roadmap"]["blocks"][0]["items"];
        items[0]["per_year"] = json!([{"year": 2025, "text": "a"}, {"year": 2025, "text": "b"}]);
        items[1]["tracking"] = json!([{"due": "2031-12-31", "status": "planned"}]);
        v["programme"]["sections"][0]["body"]
            .as_array_mut()
            .unwrap()
            .push(json!({"type": "roadmap"}));
        v["programme"]["period"]["colour"] = json!("red");
    });
    // The unknown field inside the period stops parsing first.
    assert_rejected(&text, "import_invalid", &["period.colour"]);
    // A second roadmap placeholder in the last section, after the real one.
    let mut placeholder = String::new();
    let text = sample_json_with(|v| {
        let items = &mut v["programme"]["roadmap"]["blocks"][0]["items"];
        items[0]["per_year"] = json!([{"year": 2025, "text": "a"}, {"year": 2025, "text": "b"}]);
        items[1]["tracking"] = json!([{"due": "2031-12-31", "status": "planned"}]);
        let sections = v["programme"]["sections"].as_array_mut().unwrap();
        let last = sections.len() - 1;
        let body = sections[last]["body"].as_array_mut().unwrap();
        placeholder = format!("sections[{last}].body[{}]", body.len());
        body.push(json!({"type": "roadmap"}));
    });
    assert_rejected(
        &text,
        "import_invalid",
        &[
            "roadmap.blocks[0].items[0].per_year[1].year",
            "roadmap.blocks[0].items[1].tracking[0].due",
            placeholder.as_str(),
        ],
    );
}

/// The compact text of the sample with `extra` (`,"key":value`) added at
/// the end of the object `target` (found by its own compact text).
fn sample_with_member_added(
    target: impl FnOnce(&serde_json::Value) -> &serde_json::Value,
    extra: &str,
) -> String {
    let text = std::fs::read_to_string(sample_path()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let object = serde_json::to_string(target(&v)).unwrap();
    let whole = serde_json::to_string(&v).unwrap();
    assert_eq!(whole.matches(&object).count(), 1, "the object is unique");
    let doubled = format!("{}{extra}}}", &object[..object.len() - 1]);
    whole.replacen(&object, &doubled, 1)
}

#[test]
fn a_key_given_twice_is_refused_with_its_place_not_silently_dropped() {
    // Issue #12: `"items": [...], "items": []` imported block 1 with no
    // items and said nothing.
    let text = sample_with_member_added(
        |v| &v["programme"]["roadmap"]["blocks"][0],
        r#","items":[]"#,
    );
    let err = assert_rejected(&text, "import_invalid", &["roadmap.blocks[0].items"]);
    let msg = err.to_string();
    assert!(msg.contains("«items»") && msg.contains("дважды"), "{msg}");

    // Deeper, inside a tagged block of a section.
    let text = sample_with_member_added(
        |v| &v["programme"]["sections"][0]["body"][0],
        r#","type":"paragraph""#,
    );
    assert_rejected(&text, "import_invalid", &["sections[0].body[0].type"]);

    // The programme's own fields, and the envelope's.
    let text = sample_with_member_added(|v| &v["programme"], r#","title":"Другое""#);
    assert_rejected(&text, "import_invalid", &["title"]);
    let text = sample_with_member_added(|v| v, r#","version":2"#);
    let err = assert_rejected(&text, "import_not_metodist", &[]);
    assert!(err.to_string().contains("«version»"), "{err}");
}

/// Words of Latin letters in `msg` outside «quotes» other than the names
/// a Russian user also writes in Latin letters: the mark of a message
/// that leaked from a library.
fn english_words(msg: &str) -> Vec<String> {
    let mut outside = String::new();
    let mut depth = 0;
    for c in msg.chars() {
        match c {
            '«' => depth += 1,
            '»' => depth -= 1,
            c if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    outside
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3 && !["JSON", "UTF", "SQLite", "BOM"].contains(w))
        .map(String::from)
        .collect()
}

#[test]
fn the_json_reader_speaks_russian_about_every_kind_of_broken_text() {
    let envelope = |programme: &str| {
        format!(r#"{{"format": "metodist-programme", "version": 1, "programme": {programme}}}"#)
    };
    let cases: Vec<(String, &str)> = vec![
        (envelope(r#"{"title": 1e400}"#), "число слишком велико"),
        (format!("{}1{}", "[".repeat(200), "]".repeat(200)), "вложен"),
        (envelope(r#"{"title": "\ud800"}"#), "суррогат"),
        (envelope(r#"{"title": "\ud800\u0041"}"#), "суррогат"),
        (envelope(r#"{"title": "\udc00"}"#), "суррогат"),
        (envelope(r#"{"title": "\q"}"#), "обратной косой"),
        (envelope(r#"{"title": "\u12"}"#), "обратной косой"),
        (envelope("{\"title\": \"a\u{1}b\"}"), "управляющий"),
        (envelope(r#"{"title": "a",}"#), "запятая"),
        (envelope(r#"{"title": 01}"#), "запись числа"),
        (envelope(r#"{1: "a"}"#), "в кавычках"),
        (envelope(r#"{"title" "a"}"#), "двоеточие"),
        (envelope(r#"{"title": "a" "b"}"#), "запятая"),
        (envelope(r#"{"title": tru}"#), "синтаксическая ошибка"),
        (format!("{} x", envelope("{}")), "после конца"),
        (envelope(r#"{"title": "a"#), "обрываются"),
    ];
    for (text, want) in cases {
        let err = exchange::from_json(&text).expect_err(&text);
        let msg = err.to_string();
        assert!(msg.contains(want), "{text}: want «{want}» in: {msg}");
        assert_eq!(english_words(&msg), Vec::<String>::new(), "{text}: {msg}");
    }
}

#[test]
fn decoding_errors_are_russian_too() {
    let cases: Vec<(String, &str)> = vec![
        (
            sample_json_with(|v| {
                v["programme"]["indicators"][0]["values"][0]["year"] = json!(3_000_000_000u64)
            }),
            "indicators[0].values[0].year",
        ),
        (
            sample_json_with(|v| {
                v["programme"]["indicators"][0]["values"][0]["year"] = json!(-1.5)
            }),
            "indicators[0].values[0].year",
        ),
        (
            sample_json_with(|v| v["programme"]["roadmap"]["year_columns"] = json!({"a": 1})),
            "roadmap.year_columns",
        ),
        (
            sample_json_with(|v| {
                v["programme"]["sections"][0]["body"][0] = json!({"text": "без типа"})
            }),
            "sections[0].body[0]",
        ),
        (
            sample_json_with(|v| {
                v["programme"]["sections"][0]["body"][0] = json!({"type": "chart"})
            }),
            "sections[0].body[0].type",
        ),
        (
            sample_json_with(|v| v["programme"]["act"]["date"] = json!("2024-02-30")),
            "act.date",
        ),
        (
            sample_json_with(|v| v["programme"]["roadmap"]["blocks"][0]["items"] = json!(null)),
            "roadmap.blocks[0].items",
        ),
    ];
    for (text, place) in cases {
        let err = assert_rejected(&text, "import_invalid", &[place]);
        for p in err.problems() {
            assert_eq!(english_words(&p.message), Vec::<String>::new(), "{p}");
        }
    }
}

#[test]
fn a_base_year_before_1900_is_called_too_early_not_too_late() {
    let text = sample_json_with(|v| v["programme"]["indicators"][0]["base_year"] = json!(1800));
    let err = assert_rejected(&text, "import_invalid", &["indicators[0].base_year"]);
    let msg = &err.problems()[0].message;
    assert!(msg.contains("1800") && msg.contains("раньше 1900"), "{msg}");
    assert!(!msg.contains("позже"), "{msg}");
    let text = sample_json_with(|v| v["programme"]["indicators"][0]["base_year"] = json!(2040));
    let err = assert_rejected(&text, "import_invalid", &["indicators[0].base_year"]);
    assert!(
        err.problems()[0].message.contains("позже окончания"),
        "{err}"
    );
}

#[test]
fn a_file_over_the_limit_is_refused_unread_and_the_message_names_the_limit() {
    let (dir, _) = temp_db();
    let file = dir.path().join("huge.metodist.json");
    // A sparse file: nothing is written to the disk, nothing must be read.
    let f = std::fs::File::create(&file).unwrap();
    f.set_len(exchange::MAX_FILE_BYTES + 1).unwrap();
    drop(f);
    let err = exchange::read_file(&file).unwrap_err();
    assert_eq!(err.code(), "import_not_metodist");
    let limit = format!("{} МБ", exchange::MAX_FILE_BYTES / 1024 / 1024);
    let msg = err.to_string();
    assert!(msg.contains(&format!("не больше {limit}")), "{msg}");
    assert!(
        msg.contains("huge.metodist.json") && msg.contains("128,1 МБ"),
        "{msg}"
    );
}
