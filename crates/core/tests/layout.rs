//! A programme's own document shape (issue #14, docs/design.md §2.7):
//! every option is stored, read back, set by one edit that undo takes
//! back, and checked; a database of an earlier version reads with the
//! defaults, which are the look programmes had before.

mod common;

use metodist_core::model::*;
use metodist_core::store::MIGRATIONS;
use metodist_core::{exchange, Edit, Store};
use rusqlite::Connection;

fn shaped() -> Programme {
    let mut p = common::sample();
    p.layout.title_shown = false;
    p.layout.passport_heading = "Паспорт Программы".into();
    p.layout.passport_numbered = true;
    p.layout.indicators_heading = "Показатели достижения цели".into();
    p.layout.sections = SectionNumbering {
        style: SectionStyle::Razdel,
        start: 1,
    };
    p.layout.roadmap = RoadmapLayout {
        shape: RoadmapShape::Flat,
        blocks: BlockNumbering::None,
        items: ItemNumbering::FlatDot,
        start: 1,
        heading: "Комплекс мер".into(),
        columns: vec![
            RoadmapColumn {
                kind: ColumnKind::Number,
                header: "№".into(),
                width: Some(6.0),
            },
            RoadmapColumn {
                kind: ColumnKind::Activity,
                header: "Основные мероприятия".into(),
                width: None,
            },
            RoadmapColumn {
                kind: ColumnKind::Deadline,
                header: "Сроки исполнения".into(),
                width: Some(18.0),
            },
        ],
        years_heading: "Срок реализации, годы".into(),
    };
    let act = p.act.as_mut().unwrap();
    act.heading = ActHeading::Institution;
    act.issuer_caps = false;
    act.date_format = DateFormat::NumericG;
    p.appendix.style = MarkStyle::None;
    p.appendix.approves = Approves::Plural;
    p.passport[1].subrows = vec![
        vec![TextBlock::Paragraph {
            text: "Закон об образовании".into(),
        }],
        vec![TextBlock::Paragraph {
            text: "Приказ министерства".into(),
        }],
    ];
    p.sections[2].unnumbered = true;
    p.sections[3].renumber = Some(SectionNumbering {
        style: SectionStyle::Arabic,
        start: 1,
    });
    p
}

#[test]
fn every_option_is_stored_exported_and_read_back() {
    let p = shaped();
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(&p).unwrap();
    assert_eq!(store.load(id).unwrap(), p);
    let text = exchange::to_json(&p);
    assert!(text.contains("\"version\": 3,"));
    assert_eq!(exchange::from_json(&text).unwrap(), p);
}

#[test]
fn the_numbers_every_caller_sees_are_the_programmes_own() {
    let p = shaped();
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(&p).unwrap();
    // A flat roadmap numbered «1.», «2.» … through all its blocks: the
    // store's schedules, tracking and the programme agree.
    let numbers: Vec<String> = p.numbered_items().map(|(n, _, _)| n).collect();
    assert_eq!(numbers[0], "1.");
    assert_eq!(numbers[numbers.len() - 1], format!("{}.", numbers.len()));
    let schedules = store.item_schedules(id).unwrap();
    let stored: Vec<String> = schedules.iter().map(|s| s.number.clone()).collect();
    assert_eq!(stored, numbers);
    let entries = metodist_core::tracking::entries(&p, &schedules);
    assert!(entries.iter().all(|e| numbers.contains(&e.number)));
    assert!(entries.iter().all(|e| e.block_number.is_empty()));
}

#[test]
fn a_layout_is_one_edit_and_undo_takes_it_back() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(&common::sample()).unwrap();
    let before = store.load(id).unwrap();
    let layout = shaped().layout;
    let applied = store
        .apply(
            id,
            &Edit::SetLayout {
                layout: layout.clone(),
            },
            common::today(),
        )
        .unwrap();
    assert_eq!(
        applied.undo.can_undo.as_deref(),
        Some("оформление документа")
    );
    assert_eq!(store.load(id).unwrap().layout, layout);
    store.undo(id).unwrap();
    assert_eq!(store.load(id).unwrap(), before);
    store.redo(id).unwrap();
    assert_eq!(store.load(id).unwrap().layout, layout);
}

#[test]
fn section_row_act_and_mark_options_ride_on_their_edits() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(&common::sample()).unwrap();
    let target = shaped();
    let edits = [
        Edit::SetAct {
            act: target.act.clone(),
        },
        Edit::SetAppendix {
            appendix: target.appendix.clone(),
        },
        Edit::PutPassportRow {
            at: None,
            row: target.passport[1].clone(),
        },
        Edit::PutSection {
            at: None,
            section: target.sections[2].clone(),
        },
        Edit::PutSection {
            at: None,
            section: target.sections[3].clone(),
        },
    ];
    for e in &edits {
        store.apply(id, e, common::today()).unwrap();
    }
    let now = store.load(id).unwrap();
    assert_eq!(now.act, target.act);
    assert_eq!(now.appendix, target.appendix);
    assert_eq!(now.passport[1], target.passport[1]);
    assert_eq!(now.sections[2], target.sections[2]);
    assert_eq!(now.sections[3], target.sections[3]);
    for _ in &edits {
        store.undo(id).unwrap();
    }
    assert_eq!(store.load(id).unwrap(), common::sample());
}

#[test]
fn a_bad_layout_is_refused_with_its_place_and_nothing_changes() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(&common::sample()).unwrap();
    let before = store.load(id).unwrap();
    let bad = |f: &dyn Fn(&mut DocumentLayout)| {
        let mut l = DocumentLayout::default();
        f(&mut l);
        l
    };
    for (layout, place) in [
        (bad(&|l| l.roadmap.start = 0), "layout.roadmap.start"),
        (
            bad(&|l| l.sections.start = 100_000),
            "layout.sections.start",
        ),
        (
            bad(&|l| l.passport_heading = "Паспорт\u{7}".into()),
            "layout.passport_heading",
        ),
        (
            bad(&|l| {
                l.roadmap.columns = vec![
                    RoadmapColumn {
                        kind: ColumnKind::Activity,
                        header: String::new(),
                        width: Some(0.0),
                    },
                    RoadmapColumn {
                        kind: ColumnKind::Activity,
                        header: String::new(),
                        width: None,
                    },
                ]
            }),
            "layout.roadmap.columns[0].width",
        ),
        (
            bad(&|l| {
                l.roadmap.columns = vec![RoadmapColumn {
                    kind: ColumnKind::Deadline,
                    header: String::new(),
                    width: None,
                }]
            }),
            "layout.roadmap.columns",
        ),
    ] {
        let err = store
            .apply(id, &Edit::SetLayout { layout }, common::today())
            .expect_err(place);
        assert_eq!(err.code(), "edit_invalid");
        assert!(
            err.problems().iter().any(|p| p.path == place),
            "{place}: {err}"
        );
    }
    assert_eq!(store.load(id).unwrap(), before);
}

#[test]
fn a_database_of_schema_3_reads_with_the_look_of_before() {
    let (_dir, path) = common::temp_db();
    {
        let conn = Connection::open(&path).unwrap();
        for m in &MIGRATIONS[..3] {
            conn.execute_batch(m).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO programme (uid, title, status, period_start, period_end, created_at, updated_at)
             VALUES ('old', 'Программа', 'draft', '2024-01', '2025-12', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');
             INSERT INTO act (programme_id, kind, title) VALUES (1, 'decree', 'Об утверждении');
             INSERT INTO passport_row (programme_id, position, uid, key, label) VALUES (1, 0, 'r', 'name', 'Наименование');
             INSERT INTO section (programme_id, position, uid, title) VALUES (1, 0, 's', 'Введение');
             PRAGMA user_version = 3;",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let p = store.load(1).unwrap();
    assert!(p.layout.is_default());
    assert_eq!(p.appendix.participle(), "УТВЕРЖДЕНА");
    let act = p.act.clone().unwrap();
    assert!(act.issuer_caps);
    assert_eq!(act.heading, ActHeading::Usual);
    assert!(p.passport[0].subrows.is_empty());
    assert!(!p.sections[0].unnumbered && p.sections[0].renumber.is_none());
    assert_eq!(p.heading_numbers().sections, ["I."]);
}
