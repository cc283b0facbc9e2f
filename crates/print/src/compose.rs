//! From a programme to a document: the approving act and its appendix, in
//! the layout docs/design.md §3 describes.

use metodist_core::model::{
    self as m, ActHeading, ActKind, ApprovingAct, ColumnKind, MarkStyle, Programme, RichText,
    RoadmapShape, SectionBlock, TextBlock,
};

use crate::doc::{
    Align, Block, Cell, CellBlock, Document, Indent, List, ListItem, Mark, Orientation, PageGroup,
    Paragraph, Row, Run, Table, TwoSided,
};
use crate::error::PrintError;
use crate::fonts::Fonts;
use crate::profile::{HeaderRepeat, LayoutProfile};
use crate::{render, Rendered};

/// What to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ComposeMode {
    /// The approving act, then the programme as its appendix. A programme
    /// with no act yet prints as the programme alone, without a mark.
    #[default]
    WholeAct,
    /// The programme alone, with its appendix mark.
    AppendixOnly,
}

const DATE_BLANK: &str = "____________";
const NUMBER_BLANK: &str = "_____";

/// A number with a decimal comma, as Russian documents print it.
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    // Values are typed with at most a few decimals; rounding to 6 hides
    // binary noise such as 0.30000000000000004.
    let rounded = (v * 1e6).round() / 1e6;
    let s = format!("{rounded}");
    let s = if s == "-0" { "0".to_string() } else { s };
    s.replace('.', ",")
}

fn date_and_number(act: Option<&ApprovingAct>) -> (String, String) {
    let date = act
        .and_then(|a| a.date.map(|d| a.date_format.format(d)))
        .unwrap_or_else(|| DATE_BLANK.to_string());
    let number = act
        .and_then(|a| a.number.as_deref())
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| NUMBER_BLANK.to_string());
    (date, number)
}

/// Paragraphs of a text field: one per typed line.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

fn spaced_capitals(word: &str) -> String {
    word.chars()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A text's lines as typed, for a heading whose line breaks the author
/// chose: empty lines dropped, each trimmed.
fn typed_lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Centred bold lines that stay together: the space before goes to the
/// first, the space after to the last.
fn centered_lines(lines: &[String], before: f32, after: f32, out: &mut Vec<Block>) {
    let last = lines.len().saturating_sub(1);
    for (i, line) in lines.iter().enumerate() {
        let mut par = Paragraph::centered(line.as_str())
            .bold()
            .with_space(
                if i == 0 { before } else { 0.0 },
                if i == last { after } else { 0.0 },
            )
            .without_hyphenation();
        if i < last {
            par = par.keep_with_next();
        }
        out.push(Block::Paragraph(par));
    }
}

/// The widths of the table a row set out in a point belongs to, from the
/// point's text and the row's cell count; `None`: from the text itself.
pub(crate) type RowWidths<'a> = &'a dyn Fn(&str, usize) -> Option<Vec<f32>>;

fn act_blocks(p: &Programme, act: &ApprovingAct, out: &mut Vec<Block>) {
    act_blocks_with(p, act, &|_, _| None, out)
}

fn act_blocks_with(p: &Programme, act: &ApprovingAct, widths: RowWidths, out: &mut Vec<Block>) {
    let issuer: Vec<String> = act
        .issuer
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .map(|l| {
            // Capitals only when she asked for them (version 1 always did).
            if act.issuer_caps {
                l.to_uppercase()
            } else {
                l.to_string()
            }
        })
        .collect();
    let (date, number) = date_and_number(Some(act));
    match act.heading {
        ActHeading::Usual => {
            for line in &issuer {
                out.push(Block::Paragraph(
                    Paragraph::centered(line.as_str())
                        .bold()
                        .without_hyphenation(),
                ));
            }
            let kind = match act.kind {
                ActKind::Order => act.kind.heading().to_string(),
                _ => spaced_capitals(act.kind.heading()),
            };
            out.push(Block::Paragraph(
                Paragraph::centered(kind)
                    .bold()
                    .with_size(16.0)
                    .with_space(18.0, 18.0)
                    .without_hyphenation(),
            ));
            out.push(Block::TwoSided(TwoSided {
                left: vec![Run::plain(format!("от {date}"))],
                right: vec![Run::plain(format!("№ {number}"))],
                left_share: 0.5,
                ..Default::default()
            }));
        }
        // An institution's order: «ПРИКАЗ № 45-01», «по МБОУ …», «от DATE».
        ActHeading::Institution => {
            out.push(Block::Paragraph(
                Paragraph::centered(format!("{} № {number}", act.kind.heading()))
                    .bold()
                    .with_size(16.0)
                    .with_space(0.0, 6.0)
                    .without_hyphenation(),
            ));
            for line in &issuer {
                out.push(Block::Paragraph(
                    Paragraph::centered(line.as_str()).without_hyphenation(),
                ));
            }
            out.push(Block::Paragraph(
                Paragraph::centered(format!("от {date}"))
                    .with_space(6.0, 0.0)
                    .without_hyphenation(),
            ));
        }
    }
    if !act.place.trim().is_empty() {
        out.push(Block::Paragraph(Paragraph::centered(act.place.trim())));
    }
    let title: Vec<String> = if act.title.trim().is_empty() {
        vec![format!("Об утверждении программы «{}»", p.title.trim())]
    } else {
        // The line breaks she typed are hers: «Об утверждении / …».
        typed_lines(&act.title)
            .into_iter()
            .map(str::to_string)
            .collect()
    };
    centered_lines(&title, 18.0, 18.0, out);
    for line in lines(&act.preamble) {
        out.push(Block::Paragraph(Paragraph::body(line)));
    }
    if !act.formula.trim().is_empty() {
        out.push(Block::Paragraph(
            Paragraph::left(act.formula.trim()).keep_with_next(),
        ));
    }
    point_blocks(&act.points, widths, out);
    if !act.signatory_position.trim().is_empty() || !act.signatory_name.trim().is_empty() {
        out.push(Block::TwoSided(TwoSided {
            left: vec![Run::plain(act.signatory_position.trim())],
            right: vec![Run::plain(act.signatory_name.trim())],
            left_share: 0.6,
            space_before_pt: 42.0,
            keeps_previous: true,
            ..Default::default()
        }));
    }
    if let Some(executor) = act.executor.as_deref().filter(|e| !e.trim().is_empty()) {
        out.push(Block::PageFoot(
            Paragraph::left(executor.trim())
                .with_size(10.0)
                .with_space(24.0, 0.0),
        ));
    }
}

/// The act's points: numbered ones as Word-numbered points counting on
/// across the sub-points between them; a sub-point that carries its own
/// number («1.2. …», `metodist_core::amendment::is_subpoint`) as a
/// paragraph under the point before it; in either, each further line a
/// paragraph, and lines with tabs the rows of a table (an amendment act
/// sets out the row of the passport or of the plan it changes).
fn point_blocks(points: &[String], widths: RowWidths, out: &mut Vec<Block>) {
    let mut list: Vec<ListItem> = Vec::new();
    let mut counted = 0u32;
    let flush = |list: &mut Vec<ListItem>, counted: &mut u32, out: &mut Vec<Block>| {
        if list.is_empty() {
            return;
        }
        let mut l = List::points(std::mem::take(list));
        if let crate::doc::ListKind::Numbered { start, .. } = &mut l.kind {
            *start = *counted + 1;
        }
        *counted += l.items.len() as u32;
        out.push(Block::List(l));
    };
    for point in points {
        let mut parts = point_parts(point);
        if parts.is_empty() {
            continue;
        }
        let first = parts.remove(0);
        let sub = metodist_core::amendment::is_subpoint(point);
        match (&first, sub) {
            (PointPart::Text(text), false) => {
                // Paragraphs stay in the numbered item; a table closes it.
                let mut item = ListItem::text(text.as_str());
                while let Some(PointPart::Text(t)) = parts.first() {
                    item.paragraphs.push(Paragraph::body(t.as_str()));
                    parts.remove(0);
                }
                list.push(item);
                if !parts.is_empty() {
                    flush(&mut list, &mut counted, out);
                }
            }
            _ => {
                flush(&mut list, &mut counted, out);
                parts.insert(0, first);
            }
        }
        for part in parts {
            match part {
                PointPart::Text(t) => out.push(Block::Paragraph(Paragraph::body(t))),
                PointPart::Rows(rows) => {
                    let mut table = point_table(&rows);
                    if let Some(w) = widths(point, table.columns.len()) {
                        table.columns = fit_numbers(w, &rows);
                    }
                    out.push(Block::Table(table))
                }
            }
        }
    }
    flush(&mut list, &mut counted, out);
}

/// Widens a column too narrow for a number in it («1.10», «2026»): the
/// typesetter never hyphenates those, so it would have to cut them. A
/// plan with year columns is made for landscape pages, and its row set
/// out in a portrait act needs this.
fn fit_numbers(mut widths: Vec<f32>, rows: &[Vec<String>]) -> Vec<f32> {
    // The text width of A4 portrait pages in the built-in profiles, and
    // a digit's width at the tables' 12 pt (half an em), in mm.
    const TEXT_MM: f32 = 180.0;
    const DIGIT_MM: f32 = 6.0 * 0.3528;
    const PADDING_MM: f32 = 4.0;
    let total: f32 = widths.iter().sum();
    for (c, share) in widths.iter_mut().enumerate() {
        let longest = rows
            .iter()
            .filter_map(|r| r.get(c))
            .flat_map(|t| t.split_whitespace())
            .filter(|w| w.chars().any(|ch| ch.is_ascii_digit()))
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0);
        if longest == 0 {
            continue;
        }
        let min = (longest as f32 * DIGIT_MM + PADDING_MM) / TEXT_MM * total;
        *share = share.max(min);
    }
    widths
}

enum PointPart {
    Text(String),
    Rows(Vec<Vec<String>>),
}

/// A point's lines: text lines, and runs of lines with tabs as rows. The
/// first line is always text: a point typed or pasted with a tab in it
/// stays a point.
fn point_parts(point: &str) -> Vec<PointPart> {
    let mut parts: Vec<PointPart> = Vec::new();
    for line in point.lines() {
        if line.contains('\t') && !parts.is_empty() {
            let row: Vec<String> = line.split('\t').map(|c| c.trim().to_string()).collect();
            match parts.last_mut() {
                Some(PointPart::Rows(rows)) => rows.push(row),
                _ => parts.push(PointPart::Rows(vec![row])),
            }
        } else if !line.trim().is_empty() {
            parts.push(PointPart::Text(line.trim().to_string()));
        }
    }
    parts
}

/// The rows set out in a point, with full borders; the lines of a cell
/// (joined by U+2028) as its paragraphs.
fn point_table(rows: &[Vec<String>]) -> Table {
    let n = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let flat: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| c.replace(metodist_core::amendment::CELL_LINE, " "))
                .collect()
        })
        .collect();
    Table {
        columns: weights(n, &flat),
        body: rows
            .iter()
            .map(|r| {
                Row::new(
                    (0..n)
                        .map(|i| {
                            let text = r.get(i).map(String::as_str).unwrap_or("");
                            Cell::paragraphs(
                                text.split(metodist_core::amendment::CELL_LINE)
                                    .map(|l| Paragraph::left(l.trim()))
                                    .collect(),
                            )
                        })
                        .collect(),
                )
            })
            .collect(),
        header_repeat: Some(HeaderRepeat::None),
        space_before_pt: 3.0,
        space_after_pt: 6.0,
        ..Default::default()
    }
}

/// The mark, with «(в редакции постановления от … № …)» under it for a
/// programme amended since its approval.
pub(crate) fn mark_with(
    p: &Programme,
    act: &ApprovingAct,
    revision: Option<&str>,
) -> Option<Block> {
    if p.appendix.style == MarkStyle::None {
        return None;
    }
    let (date, number) = date_and_number(Some(act));
    let issuer = p.appendix.issuer_genitive.trim();
    let whom = |word: &str| {
        if issuer.is_empty() {
            word.to_string()
        } else {
            format!("{word} {issuer}")
        }
    };
    let mut paragraphs = Vec::new();
    let appendix = matches!(p.appendix.style, MarkStyle::Appendix | MarkStyle::Both);
    let approved = matches!(p.appendix.style, MarkStyle::Approved | MarkStyle::Both);
    if appendix {
        let head = match p.appendix.number.trim() {
            "" => "Приложение".to_string(),
            n => format!("Приложение № {n}"),
        };
        paragraphs.push(Paragraph::left(head));
        paragraphs.push(
            Paragraph::left(format!(
                "{} от {date} № {number}",
                whom(&format!("к {}", act.kind.dative()))
            ))
            .without_hyphenation(),
        );
    }
    if approved {
        let mut first = Paragraph::left(p.appendix.participle());
        if appendix {
            first.space_before_pt = 12.0;
        }
        paragraphs.push(first);
        paragraphs.push(
            Paragraph::left(format!(
                "{} от {date} № {number}",
                whom(act.kind.instrumental())
            ))
            .without_hyphenation(),
        );
    }
    if let Some(r) = revision.map(str::trim).filter(|r| !r.is_empty()) {
        paragraphs.push(Paragraph::left(r).without_hyphenation());
    }
    Some(Block::Mark(Mark {
        paragraphs,
        width_mm: None,
        space_after_pt: 18.0,
    }))
}

/// A heading with its number, kept on the lines she typed: the number
/// goes before the first line, or stands alone when that line is empty
/// («Раздел III.» / «Основные риски …»). Nothing when both are empty.
fn numbered_heading(number: &str, title: &str, g: &mut Groups) {
    let mut lines: Vec<String> = title.lines().map(|l| l.trim().to_string()).collect();
    let number_alone = lines.first().is_some_and(|l| l.is_empty()) && lines.len() > 1;
    lines.retain(|l| !l.is_empty());
    if !number.is_empty() {
        if number_alone || lines.is_empty() {
            lines.insert(0, number.to_string());
        } else {
            lines[0] = format!("{number} {}", lines[0]);
        }
    }
    let last = lines.len().saturating_sub(1);
    for (i, line) in lines.into_iter().enumerate() {
        let before = if i == 0 { 12.0 } else { 0.0 };
        let after = if i == last { 6.0 } else { 0.0 };
        g.push(Block::Paragraph(
            Paragraph::heading(line).with_space(before, after),
        ));
    }
}

fn cell_list(items: &[String], numbered: bool) -> List {
    let items = items
        .iter()
        .map(|t| ListItem::text(t.trim()))
        .collect::<Vec<_>>();
    let mut list = if numbered {
        List::numbered(items)
    } else {
        List::bulleted(items)
    };
    list.label_indent = Indent::None;
    list.align = Align::Left;
    list
}

fn rich_cell(text: &RichText) -> Cell {
    let mut blocks = Vec::new();
    for b in text {
        match b {
            TextBlock::Paragraph { text } => {
                blocks.extend(lines(text).map(|l| CellBlock::Paragraph(Paragraph::left(l))))
            }
            TextBlock::Numbered { items } => blocks.push(CellBlock::List(cell_list(items, true))),
            TextBlock::Bulleted { items } => blocks.push(CellBlock::List(cell_list(items, false))),
        }
    }
    Cell {
        blocks,
        colspan: 1,
        rowspan: 1,
    }
}

fn header_row(titles: &[&str]) -> Row {
    Row::new(titles.iter().map(|t| Cell::bold_centered(*t)).collect())
}

fn passport(p: &Programme) -> Table {
    let mut body = Vec::new();
    for row in &p.passport {
        // Rows that repeat the data print it (metodist_core::passport).
        let content = rich_cell(&metodist_core::passport::shown(p, row));
        // The label stands once over the row's sub-rows (§2: each a
        // content cell of its own, with a rule above it), as in the
        // originals; the rows below leave its column out.
        let label = Cell::text(row.label.trim()).span_rows(1 + row.subrows.len());
        body.push(Row::new(vec![label, content]));
        for sub in &row.subrows {
            body.push(Row::new(vec![rich_cell(sub)]));
        }
    }
    Table {
        columns: vec![32.0, 68.0],
        body,
        // The passport has no header row of its own: nothing repeats.
        header_repeat: Some(HeaderRepeat::None),
        space_before_pt: 6.0,
        space_after_pt: 12.0,
        ..Default::default()
    }
}

/// Column weights from the amount of text: wide for prose, narrow for
/// short values, never so narrow a word cannot fit.
fn weights(columns: usize, rows: &[Vec<String>]) -> Vec<f32> {
    (0..columns)
        .map(|c| {
            let total: usize = rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|t| t.chars().count())
                .sum();
            let longest_word = rows
                .iter()
                .filter_map(|r| r.get(c))
                .flat_map(|t| t.split_whitespace())
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(4);
            ((total as f32 / rows.len().max(1) as f32).sqrt())
                .max(longest_word as f32 * 0.6)
                .max(4.0)
        })
        .collect()
}

fn simple_table(columns: &[String], rows: &[Vec<String>]) -> Table {
    let n = columns
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0))
        .max(1);
    let mut all: Vec<Vec<String>> = rows.to_vec();
    all.push(columns.to_vec());
    let header = if columns.iter().any(|c| !c.trim().is_empty()) {
        vec![Row::new(
            (0..n)
                .map(|i| Cell::bold_centered(columns.get(i).map(|s| s.trim()).unwrap_or("")))
                .collect(),
        )]
    } else {
        Vec::new()
    };
    Table {
        columns: weights(n, &all),
        header,
        body: rows
            .iter()
            .map(|r| {
                Row::new(
                    (0..n)
                        .map(|i| Cell::text(r.get(i).map(|s| s.trim()).unwrap_or("")))
                        .collect(),
                )
            })
            .collect(),
        space_before_pt: 6.0,
        space_after_pt: 6.0,
        ..Default::default()
    }
}

fn risks_table(by_stage: bool, rows: &[m::Risk]) -> Table {
    let (columns, header) = if by_stage {
        (
            vec![20.0, 40.0, 40.0],
            header_row(&["Этап", "Основные риски", "Пути их минимизации"]),
        )
    } else {
        (
            vec![50.0, 50.0],
            header_row(&["Основные риски", "Пути их минимизации"]),
        )
    };
    let body = rows
        .iter()
        .map(|r| {
            let mut cells = Vec::new();
            if by_stage {
                cells.push(Cell::text(r.stage.trim()));
            }
            cells.push(Cell::text(r.risk.trim()));
            cells.push(Cell::text(r.mitigation.trim()));
            Row::new(cells)
        })
        .collect();
    Table {
        columns,
        header: vec![header],
        body,
        space_before_pt: 6.0,
        space_after_pt: 6.0,
        ..Default::default()
    }
}

fn swot_table(s: [&[String]; 4]) -> Table {
    let list_cell = |items: &[String]| Cell {
        blocks: vec![CellBlock::List(cell_list(items, false))],
        colspan: 1,
        rowspan: 1,
    };
    Table {
        columns: vec![50.0, 50.0],
        header: Vec::new(),
        body: vec![
            Row::new(vec![
                Cell::bold_centered("Сильные стороны (S)"),
                Cell::bold_centered("Слабые стороны (W)"),
            ])
            .keep_with_next(),
            Row::new(vec![list_cell(s[0]), list_cell(s[1])]),
            Row::new(vec![
                Cell::bold_centered("Возможности (O)"),
                Cell::bold_centered("Угрозы (T)"),
            ])
            .keep_with_next(),
            Row::new(vec![list_cell(s[2]), list_cell(s[3])]),
        ],
        header_repeat: Some(HeaderRepeat::None),
        space_before_pt: 6.0,
        space_after_pt: 6.0,
        ..Default::default()
    }
}

/// The years of the indicator table: none when no indicator has a plan
/// (names listed alone print as a list, with no empty year columns);
/// otherwise every year of the period, as the editor's table and
/// readiness have them (a year with no plan yet is an empty column to
/// fill), and any year outside it that still holds a plan.
fn plan_years(p: &Programme) -> Vec<i32> {
    let planned = p
        .indicators
        .iter()
        .flat_map(|i| i.values.iter().filter(|v| v.plan.is_some()).map(|v| v.year));
    let mut years: Vec<i32> = planned.clone().collect();
    if years.is_empty() {
        return years;
    }
    years.extend(p.period.years());
    years.sort_unstable();
    years.dedup();
    years
}

/// Whether any indicator has a value to put in a table: a base value or
/// a plan or fact for some year. Without one, the indicators are a list
/// of names (docs/design.md §3.4).
fn indicators_have_values(p: &Programme) -> bool {
    p.indicators.iter().any(|i| {
        i.base_value.is_some()
            || i.values
                .iter()
                .any(|v| v.plan.is_some() || v.fact.is_some())
    })
}

/// Indicators listed by name alone: «Доля выпускников, %».
fn indicator_list(p: &Programme) -> Block {
    Block::List(List::numbered(
        p.indicators
            .iter()
            .map(|i| match i.unit.trim() {
                "" => ListItem::text(i.name.trim()),
                unit => ListItem::text(format!("{}, {unit}", i.name.trim())),
            })
            .collect(),
    ))
}

fn indicators_block(p: &Programme) -> Block {
    if indicators_have_values(p) {
        Block::Table(indicator_table(p))
    } else {
        indicator_list(p)
    }
}

fn indicator_table(p: &Programme) -> Table {
    let years = plan_years(p);
    // Only the columns that have data: no empty «Ед. изм.» or
    // «Базовое значение» for indicators that have none.
    let units = p.indicators.iter().any(|i| !i.unit.trim().is_empty());
    let bases = p.indicators.iter().any(|i| i.base_value.is_some());
    let mut titles = vec!["№ п/п".to_string(), "Наименование показателя".to_string()];
    let mut columns = vec![8.0, 34.0];
    if units {
        titles.push("Ед. изм.".into());
        columns.push(9.0);
    }
    if bases {
        titles.push("Базовое значение".into());
        columns.push(12.0);
    }
    let first = titles.len();
    // Planned values by year; the base column carries the base year.
    titles.extend(years.iter().map(|y| format!("{y} г.")));
    columns.extend(years.iter().map(|_| 37.0 / years.len().max(1) as f32));
    let body = p
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let base = match (ind.base_value, ind.base_year) {
                (Some(v), Some(y)) => format!("{} ({y} г.)", format_number(v)),
                (Some(v), None) => format_number(v),
                (None, _) => String::new(),
            };
            let mut cells = vec![
                Cell::centered(format!("{}.", i + 1)),
                Cell::text(ind.name.trim()),
            ];
            if units {
                cells.push(Cell::centered(ind.unit.trim()));
            }
            if bases {
                cells.push(Cell::centered(base));
            }
            cells.extend(years.iter().map(|y| {
                let plan = ind
                    .values
                    .iter()
                    .find(|v| v.year == *y)
                    .and_then(|v| v.plan)
                    .map(format_number)
                    .unwrap_or_default();
                Cell::centered(plan)
            }));
            Row::new(cells)
        })
        .collect();
    Table {
        columns,
        header: grouped_header(
            &titles[..first],
            "Плановое значение по годам",
            &titles[first..],
        ),
        body,
        space_before_pt: 6.0,
        space_after_pt: 12.0,
        ..Default::default()
    }
}

/// A header whose last columns sit under a common title: one row when
/// there are none of those, else two, the first columns spanning both.
fn grouped_header(first: &[String], group: &str, under: &[String]) -> Vec<Row> {
    if under.is_empty() {
        return vec![Row::new(
            first
                .iter()
                .map(|t| Cell::bold_centered(t.as_str()))
                .collect(),
        )];
    }
    let mut top: Vec<Cell> = first
        .iter()
        .map(|t| Cell::bold_centered(t.as_str()).span_rows(2))
        .collect();
    top.push(Cell::bold_centered(group).span(under.len()));
    vec![
        Row::new(top),
        Row::new(
            under
                .iter()
                .map(|t| Cell::bold_centered(t.as_str()))
                .collect(),
        ),
    ]
}

fn roadmap_table(p: &Programme) -> Table {
    let years = &p.roadmap.year_columns;
    let layout = &p.layout.roadmap;
    // The programme's own columns, headers and width shares; by default
    // those of version 1.
    let own = p.printed_columns();
    let titles: Vec<String> = own.iter().map(|c| c.header().to_string()).collect();
    let mut columns: Vec<f32> = own.iter().map(|c| c.width()).collect();
    let year_titles: Vec<String> = years.iter().map(|y| format!("{y} г.")).collect();
    columns.extend(years.iter().map(|_| 12.0));
    let n = titles.len() + year_titles.len();
    let flat = layout.shape == RoadmapShape::Flat;
    let mut body = Vec::with_capacity(p.item_count() + p.roadmap.blocks.len());
    let mut numbers = p.numbered_items().map(|(n, _, _)| n);
    for (b, block) in p.roadmap.blocks.iter().enumerate() {
        if !flat {
            let label = p.block_label(b);
            let text = match label.as_str() {
                "" => block.title.trim().to_string(),
                l => format!("{l} {}", block.title.trim()),
            };
            body.push(Row::new(vec![Cell::bold_centered(text).span(n)]).keep_with_next());
        }
        for item in &block.items {
            let number = numbers.next().unwrap_or_default();
            let mut cells: Vec<Cell> = own
                .iter()
                .map(|c| match c.kind {
                    ColumnKind::Number => Cell::text(number.as_str()),
                    ColumnKind::Activity => Cell::text(item.activity.trim()),
                    // Printed exactly as typed.
                    ColumnKind::Deadline => Cell::text(item.deadline.as_str()),
                    ColumnKind::Responsible => Cell::text(item.responsible.trim()),
                    ColumnKind::ExpectedResult => Cell::text(item.expected_result.trim()),
                    ColumnKind::PlannedValue => Cell::centered(item.planned_value.trim()),
                })
                .collect();
            cells.extend(years.iter().map(|y| {
                Cell::text(
                    item.per_year
                        .iter()
                        .find(|t| t.year == *y)
                        .map(|t| t.text.trim())
                        .unwrap_or(""),
                )
            }));
            body.push(Row::new(cells));
        }
    }
    Table {
        columns,
        header: grouped_header(&titles, layout.years_heading.trim(), &year_titles),
        body,
        space_before_pt: 6.0,
        space_after_pt: 12.0,
        ..Default::default()
    }
}

/// Collects blocks into page groups, opening a landscape group for a wide
/// table and returning to portrait after it.
pub(crate) struct Groups {
    pub(crate) done: Vec<PageGroup>,
    pub(crate) current: Vec<Block>,
}

impl Groups {
    pub(crate) fn new() -> Self {
        Groups {
            done: Vec::new(),
            current: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, b: Block) {
        self.current.push(b);
    }

    fn landscape(&mut self, mut blocks: Vec<Block>) {
        // A heading kept with the table goes to the landscape page with it.
        // So does a mark that heads it (an appendix that starts with the
        // table); the page break before them is the new group's own.
        let mut carried = Vec::new();
        while let Some(Block::Paragraph(p)) = self.current.last() {
            if !p.keep_with_next {
                break;
            }
            carried.push(self.current.pop().expect("just seen"));
        }
        if let Some(Block::Mark(_)) = self.current.last() {
            carried.push(self.current.pop().expect("just seen"));
            while let Some(Block::PageBreak) = self.current.last() {
                self.current.pop();
            }
        }
        carried.reverse();
        carried.append(&mut blocks);
        let blocks = carried;
        self.flush();
        self.done.push(PageGroup {
            orientation: Orientation::Landscape,
            blocks,
        });
    }

    pub(crate) fn flush(&mut self) {
        if !self.current.is_empty() {
            self.done.push(PageGroup {
                orientation: Orientation::Portrait,
                blocks: std::mem::take(&mut self.current),
            });
        }
    }
}

fn push_roadmap(p: &Programme, g: &mut Groups, title: Option<&str>) {
    let mut blocks = Vec::new();
    if let Some(t) = title {
        // Her heading, with the line breaks she typed.
        let mut lines = Groups {
            done: Vec::new(),
            current: Vec::new(),
        };
        numbered_heading("", t, &mut lines);
        blocks.extend(lines.current);
    }
    blocks.push(Block::Table(roadmap_table(p)));
    if p.roadmap.year_columns.is_empty() {
        for b in blocks {
            g.push(b);
        }
    } else {
        g.landscape(blocks);
    }
}

/// What the print of a programme carries besides the programme itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ComposeExtras {
    /// «(в редакции постановления от … № …)» under the mark of a
    /// programme amended since its approval
    /// (`metodist_core::amendment::revision_line`).
    pub revision: Option<String>,
}

/// The programme as a document to typeset.
pub fn compose(p: &Programme, mode: ComposeMode) -> Document {
    compose_with(p, mode, &ComposeExtras::default())
}

/// The programme as a document to typeset, with `extras`.
pub fn compose_with(p: &Programme, mode: ComposeMode, extras: &ComposeExtras) -> Document {
    let mut g = Groups::new();
    if let (ComposeMode::WholeAct, Some(act)) = (mode, p.act.as_ref()) {
        act_blocks(p, act, &mut g.current);
        g.push(Block::PageBreak);
    }
    let mark = p
        .act
        .as_ref()
        .and_then(|act| mark_with(p, act, extras.revision.as_deref()));
    appendix_into(p, mark, &mut g);
    g.flush();
    Document {
        title: p.title.trim().to_string(),
        author: p
            .act
            .as_ref()
            .and_then(|a| a.issuer.last().cloned())
            .unwrap_or_default(),
        groups: g.done,
    }
}

/// The approving act's page blocks (for the amendment act, which is one),
/// the rows its points set out as wide as in the programme's tables.
pub(crate) fn act_into(p: &Programme, act: &ApprovingAct, widths: RowWidths, g: &mut Groups) {
    act_blocks_with(p, act, widths, &mut g.current);
}

/// The column widths of the passport, the indicator table and the roadmap
/// table as the programme prints them.
pub(crate) fn passport_widths(p: &Programme) -> Vec<f32> {
    passport(p).columns
}

pub(crate) fn indicator_widths(p: &Programme) -> Vec<f32> {
    indicator_table(p).columns
}

pub(crate) fn roadmap_widths(p: &Programme) -> Vec<f32> {
    roadmap_table(p).columns
}

/// The programme as an appendix: `mark`, the title, the passport, the
/// sections with the tables they hold, then the tables no section holds.
pub(crate) fn appendix_into(p: &Programme, mark: Option<Block>, g: &mut Groups) {
    if let Some(mark) = mark {
        g.push(mark);
    }
    if p.layout.title_shown {
        g.push(Block::Paragraph(
            Paragraph::heading(p.title.trim()).with_space(0.0, 12.0),
        ));
    }
    let numbers = p.heading_numbers();
    if !p.passport.is_empty() {
        passport_into(p, &numbers.passport, g);
    }
    let mut indicators_done = false;
    let mut roadmap_done = false;
    for (section, number) in p.sections.iter().zip(&numbers.sections) {
        let (i, r) = section_into(p, section, number, g);
        indicators_done |= i;
        roadmap_done |= r;
    }
    if !indicators_done && !p.indicators.is_empty() {
        indicators_into(p, g);
    }
    if !roadmap_done && !p.roadmap.blocks.is_empty() {
        roadmap_into(p, g);
    }
}

/// The passport with its heading.
pub(crate) fn passport_into(p: &Programme, number: &str, g: &mut Groups) {
    numbered_heading(number, &p.layout.passport_heading, g);
    g.push(Block::Table(passport(p)));
}

/// The indicator table under the heading it has when no section holds it.
pub(crate) fn indicators_into(p: &Programme, g: &mut Groups) {
    numbered_heading("", &p.layout.indicators_heading, g);
    g.push(indicators_block(p));
}

/// The roadmap under the heading it has when no section holds it.
pub(crate) fn roadmap_into(p: &Programme, g: &mut Groups) {
    push_roadmap(p, g, Some(&p.layout.roadmap.heading));
}

/// A section with its heading; says whether it held the indicator table
/// and the roadmap.
pub(crate) fn section_into(
    p: &Programme,
    section: &m::Section,
    number: &str,
    g: &mut Groups,
) -> (bool, bool) {
    let mut indicators_done = false;
    let mut roadmap_done = false;
    numbered_heading(number, &section.title, g);
    for block in &section.body {
        match block {
            SectionBlock::Paragraph { text } => {
                for l in lines(text) {
                    g.push(Block::Paragraph(Paragraph::body(l)));
                }
            }
            SectionBlock::Numbered { items } => g.push(Block::List(List::numbered(
                items.iter().map(|t| ListItem::text(t.trim())).collect(),
            ))),
            SectionBlock::Bulleted { items } => g.push(Block::List(List::bulleted(
                items.iter().map(|t| ListItem::text(t.trim())).collect(),
            ))),
            SectionBlock::Table { columns, rows } => {
                g.push(Block::Table(simple_table(columns, rows)))
            }
            SectionBlock::Risks { by_stage, rows } => {
                g.push(Block::Table(risks_table(*by_stage, rows)))
            }
            SectionBlock::Swot {
                strengths,
                weaknesses,
                opportunities,
                threats,
            } => g.push(Block::Table(swot_table([
                strengths,
                weaknesses,
                opportunities,
                threats,
            ]))),
            SectionBlock::Indicators => {
                if !p.indicators.is_empty() {
                    g.push(indicators_block(p));
                }
                indicators_done = true;
            }
            SectionBlock::Roadmap => {
                push_roadmap(p, g, None);
                roadmap_done = true;
            }
        }
    }
    (indicators_done, roadmap_done)
}

/// Composes and renders a programme in one call.
pub fn render_programme(
    p: &Programme,
    mode: ComposeMode,
    profile: &LayoutProfile,
    fonts: &Fonts,
) -> Result<Rendered, PrintError> {
    render(&compose(p, mode), profile, fonts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_with_a_decimal_comma() {
        assert_eq!(format_number(85.5), "85,5");
        assert_eq!(format_number(7.0), "7");
        assert_eq!(format_number(0.1 + 0.2), "0,3");
        assert_eq!(format_number(-0.0), "0");
        assert_eq!(format_number(f64::NAN), "");
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(m::roman(1), "I");
        assert_eq!(m::roman(4), "IV");
        assert_eq!(m::roman(9), "IX");
        assert_eq!(m::roman(14), "XIV");
    }

    fn texts(doc: &Document) -> Vec<String> {
        let runs = |rs: &[Run]| rs.iter().map(|r| r.text.clone()).collect::<String>();
        let mut out = Vec::new();
        for g in &doc.groups {
            for b in &g.blocks {
                match b {
                    Block::Paragraph(p) => out.push(runs(&p.runs)),
                    Block::TwoSided(t) => out.push(format!("{}|{}", runs(&t.left), runs(&t.right))),
                    Block::Mark(m) => out.extend(m.paragraphs.iter().map(|p| runs(&p.runs))),
                    _ => {}
                }
            }
        }
        out
    }

    #[test]
    fn points_count_on_past_subpoints_and_set_out_their_rows() {
        let points: Vec<String> = [
            "Внести в Программу следующие изменения:",
            "1.1. Позицию «Сроки» паспорта Программы изложить в следующей редакции:\nСроки\t2025–2028 годы",
            "1.2. Пункт 2.3 плана мероприятий исключить.",
            "Контроль\tоставляю за собой.",
            "Опубликовать.\nВторой абзац пункта.",
        ]
        .map(String::from)
        .to_vec();
        let mut out = Vec::new();
        point_blocks(&points, &|_, _| None, &mut out);
        let kinds: Vec<String> = out
            .iter()
            .map(|b| match b {
                Block::List(l) => match &l.kind {
                    crate::doc::ListKind::Numbered { start, .. } => {
                        format!("list from {start} of {}", l.items.len())
                    }
                    _ => "bullets".into(),
                },
                Block::Paragraph(p) => p.runs.iter().map(|r| r.text.as_str()).collect(),
                Block::Table(t) => format!("table {}x{}", t.body.len(), t.columns.len()),
                _ => "other".into(),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "list from 1 of 1",
                "1.1. Позицию «Сроки» паспорта Программы изложить в следующей редакции:",
                "table 1x2",
                "1.2. Пункт 2.3 плана мероприятий исключить.",
                // A tab on a point's first line is no table row.
                "list from 2 of 2",
            ]
        );
        let Block::List(l) = &out[4] else { panic!() };
        assert_eq!(
            l.items[1].paragraphs.len(),
            2,
            "a point's lines are its paragraphs"
        );
    }

    #[test]
    fn a_draft_act_prints_blanks_for_date_and_number() {
        let mut p = metodist_core::generate::programme(5, 1);
        let act = p.act.as_mut().expect("generated programmes have an act");
        act.date = None;
        act.number = None;
        let t = texts(&compose(&p, ComposeMode::WholeAct));
        assert!(t.contains(&"от ____________|№ _____".to_string()), "{t:?}");
        assert!(
            t.iter().any(|l| l.ends_with("от ____________ № _____")),
            "{t:?}"
        );
    }

    #[test]
    fn appendix_only_leaves_out_the_act() {
        let p = metodist_core::generate::programme(5, 1);
        let whole = compose(&p, ComposeMode::WholeAct);
        let appendix = compose(&p, ComposeMode::AppendixOnly);
        let heading = spaced_capitals(p.act.as_ref().unwrap().kind.heading());
        assert!(texts(&whole).iter().any(|t| *t == heading || t == "ПРИКАЗ"));
        assert!(!texts(&appendix).contains(&heading));
        assert!(
            texts(&appendix)[0].starts_with("Приложение") || texts(&appendix)[0] == "УТВЕРЖДЕНА"
        );
    }

    #[test]
    fn roadmap_numbers_are_derived_and_per_year_columns_go_landscape() {
        let mut p = metodist_core::generate::programme(30, 2);
        p.roadmap.year_columns = vec![2025, 2026];
        let doc = compose(&p, ComposeMode::AppendixOnly);
        let land: Vec<&PageGroup> = doc
            .groups
            .iter()
            .filter(|g| g.orientation == Orientation::Landscape)
            .collect();
        assert_eq!(land.len(), 1);
        // The section heading travels with the table.
        let Some(Block::Paragraph(h)) = land[0].blocks.first() else {
            panic!("the landscape page starts with the heading");
        };
        assert!(h.runs[0].text.contains("План мероприятий"));
        let Some(Block::Table(t)) = land[0].blocks.iter().find(|b| matches!(b, Block::Table(_)))
        else {
            panic!("no roadmap table on the landscape page");
        };
        // Five columns spanning both header rows, then the years under
        // one title.
        assert_eq!(t.header.len(), 2);
        assert_eq!(t.header[0].cells.len(), 6);
        assert_eq!(t.header[0].cells[5].colspan, 2);
        assert_eq!(t.header[1].cells.len(), 2);
        assert_eq!(t.columns.len(), 7);
        let first_item = &t.body[1].cells[0];
        let CellBlock::Paragraph(par) = &first_item.blocks[0] else {
            panic!()
        };
        assert_eq!(par.runs[0].text, "1.1");
        assert_eq!(t.body[0].cells[0].colspan, t.columns.len());
    }

    fn table_texts(doc: &Document) -> Vec<Vec<String>> {
        let cell = |c: &Cell| {
            c.blocks
                .iter()
                .map(|b| match b {
                    CellBlock::Paragraph(p) => p.runs.iter().map(|r| r.text.as_str()).collect(),
                    CellBlock::List(_) => "[list]".to_string(),
                })
                .collect::<Vec<String>>()
                .join("\n")
        };
        let mut out = Vec::new();
        for g in &doc.groups {
            for b in &g.blocks {
                if let Block::Table(t) = b {
                    for r in t.header.iter().chain(&t.body) {
                        out.push(r.cells.iter().map(cell).collect());
                    }
                }
            }
        }
        out
    }

    #[test]
    fn an_institution_order_prints_its_own_heading_as_typed() {
        let mut p = metodist_core::generate::programme(5, 1);
        let act = p.act.as_mut().unwrap();
        act.kind = ActKind::Order;
        act.heading = ActHeading::Institution;
        act.issuer_caps = false;
        act.issuer = vec!["по МБОУ «Школа № 3»".into()];
        act.number = Some("45-01".into());
        act.date = chrono::NaiveDate::from_ymd_opt(2024, 9, 1);
        act.date_format = m::DateFormat::NumericG;
        act.title = "Об утверждении\nпрограммы развития".into();
        let t = texts(&compose(&p, ComposeMode::WholeAct));
        let at = |s: &str| {
            t.iter()
                .position(|x| x == s)
                .unwrap_or_else(|| panic!("{s}: {t:?}"))
        };
        assert!(at("ПРИКАЗ № 45-01") < at("по МБОУ «Школа № 3»"));
        assert!(at("по МБОУ «Школа № 3»") < at("от 01.09.2024г."));
        assert_eq!(at("Об утверждении") + 1, at("программы развития"));
        // The mark carries the same date, written the same way.
        assert!(
            t.iter().any(|l| l.ends_with("от 01.09.2024г. № 45-01")),
            "{t:?}"
        );
    }

    #[test]
    fn the_mark_can_be_left_out_or_agree_with_what_is_approved() {
        let mut p = metodist_core::generate::programme(5, 1);
        p.appendix.style = MarkStyle::Approved;
        p.appendix.approves = m::Approves::Plural;
        let t = texts(&compose(&p, ComposeMode::AppendixOnly));
        assert_eq!(t[0], "УТВЕРЖДЕНЫ");
        p.appendix.style = MarkStyle::None;
        p.layout.title_shown = false;
        p.layout.passport_heading = "Раздел первый".into();
        let doc = compose(&p, ComposeMode::AppendixOnly);
        assert!(!doc
            .groups
            .iter()
            .flat_map(|g| &g.blocks)
            .any(|b| matches!(b, Block::Mark(_))));
        assert_eq!(texts(&doc)[0], "Раздел первый");
    }

    #[test]
    fn a_flat_roadmap_has_no_block_rows_and_its_own_columns() {
        let mut p = metodist_core::generate::programme(30, 2);
        p.layout.roadmap.shape = m::RoadmapShape::Flat;
        p.layout.roadmap.items = m::ItemNumbering::FlatDot;
        p.layout.roadmap.columns = vec![
            m::RoadmapColumn {
                kind: ColumnKind::Number,
                header: "№".into(),
                width: Some(5.0),
            },
            m::RoadmapColumn {
                kind: ColumnKind::Activity,
                header: "Основные мероприятия".into(),
                width: Some(60.0),
            },
            m::RoadmapColumn {
                kind: ColumnKind::Deadline,
                header: "Сроки исполнения".into(),
                width: None,
            },
        ];
        let doc = compose(&p, ComposeMode::AppendixOnly);
        let rows = table_texts(&doc);
        let header = rows
            .iter()
            .position(|r| r == &["№", "Основные мероприятия", "Сроки исполнения"])
            .expect("the roadmap's own header");
        let body = &rows[header + 1..header + 1 + 30];
        for (i, r) in body.iter().enumerate() {
            assert_eq!(r.len(), 3, "{r:?}");
            assert_eq!(r[0], format!("{}.", i + 1));
        }
        let Some(t) = doc
            .groups
            .iter()
            .flat_map(|g| &g.blocks)
            .find_map(|b| match b {
                Block::Table(t) if t.columns.len() == 3 && t.columns[0] == 5.0 => Some(t),
                _ => None,
            })
        else {
            panic!("no table with the programme's widths");
        };
        assert_eq!(t.columns, vec![5.0, 60.0, 15.0]);
    }

    #[test]
    fn sections_number_in_the_programmes_style_and_keep_their_lines() {
        let mut p = metodist_core::generate::programme(5, 1);
        p.layout.sections.style = m::SectionStyle::Razdel;
        p.layout.passport_numbered = true;
        p.sections[0].title = "\nХарактеристика проблемы".into();
        p.sections[1].renumber = Some(m::SectionNumbering {
            style: m::SectionStyle::Arabic,
            start: 1,
        });
        p.sections[2].unnumbered = true;
        let t = texts(&compose(&p, ComposeMode::AppendixOnly));
        let at = |s: &str| {
            t.iter()
                .position(|x| x == s)
                .unwrap_or_else(|| panic!("{s}: {t:?}"))
        };
        assert!(at("Раздел 1. Паспорт программы") < at("Раздел 2."));
        assert_eq!(at("Раздел 2.") + 1, at("Характеристика проблемы"));
        let second = format!("1. {}", p.sections[1].title.trim());
        at(&second);
        at(p.sections[2].title.trim());
    }

    #[test]
    fn indicators_without_values_print_as_a_list_and_rows_keep_their_subrows() {
        let mut p = metodist_core::generate::programme(5, 1);
        for ind in &mut p.indicators {
            ind.base_value = None;
            ind.values.clear();
        }
        p.passport[0].subrows = vec![
            vec![TextBlock::Paragraph {
                text: "второй документ".into(),
            }],
            vec![TextBlock::Paragraph {
                text: "третий документ".into(),
            }],
        ];
        let doc = compose(&p, ComposeMode::AppendixOnly);
        let rows = table_texts(&doc);
        assert!(!rows
            .iter()
            .any(|r| r.iter().any(|c| c == "Наименование показателя")));
        let lists = doc
            .groups
            .iter()
            .flat_map(|g| &g.blocks)
            .filter_map(|b| match b {
                Block::List(l) => Some(l),
                _ => None,
            })
            .find(|l| l.items.len() == p.indicators.len())
            .expect("the indicators as a list");
        assert_eq!(lists.items.len(), p.indicators.len());
        let first = rows
            .iter()
            .position(|r| r[0] == p.passport[0].label)
            .unwrap();
        // The label spans the sub-rows: the rows below have only content.
        assert_eq!(rows[first + 1], ["второй документ"]);
        assert_eq!(rows[first + 2], ["третий документ"]);
    }
}
