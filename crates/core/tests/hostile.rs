//! Hostile input to the import: random bytes, and the sample with random
//! parts replaced. Never a panic; either a whole programme is stored or
//! nothing is, with the problems named.

mod common;

use metodist_core::{exchange, Store};
use proptest::prelude::*;
use serde_json::Value;

/// Every path to a leaf (or any node) of the JSON tree.
fn paths(v: &Value, here: Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                let mut p = here.clone();
                p.push(PathStep::Key(k.clone()));
                paths(child, p, out);
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                let mut p = here.clone();
                p.push(PathStep::Index(i));
                paths(child, p, out);
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn at<'a>(v: &'a mut Value, path: &[PathStep]) -> &'a mut Value {
    path.iter().fold(v, |v, step| match step {
        PathStep::Key(k) => &mut v[k.as_str()],
        PathStep::Index(i) => &mut v[*i],
    })
}

fn replacement() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,40}".prop_map(Value::from),
        Just(Value::from("2024-02-30")),
        Just(Value::from("2024-13")),
        Just(Value::from("\u{0}\u{7}\u{1b}[31m")),
        Just(Value::from("<img src=x onerror=alert(1)>")),
        Just(Value::from("مرحبا 👩‍🏫 שלום")),
        Just(serde_json::json!([])),
        Just(serde_json::json!({})),
    ]
}

fn sample_value() -> Value {
    serde_json::from_str(&std::fs::read_to_string(common::sample_path()).unwrap()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(300), ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = exchange::from_json(&text);
    }

    #[test]
    fn a_mutated_sample_is_stored_whole_or_not_at_all(
        picks in proptest::collection::vec((any::<prop::sample::Index>(), replacement()), 1..4)
    ) {
        let mut v = sample_value();
        for (pick, value) in picks {
            let mut all = Vec::new();
            paths(&v, Vec::new(), &mut all);
            let path = pick.get(&all).clone();
            *at(&mut v, &path) = value;
        }
        let text = serde_json::to_string(&v).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        match exchange::from_json(&text).and_then(|p| store.import(&p).map(|id| (id, p))) {
            Ok((id, p)) => {
                // Accepted: stored exactly.
                prop_assert_eq!(store.load(id).unwrap(), p);
            }
            Err(e) => {
                prop_assert!(!e.to_string().is_empty());
                prop_assert!(e.to_string().chars().any(|c| ('а'..='я').contains(&c)));
                prop_assert!(store.list_programmes().unwrap().is_empty());
            }
        }
    }
}

#[test]
fn a_huge_cell_rtl_text_and_emoji_round_trip() {
    let mut p = common::sample();
    let big = "Очень длинная ячейка. ".repeat(5_000); // ≈ 110 000 characters
    p.roadmap.blocks[0].items[0].activity = big.clone();
    p.roadmap.blocks[0].items[1].activity = "مرحبا بالعالم — שלום עולם".into();
    p.roadmap.blocks[0].items[2].activity = "Учитель года 👩‍🏫🏆 и ✅".into();
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(&p).unwrap();
    assert_eq!(store.load(id).unwrap(), p);
}

#[test]
fn five_thousand_items_import_and_load() {
    let p = metodist_core::generate::programme(5_000, 9);
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(&p).unwrap();
    assert_eq!(store.load(id).unwrap().item_count(), 5_000);
    assert_eq!(store.item_schedules(id).unwrap().len(), 5_000);
}

/// The number of cases: PROPTEST_CASES when set (for long runs by hand),
/// else a default sized for CI.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
