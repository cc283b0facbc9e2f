//! Each item keeps the interpretation of its deadline, recomputed when the
//! deadline or the period changes, unless it was set by hand.

mod common;

use chrono::NaiveDate;
use metodist_core::model::ManualSchedule;
use metodist_core::{generate, ItemInput, Period, Store};
use metodist_schedule::ScheduleKind;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn period(a: &str, b: &str) -> Period {
    Period::new(a.parse().unwrap(), b.parse().unwrap()).unwrap()
}

/// A programme over 2024-09 … 2027-05 with one block and one item.
fn setup(deadline: &str) -> (Store, i64, String) {
    let mut store = Store::open_in_memory().unwrap();
    let mut p = generate::programme(0, 1);
    // Indicator plans would pin the period's years; these tests move it.
    p.indicators.clear();
    let id = store.import(&p).unwrap();
    let block = store.load(id).unwrap().roadmap.blocks[0].uid.clone();
    let item = store
        .add_item(
            id,
            &block,
            None,
            &ItemInput {
                activity: "Мониторинг".into(),
                deadline: deadline.into(),
                ..Default::default()
            },
        )
        .unwrap();
    (store, id, item)
}

#[test]
fn every_imported_item_gets_its_schedule() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(&common::sample()).unwrap();
    let p = store.load(id).unwrap();
    let schedules = store.item_schedules(id).unwrap();
    assert_eq!(schedules.len(), p.item_count());
    for ((number, _, item), s) in p.numbered_items().zip(&schedules) {
        assert_eq!(number, s.number);
        assert_eq!(item.uid, s.item);
        assert_eq!(s.schedule.manual, item.manual_schedule.is_some());
    }
    // The sample holds an unreadable deadline and a hand-set one.
    assert!(schedules
        .iter()
        .any(|s| s.schedule.schedule.kind == ScheduleKind::Unknown));
    assert!(schedules.iter().any(|s| s.schedule.manual));
}

#[test]
fn editing_the_deadline_recomputes_the_schedule() {
    let (mut store, id, item) = setup("Март 2025");
    let s = &store.item_schedules(id).unwrap()[0].schedule;
    assert_eq!(s.schedule.due, [d("2025-03-31")]);
    store
        .update_item(
            id,
            &item,
            &ItemInput {
                activity: "Мониторинг".into(),
                deadline: "Ежегодно, сентябрь".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let s = &store.item_schedules(id).unwrap()[0].schedule;
    assert_eq!(
        s.schedule.due,
        [d("2024-09-30"), d("2025-09-30"), d("2026-09-30")]
    );
}

#[test]
fn changing_the_period_recomputes_all_but_hand_set_schedules() {
    let (mut store, id, item) = setup("Ежегодно, сентябрь");
    let block = store.load(id).unwrap().roadmap.blocks[0].uid.clone();
    let manual_item = store
        .add_item(
            id,
            &block,
            None,
            &ItemInput {
                activity: "ГИА".into(),
                deadline: "в дни ГИА".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let manual = ManualSchedule {
        due: vec![d("2025-06-30"), d("2026-06-30")],
        active: vec!["2025-06".parse().unwrap(), "2026-06".parse().unwrap()],
    };
    store
        .set_manual_schedule(id, &manual_item, Some(&manual))
        .unwrap();
    assert!(store.item_schedules(id).unwrap()[1].schedule.manual);

    store.set_period(id, period("2025-01", "2025-12")).unwrap();
    let all = store.item_schedules(id).unwrap();
    assert_eq!(all[0].item, item);
    assert_eq!(all[0].schedule.schedule.due, [d("2025-09-30")]);
    assert!(all[1].schedule.manual, "the hand-set schedule is kept");
    assert_eq!(
        all[1].schedule.schedule.due,
        [d("2025-06-30")],
        "clipped to the period"
    );
    // The override itself is unchanged, so widening the period restores it.
    store.set_period(id, period("2024-09", "2027-05")).unwrap();
    let all = store.item_schedules(id).unwrap();
    assert_eq!(all[1].schedule.schedule.due, manual.due);

    // Back to the interpretation of the text.
    store.set_manual_schedule(id, &manual_item, None).unwrap();
    let all = store.item_schedules(id).unwrap();
    assert!(!all[1].schedule.manual);
    assert_eq!(all[1].schedule.schedule.kind, ScheduleKind::Unknown);
}

#[test]
fn a_hand_set_date_outside_the_period_or_a_reversed_period_is_refused() {
    let (mut store, id, item) = setup("Март 2025");
    let bad = ManualSchedule {
        due: vec![d("2030-01-31")],
        active: vec![],
    };
    let e = store
        .set_manual_schedule(id, &item, Some(&bad))
        .unwrap_err();
    assert_eq!(e.code(), "invalid_edit");
    assert!(e.to_string().contains("31.01.2030"), "{e}");
    let reversed = Period {
        start: "2026-01".parse().unwrap(),
        end: "2025-01".parse().unwrap(),
    };
    assert_eq!(
        store.set_period(id, reversed).unwrap_err().code(),
        "invalid_edit"
    );
    assert!(!store.item_schedules(id).unwrap()[0].schedule.manual);
}

#[test]
fn a_period_that_would_orphan_indicator_plans_is_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(&generate::programme(3, 1)).unwrap();
    let before = store.load(id).unwrap();
    let e = store
        .set_period(id, period("2025-01", "2025-12"))
        .unwrap_err();
    assert_eq!(e.code(), "edit_invalid");
    assert!(
        e.to_string().contains("год 2024 вне периода программы"),
        "{e}"
    );
    assert_eq!(store.load(id).unwrap(), before, "nothing changed");
}

#[test]
fn a_new_period_drops_empty_years_and_adds_columns() {
    let mut store = Store::open_in_memory().unwrap();
    let mut p = generate::programme(2, 1);
    for ind in &mut p.indicators {
        for v in &mut ind.values {
            if v.year == 2024 {
                v.plan = None;
                v.fact = None;
            }
        }
    }
    p.roadmap.year_columns = vec![2024, 2025, 2026, 2027];
    for b in &mut p.roadmap.blocks {
        for i in &mut b.items {
            i.tracking.clear();
        }
    }
    let id = store.import(&p).unwrap();
    store.set_period(id, period("2025-01", "2028-12")).unwrap();
    let after = store.load(id).unwrap();
    assert!(after
        .indicators
        .iter()
        .all(|i| i.values.iter().all(|v| v.year >= 2025)));
    assert_eq!(after.indicators[0].values.len(), 3, "2025–2027 kept");
    assert_eq!(after.roadmap.year_columns, [2025, 2026, 2027, 2028]);

    // A tracked due date outside the new period stops the change.
    let tracked = store.import(&generate::programme(9, 2)).unwrap();
    let e = store
        .set_period(tracked, period("2025-01", "2027-12"))
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("отметка о выполнении за срок 31.12.2024"),
        "{e}"
    );
}
