//! The plan with its execution, and the indicators, as one .xlsx workbook
//! (issue #15, docs/design.md §5a): the district head and the regional
//! institute ask for them as a spreadsheet.
//!
//! Sheet «Дорожная карта» has one row per due date of every roadmap item
//! with its status as of a day (overdue is derived from that day, never
//! stored: `DueEntry::status_on`); an item without a due date in the period
//! gets one row saying why. Sheet «Показатели» has the indicators with plan,
//! fact and degree of achievement per year and the evaluation of
//! effectiveness (§5), exactly as `effectiveness::Standard` computed them.
//!
//! Every value a spreadsheet can compute with is written as a value: dates
//! as dates (ДД.ММ.ГГГГ), numbers as numbers. Each row stands alone (an
//! item's text is repeated on each of its due dates) so that the autofilter
//! and sorting work; numbers of items come from `Programme::numbered_items`.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use metodist_core::effectiveness::{Evaluation, IndicatorScore, ITEM_DONE_SHARE};
use metodist_core::model::{Direction, Programme};
use metodist_core::text::date_ru;
use metodist_core::tracking::{DueEntry, Untracked};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

/// The names of the two sheets.
pub const ROADMAP_SHEET: &str = "Дорожная карта";
pub const INDICATORS_SHEET: &str = "Показатели";

/// Column titles of the roadmap sheet, in order.
pub const ROADMAP_COLUMNS: [&str; 11] = [
    "№ п/п",
    "Раздел плана",
    "Мероприятие",
    "Сроки (как в плане)",
    "Ответственные",
    "Ожидаемый результат",
    "Срок",
    "Статус",
    "Дата выполнения",
    "Комментарий",
    "Подтверждение",
];

/// Row (0-based) of the column titles on the roadmap sheet: the title of
/// the programme and the date of the statuses stand above it.
pub const ROADMAP_HEADER_ROW: u32 = 2;

/// The status of an item whose deadline is understood as "on request"
/// (or set by hand without dates): it has no date on purpose (§4 rule 12).
pub const ON_REQUEST: &str = "по запросу, без срока";

/// The status of an item that tracking cannot follow, with the reason.
pub fn untracked_status(u: &Untracked) -> String {
    format!("не учтено: {}", u.reason.label())
}

#[derive(Debug, thiserror::Error)]
pub enum XlsxError {
    /// rust_xlsxwriter refused something (a limit of Excel's: more than
    /// 32,767 characters in a cell, more than 1,048,576 rows).
    #[error("Не удалось составить таблицу Excel: {0}. Файл не записан; сократите слишком длинный текст или сообщите об ошибке разработчикам.")]
    Write(#[from] rust_xlsxwriter::XlsxError),
}

impl XlsxError {
    pub fn code(&self) -> &'static str {
        match self {
            XlsxError::Write(_) => XLSX_WRITE,
        }
    }
}

/// The code of [`XlsxError::Write`].
pub const XLSX_WRITE: &str = "xlsx_write";
/// Every code this crate's errors have.
pub const ERROR_CODES: &[&str] = &[XLSX_WRITE];

/// What the workbook is made of.
pub struct ExecutionInput<'a> {
    pub programme: &'a Programme,
    /// Every due date of the programme (`tracking::entries`).
    pub entries: &'a [DueEntry],
    /// The items no month tracks (`tracking::untracked`).
    pub untracked: &'a [Untracked],
    /// The whole period evaluated as of the day the statuses are given for
    /// (`Method::evaluate`); its `as_of` is that day.
    pub evaluation: &'a Evaluation,
}

/// What the workbook holds, for the message after saving it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contents {
    pub items: usize,
    pub due_dates: usize,
    pub indicators: usize,
}

/// The cell formats, made once per workbook.
struct Formats {
    title: Format,
    subtitle: Format,
    header: Format,
    text: Format,
    centered: Format,
    date: Format,
    overdue: Format,
    integer: Format,
    decimal: Format,
    degree: Format,
    label: Format,
    note: Format,
}

const FONT_SIZE: f64 = 10.0;
/// The height of one line of text at `FONT_SIZE`, in points.
const LINE_PT: f64 = 12.75;

impl Formats {
    fn new() -> Self {
        let cell = Format::new()
            .set_font_size(FONT_SIZE)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top)
            .set_text_wrap();
        let centered = cell.clone().set_align(FormatAlign::Center);
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(12)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            subtitle: Format::new().set_font_size(FONT_SIZE).set_italic(),
            header: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xE7E6E6)),
            text: cell.clone(),
            // Excel's codes are locale-free: «ДД.ММ.ГГГГ» on every computer,
            // and a Russian Excel shows the decimal separator as a comma.
            date: centered.clone().set_num_format("dd.mm.yyyy"),
            overdue: cell.clone().set_background_color(Color::RGB(0xF8CBAD)),
            integer: centered.clone().set_num_format("#,##0"),
            decimal: centered.clone().set_num_format("#,##0.0##"),
            degree: centered.clone().set_num_format("0.00"),
            centered,
            label: Format::new().set_font_size(FONT_SIZE),
            note: Format::new()
                .set_font_size(9)
                .set_italic()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
        }
    }

    /// A plan or fact value: whole numbers without a fraction, others with
    /// up to three decimals (76,21 stays 76,21).
    fn number(&self, v: f64) -> &Format {
        if v.fract() == 0.0 {
            &self.integer
        } else {
            &self.decimal
        }
    }
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    // Excel's dates start in 1900; the model's are validated programme
    // years, far inside u16.
    let year = u16::try_from(d.year()).map_err(|_| {
        rust_xlsxwriter::XlsxError::ParameterError(format!("год вне диапазона Excel: {}", d.year()))
    })?;
    Ok(ExcelDateTime::from_ymd(
        year,
        d.month() as u8,
        d.day() as u8,
    )?)
}

/// Column widths (in Excel's character units) that fit the text: the
/// longest line of each column, within the column's bounds, so a short
/// column is not wide and a long text wraps instead of running off.
struct Widths {
    bounds: Vec<(f64, f64)>,
    seen: Vec<f64>,
    /// Each wrapped cell's line lengths, by row: the row heights are set
    /// from them once the widths are known, because LibreOffice does not
    /// fit a row to its wrapped text when it opens the file.
    cells: Vec<(u32, u16, Vec<usize>)>,
}

impl Widths {
    fn new(bounds: &[(f64, f64)]) -> Self {
        Widths {
            bounds: bounds.to_vec(),
            seen: bounds.iter().map(|b| b.0).collect(),
            cells: Vec::new(),
        }
    }

    fn see(&mut self, row: u32, col: usize, text: &str) {
        let lines: Vec<usize> = text.lines().map(|l| l.chars().count()).collect();
        let longest = lines.iter().copied().max().unwrap_or(0) as f64;
        self.cells.push((row, col as u16, lines));
        // A little room for the cell's padding and for wider letters.
        let want = longest * 1.05 + 1.0;
        if let Some(seen) = self.seen.get_mut(col) {
            *seen = seen.max(want);
        }
    }

    fn apply(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        let widths: Vec<f64> = self
            .seen
            .iter()
            .zip(&self.bounds)
            .map(|(seen, (min, max))| seen.clamp(*min, *max))
            .collect();
        for (col, width) in widths.iter().enumerate() {
            sheet.set_column_width(col as u16, *width)?;
        }
        // Lines each cell wraps to at its width (words make lines a little
        // shorter than the width); the tallest cell of a row sets its height.
        let mut lines: HashMap<u32, usize> = HashMap::new();
        for (row, col, lengths) in &self.cells {
            let width = widths.get(*col as usize).copied().unwrap_or(10.0);
            let room = ((width - 1.0) * 0.9).max(1.0);
            let n: usize = lengths
                .iter()
                .map(|&len| ((len as f64 / room).ceil() as usize).max(1))
                .sum();
            let entry = lines.entry(*row).or_insert(1);
            *entry = (*entry).max(n);
        }
        for (row, n) in lines {
            if n > 1 {
                sheet.set_row_height(row, n as f64 * LINE_PT + 3.0)?;
            }
        }
        Ok(())
    }
}

/// Page setup shared by both sheets: A4 landscape, one page wide, the
/// header rows on every page, page numbers at the foot.
fn page_setup(sheet: &mut Worksheet, header_first: u32, header_last: u32) -> Result<(), XlsxError> {
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_margins(0.4, 0.4, 0.5, 0.6, 0.3, 0.3);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(header_first, header_last)?;
    sheet.set_freeze_panes(header_last + 1, 0)?;
    sheet.set_footer("&CСтраница &P из &N");
    Ok(())
}

fn write_text(
    sheet: &mut Worksheet,
    widths: &mut Widths,
    row: u32,
    col: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    let text = text.trim();
    widths.see(row, col as usize, text);
    sheet.write_string_with_format(row, col, text, format)?;
    Ok(())
}

fn write_date(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    date: Option<NaiveDate>,
    f: &Formats,
) -> Result<(), XlsxError> {
    match date {
        Some(d) => sheet.write_datetime_with_format(row, col, excel_date(d)?, &f.date)?,
        None => sheet.write_blank(row, col, &f.date)?,
    };
    Ok(())
}

/// Sheet «Дорожная карта»; returns the number of items and due dates.
fn roadmap_sheet(
    input: &ExecutionInput<'_>,
    f: &Formats,
) -> Result<(Worksheet, usize, usize), XlsxError> {
    let p = input.programme;
    let as_of = input.evaluation.as_of;
    let mut sheet = Worksheet::new();
    sheet.set_name(ROADMAP_SHEET)?;
    let last_col = (ROADMAP_COLUMNS.len() - 1) as u16;
    sheet.merge_range(
        0,
        0,
        0,
        last_col,
        &format!(
            "План мероприятий (дорожная карта) и его исполнение: {}",
            p.title.trim()
        ),
        &f.title,
    )?;
    sheet.set_row_height(0, 32)?;
    sheet.write_string_with_format(
        1,
        0,
        format!(
            "Статусы на {}: срок прошёл, а выполнение не отмечено — «просрочено»; срок позже этой даты — «срок не наступил».",
            date_ru(as_of)
        ),
        &f.subtitle,
    )?;
    let mut widths = Widths::new(&[
        (6.0, 8.0),   // №
        (12.0, 22.0), // раздел
        (24.0, 44.0), // мероприятие
        (10.0, 18.0), // сроки
        (12.0, 22.0), // ответственные
        (14.0, 30.0), // результат
        (11.0, 11.0), // срок
        (12.0, 18.0), // статус
        (11.0, 11.0), // дата выполнения
        (12.0, 28.0), // комментарий
        (12.0, 24.0), // подтверждение
    ]);
    for (col, title) in ROADMAP_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(ROADMAP_HEADER_ROW, col as u16, *title, &f.header)?;
    }

    let mut by_item: HashMap<&str, Vec<&DueEntry>> = HashMap::new();
    for e in input.entries {
        by_item.entry(e.item.as_str()).or_default().push(e);
    }
    let untracked: HashMap<&str, &Untracked> = input
        .untracked
        .iter()
        .map(|u| (u.item.as_str(), u))
        .collect();

    let mut row = ROADMAP_HEADER_ROW + 1;
    let (mut items, mut due_dates) = (0, 0);
    for (number, block, item) in p.numbered_items() {
        items += 1;
        let item_columns =
            |sheet: &mut Worksheet, widths: &mut Widths, row: u32| -> Result<(), XlsxError> {
                write_text(sheet, widths, row, 0, &number, &f.centered)?;
                write_text(sheet, widths, row, 1, &block.title, &f.text)?;
                write_text(sheet, widths, row, 2, &item.activity, &f.text)?;
                write_text(sheet, widths, row, 3, &item.deadline, &f.text)?;
                write_text(sheet, widths, row, 4, &item.responsible, &f.text)?;
                write_text(sheet, widths, row, 5, &item.expected_result, &f.text)
            };
        let dues = by_item
            .get(item.uid.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        if dues.is_empty() {
            item_columns(&mut sheet, &mut widths, row)?;
            let status = match untracked.get(item.uid.as_str()) {
                Some(u) => untracked_status(u),
                None => ON_REQUEST.to_string(),
            };
            write_date(&mut sheet, row, 6, None, f)?;
            write_text(&mut sheet, &mut widths, row, 7, &status, &f.text)?;
            write_date(&mut sheet, row, 8, None, f)?;
            for col in 9..=10 {
                sheet.write_blank(row, col, &f.text)?;
            }
            row += 1;
            continue;
        }
        for e in dues {
            due_dates += 1;
            item_columns(&mut sheet, &mut widths, row)?;
            write_date(&mut sheet, row, 6, Some(e.due), f)?;
            let status_format = if e.is_overdue(as_of) {
                &f.overdue
            } else {
                &f.text
            };
            write_text(
                &mut sheet,
                &mut widths,
                row,
                7,
                &e.status_on(as_of),
                status_format,
            )?;
            write_date(&mut sheet, row, 8, e.done_on, f)?;
            write_text(&mut sheet, &mut widths, row, 9, &e.comment, &f.text)?;
            write_text(&mut sheet, &mut widths, row, 10, &e.evidence, &f.text)?;
            row += 1;
        }
    }
    // The titles take two lines at most in their column widths.
    widths.apply(&mut sheet)?;
    sheet.set_row_height(ROADMAP_HEADER_ROW, 28)?;
    let last_row = (row - 1).max(ROADMAP_HEADER_ROW);
    sheet.autofilter(ROADMAP_HEADER_ROW, 0, last_row, last_col)?;
    page_setup(&mut sheet, ROADMAP_HEADER_ROW, ROADMAP_HEADER_ROW)?;
    Ok((sheet, items, due_dates))
}

/// Row (0-based) of the years on the indicator sheet; the titles «План»,
/// «Факт», «СД» are on the next row.
pub const INDICATORS_HEADER_ROW: u32 = 2;
/// Columns before the years: №, показатель, ед. изм., направление, базовое
/// значение, базовый год.
pub const INDICATOR_FIXED_COLUMNS: [&str; 6] = [
    "№ п/п",
    "Показатель",
    "Ед. изм.",
    "Желательно",
    "Базовое значение",
    "Базовый год",
];
/// The title of the last column: the indicator's degree over the period.
pub const INDICATOR_TOTAL: &str = "СД за период";
/// The labels of the evaluation under the table, in order.
pub const SUMMARY_LABELS: [&str; 7] = [
    "Степень достижения целей (среднее по показателям)",
    "Мероприятий со сроками в периоде",
    "Из них выполнено",
    "Степень выполнения мероприятий",
    "Просрочено сроков",
    "Интегральная оценка эффективности",
    "Эффективность",
];

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// Sheet «Показатели».
fn indicators_sheet(input: &ExecutionInput<'_>, f: &Formats) -> Result<Worksheet, XlsxError> {
    let p = input.programme;
    let ev = input.evaluation;
    let mut sheet = Worksheet::new();
    sheet.set_name(INDICATORS_SHEET)?;
    let years: Vec<i32> = (ev.from.year()..=ev.to.year()).collect();
    let fixed = INDICATOR_FIXED_COLUMNS.len() as u16;
    let total_col = fixed + 3 * years.len() as u16;
    sheet.merge_range(
        0,
        0,
        0,
        total_col,
        &format!(
            "Целевые показатели и оценка эффективности: {}",
            p.title.trim()
        ),
        &f.title,
    )?;
    sheet.set_row_height(0, 32)?;
    sheet.write_string_with_format(
        1,
        0,
        format!(
            "Период с {} по {}, на {}. СД — степень достижения: факт к плану (план к факту, если желательно снижение), не более 1.",
            date_ru(ev.from),
            date_ru(ev.to),
            date_ru(ev.as_of)
        ),
        &f.subtitle,
    )?;
    let (top, sub) = (INDICATORS_HEADER_ROW, INDICATORS_HEADER_ROW + 1);
    for (col, title) in INDICATOR_FIXED_COLUMNS.iter().enumerate() {
        sheet.merge_range(top, col as u16, sub, col as u16, title, &f.header)?;
    }
    for (i, year) in years.iter().enumerate() {
        let first = fixed + 3 * i as u16;
        sheet.merge_range(top, first, top, first + 2, &year.to_string(), &f.header)?;
        for (k, title) in ["План", "Факт", "СД"].iter().enumerate() {
            sheet.write_string_with_format(sub, first + k as u16, *title, &f.header)?;
        }
    }
    sheet.merge_range(top, total_col, sub, total_col, INDICATOR_TOTAL, &f.header)?;

    let mut bounds = vec![
        (5.0, 6.0),
        (30.0, 50.0),
        (7.0, 14.0),
        (12.0, 12.0),
        (10.0, 10.0),
        (8.0, 8.0),
    ];
    bounds.extend(std::iter::repeat_n((8.0, 10.0), 3 * years.len()));
    bounds.push((10.0, 10.0));
    let mut widths = Widths::new(&bounds);

    let mut scores: HashMap<(&str, i32), &IndicatorScore> = HashMap::new();
    for s in &ev.indicators {
        scores.insert((s.indicator.as_str(), s.year), s);
    }
    let mut row = sub + 1;
    for (n, ind) in p.indicators.iter().enumerate() {
        sheet.write_number_with_format(row, 0, (n + 1) as f64, &f.integer)?;
        write_text(&mut sheet, &mut widths, row, 1, &ind.name, &f.text)?;
        write_text(&mut sheet, &mut widths, row, 2, &ind.unit, &f.centered)?;
        let direction = match ind.direction {
            Direction::Increase => "рост",
            Direction::Decrease => "снижение",
        };
        sheet.write_string_with_format(row, 3, direction, &f.centered)?;
        match ind.base_value {
            Some(v) => sheet.write_number_with_format(row, 4, v, f.number(v))?,
            None => sheet.write_blank(row, 4, &f.centered)?,
        };
        match ind.base_year {
            Some(y) => sheet.write_number_with_format(row, 5, y, &f.centered)?,
            None => sheet.write_blank(row, 5, &f.centered)?,
        };
        for (i, year) in years.iter().enumerate() {
            let first = fixed + 3 * i as u16;
            let score = scores.get(&(ind.uid.as_str(), *year));
            let values = [
                (score.and_then(|s| s.plan), false),
                (score.and_then(|s| s.fact), false),
                (score.and_then(|s| s.degree), true),
            ];
            for (k, (value, is_degree)) in values.into_iter().enumerate() {
                let col = first + k as u16;
                match value {
                    Some(v) if is_degree => {
                        sheet.write_number_with_format(row, col, v, &f.degree)?
                    }
                    Some(v) => sheet.write_number_with_format(row, col, v, f.number(v))?,
                    None => sheet.write_blank(row, col, &f.centered)?,
                };
            }
        }
        // The indicator's degree over the period: the mean of its known
        // years, as «Исполнение» shows it.
        let total = mean(
            ev.indicators
                .iter()
                .filter(|s| s.indicator == ind.uid)
                .filter_map(|s| s.degree),
        );
        match total {
            Some(v) => sheet.write_number_with_format(row, total_col, v, &f.degree)?,
            None => sheet.write_blank(row, total_col, &f.centered)?,
        };
        row += 1;
    }
    let last_row = (row - 1).max(sub);
    sheet.autofilter(sub, 0, last_row, total_col)?;

    // The evaluation, under the table: label in the name column, value beside it.
    row += 1;
    let undetermined = "не определена";
    let summary: [(&str, Option<f64>, bool); 6] = [
        (SUMMARY_LABELS[0], ev.goals, true),
        (SUMMARY_LABELS[1], Some(ev.items_due as f64), false),
        (SUMMARY_LABELS[2], Some(ev.items_done as f64), false),
        (SUMMARY_LABELS[3], ev.activities, true),
        (SUMMARY_LABELS[4], Some(ev.overdue as f64), false),
        (SUMMARY_LABELS[5], ev.overall, true),
    ];
    for (label, value, is_degree) in summary {
        sheet.write_string_with_format(row, 1, label, &f.label)?;
        match value {
            Some(v) if is_degree => sheet.write_number_with_format(row, 2, v, &f.degree)?,
            Some(v) => sheet.write_number_with_format(row, 2, v, &f.integer)?,
            None => sheet.write_string_with_format(row, 2, undetermined, &f.centered)?,
        };
        row += 1;
    }
    sheet.write_string_with_format(row, 1, SUMMARY_LABELS[6], &f.label)?;
    let rating = ev.rating.map(|r| r.label()).unwrap_or("не определена");
    sheet.write_string_with_format(row, 2, rating, &f.label.clone().set_bold())?;
    row += 2;
    sheet.merge_range(
        row,
        1,
        row,
        total_col.max(4),
        &format!(
            "Мероприятие считается выполненным, если выполнено не менее {} % его сроков в периоде; \
             интегральная оценка — среднее степени достижения целей и степени выполнения мероприятий; \
             эффективность высокая при оценке не ниже 0,90, средняя — не ниже 0,80, удовлетворительная — не ниже 0,70, иначе неудовлетворительная.",
            (ITEM_DONE_SHARE * 100.0).round()
        ),
        &f.note,
    )?;
    sheet.set_row_height(row, 40)?;

    widths.apply(&mut sheet)?;
    page_setup(&mut sheet, top, sub)?;
    Ok(sheet)
}

/// The workbook of the programme's execution as of `input.evaluation.as_of`.
pub fn execution_workbook(input: &ExecutionInput<'_>) -> Result<(Vec<u8>, Contents), XlsxError> {
    let f = Formats::new();
    let (roadmap, items, due_dates) = roadmap_sheet(input, &f)?;
    let indicators = indicators_sheet(input, &f)?;
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(input.programme.title.trim())
            .set_author(
                input
                    .programme
                    .act
                    .as_ref()
                    .and_then(|a| a.issuer.last().cloned())
                    .unwrap_or_default(),
            ),
    );
    workbook.push_worksheet(roadmap);
    workbook.push_worksheet(indicators);
    let bytes = workbook.save_to_buffer()?;
    Ok((
        bytes,
        Contents {
            items,
            due_dates,
            indicators: input.programme.indicators.len(),
        },
    ))
}
