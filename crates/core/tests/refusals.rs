//! Refusals that help (issue #13, items 3 and 4): a refused deletion names
//! the task by number and the indicators by number and name, never an
//! internal id; the two ways out the interface offers (unlink, delete
//! together) and «убрать годы» for a shorter period are each one batch,
//! one step to undo (docs/design.md §2 «Period»).

mod common;

use metodist_core::model::*;
use metodist_core::{Edit, ItemInput, ListKind, Period, Store};

fn setup() -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(&common::sample()).unwrap();
    (store, id)
}

fn delete_task(uid: &str) -> Edit {
    Edit::Delete {
        list: ListKind::Tasks,
        uid: uid.into(),
    }
}

#[test]
fn deleting_a_linked_task_names_it_by_number_and_the_indicators_by_number_and_name() {
    let (mut store, id) = setup();
    let before = store.load(id).unwrap();
    // task-2 is the second task; indicators 5 and 6 are linked to it.
    let linked: Vec<usize> = before
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, i)| i.task.as_deref() == Some("task-2"))
        .map(|(n, _)| n + 1)
        .collect();
    assert_eq!(linked, [5, 6]);
    let err = store
        .apply(id, &delete_task("task-2"), common::today())
        .unwrap_err();
    let message = err.to_string();
    assert!(!message.contains("task-2"), "no internal id: {message}");
    let name5: String = before.indicators[4].name.chars().take(25).collect();
    assert!(
        message.contains("задача 2 связана с показателями 5 «")
            && message.contains(&format!("5 «{name5}"))
            && message.contains("и 6 «"),
        "{message}"
    );
    assert!(
        message.contains("сначала отвяжите их от задачи или удалите вместе с ней"),
        "{message}"
    );
    assert_eq!(err.code(), "invalid_edit");
    assert_eq!(store.load(id).unwrap(), before, "nothing stored");

    // One indicator: «показателем N «…»», «отвяжите его».
    let message = store
        .apply(id, &delete_task("task-3"), common::today())
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("задача 3 связана с показателем 4 «"),
        "{message}"
    );
    assert!(message.contains("отвяжите его от задачи"), "{message}");

    // A task nothing is linked to goes at once.
    store
        .apply(id, &delete_task("task-6"), common::today())
        .unwrap();
    assert_eq!(store.load(id).unwrap().tasks.len(), before.tasks.len() - 1);
}

#[test]
fn unlinking_or_deleting_together_is_one_step_undone_exactly() {
    let (mut store, id) = setup();
    let before = store.load(id).unwrap();
    let linked: Vec<Indicator> = before
        .indicators
        .iter()
        .filter(|i| i.task.as_deref() == Some("task-2"))
        .cloned()
        .collect();
    let unlink = Edit::Batch {
        label: "удаление задачи 2 (показатели отвязаны)".into(),
        edits: linked
            .iter()
            .map(|i| Edit::PutIndicator {
                at: None,
                indicator: Indicator {
                    task: None,
                    ..i.clone()
                },
            })
            .chain([delete_task("task-2")])
            .collect(),
    };
    let applied = store.apply(id, &unlink, common::today()).unwrap();
    assert_eq!(
        applied.undo.can_undo.as_deref(),
        Some("удаление задачи 2 (показатели отвязаны)")
    );
    let after = store.load(id).unwrap();
    assert!(after.tasks.iter().all(|t| t.uid != "task-2"));
    assert_eq!(after.indicators.len(), before.indicators.len());
    assert!(after
        .indicators
        .iter()
        .all(|i| i.task.as_deref() != Some("task-2")));
    store.undo(id).unwrap();
    assert_eq!(store.load(id).unwrap(), before, "one undo restores all");

    let together = Edit::Batch {
        label: "удаление задачи 2 вместе с показателями".into(),
        edits: linked
            .iter()
            .map(|i| Edit::Delete {
                list: ListKind::Indicators,
                uid: i.uid.clone(),
            })
            .chain([delete_task("task-2")])
            .collect(),
    };
    store.apply(id, &together, common::today()).unwrap();
    assert_eq!(
        store.load(id).unwrap().indicators.len(),
        before.indicators.len() - 2
    );
    store.undo(id).unwrap();
    assert_eq!(store.load(id).unwrap(), before);
}

/// What the interface's «убрать годы» sends (ui/src/screens/editor/period.ts):
/// the outside years emptied, the marks outside cleared, then the period.
fn drop_years(p: &Programme, period: Period) -> Edit {
    let (first, last) = (period.start.year(), period.end.year());
    let inside = |y: i32| (first..=last).contains(&y);
    let mut edits = Vec::new();
    for ind in &p.indicators {
        if ind
            .values
            .iter()
            .any(|v| !inside(v.year) && (v.plan.is_some() || v.fact.is_some()))
        {
            let mut kept = ind.clone();
            kept.values.retain(|v| inside(v.year));
            edits.push(Edit::PutIndicator {
                at: None,
                indicator: kept,
            });
        }
    }
    for block in &p.roadmap.blocks {
        for item in &block.items {
            if item
                .per_year
                .iter()
                .any(|c| !inside(c.year) && !c.text.trim().is_empty())
            {
                edits.push(Edit::PutItem {
                    block: block.uid.clone(),
                    at: None,
                    uid: item.uid.clone(),
                    item: ItemInput {
                        activity: item.activity.clone(),
                        deadline: item.deadline.clone(),
                        responsible: item.responsible.clone(),
                        expected_result: item.expected_result.clone(),
                        planned_value: item.planned_value.clone(),
                        per_year: item
                            .per_year
                            .iter()
                            .filter(|c| inside(c.year))
                            .cloned()
                            .collect(),
                    },
                });
            }
            for r in &item.tracking {
                if !period.contains_date(r.due) {
                    edits.push(Edit::ClearTracking {
                        item: item.uid.clone(),
                        due: r.due,
                    });
                }
            }
        }
    }
    edits.push(Edit::SetPeriod { period });
    Edit::Batch {
        label: "период 09.2024–05.2026, убраны данные за 2027".into(),
        edits,
    }
}

#[test]
fn a_shorter_period_with_its_outside_years_dropped_is_one_step_and_undone_exactly() {
    let (mut store, id) = setup();
    let before = store.load(id).unwrap();
    let period = Period {
        start: before.period.start,
        end: "2026-05".parse().unwrap(),
    };
    // Alone, the new period is refused: 2027 still holds plans and texts.
    let refused = store
        .apply(id, &Edit::SetPeriod { period }, common::today())
        .unwrap_err()
        .to_string();
    assert!(refused.contains("2027"), "{refused}");
    assert_eq!(store.load(id).unwrap(), before);

    let applied = store
        .apply(id, &drop_years(&before, period), common::today())
        .unwrap();
    assert_eq!(
        applied.undo.can_undo.as_deref(),
        Some("период 09.2024–05.2026, убраны данные за 2027")
    );
    let after = store.load(id).unwrap();
    assert_eq!(after.period, period);
    assert!(after
        .indicators
        .iter()
        .all(|i| i.values.iter().all(|v| v.year <= 2026)));
    assert!(after.roadmap.year_columns.iter().all(|&y| y <= 2026));
    // Inside the period nothing changed: the 2025 text of item 3.3 stays.
    let kept = &after.roadmap.blocks[2].items[2].per_year;
    assert!(kept.iter().any(|c| c.year == 2025 && c.text == "20 чел."));
    assert_eq!(
        after.indicators[1].values[0],
        before.indicators[1].values[0]
    );

    store.undo(id).unwrap();
    assert_eq!(
        store.load(id).unwrap(),
        before,
        "one undo brings back the period and every dropped value"
    );
}

#[test]
fn an_element_that_is_gone_is_named_in_words_not_by_its_id() {
    let (mut store, id) = setup();
    let err = store
        .apply(id, &delete_task("k18b80d7d6b1302b5-0011"), common::today())
        .unwrap_err();
    let message = err.to_string();
    assert_eq!(err.code(), "element_not_found");
    assert!(!message.contains("k18b80d7d6b1302b5"), "{message}");
    assert!(
        message.starts_with("Этой задачи в программе уже нет"),
        "{message}"
    );
}

#[test]
fn a_reversed_period_names_its_months_as_she_types_them() {
    let (mut store, id) = setup();
    let period = Period {
        start: "2026-09".parse().unwrap(),
        end: "2026-05".parse().unwrap(),
    };
    let message = store
        .apply(id, &Edit::SetPeriod { period }, common::today())
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("конец периода (05.2026) раньше его начала (09.2026)"),
        "{message}"
    );
    assert!(!message.contains("2026-05"), "{message}");
}

/// A passport row that is valid alone but would make the exchange file
/// pass its limit is refused, though an edit of one part is not checked
/// with the whole programme: what can't be exported as a file that imports
/// again is not stored (`edit::check_growth`).
#[test]
fn an_edit_that_would_outgrow_the_exchange_file_is_refused_and_nothing_stored() {
    let (mut store, id) = setup();
    let before = store.load(id).unwrap();
    // Tabs are allowed and take two bytes in JSON («\\t»): 70 lines of a
    // million tabs are 140 MB of file, each line within the text limit.
    let line = "\t".repeat(metodist_core::validate::MAX_TEXT_CHARS);
    let row = PassportRow {
        uid: String::new(),
        key: PassportKey::Custom,
        label: "Приложения".into(),
        content: vec![TextBlock::Bulleted {
            items: vec![line; 70],
        }],
        from_data: false,
        subrows: Vec::new(),
    };
    let err = store
        .apply(id, &Edit::PutPassportRow { at: None, row }, common::today())
        .unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("программа слишком большая") && message.contains("не больше 128 МБ"),
        "{message}"
    );
    assert_eq!(store.load(id).unwrap(), before, "nothing stored");
}
