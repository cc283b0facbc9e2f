//! Find and replace across a programme (`metodist_core::find`): every text
//! field is searched, case and «ё» do not matter, a replace-all is one undo
//! step, and a replacement that is refused changes nothing.

mod common;

use metodist_core::find::{
    self, ActField, AppendixField, ItemField, LayoutField, Place, Query, ReplaceTarget,
};
use metodist_core::model::*;
use metodist_core::{exchange, Edit, Store};
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
    // Enum names of the document's shape (issue #14): the act's date
    // format, what the mark approves.
    "date_format",
    "approves",
];

/// Enum names at these paths (keys from the top, arrays skipped), whose
/// keys elsewhere hold text: the act's heading layout beside the
/// roadmap's heading, the roadmap's shape and numbering styles beside its
/// blocks and the items of lists. Every other text of the layout — the
/// headings of the passport, the indicators and the roadmap, the column
/// headers, the title over the year columns — and the typed participle
/// are searched (issue #14).
const NOT_TEXT_AT: &[&str] = &[
    "act.heading",
    "layout.roadmap.shape",
    "layout.roadmap.blocks",
    "layout.roadmap.items",
];

/// Calls `f` on every string of `v` that is text she types.
fn text_leaves(v: &mut Value, f: &mut dyn FnMut(&mut String)) {
    text_leaves_at(v, "", f)
}

fn text_leaves_at(v: &mut Value, path: &str, f: &mut dyn FnMut(&mut String)) {
    match v {
        Value::String(s) => f(s),
        Value::Array(items) => items.iter_mut().for_each(|i| text_leaves_at(i, path, f)),
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                let at = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                if !NOT_TEXT.contains(&key.as_str()) && !NOT_TEXT_AT.contains(&at.as_str()) {
                    text_leaves_at(value, &at, f);
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
fn the_layout_texts_and_the_participle_are_found_and_replaced_in_one_step() {
    let mut p = common::sample();
    p.layout.passport_heading = "Паспорт Ёлки".into();
    p.layout.indicators_heading = "Показатели ёлки".into();
    p.layout.roadmap.heading = "План мероприятий «Ёлка»".into();
    p.layout.roadmap.years_heading = "Ёлка по годам".into();
    p.layout.roadmap.columns = vec![
        RoadmapColumn {
            kind: ColumnKind::Activity,
            header: "Мероприятия к ёлке".into(),
            width: None,
        },
        // An empty header prints the default: nothing of hers to find.
        RoadmapColumn {
            kind: ColumnKind::Deadline,
            header: String::new(),
            width: None,
        },
    ];
    p.appendix.participle = "УТВЕРЖДЁН ЁЛКОЙ".into();
    let found = find::find(&p, &text("ёлк")).unwrap();
    let location = |field: LayoutField| {
        found
            .hits
            .iter()
            .find(|h| h.place == Place::Layout { field })
            .map(|h| h.location.as_str())
            .unwrap_or_else(|| panic!("{field:?} is not found: {:?}", found.hits))
    };
    assert_eq!(
        location(LayoutField::PassportHeading),
        "Разделы · оформление, заголовок паспорта"
    );
    assert_eq!(
        location(LayoutField::IndicatorsHeading),
        "Разделы · оформление, заголовок таблицы показателей"
    );
    assert_eq!(
        location(LayoutField::RoadmapHeading),
        "Дорожная карта · оформление, заголовок"
    );
    assert_eq!(
        location(LayoutField::ColumnHeader {
            column: ColumnKind::Activity
        }),
        "Дорожная карта · оформление, заголовок столбца «Мероприятие»"
    );
    assert_eq!(
        location(LayoutField::YearsHeading),
        "Дорожная карта · оформление, заголовок столбцов по годам"
    );
    let participle = found
        .hits
        .iter()
        .find(|h| {
            h.place
                == Place::Appendix {
                    field: AppendixField::Participle,
                }
        })
        .expect("the typed participle");
    assert_eq!(participle.location, "Акт · гриф, слово «УТВЕРЖДЕНА»");
    assert_eq!(found.total, 6);

    let (mut store, id) = store_with(&p);
    let stored = store.load(id).unwrap();
    let plan = find::replace(&stored, "ёлк", "сосн", &ReplaceTarget::All).unwrap();
    assert_eq!(plan.count, 6);
    store.apply(id, &plan.edit, common::today()).unwrap();
    let after = store.load(id).unwrap();
    assert_eq!(after.layout.passport_heading, "Паспорт сосни");
    assert_eq!(after.layout.roadmap.heading, "План мероприятий «сосна»");
    assert_eq!(
        after.layout.roadmap.columns[0].header,
        "Мероприятия к сосне"
    );
    assert_eq!(after.layout.roadmap.years_heading, "сосна по годам");
    assert_eq!(after.appendix.participle, "УТВЕРЖДЁН соснОЙ");
    store.undo(id).unwrap();
    assert_eq!(store.load(id).unwrap(), stored, "one undo restores them");
}

#[test]
fn sections_are_named_by_the_programmes_own_numbers() {
    let mut p = common::sample();
    assert!(p.sections.len() >= 3);
    p.layout.passport_numbered = true;
    p.layout.sections.style = SectionStyle::Razdel;
    p.sections[1].unnumbered = true;
    for s in &mut p.sections {
        s.title = format!("{} Ёлка", s.title);
    }
    let hits = find::find(&p, &text("ёлка")).unwrap().hits;
    let title_of = |n: usize| {
        let uid = &p.sections[n].uid;
        hits.iter()
            .find(|h| {
                h.place
                    == Place::SectionTitle {
                        section: uid.clone(),
                    }
            })
            .unwrap()
            .location
            .clone()
    };
    // The passport is «Раздел 1.»: the sections count on from 2, the
    // unnumbered one is not counted.
    assert_eq!(title_of(0), "Разделы · раздел 2, название");
    assert_eq!(title_of(1), "Разделы · раздел без номера, название");
    assert_eq!(title_of(2), "Разделы · раздел 3, название");
    p.layout.sections.style = SectionStyle::Arabic;
    p.layout.passport_numbered = false;
    let hits = find::find(&p, &text("ёлка")).unwrap().hits;
    let uid = &p.sections[2].uid;
    let third = hits
        .iter()
        .find(|h| {
            h.place
                == Place::SectionTitle {
                    section: uid.clone(),
                }
        })
        .unwrap();
    assert_eq!(third.location, "Разделы · раздел 2, название");
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

/// The hits of `q` at a roadmap column's header.
fn header_hits(p: &Programme, q: &str) -> Vec<(ColumnKind, find::Hit)> {
    find::find(p, &text(q))
        .unwrap()
        .hits
        .into_iter()
        .filter_map(|h| match h.place {
            Place::Layout {
                field: LayoutField::ColumnHeader { column },
            } => Some((column, h)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_default_column_header_is_found_as_it_prints() {
    // The sample types no column headers: the print shows the defaults.
    let p = common::sample();
    assert!(p.layout.roadmap.columns.is_empty());
    let hits = header_hits(&p, "ответственные");
    assert_eq!(hits.len(), 1, "{hits:?}");
    let (column, hit) = &hits[0];
    assert_eq!(*column, ColumnKind::Responsible);
    assert_eq!(
        hit.location,
        "Дорожная карта · оформление, заголовок столбца «Ответственные» (обычный)"
    );
    assert_eq!(
        (hit.start, hit.end, hit.matched.as_str()),
        (0, 13, "Ответственные")
    );
    // Every printed default header is found, «№ п/п» too; «Плановое
    // значение» prints because items of the sample have planned values.
    for kind in ColumnKind::ALL {
        let found = header_hits(&p, kind.default_header());
        assert!(found.iter().any(|(c, _)| *c == kind), "{kind:?}: {found:?}");
    }
    // Without planned values the default set leaves that column out, and
    // find does not report a header that does not print.
    let mut without = p.clone();
    for item in without.roadmap.blocks.iter_mut().flat_map(|b| &mut b.items) {
        item.planned_value.clear();
    }
    assert!(header_hits(&without, "плановое значение").is_empty());
    // Columns of her own: only those print, an empty header as the default,
    // a typed one as typed (and the default under it is not found).
    let mut own = p.clone();
    own.layout.roadmap.columns = vec![
        RoadmapColumn {
            kind: ColumnKind::Activity,
            header: "Содержание работы".into(),
            width: None,
        },
        RoadmapColumn {
            kind: ColumnKind::Deadline,
            header: "  ".into(),
            width: None,
        },
    ];
    assert!(header_hits(&own, "ответственные").is_empty());
    assert!(header_hits(&own, "мероприятие").is_empty());
    let deadline = header_hits(&own, "сроки");
    assert_eq!(deadline.len(), 1);
    assert_eq!(deadline[0].0, ColumnKind::Deadline);
    assert!(deadline[0].1.location.ends_with("(обычный)"));
    let typed = header_hits(&own, "работы");
    assert_eq!(typed.len(), 1);
    assert_eq!(
        typed[0].1.location,
        "Дорожная карта · оформление, заголовок столбца «Мероприятие»"
    );
}

#[test]
fn replacing_in_a_default_header_stores_the_new_header_as_typed() {
    let (mut store, id) = store_with(&common::sample());
    let stored = store.load(id).unwrap();
    let printed = stored.printed_columns();
    let plan = find::replace(&stored, "ответственные", "Исполнители", &ReplaceTarget::All).unwrap();
    assert_eq!(plan.count, 1);
    store.apply(id, &plan.edit, common::today()).unwrap();
    let after = store.load(id).unwrap();
    // The default set becomes her own, the same columns in the same
    // order; only the replaced header is typed.
    let columns = &after.layout.roadmap.columns;
    assert_eq!(
        columns.iter().map(|c| c.kind).collect::<Vec<_>>(),
        printed.iter().map(|c| c.kind).collect::<Vec<_>>()
    );
    for c in columns {
        let want = if c.kind == ColumnKind::Responsible {
            "Исполнители"
        } else {
            ""
        };
        assert_eq!(c.header, want, "{:?}", c.kind);
        assert_eq!(c.width, None);
    }
    assert!(header_hits(&after, "ответственные").is_empty());
    store.undo(id).unwrap();
    assert_eq!(
        store.load(id).unwrap(),
        stored,
        "one undo restores the default"
    );

    // A word inside a default header, at one place.
    let hit = header_hits(&stored, "ожидаемый").remove(0).1;
    let plan = find::replace(
        &stored,
        "ожидаемый",
        "Достигнутый",
        &ReplaceTarget::One {
            place: hit.place.clone(),
            start: hit.start,
        },
    )
    .unwrap();
    assert_eq!(plan.count, 1);
    store.apply(id, &plan.edit, common::today()).unwrap();
    let after = store.load(id).unwrap();
    let expected = after
        .layout
        .roadmap
        .columns
        .iter()
        .find(|c| c.kind == ColumnKind::ExpectedResult)
        .unwrap();
    assert_eq!(expected.header, "Достигнутый результат");
    store.undo(id).unwrap();
}

#[test]
fn a_replacement_that_leaves_a_default_header_as_it_was_keeps_it_default() {
    let p = common::sample();
    // Only the case of the search differs: the header reads as before.
    let plan = find::replace(&p, "ОТВЕТСТВЕННЫЕ", "Ответственные", &ReplaceTarget::All).unwrap();
    let Edit::Batch { edits, .. } = &plan.edit else {
        panic!("a replacement is one batch: {:?}", plan.edit)
    };
    assert!(
        edits.iter().all(|e| !matches!(e, Edit::SetLayout { .. })),
        "the layout is not touched: {edits:?}"
    );
    // A header she typed is replaced as any text.
    let mut own = p.clone();
    own.layout.roadmap.columns = vec![RoadmapColumn {
        kind: ColumnKind::Activity,
        header: "мероприятие".into(),
        width: Some(40.0),
    }];
    let plan = find::replace(&own, "мероприятие", "Мероприятие", &ReplaceTarget::All).unwrap();
    let Edit::Batch { edits, .. } = &plan.edit else {
        panic!("a replacement is one batch")
    };
    let layout = edits
        .iter()
        .find_map(|e| match e {
            Edit::SetLayout { layout } => Some(layout),
            _ => None,
        })
        .expect("her header changes");
    assert_eq!(layout.roadmap.columns[0].header, "Мероприятие");
    assert_eq!(layout.roadmap.columns[0].width, Some(40.0));
}

#[test]
fn the_default_headings_of_the_layout_are_found_as_they_print() {
    // A programme without a layout of its own (the sample) prints the
    // default headings, which the layout holds as text (empty prints
    // none): find reaches each at the field the editor shows it in.
    let p = common::sample();
    for (heading, field) in [
        (DEFAULT_PASSPORT_HEADING, LayoutField::PassportHeading),
        (DEFAULT_INDICATORS_HEADING, LayoutField::IndicatorsHeading),
        (DEFAULT_ROADMAP_HEADING, LayoutField::RoadmapHeading),
        (DEFAULT_YEARS_HEADING, LayoutField::YearsHeading),
    ] {
        let found = find::find(&p, &text(heading)).unwrap();
        assert!(
            found
                .hits
                .iter()
                .any(|h| h.place == Place::Layout { field } && h.start == 0),
            "{heading}: {:?}",
            found.hits
        );
    }
}
