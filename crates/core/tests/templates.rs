//! Built-in templates and the user's own.

mod common;

use metodist_core::model::ProgrammeStatus;
use metodist_core::{readiness, Store};
use metodist_schedule::ScheduleKind;

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
        let a = store.create_from_template(&t.key).unwrap();
        let b = store.create_from_template(&t.key).unwrap();
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
    let new = store.create_from_template(&key).unwrap();
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
        store.create_from_template(&key).unwrap_err().code(),
        "element_not_found"
    );
    assert_eq!(
        store.create_from_template("nonsense").unwrap_err().code(),
        "element_not_found"
    );
}
