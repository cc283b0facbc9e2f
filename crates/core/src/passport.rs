//! Passport rows that repeat the programme's data (docs/design.md §2, «Passport»):
//! «Наименование программы» (the title), «Задачи программы» (the tasks),
//! «Целевые индикаторы и показатели» (the indicators with their units) and
//! «Сроки и этапы реализации» (the period). Such a row is filled from the
//! data when it is printed, checked and shown, so it cannot disagree with
//! it, unless she chose to type it herself (`PassportRow::from_data` off);
//! then readiness compares what she typed with the data.

use std::borrow::Cow;

use metodist_schedule::Period;

use crate::model::{Indicator, PassportKey, PassportRow, Programme, RichText, TextBlock};

/// Whether a row of this kind can be filled from the data.
pub fn derivable(key: PassportKey) -> bool {
    matches!(
        key,
        PassportKey::Name | PassportKey::Tasks | PassportKey::Indicators | PassportKey::Terms
    )
}

fn rich_is_blank(content: &RichText) -> bool {
    content.iter().all(|b| match b {
        TextBlock::Paragraph { text } => text.trim().is_empty(),
        TextBlock::Numbered { items } | TextBlock::Bulleted { items } => {
            items.iter().all(|i| i.trim().is_empty())
        }
    })
}

impl PassportRow {
    /// Whether the row prints the data rather than its own content. A
    /// «Задачи» row with nothing typed prints the tasks, as every file
    /// written before `from_data` existed expects.
    pub fn fills_from_data(&self) -> bool {
        derivable(self.key)
            && (self.from_data || (self.key == PassportKey::Tasks && rich_is_blank(&self.content)))
    }
}

/// «2026–2029 годы», «2026 год».
pub fn terms_text(period: Period) -> String {
    let (first, last) = (period.start.year(), period.end.year());
    if first == last {
        format!("{first} год")
    } else {
        format!("{first}\u{2013}{last} годы")
    }
}

/// An indicator as the passport lists it: «Доля школ …, %».
pub fn indicator_line(ind: &Indicator) -> String {
    let name = ind.name.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = name.trim_end_matches(['.', ',', ';']);
    let unit = ind.unit.trim();
    if unit.is_empty() {
        name.to_string()
    } else {
        format!("{name}, {unit}")
    }
}

/// What a row of kind `key` says when it is filled from the data; `None`
/// for the kinds that are always typed.
pub fn derived(p: &Programme, key: PassportKey) -> Option<RichText> {
    let numbered = |items: Vec<String>| {
        if items.is_empty() {
            Vec::new()
        } else {
            vec![TextBlock::Numbered { items }]
        }
    };
    match key {
        PassportKey::Name => {
            let title = p.title.split_whitespace().collect::<Vec<_>>().join(" ");
            Some(if title.is_empty() {
                Vec::new()
            } else {
                vec![TextBlock::Paragraph { text: title }]
            })
        }
        PassportKey::Tasks => Some(numbered(
            p.tasks
                .iter()
                .map(|t| t.text.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect(),
        )),
        PassportKey::Indicators => Some(numbered(
            p.indicators
                .iter()
                .map(indicator_line)
                .filter(|t| !t.is_empty())
                .collect(),
        )),
        PassportKey::Terms => Some(vec![TextBlock::Paragraph {
            text: terms_text(p.period),
        }]),
        _ => None,
    }
}

/// The right column of a row as it is printed: the data for a row filled
/// from it, else what she typed.
pub fn shown<'a>(p: &Programme, row: &'a PassportRow) -> Cow<'a, RichText> {
    if row.fills_from_data() {
        if let Some(content) = derived(p, row.key) {
            return Cow::Owned(content);
        }
    }
    Cow::Borrowed(&row.content)
}

// ---- What a typed row says, compared with the data (readiness) ----

/// The years a typed text names («2021 – 2024 гг.», «сентябрь 2025 года»).
pub fn years_in(text: &str) -> Vec<i32> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4 {
                let year: String = chars[start..i].iter().collect();
                if let Ok(y) = year.parse::<i32>() {
                    if (1900..=2199).contains(&y) {
                        out.push(y);
                    }
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The words of a name that carry its meaning, cut to a stem so that
/// «школами» and «школ» agree: lower case, five letters at most, words of
/// fewer than three letters (prepositions) left out.
fn stems(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(|w| w.to_lowercase().replace('ё', "е"))
        // Numbers count whatever their length («9-х», «4» и «5»).
        .filter(|w| w.chars().count() >= 3 || w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| w.chars().take(5).collect())
        .collect()
}

/// How well a line of a typed row names `ind`: the share of its words
/// found in the indicator's name (a passport often shortens the name,
/// never adds to it). The unit after the last comma is not part of the name.
fn score(line: &str, ind: &Indicator) -> f32 {
    let line = line.trim().trim_end_matches(['.', ';', ',']);
    let line = match line.rsplit_once(',') {
        Some((name, unit)) if unit.trim() == ind.unit.trim() && !unit.trim().is_empty() => name,
        _ => line,
    };
    let words = stems(line);
    if words.is_empty() {
        return 0.0;
    }
    let name: Vec<String> = stems(&ind.name);
    let found = words.iter().filter(|w| name.contains(w)).count();
    found as f32 / words.len() as f32
}

/// The indicator a line names: the one whose name holds the most of its
/// words, if that is nearly all of them.
fn named_by(line: &str, indicators: &[Indicator]) -> Option<usize> {
    let (best, s) = indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| (i, score(line, ind)))
        .fold((None, 0.0_f32), |(bi, bs), (i, s)| {
            if s > bs {
                (Some(i), s)
            } else {
                (bi, bs)
            }
        });
    best.filter(|_| s >= 0.8)
}

/// The lines of a typed indicator row that name an indicator: the items of
/// its lists, or, in a row with no list, its paragraphs' lines.
fn indicator_lines(content: &RichText) -> Vec<String> {
    let lists: Vec<String> = content
        .iter()
        .flat_map(|b| match b {
            TextBlock::Numbered { items } | TextBlock::Bulleted { items } => items.clone(),
            TextBlock::Paragraph { .. } => Vec::new(),
        })
        .filter(|i| !i.trim().is_empty())
        .collect();
    if !lists.is_empty() {
        return lists;
    }
    content
        .iter()
        .flat_map(|b| match b {
            TextBlock::Paragraph { text } => text.lines().map(str::to_string).collect(),
            _ => Vec::new(),
        })
        .map(|l| {
            // «1. Доля …»: the number she typed is not part of the name.
            let t = l.trim();
            let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
            match rest.strip_prefix(['.', ')']) {
                Some(r) if rest.len() < t.len() => r.trim().to_string(),
                _ => t.to_string(),
            }
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// How a typed «Целевые индикаторы» row differs from the indicators: the
/// lines that name no indicator, and the indicators (by index) no line names.
pub fn indicator_mismatch(p: &Programme, content: &RichText) -> (Vec<String>, Vec<usize>) {
    let lines = indicator_lines(content);
    let named: Vec<Option<usize>> = lines.iter().map(|l| named_by(l, &p.indicators)).collect();
    let unknown = lines
        .iter()
        .zip(&named)
        .filter(|(_, n)| n.is_none())
        .map(|(l, _)| l.clone())
        .collect();
    let missing = p
        .indicators
        .iter()
        .enumerate()
        .filter(|(i, ind)| !ind.name.trim().is_empty() && !named.contains(&Some(*i)))
        .map(|(i, _)| i)
        .collect();
    (unknown, missing)
}

/// A title or a typed name, compared without the spacing, the case, the
/// quotes and a closing full stop.
pub fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        // «… (далее — Программа)» names the short form, not the title.
        let s = s.trim_end().trim_end_matches('.');
        let s = match s.rfind("(далее") {
            Some(at) if s.ends_with(')') => &s[..at],
            _ => s,
        };
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace(['«', '»', '"', '“', '”', '„'], "")
            .trim_end_matches('.')
            .to_lowercase()
            .replace('ё', "е")
    };
    norm(a) == norm(b)
}

/// The text of a rich cell in one line (for comparing a typed name).
pub fn plain(content: &RichText) -> String {
    content
        .iter()
        .flat_map(|b| match b {
            TextBlock::Paragraph { text } => vec![text.as_str()],
            TextBlock::Numbered { items } | TextBlock::Bulleted { items } => {
                items.iter().map(String::as_str).collect()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Indicator;

    fn programme() -> Programme {
        crate::generate::programme(3, 1)
    }

    fn row(p: &Programme, key: PassportKey) -> &PassportRow {
        p.passport.iter().find(|r| r.key == key).unwrap()
    }

    #[test]
    fn rows_filled_from_the_data_print_the_data() {
        let mut p = programme();
        p.title = "Программа  поддержки школ".into();
        p.period = Period::new(
            metodist_schedule::YearMonth::new(2026, 9).unwrap(),
            metodist_schedule::YearMonth::new(2029, 5).unwrap(),
        )
        .unwrap();
        assert_eq!(
            *shown(&p, row(&p, PassportKey::Name)),
            vec![TextBlock::Paragraph {
                text: "Программа поддержки школ".into()
            }]
        );
        assert_eq!(
            *shown(&p, row(&p, PassportKey::Terms)),
            vec![TextBlock::Paragraph {
                text: "2026–2029 годы".into()
            }]
        );
        let TextBlock::Numbered { items } = &shown(&p, row(&p, PassportKey::Indicators))[0] else {
            panic!("a numbered list of indicators");
        };
        assert_eq!(items.len(), p.indicators.len());
        assert_eq!(items[0], indicator_line(&p.indicators[0]));
        let TextBlock::Numbered { items } = &shown(&p, row(&p, PassportKey::Tasks))[0] else {
            panic!("a numbered list of tasks");
        };
        assert_eq!(items.len(), p.tasks.len());
    }

    #[test]
    fn a_typed_row_prints_what_she_typed() {
        let mut p = programme();
        let typed = vec![TextBlock::Paragraph {
            text: "2024–2027 годы, в три этапа".into(),
        }];
        let terms = p
            .passport
            .iter_mut()
            .find(|r| r.key == PassportKey::Terms)
            .unwrap();
        terms.from_data = false;
        terms.content = typed.clone();
        assert_eq!(*shown(&p, row(&p, PassportKey::Terms)), typed);
        // A kind that is always typed ignores the flag.
        let goal = p
            .passport
            .iter_mut()
            .find(|r| r.key == PassportKey::Goal)
            .unwrap();
        goal.from_data = true;
        assert!(!goal.fills_from_data());
    }

    #[test]
    fn an_older_tasks_row_with_nothing_typed_still_prints_the_tasks() {
        let json = r#"{"uid":"r","key":"tasks","label":"Задачи программы","content":[]}"#;
        let r: PassportRow = serde_json::from_str(json).unwrap();
        assert!(!r.from_data);
        assert!(r.fills_from_data());
        let typed = r#"{"uid":"r","key":"indicators","label":"Показатели","content":[]}"#;
        let r: PassportRow = serde_json::from_str(typed).unwrap();
        assert!(!r.fills_from_data(), "older files typed every other row");
        // A typed row is written as before: no new field in the file.
        assert!(!serde_json::to_string(&r).unwrap().contains("from_data"));
    }

    #[test]
    fn one_year_and_units() {
        let p = Period::new(
            metodist_schedule::YearMonth::new(2026, 1).unwrap(),
            metodist_schedule::YearMonth::new(2026, 12).unwrap(),
        )
        .unwrap();
        assert_eq!(terms_text(p), "2026 год");
        let ind = Indicator {
            uid: "i".into(),
            name: " Доля школ\nрайона. ".into(),
            unit: "%".into(),
            direction: crate::model::Direction::Increase,
            base_value: None,
            base_year: None,
            task: None,
            values: vec![],
        };
        assert_eq!(indicator_line(&ind), "Доля школ района, %");
    }

    #[test]
    fn years_names_and_lines_in_typed_text() {
        assert_eq!(years_in("2020 -2022 г.г."), [2020, 2022]);
        assert_eq!(
            years_in("Сентябрь 2024 года — май 2027 года, № 12345"),
            [2024, 2027]
        );
        assert!(years_in("в течение трёх лет").is_empty());
        assert!(same_name(
            "Муниципальная программа «Школа» (далее — Программа).",
            "муниципальная  программа школа"
        ));
        assert!(!same_name("Программа развития", "Программа поддержки"));
        let mut p = programme();
        p.indicators.truncate(2);
        let content = vec![
            TextBlock::Paragraph {
                text: "Эффективность оценивается по показателям:".into(),
            },
            TextBlock::Numbered {
                items: vec![
                    // Shortened, with its unit: still names indicator 1.
                    indicator_line(&p.indicators[0]),
                    "Число призёров олимпиад, чел.".into(),
                ],
            },
        ];
        let (unknown, missing) = indicator_mismatch(&p, &content);
        assert_eq!(unknown, ["Число призёров олимпиад, чел."]);
        assert_eq!(missing, [1]);
        // Paragraph lines count when the row has no list; «1.» is not a word.
        let lines = vec![TextBlock::Paragraph {
            text: format!("1. {}\n2. {}", p.indicators[0].name, p.indicators[1].name),
        }];
        assert_eq!(indicator_mismatch(&p, &lines), (vec![], vec![]));
    }
}
