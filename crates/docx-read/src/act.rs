//! Finding the approving act at the head of a document (issue #16, «What is
//! recognised»: the act). The result is the act as found, in plain values;
//! the import maps it onto the model's `ApprovingAct` (crates/core), whose
//! heading fields are being extended (#14) while this is written.

use metodist_schedule::MONTH_NAMES;
use serde::Serialize;

use crate::model::{Block, Paragraph};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FoundKind {
    /// постановление
    Decree,
    /// приказ
    Order,
    /// распоряжение
    Directive,
}

/// Where kind, number and date stand (design.md §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FoundLayout {
    /// Issuer lines, the kind, the date and number, the place.
    Usual,
    /// «ПРИКАЗ № N», «по …», «от DATE».
    Institution,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FoundDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FoundAct {
    pub kind: FoundKind,
    pub layout: FoundLayout,
    pub issuer: Vec<String>,
    pub date: Option<FoundDate>,
    /// The date as written («03.08.2021г.», «3 августа 2021 года»), without
    /// «от»: how the act writes its dates.
    pub date_text: String,
    pub number: Option<String>,
    pub place: String,
    /// Line breaks inside the title kept as `\n`.
    pub title: String,
    pub preamble: String,
    pub formula: String,
    pub points: Vec<String>,
    pub signatory_position: String,
    pub signatory_name: String,
    pub executor: Option<String>,
    /// Body blocks the act takes, from the start: what follows is the
    /// appendix.
    pub blocks_used: usize,
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// «П О С Т А Н О В Л Е Н И Е», «ПОСТАНОВЛЕНИЕ» and «Постановление» alike.
fn kind_of(line: &str) -> Option<(FoundKind, String)> {
    let upper = line.to_uppercase();
    let letters: String = upper.chars().filter(|c| !c.is_whitespace()).collect();
    for (word, kind) in [
        ("ПОСТАНОВЛЕНИЕ", FoundKind::Decree),
        ("РАСПОРЯЖЕНИЕ", FoundKind::Directive),
        ("ПРИКАЗ", FoundKind::Order),
    ] {
        if let Some(rest) = letters.strip_prefix(word) {
            // The rest may only be a number: «ПРИКАЗ № 45».
            if rest.is_empty() || rest.starts_with('№') {
                // The number as typed: «12-о», not «12-О».
                let number = line
                    .split_once('№')
                    .map(|(_, n)| squeeze(n))
                    .unwrap_or_default();
                return Some((kind, number));
            }
        }
    }
    None
}

fn strip_year_mark(s: &str) -> &str {
    let s = s.trim_end_matches(['.', ' ']);
    let s = s
        .strip_suffix("года")
        .or_else(|| s.strip_suffix("г"))
        .unwrap_or(s);
    s.trim_end()
}

/// «03.08.2021», «03.08.2021г.», «3 августа 2021 года», with or without «от».
pub(crate) fn date_of(s: &str) -> Option<FoundDate> {
    let s = s.trim();
    let s = s.strip_prefix("от").map(str::trim_start).unwrap_or(s);
    let s = strip_year_mark(s);
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() == 3 {
        let (d, m, y) = (parts[0].trim(), parts[1].trim(), parts[2].trim());
        if let (Ok(d), Ok(m), Ok(y)) = (d.parse::<u32>(), m.parse::<u32>(), y.parse::<i32>()) {
            return valid(y, m, d);
        }
        return None;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() == 3 {
        let d = words[0]
            .trim_start_matches('«')
            .trim_end_matches('»')
            .parse::<u32>()
            .ok()?;
        let w = words[1].to_lowercase();
        let m = if w.starts_with("мая") || w == "май" {
            5
        } else {
            MONTH_NAMES
                .iter()
                .position(|n| n.stem != "ма" && w.starts_with(n.stem))? as u32
                + 1
        };
        let y = words[2].parse::<i32>().ok()?;
        return valid(y, m, d);
    }
    None
}

fn valid(y: i32, m: u32, d: u32) -> Option<FoundDate> {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    ((1900..=2200).contains(&y) && (1..=days).contains(&d)).then_some(FoundDate {
        year: y,
        month: m,
        day: d,
    })
}

/// Splits «от 03.08.2021 г.   № 299» (tabs or spaces between) into its date
/// and number; either may be missing.
pub(crate) fn date_and_number(line: &str) -> (Option<FoundDate>, Option<String>, String) {
    let (left, number) = match line.split_once('№') {
        Some((l, n)) => (l, Some(squeeze(n)).filter(|n| !n.is_empty())),
        None => (line, None),
    };
    let written = left.trim();
    let written = written
        .strip_prefix("от")
        .map(str::trim_start)
        .unwrap_or(written);
    (date_of(left), number, squeeze(written))
}

const FORMULAS: [&str; 6] = [
    "ПОСТАНОВЛЯЕТ:",
    "ПОСТАНОВЛЯЮ:",
    "ПРИКАЗЫВАЮ:",
    "РАСПОРЯЖАЕТСЯ:",
    "ОБЯЗЫВАЮ:",
    "РЕШИЛ:",
];

/// The formula at the end of a paragraph, as typed (letter-spaced forms
/// «п о с т а н о в л я е т:» included), and the text before it.
fn formula_in(text: &str) -> Option<(String, String)> {
    let t = text.trim_end();
    if !t.ends_with(':') {
        return None;
    }
    // Walk back over letters and single spaces between letters.
    let chars: Vec<char> = t.chars().collect();
    for f in FORMULAS {
        let target: Vec<char> = f.chars().collect();
        let mut i = chars.len();
        let mut j = target.len();
        while i > 0 && j > 0 {
            let c = chars[i - 1];
            if c == ' ' || c == '\u{a0}' {
                i -= 1;
                continue;
            }
            if c.to_uppercase().next() != Some(target[j - 1]) {
                break;
            }
            i -= 1;
            j -= 1;
        }
        if j == 0 {
            let before: String = chars[..i].iter().collect();
            let formula: String = chars[i..].iter().collect();
            return Some((before.trim_end().to_string(), formula.trim().to_string()));
        }
    }
    None
}

/// «Н. В. Тураев», «Тураев Н.В.», «Н.В.Тураев».
fn is_name(s: &str) -> bool {
    let s = s.trim();
    let initials = |w: &str| {
        let parts: Vec<&str> = w.split('.').filter(|p| !p.trim().is_empty()).collect();
        !parts.is_empty()
            && parts.len() <= 2
            && w.ends_with('.')
            && parts.iter().all(|p| {
                let p = p.trim();
                p.chars().count() == 1 && p.chars().all(|c| c.is_uppercase())
            })
    };
    let surname = |w: &str| {
        let mut c = w.chars();
        c.next().is_some_and(|f| f.is_uppercase())
            && w.chars().count() >= 2
            && w.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
    };
    let words: Vec<&str> = s.split_whitespace().collect();
    let joined_initials = |ws: &[&str]| initials(&ws.concat());
    match words.as_slice() {
        [] => false,
        [one] => {
            // «Н.В.Тураев»
            match one.rfind('.') {
                Some(i) => initials(&one[..=i]) && surname(&one[i + 1..]),
                None => false,
            }
        }
        ws => {
            (surname(ws[ws.len() - 1]) && joined_initials(&ws[..ws.len() - 1]))
                || (surname(ws[0]) && joined_initials(&ws[1..]))
        }
    }
}

fn typed_point(text: &str) -> Option<String> {
    let t = text.trim_start();
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 3 {
        return None;
    }
    let rest = &t[digits.len()..];
    let rest = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))?;
    rest.starts_with([' ', '\t', '\u{a0}'])
        .then(|| rest.trim().to_string())
}

/// «г. Орёл», «с. Заречное», «п.г.т. Нарышкино», «пос. Лесной»: a short
/// line opening with a settlement's abbreviation.
fn is_place(text: &str) -> bool {
    let l = text.trim().to_lowercase();
    l.chars().count() <= 60
        && [
            "г.",
            "с.",
            "п.",
            "пос.",
            "пгт",
            "п.г.т",
            "д.",
            "ст.",
            "ст-ца",
            "р.п.",
            "рп ",
            "х.",
            "город ",
            "село ",
            "посёлок ",
            "поселок ",
            "деревня ",
        ]
        .iter()
        .any(|p| l.starts_with(p))
}

fn is_mark(text: &str) -> bool {
    let l = text.trim().to_lowercase();
    l.starts_with("приложение") || l.starts_with("утвержден") || l.starts_with("утверждён")
}

/// Finds the act at the head of `blocks`, or None when the document does not
/// open with one (a bare programme).
pub fn find_act(blocks: &[Block]) -> Option<FoundAct> {
    // Only paragraphs before the first table can be the act.
    let paras: Vec<(usize, &Paragraph)> = blocks
        .iter()
        .enumerate()
        .map_while(|(i, b)| match b {
            Block::Paragraph(p) => Some((i, p)),
            Block::Table(_) => None,
        })
        .filter(|(_, p)| !p.text.trim().is_empty())
        .collect();
    let kind_at = paras
        .iter()
        .take(15)
        .position(|(_, p)| kind_of(&p.text).is_some())?;
    let (kind, number_in_kind) = kind_of(&paras[kind_at].1.text)?;
    let mut issuer: Vec<String> = paras[..kind_at]
        .iter()
        .map(|(_, p)| squeeze(&p.text))
        .collect();
    let mut date = None;
    let mut date_text = String::new();
    let mut number = None;
    let mut place = String::new();
    let layout = if number_in_kind.is_empty() {
        FoundLayout::Usual
    } else {
        number = Some(number_in_kind);
        FoundLayout::Institution
    };
    let mut i = kind_at + 1;
    // The heading lines after the kind: date, number, place, and in an
    // institution's order the «по …» lines.
    while i < paras.len() && i <= kind_at + 6 {
        let text = paras[i].1.text.trim();
        let (d, n, written) = date_and_number(text);
        if d.is_some() || n.is_some() {
            if date.is_none() && d.is_some() {
                date_text = written;
            }
            date = date.or(d);
            number = number.or(n);
        } else if layout == FoundLayout::Institution && text.to_lowercase().starts_with("по ") {
            issuer.push(squeeze(text));
        } else if place.is_empty() && is_place(text) {
            place = squeeze(text);
        } else {
            break;
        }
        i += 1;
    }
    // The title: the next paragraph, with the following bold ones of the
    // same look when the title was broken into paragraphs.
    let title_para = paras.get(i)?.1;
    let mut title = title_para.text.trim().to_string();
    i += 1;
    while let Some((_, p)) = paras.get(i) {
        if title_para.bold && p.bold && formula_in(&p.text).is_none() && !is_mark(&p.text) {
            title.push('\n');
            title.push_str(p.text.trim());
            i += 1;
        } else {
            break;
        }
    }
    // The preamble, up to the formula.
    let mut preamble = Vec::new();
    let mut formula = String::new();
    let start = i;
    while let Some((_, p)) = paras.get(i) {
        if is_mark(&p.text) || i > start + 20 {
            break;
        }
        i += 1;
        if let Some((before, f)) = formula_in(&p.text) {
            if !before.is_empty() {
                preamble.push(before);
            }
            formula = f;
            break;
        }
        preamble.push(p.text.trim().to_string());
    }
    if formula.is_empty() {
        // No formula: what was read as preamble is left to the caller.
        i = start;
        preamble.clear();
    }
    // The points, then the signature and the executor line.
    let mut points: Vec<String> = Vec::new();
    let mut position = String::new();
    let mut name = String::new();
    let mut executor = None;
    while let Some((_, p)) = paras.get(i) {
        let text = p.text.trim();
        if is_mark(text) {
            break;
        }
        let low = text.to_lowercase();
        if low.starts_with("исп.") || low.starts_with("исполнитель") {
            executor = Some(squeeze(text));
            i += 1;
            break;
        }
        if name.is_empty() {
            if let Some(pt) = p
                .numbering
                .as_ref()
                .map(|_| text.to_string())
                .or_else(|| typed_point(text))
            {
                if position.is_empty() {
                    points.push(pt);
                    i += 1;
                    continue;
                }
            }
            // «Глава района<TAB>Н. В. Тураев» or the position and the name
            // in paragraphs of their own.
            let cells: Vec<&str> = text
                .split(['\t', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            if cells.len() >= 2 && is_name(cells[cells.len() - 1]) {
                position = cells[..cells.len() - 1].join(" ");
                name = cells[cells.len() - 1].to_string();
            } else if is_name(text) {
                name = text.to_string();
            } else if position.is_empty() && !points.is_empty() && text.chars().count() <= 80 {
                position = squeeze(text);
            } else if let Some(last) = points.last_mut() {
                // A paragraph inside a point.
                last.push('\n');
                last.push_str(text);
            } else {
                break;
            }
            i += 1;
        } else {
            break;
        }
    }
    // A kind's word alone (a heading «ПОСТАНОВЛЕНИЕ» in a section) is no
    // act: an act has its date or number, or its formula.
    if date.is_none() && number.is_none() && formula.is_empty() {
        return None;
    }
    let blocks_used = paras.get(i).map(|(b, _)| *b).unwrap_or_else(|| {
        paras.last().map(|(b, _)| b + 1).unwrap_or(0).max(
            blocks
                .iter()
                .position(|b| matches!(b, Block::Table(_)))
                .unwrap_or(blocks.len()),
        )
    });
    Some(FoundAct {
        kind,
        layout,
        issuer,
        date,
        date_text,
        number,
        place,
        title,
        preamble: preamble.join("\n"),
        formula,
        points,
        signatory_position: position,
        signatory_name: name,
        executor,
        blocks_used,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_each_way_of_writing() {
        let d = |y, m, day| {
            Some(FoundDate {
                year: y,
                month: m,
                day,
            })
        };
        assert_eq!(date_of("от 03.08.2021г."), d(2021, 8, 3));
        assert_eq!(date_of("03.08.2021 г."), d(2021, 8, 3));
        assert_eq!(date_of("3 августа 2012г."), d(2012, 8, 3));
        assert_eq!(date_of("«15» мая 2024 года"), d(2024, 5, 15));
        assert_eq!(date_of("31.02.2024"), None);
        assert_eq!(date_of("п.г.т. Нарышкино"), None);
        assert_eq!(
            date_and_number("от 01.09.2024\t\t№ 45-01"),
            (
                d(2024, 9, 1),
                Some("45-01".to_string()),
                "01.09.2024".to_string()
            )
        );
    }

    #[test]
    fn names_formulas_and_kinds() {
        assert!(is_name("Н. В. Тураев"));
        assert!(is_name("Тураев Н.В."));
        assert!(is_name("Н.В.Тураев"));
        assert!(!is_name("Глава района"));
        assert_eq!(
            formula_in("В целях развития, администрация района ПОСТАНОВЛЯЕТ:"),
            Some((
                "В целях развития, администрация района".into(),
                "ПОСТАНОВЛЯЕТ:".into()
            ))
        );
        assert_eq!(
            formula_in("п р и к а з ы в а ю:"),
            Some(("".into(), "п р и к а з ы в а ю:".into()))
        );
        assert_eq!(formula_in("Задачи:"), None);
        assert_eq!(
            kind_of("П О С Т А Н О В Л Е Н И Е"),
            Some((FoundKind::Decree, String::new()))
        );
        assert_eq!(
            kind_of("ПРИКАЗ № 45"),
            Some((FoundKind::Order, "45".into()))
        );
        assert_eq!(kind_of("Приказываю"), None);
    }
}
