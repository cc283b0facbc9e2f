//! Built-in templates and the user's own.

mod common;

use chrono::NaiveDate;
use metodist_core::model::{ProgrammeStatus, TextBlock};
use metodist_core::{readiness, Store};
use metodist_schedule::ScheduleKind;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The day the templates' own period (09.2025 – 05.2028) is still ahead.
const BEFORE: &str = "2025-05-10";

#[test]
fn built_in_templates_create_complete_drafts() {
    let mut store = Store::open_in_memory().unwrap();
    let templates = store.list_templates().unwrap();
    let keys: Vec<&str> = templates.iter().map(|t| t.key.as_str()).collect();
    assert_eq!(keys, ["shnor", "network"]);
    assert!(templates[0]
        .name
        .contains("низкими образовательными результатами"));
    assert!(templates[1].name.contains("сетевого взаимодействия"));
    for t in &templates {
        let a = store.create_from_template(&t.key, d(BEFORE)).unwrap();
        let b = store.create_from_template(&t.key, d(BEFORE)).unwrap();
        let (pa, pb) = (store.load(a).unwrap(), store.load(b).unwrap());
        assert_eq!(pa.status, ProgrammeStatus::Draft);
        assert_ne!(pa.uid, pb.uid, "each programme gets its own identity");
        assert_ne!(pa.roadmap.blocks[0].uid, pb.roadmap.blocks[0].uid);
        assert!(
            pa.passport.len() >= 15,
            "{}: every standard passport row",
            t.key
        );
        assert!(pa.indicators.len() >= 5);
        assert!(pa.roadmap.blocks.len() >= 4);
        // Every deadline of a template is understood.
        for s in store.item_schedules(a).unwrap() {
            assert_ne!(
                s.schedule.schedule.kind,
                ScheduleKind::Unknown,
                "{}: {}",
                t.key,
                s.number
            );
        }
        // The guidance left in a template is what readiness reports.
        let gaps = readiness::check(&pa);
        assert!(
            gaps.iter().any(|g| g.message.contains("подсказка")),
            "{gaps:?}"
        );
    }
}

#[test]
fn a_programme_can_be_saved_as_a_template_and_used() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(&common::sample()).unwrap();
    let key = store.save_as_template(id, "  Наш шаблон ШНОР  ").unwrap();
    let list = store.list_templates().unwrap();
    assert_eq!(list.last().unwrap().key, key);
    assert_eq!(list.last().unwrap().name, "Наш шаблон ШНОР");
    assert!(!list.last().unwrap().builtin);
    let new = store.create_from_template(&key, d(BEFORE)).unwrap();
    let p = store.load(new).unwrap();
    assert_eq!(p.title, "Наш шаблон ШНОР");
    assert_eq!(p.item_count(), common::sample().item_count());
    assert!(p.numbered_items().all(|(_, _, i)| i.tracking.is_empty()));
    assert!(p
        .indicators
        .iter()
        .all(|i| i.values.iter().all(|v| v.fact.is_none())));

    assert_eq!(
        store.save_as_template(id, " ").unwrap_err().code(),
        "invalid_edit"
    );
    assert_eq!(
        store.delete_template("shnor").unwrap_err().code(),
        "invalid_edit"
    );
    store.delete_template(&key).unwrap();
    assert_eq!(
        store
            .create_from_template(&key, d(BEFORE))
            .unwrap_err()
            .code(),
        "element_not_found"
    );
    assert_eq!(
        store
            .create_from_template("nonsense", d(BEFORE))
            .unwrap_err()
            .code(),
        "element_not_found"
    );
}

#[test]
fn a_template_used_later_starts_at_the_next_september_with_its_years_moved() {
    let mut store = Store::open_in_memory().unwrap();
    // In May 2025 the template's own period (09.2025 – 05.2028) is still ahead.
    let early_id = store.create_from_template("shnor", d(BEFORE)).unwrap();
    let early = store.load(early_id).unwrap();
    assert_eq!(early.period.start.to_string(), "2025-09");
    // In November 2026 the next September is 2027's: everything moves two years.
    let id = store
        .create_from_template("shnor", d("2026-11-23"))
        .unwrap();
    let p = store.load(id).unwrap();
    assert_eq!(
        (p.period.start.to_string(), p.period.end.to_string()),
        ("2027-09".into(), "2030-05".into())
    );
    // Indicator years, including the base year, move with the period.
    for (a, b) in early.indicators.iter().zip(&p.indicators) {
        assert_eq!(b.base_year, a.base_year.map(|y| y + 2));
        let years = |i: &metodist_core::model::Indicator| {
            i.values.iter().map(|v| v.year).collect::<Vec<_>>()
        };
        assert_eq!(years(b), years(a).iter().map(|y| y + 2).collect::<Vec<_>>());
    }
    // The deadlines' years too, so every one still falls in the period and
    // nothing in a new draft is overdue or untracked.
    let deadlines = |p: &metodist_core::Programme| {
        p.numbered_items()
            .map(|(_, _, i)| i.deadline.clone())
            .collect::<Vec<_>>()
    };
    let (before, after) = (deadlines(&early), deadlines(&p));
    assert!(before.iter().any(|s| s == "до 1 октября 2025 года"));
    assert!(after.iter().any(|s| s == "до 1 октября 2027 года"));
    assert!(before.iter().any(|s| s == "2025–2028 гг."));
    assert!(after.iter().any(|s| s == "2027–2030 гг."));
    assert!(after.iter().any(|s| s == "II полугодие 2028"));
    assert_eq!(common::untracked(&store, id), vec![]);
    let today = common::today_screen(&store, id, d("2026-11-23"));
    assert!(today.today.overdue.is_empty(), "{:?}", today.today.overdue);
    // A year outside the programme's span, the law of 29.12.2012, stays.
    let law = |p: &metodist_core::Programme| {
        p.passport
            .iter()
            .flat_map(|r| &r.content)
            .flat_map(|b| match b {
                TextBlock::Paragraph { text } => vec![text.clone()],
                TextBlock::Numbered { items } | TextBlock::Bulleted { items } => items.clone(),
            })
            .filter(|t| t.contains("29.12.2012"))
            .count()
    };
    assert!(law(&early) > 0);
    assert_eq!(law(&p), law(&early));
}

#[test]
fn a_copy_for_the_next_period_follows_the_old_one() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(&common::sample()).unwrap();
    let old = store.load(id).unwrap();
    let copy_id = store.duplicate_programme(id).unwrap();
    let copy = store.load(copy_id).unwrap();
    // 09.2024 – 05.2027 is followed by 09.2027 – 05.2030.
    assert_eq!(
        (copy.period.start.to_string(), copy.period.end.to_string()),
        ("2027-09".into(), "2030-05".into())
    );
    assert!(old.title.ends_with("на 2024–2027 годы"), "{}", old.title);
    assert!(copy.title.ends_with("на 2027–2030 годы"), "{}", copy.title);
    assert_eq!(copy.status, ProgrammeStatus::Draft);
    let pairs: Vec<(String, String)> = old
        .numbered_items()
        .zip(copy.numbered_items())
        .map(|((_, _, a), (_, _, b))| (a.deadline.clone(), b.deadline.clone()))
        .collect();
    assert!(pairs.contains(&("Сентябрь 2024".into(), "Сентябрь 2027".into())));
    assert!(pairs.contains(&(
        "До 01 февраля 2025 года".into(),
        "До 01 февраля 2028 года".into()
    )));
    assert!(pairs.contains(&("Ежегодно".into(), "Ежегодно".into())));
    // The same items are untracked in both (2.10's «Март, 2023» was a year before
    // the period and still is), and the copy's year columns moved along.
    let numbers = |id| {
        common::untracked(&store, id)
            .into_iter()
            .map(|u| u.number)
            .collect::<Vec<_>>()
    };
    assert_eq!(numbers(copy_id), numbers(id));
    // Each indicator starts from its last fact (the sample has facts for
    // 2024/2025); one without facts keeps its base, a period later.
    for (a, b) in old.indicators.iter().zip(&copy.indicators) {
        let last = a
            .values
            .iter()
            .filter_map(|v| v.fact.map(|f| (v.year, f)))
            .max_by_key(|(y, _)| *y);
        match last {
            Some((year, fact)) => {
                assert_eq!(
                    (b.base_year, b.base_value),
                    (Some(year), Some(fact)),
                    "{}",
                    a.name
                )
            }
            None => assert_eq!(
                (b.base_year, b.base_value),
                (a.base_year.map(|y| y + 3), a.base_value),
                "{}",
                a.name
            ),
        }
        assert!(b.values.iter().all(|v| v.fact.is_none()));
    }
    assert!(
        old.indicators
            .iter()
            .any(|i| i.values.iter().any(|v| v.fact.is_some())),
        "the sample has facts to start from"
    );
    assert_eq!(
        copy.roadmap.year_columns,
        old.roadmap
            .year_columns
            .iter()
            .map(|y| y + 3)
            .collect::<Vec<_>>()
    );
}
