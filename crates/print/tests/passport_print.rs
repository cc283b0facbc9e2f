//! What the printed passport and indicator table say about the data
//! (docs/design.md §2, «Passport»; §3, «The indicator table»).

use metodist_core::model::{PassportKey, Programme, TextBlock};
use metodist_print::{compose, Block, Cell, CellBlock, ComposeMode, Table};

fn cell_text(cell: &Cell) -> Vec<String> {
    let mut out = Vec::new();
    for b in &cell.blocks {
        match b {
            CellBlock::Paragraph(p) => out.push(p.runs.iter().map(|r| r.text.as_str()).collect()),
            CellBlock::List(l) => {
                for item in &l.items {
                    out.push(
                        item.paragraphs
                            .iter()
                            .flat_map(|p| p.runs.iter().map(|r| r.text.as_str()))
                            .collect(),
                    );
                }
            }
        }
    }
    out
}

fn tables(p: &Programme) -> Vec<Table> {
    compose(p, ComposeMode::AppendixOnly)
        .groups
        .into_iter()
        .flat_map(|g| g.blocks)
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// The passport's right column for the row labelled `label`.
fn passport_cell(p: &Programme, label: &str) -> Vec<String> {
    let passport = &tables(p)[0];
    let row = passport
        .body
        .iter()
        .find(|r| cell_text(&r.cells[0]) == [label])
        .unwrap_or_else(|| panic!("a passport row «{label}»"));
    cell_text(&row.cells[1])
}

#[test]
fn the_printed_passport_repeats_the_data_it_is_filled_from() {
    let mut p = metodist_core::generate::programme(3, 1);
    p.indicators.truncate(2);
    p.indicators[1].name = "Число призёров олимпиад".into();
    p.indicators[1].unit = "чел.".into();
    let indicators = passport_cell(&p, PassportKey::Indicators.default_label());
    assert_eq!(indicators.len(), 2);
    assert_eq!(indicators[1], "Число призёров олимпиад, чел.");
    assert_eq!(
        passport_cell(&p, PassportKey::Terms.default_label()),
        ["2024–2027 годы"]
    );
    assert_eq!(
        passport_cell(&p, PassportKey::Name.default_label()),
        [p.title.clone()]
    );
    // Typed by hand: her text, whatever the data says.
    let row = p
        .passport
        .iter_mut()
        .find(|r| r.key == PassportKey::Terms)
        .unwrap();
    row.from_data = false;
    row.content = vec![TextBlock::Paragraph {
        text: "Сентябрь 2024 — май 2027, в три этапа".into(),
    }];
    assert_eq!(
        passport_cell(&p, PassportKey::Terms.default_label()),
        ["Сентябрь 2024 — май 2027, в три этапа"]
    );
}

#[test]
fn the_indicator_table_has_a_column_for_every_year_of_the_period() {
    let mut p = metodist_core::generate::programme(3, 1);
    // A year of the period with no plan in any indicator yet (as after the
    // period was moved to start a year earlier).
    p.period.start = metodist_core::YearMonth::new(2023, 9).unwrap();
    for ind in &mut p.indicators {
        ind.values.retain(|v| v.year != 2023);
    }
    let table = tables(&p)
        .into_iter()
        .find(|t| {
            t.header.iter().any(|r| {
                r.cells
                    .iter()
                    .any(|c| cell_text(c) == ["Плановое значение по годам"])
            })
        })
        .expect("the indicator table");
    let years: Vec<String> = table
        .header
        .last()
        .unwrap()
        .cells
        .iter()
        .flat_map(cell_text)
        .filter(|t| t.ends_with(" г."))
        .collect();
    assert_eq!(
        years,
        ["2023 г.", "2024 г.", "2025 г.", "2026 г.", "2027 г."]
    );
}
