//! Roadmap numbers are derived from order: after any insert, move or delete
//! they are 1, 2, 3 ... and 1.1, 1.2 ... with no gaps or repeats.

use metodist_core::model::Programme;
use metodist_core::{generate, ItemInput, Store};

fn numbers(p: &Programme) -> Vec<(String, String)> {
    p.numbered_items()
        .map(|(n, _, item)| (n, item.activity.clone()))
        .collect()
}

fn item(activity: &str) -> ItemInput {
    ItemInput {
        activity: activity.into(),
        deadline: "Ежегодно, сентябрь".into(),
        ..Default::default()
    }
}

/// A programme with blocks A, B, C holding items a1 a2 / b1 / c1 c2 c3.
fn setup() -> (Store, i64, Vec<String>) {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(&generate::programme(0, 1)).unwrap();
    let first = store.load(id).unwrap().roadmap.blocks[0].uid.clone();
    store.delete_block(id, &first).unwrap();
    let mut blocks = Vec::new();
    for (title, items) in [
        ("A", &["a1", "a2"][..]),
        ("B", &["b1"]),
        ("C", &["c1", "c2", "c3"]),
    ] {
        let b = store.add_block(id, None, title).unwrap();
        for i in items {
            store.add_item(id, &b, None, &item(i)).unwrap();
        }
        blocks.push(b);
    }
    (store, id, blocks)
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn uid_of(store: &Store, id: i64, activity: &str) -> String {
    store
        .load(id)
        .unwrap()
        .numbered_items()
        .find(|(_, _, i)| i.activity == activity)
        .unwrap()
        .2
        .uid
        .clone()
}

#[test]
fn numbers_follow_insertion() {
    let (mut store, id, blocks) = setup();
    let p = store.load(id).unwrap();
    assert_eq!(
        numbers(&p),
        pairs(&[
            ("1.1", "a1"),
            ("1.2", "a2"),
            ("2.1", "b1"),
            ("3.1", "c1"),
            ("3.2", "c2"),
            ("3.3", "c3")
        ])
    );
    // Insert at the front of block C and in the middle of block A.
    store
        .add_item(id, &blocks[2], Some(0), &item("c0"))
        .unwrap();
    store
        .add_item(id, &blocks[0], Some(1), &item("a1.5"))
        .unwrap();
    // A new block between A and B renumbers B and C.
    let new = store.add_block(id, Some(1), "A'").unwrap();
    store.add_item(id, &new, None, &item("x1")).unwrap();
    let p = store.load(id).unwrap();
    assert_eq!(
        numbers(&p),
        pairs(&[
            ("1.1", "a1"),
            ("1.2", "a1.5"),
            ("1.3", "a2"),
            ("2.1", "x1"),
            ("3.1", "b1"),
            ("4.1", "c0"),
            ("4.2", "c1"),
            ("4.3", "c2"),
            ("4.4", "c3"),
        ])
    );
    let titles: Vec<&str> = p.roadmap.blocks.iter().map(|b| b.title.as_str()).collect();
    assert_eq!(titles, ["A", "A'", "B", "C"]);
}

#[test]
fn numbers_follow_moves_within_and_across_blocks() {
    let (mut store, id, blocks) = setup();
    let c3 = uid_of(&store, id, "c3");
    store.move_item(id, &c3, &blocks[2], 0).unwrap(); // c3 to the front of C
    let a1 = uid_of(&store, id, "a1");
    store.move_item(id, &a1, &blocks[0], 1).unwrap(); // a1 after a2
    let b1 = uid_of(&store, id, "b1");
    store.move_item(id, &b1, &blocks[2], 2).unwrap(); // b1 into C, third place
    let p = store.load(id).unwrap();
    assert_eq!(
        numbers(&p),
        pairs(&[
            ("1.1", "a2"),
            ("1.2", "a1"),
            ("3.1", "c3"),
            ("3.2", "c1"),
            ("3.3", "b1"),
            ("3.4", "c2")
        ])
    );
    assert!(p.roadmap.blocks[1].items.is_empty(), "block B is empty now");
    // Block moves: C to the front, then A to the end.
    store.move_block(id, &blocks[2], 0).unwrap();
    store.move_block(id, &blocks[0], 2).unwrap();
    let p = store.load(id).unwrap();
    let titles: Vec<&str> = p.roadmap.blocks.iter().map(|b| b.title.as_str()).collect();
    assert_eq!(titles, ["C", "B", "A"]);
    assert_eq!(
        numbers(&p),
        pairs(&[
            ("1.1", "c3"),
            ("1.2", "c1"),
            ("1.3", "b1"),
            ("1.4", "c2"),
            ("3.1", "a2"),
            ("3.2", "a1")
        ])
    );
}

#[test]
fn numbers_close_up_after_deletes() {
    let (mut store, id, blocks) = setup();
    let c2 = uid_of(&store, id, "c2");
    store.delete_item(id, &c2).unwrap();
    store.delete_block(id, &blocks[1]).unwrap();
    let p = store.load(id).unwrap();
    assert_eq!(
        numbers(&p),
        pairs(&[("1.1", "a1"), ("1.2", "a2"), ("2.1", "c1"), ("2.2", "c3")])
    );
    // And the positions stored are contiguous, so later inserts land right.
    store
        .add_item(id, &blocks[2], Some(2), &item("c4"))
        .unwrap();
    let p = store.load(id).unwrap();
    assert_eq!(
        numbers(&p)[2..],
        pairs(&[("2.1", "c1"), ("2.2", "c3"), ("2.3", "c4")])[..]
    );
}

#[test]
fn edits_out_of_range_or_of_missing_things_are_refused_and_change_nothing() {
    let (mut store, id, blocks) = setup();
    let before = store.load(id).unwrap();
    let e = store
        .add_item(id, &blocks[1], Some(5), &item("x"))
        .unwrap_err();
    assert_eq!(e.code(), "invalid_edit");
    let a1 = uid_of(&store, id, "a1");
    assert_eq!(
        store.move_item(id, &a1, &blocks[0], 2).unwrap_err().code(),
        "invalid_edit"
    );
    assert_eq!(
        store.move_block(id, &blocks[0], 3).unwrap_err().code(),
        "invalid_edit"
    );
    assert_eq!(
        store.delete_item(id, "no-such-uid").unwrap_err().code(),
        "element_not_found"
    );
    assert_eq!(
        store.delete_block(id + 1, &blocks[0]).unwrap_err().code(),
        "programme_not_found"
    );
    let bad = ItemInput {
        activity: "звонок\u{0007}".into(),
        ..Default::default()
    };
    let e = store.add_item(id, &blocks[0], None, &bad).unwrap_err();
    assert_eq!(e.code(), "edit_invalid");
    assert!(e.to_string().contains("U+0007"), "{e}");
    assert_eq!(store.load(id).unwrap(), before);
}

#[test]
fn an_edit_updates_the_fields_and_the_change_time() {
    let (mut store, id, _) = setup();
    let before = store.list_programmes().unwrap()[0].updated_at.clone();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let a2 = uid_of(&store, id, "a2");
    let new = ItemInput {
        activity: "a2 (уточнено)".into(),
        deadline: "до 25 июня".into(),
        responsible: "Отдел образования".into(),
        expected_result: "Протокол".into(),
        planned_value: "100 %".into(),
        per_year: Vec::new(),
    };
    store.update_item(id, &a2, &new).unwrap();
    let p = store.load(id).unwrap();
    let it = &p.roadmap.blocks[0].items[1];
    assert_eq!(
        (
            it.activity.as_str(),
            it.deadline.as_str(),
            it.responsible.as_str(),
            it.expected_result.as_str(),
            it.planned_value.as_str()
        ),
        (
            "a2 (уточнено)",
            "до 25 июня",
            "Отдел образования",
            "Протокол",
            "100 %"
        )
    );
    assert!(store.list_programmes().unwrap()[0].updated_at > before);
}
