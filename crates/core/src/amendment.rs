//! The amendment act («О внесении изменений …», docs/design.md §4a): from
//! what changed between the approved edition and the new one, a draft of
//! the act in the usual wording, as the model's own [`ApprovingAct`], so
//! the editor, the print and the .docx writer handle it as any act.
//!
//! The act's points follow the conventional structure: point 1 «Внести в
//! Программу следующие изменения:», its sub-points «1.1.», «1.2.» … one per
//! change, then the closing points. A sub-point carries its number in its
//! text (the print sets it as a paragraph under point 1 and does not count
//! it); a line of a point with tab characters is a row of a table, its
//! cells split at the tabs and the lines of a cell joined by U+2028 — the
//! row of the passport or of the plan the point sets out.
//!
//! A part is restated whole («изложить в новой редакции согласно
//! приложению») instead of point by point when listing it would be worse:
//! see [`Restated`] and `restate_*` below for the rules.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::diff::{
    ChangeKind, Field, FieldChange, IndicatorChange, ItemChange, ProgrammeDiff, RowChange,
    SectionChange,
};
use crate::model::{
    ActKind, ApprovingAct, ColumnKind, DateFormat, Indicator, Item, PassportRow, Programme,
    RoadmapShape, SectionBlock,
};

/// An act cited by its kind, date and number: the approving act, an
/// earlier amendment.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActRef {
    pub kind: ActKind,
    pub date: Option<NaiveDate>,
    pub number: Option<String>,
    #[serde(default)]
    pub date_format: DateFormat,
}

const DATE_BLANK: &str = "____________";
const NUMBER_BLANK: &str = "_____";

impl ActRef {
    pub fn of(act: &ApprovingAct) -> ActRef {
        ActRef {
            kind: act.kind,
            date: act.date,
            number: act.number.clone(),
            date_format: act.date_format,
        }
    }

    /// «от 18.11.2013 № 571», blanks for what is not known yet.
    pub fn date_and_number(&self) -> String {
        let date = self
            .date
            .map(|d| self.date_format.format(d))
            .unwrap_or_else(|| DATE_BLANK.into());
        let number = self
            .number
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or(NUMBER_BLANK);
        format!("от {date} № {number}")
    }
}

/// «постановления», «приказов» …: the kind in the genitive.
pub fn genitive(kind: ActKind, plural: bool) -> &'static str {
    match (kind, plural) {
        (ActKind::Decree, false) => "постановления",
        (ActKind::Decree, true) => "постановлений",
        (ActKind::Order, false) => "приказа",
        (ActKind::Order, true) => "приказов",
        (ActKind::Directive, false) => "распоряжения",
        (ActKind::Directive, true) => "распоряжений",
    }
}

/// «постановление», «приказ», «распоряжение».
fn nominative(kind: ActKind) -> &'static str {
    match kind {
        ActKind::Decree => "постановление",
        ActKind::Order => "приказ",
        ActKind::Directive => "распоряжение",
    }
}

/// The acts as «постановления от 01.03.2021 № 67» or «постановлений от …
/// № …, от … № …», grouped by kind in their order.
fn cite_all(acts: &[ActRef]) -> String {
    let mut groups: Vec<(ActKind, Vec<String>)> = Vec::new();
    for a in acts {
        match groups.last_mut() {
            Some((k, v)) if *k == a.kind => v.push(a.date_and_number()),
            _ => groups.push((a.kind, vec![a.date_and_number()])),
        }
    }
    groups
        .into_iter()
        .map(|(k, v)| format!("{} {}", genitive(k, v.len() > 1), v.join(", ")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// «(в редакции постановления от 01.03.2021 № 67)» for a programme amended
/// by `acts`, oldest first; `None` before its first amendment.
pub fn revision_line(acts: &[ActRef]) -> Option<String> {
    (!acts.is_empty()).then(|| format!("(в редакции {})", cite_all(acts)))
}

/// The programme's title as the object of «в …» and of «… Программы»:
/// «муниципальную программу «Развитие образования»», «программы
/// поддержки школ …».
pub struct ProgrammeName {
    pub accusative: String,
    pub genitive: String,
}

pub fn programme_name(title: &str, kind: ActKind) -> ProgrammeName {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = title.to_lowercase();
    for (word, acc, gen) in [
        (
            "муниципальная программа",
            "муниципальную программу",
            "муниципальной программы",
        ),
        ("программа", "программу", "программы"),
    ] {
        if let Some(rest) = lower.strip_prefix(word) {
            if rest.is_empty() || rest.starts_with(' ') {
                let rest = &title[word.len()..];
                return ProgrammeName {
                    accusative: format!("{acc}{rest}"),
                    genitive: format!("{gen}{rest}"),
                };
            }
        }
    }
    let (acc, gen) = match kind {
        ActKind::Decree => ("муниципальную программу", "муниципальной программы"),
        _ => ("программу", "программы"),
    };
    ProgrammeName {
        accusative: format!("{acc} «{title}»"),
        genitive: format!("{gen} «{title}»"),
    }
}

/// A part of the programme the act restates whole, as its appendix.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "part", rename_all = "snake_case")]
pub enum Restated {
    /// The whole programme in a new edition.
    Whole,
    Passport,
    Section {
        uid: String,
    },
    Indicators,
    Roadmap,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmendmentOptions {
    /// Restate the whole programme in a new edition.
    pub whole: bool,
    /// A part listed in more points than this is restated whole.
    pub max_points: u32,
    /// The kind of the amendment act (an order amending a decree);
    /// absent: the approving act's kind.
    #[serde(default)]
    pub kind: Option<ActKind>,
}

impl Default for AmendmentOptions {
    fn default() -> Self {
        AmendmentOptions {
            whole: false,
            max_points: 5,
            kind: None,
        }
    }
}

/// The drafted act and the parts it restates (its appendices, in order).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AmendmentDraft {
    pub act: ApprovingAct,
    pub appendix: Vec<Restated>,
}

/// Whether a point of an act is a sub-point that carries its own number
/// («1.2. Позицию …»): the print sets it under the point before it and
/// does not count it.
pub fn is_subpoint(point: &str) -> bool {
    let t = point.trim_start();
    let digits = |s: &str| s.chars().take_while(|c| c.is_ascii_digit()).count();
    let a = digits(t);
    if a == 0 || !t[a..].starts_with('.') {
        return false;
    }
    let rest = &t[a + 1..];
    let b = digits(rest);
    b > 0 && rest[b..].starts_with('.')
}

/// The separator of the lines inside one cell of a table row in a point.
pub const CELL_LINE: char = '\u{2028}';

/// Where the appendix is cited: «приложению к настоящему постановлению»
/// when there is one, «приложению № 2 …» when there are more.
struct Appendices {
    kind: ActKind,
    parts: Vec<Restated>,
}

impl Appendices {
    fn add(&mut self, part: Restated) -> usize {
        self.parts.push(part);
        self.parts.len()
    }
}

/// A reference to appendix `n` resolved once the count is known.
const APPENDIX_MARK: &str = "\u{1}APPENDIX\u{1}";

fn appendix_ref(n: usize) -> String {
    format!("{APPENDIX_MARK}{n}{APPENDIX_MARK}")
}

fn resolve_appendix_refs(text: &str, a: &Appendices) -> String {
    let total = a.parts.len();
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find(APPENDIX_MARK) {
        out.push_str(&rest[..start]);
        let after = &rest[start + APPENDIX_MARK.len()..];
        let end = after.find(APPENDIX_MARK).unwrap_or(after.len());
        let n = &after[..end];
        let act = match a.kind {
            ActKind::Decree => "настоящему постановлению",
            ActKind::Order => "настоящему приказу",
            ActKind::Directive => "настоящему распоряжению",
        };
        if total > 1 {
            out.push_str(&format!("приложению № {n} к {act}"));
        } else {
            out.push_str(&format!("приложению к {act}"));
        }
        rest = &after[(end + APPENDIX_MARK.len()).min(after.len())..];
    }
    out.push_str(rest);
    out
}

// --------------------------------------------------------- references

/// «раздела II «…»», «раздела «…»»: a section by the number the old
/// edition gives it.
fn section_genitive(number: &str, title: &str) -> String {
    let n = number.trim().trim_end_matches('.');
    let title = one_line(title);
    let n = n
        .strip_prefix("Раздел ")
        .map(str::to_string)
        .unwrap_or_else(|| n.to_string());
    if n.is_empty() {
        format!("раздела «{title}»")
    } else {
        format!("раздела {n} «{title}»")
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// «пункт 2.3» / «мероприятие «…»» in the case the sentence needs.
fn item_ref(number: &str, activity: &str, case: Case) -> String {
    let n = number.trim().trim_end_matches('.');
    if n.is_empty() {
        let word = match case {
            Case::Nominative => "Мероприятие",
            Case::Prepositional => "мероприятии",
            Case::Genitive => "мероприятия",
        };
        return format!("{word} «{}»", one_line(activity));
    }
    let word = match case {
        Case::Nominative => "Пункт",
        Case::Prepositional => "пункте",
        Case::Genitive => "пункта",
    };
    format!("{word} {n}")
}

#[derive(Clone, Copy)]
enum Case {
    Nominative,
    Prepositional,
    Genitive,
}

fn cell(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| one_line(l))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(&CELL_LINE.to_string())
}

/// The passport row as one table row of a point: label, content.
fn passport_row_line(row: &PassportRow) -> String {
    let mut lines: Vec<String> = crate::diff::rich_lines(&row.content)
        .lines()
        .map(str::to_string)
        .collect();
    for sub in &row.subrows {
        lines.extend(crate::diff::rich_lines(sub).lines().map(str::to_string));
    }
    format!("{}\t{}", one_line(&row.label), cell(&lines))
}

/// The header of a roadmap column as the new edition prints it.
fn column_header(p: &Programme, kind: ColumnKind) -> String {
    p.printed_columns()
        .into_iter()
        .find(|c| c.kind == kind)
        .map(|c| c.header().to_string())
        .unwrap_or_else(|| kind.default_header().to_string())
}

/// The item as one row of the plan, in the new edition's columns.
fn item_row_line(p: &Programme, number: &str, item: &Item) -> String {
    let mut cells: Vec<String> = p
        .printed_columns()
        .iter()
        .map(|c| match c.kind {
            ColumnKind::Number => number.to_string(),
            ColumnKind::Activity => one_line(&item.activity),
            ColumnKind::Deadline => one_line(&item.deadline),
            ColumnKind::Responsible => one_line(&item.responsible),
            ColumnKind::ExpectedResult => one_line(&item.expected_result),
            ColumnKind::PlannedValue => one_line(&item.planned_value),
        })
        .collect();
    cells.extend(p.roadmap.year_columns.iter().map(|y| {
        item.per_year
            .iter()
            .find(|t| t.year == *y)
            .map(|t| one_line(&t.text))
            .unwrap_or_default()
    }));
    // A row of a table needs a tab even when it has one cell.
    if cells.len() == 1 {
        cells.push(String::new());
    }
    cells.join("\t")
}

/// The years the indicator table prints (as the print has them: the
/// period's years and any year with a plan, when some indicator has one).
fn plan_years(p: &Programme) -> Vec<i32> {
    let mut years: Vec<i32> = p
        .indicators
        .iter()
        .flat_map(|i| i.values.iter().filter(|v| v.plan.is_some()).map(|v| v.year))
        .collect();
    if years.is_empty() {
        return years;
    }
    years.extend(p.period.years());
    years.sort_unstable();
    years.dedup();
    years
}

/// Which columns the indicator table prints: units, base values, years.
fn indicator_columns(p: &Programme) -> (bool, bool, Vec<i32>) {
    (
        p.indicators.iter().any(|i| !i.unit.trim().is_empty()),
        p.indicators.iter().any(|i| i.base_value.is_some()),
        plan_years(p),
    )
}

fn indicator_row_line(p: &Programme, n: usize, ind: &Indicator) -> String {
    let (units, bases, years) = indicator_columns(p);
    let mut cells = vec![format!("{n}."), one_line(&ind.name)];
    if units {
        cells.push(one_line(&ind.unit));
    }
    if bases {
        cells.push(match (ind.base_value, ind.base_year) {
            (Some(v), Some(y)) => format!("{} ({y} г.)", crate::diff::number_ru(v)),
            (Some(v), None) => crate::diff::number_ru(v),
            (None, _) => String::new(),
        });
    }
    for y in years {
        cells.push(
            ind.values
                .iter()
                .find(|v| v.year == y)
                .and_then(|v| v.plan)
                .map(crate::diff::number_ru)
                .unwrap_or_default(),
        );
    }
    cells.join("\t")
}

// ------------------------------------------------------------- points

/// The sub-points of point 1, each a text with its table rows.
struct Points {
    items: Vec<String>,
}

impl Points {
    fn push(&mut self, text: String) {
        self.items.push(text);
    }
}

/// The choice every part makes: its `points` listed one by one, or, when
/// it cannot be listed (`None`), the part restated whole as the next
/// appendix («`what` изложить в новой редакции согласно приложению …»).
/// A part already restated (the section that holds the plan, restated for
/// its own text) is not restated twice.
fn restate_or_list(
    points: Option<Vec<String>>,
    part: Restated,
    what: String,
    apx: &mut Appendices,
    out: &mut Points,
) {
    match points {
        Some(points) => points.into_iter().for_each(|p| out.push(p)),
        None if apx.parts.contains(&part) => {}
        None => {
            let n = apx.add(part);
            out.push(format!(
                "{what} изложить в новой редакции согласно {}.",
                appendix_ref(n)
            ));
        }
    }
}

/// The points of a part that can be listed (`listable`: listing renumbers
/// nothing that stays) when they are no more than `max_points`.
fn listed(listable: bool, points: Vec<String>, opts: &AmendmentOptions) -> Option<Vec<String>> {
    (listable && points.len() <= opts.max_points as usize).then_some(points)
}

fn passport_points(
    diff: &ProgrammeDiff,
    new: &Programme,
    opts: &AmendmentOptions,
    apx: &mut Appendices,
    out: &mut Points,
) {
    let changes: Vec<&RowChange> = diff.passport.iter().collect();
    if changes.is_empty() {
        return;
    }
    let mut points = Vec::new();
    for &c in &changes {
        match c.kind {
            ChangeKind::Modified => {
                let Some(row) = &c.row else { continue };
                points.push(format!(
                    "Позицию «{}» паспорта Программы изложить в следующей редакции:\n{}",
                    one_line(&c.label),
                    passport_row_line(row)
                ));
            }
            ChangeKind::Added => {
                let Some(row) = &c.row else { continue };
                let at = c.new.as_ref().map(|p| p.index as usize).unwrap_or(0);
                let place = if at > 0 {
                    format!(
                        "Паспорт Программы после позиции «{}» дополнить позицией следующего содержания:",
                        one_line(&new.passport[at - 1].label)
                    )
                } else if let Some(next) = new.passport.get(1) {
                    format!(
                        "Паспорт Программы перед позицией «{}» дополнить позицией следующего содержания:",
                        one_line(&next.label)
                    )
                } else {
                    "Паспорт Программы дополнить позицией следующего содержания:".to_string()
                };
                points.push(format!("{place}\n{}", passport_row_line(row)));
            }
            ChangeKind::Removed => points.push(format!(
                "Позицию «{}» паспорта Программы исключить.",
                one_line(&c.label)
            )),
        }
    }
    // A moved row would renumber the rows after it.
    let listable = !changes.iter().any(|c| c.moved);
    restate_or_list(
        listed(listable, points, opts),
        Restated::Passport,
        "Паспорт Программы".to_string(),
        apx,
        out,
    );
}

/// Whether the section's blocks up to `index` are paragraphs of one line
/// each, so «абзац N» counts as the print does.
fn plain_paragraphs_until(body: &[SectionBlock], index: usize) -> bool {
    body.iter().take(index + 1).all(|b| match b {
        SectionBlock::Paragraph { text } => {
            text.lines().filter(|l| !l.trim().is_empty()).count() <= 1
        }
        _ => false,
    })
}

fn section_points(
    diff: &ProgrammeDiff,
    old: &Programme,
    opts: &AmendmentOptions,
    apx: &mut Appendices,
    out: &mut Points,
) {
    for s in &diff.sections {
        let number = s.old.as_ref().map(|p| p.number.as_str()).unwrap_or("");
        match s.kind {
            ChangeKind::Added => {
                let n = apx.add(Restated::Section { uid: s.uid.clone() });
                let num = s.new.as_ref().map(|p| p.number.as_str()).unwrap_or("");
                let num = num.trim().trim_end_matches('.');
                let num = num.strip_prefix("Раздел ").unwrap_or(num);
                let name = if num.is_empty() {
                    format!("разделом «{}»", one_line(&s.title))
                } else {
                    format!("разделом {num} «{}»", one_line(&s.title))
                };
                out.push(format!(
                    "Программу дополнить {name} согласно {}.",
                    appendix_ref(n)
                ));
            }
            ChangeKind::Removed => out.push(format!(
                "{} Программы исключить.",
                upper(&section_genitive(number, &s.title).replacen("раздела", "раздел", 1))
            )),
            ChangeKind::Modified => {
                let Some(os) = s
                    .old
                    .as_ref()
                    .and_then(|p| old.sections.get(p.index as usize))
                else {
                    continue;
                };
                restate_or_list(
                    section_body_points(s, os, opts),
                    Restated::Section { uid: s.uid.clone() },
                    format!(
                        "{} Программы",
                        upper(&section_genitive(number, &s.title).replacen("раздела", "Раздел", 1))
                    ),
                    apx,
                    out,
                );
            }
        }
    }
}

/// A section's changes point by point, or `None` when it is to be
/// restated whole: a move, a change to anything but one-line paragraphs
/// counted from the top, a paragraph added anywhere but at the end, or
/// more than three changes.
fn section_body_points(
    s: &SectionChange,
    old: &crate::model::Section,
    opts: &AmendmentOptions,
) -> Option<Vec<String>> {
    let number = s.old.as_ref().map(|p| p.number.as_str()).unwrap_or("");
    let of_section = section_genitive(number, &s.title);
    let mut out = Vec::new();
    if s.moved || s.body.len() > 3.min(opts.max_points as usize) {
        return None;
    }
    for f in &s.fields {
        if f.field == Field::Title {
            out.push(format!(
                "Наименование {of_section} Программы изложить в следующей редакции: «{}».",
                one_line(&f.text.new)
            ));
        }
    }
    let new_len = s.section.as_ref().map(|x| x.body.len()).unwrap_or(0);
    for b in &s.body {
        if b.what != "абзац" {
            return None;
        }
        match b.kind {
            ChangeKind::Added => {
                if b.new_index.map(|i| i as usize + 1) != Some(new_len) {
                    return None;
                }
                out.push(format!(
                    "{} Программы дополнить абзацем следующего содержания: «{}».",
                    upper(&of_section.replacen("раздела", "раздел", 1)),
                    one_line(&b.text.new)
                ));
            }
            ChangeKind::Removed | ChangeKind::Modified => {
                let i = b.old_index? as usize;
                if !plain_paragraphs_until(&old.body, i) {
                    return None;
                }
                if b.kind == ChangeKind::Removed {
                    out.push(format!("Абзац {} {of_section} Программы исключить.", i + 1));
                } else {
                    out.push(format!(
                        "Абзац {} {of_section} Программы изложить в следующей редакции: «{}».",
                        i + 1,
                        one_line(&b.text.new)
                    ));
                }
            }
        }
    }
    Some(out)
}

fn upper(s: &str) -> String {
    crate::diff::upper_first(s)
}

/// Where the indicator table stands, for «таблицы целевых показателей …».
fn indicators_place(new: &Programme) -> String {
    let numbers = new.heading_numbers();
    new.sections
        .iter()
        .zip(&numbers.sections)
        .find(|(s, _)| s.body.contains(&SectionBlock::Indicators))
        .map(|(s, n)| format!(" {} Программы", section_genitive(n, &s.title)))
        .unwrap_or_else(|| " Программы".to_string())
}

fn indicator_points(
    diff: &ProgrammeDiff,
    old: &Programme,
    new: &Programme,
    opts: &AmendmentOptions,
    apx: &mut Appendices,
    out: &mut Points,
) {
    let changes: Vec<&IndicatorChange> = diff.indicators.iter().collect();
    if changes.is_empty() {
        return;
    }
    let old_len = old.indicators.len();
    let new_len = new.indicators.len();
    // Listing rows works while no row is renumbered and the table keeps
    // its columns; otherwise the table is restated.
    let shifts = changes.iter().any(|c| match c.kind {
        ChangeKind::Added => c
            .new
            .as_ref()
            .is_some_and(|p| (p.index as usize) < old_len.min(new_len)),
        ChangeKind::Removed => c.old.as_ref().is_some_and(|p| (p.index as usize) < new_len),
        ChangeKind::Modified => c.moved,
    });
    let listable = !shifts && indicator_columns(old) == indicator_columns(new);
    let place = indicators_place(new);
    let mut points = Vec::new();
    for &c in &changes {
        match c.kind {
            ChangeKind::Modified => {
                let (Some(p), Some(ind)) = (&c.new, &c.indicator) else {
                    continue;
                };
                let n = p.index as usize + 1;
                points.push(format!(
                    "Строку {n} таблицы целевых показателей{place} изложить в следующей редакции:\n{}",
                    indicator_row_line(new, n, ind)
                ));
            }
            ChangeKind::Added => {
                let (Some(p), Some(ind)) = (&c.new, &c.indicator) else {
                    continue;
                };
                let n = p.index as usize + 1;
                points.push(format!(
                    "Таблицу целевых показателей{place} дополнить строкой {n} следующего содержания:\n{}",
                    indicator_row_line(new, n, ind)
                ));
            }
            ChangeKind::Removed => {
                let n = c.old.as_ref().map(|p| p.index + 1).unwrap_or(0);
                points.push(format!(
                    "Строку {n} таблицы целевых показателей{place} исключить."
                ));
            }
        }
    }
    restate_or_list(
        listed(listable, points, opts),
        Restated::Indicators,
        format!("Таблицу целевых показателей{place}"),
        apx,
        out,
    );
}

/// The one field of an item changed, told as «слова … заменить словами
/// …», when that is shorter than the whole row.
fn field_words(item: &ItemChange, f: &FieldChange, new: &Programme) -> Option<String> {
    const SHORT: usize = 120;
    if f.text.old.chars().count() > SHORT || f.text.new.chars().count() > SHORT {
        return None;
    }
    let column = match f.field {
        Field::Activity => column_header(new, ColumnKind::Activity),
        Field::Deadline => column_header(new, ColumnKind::Deadline),
        Field::Responsible => column_header(new, ColumnKind::Responsible),
        Field::ExpectedResult => column_header(new, ColumnKind::ExpectedResult),
        Field::PlannedValue => column_header(new, ColumnKind::PlannedValue),
        Field::PerYear { year } => format!("{year} г."),
        _ => return None,
    };
    let o = item.old.as_ref()?;
    let (old, newt) = (one_line(&f.text.old), one_line(&f.text.new));
    Some(match (old.is_empty(), newt.is_empty()) {
        (true, _) => format!(
            "Графу «{}» {} плана мероприятий дополнить словами «{newt}».",
            one_line(&column),
            item_ref(&o.number, &item.activity, Case::Genitive)
        ),
        (false, true) => format!(
            "В {} плана мероприятий в графе «{}» слова «{old}» исключить.",
            item_ref(&o.number, &item.activity, Case::Prepositional),
            one_line(&column)
        ),
        (false, false) => format!(
            "В {} плана мероприятий в графе «{}» слова «{old}» заменить словами «{newt}».",
            item_ref(&o.number, &item.activity, Case::Prepositional),
            one_line(&column)
        ),
    })
}

/// The section that holds the plan, with its number in the old edition.
fn roadmap_section<'a>(
    old: &Programme,
    new: &'a Programme,
) -> Option<(&'a crate::model::Section, String)> {
    let numbers = old.heading_numbers();
    let s = new
        .sections
        .iter()
        .find(|s| s.body.contains(&SectionBlock::Roadmap))?;
    let number = old
        .sections
        .iter()
        .position(|o| o.uid == s.uid)
        .map(|i| numbers.sections[i].clone())
        .unwrap_or_default();
    Some((s, number))
}

fn roadmap_points(
    diff: &ProgrammeDiff,
    old: &Programme,
    new: &Programme,
    opts: &AmendmentOptions,
    apx: &mut Appendices,
    out: &mut Points,
) {
    if diff.blocks.is_empty() && diff.items.is_empty() && diff.year_columns.is_none() {
        return;
    }
    // Kept items whose number changed: the list would have to renumber
    // them, so the plan is restated.
    let renumbered = old.numbered_items().any(|(on, _, oi)| {
        new.numbered_items()
            .find(|(_, _, ni)| ni.uid == oi.uid)
            .is_some_and(|(nn, _, _)| nn != on)
    });
    let structural = diff
        .blocks
        .iter()
        .any(|b| b.kind != ChangeKind::Modified || b.moved)
        || diff.items.iter().any(|i| i.moved)
        || diff.year_columns.is_some()
        || old.layout.roadmap != new.layout.roadmap;
    let mut points = Vec::new();
    for b in &diff.blocks {
        let (Some(o), Some(f)) = (&b.old, b.fields.first()) else {
            continue;
        };
        let name = match o.number.as_str() {
            "" => format!("«{}»", one_line(&b.title)),
            n => n.to_string(),
        };
        points.push(format!(
            "Наименование раздела {name} плана мероприятий изложить в следующей редакции: «{}».",
            one_line(&f.text.new)
        ));
    }
    for it in &diff.items {
        match it.kind {
            ChangeKind::Modified => {
                let Some(o) = &it.old else { continue };
                if it.fields.len() == 1 {
                    if let Some(p) = field_words(it, &it.fields[0], new) {
                        points.push(p);
                        continue;
                    }
                }
                let (Some(n), Some(item)) = (&it.new, &it.item) else {
                    continue;
                };
                points.push(format!(
                    "{} плана мероприятий изложить в следующей редакции:\n{}",
                    item_ref(&o.number, &it.activity, Case::Nominative),
                    item_row_line(new, &n.number, item)
                ));
            }
            ChangeKind::Added => {
                let (Some(n), Some(item)) = (&it.new, &it.item) else {
                    continue;
                };
                let whole = if new.layout.roadmap.shape == RoadmapShape::Flat
                    || n.block_number.is_empty()
                {
                    "План мероприятий".to_string()
                } else {
                    format!("Раздел {} плана мероприятий", n.block_number)
                };
                let what = match n.number.trim().trim_end_matches('.') {
                    "" => "мероприятием".to_string(),
                    num => format!("пунктом {num}"),
                };
                points.push(format!(
                    "{whole} дополнить {what} следующего содержания:\n{}",
                    item_row_line(new, &n.number, item)
                ));
            }
            ChangeKind::Removed => {
                let Some(o) = &it.old else { continue };
                points.push(format!(
                    "{} плана мероприятий исключить.",
                    item_ref(&o.number, &it.activity, Case::Nominative)
                ));
            }
        }
    }
    // A plan that stands in a section is restated with its section.
    let (part, what) = match roadmap_section(old, new) {
        Some((section, number)) => (
            Restated::Section {
                uid: section.uid.clone(),
            },
            format!(
                "{} Программы",
                upper(&section_genitive(&number, &section.title).replacen("раздела", "раздел", 1))
            ),
        ),
        None => (
            Restated::Roadmap,
            "План мероприятий по реализации Программы".to_string(),
        ),
    };
    let points = listed(!structural && !renumbered, points, opts);
    restate_or_list(points, part, what, apx, out);
}

/// The closing points of the approving act (publication, entry into
/// force, control) carried over when the amendment is of its kind (they
/// name it: «настоящее постановление»); the usual two otherwise.
fn closing_points(approving: &ApprovingAct, kind: ActKind, carry: bool) -> Vec<String> {
    let starts = [
        "контроль",
        "настоящ",
        "опубликовать",
        "разместить",
        "обнародовать",
    ];
    let carried: Vec<String> = approving
        .points
        .iter()
        .map(|p| one_line(p))
        .filter(|p| {
            let l = p.to_lowercase();
            starts.iter().any(|s| l.starts_with(s))
        })
        // «… и распространяется на правоотношения, возникшие с …» dated
        // the programme, not its amendment.
        .map(|p| match p.find(" и распространяется на ") {
            Some(at) => format!("{}.", p[..at].trim_end_matches([',', ' '])),
            None => p,
        })
        .collect();
    if carry && !carried.is_empty() {
        return carried;
    }
    let (nom, gen) = (nominative(kind), genitive(kind, false));
    vec![
        format!(
            "Настоящ{} {nom} вступает в силу со дня его подписания.",
            if kind == ActKind::Order {
                "ий"
            } else {
                "ее"
            },
        ),
        format!("Контроль за исполнением настоящего {gen} оставляю за собой."),
    ]
}

/// The amendment act for the changes from `old` (the edition approved by
/// `approving`, amended before by `earlier`, oldest first) to `new`.
pub fn draft(
    old: &Programme,
    new: &Programme,
    diff: &ProgrammeDiff,
    approving: &ApprovingAct,
    earlier: &[ActRef],
    options: &AmendmentOptions,
) -> AmendmentDraft {
    // The act cited is the approving one; the act drafted may be of
    // another kind, and then speaks of itself in its own words.
    let cited = approving.kind;
    let kind = options.kind.unwrap_or(cited);
    let old_title = diff
        .title
        .as_ref()
        .map(|t| t.old.clone())
        .unwrap_or_else(|| new.title.clone());
    let name = programme_name(&old_title, cited);
    let issuer = new.appendix.issuer_genitive.trim();
    let by = if issuer.is_empty() {
        cited.instrumental().to_string()
    } else {
        format!("{} {issuer}", cited.instrumental())
    };
    let approved = format!(
        "утверждённую {by} {}{}",
        ActRef::of(approving).date_and_number(),
        revision_line(earlier)
            .map(|r| format!(" {r}"))
            .unwrap_or_default()
    );
    let title = format!("О внесении изменений в {}, {approved}", name.accusative);
    let approved_gen = approved.replacen("утверждённую", "утверждённой", 1);
    let preamble = format!(
        "В целях уточнения мероприятий и показателей {}, {approved_gen} (далее — Программа),",
        name.genitive
    );

    let mut apx = Appendices {
        kind,
        parts: Vec::new(),
    };
    let mut subs = Points { items: Vec::new() };
    let mut whole = options.whole;
    if !whole {
        if let Some(t) = &diff.title {
            subs.push(format!(
                "Наименование Программы изложить в следующей редакции: «{}».",
                one_line(&t.new)
            ));
        }
        passport_points(diff, new, options, &mut apx, &mut subs);
        section_points(diff, old, options, &mut apx, &mut subs);
        indicator_points(diff, old, new, options, &mut apx, &mut subs);
        roadmap_points(diff, old, new, options, &mut apx, &mut subs);
        // Most of the programme restated, or sections moved: one new
        // edition reads better than many pieces. So does a change no
        // point lists (the document's shape alone).
        whole = apx.parts.len() >= 3
            || subs.items.len() > 3 * options.max_points as usize
            || diff.sections.iter().any(|s| s.moved)
            || subs.items.is_empty();
    }
    let mut points = Vec::new();
    if whole {
        apx = Appendices {
            kind,
            parts: vec![Restated::Whole],
        };
        points.push(format!(
            "Программу изложить в новой редакции согласно {}.",
            appendix_ref(1)
        ));
    } else {
        points.push("Внести в Программу следующие изменения:".to_string());
        for (i, s) in subs.items.iter().enumerate() {
            points.push(format!("1.{}. {s}", i + 1));
        }
    }
    points.extend(closing_points(approving, kind, kind == cited));
    let points = points
        .iter()
        .map(|p| resolve_appendix_refs(p, &apx))
        .collect();
    AmendmentDraft {
        act: ApprovingAct {
            kind,
            issuer: approving.issuer.clone(),
            date: None,
            number: None,
            place: approving.place.clone(),
            title,
            preamble,
            formula: if kind == cited {
                approving.formula.clone()
            } else {
                kind.formula().to_string()
            },
            points,
            signatory_position: approving.signatory_position.clone(),
            signatory_name: approving.signatory_name.clone(),
            executor: approving.executor.clone(),
            heading: approving.heading,
            issuer_caps: approving.issuer_caps,
            date_format: approving.date_format,
        },
        appendix: apx.parts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::compare;
    use crate::model::{PassportKey, TextBlock};

    fn programme() -> Programme {
        let mut p = crate::generate::programme(36, 3);
        p.title = "Муниципальная программа «Развитие образования Урицкого района»".into();
        p.appendix.issuer_genitive = "администрации Урицкого района".into();
        let act = p.act.as_mut().unwrap();
        act.kind = ActKind::Decree;
        act.date = NaiveDate::from_ymd_opt(2013, 11, 18);
        act.number = Some("571".into());
        act.date_format = DateFormat::Numeric;
        act.formula = "ПОСТАНОВЛЯЕТ:".into();
        act.points = vec![
            "Утвердить муниципальную программу (приложение).".into(),
            "Контроль за исполнением настоящего постановления возложить на заместителя главы администрации района.".into(),
        ];
        p
    }

    fn draft_of(old: &Programme, new: &Programme, earlier: &[ActRef]) -> AmendmentDraft {
        draft(
            old,
            new,
            &compare(old, new),
            old.act.as_ref().unwrap(),
            earlier,
            &AmendmentOptions::default(),
        )
    }

    fn earlier() -> Vec<ActRef> {
        vec![ActRef {
            kind: ActKind::Decree,
            date: NaiveDate::from_ymd_opt(2021, 3, 1),
            number: Some("67".into()),
            date_format: DateFormat::Numeric,
        }]
    }

    #[test]
    fn heading_preamble_and_closing_points_cite_the_approving_act() {
        let old = programme();
        let mut new = old.clone();
        new.roadmap.blocks[1].items[2].deadline = "до 01.06.2025".into();
        let d = draft_of(&old, &new, &earlier());
        assert_eq!(
            d.act.title,
            "О внесении изменений в муниципальную программу «Развитие образования Урицкого района», \
             утверждённую постановлением администрации Урицкого района от 18.11.2013 № 571 \
             (в редакции постановления от 01.03.2021 № 67)"
        );
        assert_eq!(
            d.act.preamble,
            "В целях уточнения мероприятий и показателей муниципальной программы «Развитие \
             образования Урицкого района», утверждённой постановлением администрации Урицкого \
             района от 18.11.2013 № 571 (в редакции постановления от 01.03.2021 № 67) (далее — \
             Программа),"
        );
        assert_eq!(d.act.formula, "ПОСТАНОВЛЯЕТ:");
        assert_eq!(d.act.date, None);
        assert_eq!(d.act.number, None);
        assert_eq!(d.act.points[0], "Внести в Программу следующие изменения:");
        assert_eq!(
            d.act.points.last().unwrap(),
            "Контроль за исполнением настоящего постановления возложить на заместителя главы администрации района."
        );
        assert!(d.appendix.is_empty());
        // Two earlier amendments: the plural.
        let mut two = earlier();
        two.push(ActRef {
            number: Some("299".into()),
            date: NaiveDate::from_ymd_opt(2021, 8, 3),
            ..two[0].clone()
        });
        assert_eq!(
            revision_line(&two).unwrap(),
            "(в редакции постановлений от 01.03.2021 № 67, от 03.08.2021 № 299)"
        );
        assert_eq!(revision_line(&[]), None);
    }

    #[test]
    fn a_moved_deadline_replaces_the_words_in_its_column() {
        let old = programme();
        let mut new = old.clone();
        let was = new.roadmap.blocks[1].items[2].deadline.clone();
        new.roadmap.blocks[1].items[2].deadline = "до 01.06.2025".into();
        let d = draft_of(&old, &new, &[]);
        assert_eq!(
            d.act.points[1],
            format!(
                "1.1. В пункте 2.3 плана мероприятий в графе «Сроки» слова «{was}» заменить словами «до 01.06.2025»."
            )
        );
        assert!(is_subpoint(&d.act.points[1]));
        assert!(!is_subpoint(&d.act.points[0]));
    }

    #[test]
    fn a_passport_position_is_set_out_as_a_row() {
        let old = programme();
        let mut new = old.clone();
        let i = new
            .passport
            .iter()
            .position(|r| r.key == PassportKey::Funding)
            .unwrap();
        new.passport[i].content = vec![
            TextBlock::Paragraph {
                text: "Всего 1 200,0 тыс. рублей, в том числе:".into(),
            },
            TextBlock::Bulleted {
                items: vec!["2025 год — 600,0 тыс. рублей".into()],
            },
        ];
        let label = new.passport[i].label.clone();
        let d = draft_of(&old, &new, &[]);
        assert_eq!(
            d.act.points[1],
            format!(
                "1.1. Позицию «{label}» паспорта Программы изложить в следующей редакции:\n{label}\tВсего 1 200,0 тыс. рублей, в том числе:\u{2028}– 2025 год — 600,0 тыс. рублей"
            )
        );
        // Removed and added positions.
        let mut new2 = old.clone();
        let gone = new2.passport.remove(i);
        let mut added = gone.clone();
        added.uid = "row-new".into();
        added.key = PassportKey::Custom;
        added.label = "Координатор программы".into();
        added.content = vec![TextBlock::Paragraph {
            text: "Отдел образования".into(),
        }];
        new2.passport.insert(0, added);
        let d = draft_of(&old, &new2, &[]);
        assert!(d.act.points.contains(&format!(
            "1.1. Паспорт Программы перед позицией «{}» дополнить позицией следующего содержания:\nКоординатор программы\tОтдел образования",
            old.passport[0].label
        )), "{:#?}", d.act.points);
        assert!(d.act.points.contains(&format!(
            "1.2. Позицию «{}» паспорта Программы исключить.",
            gone.label
        )));
    }

    #[test]
    fn an_item_added_at_the_end_of_a_block_and_one_removed_from_the_end() {
        let old = programme();
        let mut new = old.clone();
        let mut item = new.roadmap.blocks[1].items[0].clone();
        item.uid = "item-new".into();
        item.activity = "Региональный семинар".into();
        item.deadline = "Март 2026".into();
        item.responsible = "ИМЦ".into();
        item.expected_result = "Протокол".into();
        item.planned_value = String::new();
        new.roadmap.blocks[1].items.push(item);
        let last = new.roadmap.blocks[2].items.pop().unwrap();
        let n1 = new.roadmap.blocks[1].items.len();
        let n2 = old.roadmap.blocks[2].items.len();
        let d = draft_of(&old, &new, &[]);
        assert_eq!(
            d.act.points[1],
            format!(
                "1.1. Раздел 2 плана мероприятий дополнить пунктом 2.{n1} следующего содержания:\n2.{n1}\tРегиональный семинар\tМарт 2026\tИМЦ\tПротокол"
            )
        );
        assert_eq!(
            d.act.points[2],
            format!("1.2. Пункт 3.{n2} плана мероприятий исключить.")
        );
        let _ = last;
        assert!(d.appendix.is_empty());
    }

    #[test]
    fn a_renumbering_or_a_move_restates_the_plan_as_the_appendix() {
        let mut old = programme();
        // The plan in a section of its own: the section is restated.
        let (i, s) = old
            .sections
            .iter()
            .enumerate()
            .find(|(_, s)| s.body.contains(&SectionBlock::Roadmap))
            .expect("the generated programme places its plan in a section");
        let (uid, title) = (s.uid.clone(), s.title.clone());
        let number = old.heading_numbers().sections[i]
            .trim_end_matches('.')
            .to_string();
        let mut new = old.clone();
        new.roadmap.blocks[0].items.remove(0);
        let d = draft_of(&old, &new, &[]);
        assert_eq!(
            d.act.points[1],
            format!("1.1. Раздел {number} «{title}» Программы изложить в новой редакции согласно приложению к настоящему постановлению.")
        );
        assert_eq!(d.appendix, vec![Restated::Section { uid }]);
        // The plan after the last section: the plan itself.
        for s in &mut old.sections {
            s.body.retain(|b| *b != SectionBlock::Roadmap);
        }
        let mut new = old.clone();
        new.roadmap.blocks[0].items.remove(0);
        let d = draft_of(&old, &new, &[]);
        assert_eq!(
            d.act.points[1],
            "1.1. План мероприятий по реализации Программы изложить в новой редакции согласно приложению к настоящему постановлению."
        );
        assert_eq!(d.appendix, vec![Restated::Roadmap]);
        // With two appendices they are numbered.
        let mut new2 = new.clone();
        new2.indicators.remove(0);
        let d = draft_of(&old, &new2, &[]);
        assert_eq!(d.appendix, vec![Restated::Indicators, Restated::Roadmap]);
        let cited: Vec<&String> = d
            .act
            .points
            .iter()
            .filter(|p| p.contains("согласно приложению"))
            .collect();
        assert_eq!(cited.len(), 2, "{:#?}", d.act.points);
        assert!(
            cited[0].starts_with("1.2. Таблицу целевых показателей раздела II «"),
            "{:#?}",
            d.act.points
        );
        assert!(cited[0].ends_with("согласно приложению № 1 к настоящему постановлению."));
        assert!(cited[1].ends_with("согласно приложению № 2 к настоящему постановлению."));
        // The passport's indicators row, filled from the data, changed too.
        assert!(
            d.act.points[1].starts_with("1.1. Позицию «"),
            "{}",
            d.act.points[1]
        );
    }

    #[test]
    fn indicators_rows_and_sections_paragraphs() {
        let old = programme();
        let mut new = old.clone();
        let year = new.indicators[0].values[0].year;
        new.indicators[0].values[0].plan = Some(85.5);
        let d = draft_of(&old, &new, &[]);
        let p = &d.act.points[1];
        assert!(
            p.starts_with("1.1. Строку 1 таблицы целевых показателей"),
            "{p}"
        );
        assert!(p.contains(" изложить в следующей редакции:\n1.\t"), "{p}");
        assert!(p.contains("\t85,5"), "{p}");
        let _ = year;
        // A paragraph changed and one added at the end of a section.
        let mut new = old.clone();
        new.sections[0]
            .body
            .insert(0, SectionBlock::Paragraph { text: "x".into() });
        new.sections[0].body.remove(0);
        if let Some(SectionBlock::Paragraph { text }) = new.sections[0].body.first_mut() {
            *text = "Новый первый абзац.".into();
        }
        new.sections[0].body.push(SectionBlock::Paragraph {
            text: "Заключительный абзац.".into(),
        });
        let num = old.heading_numbers().sections[0]
            .trim_end_matches('.')
            .to_string();
        let title = old.sections[0].title.clone();
        let d = draft_of(&old, &new, &[]);
        let first_is_paragraph = matches!(old.sections[0].body.first(), Some(SectionBlock::Paragraph { text }) if text.lines().count() <= 1);
        if first_is_paragraph {
            assert_eq!(
                d.act.points[1],
                format!("1.1. Абзац 1 раздела {num} «{title}» Программы изложить в следующей редакции: «Новый первый абзац.».")
            );
            assert_eq!(
                d.act.points[2],
                format!("1.2. Раздел {num} «{title}» Программы дополнить абзацем следующего содержания: «Заключительный абзац.».")
            );
        } else {
            assert_eq!(
                d.act.points[1],
                format!("1.1. Раздел {num} «{title}» Программы изложить в новой редакции согласно приложению к настоящему постановлению.")
            );
        }
    }

    #[test]
    fn an_order_amending_a_decree_cites_the_decree_and_speaks_of_itself_as_an_order() {
        let old = programme();
        let mut new = old.clone();
        new.roadmap.blocks[0].items[0].deadline = "Май 2026".into();
        let d = draft(
            &old,
            &new,
            &compare(&old, &new),
            old.act.as_ref().unwrap(),
            &[],
            &AmendmentOptions {
                whole: true,
                kind: Some(ActKind::Order),
                ..Default::default()
            },
        );
        assert_eq!(d.act.kind, ActKind::Order);
        // The approving act is still cited as the decree it is.
        assert!(
            d.act.title.contains(
                "утверждённую постановлением администрации Урицкого района от 18.11.2013 № 571"
            ),
            "{}",
            d.act.title
        );
        assert_eq!(d.act.formula, "ПРИКАЗЫВАЮ:");
        assert_eq!(
            d.act.points[0],
            "Программу изложить в новой редакции согласно приложению к настоящему приказу."
        );
        // The decree's closing points name «настоящего постановления»: not carried.
        assert_eq!(
            d.act.points[1..],
            [
                "Настоящий приказ вступает в силу со дня его подписания.".to_string(),
                "Контроль за исполнением настоящего приказа оставляю за собой.".to_string(),
            ]
        );
    }

    #[test]
    fn the_whole_programme_in_a_new_edition() {
        let old = programme();
        let mut new = old.clone();
        new.roadmap.blocks[0].items[0].deadline = "Май 2026".into();
        let d = draft(
            &old,
            &new,
            &compare(&old, &new),
            old.act.as_ref().unwrap(),
            &[],
            &AmendmentOptions {
                whole: true,
                ..Default::default()
            },
        );
        assert_eq!(
            d.act.points[0],
            "Программу изложить в новой редакции согласно приложению к настоящему постановлению."
        );
        assert_eq!(d.appendix, vec![Restated::Whole]);
        assert_eq!(d.act.points.len(), 2);
    }

    #[test]
    fn unnumbered_and_flat_plans_are_cited_in_their_own_numbering() {
        let mut old = programme();
        old.layout.roadmap.items = crate::model::ItemNumbering::None;
        let mut new = old.clone();
        let activity = new.roadmap.blocks[0].items[1].activity.clone();
        let was = new.roadmap.blocks[0].items[1].deadline.clone();
        new.roadmap.blocks[0].items[1].deadline = "Май 2026".into();
        let d = draft_of(&old, &new, &[]);
        assert_eq!(
            d.act.points[1],
            format!(
                "1.1. В мероприятии «{activity}» плана мероприятий в графе «Сроки» слова «{was}» заменить словами «Май 2026»."
            )
        );
        // A flat plan numbered through: an item added after the last one.
        let mut old = programme();
        old.layout.roadmap.shape = RoadmapShape::Flat;
        old.layout.roadmap.items = crate::model::ItemNumbering::FlatDot;
        let mut new = old.clone();
        let mut item = new.roadmap.blocks[2].items[0].clone();
        item.uid = "flat-new".into();
        let last = new.roadmap.blocks.len() - 1;
        new.roadmap.blocks[last].items.push(item);
        let n = new.item_count();
        let d = draft_of(&old, &new, &[]);
        assert!(
            d.act.points[1].starts_with(&format!(
                "1.1. План мероприятий дополнить пунктом {n} следующего содержания:\n{n}.\t"
            )),
            "{}",
            d.act.points[1]
        );
        // Added in the middle, it renumbers the rest: the plan is restated.
        let mut mid = old.clone();
        let mut item = mid.roadmap.blocks[0].items[0].clone();
        item.uid = "flat-mid".into();
        mid.roadmap.blocks[0].items.push(item);
        let d = draft_of(&old, &mid, &[]);
        assert!(d
            .appendix
            .iter()
            .any(|a| matches!(a, Restated::Section { .. } | Restated::Roadmap)));
    }

    #[test]
    fn a_change_of_shape_alone_restates_the_whole_programme() {
        let old = programme();
        let mut new = old.clone();
        new.layout.sections.style = crate::model::SectionStyle::Arabic;
        let d = draft_of(&old, &new, &[]);
        assert_eq!(d.appendix, vec![Restated::Whole]);
        assert_eq!(
            d.act.points[0],
            "Программу изложить в новой редакции согласно приложению к настоящему постановлению."
        );
    }

    #[test]
    fn names_of_programmes_and_default_closing_points() {
        let n = programme_name(
            "Программа поддержки школ с низкими результатами",
            ActKind::Order,
        );
        assert_eq!(
            n.accusative,
            "программу поддержки школ с низкими результатами"
        );
        assert_eq!(
            n.genitive,
            "программы поддержки школ с низкими результатами"
        );
        let n = programme_name("Развитие образования", ActKind::Decree);
        assert_eq!(
            n.accusative,
            "муниципальную программу «Развитие образования»"
        );
        let mut act = programme().act.unwrap();
        act.points = vec![
            "Утвердить программу.".into(),
            "Настоящее постановление вступает в силу со дня его официального опубликования и распространяется на правоотношения, возникшие с 1 сентября 2024 года.".into(),
        ];
        assert_eq!(
            closing_points(&act, ActKind::Decree, true),
            ["Настоящее постановление вступает в силу со дня его официального опубликования."]
        );
        act.points.clear();
        assert_eq!(
            closing_points(&act, ActKind::Order, true),
            [
                "Настоящий приказ вступает в силу со дня его подписания.",
                "Контроль за исполнением настоящего приказа оставляю за собой."
            ]
        );
        assert_eq!(
            closing_points(&act, ActKind::Decree, true)[0],
            "Настоящее постановление вступает в силу со дня его подписания."
        );
    }
}
