//! Every kind of edit, its undo and redo, and refused edits that store
//! nothing.

mod common;

use metodist_core::model::*;
use metodist_core::{Edit, ListKind, Store};
use serde_json::json;

fn setup() -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(&common::sample()).unwrap();
    (store, id)
}

#[test]
fn edits_arrive_from_the_interface_as_json() {
    let edit: Edit = serde_json::from_value(json!({
        "op": "put_item",
        "block": "blk-1",
        "at": 0,
        "item": {"activity": "Семинар", "deadline": "Ежегодно, сентябрь"}
    }))
    .unwrap();
    assert!(matches!(edit, Edit::PutItem { at: Some(0), .. }));
    let edit: Edit =
        serde_json::from_value(json!({"op": "move", "list": "items", "uid": "it-1-1", "to": 2}))
            .unwrap();
    assert!(matches!(
        edit,
        Edit::Move {
            list: ListKind::Items,
            ..
        }
    ));
    assert!(serde_json::from_value::<Edit>(json!({"op": "format_disk"})).is_err());
    assert!(
        serde_json::from_value::<Edit>(json!({"op": "set_title", "title": "x", "extra": 1}))
            .is_err()
    );
}

#[test]
fn every_part_of_a_programme_can_be_edited() {
    let (mut store, id) = setup();
    let before = store.load(id).unwrap();
    store
        .apply(
            id,
            &Edit::SetTitle {
                title: "Новое название".into(),
            },
            common::today(),
        )
        .unwrap();
    store
        .apply(
            id,
            &Edit::SetStatus {
                status: ProgrammeStatus::Draft,
            },
            common::today(),
        )
        .unwrap();
    let mut act = before.act.clone().unwrap();
    act.number = None;
    act.date = None;
    act.points.push("Новый пункт.".into());
    store
        .apply(
            id,
            &Edit::SetAct {
                act: Some(act.clone()),
            },
            common::today(),
        )
        .unwrap();
    let mark = AppendixMark {
        style: MarkStyle::Approved,
        number: String::new(),
        issuer_genitive: "администрации района".into(),
    };
    store
        .apply(
            id,
            &Edit::SetAppendix {
                appendix: mark.clone(),
            },
            common::today(),
        )
        .unwrap();
    let row = PassportRow {
        uid: String::new(),
        key: PassportKey::Custom,
        from_data: false,
        label: "Этапы".into(),
        content: vec![TextBlock::Bulleted {
            items: vec!["первый".into(), "второй".into()],
        }],
    };
    let row_uid = store
        .apply(
            id,
            &Edit::PutPassportRow { at: Some(1), row },
            common::today(),
        )
        .unwrap()
        .uid
        .unwrap();
    let task_uid = store
        .apply(
            id,
            &Edit::PutTask {
                at: None,
                task: Task {
                    uid: String::new(),
                    text: "Новая задача".into(),
                },
            },
            common::today(),
        )
        .unwrap()
        .uid
        .unwrap();
    let section = Section {
        uid: String::new(),
        title: "SWOT-анализ".into(),
        body: vec![SectionBlock::Swot {
            strengths: vec!["кадры".into()],
            weaknesses: vec![],
            opportunities: vec!["гранты".into()],
            threats: vec![],
        }],
    };
    store
        .apply(
            id,
            &Edit::PutSection {
                at: Some(0),
                section,
            },
            common::today(),
        )
        .unwrap();
    let mut ind = before.indicators[0].clone();
    ind.values[1].fact = Some(15.5);
    ind.name = "Изменённый показатель".into();
    store
        .apply(
            id,
            &Edit::PutIndicator {
                at: None,
                indicator: ind.clone(),
            },
            common::today(),
        )
        .unwrap();

    let p = store.load(id).unwrap();
    assert_eq!(p.title, "Новое название");
    assert_eq!(p.status, ProgrammeStatus::Draft);
    assert_eq!(p.act, Some(act));
    assert_eq!(p.appendix, mark);
    assert_eq!(p.passport[1].uid, row_uid);
    assert_eq!(p.passport[1].label, "Этапы");
    assert_eq!(p.passport.len(), before.passport.len() + 1);
    assert_eq!(p.tasks.last().unwrap().uid, task_uid);
    assert_eq!(p.sections[0].title, "SWOT-анализ");
    assert_eq!(p.sections[1], before.sections[0]);
    assert_eq!(p.indicators[0], ind, "updated in place, values replaced");
    assert_eq!(p.indicators.len(), before.indicators.len());
}

#[test]
fn undo_and_redo_walk_through_the_edits() {
    let (mut store, id) = setup();
    let v0 = store.load(id).unwrap();
    assert_eq!(store.undo_state(id).unwrap().can_undo, None);
    store
        .apply(
            id,
            &Edit::SetTitle {
                title: "Первое".into(),
            },
            common::today(),
        )
        .unwrap();
    let v1 = store.load(id).unwrap();
    let block = v1.roadmap.blocks[0].uid.clone();
    let applied = store
        .apply(
            id,
            &Edit::Delete {
                list: ListKind::Blocks,
                uid: block,
            },
            common::today(),
        )
        .unwrap();
    assert_eq!(
        applied.undo.can_undo.as_deref(),
        Some("удаление блока дорожной карты")
    );
    assert_eq!(applied.undo.can_redo, None);
    let v2 = store.load(id).unwrap();
    assert_eq!(v2.roadmap.blocks.len(), v1.roadmap.blocks.len() - 1);

    let s = store.undo(id).unwrap();
    assert_eq!(
        store.load(id).unwrap(),
        v1,
        "the block and its items and tracking are back"
    );
    assert_eq!(s.can_undo.as_deref(), Some("название программы"));
    assert_eq!(s.can_redo.as_deref(), Some("удаление блока дорожной карты"));
    store.undo(id).unwrap();
    assert_eq!(store.load(id).unwrap(), v0);
    let e = store.undo(id).unwrap_err();
    assert!(e.to_string().contains("нечего отменить"), "{e}");
    store.redo(id).unwrap();
    store.redo(id).unwrap();
    assert_eq!(store.load(id).unwrap(), v2);
    assert!(store.redo(id).is_err());

    // A new edit after an undo drops the redo branch.
    store.undo(id).unwrap();
    store
        .apply(
            id,
            &Edit::SetTitle {
                title: "Другая ветка".into(),
            },
            common::today(),
        )
        .unwrap();
    assert_eq!(store.undo_state(id).unwrap().can_redo, None);
    assert_eq!(store.load(id).unwrap().roadmap, v1.roadmap);
}

#[test]
fn undo_history_is_bounded() {
    let (mut store, id) = setup();
    for i in 0..(metodist_core::store::UNDO_DEPTH + 20) {
        store
            .apply(
                id,
                &Edit::SetTitle {
                    title: format!("Название {i}"),
                },
                common::today(),
            )
            .unwrap();
    }
    let mut undone = 0;
    while store.undo(id).is_ok() {
        undone += 1;
    }
    assert!(undone <= metodist_core::store::UNDO_DEPTH, "{undone}");
    assert!(undone >= metodist_core::store::UNDO_DEPTH - 1, "{undone}");
}

#[test]
fn a_refused_edit_stores_nothing_and_keeps_the_history() {
    let (mut store, id) = setup();
    store
        .apply(
            id,
            &Edit::SetTitle {
                title: "До ошибки".into(),
            },
            common::today(),
        )
        .unwrap();
    let before = store.load(id).unwrap();
    let undo_before = store.undo_state(id).unwrap();
    // A duplicate uid: the task takes a block's uid.
    let block = before.roadmap.blocks[0].uid.clone();
    let e = store
        .apply(
            id,
            &Edit::PutTask {
                at: None,
                task: Task {
                    uid: block,
                    text: "x".into(),
                },
            },
            common::today(),
        )
        .unwrap_err();
    assert_eq!(e.code(), "edit_invalid", "{e}");
    assert!(e.to_string().contains("повторяется"), "{e}");
    let e = store
        .apply(
            id,
            &Edit::SetYearColumns { years: vec![2019] },
            common::today(),
        )
        .unwrap_err();
    assert_eq!(e.code(), "edit_invalid");
    let e = store
        .apply(
            id,
            &Edit::Move {
                list: ListKind::Tasks,
                uid: "task-1".into(),
                to: 0,
                block: Some("blk-1".into()),
            },
            common::today(),
        )
        .unwrap_err();
    assert_eq!(e.code(), "invalid_edit");
    assert_eq!(store.load(id).unwrap(), before);
    assert_eq!(store.undo_state(id).unwrap(), undo_before);
}

#[test]
fn items_keep_tracking_and_hand_set_schedules_when_their_text_changes() {
    let (mut store, id) = setup();
    let p = store.load(id).unwrap();
    let (_, _, tracked) = p
        .numbered_items()
        .find(|(_, _, i)| !i.tracking.is_empty())
        .unwrap();
    let (_, _, manual) = p
        .numbered_items()
        .find(|(_, _, i)| i.manual_schedule.is_some())
        .unwrap();
    for it in [tracked, manual] {
        store
            .update_item(
                id,
                &it.uid,
                &metodist_core::ItemInput {
                    activity: format!("{} (уточнено)", it.activity),
                    deadline: it.deadline.clone(),
                    ..Default::default()
                },
            )
            .unwrap();
    }
    let after = store.load(id).unwrap();
    let find = |uid: &str| {
        after
            .numbered_items()
            .find(|(_, _, i)| i.uid == uid)
            .unwrap()
            .2
            .clone()
    };
    assert_eq!(find(&tracked.uid).tracking, tracked.tracking);
    assert_eq!(find(&manual.uid).manual_schedule, manual.manual_schedule);
    assert!(find(&tracked.uid).activity.ends_with("(уточнено)"));
}

#[test]
fn a_position_past_the_end_is_refused_with_true_numbers_even_at_usize_max() {
    // Issue #12: `to` = 18446744073709551615 was shown as «позиция 0»
    // (position + 1 wrapped), and would panic in a debug build.
    let (mut store, id) = setup();
    let before = store.load(id).unwrap();
    let blocks = before.roadmap.blocks.len();
    let block = before.roadmap.blocks[0].uid.clone();
    let items = before.roadmap.blocks[0].items.len();
    let item = before.roadmap.blocks[0].items[0].uid.clone();
    let cases = [
        (
            Edit::Move {
                list: ListKind::Blocks,
                uid: block.clone(),
                to: usize::MAX,
                block: None,
            },
            blocks,
        ),
        (
            Edit::Move {
                list: ListKind::Items,
                uid: item.clone(),
                to: usize::MAX,
                block: None,
            },
            items,
        ),
        (
            Edit::PutBlock {
                at: Some(usize::MAX),
                uid: String::new(),
                title: "Новый блок".into(),
            },
            blocks + 1,
        ),
        (
            Edit::Move {
                list: ListKind::Items,
                uid: item.clone(),
                to: items,
                block: None,
            },
            items,
        ),
    ];
    for (edit, last) in cases {
        let err = store.apply(id, &edit, common::today()).unwrap_err();
        assert_eq!(err.code(), "invalid_edit", "{err}");
        let msg = err.to_string();
        assert!(!msg.contains("позиция 0"), "{msg}");
        assert!(msg.contains("за пределами списка"), "{msg}");
        assert!(msg.contains(&format!("от 1 до {last}")), "{edit:?}: {msg}");
    }
    assert_eq!(store.load(id).unwrap(), before, "nothing stored");
}

/// A refused edit says what blocks it in her words: the indicator by its
/// name, never an internal id, and a sentence repeated for many elements
/// once with its count (docs/design.md §6: messages name what to do).
#[test]
fn a_refused_edit_names_the_indicator_and_says_each_reason_once() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(&common::sample()).unwrap();
    let p = store.load(id).unwrap();
    let linked = p
        .indicators
        .iter()
        .find(|i| i.task.is_some())
        .expect("the sample links an indicator to a task");
    let task = linked.task.clone().unwrap();
    let err = store
        .apply(
            id,
            &Edit::Delete {
                list: ListKind::Tasks,
                uid: task.clone(),
            },
            common::today(),
        )
        .unwrap_err();
    let message = err.to_string();
    assert!(!message.contains(&task), "no internal id: {message}");
    let name: String = linked.name.chars().take(30).collect();
    assert!(message.contains(&format!("«{name}")), "{message}");
    assert!(
        message.contains(": сначала отвяжите") && message.contains("или удалите вместе с ней"),
        "{message}"
    );

    // The period cut short by a year: each indicator named once, each
    // sentence once.
    let mut period = p.period;
    period.start = "2025-09".parse().unwrap();
    let err = store
        .apply(id, &Edit::SetPeriod { period }, common::today())
        .unwrap_err();
    let message = err.to_string();
    assert!(message.contains("показатель «"), "{message}");
    let first = p.indicators[0]
        .name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let first: String = first.chars().take(30).collect();
    assert_eq!(message.matches(&first).count(), 1, "{message}");
}
