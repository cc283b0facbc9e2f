//! The passport table: label and content in two columns (issue #16). Labels
//! are matched to the standard rows by their normalised wording; a label
//! merged over several rows, or an empty label, continues the row above as
//! its sub-rows; content keeps its paragraphs and lists.

use metodist_core::model::{PassportKey, RichText, TextBlock};
use serde::Serialize;

use crate::model::{Block, Table};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FoundPassportRow {
    pub key: PassportKey,
    pub label: String,
    pub content: RichText,
    /// Further content under the same label, each from a row of its own.
    pub subrows: Vec<RichText>,
    /// The table rows (from 1) this passport row was made of.
    pub rows: Vec<usize>,
}

/// «Наименование Подпрограммы» and «наименование программы» alike: lower
/// case, ё as е, without «программы»/«подпрограммы» and punctuation.
pub fn normalise_label(label: &str) -> String {
    let lower = label.to_lowercase().replace('ё', "е");
    let words: Vec<String> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| {
            !(w.starts_with("программ")
                || w.starts_with("подпрограмм")
                || w.starts_with("муниципальн"))
        })
        .map(str::to_string)
        .collect();
    words.join(" ")
}

/// The standard row a label names. Order matters: «Целевые индикаторы»
/// before «цель», «ответственный исполнитель» before «исполнители».
pub fn key_of(label: &str) -> PassportKey {
    let full = label.to_lowercase().replace('ё', "е");
    let n = normalise_label(label);
    let has = |s: &str| n.contains(s);
    if n.starts_with("наименование") || n == "название" {
        PassportKey::Name
    } else if full.contains("подпрограммы программы")
        || n == "подпрограммы"
        || (full.trim().starts_with("подпрограмм") && n.is_empty())
    {
        PassportKey::Subprogrammes
    } else if has("индикатор") || has("показател") {
        PassportKey::Indicators
    } else if has("контрол") {
        PassportKey::Control
    } else if has("основани") {
        PassportKey::Basis
    } else if has("заказчик") || has("ответственный исполнитель") {
        PassportKey::Customer
    } else if has("разработчик") {
        PassportKey::Developers
    } else if has("куратор") || has("координатор") {
        PassportKey::Curator
    } else if has("исполнител") || has("участник") {
        PassportKey::Executors
    } else if has("задач") {
        PassportKey::Tasks
    } else if has("цел") {
        PassportKey::Goal
    } else if has("срок") || has("этап") {
        PassportKey::Terms
    } else if has("финансир") || has("объем") {
        PassportKey::Funding
    } else if has("результат") {
        PassportKey::Results
    } else if has("механизм") {
        PassportKey::Mechanism
    } else {
        PassportKey::Custom
    }
}

#[derive(PartialEq)]
enum Item {
    Numbered(String),
    Bulleted(String),
    Plain(String),
}

/// A typed list marker: «1.», «1)», «-», «–», «·», «•».
fn typed_item(text: &str) -> Option<Item> {
    let t = text.trim_start();
    for bullet in ['-', '–', '—', '·', '•', '*', '\u{F0B7}'] {
        if let Some(rest) = t.strip_prefix(bullet) {
            if rest.starts_with([' ', '\t', '\u{a0}']) {
                return Some(Item::Bulleted(rest.trim().to_string()));
            }
        }
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if (1..=3).contains(&digits) {
        let rest = &t[digits..];
        if let Some(r) = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')')) {
            if r.starts_with([' ', '\t', '\u{a0}']) {
                return Some(Item::Numbered(r.trim().to_string()));
            }
        }
    }
    None
}

/// A cell's content as rich text: its paragraphs, typed and Word lists as
/// list items; a nested table's rows as paragraphs (tab between cells).
pub fn rich_text(blocks: &[Block]) -> RichText {
    let mut items = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph(p) => {
                let text = p.text.trim();
                if text.is_empty() {
                    continue;
                }
                let item = match &p.numbering {
                    Some(n) if n.format == crate::NumFormat::Bullet => {
                        Item::Bulleted(text.to_string())
                    }
                    Some(n) if n.format == crate::NumFormat::None => Item::Plain(text.to_string()),
                    Some(_) => Item::Numbered(text.to_string()),
                    None => typed_item(text).unwrap_or_else(|| Item::Plain(text.to_string())),
                };
                items.push(item);
            }
            Block::Table(t) => {
                for r in &t.rows {
                    let cells: Vec<String> = r
                        .cells
                        .iter()
                        .filter(|c| !c.merged_above)
                        .map(|c| c.text())
                        .collect();
                    items.push(Item::Plain(cells.join("\t")));
                }
            }
        }
    }
    let mut out: RichText = Vec::new();
    for item in items {
        match (item, out.last_mut()) {
            (Item::Numbered(t), Some(TextBlock::Numbered { items })) => items.push(t),
            (Item::Bulleted(t), Some(TextBlock::Bulleted { items })) => items.push(t),
            (Item::Numbered(t), _) => out.push(TextBlock::Numbered { items: vec![t] }),
            (Item::Bulleted(t), _) => out.push(TextBlock::Bulleted { items: vec![t] }),
            (Item::Plain(text), _) => out.push(TextBlock::Paragraph { text }),
        }
    }
    out
}

/// The table as a passport, or None when it is not one: two columns, at
/// least three rows, and most labels standard ones.
pub fn find_passport(t: &Table) -> Option<Vec<FoundPassportRow>> {
    if t.columns != 2 || t.rows.len() < 3 {
        return None;
    }
    let mut rows: Vec<FoundPassportRow> = Vec::new();
    for (ri, r) in t.rows.iter().enumerate() {
        let label_cell = r.cells.iter().find(|c| c.col == 0);
        let content_cell = r
            .cells
            .iter()
            .find(|c| c.col + c.col_span == 2 && c.col_span == 1);
        let content = content_cell
            .map(|c| rich_text(&c.blocks))
            .unwrap_or_default();
        let label = label_cell
            .map(|c| c.text().split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default();
        let continues = label_cell.is_some_and(|c| c.merged_above) || label.is_empty();
        match rows.last_mut() {
            Some(prev) if continues => {
                prev.subrows.push(content);
                prev.rows.push(ri + 1);
            }
            _ => {
                // A row spanning both columns holds its text as the content.
                let (label, content) = match (label_cell, content_cell) {
                    (Some(c), None) if c.col_span == 2 => (String::new(), rich_text(&c.blocks)),
                    _ => (label, content),
                };
                rows.push(FoundPassportRow {
                    key: key_of(&label),
                    label,
                    content,
                    subrows: Vec::new(),
                    rows: vec![ri + 1],
                });
            }
        }
    }
    let standard = rows.iter().filter(|r| r.key != PassportKey::Custom).count();
    (standard * 2 >= rows.len()).then_some(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_match_standard_rows_by_their_wording() {
        assert_eq!(key_of("Наименование Подпрограммы"), PassportKey::Name);
        assert_eq!(
            key_of("Ответственный исполнитель подпрограммы"),
            PassportKey::Customer
        );
        assert_eq!(
            key_of("Исполнители и участники Программы"),
            PassportKey::Executors
        );
        assert_eq!(
            key_of("Целевые индикаторы и показатели"),
            PassportKey::Indicators
        );
        assert_eq!(key_of("Цели программы"), PassportKey::Goal);
        assert_eq!(
            key_of("Объёмы и источники финансирования"),
            PassportKey::Funding
        );
        assert_eq!(
            key_of("Объемы бюджетных ассигнований"),
            PassportKey::Funding
        );
        assert_eq!(
            key_of("Система организации контроля за исполнением"),
            PassportKey::Control
        );
        assert_eq!(
            key_of("Основные разработчики Подпрограммы"),
            PassportKey::Developers
        );
        assert_eq!(
            key_of("Ожидаемые конечные результаты"),
            PassportKey::Results
        );
        assert_eq!(key_of("Особые условия"), PassportKey::Custom);
        assert_eq!(
            normalise_label("Наименование  Подпрограммы:"),
            "наименование"
        );
    }
}
