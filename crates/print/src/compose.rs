//! From a programme to a document: the approving act and its appendix, in
//! the layout docs/design.md §3 describes.

use metodist_core::model::{
    self as m, ActKind, ApprovingAct, MarkStyle, PassportKey, Programme, RichText, SectionBlock,
    TextBlock,
};
use metodist_core::text::date_ru;

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
        .and_then(|a| a.date)
        .map(date_ru)
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

fn act_blocks(p: &Programme, act: &ApprovingAct, out: &mut Vec<Block>) {
    for line in act.issuer.iter().filter(|l| !l.trim().is_empty()) {
        out.push(Block::Paragraph(
            Paragraph::centered(line.trim().to_uppercase())
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
    let (date, number) = date_and_number(Some(act));
    out.push(Block::TwoSided(TwoSided {
        left: vec![Run::plain(format!("от {date}"))],
        right: vec![Run::plain(format!("№ {number}"))],
        left_share: 0.5,
        ..Default::default()
    }));
    if !act.place.trim().is_empty() {
        out.push(Block::Paragraph(Paragraph::centered(act.place.trim())));
    }
    let title = if act.title.trim().is_empty() {
        format!("Об утверждении программы «{}»", p.title.trim())
    } else {
        act.title.trim().to_string()
    };
    out.push(Block::Paragraph(
        Paragraph::centered(title)
            .bold()
            .with_space(18.0, 18.0)
            .without_hyphenation(),
    ));
    for line in lines(&act.preamble) {
        out.push(Block::Paragraph(Paragraph::body(line)));
    }
    if !act.formula.trim().is_empty() {
        out.push(Block::Paragraph(
            Paragraph::left(act.formula.trim()).keep_with_next(),
        ));
    }
    if !act.points.is_empty() {
        out.push(Block::List(List::points(
            act.points
                .iter()
                .map(|p| ListItem::text(p.trim()))
                .collect(),
        )));
    }
    if !act.signatory_position.trim().is_empty() || !act.signatory_name.trim().is_empty() {
        out.push(Block::TwoSided(TwoSided {
            left: vec![Run::plain(act.signatory_position.trim())],
            right: vec![Run::plain(act.signatory_name.trim())],
            left_share: 0.6,
            space_before_pt: 42.0,
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

fn mark_block(p: &Programme, act: &ApprovingAct) -> Block {
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
        let mut first = Paragraph::left("УТВЕРЖДЕНА");
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
    Block::Mark(Mark {
        paragraphs,
        width_mm: None,
        space_after_pt: 18.0,
    })
}

fn heading(text: String) -> Block {
    Block::Paragraph(Paragraph::heading(text).with_space(12.0, 6.0))
}

fn roman(n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
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
    let body = p
        .passport
        .iter()
        .map(|row| {
            let content = if row.key == PassportKey::Tasks && row.content.is_empty() {
                let tasks: Vec<String> = p.tasks.iter().map(|t| t.text.clone()).collect();
                Cell {
                    blocks: vec![CellBlock::List(cell_list(&tasks, true))],
                    colspan: 1,
                    rowspan: 1,
                }
            } else {
                rich_cell(&row.content)
            };
            Row::new(vec![Cell::text(row.label.trim()), content])
        })
        .collect();
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

/// Years that have a planned value in some indicator, ascending.
fn plan_years(p: &Programme) -> Vec<i32> {
    let mut years: Vec<i32> = p
        .indicators
        .iter()
        .flat_map(|i| i.values.iter().filter(|v| v.plan.is_some()).map(|v| v.year))
        .collect();
    if years.is_empty() {
        years = p.period.years().collect();
    }
    years.sort_unstable();
    years.dedup();
    years
}

fn indicator_table(p: &Programme) -> Table {
    let years = plan_years(p);
    let mut titles = vec![
        "№ п/п".to_string(),
        "Наименование показателя".to_string(),
        "Ед. изм.".to_string(),
        "Базовое значение".to_string(),
    ];
    // Planned values by year; the base column carries the base year.
    titles.extend(years.iter().map(|y| format!("{y} г.")));
    let mut columns = vec![8.0, 34.0, 9.0, 12.0];
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
                Cell::centered(ind.unit.trim()),
                Cell::centered(base),
            ];
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
        header: grouped_header(&titles[..4], "Плановое значение по годам", &titles[4..]),
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
    let planned = p
        .numbered_items()
        .any(|(_, _, item)| !item.planned_value.trim().is_empty());
    let mut titles = vec![
        "№ п/п".to_string(),
        "Мероприятие".to_string(),
        "Сроки".to_string(),
        "Ответственные".to_string(),
        "Ожидаемый результат".to_string(),
    ];
    let mut columns = vec![9.0, 35.0, 15.0, 19.0, 22.0];
    if planned {
        titles.push("Плановое значение".into());
        columns.push(11.0);
    }
    let year_titles: Vec<String> = years.iter().map(|y| format!("{y} г.")).collect();
    columns.extend(years.iter().map(|_| 12.0));
    let n = titles.len() + year_titles.len();
    let mut body = Vec::with_capacity(p.item_count() + p.roadmap.blocks.len());
    for (b, block) in p.roadmap.blocks.iter().enumerate() {
        body.push(
            Row::new(vec![Cell::bold_centered(format!(
                "{}. {}",
                m::block_number(b),
                block.title.trim()
            ))
            .span(n)])
            .keep_with_next(),
        );
        for (i, item) in block.items.iter().enumerate() {
            let mut cells = vec![
                Cell::text(m::item_number(b, i)),
                Cell::text(item.activity.trim()),
                // Printed exactly as typed.
                Cell::text(item.deadline.as_str()),
                Cell::text(item.responsible.trim()),
                Cell::text(item.expected_result.trim()),
            ];
            if planned {
                cells.push(Cell::centered(item.planned_value.trim()));
            }
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
        header: grouped_header(&titles, "По годам реализации", &year_titles),
        body,
        space_before_pt: 6.0,
        space_after_pt: 12.0,
        ..Default::default()
    }
}

/// Collects blocks into page groups, opening a landscape group for a wide
/// table and returning to portrait after it.
struct Groups {
    done: Vec<PageGroup>,
    current: Vec<Block>,
}

impl Groups {
    fn push(&mut self, b: Block) {
        self.current.push(b);
    }

    fn landscape(&mut self, mut blocks: Vec<Block>) {
        // A heading kept with the table goes to the landscape page with it.
        let mut carried = Vec::new();
        while let Some(Block::Paragraph(p)) = self.current.last() {
            if !p.keep_with_next {
                break;
            }
            carried.push(self.current.pop().expect("just seen"));
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

    fn flush(&mut self) {
        if !self.current.is_empty() {
            self.done.push(PageGroup {
                orientation: Orientation::Portrait,
                blocks: std::mem::take(&mut self.current),
            });
        }
    }
}

fn push_roadmap(p: &Programme, g: &mut Groups, title: Option<String>) {
    let mut blocks = Vec::new();
    if let Some(t) = title {
        blocks.push(heading(t));
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

/// The programme as a document to typeset.
pub fn compose(p: &Programme, mode: ComposeMode) -> Document {
    let mut g = Groups {
        done: Vec::new(),
        current: Vec::new(),
    };
    if let (ComposeMode::WholeAct, Some(act)) = (mode, p.act.as_ref()) {
        act_blocks(p, act, &mut g.current);
        g.push(Block::PageBreak);
    }
    if let Some(act) = p.act.as_ref() {
        g.push(mark_block(p, act));
    }
    g.push(Block::Paragraph(
        Paragraph::heading(p.title.trim()).with_space(0.0, 12.0),
    ));
    if !p.passport.is_empty() {
        g.push(heading("Паспорт программы".into()));
        g.push(Block::Table(passport(p)));
    }
    let mut indicators_done = false;
    let mut roadmap_done = false;
    for (i, section) in p.sections.iter().enumerate() {
        g.push(heading(format!(
            "{}. {}",
            roman(i + 1),
            section.title.trim()
        )));
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
                    g.push(Block::Table(indicator_table(p)));
                    indicators_done = true;
                }
                SectionBlock::Roadmap => {
                    push_roadmap(p, &mut g, None);
                    roadmap_done = true;
                }
            }
        }
    }
    if !indicators_done && !p.indicators.is_empty() {
        g.push(heading("Целевые показатели программы".into()));
        g.push(Block::Table(indicator_table(p)));
    }
    if !roadmap_done && !p.roadmap.blocks.is_empty() {
        push_roadmap(
            p,
            &mut g,
            Some("План мероприятий по реализации программы".into()),
        );
    }
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
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(14), "XIV");
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
}
