//! The undo history (issue #12): every kind of edit is undone and redone
//! exactly — the programme and its items' schedules as they were — in
//! random sequences with refused edits and reopening between them; the
//! history of many edits stays small, is bounded by bytes as well as by
//! steps with the oldest going first, and an old history of whole copies
//! migrates.

mod common;

use chrono::NaiveDate;
use metodist_core::model::*;
use metodist_core::store::{MIGRATIONS, UNDO_DEPTH, UNDO_MAX_BYTES};
use metodist_core::validate::validate;
use metodist_core::{generate, Edit, ItemInput, ListKind, NumberedSchedule, Period, Store};
use proptest::prelude::*;
use rusqlite::Connection;

/// What undo must give back: the programme and its items' schedules.
type State = (Programme, Vec<NumberedSchedule>);

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn period(start: &str, end: &str) -> Period {
    Period {
        start: start.parse().unwrap(),
        end: end.parse().unwrap(),
    }
}

const LISTS: [ListKind; 6] = [
    ListKind::Passport,
    ListKind::Tasks,
    ListKind::Sections,
    ListKind::Indicators,
    ListKind::Blocks,
    ListKind::Items,
];

/// The uids of a list, in order (items: of the whole roadmap).
fn uids(p: &Programme, list: ListKind) -> Vec<String> {
    match list {
        ListKind::Passport => p.passport.iter().map(|r| r.uid.clone()).collect(),
        ListKind::Tasks => p.tasks.iter().map(|t| t.uid.clone()).collect(),
        ListKind::Sections => p.sections.iter().map(|s| s.uid.clone()).collect(),
        ListKind::Indicators => p.indicators.iter().map(|i| i.uid.clone()).collect(),
        ListKind::Blocks => p.roadmap.blocks.iter().map(|b| b.uid.clone()).collect(),
        ListKind::Items => p.numbered_items().map(|(_, _, i)| i.uid.clone()).collect(),
    }
}

fn items(p: &Programme) -> Vec<(&Block, &Item)> {
    p.numbered_items().map(|(_, b, i)| (b, i)).collect()
}

fn input(item: &Item) -> ItemInput {
    ItemInput {
        activity: item.activity.clone(),
        deadline: item.deadline.clone(),
        responsible: item.responsible.clone(),
        expected_result: item.expected_result.clone(),
        planned_value: item.planned_value.clone(),
        per_year: item.per_year.clone(),
    }
}

/// Which `Edit` variant an edit is; the match names every one, so a new
/// variant cannot be left out of `every_kind_of_edit_is_undone_and_redone_exactly`.
fn variant(e: &Edit) -> &'static str {
    match e {
        Edit::SetTitle { .. } => "set_title",
        Edit::SetStatus { .. } => "set_status",
        Edit::SetPeriod { .. } => "set_period",
        Edit::SetAct { .. } => "set_act",
        Edit::SetAppendix { .. } => "set_appendix",
        Edit::SetYearColumns { .. } => "set_year_columns",
        Edit::SetLayout { .. } => "set_layout",
        Edit::PutPassportRow { .. } => "put_passport_row",
        Edit::PutTask { .. } => "put_task",
        Edit::PutSection { .. } => "put_section",
        Edit::PutIndicator { .. } => "put_indicator",
        Edit::PutBlock { .. } => "put_block",
        Edit::PutItem { .. } => "put_item",
        Edit::Move { .. } => "move",
        Edit::Delete { .. } => "delete",
        Edit::SetManualSchedule { .. } => "set_manual_schedule",
        Edit::SetTracking { .. } => "set_tracking",
        Edit::ClearTracking { .. } => "clear_tracking",
        Edit::SetFact { .. } => "set_fact",
        Edit::Batch { .. } => "batch",
    }
}

const VARIANTS: usize = 20;

fn record(due: &str, status: TrackStatus) -> TrackingRecord {
    TrackingRecord {
        due: d(due),
        status,
        done_on: matches!(status, TrackStatus::Done | TrackStatus::DoneLate)
            .then(|| d("2025-05-01")),
        moved_to: (status == TrackStatus::Moved).then(|| d("2025-10-01")),
        comment: "Отмечено".into(),
        evidence: String::new(),
    }
}

/// A fixed walk through every kind of edit on the sample, each valid, in
/// every list: built one at a time, as the programme stands.
fn every_kind_of_edit(p: &Programme, k: usize) -> Option<Edit> {
    let block = |i: usize| p.roadmap.blocks[i].uid.clone();
    let item = |uid: &str| items(p).into_iter().find(|(_, i)| i.uid == uid).unwrap().1;
    let edit = match k {
        0 => Edit::SetTitle {
            title: "Новое название".into(),
        },
        1 => Edit::SetStatus {
            status: ProgrammeStatus::Draft,
        },
        // A longer period: a column for 2028, every schedule re-read.
        2 => Edit::SetPeriod {
            period: period("2024-09", "2028-05"),
        },
        // Empty things in 2028 that shortening the period again drops.
        3 => {
            let mut per_year = item("it-2-5").per_year.clone();
            per_year.push(YearText {
                year: 2028,
                text: String::new(),
            });
            Edit::PutItem {
                block: String::new(),
                at: None,
                uid: "it-2-5".into(),
                item: ItemInput {
                    per_year,
                    ..input(item("it-2-5"))
                },
            }
        }
        4 => Edit::SetFact {
            indicator: "ind-1".into(),
            year: 2028,
            fact: None,
        },
        5 => Edit::SetPeriod {
            period: period("2024-09", "2027-05"),
        },
        6 => Edit::SetYearColumns {
            years: vec![2027, 2026, 2025, 2024],
        },
        7 => {
            let mut act = p.act.clone().unwrap();
            act.points.push("Новый пункт.".into());
            act.number = None;
            Edit::SetAct { act: Some(act) }
        }
        8 => Edit::SetAppendix {
            appendix: AppendixMark {
                approves: Default::default(),
                participle: String::new(),
                style: MarkStyle::Both,
                number: "2".into(),
                issuer_genitive: "администрации района".into(),
            },
        },
        9 => Edit::PutPassportRow {
            at: Some(1),
            row: PassportRow {
                subrows: Vec::new(),
                uid: String::new(),
                key: PassportKey::Custom,
                from_data: false,
                label: "Этапы".into(),
                content: vec![TextBlock::Paragraph {
                    text: "Первый этап".into(),
                }],
            },
        },
        10 => Edit::PutPassportRow {
            at: None,
            row: PassportRow {
                subrows: Vec::new(),
                label: "Цель (уточнена)".into(),
                ..p.passport[3].clone()
            },
        },
        11 => Edit::PutTask {
            at: Some(0),
            task: Task {
                uid: "task-new".into(),
                text: "Новая задача".into(),
            },
        },
        12 => Edit::PutTask {
            at: None,
            task: Task {
                text: "Задача (уточнена)".into(),
                ..p.tasks[2].clone()
            },
        },
        13 => Edit::PutSection {
            at: Some(0),
            section: Section {
                unnumbered: false,
                renumber: None,
                uid: String::new(),
                title: "Введение".into(),
                body: vec![SectionBlock::Paragraph {
                    text: "Текст".into(),
                }],
            },
        },
        // The section that holds the roadmap's placeholder keeps it.
        14 => {
            let mut s = p
                .sections
                .iter()
                .find(|s| s.uid == "sec-5")
                .unwrap()
                .clone();
            s.title = "Дорожная карта (уточнена)".into();
            s.body.insert(
                0,
                SectionBlock::Paragraph {
                    text: "Вступление".into(),
                },
            );
            Edit::PutSection {
                at: None,
                section: s,
            }
        }
        15 => {
            let mut ind = p.indicators[1].clone();
            ind.name = "Показатель (уточнён)".into();
            ind.values[1].fact = Some(15.25);
            ind.values.remove(0);
            ind.task = Some("task-new".into());
            Edit::PutIndicator {
                at: None,
                indicator: ind,
            }
        }
        16 => Edit::PutIndicator {
            at: Some(2),
            indicator: Indicator {
                uid: String::new(),
                name: "Новый показатель".into(),
                unit: "чел.".into(),
                direction: Direction::Decrease,
                base_value: Some(12.0),
                base_year: Some(2023),
                task: Some("task-2".into()),
                values: vec![YearValue {
                    year: 2026,
                    plan: Some(10.0),
                    fact: None,
                }],
            },
        },
        17 => Edit::PutBlock {
            at: Some(0),
            uid: String::new(),
            title: "Новый блок".into(),
        },
        18 => Edit::PutBlock {
            at: None,
            uid: "blk-2".into(),
            title: "Блок (переименован)".into(),
        },
        19 => Edit::PutItem {
            block: block(1),
            at: Some(0),
            uid: String::new(),
            item: ItemInput {
                activity: "Новое мероприятие".into(),
                deadline: "Ежегодно, сентябрь".into(),
                ..Default::default()
            },
        },
        // A new deadline: the item's schedule changes with it.
        20 => Edit::PutItem {
            block: String::new(),
            at: None,
            uid: "it-1-1".into(),
            item: ItemInput {
                activity: "Мероприятие (уточнено)".into(),
                deadline: "Март 2026".into(),
                ..input(item("it-1-1"))
            },
        },
        21 => Edit::Move {
            list: ListKind::Passport,
            uid: p.passport[0].uid.clone(),
            to: 3,
            block: None,
        },
        22 => Edit::Move {
            list: ListKind::Tasks,
            uid: p.tasks[3].uid.clone(),
            to: 0,
            block: None,
        },
        23 => Edit::Move {
            list: ListKind::Sections,
            uid: p.sections[1].uid.clone(),
            to: 5,
            block: None,
        },
        24 => Edit::Move {
            list: ListKind::Indicators,
            uid: p.indicators[0].uid.clone(),
            to: 4,
            block: None,
        },
        25 => Edit::Move {
            list: ListKind::Blocks,
            uid: block(0),
            to: 3,
            block: None,
        },
        26 => Edit::Move {
            list: ListKind::Items,
            uid: "it-1-4".into(),
            to: 0,
            block: None,
        },
        27 => Edit::Move {
            list: ListKind::Items,
            uid: "it-2-2".into(),
            to: 2,
            block: Some("blk-4".into()),
        },
        28 => Edit::SetManualSchedule {
            item: "it-1-2".into(),
            schedule: Some(ManualSchedule {
                due: vec![d("2025-03-31"), d("2026-10-15")],
                active: vec!["2025-03".parse().unwrap()],
            }),
        },
        29 => Edit::SetManualSchedule {
            item: "it-5-9".into(),
            schedule: None,
        },
        30 => Edit::SetTracking {
            item: "it-1-5".into(),
            record: record("2025-03-31", TrackStatus::Done),
        },
        // Replaces the record for that date.
        31 => {
            let due = item("it-1-4").tracking[0].due.to_string();
            Edit::SetTracking {
                item: "it-1-4".into(),
                record: record(&due, TrackStatus::Moved),
            }
        }
        // The middle one of three: undo must put it back in the middle.
        32 => Edit::ClearTracking {
            item: "it-2-2".into(),
            due: item("it-2-2").tracking[1].due,
        },
        33 => Edit::SetFact {
            indicator: "ind-3".into(),
            year: 2025,
            fact: Some(44.5),
        },
        34 => Edit::SetFact {
            indicator: "ind-4".into(),
            year: 2024,
            fact: None,
        },
        35 => Edit::Delete {
            list: ListKind::Passport,
            uid: p.passport[5].uid.clone(),
        },
        36 => Edit::Delete {
            list: ListKind::Tasks,
            uid: "task-6".into(),
        },
        37 => Edit::Delete {
            list: ListKind::Sections,
            uid: "sec-3".into(),
        },
        38 => Edit::Delete {
            list: ListKind::Indicators,
            uid: "ind-5".into(),
        },
        39 => Edit::Delete {
            list: ListKind::Items,
            uid: "it-3-1".into(),
        },
        // A block with items, their records and a hand-set schedule.
        40 => Edit::Delete {
            list: ListKind::Blocks,
            uid: "blk-5".into(),
        },
        41 => Edit::Delete {
            list: ListKind::Blocks,
            uid: "blk-1".into(),
        },
        // Several edits as one step: the head twice, one element twice,
        // and a new period (which rewrites schedules) in the middle.
        42 => Edit::Batch {
            label: "замена текста".into(),
            edits: vec![
                Edit::SetTitle {
                    title: "Промежуточное название".into(),
                },
                Edit::SetFact {
                    indicator: "ind-3".into(),
                    year: 2025,
                    fact: Some(50.0),
                },
                Edit::SetPeriod {
                    period: period("2024-09", "2028-05"),
                },
                Edit::SetFact {
                    indicator: "ind-3".into(),
                    year: 2025,
                    fact: Some(51.5),
                },
                Edit::SetTitle {
                    title: "Итоговое название".into(),
                },
            ],
        },
        43 => {
            let mut layout = p.layout.clone();
            layout.roadmap.shape = RoadmapShape::Flat;
            layout.roadmap.items = ItemNumbering::FlatDot;
            layout.sections.style = SectionStyle::Razdel;
            layout.passport_heading = "Раздел первый. Паспорт".into();
            layout.roadmap.columns = vec![RoadmapColumn {
                kind: ColumnKind::Activity,
                header: "Основные мероприятия".into(),
                width: Some(3.0),
            }];
            Edit::SetLayout { layout }
        }
        _ => return None,
    };
    Some(edit)
}

#[test]
fn every_kind_of_edit_is_undone_and_redone_exactly() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(&common::sample()).unwrap();
    let mut states: Vec<State> = vec![common::read(&store, id)];
    let mut labels = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut lists_moved = std::collections::BTreeSet::new();
    let mut lists_deleted = std::collections::BTreeSet::new();
    let mut k = 0;
    while let Some(edit) = every_kind_of_edit(&states.last().unwrap().0, k) {
        let applied = store
            .apply(id, &edit, common::today())
            .unwrap_or_else(|e| panic!("edit {k} ({edit:?}): {e}"));
        assert_eq!(applied.undo.can_undo, Some(edit.label()));
        seen.insert(variant(&edit));
        match &edit {
            Edit::Move { list, .. } => lists_moved.insert(format!("{list:?}")),
            Edit::Delete { list, .. } => lists_deleted.insert(format!("{list:?}")),
            _ => false,
        };
        let now = common::read(&store, id);
        assert_ne!(&now, states.last().unwrap(), "edit {k} changed something");
        states.push(now);
        labels.push(edit.label());
        k += 1;
    }
    assert_eq!(seen.len(), VARIANTS, "every kind of edit: {seen:?}");
    assert_eq!(lists_moved.len(), LISTS.len(), "{lists_moved:?}");
    assert_eq!(lists_deleted.len(), LISTS.len(), "{lists_deleted:?}");
    // The period's edits changed the schedules; undo must bring them back.
    assert_ne!(states[2].1, states[3].1);

    for i in (0..labels.len()).rev() {
        let s = store.undo(id).unwrap();
        assert_eq!(common::read(&store, id), states[i], "undo of edit {i}");
        assert_eq!(s.can_redo.as_ref(), Some(&labels[i]));
        assert_eq!(s.can_undo.as_ref(), i.checked_sub(1).map(|j| &labels[j]));
    }
    assert!(store.undo(id).is_err());
    for (i, label) in labels.iter().enumerate() {
        let s = store.redo(id).unwrap();
        assert_eq!(common::read(&store, id), states[i + 1], "redo of edit {i}");
        assert_eq!(s.can_undo.as_ref(), Some(label));
    }
    assert!(store.redo(id).is_err());
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn undo_and_redo_work_across_reopening() {
    let (_dir, path) = common::temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = store.import(&common::sample()).unwrap();
    let v0 = common::read(&store, id);
    store.delete_block(id, "blk-2").unwrap();
    let v1 = common::read(&store, id);
    store
        .apply(
            id,
            &Edit::SetTitle {
                title: "После удаления".into(),
            },
            common::today(),
        )
        .unwrap();
    let v2 = common::read(&store, id);
    store.undo(id).unwrap();
    drop(store);

    let mut store = Store::open(&path).unwrap();
    let state = store.undo_state(id).unwrap();
    assert_eq!(
        state.can_undo.as_deref(),
        Some("удаление блока дорожной карты")
    );
    assert_eq!(state.can_redo.as_deref(), Some("название программы"));
    store.redo(id).unwrap();
    assert_eq!(common::read(&store, id), v2);
    store.undo(id).unwrap();
    store.undo(id).unwrap();
    assert_eq!(common::read(&store, id), v0);
    drop(store);
    let mut store = Store::open(&path).unwrap();
    store.redo(id).unwrap();
    assert_eq!(common::read(&store, id), v1);
}

/// 110 edits of one item of a 300-item programme: each step holds the
/// item before and after, not the programme.
#[test]
fn a_hundred_and_ten_edits_of_one_item_grow_the_file_by_little() {
    let (_dir, path) = common::temp_db();
    let p = generate::programme(300, 1);
    let id = {
        let mut store = Store::open(&path).unwrap();
        store.import(&p).unwrap()
    };
    let before = std::fs::metadata(&path).unwrap().len();
    let item = p.roadmap.blocks[0].items[0].clone();
    let mut store = Store::open(&path).unwrap();
    for k in 0..110 {
        store
            .update_item(
                id,
                &item.uid,
                &ItemInput {
                    activity: format!("{} (правка {k})", item.activity),
                    ..input(&item)
                },
            )
            .unwrap();
    }
    let size = store.undo_history_size(id).unwrap();
    assert_eq!(size.steps, UNDO_DEPTH);
    // About 1.8 KB a step (the item before and after); the copies of the
    // whole programme were 250 KB each.
    assert!(size.bytes < 100 * 2_500, "{size:?}");
    drop(store);
    let after = std::fs::metadata(&path).unwrap().len();
    assert!(
        after < before + 2_000_000,
        "the file grew from {before} to {after} bytes"
    );
}

#[test]
fn the_history_is_bounded_by_bytes_and_the_oldest_steps_go_first() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(&common::sample()).unwrap();
    // Each step holds two titles of 600,000 characters: 1.2 MB.
    let title = |k: usize| format!("{k} {}", "x".repeat(600_000));
    for k in 1..=6 {
        let edit = Edit::SetTitle { title: title(k) };
        store.apply(id, &edit, common::today()).unwrap();
        assert!(store.undo_history_size(id).unwrap().bytes <= UNDO_MAX_BYTES);
    }
    let size = store.undo_history_size(id).unwrap();
    let kept = size.steps as usize;
    assert!((2..6).contains(&kept), "{size:?}");
    // The newest steps are the ones kept.
    for _ in 0..kept {
        store.undo(id).unwrap();
    }
    assert_eq!(store.load(id).unwrap().title, title(6 - kept));
    assert_eq!(store.undo_state(id).unwrap().can_undo, None);
    let e = store.undo(id).unwrap_err();
    assert!(e.to_string().contains("нечего отменить"), "{e}");

    // One step larger than the bound is kept while it is the newest.
    store.redo(id).unwrap();
    let huge = "ж".repeat(1_000_000);
    let mut act = store.load(id).unwrap().act.unwrap();
    let before = act.clone();
    act.title = huge.clone();
    act.preamble = huge.clone();
    act.formula = huge;
    store
        .apply(id, &Edit::SetAct { act: Some(act) }, common::today())
        .unwrap();
    let size = store.undo_history_size(id).unwrap();
    assert_eq!(size.steps, 1, "{size:?}");
    assert!(size.bytes > UNDO_MAX_BYTES, "{size:?}");
    store.undo(id).unwrap();
    assert_eq!(store.load(id).unwrap().act, Some(before));
    store.redo(id).unwrap();
    // The next edit pushes it out.
    store
        .apply(
            id,
            &Edit::SetStatus {
                status: ProgrammeStatus::Draft,
            },
            common::today(),
        )
        .unwrap();
    assert_eq!(store.undo_history_size(id).unwrap().steps, 1);
    store.undo(id).unwrap();
    assert!(store.undo(id).is_err());
}

/// A database as version 2 left it: a programme and its history as whole
/// copies of it.
fn version_two_database(path: &std::path::Path) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(MIGRATIONS[0]).unwrap();
    conn.execute_batch(MIGRATIONS[1]).unwrap();
    conn.execute_batch(
        "INSERT INTO programme (uid, title, status, period_start, period_end, created_at, updated_at, undo_seq)
         VALUES ('old', 'Программа прошлых лет', 'draft', '2020-01', '2022-12', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', 2);
         INSERT INTO roadmap_block (programme_id, position, uid, title) VALUES (1, 0, 'b', 'Блок');
         INSERT INTO roadmap_item (programme_id, block_id, position, uid, activity, deadline)
         VALUES (1, 1, 0, 'i', 'Семинар', 'Ежегодно, сентябрь');
         PRAGMA user_version = 2;",
    )
    .unwrap();
    let copy = "{\"копия программы\": \"".to_string() + &"ж".repeat(1_500_000) + "\"}";
    for seq in 1..=2 {
        conn.execute(
            "INSERT INTO undo_snapshot (programme_id, seq, label, body) VALUES (1, ?1, 'название программы', ?2)",
            rusqlite::params![seq, copy],
        )
        .unwrap();
    }
}

#[test]
fn an_old_history_of_copies_is_dropped_on_upgrade_and_its_space_given_back() {
    let (_dir, path) = common::temp_db();
    version_two_database(&path);
    let before = std::fs::metadata(&path).unwrap().len();
    assert!(before > 6_000_000, "{before}");
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
    let id = store.list_programmes().unwrap()[0].id;
    assert_eq!(store.undo_state(id).unwrap(), Default::default());
    let e = store.undo(id).unwrap_err();
    assert!(e.to_string().contains("нечего отменить"), "{e}");
    // The new history works from the first edit on.
    let p = store.load(id).unwrap();
    store
        .apply(
            id,
            &Edit::SetTitle {
                title: "Обновлённая".into(),
            },
            common::today(),
        )
        .unwrap();
    store.undo(id).unwrap();
    assert_eq!(store.load(id).unwrap(), p);
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let old: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'undo_snapshot'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(old, 0, "the table of copies is gone");
    let after = std::fs::metadata(&path).unwrap().len();
    assert!(after < 1_000_000, "{before} → {after} bytes");
}

// Random sequences of edits, undo, redo and reopening, checked against
// the programme as it was after each accepted edit.

#[derive(Debug, Clone)]
enum Op {
    Edit(Recipe),
    Undo,
    Redo,
    Reopen,
}

/// An edit to make of the programme as it stands: `kind` picks the
/// variant, the numbers pick elements, places and values, and `bad` asks
/// for something validation refuses.
#[derive(Debug, Clone)]
struct Recipe {
    kind: u8,
    a: usize,
    b: usize,
    c: usize,
    bad: bool,
}

fn op() -> impl Strategy<Value = Op> {
    let recipe = (
        0u8..VARIANTS as u8,
        any::<u16>(),
        any::<u16>(),
        any::<u16>(),
        prop::bool::weighted(0.15),
    )
        .prop_map(|(kind, a, b, c, bad)| {
            Op::Edit(Recipe {
                kind,
                a: a.into(),
                b: b.into(),
                c: c.into(),
                bad,
            })
        });
    prop_oneof![
        8 => recipe,
        3 => Just(Op::Undo),
        2 => Just(Op::Redo),
        1 => Just(Op::Reopen),
    ]
}

fn text(base: String, bad: bool) -> String {
    if bad {
        base + "\u{7}"
    } else {
        base
    }
}

fn edit_for(p: &Programme, r: &Recipe) -> Edit {
    let Recipe { a, b, c, bad, .. } = *r;
    let pick = |list: &[String], i: usize| (!list.is_empty()).then(|| list[i % list.len()].clone());
    let fallback = Edit::SetTitle {
        title: format!("Программа {a}"),
    };
    let at = |len: usize| (c % 3 != 0).then_some(b % (len + 1));
    let new = a % 3 == 0;
    match r.kind {
        0 => Edit::SetTitle {
            title: text(format!("Программа {a}"), bad),
        },
        1 => Edit::SetStatus {
            status: [ProgrammeStatus::Draft, ProgrammeStatus::Approved][a % 2],
        },
        2 => Edit::SetPeriod {
            period: if bad {
                period("2027-05", "2024-09")
            } else {
                [
                    period("2024-09", "2027-05"),
                    period("2024-01", "2027-12"),
                    period("2025-01", "2026-12"),
                    period("2024-09", "2028-05"),
                    period("2023-09", "2027-05"),
                ][a % 5]
            },
        },
        3 => Edit::SetAct {
            act: (a % 5 != 0).then(|| {
                let mut act = p.act.clone().or(common::sample().act).unwrap();
                act.points.push(text(format!("Пункт {b}"), bad));
                act.number = Some(c.to_string());
                act
            }),
        },
        4 => Edit::SetAppendix {
            appendix: AppendixMark {
                approves: Default::default(),
                participle: String::new(),
                style: [MarkStyle::Appendix, MarkStyle::Approved, MarkStyle::Both][b % 3],
                number: a.to_string(),
                issuer_genitive: text("администрации района".into(), bad),
            },
        },
        5 => Edit::SetYearColumns {
            years: [
                vec![],
                vec![2024, 2025, 2026, 2027],
                vec![2025, 2026],
                vec![2024, 2025, 2026, 2027, 2028],
                vec![2027, 2026, 2025, 2024],
            ][a % 5]
                .clone(),
        },
        6 => {
            let label = text(format!("Строка {c}"), bad);
            match (new, p.passport.get(b % p.passport.len().max(1))) {
                (false, Some(row)) => Edit::PutPassportRow {
                    at: None,
                    row: PassportRow {
                        subrows: Vec::new(),
                        label,
                        ..row.clone()
                    },
                },
                _ => Edit::PutPassportRow {
                    at: at(p.passport.len()),
                    row: PassportRow {
                        subrows: Vec::new(),
                        // A uid another part has: refused.
                        uid: if bad {
                            pick(&uids(p, ListKind::Items), c).unwrap_or_default()
                        } else {
                            String::new()
                        },
                        key: PassportKey::Custom,
                        from_data: false,
                        label: format!("Строка {c}"),
                        content: vec![TextBlock::Bulleted {
                            items: vec!["первое".into(), "второе".into()],
                        }],
                    },
                },
            }
        }
        7 => match (new, pick(&uids(p, ListKind::Tasks), b)) {
            (false, Some(uid)) => Edit::PutTask {
                at: None,
                task: Task {
                    uid,
                    text: text(format!("Задача {c}"), bad),
                },
            },
            _ => Edit::PutTask {
                at: at(p.tasks.len()),
                task: Task {
                    uid: if bad {
                        pick(&uids(p, ListKind::Blocks), c).unwrap_or_default()
                    } else {
                        String::new()
                    },
                    text: format!("Задача {c}"),
                },
            },
        },
        8 => {
            let mut body = vec![SectionBlock::Paragraph {
                text: format!("Абзац {c}"),
            }];
            if bad {
                // The roadmap is printed once: a second place is refused
                // while the sample's section holds it.
                body.push(SectionBlock::Roadmap);
            }
            match (new, p.sections.get(b % p.sections.len().max(1))) {
                (false, Some(s)) => {
                    let mut s = s.clone();
                    s.title = format!("Раздел {c}");
                    s.body.extend(body);
                    Edit::PutSection {
                        at: None,
                        section: s,
                    }
                }
                _ => Edit::PutSection {
                    at: at(p.sections.len()),
                    section: Section {
                        unnumbered: false,
                        renumber: None,
                        uid: String::new(),
                        title: format!("Раздел {c}"),
                        body,
                    },
                },
            }
        }
        9 => {
            let task = match c % 4 {
                0 => None,
                _ => pick(&uids(p, ListKind::Tasks), c),
            };
            match (new, p.indicators.get(b % p.indicators.len().max(1))) {
                (false, Some(ind)) => {
                    let mut ind = ind.clone();
                    ind.name = format!("Показатель {c}");
                    ind.task = task;
                    if let Some(v) = ind.values.first_mut() {
                        v.plan = Some((c % 400) as f64 / 4.0);
                    }
                    if bad {
                        match c % 3 {
                            0 => ind.base_year = Some(2031),
                            1 => ind.task = Some("нет-такой-задачи".into()),
                            _ => ind.values.push(YearValue {
                                year: 2031,
                                plan: Some(1.0),
                                fact: None,
                            }),
                        }
                    }
                    Edit::PutIndicator {
                        at: None,
                        indicator: ind,
                    }
                }
                _ => Edit::PutIndicator {
                    at: at(p.indicators.len()),
                    indicator: Indicator {
                        uid: String::new(),
                        name: text(format!("Показатель {c}"), bad),
                        unit: "%".into(),
                        direction: Direction::Increase,
                        base_value: Some(1.5),
                        base_year: Some(2023),
                        task,
                        values: vec![YearValue {
                            year: 2025,
                            plan: Some(10.0),
                            fact: Some(9.75),
                        }],
                    },
                },
            }
        }
        10 => match (new, pick(&uids(p, ListKind::Blocks), b)) {
            (false, Some(uid)) => Edit::PutBlock {
                at: None,
                uid,
                title: text(format!("Блок {c}"), bad),
            },
            _ => Edit::PutBlock {
                at: at(p.roadmap.blocks.len()),
                uid: if bad { "task-1".into() } else { String::new() },
                title: format!("Блок {c}"),
            },
        },
        11 => {
            let all = items(p);
            let per_year = match c % 3 {
                0 => vec![YearText {
                    year: if bad { 2031 } else { 2025 },
                    text: format!("в {c}"),
                }],
                _ => Vec::new(),
            };
            let deadline = ["Ежегодно, сентябрь", "Март 2026", "В течение года", ""][c % 4];
            match (new, all.get(b % all.len().max(1))) {
                (false, Some((_, item))) => Edit::PutItem {
                    block: String::new(),
                    at: None,
                    uid: item.uid.clone(),
                    item: ItemInput {
                        activity: text(format!("Мероприятие {c}"), bad && c % 3 != 0),
                        deadline: deadline.into(),
                        per_year,
                        ..input(item)
                    },
                },
                _ => match pick(&uids(p, ListKind::Blocks), b) {
                    Some(block) => {
                        let target = p.roadmap.blocks.iter().find(|x| x.uid == block).unwrap();
                        Edit::PutItem {
                            at: at(target.items.len()),
                            block,
                            uid: String::new(),
                            item: ItemInput {
                                activity: format!("Мероприятие {c}"),
                                deadline: deadline.into(),
                                per_year,
                                ..Default::default()
                            },
                        }
                    }
                    None => fallback,
                },
            }
        }
        12 => {
            let list = LISTS[b % LISTS.len()];
            let Some(uid) = pick(&uids(p, list), a) else {
                return fallback;
            };
            if list == ListKind::Items {
                let blocks = &p.roadmap.blocks;
                let own = blocks
                    .iter()
                    .find(|x| x.items.iter().any(|i| i.uid == uid))
                    .unwrap();
                let target = &blocks[(c / 7) % blocks.len()];
                // Within its block `to` names one of its places; into
                // another block, also the place after the last item.
                let (len, block) = if target.uid == own.uid {
                    (own.items.len(), (c % 2 == 0).then(|| own.uid.clone()))
                } else {
                    (target.items.len() + 1, Some(target.uid.clone()))
                };
                return Edit::Move {
                    list,
                    uid,
                    to: if bad { len + 3 } else { c % len },
                    block,
                };
            }
            let len = uids(p, list).len();
            Edit::Move {
                list,
                uid,
                to: if bad { len } else { c % len },
                block: None,
            }
        }
        13 => {
            let list = LISTS[b % LISTS.len()];
            match pick(&uids(p, list), a) {
                Some(uid) => Edit::Delete { list, uid },
                None => fallback,
            }
        }
        14 => match pick(&uids(p, ListKind::Items), a) {
            Some(item) => Edit::SetManualSchedule {
                item,
                schedule: (b % 3 != 0).then(|| ManualSchedule {
                    due: vec![d(if bad {
                        "2031-01-15"
                    } else {
                        ["2025-03-31", "2026-10-15"][c % 2]
                    })],
                    active: vec!["2025-03".parse().unwrap()],
                }),
            },
            None => fallback,
        },
        15 => match pick(&uids(p, ListKind::Items), a) {
            Some(item) => {
                let due = ["2024-12-31", "2025-03-31", "2025-09-30", "2026-05-31"][b % 4];
                let status = [
                    TrackStatus::Planned,
                    TrackStatus::Done,
                    TrackStatus::DoneLate,
                    TrackStatus::NotDone,
                    TrackStatus::Moved,
                ][c % 5];
                let mut record = record(due, status);
                record.comment = format!("Отметка {a}");
                if bad {
                    // A move without its new date, or work done tomorrow.
                    record.moved_to = None;
                    record.status = [TrackStatus::Moved, TrackStatus::Done][c % 2];
                    record.done_on = (c % 2 == 1).then(|| d("2025-05-21"));
                }
                Edit::SetTracking { item, record }
            }
            None => fallback,
        },
        16 => {
            let all = items(p);
            match all.get(a % all.len().max(1)) {
                Some((_, item)) => Edit::ClearTracking {
                    item: item.uid.clone(),
                    due: match item.tracking.len() {
                        0 => d("2025-01-31"),
                        n => item.tracking[b % n].due,
                    },
                },
                None => fallback,
            }
        }
        17 => {
            let mut layout = p.layout.clone();
            layout.roadmap.start = if bad { 0 } else { 1 + (a % 5) as u32 };
            layout.roadmap.items = [
                ItemNumbering::Nested,
                ItemNumbering::NestedDot,
                ItemNumbering::Flat,
                ItemNumbering::FlatDot,
                ItemNumbering::None,
            ][b % 5];
            layout.roadmap.shape = [RoadmapShape::Blocks, RoadmapShape::Flat][c % 2];
            layout.indicators_heading = text(format!("Показатели {c}"), bad);
            Edit::SetLayout { layout }
        }
        // Two or three edits made from the same programme: the later ones
        // may no longer fit after the first (then the whole batch is
        // refused and must change nothing).
        18 => Edit::Batch {
            label: String::new(),
            edits: [a, b, c][..2 + a % 2]
                .iter()
                .enumerate()
                .map(|(n, &x)| {
                    edit_for(
                        p,
                        &Recipe {
                            // Any kind but a batch (18).
                            kind: [(x + n) % 18, 19][(x % 7 == 0) as usize] as u8,
                            a: b.wrapping_add(n),
                            b: c,
                            c: x,
                            bad: bad && n == 1,
                        },
                    )
                })
                .collect(),
        },
        _ => match pick(&uids(p, ListKind::Indicators), a) {
            Some(indicator) => Edit::SetFact {
                indicator,
                year: 2023 + (b % 6) as i32,
                fact: (c % 4 != 0).then(|| (c % 1000) as f64 / 4.0),
            },
            None => fallback,
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(24), ..ProptestConfig::default() })]

    #[test]
    fn random_edits_are_undone_and_redone_exactly(ops in prop::collection::vec(op(), 1..40)) {
        let (_dir, path) = common::temp_db();
        let mut store = Store::open(&path).unwrap();
        let id = store.import(&common::sample()).unwrap();
        // The programme after each accepted edit, with the edit's label;
        // `cur` is where undo and redo stand.
        let mut hist: Vec<(State, Option<String>)> = vec![(common::read(&store, id), None)];
        let mut cur = 0;
        for op in ops {
            match op {
                Op::Edit(recipe) => {
                    let before = common::read(&store, id);
                    let edit = edit_for(&before.0, &recipe);
                    let (rows, size) = (store.row_count().unwrap(), store.undo_history_size(id).unwrap());
                    match store.apply(id, &edit, common::today()) {
                        Ok(_) => {
                            let now = common::read(&store, id);
                            let problems = validate(&now.0);
                            prop_assert!(problems.is_empty(), "{:?} stored an invalid programme: {:?}", edit, problems);
                            hist.truncate(cur + 1);
                            hist.push((now, Some(edit.label())));
                            cur += 1;
                        }
                        Err(e) => {
                            prop_assert!(e.to_string().chars().any(|c| ('а'..='я').contains(&c)), "{}", e);
                            prop_assert_eq!(&common::read(&store, id), &before, "{:?} refused ({}) changed the programme", edit, e);
                            prop_assert_eq!(store.row_count().unwrap(), rows);
                            prop_assert_eq!(store.undo_history_size(id).unwrap(), size);
                        }
                    }
                }
                Op::Undo => {
                    let r = store.undo(id);
                    if cur > 0 {
                        prop_assert!(r.is_ok(), "{:?}", r);
                        cur -= 1;
                        prop_assert_eq!(&common::read(&store, id), &hist[cur].0);
                    } else {
                        prop_assert!(r.is_err());
                    }
                }
                Op::Redo => {
                    let r = store.redo(id);
                    if cur + 1 < hist.len() {
                        prop_assert!(r.is_ok(), "{:?}", r);
                        cur += 1;
                        prop_assert_eq!(&common::read(&store, id), &hist[cur].0);
                    } else {
                        prop_assert!(r.is_err());
                    }
                }
                Op::Reopen => {
                    drop(store);
                    store = Store::open(&path).unwrap();
                }
            }
            let state = store.undo_state(id).unwrap();
            prop_assert_eq!(state.can_undo, hist[cur].1.clone());
            prop_assert_eq!(state.can_redo, hist.get(cur + 1).and_then(|h| h.1.clone()));
        }
        // All the way back, and forward again.
        while cur > 0 {
            store.undo(id).unwrap();
            cur -= 1;
            prop_assert_eq!(&common::read(&store, id), &hist[cur].0);
        }
        while cur + 1 < hist.len() {
            store.redo(id).unwrap();
            cur += 1;
            prop_assert_eq!(&common::read(&store, id), &hist[cur].0);
        }
        prop_assert_eq!(store.integrity_check().unwrap(), "ok");
    }
}

/// The number of cases: PROPTEST_CASES when set (for long runs by hand),
/// else a default sized for CI.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn a_batch_is_one_step_and_a_refused_part_refuses_it_all() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(&common::sample()).unwrap();
    let before = common::read(&store, id);
    let size = store.undo_history_size(id).unwrap();
    let title = Edit::SetTitle {
        title: "Другое название".into(),
    };
    // The second part names an indicator that does not exist.
    let partly_wrong = Edit::Batch {
        label: String::new(),
        edits: vec![
            title.clone(),
            Edit::SetFact {
                indicator: "нет такого".into(),
                year: 2025,
                fact: Some(1.0),
            },
        ],
    };
    assert!(store.apply(id, &partly_wrong, common::today()).is_err());
    let nested = Edit::Batch {
        label: String::new(),
        edits: vec![Edit::Batch {
            label: String::new(),
            edits: vec![title.clone()],
        }],
    };
    let e = store.apply(id, &nested, common::today()).unwrap_err();
    assert!(e.to_string().contains("другой набор"), "{e}");
    let empty = Edit::Batch {
        label: String::new(),
        edits: vec![],
    };
    assert!(store.apply(id, &empty, common::today()).is_err());
    assert_eq!(common::read(&store, id), before);
    assert_eq!(store.undo_history_size(id).unwrap(), size);

    let two = Edit::Batch {
        label: String::new(),
        edits: vec![
            title,
            Edit::SetStatus {
                status: ProgrammeStatus::Draft,
            },
        ],
    };
    let applied = store.apply(id, &two, common::today()).unwrap();
    assert_eq!(applied.undo.can_undo.as_deref(), Some("2 изменения"));
    store.undo(id).unwrap();
    assert_eq!(common::read(&store, id), before);
}
