//! The roadmap table (issue #16): the header row found by its words in any
//! column order, rows of column numbers and repeated headers skipped, block
//! rows, items with their numbers as typed, a responsible cell merged over
//! several rows copied to each, year columns.

use serde::Serialize;

use crate::model::Table;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Number,
    Name,
    Deadline,
    Responsible,
    Result,
    /// A column headed by a year («2025»).
    Year(i32),
    Other,
}

fn role_of(header: &str) -> Role {
    let h = header.to_lowercase().replace('ё', "е");
    let t = h.trim();
    if let Ok(y) = t.trim_end_matches(['г', '.', ' ']).trim().parse::<i32>() {
        if (2000..=2100).contains(&y) {
            return Role::Year(y);
        }
    }
    // «Результат выполнения мероприятия» is the result, not the event:
    // the result's words are looked for first.
    if t.starts_with('№') || t.contains("п/п") || t == "n" {
        Role::Number
    } else if t.contains("результат") || t.contains("показател") {
        Role::Result
    } else if t.contains("мероприят") || t.contains("наименование") || t.contains("содержание")
    {
        Role::Name
    } else if t.contains("срок") {
        Role::Deadline
    } else if t.contains("ответствен")
        || t.contains("исполнител")
        || t.starts_with("отв.")
        || t.starts_with("исп.")
    {
        Role::Responsible
    } else {
        Role::Other
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FoundItem {
    /// The number as typed («1», «1.», «1.1»); empty when the cell is.
    pub number: String,
    pub name: String,
    pub deadline: String,
    pub responsible: String,
    pub result: String,
    /// (year, text) of each year column.
    pub years: Vec<(i32, String)>,
    /// The table row (from 1).
    pub row: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FoundBlock {
    /// Empty for the one block of a flat roadmap.
    pub title: String,
    pub items: Vec<FoundItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FoundRoadmap {
    /// The header's texts as written, one per grid column.
    pub header: Vec<String>,
    pub roles: Vec<Role>,
    pub blocks: Vec<FoundBlock>,
    /// No block rows: the items stand in one list.
    pub flat: bool,
    /// Rows left out as column numbers or repeated headers (from 1).
    pub skipped: Vec<usize>,
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The table as a roadmap, or None when no row among the first three is a
/// header naming at least the event and two of number, deadline,
/// responsible and result.
pub fn find_roadmap(t: &Table) -> Option<FoundRoadmap> {
    let texts = |ri: usize| -> Vec<String> {
        (0..t.columns)
            .map(|c| {
                t.shown_cell(ri, c)
                    .map(|cell| cell.text())
                    .unwrap_or_default()
            })
            .collect()
    };
    let header_at = (0..t.rows.len().min(3)).find(|&ri| {
        let roles: Vec<Role> = texts(ri).iter().map(|h| role_of(h)).collect();
        let n = [
            Role::Number,
            Role::Deadline,
            Role::Responsible,
            Role::Result,
        ]
        .iter()
        .filter(|r| roles.contains(r))
        .count();
        roles.contains(&Role::Name) && n >= 2
    })?;
    let header_texts = texts(header_at);
    let mut roles: Vec<Role> = header_texts.iter().map(|h| role_of(h)).collect();
    let mut first_body = header_at + 1;
    // A second header row under merged cells («Плановое значение» over years).
    if let Some(next) = t.rows.get(first_body) {
        let sub = texts(first_body);
        if next.header || sub.iter().any(|s| matches!(role_of(s), Role::Year(_))) {
            for (c, s) in sub.iter().enumerate() {
                if let Role::Year(y) = role_of(s) {
                    roles[c] = Role::Year(y);
                }
            }
            if sub
                .iter()
                .all(|s| !s.trim().chars().all(|ch| ch.is_ascii_digit()) || s.trim().len() == 4)
            {
                first_body += 1;
            }
        }
    }
    let header_key: Vec<String> = header_texts.iter().map(|h| squeeze(h)).collect();
    let col = |r: Role| roles.iter().position(|x| *x == r);
    let mut blocks: Vec<FoundBlock> = Vec::new();
    let mut skipped = Vec::new();
    let mut flat = true;
    for ri in first_body..t.rows.len() {
        let row = texts(ri);
        let cells: Vec<String> = row.iter().map(|s| squeeze(s)).collect();
        // Column numbers «1 2 3 4 5», or the header again on a later page.
        let numbers = cells
            .iter()
            .enumerate()
            .all(|(i, c)| c == &(i + 1).to_string() || c.is_empty())
            && cells.iter().filter(|c| !c.is_empty()).count() >= 2;
        if numbers || cells == header_key || cells.iter().all(String::is_empty) {
            skipped.push(ri + 1);
            continue;
        }
        // A block row: one cell spanning the row, or only the first filled.
        let own: Vec<&crate::Cell> = t.rows[ri]
            .cells
            .iter()
            .filter(|c| !c.merged_above)
            .collect();
        let filled: Vec<&&crate::Cell> =
            own.iter().filter(|c| !c.text().trim().is_empty()).collect();
        let spanning = own.len() == 1 && own[0].col_span >= t.columns.saturating_sub(1).max(2);
        if spanning
            || (filled.len() == 1
                && filled[0].col == 0
                && t.rows[ri].cells.iter().all(|c| !c.merged_above))
        {
            flat = false;
            blocks.push(FoundBlock {
                title: filled
                    .first()
                    .map(|c| c.text().trim().to_string())
                    .unwrap_or_default(),
                items: Vec::new(),
            });
            continue;
        }
        let get = |r: Role| {
            col(r)
                .map(|c| row[c].trim().to_string())
                .unwrap_or_default()
        };
        let item = FoundItem {
            number: get(Role::Number),
            name: get(Role::Name),
            deadline: get(Role::Deadline),
            responsible: get(Role::Responsible),
            result: get(Role::Result),
            years: roles
                .iter()
                .enumerate()
                .filter_map(|(c, r)| match r {
                    Role::Year(y) => Some((*y, row[c].trim().to_string())),
                    _ => None,
                })
                .collect(),
            row: ri + 1,
        };
        if blocks.is_empty() {
            blocks.push(FoundBlock {
                title: String::new(),
                items: Vec::new(),
            });
        }
        blocks.last_mut().expect("pushed above").items.push(item);
    }
    Some(FoundRoadmap {
        header: header_texts,
        roles,
        blocks,
        flat,
        skipped,
    })
}
