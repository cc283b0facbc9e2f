//! Find and replace across a whole programme: every text she types, on
//! every tab of the editor (the title, the act and its appendix mark, the
//! passport, the tasks, the sections, the indicators, the roadmap).
//!
//! A search ignores case and does not tell «ё» from «е», as she would when
//! reading. Each hit names its field precisely enough for the window to go
//! there (`Place`) and says where it is in words (`Hit::location`), with a
//! snippet around the match. A replacement is one `Edit::Batch`, so a
//! replace-all is one undo step («Отменить: замена «…» на «…»»). The first
//! use is the placeholders a template leaves («[наименование]»): the same
//! finder lists them, by the rule readiness uses (`readiness::placeholders`).

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};
use crate::model::*;
use crate::store::ItemInput;
use crate::Edit;

/// The window shows at most this many hits (and says how many there are).
pub const MAX_HITS: usize = 500;

/// A field of the approving act.
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "name", rename_all = "snake_case", deny_unknown_fields)]
pub enum ActField {
    /// One line of the heading (line from 0).
    Issuer {
        line: usize,
    },
    Number,
    Place,
    Title,
    Preamble,
    Formula,
    /// One point of the act (from 0).
    Point {
        index: usize,
    },
    SignatoryPosition,
    SignatoryName,
    Executor,
}

#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppendixField {
    Number,
    IssuerGenitive,
    /// The participle she typed in place of the derived one.
    Participle,
}

/// A text of the document's own shape (`DocumentLayout`, §2).
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "name", rename_all = "snake_case", deny_unknown_fields)]
pub enum LayoutField {
    PassportHeading,
    IndicatorsHeading,
    RoadmapHeading,
    /// The header of a printed roadmap column: the one she typed, or the
    /// kind's default that prints in place of an empty one.
    ColumnHeader {
        column: ColumnKind,
    },
    /// The title over the per-year columns.
    YearsHeading,
}

#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskColumn {
    Stage,
    Risk,
    Mitigation,
}

#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SwotQuarter {
    Strengths,
    Weaknesses,
    Opportunities,
    Threats,
}

/// Where in a section block (all indices from 0).
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum SectionCell {
    /// A paragraph (line 0) or one item of a list.
    Text {
        line: usize,
    },
    /// The heading of a table's column.
    Column {
        column: usize,
    },
    Cell {
        row: usize,
        column: usize,
    },
    Risk {
        row: usize,
        column: RiskColumn,
    },
    Swot {
        quarter: SwotQuarter,
        line: usize,
    },
}

#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorField {
    Name,
    Unit,
}

#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "name", rename_all = "snake_case", deny_unknown_fields)]
pub enum ItemField {
    Activity,
    Deadline,
    Responsible,
    ExpectedResult,
    PlannedValue,
    /// The text of a per-year column.
    Year {
        year: i32,
    },
}

/// One text field of a programme. Elements are named by uid (numbers
/// follow the order and change with it); the parts inside an element by
/// index from 0.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "part", rename_all = "snake_case", deny_unknown_fields)]
pub enum Place {
    Title,
    Act {
        field: ActField,
    },
    Appendix {
        field: AppendixField,
    },
    Layout {
        field: LayoutField,
    },
    PassportLabel {
        row: String,
    },
    /// A paragraph (line 0) or one item of a list in a passport row.
    PassportText {
        row: String,
        block: usize,
        line: usize,
    },
    Task {
        task: String,
    },
    SectionTitle {
        section: String,
    },
    SectionText {
        section: String,
        block: usize,
        cell: SectionCell,
    },
    Indicator {
        indicator: String,
        field: IndicatorField,
    },
    BlockTitle {
        block: String,
    },
    Item {
        item: String,
        field: ItemField,
    },
}

/// One match. `start` and `end` count characters (Unicode scalar values)
/// of the field's text, `end` exclusive.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub place: Place,
    /// «Дорожная карта · мероприятие 1.3, сроки».
    pub location: String,
    pub start: usize,
    pub end: usize,
    /// The snippet: text before the match (shortened, «…» first when cut),
    /// the match as written, the text after. Line breaks become spaces.
    pub before: String,
    pub matched: String,
    pub after: String,
}

/// What a search found: the first `MAX_HITS` hits in document order and
/// how many there are in all.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub total: usize,
}

/// What to look for.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Query {
    /// The text, whatever its case, «ё» read as «е».
    Text { text: String },
    /// Every placeholder left from a template: «[…]» with a letter in it.
    Placeholders,
}

/// Which matches a replacement changes.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ReplaceTarget {
    All,
    /// The one match that starts at character `start` of the field.
    One {
        place: Place,
        start: usize,
    },
}

/// A replacement ready to apply: one batch, and how many matches it changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Replacement {
    pub edit: Edit,
    pub count: usize,
}

/// Every text field of `p` in document order, each with its place and its
/// location in words (built only when asked: most fields have no hit).
/// `f` may change the text; the caller gets back what it changed.
/// A field's place and its location in words, made only when asked.
type Where<'a> = &'a dyn Fn() -> (Place, String);

fn each_field(p: &mut Programme, f: &mut dyn FnMut(&mut String, Where<'_>)) {
    let field_in = |part: &str, what: String| format!("{part} · {what}");
    f(&mut p.title, &|| {
        (Place::Title, "Название программы".to_string())
    });
    if let Some(act) = &mut p.act {
        let mut one = |text: &mut String, field: ActField, what: &str| {
            f(text, &|| {
                (Place::Act { field }, field_in("Акт", what.to_string()))
            })
        };
        for (line, text) in act.issuer.iter_mut().enumerate() {
            let what = format!("шапка, строка {}", line + 1);
            one(text, ActField::Issuer { line }, &what);
        }
        if let Some(number) = &mut act.number {
            one(number, ActField::Number, "номер");
        }
        one(&mut act.place, ActField::Place, "место издания");
        one(&mut act.title, ActField::Title, "заголовок");
        one(&mut act.preamble, ActField::Preamble, "преамбула");
        one(&mut act.formula, ActField::Formula, "формула");
        for (index, text) in act.points.iter_mut().enumerate() {
            let what = format!("пункт {}", index + 1);
            one(text, ActField::Point { index }, &what);
        }
        one(
            &mut act.signatory_position,
            ActField::SignatoryPosition,
            "должность подписывающего",
        );
        one(&mut act.signatory_name, ActField::SignatoryName, "подпись");
        if let Some(executor) = &mut act.executor {
            one(executor, ActField::Executor, "исполнитель");
        }
    }
    for (field, text, what) in [
        (
            AppendixField::Number,
            &mut p.appendix.number,
            "гриф, номер приложения",
        ),
        (
            AppendixField::IssuerGenitive,
            &mut p.appendix.issuer_genitive,
            "гриф, чьё постановление",
        ),
        (
            AppendixField::Participle,
            &mut p.appendix.participle,
            "гриф, слово «УТВЕРЖДЕНА»",
        ),
    ] {
        f(text, &|| {
            (Place::Appendix { field }, field_in("Акт", what.to_string()))
        });
    }
    // The passport's and the indicator table's headings are set on the
    // «Разделы» tab («Оформление»), where the window goes for them.
    f(&mut p.layout.passport_heading, &|| {
        (
            Place::Layout {
                field: LayoutField::PassportHeading,
            },
            field_in("Разделы", "оформление, заголовок паспорта".into()),
        )
    });
    for (n, row) in p.passport.iter_mut().enumerate() {
        let (uid, label) = (row.uid.clone(), short(&row.label));
        let n = n + 1;
        f(&mut row.label, &|| {
            (
                Place::PassportLabel { row: uid.clone() },
                field_in("Паспорт", format!("строка {n}, название")),
            )
        });
        for (block, content) in row.content.iter_mut().enumerate() {
            // List items are numbered in a location even when there is one.
            let list = !matches!(content, TextBlock::Paragraph { .. });
            let lines: Vec<&mut String> = match content {
                TextBlock::Paragraph { text } => vec![text],
                TextBlock::Numbered { items } | TextBlock::Bulleted { items } => {
                    items.iter_mut().collect()
                }
            };
            for (line, text) in lines.into_iter().enumerate() {
                f(text, &|| {
                    let item = if list {
                        format!(", пункт {}", line + 1)
                    } else {
                        String::new()
                    };
                    (
                        Place::PassportText {
                            row: uid.clone(),
                            block,
                            line,
                        },
                        field_in("Паспорт", format!("строка {n} «{label}»{item}")),
                    )
                });
            }
        }
    }
    for (n, task) in p.tasks.iter_mut().enumerate() {
        let uid = task.uid.clone();
        f(&mut task.text, &|| {
            (
                Place::Task { task: uid.clone() },
                field_in("Паспорт", format!("задача {}", n + 1)),
            )
        });
    }
    // Sections by the programme's own numbers («Раздел 2», «3», «II»),
    // an unnumbered one by its title only.
    let section_numbers = p.heading_numbers().sections;
    for (n, section) in p.sections.iter_mut().enumerate() {
        let (uid, number, title) = (
            section.uid.clone(),
            section_name(section_numbers.get(n).map_or("", String::as_str)),
            short(&section.title),
        );
        f(&mut section.title, &|| {
            (
                Place::SectionTitle {
                    section: uid.clone(),
                },
                field_in("Разделы", format!("{number}, название")),
            )
        });
        for (block, body) in section.body.iter_mut().enumerate() {
            let mut cell = |text: &mut String, cell: SectionCell, what: String| {
                f(text, &|| {
                    (
                        Place::SectionText {
                            section: uid.clone(),
                            block,
                            cell,
                        },
                        field_in("Разделы", format!("{number} «{title}», {what}")),
                    )
                })
            };
            match body {
                SectionBlock::Paragraph { text } => {
                    cell(text, SectionCell::Text { line: 0 }, "абзац".into())
                }
                SectionBlock::Numbered { items } | SectionBlock::Bulleted { items } => {
                    for (line, text) in items.iter_mut().enumerate() {
                        let what = format!("список, пункт {}", line + 1);
                        cell(text, SectionCell::Text { line }, what);
                    }
                }
                SectionBlock::Table { columns, rows } => {
                    for (column, text) in columns.iter_mut().enumerate() {
                        let what = format!("таблица, заголовок столбца {}", column + 1);
                        cell(text, SectionCell::Column { column }, what);
                    }
                    for (row, cells) in rows.iter_mut().enumerate() {
                        for (column, text) in cells.iter_mut().enumerate() {
                            let what =
                                format!("таблица, строка {}, столбец {}", row + 1, column + 1);
                            cell(text, SectionCell::Cell { row, column }, what);
                        }
                    }
                }
                SectionBlock::Risks { rows, .. } => {
                    for (row, risk) in rows.iter_mut().enumerate() {
                        for (column, text, name) in [
                            (RiskColumn::Stage, &mut risk.stage, "этап"),
                            (RiskColumn::Risk, &mut risk.risk, "риск"),
                            (RiskColumn::Mitigation, &mut risk.mitigation, "меры"),
                        ] {
                            let what = format!("риски, строка {}, {name}", row + 1);
                            cell(text, SectionCell::Risk { row, column }, what);
                        }
                    }
                }
                SectionBlock::Swot {
                    strengths,
                    weaknesses,
                    opportunities,
                    threats,
                } => {
                    for (quarter, items, name) in [
                        (SwotQuarter::Strengths, strengths, "сильные стороны"),
                        (SwotQuarter::Weaknesses, weaknesses, "слабые стороны"),
                        (SwotQuarter::Opportunities, opportunities, "возможности"),
                        (SwotQuarter::Threats, threats, "угрозы"),
                    ] {
                        for (line, text) in items.iter_mut().enumerate() {
                            let what = format!("SWOT, {name}, пункт {}", line + 1);
                            cell(text, SectionCell::Swot { quarter, line }, what);
                        }
                    }
                }
                SectionBlock::Indicators | SectionBlock::Roadmap => {}
            }
        }
    }
    f(&mut p.layout.indicators_heading, &|| {
        (
            Place::Layout {
                field: LayoutField::IndicatorsHeading,
            },
            field_in(
                "Разделы",
                "оформление, заголовок таблицы показателей".into(),
            ),
        )
    });
    for (n, indicator) in p.indicators.iter_mut().enumerate() {
        let uid = indicator.uid.clone();
        let n = n + 1;
        for (field, text, what) in [
            (IndicatorField::Name, &mut indicator.name, "наименование"),
            (
                IndicatorField::Unit,
                &mut indicator.unit,
                "единица измерения",
            ),
        ] {
            f(text, &|| {
                (
                    Place::Indicator {
                        indicator: uid.clone(),
                        field,
                    },
                    field_in("Показатели", format!("показатель {n}, {what}")),
                )
            });
        }
    }
    // The programme's own numbers, worked out before its blocks are
    // borrowed for writing.
    let block_numbers: Vec<String> = (0..p.roadmap.blocks.len())
        .map(|b| p.block_number(b))
        .collect();
    let item_numbers: Vec<Vec<String>> = p
        .roadmap
        .blocks
        .iter()
        .enumerate()
        .map(|(b, block)| (0..block.items.len()).map(|i| p.item_ref(b, i)).collect())
        .collect();
    let roadmap_layout = |field: LayoutField, what: String| {
        move || {
            (
                Place::Layout { field },
                field_in("Дорожная карта", format!("оформление, {what}")),
            )
        }
    };
    let printed = p.printed_columns();
    let rl = &mut p.layout.roadmap;
    f(
        &mut rl.heading,
        &roadmap_layout(LayoutField::RoadmapHeading, "заголовок".into()),
    );
    // The headers as they print: hers, or the default one in place of an
    // empty header (the editor shows it greyed in the empty field). A
    // default header a replacement really changes becomes her typed
    // header, and the default set of columns her own; one it leaves as it
    // was stays the default, stored empty.
    let mut columns = printed.clone();
    for column in &mut columns {
        let kind = column.kind;
        let field = LayoutField::ColumnHeader { column: kind };
        let default = kind.default_header();
        if column.header.trim().is_empty() {
            let what = format!("заголовок столбца «{default}» (обычный)");
            let mut text = default.to_string();
            f(&mut text, &roadmap_layout(field, what));
            if text != default {
                column.header = text;
            }
        } else {
            let what = format!("заголовок столбца «{default}»");
            f(&mut column.header, &roadmap_layout(field, what));
        }
    }
    if columns != printed {
        rl.columns = columns;
    }
    f(
        &mut rl.years_heading,
        &roadmap_layout(
            LayoutField::YearsHeading,
            "заголовок столбцов по годам".into(),
        ),
    );
    for (b, block) in p.roadmap.blocks.iter_mut().enumerate() {
        let uid = block.uid.clone();
        f(&mut block.title, &|| {
            (
                Place::BlockTitle { block: uid.clone() },
                field_in(
                    "Дорожная карта",
                    format!("блок {}, название", block_numbers[b]),
                ),
            )
        });
        for (i, item) in block.items.iter_mut().enumerate() {
            let (uid, number) = (item.uid.clone(), item_numbers[b][i].clone());
            let mut one = |text: &mut String, field: ItemField, what: &str| {
                f(text, &|| {
                    (
                        Place::Item {
                            item: uid.clone(),
                            field,
                        },
                        field_in("Дорожная карта", format!("мероприятие {number}, {what}")),
                    )
                })
            };
            one(&mut item.activity, ItemField::Activity, "мероприятие");
            one(&mut item.deadline, ItemField::Deadline, "сроки");
            one(
                &mut item.responsible,
                ItemField::Responsible,
                "ответственные",
            );
            one(
                &mut item.expected_result,
                ItemField::ExpectedResult,
                "ожидаемый результат",
            );
            one(
                &mut item.planned_value,
                ItemField::PlannedValue,
                "планируемое значение",
            );
            for year in &mut item.per_year {
                let what = format!("{} год", year.year);
                one(&mut year.text, ItemField::Year { year: year.year }, &what);
            }
        }
    }
}

/// How a location names a section: «раздел 2», «раздел II», «раздел
/// Раздел 2» read as «раздел 2»; «раздел без номера» when it has none.
fn section_name(number: &str) -> String {
    let n = number.trim().trim_end_matches('.');
    let n = n.strip_prefix("Раздел ").unwrap_or(n);
    if n.is_empty() {
        "раздел без номера".into()
    } else {
        format!("раздел {n}")
    }
}

/// A name shortened for a location: the first words, up to 40 characters.
fn short(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= 40 {
        return one_line;
    }
    let cut: String = one_line.chars().take(40).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > 20 => &cut[..space],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// The character as a search compares it: lower case, «ё» as «е».
fn fold(c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'ё' => 'е',
        other => other,
    }
}

/// The matches of `needle` (already folded, not empty) in `text`, as
/// character ranges, left to right, not overlapping.
fn matches_in(text: &str, needle: &[char]) -> Vec<(usize, usize)> {
    let hay: Vec<char> = text.chars().map(fold).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i..i + needle.len()] == *needle {
            out.push((i, i + needle.len()));
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

/// The placeholders of `text` as character ranges.
fn placeholders_in(text: &str) -> Vec<(usize, usize)> {
    crate::readiness::placeholders(text)
        .into_iter()
        .map(|found| {
            // `placeholders` returns slices of `text`: their byte offset is
            // where they start.
            let byte = found.as_ptr() as usize - text.as_ptr() as usize;
            let start = text[..byte].chars().count();
            (start, start + found.chars().count())
        })
        .collect()
}

fn folded_needle(text: &str) -> Result<Vec<char>> {
    if text.is_empty() {
        return Err(CoreError::Replace(
            "Не указано, что искать: введите текст.".into(),
        ));
    }
    Ok(text.chars().map(fold).collect())
}

/// The snippet around characters `start..end` of `text`.
fn snippet(text: &str, start: usize, end: usize) -> (String, String, String) {
    const SIDE: usize = 40;
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect();
    let from = start.saturating_sub(SIDE);
    let to = (end + SIDE).min(chars.len());
    let mut before: String = chars[from..start].iter().collect();
    let mut after: String = chars[end..to].iter().collect();
    if from > 0 {
        // Start at a word, not in the middle of one.
        if let Some(space) = before.find(' ') {
            before = before[space + 1..].to_string();
        }
        before.insert(0, '…');
    }
    if to < chars.len() {
        if let Some(space) = after.rfind(' ') {
            after.truncate(space);
        }
        after.push('…');
    }
    (before, chars[start..end].iter().collect(), after)
}

/// Every match of `query` in `p`, in document order (the first
/// `MAX_HITS`, and the count of all).
pub fn find(p: &Programme, query: &Query) -> Result<Found> {
    let needle = match query {
        Query::Text { text } => Some(folded_needle(text)?),
        Query::Placeholders => None,
    };
    let mut work = p.clone();
    let mut found = Found {
        hits: Vec::new(),
        total: 0,
    };
    each_field(&mut work, &mut |text, place| {
        let ranges = match &needle {
            Some(needle) => matches_in(text, needle),
            None => placeholders_in(text),
        };
        if ranges.is_empty() {
            return;
        }
        found.total += ranges.len();
        if found.hits.len() >= MAX_HITS {
            return;
        }
        let (place, location) = place();
        for (start, end) in ranges.into_iter().take(MAX_HITS - found.hits.len()) {
            let (before, matched, after) = snippet(text, start, end);
            found.hits.push(Hit {
                place: place.clone(),
                location: location.clone(),
                start,
                end,
                before,
                matched,
                after,
            });
        }
    });
    Ok(found)
}

/// `text` with characters `ranges` (ascending, not overlapping) replaced by `to`.
fn replaced(text: &str, ranges: &[(usize, usize)], to: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for &(start, end) in ranges {
        out.extend(&chars[at..start]);
        out.push_str(to);
        at = end;
    }
    out.extend(&chars[at..]);
    out
}

/// «замена «[годы]» на «2026–2029»», with long texts shortened.
fn label(from: &str, to: &str) -> String {
    let cut = |s: &str| {
        let one_line = s.replace(['\n', '\t'], " ");
        if one_line.chars().count() > 30 {
            format!("{}…", one_line.chars().take(29).collect::<String>())
        } else {
            one_line
        }
    };
    format!("замена «{}» на «{}»", cut(from), cut(to))
}

/// The batch that replaces the matches of `from` chosen by `target` with
/// `to` (as typed): one edit per element it changes, one undo step. A
/// target that no longer holds a match (the text changed since the search)
/// is refused, as is a search that finds nothing.
pub fn replace(p: &Programme, from: &str, to: &str, target: &ReplaceTarget) -> Result<Replacement> {
    let needle = folded_needle(from)?;
    let mut after = p.clone();
    let mut count = 0;
    let mut target_seen = false;
    each_field(&mut after, &mut |text, place| {
        let mut ranges = matches_in(text, &needle);
        if ranges.is_empty() {
            return;
        }
        if let ReplaceTarget::One {
            place: wanted,
            start,
        } = target
        {
            if target_seen || place().0 != *wanted {
                return;
            }
            target_seen = true;
            ranges.retain(|r| r.0 == *start);
            if ranges.is_empty() {
                return;
            }
        }
        count += ranges.len();
        *text = replaced(text, &ranges, to);
    });
    if count == 0 {
        let short_from = short(from);
        return Err(CoreError::Replace(match target {
            ReplaceTarget::All => {
                format!("Ничего не заменено: текст «{short_from}» в программе не найден.")
            }
            ReplaceTarget::One { .. } => format!(
                "Ничего не заменено: в этом месте уже нет текста «{short_from}» (его изменили после поиска). Найдите его снова."
            ),
        }));
    }
    Ok(Replacement {
        edit: Edit::Batch {
            label: label(from, to),
            edits: edits_between(p, &after),
        },
        count,
    })
}

/// The edits that turn `before` into `after`, which differ only in texts:
/// one per element that changed.
fn edits_between(before: &Programme, after: &Programme) -> Vec<Edit> {
    let mut edits = Vec::new();
    if before.title != after.title {
        edits.push(Edit::SetTitle {
            title: after.title.clone(),
        });
    }
    if before.act != after.act {
        edits.push(Edit::SetAct {
            act: after.act.clone(),
        });
    }
    if before.appendix != after.appendix {
        edits.push(Edit::SetAppendix {
            appendix: after.appendix.clone(),
        });
    }
    if before.layout != after.layout {
        edits.push(Edit::SetLayout {
            layout: after.layout.clone(),
        });
    }
    for (old, new) in before.passport.iter().zip(&after.passport) {
        if old != new {
            edits.push(Edit::PutPassportRow {
                at: None,
                row: new.clone(),
            });
        }
    }
    for (old, new) in before.tasks.iter().zip(&after.tasks) {
        if old != new {
            edits.push(Edit::PutTask {
                at: None,
                task: new.clone(),
            });
        }
    }
    for (old, new) in before.sections.iter().zip(&after.sections) {
        if old != new {
            edits.push(Edit::PutSection {
                at: None,
                section: new.clone(),
            });
        }
    }
    for (old, new) in before.indicators.iter().zip(&after.indicators) {
        if old != new {
            edits.push(Edit::PutIndicator {
                at: None,
                indicator: new.clone(),
            });
        }
    }
    for (old_block, block) in before.roadmap.blocks.iter().zip(&after.roadmap.blocks) {
        if old_block.title != block.title {
            edits.push(Edit::PutBlock {
                at: None,
                uid: block.uid.clone(),
                title: block.title.clone(),
            });
        }
        for (old, new) in old_block.items.iter().zip(&block.items) {
            if old != new {
                edits.push(Edit::PutItem {
                    block: block.uid.clone(),
                    at: None,
                    uid: new.uid.clone(),
                    item: ItemInput {
                        activity: new.activity.clone(),
                        deadline: new.deadline.clone(),
                        responsible: new.responsible.clone(),
                        expected_result: new.expected_result.clone(),
                        planned_value: new.planned_value.clone(),
                        per_year: new.per_year.clone(),
                    },
                });
            }
        }
    }
    edits
}
