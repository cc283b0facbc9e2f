//! Tracking edits, due dates and the effectiveness figures, checked against
//! a calculation done by hand.

mod common;

use chrono::NaiveDate;
use metodist_core::effectiveness::{Method, Rating, Standard};
use metodist_core::model::*;
use metodist_core::{generate, Edit, ItemInput, Period, Store};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn record(due: &str, status: TrackStatus, done_on: Option<&str>) -> TrackingRecord {
    TrackingRecord {
        due: d(due),
        status,
        done_on: done_on.map(d),
        moved_to: None,
        comment: String::new(),
        evidence: String::new(),
    }
}

/// Period 2023-01 … 2023-12; three indicators; four items:
/// 1.1 «Ежеквартально» (4 dues), 1.2 «Март 2023», 1.3 «Ежемесячно» (12),
/// 1.4 «по заявке» (none).
fn setup() -> (Store, i64, Vec<String>) {
    let mut store = Store::open_in_memory().unwrap();
    let mut p = generate::programme(0, 1);
    p.period = Period::new("2023-01".parse().unwrap(), "2023-12".parse().unwrap()).unwrap();
    p.roadmap.year_columns.clear();
    p.indicators = vec![
        Indicator {
            uid: "a".into(),
            name: "Доля успевающих".into(),
            unit: "%".into(),
            direction: Direction::Increase,
            base_value: Some(60.0),
            base_year: Some(2022),
            task: None,
            values: vec![YearValue {
                year: 2023,
                plan: Some(80.0),
                fact: Some(72.0),
            }],
        },
        Indicator {
            uid: "b".into(),
            name: "Доля не сдавших ОГЭ".into(),
            unit: "%".into(),
            direction: Direction::Decrease,
            base_value: Some(12.0),
            base_year: Some(2022),
            task: None,
            values: vec![YearValue {
                year: 2023,
                plan: Some(8.0),
                fact: Some(10.0),
            }],
        },
        Indicator {
            uid: "c".into(),
            name: "Число договоров".into(),
            unit: "ед.".into(),
            direction: Direction::Increase,
            base_value: Some(0.0),
            base_year: Some(2022),
            task: None,
            values: vec![YearValue {
                year: 2023,
                plan: Some(3.0),
                fact: Some(4.0),
            }],
        },
    ];
    let id = store.import(&p).unwrap();
    let items = ["Ежеквартально", "Март 2023", "Ежемесячно", "по заявке"]
        .map(|deadline| add_item(&mut store, id, deadline))
        .to_vec();
    (store, id, items)
}

/// Adds an item with `deadline` at the end of the first block; returns its uid.
fn add_item(store: &mut Store, id: i64, deadline: &str) -> String {
    let block = store.load(id).unwrap().roadmap.blocks[0].uid.clone();
    let input = ItemInput {
        activity: format!("Мероприятие «{deadline}»"),
        deadline: deadline.into(),
        responsible: "ИМЦ".into(),
        ..Default::default()
    };
    store.add_item(id, &block, None, &input).unwrap()
}

#[test]
fn effectiveness_matches_the_hand_calculation() {
    let (mut store, id, items) = setup();
    let set = |store: &mut Store, item: &str, r: TrackingRecord| {
        store
            .apply(
                id,
                &Edit::SetTracking {
                    item: item.into(),
                    record: r,
                },
                common::today(),
            )
            .unwrap();
    };
    // 1.1: 4 of 4 quarters done (one late) → counts as done.
    for (due, status) in [
        ("2023-03-31", TrackStatus::Done),
        ("2023-06-30", TrackStatus::Done),
        ("2023-09-30", TrackStatus::DoneLate),
        ("2023-12-31", TrackStatus::Done),
    ] {
        set(
            &mut store,
            &items[0],
            record(due, status, Some("2023-03-01")),
        );
    }
    // 1.2: not done.
    set(
        &mut store,
        &items[1],
        record("2023-03-31", TrackStatus::NotDone, None),
    );
    // 1.3: 11 of 12 months done = 91.7 % ≥ 90 % → counts as done.
    for m in 1..=11 {
        let last = metodist_core::YearMonth::new(2023, m).unwrap().last_day();
        set(
            &mut store,
            &items[2],
            record(&last.to_string(), TrackStatus::Done, Some("2023-01-31")),
        );
    }
    let p = store.load(id).unwrap();
    let entries = common::due_entries(&store, id);
    assert_eq!(entries.len(), 4 + 1 + 12, "«по заявке» has no due dates");
    let e = Standard.evaluate(
        &p,
        &entries,
        d("2023-01-01"),
        d("2023-12-31"),
        d("2024-01-15"),
    );

    // By hand: СД(a) = 72 / 80 = 0.9; СД(b) = 8 / 10 = 0.8 (lower is better);
    // СД(c) = min(4 / 3, 1) = 1. Goals = (0.9 + 0.8 + 1) / 3 = 0.9.
    let degrees: Vec<f64> = e.indicators.iter().map(|s| s.degree.unwrap()).collect();
    assert_eq!(degrees, [0.9, 0.8, 1.0]);
    assert!((e.goals.unwrap() - 0.9).abs() < 1e-12);
    // Activities: items due 1.1, 1.2, 1.3; done 1.1 and 1.3 → 2 / 3.
    assert_eq!((e.items_done, e.items_due), (2, 3));
    assert!((e.activities.unwrap() - 2.0 / 3.0).abs() < 1e-12);
    // Overall = (0.9 + 0.6667) / 2 = 0.7833 → satisfactory (≥ 0.70, < 0.80).
    assert!((e.overall.unwrap() - (0.9 + 2.0 / 3.0) / 2.0).abs() < 1e-12);
    assert_eq!(e.rating, Some(Rating::Satisfactory));

    // The first half-year alone: 1.1 has 2 dues, both done; 1.2 not done;
    // 1.3 has 6, all done → 2 / 3 again, and the 2023 indicators count.
    let h1 = Standard.evaluate(
        &p,
        &entries,
        d("2023-01-01"),
        d("2023-06-30"),
        d("2024-01-15"),
    );
    assert_eq!((h1.items_done, h1.items_due), (2, 3));

    // Over the year: 1.2 (not done) and 1.3's December (no record) are
    // overdue on 15.01.2024.
    assert_eq!(e.overdue, 2);
    // Made on 15.03.2023, the same year counts only what was due by then:
    // 1.3's January and February, both done; 1.1 and 1.2 are due on 31.03,
    // not yet owed, so nothing is overdue.
    let march = Standard.evaluate(
        &p,
        &entries,
        d("2023-01-01"),
        d("2023-12-31"),
        d("2023-03-15"),
    );
    assert_eq!(march.as_of, d("2023-03-15"));
    assert_eq!(
        (march.items_done, march.items_due, march.overdue),
        (1, 1, 0)
    );
    assert_eq!((h1.items_done, h1.items_due), (2, 3));
}

#[test]
fn facts_and_tracking_are_edited_and_undone_like_everything_else() {
    let (mut store, id, items) = setup();
    store
        .apply(
            id,
            &Edit::SetFact {
                indicator: "a".into(),
                year: 2023,
                fact: Some(79.5),
            },
            common::today(),
        )
        .unwrap();
    let p = store.load(id).unwrap();
    assert_eq!(p.indicators[0].values[0].fact, Some(79.5));
    assert_eq!(
        p.indicators[0].values[0].plan,
        Some(80.0),
        "the plan is kept"
    );
    let mut moved = record("2023-03-31", TrackStatus::Moved, None);
    moved.moved_to = Some(d("2023-05-15"));
    moved.comment = "Перенесено по приказу".into();
    store
        .apply(
            id,
            &Edit::SetTracking {
                item: items[1].clone(),
                record: moved,
            },
            common::today(),
        )
        .unwrap();
    let due: Vec<(NaiveDate, TrackStatus)> = common::due_entries(&store, id)
        .into_iter()
        .filter(|e| e.item == items[1])
        .map(|e| (e.due, e.status))
        .collect();
    assert_eq!(
        due,
        [
            (d("2023-03-31"), TrackStatus::Moved),
            (d("2023-05-15"), TrackStatus::Planned)
        ]
    );
    store.undo(id).unwrap();
    assert!(store.load(id).unwrap().roadmap.blocks[0].items[1]
        .tracking
        .is_empty());
    store
        .apply(
            id,
            &Edit::ClearTracking {
                item: items[1].clone(),
                due: d("2023-03-31"),
            },
            common::today(),
        )
        .unwrap();
}

#[test]
fn impossible_done_dates_and_facts_are_refused_and_store_nothing() {
    let (mut store, id, items) = setup();
    let before = store.load(id).unwrap();
    let future = record("2023-03-31", TrackStatus::Done, Some("2099-01-01"));
    let e = store
        .apply(
            id,
            &Edit::SetTracking {
                item: items[1].clone(),
                record: future,
            },
            common::today(),
        )
        .unwrap_err();
    assert!(e.to_string().contains("01.01.2099 ещё не наступила"), "{e}");
    let early = record("2023-03-31", TrackStatus::Done, Some("2022-12-31"));
    let e = store
        .apply(
            id,
            &Edit::SetTracking {
                item: items[1].clone(),
                record: early,
            },
            common::today(),
        )
        .unwrap_err();
    assert!(e.to_string().contains("раньше начала программы"), "{e}");
    let e = store
        .apply(
            id,
            &Edit::SetFact {
                indicator: "a".into(),
                year: 2023,
                fact: Some(f64::NAN),
            },
            common::today(),
        )
        .unwrap_err();
    assert!(e.to_string().contains("числом"), "{e}");
    let e = store
        .apply(
            id,
            &Edit::SetFact {
                indicator: "a".into(),
                year: 2031,
                fact: Some(1.0),
            },
            common::today(),
        )
        .unwrap_err();
    assert_eq!(e.code(), "edit_invalid", "{e}");
    let moved_without_date = record("2023-03-31", TrackStatus::Moved, None);
    let e = store
        .apply(
            id,
            &Edit::SetTracking {
                item: items[1].clone(),
                record: moved_without_date,
            },
            common::today(),
        )
        .unwrap_err();
    assert!(e.to_string().contains("новая дата"), "{e}");
    assert_eq!(store.load(id).unwrap(), before);
}

#[test]
fn items_without_a_due_date_in_the_period_are_listed_with_the_reason() {
    use metodist_core::tracking::UntrackedReason::*;
    let (mut store, id, items) = setup();
    let mut add = |deadline: &str| add_item(&mut store, id, deadline);
    let unknown = add("по итогам года");
    let typo = add("Март, 2021");
    let empty = add("  ");
    let may = add("май");
    let listed = |store: &Store| {
        common::untracked(store, id)
            .into_iter()
            .map(|u| (u.item, u.reason))
            .collect::<Vec<_>>()
    };
    // «по заявке» (items[3]) has no dates on purpose and is not listed.
    assert_eq!(
        listed(&store),
        vec![
            (unknown.clone(), Unrecognized),
            (typo.clone(), OutsidePeriod),
            (empty.clone(), Missing),
        ]
    );
    let first = &common::untracked(&store, id)[0];
    let p = store.load(id).unwrap();
    let position = p.roadmap.blocks[0]
        .items
        .iter()
        .position(|i| i.uid == unknown)
        .unwrap();
    assert_eq!(first.number, format!("1.{}", position + 1));
    assert_eq!(first.deadline, "по итогам года");

    // The app's «Сегодня» gets the same list with the day's lists, from one reading.
    let screen = common::today_screen(&store, id, d("2023-10-01"));
    assert_eq!(screen.untracked, common::untracked(&store, id));
    assert_eq!(
        screen.today,
        metodist_core::tracking::today(
            &store.load(id).unwrap(),
            &common::due_entries(&store, id),
            d("2023-10-01")
        )
    );

    // September to December: «Март 2023» now lies outside, and May never comes.
    store
        .set_period(
            id,
            Period::new("2023-09".parse().unwrap(), "2023-12".parse().unwrap()).unwrap(),
        )
        .unwrap();
    assert_eq!(
        listed(&store),
        vec![
            (items[1].clone(), OutsidePeriod),
            (unknown.clone(), Unrecognized),
            (typo.clone(), OutsidePeriod),
            (empty.clone(), Missing),
            (may.clone(), NoneInPeriod),
        ]
    );

    // Months set by hand are the user's answer: the item is tracked.
    let manual = ManualSchedule {
        active: vec!["2023-12".parse().unwrap()],
        due: vec![d("2023-12-31")],
    };
    store
        .set_manual_schedule(id, &unknown, Some(&manual))
        .unwrap();
    assert!(!listed(&store).iter().any(|(uid, _)| *uid == unknown));
    assert!(common::due_entries(&store, id)
        .iter()
        .any(|e| e.item == unknown && e.due == d("2023-12-31")));
}

#[test]
fn the_month_lists_what_is_due_and_what_is_under_way_without_a_date_in_it() {
    let (mut store, id, items) = setup();
    let mut add = |deadline: &str| add_item(&mut store, id, deadline);
    let spring = add("Январь – март 2023");
    let year = add("в течение года");
    let p = store.load(id).unwrap();
    let generated: Vec<&str> = p.roadmap.blocks[0]
        .items
        .iter()
        .map(|i| i.uid.as_str())
        .filter(|uid| !items.iter().any(|x| x == uid) && *uid != spring && *uid != year)
        .collect();

    let items_of = |m: &str| {
        let screen = common::month_screen(&store, id, m.parse().unwrap());
        let due: Vec<String> = screen.due.iter().map(|e| e.item.clone()).collect();
        let under_way: Vec<(String, Option<NaiveDate>)> = screen
            .under_way
            .into_iter()
            .filter(|u| !generated.contains(&u.item.as_str()))
            .map(|u| (u.item, u.next_due))
            .collect();
        (due, under_way)
    };

    // February: the spring item is under way (due 31.03), «в течение года»
    // too (due 31.12); «Ежемесячно» is due, so it is not listed again.
    let (due, under_way) = items_of("2023-02");
    assert!(due.contains(&items[2]), "monthly is due in February");
    assert_eq!(
        under_way,
        vec![
            (spring.clone(), Some(d("2023-03-31"))),
            (year.clone(), Some(d("2023-12-31"))),
        ]
    );
    // March: the spring item is due, no longer merely under way.
    let (due, under_way) = items_of("2023-03");
    assert!(due.contains(&spring));
    assert_eq!(under_way, vec![(year.clone(), Some(d("2023-12-31")))]);
    // December: «в течение года» is due; nothing is left under way.
    let (due, under_way) = items_of("2023-12");
    assert!(due.contains(&year));
    assert_eq!(under_way, vec![]);
    // The due list is the month's entries, as before.
    let screen = common::month_screen(&store, id, "2023-06".parse().unwrap());
    assert_eq!(
        screen.due,
        metodist_core::tracking::in_month(
            &common::due_entries(&store, id),
            "2023-06".parse().unwrap()
        )
    );
}
