//! Approved editions (issue #17, docs/design.md §4a): approving freezes the
//! programme whole, later edits are the draft on top of it, and every
//! edition reads back exactly as it was approved.

mod common;

use chrono::NaiveDate;
use metodist_core::model::*;
use metodist_core::store::amendable_content;
use metodist_core::{Edit, ItemInput, Store};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The sample as a draft whose act is not signed yet.
fn draft() -> Programme {
    let mut p = common::sample();
    p.status = ProgrammeStatus::Draft;
    let act = p.act.as_mut().unwrap();
    act.date = None;
    act.number = None;
    p
}

fn setup() -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(&draft()).unwrap();
    (store, id)
}

/// The draft as stored (the import keeps every part as given).
fn draft_in(store: &Store, id: i64) -> Programme {
    let mut p = draft();
    p.uid = store.load(id).unwrap().uid;
    p
}

fn today() -> NaiveDate {
    common::today()
}

fn move_deadline(store: &mut Store, id: i64, uid: &str, deadline: &str) {
    let p = store.load(id).unwrap();
    let item = p
        .roadmap
        .blocks
        .iter()
        .flat_map(|b| &b.items)
        .find(|i| i.uid == uid)
        .unwrap()
        .clone();
    let input = ItemInput {
        activity: item.activity,
        deadline: deadline.into(),
        responsible: item.responsible,
        expected_result: item.expected_result,
        planned_value: item.planned_value,
        per_year: item.per_year,
    };
    let edit = Edit::PutItem {
        block: String::new(),
        at: None,
        uid: uid.into(),
        item: input,
    };
    store.apply(id, &edit, today()).unwrap();
}

#[test]
fn approve_edit_approve_again_and_every_edition_reads_back_as_it_was() {
    let (mut store, id) = setup();
    assert!(store.editions(id).unwrap().is_empty());
    assert!(store.last_edition(id).unwrap().is_none());

    let first = store
        .approve(id, d("2024-08-28"), " 412 ", today())
        .unwrap();
    assert_eq!(first.seq, 1);
    assert_eq!(first.act.kind, ActKind::Decree);
    assert_eq!(first.act.number, "412");
    // The first approval signs the approving act and marks the programme.
    let approved = store.load(id).unwrap();
    assert_eq!(approved.status, ProgrammeStatus::Approved);
    let act = approved.act.as_ref().unwrap();
    assert_eq!(act.date, Some(d("2024-08-28")));
    assert_eq!(act.number.as_deref(), Some("412"));
    assert_eq!(store.edition(id, 1).unwrap().programme, approved);
    assert!(!store.changed_since_approval(id).unwrap());

    // The amendment's draft: a moved deadline, a new item, a passport row
    // rewritten, an indicator's plan changed.
    move_deadline(&mut store, id, "it-1-3", "Январь – июнь 2025");
    let block = approved.roadmap.blocks[1].uid.clone();
    store
        .add_item(
            id,
            &block,
            None,
            &ItemInput {
                activity: "Семинар для заместителей директоров".into(),
                deadline: "Ноябрь 2025".into(),
                ..ItemInput::default()
            },
        )
        .unwrap();
    let mut row = approved.passport_row(PassportKey::Funding).unwrap().clone();
    row.content = vec![TextBlock::Paragraph {
        text: "Без дополнительного финансирования.".into(),
    }];
    store
        .apply(id, &Edit::PutPassportRow { at: None, row }, today())
        .unwrap();
    let mut ind = approved.indicators[0].clone();
    ind.values[2].plan = Some(5.0);
    store
        .apply(
            id,
            &Edit::PutIndicator {
                at: None,
                indicator: ind,
            },
            today(),
        )
        .unwrap();
    assert!(store.changed_since_approval(id).unwrap());
    // The edition in force did not move with the draft.
    assert_eq!(store.edition(id, 1).unwrap().programme, approved);

    let second = store.approve(id, d("2025-05-15"), "97", today()).unwrap();
    assert_eq!(second.seq, 2);
    let amended = store.load(id).unwrap();
    // An amendment leaves the approving act as it was signed.
    assert_eq!(amended.act, approved.act);
    assert_ne!(amended, approved);

    let list = store.editions(id).unwrap();
    assert_eq!(
        list.iter()
            .map(|e| (e.seq, e.act.number.as_str(), e.act.date, e.in_force))
            .collect::<Vec<_>>(),
        vec![
            (1, "412", d("2024-08-28"), false),
            (2, "97", d("2025-05-15"), true)
        ]
    );
    assert_eq!(store.edition(id, 1).unwrap().programme, approved);
    assert_eq!(store.edition(id, 2).unwrap().programme, amended);
    assert_eq!(store.last_edition(id).unwrap().unwrap().programme, amended);

    let err = store.edition(id, 3).unwrap_err();
    assert_eq!(err.code(), "edition_not_found");
    assert!(err.to_string().contains("нет редакции № 3"), "{err}");
}

#[test]
fn editions_survive_reopening_the_database_file() {
    let (_dir, path) = common::temp_db();
    let id = {
        let mut store = Store::open(&path).unwrap();
        let id = store.import(&draft()).unwrap();
        store.approve(id, d("2024-08-28"), "412", today()).unwrap();
        move_deadline(&mut store, id, "it-1-3", "Январь – июнь 2025");
        id
    };
    let store = Store::open(&path).unwrap();
    let first = store.edition(id, 1).unwrap();
    assert_eq!(first.act.number, "412");
    let deadline = |p: &Programme| p.roadmap.blocks[0].items[2].deadline.clone();
    assert_eq!(deadline(&first.programme), "Январь – март 2025");
    assert_eq!(deadline(&store.load(id).unwrap()), "Январь – июнь 2025");
    assert!(store.changed_since_approval(id).unwrap());
}

#[test]
fn an_approval_is_refused_in_russian_and_writes_nothing() {
    let (mut store, id) = setup();
    let rows = store.row_count().unwrap();
    let refusal = |r: metodist_core::Result<metodist_core::store::EditionSummary>| {
        let e = r.unwrap_err();
        assert_eq!(e.code(), "approve_refused", "{e}");
        e.to_string()
    };
    let m = refusal(store.approve(id, d("2024-08-28"), "  ", today()));
    assert!(m.contains("не указан номер акта"), "{m}");
    let m = refusal(store.approve(id, d("2025-05-21"), "1", today()));
    assert!(m.contains("дата акта 21.05.2025 ещё не наступила"), "{m}");
    assert_eq!(store.row_count().unwrap(), rows);
    assert_eq!(store.load(id).unwrap(), draft_in(&store, id));
    assert_eq!(store.load(id).unwrap().status, ProgrammeStatus::Draft);

    store.approve(id, d("2024-08-28"), "412", today()).unwrap();
    let rows = store.row_count().unwrap();
    // Nothing changed since.
    let m = refusal(store.approve(id, d("2025-01-10"), "5", today()));
    assert_eq!(store.row_count().unwrap(), rows);
    assert_eq!(
        m,
        "Редакция не утверждена: с утверждения редакции № 1 (постановлением от 28.08.2024 № 412) программа не менялась, утверждать нечего."
    );
    // Marking work done and recording a fact is execution, not an amendment.
    let record = TrackingRecord {
        due: d("2025-03-31"),
        status: TrackStatus::Done,
        done_on: Some(d("2025-03-20")),
        moved_to: None,
        comment: String::new(),
        evidence: String::new(),
    };
    store
        .apply(
            id,
            &Edit::SetTracking {
                item: "it-3-4".into(),
                record,
            },
            today(),
        )
        .unwrap();
    store
        .apply(
            id,
            &Edit::SetFact {
                indicator: "ind-1".into(),
                year: 2025,
                fact: Some(13.0),
            },
            today(),
        )
        .unwrap();
    assert!(!store.changed_since_approval(id).unwrap());
    refusal(store.approve(id, d("2025-01-10"), "5", today()));
    // An amendment dated before the edition in force.
    move_deadline(&mut store, id, "it-1-3", "Январь – июнь 2025");
    let m = refusal(store.approve(id, d("2024-08-01"), "5", today()));
    assert!(
        m.contains("дата акта 01.08.2024 раньше даты действующей редакции"),
        "{m}"
    );
    assert_eq!(store.editions(id).unwrap().len(), 1);

    // A programme without an act cannot be approved.
    let mut bare = draft();
    bare.uid = "bare".into();
    bare.act = None;
    let bare = store.import(&bare).unwrap();
    let m = refusal(store.approve(bare, d("2024-08-28"), "1", today()));
    assert!(m.contains("нет утверждающего акта"), "{m}");
}

#[test]
fn an_approval_clears_the_undo_history_and_is_not_undone() {
    let (mut store, id) = setup();
    move_deadline(&mut store, id, "it-1-3", "Январь – июнь 2025");
    assert!(store.undo_state(id).unwrap().can_undo.is_some());
    store.approve(id, d("2024-08-28"), "412", today()).unwrap();
    let state = store.undo_state(id).unwrap();
    assert_eq!(state.can_undo, None);
    assert_eq!(state.can_redo, None);
    let e = store.undo(id).unwrap_err();
    assert!(e.to_string().contains("нечего отменить"), "{e}");
    // Edits after it are undone as usual, back to the approved state.
    move_deadline(&mut store, id, "it-1-3", "Январь – сентябрь 2025");
    store.undo(id).unwrap();
    assert!(!store.changed_since_approval(id).unwrap());
}

#[test]
fn a_mistaken_approval_is_withdrawn_while_nothing_changed_since() {
    let (mut store, id) = setup();
    let before = store.load(id).unwrap();
    store.approve(id, d("2024-08-28"), "421", today()).unwrap();
    let withdrawn = store.withdraw_last_edition(id).unwrap();
    assert_eq!(withdrawn.act.number, "421");
    assert!(store.editions(id).unwrap().is_empty());
    // Back to the draft with its act unsigned, as before the approval.
    assert_eq!(store.load(id).unwrap(), before);
    store.approve(id, d("2024-08-28"), "412", today()).unwrap();

    move_deadline(&mut store, id, "it-1-3", "Январь – июнь 2025");
    let e = store.withdraw_last_edition(id).unwrap_err();
    assert_eq!(e.code(), "approve_refused");
    assert!(e.to_string().contains("уже изменена"), "{e}");
    store.approve(id, d("2025-05-15"), "97", today()).unwrap();
    let amended = store.load(id).unwrap();
    store.withdraw_last_edition(id).unwrap();
    // Withdrawing an amendment leaves its changes in the draft.
    assert_eq!(store.load(id).unwrap(), amended);
    assert!(store.changed_since_approval(id).unwrap());
    assert_eq!(store.editions(id).unwrap().len(), 1);
}

#[test]
fn a_stored_edition_is_never_changed() {
    let (_dir, path) = common::temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = store.import(&draft()).unwrap();
    store.approve(id, d("2024-08-28"), "412", today()).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let e = conn
        .execute(
            "UPDATE edition SET act_number = '1' WHERE programme_id = ?1",
            [id],
        )
        .unwrap_err();
    assert!(e.to_string().contains("never changed"), "{e}");
}

#[test]
fn execution_data_is_not_part_of_what_an_amendment_compares() {
    let p = common::sample();
    let mut q = p.clone();
    q.roadmap.blocks[0].items[0].tracking.clear();
    q.indicators[0].values[0].fact = Some(99.0);
    assert_ne!(p, q);
    assert_eq!(amendable_content(&p), amendable_content(&q));
    q.indicators[0].values[0].plan = Some(1.0);
    assert_ne!(amendable_content(&p), amendable_content(&q));
}

// ------------------------------------------------ the exchange file (v3)

use metodist_core::exchange;

/// The sample's JSON with `version` set and `edit` applied.
fn sample_json(version: u32, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    common::sample_json_with(|v| {
        v["version"] = serde_json::json!(version);
        edit(v);
    })
}

#[test]
fn an_approved_version_1_or_2_file_reads_as_one_edition_and_a_draft_as_none() {
    for version in [1, 2] {
        let doc = exchange::read_document(&sample_json(version, |_| {})).unwrap();
        assert_eq!(doc.editions.len(), 1, "version {version}");
        let e = &doc.editions[0];
        assert_eq!(e.seq, 1);
        assert_eq!(e.act.kind, ActKind::Decree);
        assert_eq!(e.act.date, d("2024-08-28"));
        assert_eq!(e.act.number, "412");
        assert_eq!(e.programme, doc.programme);

        let draft = exchange::read_document(&sample_json(version, |v| {
            v["programme"]["status"] = serde_json::json!("draft");
        }))
        .unwrap();
        assert!(draft.editions.is_empty());
        // Approved, but the act not signed: no edition either.
        let unsigned = exchange::read_document(&sample_json(version, |v| {
            v["programme"]["act"]["number"] = serde_json::Value::Null;
        }))
        .unwrap();
        assert!(unsigned.editions.is_empty());
    }
    // A version 3 file says it itself: no `editions`, none.
    let v3 = exchange::read_document(&sample_json(3, |_| {})).unwrap();
    assert!(v3.editions.is_empty());
    // Imported, the implied edition is stored and nothing is a change.
    let mut store = Store::open_in_memory().unwrap();
    let doc = exchange::read_document(&sample_json(1, |_| {})).unwrap();
    let id = store.import_document(&doc).unwrap();
    assert_eq!(store.editions(id).unwrap().len(), 1);
    assert!(!store.changed_since_approval(id).unwrap());
}

#[test]
fn version_3_carries_every_edition_through_export_and_import() {
    let (mut store, id) = setup();
    store.approve(id, d("2024-08-28"), "412", today()).unwrap();
    move_deadline(&mut store, id, "it-1-3", "Январь – июнь 2025");
    store.approve(id, d("2025-05-15"), "97", today()).unwrap();
    move_deadline(&mut store, id, "it-1-3", "Январь – сентябрь 2025");

    let doc = store.export_document(id).unwrap();
    let text = exchange::document_to_json(&doc.programme, &doc.editions);
    assert!(text.contains("\"version\": 3,"));
    assert!(text.contains("\"editions\": ["));
    let read = exchange::read_document(&text).unwrap();
    assert_eq!(read, doc);

    // Into the same database: a copy with a new uid, its editions with it.
    let copy = store.import_document(&read).unwrap();
    assert_ne!(store.load(copy).unwrap().uid, store.load(id).unwrap().uid);
    let list = |store: &Store, id| {
        store
            .editions(id)
            .unwrap()
            .into_iter()
            .map(|e| (e.seq, e.act, e.recorded_at, e.in_force))
            .collect::<Vec<_>>()
    };
    assert_eq!(list(&store, copy), list(&store, id));
    for seq in [1, 2] {
        let mut original = store.edition(id, seq).unwrap().programme;
        let copied = store.edition(copy, seq).unwrap().programme;
        original.uid = copied.uid.clone();
        assert_eq!(copied, original);
    }
    assert!(store.changed_since_approval(copy).unwrap());
    // A programme without editions exports `"editions": []`.
    let (mut other, oid) = setup();
    let doc = other.export_document(oid).unwrap();
    let text = exchange::document_to_json(&doc.programme, &doc.editions);
    assert!(text.contains("\"editions\": []"));
    assert!(exchange::read_document(&text).unwrap().editions.is_empty());
    let again = other.import_document(&doc).unwrap();
    assert!(other.editions(again).unwrap().is_empty());
}

#[test]
fn bad_editions_in_a_file_are_refused_with_their_places() {
    let (mut store, id) = setup();
    store.approve(id, d("2024-08-28"), "412", today()).unwrap();
    move_deadline(&mut store, id, "it-1-3", "Январь – июнь 2025");
    store.approve(id, d("2025-05-15"), "97", today()).unwrap();
    let doc = store.export_document(id).unwrap();
    let text = exchange::document_to_json(&doc.programme, &doc.editions);
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["editions"][1]["seq"] = serde_json::json!(5);
    v["editions"][1]["act"]["date"] = serde_json::json!("2024-01-01");
    v["editions"][0]["act"]["number"] = serde_json::json!(" ");
    v["editions"][0]["programme"]["uid"] = serde_json::json!("someone-else");
    v["editions"][1]["programme"]["roadmap"]["blocks"][0]["items"][0]["activity"] =
        serde_json::json!("a\u{7}b");
    let e = exchange::read_document(&v.to_string()).unwrap_err();
    assert_eq!(e.code(), "import_invalid");
    let places: Vec<&str> = e.problems().iter().map(|p| p.path.as_str()).collect();
    for place in [
        "editions[0].act.number",
        "editions[0].programme.uid",
        "editions[1].seq",
        "editions[1].act.date",
        "editions[1].programme.roadmap.blocks[0].items[0].activity",
    ] {
        assert!(places.contains(&place), "{place} not in {places:?}");
    }
    // An edition's programme that does not decode names its place.
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["editions"][0]["programme"]["period"] = serde_json::json!("2024");
    let e = exchange::read_document(&v.to_string()).unwrap_err();
    assert_eq!(e.problems()[0].path, "editions[0].programme.period", "{e}");
    // `editions` in a file of version 2.
    let e = exchange::read_document(&sample_json(2, |v| {
        v["editions"] = serde_json::json!([]);
    }))
    .unwrap_err();
    assert_eq!(e.problems()[0].path, "editions");
    assert!(e.to_string().contains("только в версии 3"), "{e}");
}

#[test]
fn a_backup_and_its_restore_keep_the_editions() {
    let (_dir, path) = common::temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = store.import(&draft()).unwrap();
    store.approve(id, d("2024-08-28"), "412", today()).unwrap();
    let approved = store.edition(id, 1).unwrap();
    let backup = store.backup_now().unwrap();
    // After the backup: an amendment approved, then the backup restored.
    move_deadline(&mut store, id, "it-1-3", "Январь – июнь 2025");
    store.approve(id, d("2025-05-15"), "97", today()).unwrap();
    assert_eq!(store.editions(id).unwrap().len(), 2);
    store.restore_backup(&backup.path).unwrap();
    let list = store.editions(id).unwrap();
    assert_eq!(list.len(), 1);
    assert!(list[0].in_force);
    assert_eq!(store.edition(id, 1).unwrap(), approved);
    assert!(!store.changed_since_approval(id).unwrap());
}
