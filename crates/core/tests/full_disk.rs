//! A full disk while the user works: the edit or import that does not fit is
//! refused with the Russian message, nothing of it is stored, everything
//! stored before is intact, and work goes on once there is room again.

mod common;

use metodist_core::{Edit, ItemInput, Store};

fn big_item(block: &str, n: usize) -> Edit {
    Edit::PutItem {
        block: block.into(),
        at: None,
        uid: String::new(),
        item: ItemInput {
            activity: format!("Мероприятие {n}: {}", "семинар для педагогов ".repeat(400)),
            deadline: "Ежегодно, сентябрь".into(),
            ..Default::default()
        },
    }
}

#[test]
fn edits_on_a_full_disk_are_refused_whole_and_the_rest_is_kept() {
    let (_dir, path) = common::temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = store.import(&common::sample()).unwrap();
    store.simulate_full_disk_after(8).unwrap();

    let mut stored = store.load(id).unwrap();
    let block = stored.roadmap.blocks[0].uid.clone();
    let mut refused = None;
    for n in 0..200 {
        match store.apply(id, &big_item(&block, n), common::today()) {
            Ok(_) => stored = store.load(id).unwrap(),
            Err(e) => {
                refused = Some(e);
                break;
            }
        }
    }
    let error = refused.expect("the disk never filled up");
    assert_eq!(error.code(), "disk_full");
    assert!(
        error.to_string().contains("Недостаточно места на диске"),
        "{error}"
    );
    // The refused edit left no trace; every edit before it is there.
    assert_eq!(store.load(id).unwrap(), stored);

    // Room again (a new connection has no page limit): work goes on.
    drop(store);
    let check: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.load(id).unwrap(), stored);
    store
        .apply(
            id,
            &Edit::SetTitle {
                title: "После освобождения места".into(),
            },
            common::today(),
        )
        .unwrap();
    assert_eq!(store.load(id).unwrap().title, "После освобождения места");
}

#[test]
fn an_import_on_a_full_disk_stores_nothing() {
    let (_dir, path) = common::temp_db();
    let mut store = Store::open(&path).unwrap();
    let first = store.import(&common::sample()).unwrap();
    let before = store.list_programmes().unwrap();
    let first_stored = store.load(first).unwrap();
    store.simulate_full_disk_after(2).unwrap();

    let mut big = common::sample();
    big.uid = "another-programme".into();
    for block in &mut big.roadmap.blocks {
        for item in &mut block.items {
            item.activity.push_str(&" подробности".repeat(500));
        }
    }
    let error = store.import(&big).unwrap_err();
    assert_eq!(error.code(), "disk_full");
    assert_eq!(store.list_programmes().unwrap(), before);
    assert_eq!(store.load(first).unwrap(), first_stored);
}
