//! Find and replace across a programme (`metodist_core::find`): every text
//! field is searched, case and «ё» do not matter, a replace-all is one undo
//! step, and a replacement that is refused changes nothing.

mod common;

use metodist_core::find::{self, ActField, ItemField, Place, Query, ReplaceTarget};
use metodist_core::model::*;
use metodist_core::{exchange, Store};
use serde_json::Value;

/// Keys whose strings are not text she types: identifiers, references,
/// enum names, dates and the tracking records (which the editor does not
/// show and find does not search).
const NOT_TEXT: &[&str] = &[
    "uid",
    "key",
    "type",
    "status",
    "kind",
    "direction",
    "style",
    "task",
    "date",
    "period",
    "tracking",
    "manual_schedule",
    // Enum names of the document's shape (issue #14): the act's heading
    // layout and date format, what the mark approves.
    "heading",
    "date_format",
    "approves",
    // The shape's own headings, column headers and a typed participle
    // of the mark are not searched yet
    // (docs/design.md, find): they are edited on their own cards.
    "layout",
    "participle",
];

/// Calls `f` on every string of `v` that is text she types.
fn text_leaves(v: &mut Value, f: &mut dyn FnMut(&mut String)) {
    match v {
        Value::String(s) => f(s),
        Value::Array(items) => items.iter_mut().for_each(|i| text_leaves(i, f)),
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if !NOT_TEXT.contains(&key.as_str()) {
                    text_leaves(value, f);
                }
            }
        }
        _ => {}
    }
}

fn text(q: &str) -> Query {
    Query::Text { text: q.into() }
}

/// The sample with «Ёлка» added to every text field (in varying case), and
/// how many fields that is.
fn planted() -> (Programme, usize) {
    let mut v = serde_json::to_value(common::sample()).unwrap();
    let mut n = 0;
    let forms = [" Ёлка", " ЕЛКА", " елка", " ёЛкА"];
    text_leaves(&mut v, &mut |s| {
        s.push_str(forms[n % forms.len()]);
        n += 1;
    });
    (serde_json::from_value(v).unwrap(), n)
}

fn store_with(p: &Programme) -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(p).unwrap();
    (store, id)
}

fn count_marker(p: &Programme) -> usize {
    let mut v = serde_json::to_value(p).unwrap();
    let mut n = 0;
    text_leaves(&mut v, &mut |s| {
        let folded = s.to_lowercase().replace('ё', "е");
        n += folded.matches("елка").count();
    });
    n
}

#[test]
fn every_text_field_on_every_tab_is_searched() {
    let (p, fields) = planted();
    assert!(fields > 300, "the sample has text on every tab ({fields})");
    let found = find::find(&p, &text("ёлка")).unwrap();
    assert_eq!(found.total, fields, "one hit per text field");
    assert_eq!(found.hits.len(), fields.min(find::MAX_HITS));
    for hit in &found.hits {
        assert_eq!(hit.matched.to_lowercase().replace('ё', "е"), "елка");
        assert_eq!(hit.end - hit.start, 4);
    }
    // Every kind of place is among them, each named in words.
    let has = |f: &dyn Fn(&Place) -> bool| found.hits.iter().any(|h| f(&h.place));
    assert!(has(&|p| matches!(p, Place::Title)));
    assert!(has(&|p| matches!(
        p,
        Place::Act {
            field: ActField::Point { index: 1 }
        }
    )));
    assert!(has(&|p| matches!(p, Place::Appendix { .. })));
    assert!(has(&|p| matches!(p, Place::PassportLabel { .. })));
    assert!(has(&|p| matches!(p, Place::PassportText { line: 1, .. })));
    assert!(has(&|p| matches!(p, Place::Task { .. })));
    assert!(has(&|p| matches!(p, Place::SectionTitle { .. })));
    assert!(has(&|p| matches!(p, Place::SectionText { .. })));
    assert!(has(&|p| matches!(p, Place::Indicator { .. })));
    let act = found
        .hits
        .iter()
        .find(|h| {
            h.place
                == Place::Act {
                    field: ActField::Point { index: 1 },
                }
        })
        .unwrap();
    assert_eq!(act.location, "Акт · пункт 2");
    // The roadmap comes last; a search there finds its fields and names
    // the item by its number.
    let roadmap_only = {
        let mut q = p.clone();
        q.sections.clear();
        q.passport.clear();
        q
    };
    let hits = find::find(&roadmap_only, &text("елка")).unwrap().hits;
    let deadline = hits
        .iter()
        .find(|h| {
            matches!(
                &h.place,
                Place::Item {
                    field: ItemField::Deadline,
                    ..
                }
            )
        })
        .unwrap();
    assert_eq!(deadline.location, "Дорожная карта · мероприятие 1.1, сроки");
    assert!(hits.iter().any(|h| matches!(
        &h.place,
        Place::Item {
            field: ItemField::Year { year: 2025 },
            ..
        }
    )));
    assert!(hits
        .iter()
        .any(|h| matches!(h.place, Place::BlockTitle { .. })));
}

#[test]
fn case_and_yo_do_not_matter_and_the_snippet_marks_the_match() {
    let mut p = common::sample();
    p.tasks[0].text = "Обеспечить ЁМКОСТЬ сетей и ёмкость школ, а также емкость".into();
    let found = find::find(&p, &text("Ёмкость")).unwrap();
    let in_task: Vec<_> = found
        .hits
        .iter()
        .filter(|h| matches!(h.place, Place::Task { .. }))
        .collect();
    assert_eq!(in_task.len(), 3);
    assert_eq!(in_task[0].matched, "ЁМКОСТЬ");
    assert_eq!(in_task[0].before, "Обеспечить ");
    assert_eq!(in_task[0].start, 11);
    assert_eq!(in_task[2].matched, "емкость");
    assert_eq!(in_task[2].location, "Паспорт · задача 1");
    // The same three with the search written otherwise.
    assert_eq!(find::find(&p, &text("ЕМКОСТЬ")).unwrap().total, 3);
    assert!(find::find(&p, &text("")).is_err());
    assert_eq!(find::find(&p, &text("нет такого слова")).unwrap().total, 0);
}

#[test]
fn a_long_field_gives_a_short_snippet_cut_at_words() {
    let mut p = common::sample();
    p.title = format!("{}искомое {}", "слово ".repeat(30), "другое ".repeat(30));
    let hit = &find::find(&p, &text("искомое")).unwrap().hits[0];
    assert!(hit.before.starts_with('…') && hit.before.ends_with("слово "));
    assert!(hit.before.chars().count() <= 41);
    assert!(hit.after.starts_with(" другое") && hit.after.ends_with('…'));
    assert!(
        !hit.after.contains("друго…"),
        "cut at a word: {}",
        hit.after
    );
}

#[test]
fn replace_all_changes_every_field_in_one_undo_step() {
    let (p, fields) = planted();
    let (mut store, id) = store_with(&p);
    let stored = store.load(id).unwrap();
    let plan = find::replace(&stored, "елка", "Сосна", &ReplaceTarget::All).unwrap();
    assert_eq!(plan.count, fields);
    store.apply(id, &plan.edit, common::today()).unwrap();
    let after = store.load(id).unwrap();
    assert_eq!(count_marker(&after), 0, "no field keeps the text");
    assert!(after.tasks[0].text.ends_with(" Сосна"));
    assert_eq!(
        store.undo_state(id).unwrap().can_undo.as_deref(),
        Some("замена «елка» на «Сосна»")
    );
    store.undo(id).unwrap();
    let undone = store.load(id).unwrap();
    assert_eq!(
        exchange::to_json(&undone),
        exchange::to_json(&stored),
        "one undo restores everything"
    );
    assert_eq!(store.undo_state(id).unwrap().can_undo, None);
}

#[test]
fn replace_one_changes_only_that_match() {
    let mut p = common::sample();
    p.tasks[0].text = "[наименование] и ещё раз [наименование]".into();
    let (mut store, id) = store_with(&p);
    let stored = store.load(id).unwrap();
    let task = stored.tasks[0].uid.clone();
    let target = ReplaceTarget::One {
        place: Place::Task { task: task.clone() },
        start: 25,
    };
    let plan = find::replace(&stored, "[НАИМЕНОВАНИЕ]", "Урицкого района", &target).unwrap();
    assert_eq!(plan.count, 1);
    store.apply(id, &plan.edit, common::today()).unwrap();
    let after = store.load(id).unwrap();
    assert_eq!(
        after.tasks[0].text,
        "[наименование] и ещё раз Урицкого района"
    );
    assert_eq!(after.tasks[1..], stored.tasks[1..]);
    // The same target again: the text there is gone, nothing is replaced.
    let err = find::replace(&after, "[наименование]", "x", &target).unwrap_err();
    assert_eq!(err.code(), "replace_nothing");
    assert!(err.to_string().contains("Найдите его снова"), "{err}");
}

#[test]
fn a_refused_replacement_changes_nothing() {
    let (mut store, id) = store_with(&common::sample());
    let before = store.load(id).unwrap();
    let undo_before = store.undo_state(id).unwrap();
    // A control character is refused by validation: the whole batch goes.
    let plan = find::replace(&before, "а", "\u{1}", &ReplaceTarget::All).unwrap();
    assert!(plan.count > 100);
    let err = store.apply(id, &plan.edit, common::today()).unwrap_err();
    assert_eq!(err.code(), "edit_invalid");
    assert_eq!(
        exchange::to_json(&store.load(id).unwrap()),
        exchange::to_json(&before)
    );
    assert_eq!(store.undo_state(id).unwrap(), undo_before);
    // Nothing to look for, and nothing found, are refused before any edit.
    let err = find::replace(&before, "", "x", &ReplaceTarget::All).unwrap_err();
    assert_eq!(err.code(), "replace_nothing");
    let err = find::replace(&before, "нет такого слова", "x", &ReplaceTarget::All).unwrap_err();
    assert!(err
        .to_string()
        .contains("«нет такого слова» в программе не найден"));
}

#[test]
fn the_placeholders_of_a_template_are_found_with_their_place() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../assets/templates/shnor.metodist.json");
    let p = exchange::read_file(&path).unwrap();
    let found = find::find(&p, &Query::Placeholders).unwrap();
    assert!(found.total > 3, "{}", found.total);
    for hit in &found.hits {
        assert!(
            hit.matched.starts_with('[') && hit.matched.ends_with(']'),
            "{hit:?}"
        );
    }
    assert!(found
        .hits
        .iter()
        .any(|h| matches!(h.place, Place::Act { .. }) && h.location.starts_with("Акт · ")));
    // A replacement of one of them is found no more.
    let first = found.hits[0].clone();
    let plan = find::replace(
        &p,
        &first.matched,
        "Урицкого",
        &ReplaceTarget::One {
            place: first.place.clone(),
            start: first.start,
        },
    )
    .unwrap();
    let (mut store, id) = store_with(&p);
    store.apply(id, &plan.edit, common::today()).unwrap();
    let after = find::find(&store.load(id).unwrap(), &Query::Placeholders).unwrap();
    assert_eq!(after.total, found.total - 1);
}
