//! The editor shows the numbers and texts of the document's own shape at
//! once, without asking the core on every keystroke (`ui/src/shape.ts`:
//! section numbers for the live preview, item and block numbers in the
//! roadmap table, the participle, the act's date, the printed columns).
//! So that its rules cannot drift from the core's, this test computes a
//! table of cases with the core's own functions (`heading_numbers`,
//! `item_number`, `block_label`, `item_ref`, `AppendixMark::participle`,
//! `DateFormat::format`, `effective_columns`) and keeps it in
//! `ui/tests/shape-cases.json`; `ui/tests/shape-core.test.mjs` runs every
//! case through the TypeScript functions and fails on any difference.
//! When the core's rules change, this test rewrites the file and fails
//! once: commit the new file, and the UI test then says what the
//! TypeScript side must follow (docs/design.md §2, «The document's own
//! shape»).

mod common;

use std::path::Path;

use chrono::NaiveDate;
use metodist_core::model::*;
use serde_json::{json, Value};

fn sections(p: &Programme) -> Vec<Section> {
    let mut s: Vec<Section> = p.sections.iter().take(6).cloned().collect();
    for section in &mut s {
        section.body.clear();
    }
    s
}

fn heading_cases(p: &Programme) -> Vec<Value> {
    let styles = [
        SectionStyle::Roman,
        SectionStyle::Arabic,
        SectionStyle::Razdel,
        SectionStyle::RazdelRoman,
        SectionStyle::None,
    ];
    let mut out = Vec::new();
    for style in styles {
        for (start, passport_numbered) in [(1, false), (1, true), (0, false), (4, true)] {
            for variant in 0..3 {
                let mut q = p.clone();
                q.sections = sections(p);
                q.layout.sections = SectionNumbering { style, start };
                q.layout.passport_numbered = passport_numbered;
                match variant {
                    // An unnumbered section is not counted.
                    1 => q.sections[1].unnumbered = true,
                    // «Раздел 1.», «Раздел 2.», then «1.», «2.» …
                    2 => {
                        q.sections[2].renumber = Some(SectionNumbering {
                            style: SectionStyle::Arabic,
                            start: 1,
                        });
                        q.sections[4].unnumbered = true;
                    }
                    _ => {}
                }
                let n = q.heading_numbers();
                // What the numbering reads of a section, and nothing else,
                // to keep the file small.
                let sections: Vec<Value> = q
                    .sections
                    .iter()
                    .map(|s| json!({ "uid": s.uid, "unnumbered": s.unnumbered, "renumber": s.renumber }))
                    .collect();
                out.push(json!({
                    // What heading_numbers reads of the layout.
                    "layout": {
                        "sections": q.layout.sections,
                        "passport_numbered": q.layout.passport_numbered,
                    },
                    "sections": sections,
                    "passport": n.passport,
                    "numbers": n.sections,
                }));
            }
        }
    }
    out
}

/// The roadmap every roadmap case numbers (`roadmap_blocks`, one entry),
/// and the cases.
fn roadmap_cases(p: &Programme) -> (Vec<Value>, Vec<Value>) {
    let mut q = p.clone();
    // Blocks of 2, 1 and 3 items, and an empty one.
    let sizes = [2usize, 1, 3, 0];
    q.roadmap.blocks = p
        .roadmap
        .blocks
        .iter()
        .zip(sizes)
        .map(|(b, n)| {
            let mut b = b.clone();
            b.items.truncate(n);
            b
        })
        .collect();
    for (k, item) in q
        .roadmap
        .blocks
        .iter_mut()
        .flat_map(|b| &mut b.items)
        .enumerate()
    {
        item.activity = format!("Семинар {}", k + 1);
    }
    // An unnumbered item is named by its activity, shortened past 40 letters.
    q.roadmap.blocks[1].items[0].activity =
        "Проведение муниципального семинара для заместителей директоров по учебной работе".into();
    let shapes = [RoadmapShape::Blocks, RoadmapShape::Flat];
    let blocks = [
        BlockNumbering::Dot,
        BlockNumbering::Plain,
        BlockNumbering::None,
    ];
    let items = [
        ItemNumbering::Nested,
        ItemNumbering::NestedDot,
        ItemNumbering::Flat,
        ItemNumbering::FlatDot,
        ItemNumbering::None,
    ];
    let numbered: Vec<Value> = q
        .roadmap
        .blocks
        .iter()
        .map(|b| {
            let items: Vec<Value> = b
                .items
                .iter()
                .map(|i| json!({ "uid": i.uid, "activity": i.activity }))
                .collect();
            json!({ "uid": b.uid, "items": items })
        })
        .collect();
    let mut out = Vec::new();
    for shape in shapes {
        for block in blocks {
            for item in items {
                for start in [1u32, 0, 7] {
                    let mut r = q.clone();
                    r.layout.roadmap.shape = shape;
                    r.layout.roadmap.blocks = block;
                    r.layout.roadmap.items = item;
                    r.layout.roadmap.start = start;
                    let block_labels: Vec<String> = (0..r.roadmap.blocks.len())
                        .map(|b| r.block_label(b))
                        .collect();
                    let mut labels = Vec::new();
                    let mut refs = Vec::new();
                    for (b, blk) in r.roadmap.blocks.iter().enumerate() {
                        for i in 0..blk.items.len() {
                            labels.push(r.item_number(b, i));
                            refs.push(r.item_ref(b, i));
                        }
                    }
                    let numbered: Vec<String> = r.numbered_items().map(|(n, _, _)| n).collect();
                    assert_eq!(numbered, labels, "numbered_items and item_number agree");
                    let l = &r.layout.roadmap;
                    out.push(json!({
                        // What the numbering reads of the layout.
                        "layout": { "shape": l.shape, "blocks": l.blocks, "items": l.items, "start": l.start },
                        "block_labels": block_labels,
                        "item_labels": labels,
                        "item_refs": refs,
                    }));
                }
            }
        }
    }
    (vec![Value::from(numbered)], out)
}

fn participle_cases() -> Vec<Value> {
    let mut out = Vec::new();
    for approves in [
        Approves::Feminine,
        Approves::Masculine,
        Approves::Neuter,
        Approves::Plural,
    ] {
        for typed in ["", "  ", "УТВЕРЖДЕН", " СОГЛАСОВАНО "] {
            let mark = AppendixMark {
                approves,
                participle: typed.into(),
                ..Default::default()
            };
            out.push(
                json!({ "approves": approves, "typed": typed, "participle": mark.participle() }),
            );
        }
    }
    out
}

fn date_cases() -> Vec<Value> {
    let mut out = Vec::new();
    for (y, m, d) in [(2024, 9, 1), (2021, 12, 3), (2025, 5, 31), (2026, 1, 10)] {
        let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        for format in [
            DateFormat::Numeric,
            DateFormat::NumericG,
            DateFormat::NumericSpaceG,
            DateFormat::Words,
        ] {
            out.push(json!({
                "iso": date.format("%Y-%m-%d").to_string(),
                "format": format,
                "text": format.format(date),
            }));
        }
    }
    out
}

fn column_cases() -> Vec<Value> {
    let own = RoadmapLayout {
        columns: vec![
            RoadmapColumn {
                kind: ColumnKind::Activity,
                header: "Основные мероприятия".into(),
                width: Some(40.0),
            },
            RoadmapColumn {
                kind: ColumnKind::Deadline,
                header: "  ".into(),
                width: None,
            },
            RoadmapColumn {
                kind: ColumnKind::Responsible,
                header: String::new(),
                width: Some(12.5),
            },
        ],
        ..Default::default()
    };
    let mut out = Vec::new();
    for layout in [RoadmapLayout::default(), own] {
        for planned in [false, true] {
            let columns: Vec<Value> = layout
                .effective_columns(planned)
                .iter()
                .map(|c| json!({ "kind": c.kind, "header": c.header(), "width": c.width() }))
                .collect();
            out.push(json!({ "layout": layout, "planned": planned, "columns": columns }));
        }
    }
    out
}

#[test]
fn the_editors_shape_rules_are_the_cores_on_shared_cases() {
    let p = common::sample();
    let about = "Generated by crates/core/tests/shape_cases.rs from the core's own functions; checked against ui/src/shape.ts by ui/tests/shape-core.test.mjs. Do not edit: run `cargo test -p metodist-core --test shape_cases`.";
    let (roadmap_blocks, roadmap) = roadmap_cases(&p);
    let groups = [
        ("headings", heading_cases(&p)),
        ("roadmap_blocks", roadmap_blocks),
        ("roadmap", roadmap),
        ("participles", participle_cases()),
        ("dates", date_cases()),
        ("columns", column_cases()),
    ];
    // One case a line: small, and a change reads as a diff of cases.
    let mut text = format!("{{\n  \"about\": {},\n", Value::from(about));
    for (k, (name, cases)) in groups.iter().enumerate() {
        let lines: Vec<String> = cases.iter().map(|c| format!("    {c}")).collect();
        let comma = if k + 1 < groups.len() { "," } else { "" };
        text.push_str(&format!(
            "  \"{name}\": [\n{}\n  ]{comma}\n",
            lines.join(",\n")
        ));
    }
    text.push_str("}\n");
    serde_json::from_str::<Value>(&text).expect("the cases are JSON");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/tests/shape-cases.json");
    let before = std::fs::read_to_string(&path).unwrap_or_default();
    if before != text {
        std::fs::write(&path, &text).unwrap();
        panic!(
            "{} did not hold the core's answers and was rewritten: commit it, then run `cd ui && npm run build && npm test`",
            path.display()
        );
    }
}
