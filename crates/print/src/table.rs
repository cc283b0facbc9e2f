//! Table geometry: column widths, cell content, and splitting a row that
//! does not fit on the page.

use crate::doc::{Align, Cell, CellBlock, Indent, Paragraph, Row, Table};
use crate::error::PrintError;
use crate::flow::list_paragraphs;
use crate::paragraph::{layout, mm, Context, Env, Frag, Laid};
use crate::profile::HeaderRepeat;

/// Rows with no more lines than this are never split unless they cannot
/// fit on a page at all.
const SHORT_ROW_LINES: usize = 4;

/// A part of a split row with no more lines than this (in its tallest
/// cell) is a sliver: three lines under a repeated header read as a page
/// wasted, three at the foot of a page as a row begun for nothing. A row
/// that would leave a sliver on either page moves whole to the next page
/// when it fits there.
pub(crate) const SLIVER_LINES: usize = 3;

/// Where a body row goes, given the room left on the page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Plan {
    Whole,
    /// To the next page, whole or to be split there.
    Move,
    /// The first part here, the rest on the next page.
    Split(LaidRow, LaidRow),
}

/// A line inside a cell, positioned from the cell's content box.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CellLine {
    pub top: f32,
    pub height: f32,
    pub ascent: f32,
    pub x: f32,
    pub frags: Vec<Frag>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LaidCell {
    pub col: usize,
    pub span: usize,
    pub lines: Vec<CellLine>,
}

impl LaidCell {
    pub fn content_height(&self) -> f32 {
        self.lines.last().map(|l| l.top + l.height).unwrap_or(0.0)
    }
}

/// A body cell standing over its own row and the rows below it (a
/// passport label over its sub-rows, §2): `rows` rows in all. The rows it
/// covers leave its columns out; the pager draws it over their heights.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SpanCell {
    pub cell: LaidCell,
    pub rows: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LaidRow {
    /// The cells of this row alone; a cell spanning rows is in `spans`.
    pub cells: Vec<LaidCell>,
    /// Cells that start here and span the rows below as well.
    pub spans: Vec<SpanCell>,
    /// The least content height: the last row under a spanning cell is
    /// stretched when that cell is taller than all its rows.
    pub min_content: f32,
    /// Centre the content vertically (header rows).
    pub middle: bool,
    pub keep_with_next: bool,
}

impl LaidRow {
    pub fn content_height(&self) -> f32 {
        self.cells
            .iter()
            .map(LaidCell::content_height)
            .fold(self.min_content, f32::max)
    }

    /// Lines of the tallest cell.
    pub fn max_lines(&self) -> usize {
        self.cells.iter().map(|c| c.lines.len()).max().unwrap_or(0)
    }

    fn is_sliver(&self) -> bool {
        self.max_lines() <= SLIVER_LINES
    }

    /// Splits the row so that the first part's content is at most `room`
    /// high. Each cell breaks between lines; no cell leaves a single line
    /// on either side when it has more. Returns `None` when nothing would
    /// go in the first part; with `force`, at least one line goes there.
    pub fn split(&self, room: f32, force: bool) -> Option<(LaidRow, LaidRow)> {
        // A short row moves whole: split, it reads as two half-empty rows.
        let tallest = self.cells.iter().map(|c| c.lines.len()).max().unwrap_or(0);
        if !force && tallest <= SHORT_ROW_LINES {
            return None;
        }
        let mut first = Vec::new();
        let mut rest = Vec::new();
        let mut any_first = false;
        let mut any_partial = false;
        let mut any_rest = false;
        for cell in &self.cells {
            let n = cell.lines.len();
            let mut k = cell
                .lines
                .iter()
                .take_while(|l| l.top + l.height <= room + 0.01)
                .count();
            if !force && n > 1 {
                if k < n && n - k == 1 {
                    k = k.saturating_sub(1);
                }
                if k == 1 {
                    k = 0;
                }
            }
            any_first |= k > 0;
            any_partial |= k > 0 && k < n;
            any_rest |= k < n;
            let (a, b) = cell.lines.split_at(k);
            let shift = b.first().map(|l| l.top).unwrap_or(0.0);
            first.push(LaidCell {
                col: cell.col,
                span: cell.span,
                lines: a.to_vec(),
            });
            rest.push(LaidCell {
                col: cell.col,
                span: cell.span,
                lines: b
                    .iter()
                    .map(|l| CellLine {
                        top: l.top - shift,
                        ..l.clone()
                    })
                    .collect(),
            });
        }
        if !any_rest || (!force && !any_partial) {
            return None;
        }
        if !any_first {
            if !force {
                return None;
            }
            // Not even one line fits (a very short page): take the first
            // line of the tallest cell so the layout still progresses.
            let tallest = (0..self.cells.len()).max_by(|&a, &b| {
                self.cells[a]
                    .content_height()
                    .total_cmp(&self.cells[b].content_height())
            })?;
            let cell = &self.cells[tallest];
            let l = cell.lines.first()?;
            first[tallest].lines = vec![l.clone()];
            let shift = cell.lines.get(1).map(|l| l.top).unwrap_or(0.0);
            rest[tallest].lines = cell.lines[1..]
                .iter()
                .map(|l| CellLine {
                    top: l.top - shift,
                    ..l.clone()
                })
                .collect();
        }
        let first = LaidRow {
            cells: first,
            // A spanning cell opens with the first part: the pager carries
            // what does not fit beside it over to the next page.
            spans: self.spans.clone(),
            min_content: 0.0,
            middle: self.middle,
            keep_with_next: false,
        };
        let min_content = (self.min_content - first.content_height()).max(0.0);
        Some((
            first,
            LaidRow {
                cells: rest,
                spans: Vec::new(),
                min_content,
                middle: self.middle,
                keep_with_next: self.keep_with_next,
            },
        ))
    }
}

/// A header cell and the rows of the header it covers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct HeaderCell {
    pub cell: LaidCell,
    pub row: usize,
    pub rowspan: usize,
}

/// The header rows, laid out together because cells may span rows.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LaidHeader {
    pub cells: Vec<HeaderCell>,
    pub heights: Vec<f32>,
}

impl LaidHeader {
    pub fn height(&self) -> f32 {
        self.heights.iter().sum()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LaidTable {
    /// Column boundaries from the text area's left edge; one more than the
    /// columns.
    pub edges: Vec<f32>,
    pub header: Option<LaidHeader>,
    /// The row of column numbers, when the profile repeats that row.
    pub numbers: Option<LaidRow>,
    pub body: Vec<LaidRow>,
    pub repeat: HeaderRepeat,
    pub continuation: Option<Laid>,
    pub padding: f32,
    pub border: f32,
    pub space_before: f32,
    pub space_after: f32,
}

impl LaidTable {
    pub fn row_height(&self, row: &LaidRow) -> f32 {
        row.content_height() + 2.0 * self.padding
    }

    /// Height of what opens the table on its first page: the header and,
    /// when repeated later, the row of column numbers under it.
    pub fn first_header_height(&self) -> f32 {
        self.header.as_ref().map_or(0.0, LaidHeader::height)
            + self.numbers.as_ref().map_or(0.0, |r| self.row_height(r))
    }

    /// The least height that may open the table at the bottom of a page:
    /// the header and the beginning of the first row, or of the row after it
    /// when the first is a title kept with the next. `fresh` is the content
    /// room of a continuation page.
    pub fn min_start_height(&self, fresh: f32) -> f32 {
        let mut h = self.first_header_height();
        for row in &self.body {
            if row.keep_with_next {
                h += self.row_height(row);
                continue;
            }
            h += self.min_row_chunk(row, fresh);
            break;
        }
        h
    }

    /// The least height of a body row that may start at the foot of a page
    /// whose continuation pages give `fresh` of content room: the whole
    /// row if it would not be split (short, or too short for two parts that
    /// are not slivers), else its first lines up to one more than a sliver.
    pub fn min_row_chunk(&self, row: &LaidRow, fresh: f32) -> f32 {
        let full = self.row_height(row);
        let fits_fresh = row.content_height() <= fresh + EPS;
        if fits_fresh && row.max_lines() <= 2 * SLIVER_LINES + 1 {
            return full;
        }
        let head = row
            .cells
            .iter()
            .filter_map(|c| {
                c.lines
                    .get(SLIVER_LINES.min(c.lines.len().saturating_sub(1)))
            })
            .map(|l| l.top + l.height)
            .fold(0.0, f32::max)
            + 2.0 * self.padding;
        full.min(head.max(2.0 * self.padding))
    }

    /// Where `row` goes with `room` of content height left here, when a
    /// continuation page gives `fresh`. `can_move` is false when moving
    /// would leave nothing of the table above it on this page (only its
    /// header): the row then starts here whatever it leaves.
    pub fn plan_row(&self, row: &LaidRow, room: f32, fresh: f32, can_move: bool) -> Plan {
        if row.content_height() <= room + EPS {
            return Plan::Whole;
        }
        let can_move = can_move && room + EPS < fresh;
        let fits_fresh = row.content_height() <= fresh + EPS;
        let Some(mut best) = row.split(room, !can_move) else {
            return if can_move { Plan::Move } else { Plan::Whole };
        };
        loop {
            let (head, tail) = (best.0.is_sliver(), best.1.is_sliver());
            if !head && !tail {
                break;
            }
            if can_move && (fits_fresh || head) {
                return Plan::Move;
            }
            if head {
                break;
            }
            // The row must split here and leaves a sliver at the top of
            // the next page: give that page more of it, as long as this
            // page keeps more than a sliver.
            let shorter = best
                .0
                .cells
                .iter()
                .filter_map(|c| c.lines.last())
                .map(|l| l.top)
                .fold(0.0, f32::max);
            match row.split(shorter - EPS, !can_move) {
                Some(s) if !s.0.is_sliver() && s.0.max_lines() < best.0.max_lines() => best = s,
                _ => break,
            }
        }
        Plan::Split(best.0, best.1)
    }
}

const EPS: f32 = 0.01;

fn cell_context(env: &Env, size: Option<f32>) -> Context {
    Context {
        size: size.unwrap_or(env.profile.table_size),
        spacing: env.profile.table_line_spacing,
        indent: 0.0,
    }
}

fn layout_cell(
    env: &mut Env,
    cell: &Cell,
    col: usize,
    span: usize,
    width: f32,
    ctx: Context,
) -> LaidCell {
    let mut lines = Vec::new();
    let mut y = 0.0f32;
    let mut first = true;
    let mut place = |laid: Laid, y: &mut f32, first: &mut bool| {
        if !*first {
            *y += laid.space_before;
        }
        *first = false;
        for l in laid.lines {
            lines.push(CellLine {
                top: *y,
                height: l.height,
                ascent: l.ascent,
                x: laid.x,
                frags: l.frags,
            });
            *y += l.height;
        }
        *y += laid.space_after;
    };
    for block in &cell.blocks {
        match block {
            CellBlock::Paragraph(p) => {
                let laid = layout(env, p, ctx, width, None);
                place(laid, &mut y, &mut first);
            }
            CellBlock::List(list) => {
                for laid in list_paragraphs(env, list, ctx, width, 0.0) {
                    place(laid, &mut y, &mut first);
                }
            }
        }
    }
    LaidCell { col, span, lines }
}

fn layout_row(
    env: &mut Env,
    row: &Row,
    edges: &[f32],
    padding: f32,
    ctx: Context,
    middle: bool,
) -> Result<LaidRow, PrintError> {
    let mut covered = vec![0usize; edges.len() - 1];
    layout_body_row(env, row, 1, edges, padding, ctx, middle, &mut covered)
}

/// One body row. `covered[c]`: how many more rows a cell from above still
/// spans in column `c` (those columns are left out of this row's cells);
/// `below` is how many rows, this one included, a cell may span.
#[allow(clippy::too_many_arguments)]
fn layout_body_row(
    env: &mut Env,
    row: &Row,
    below: usize,
    edges: &[f32],
    padding: f32,
    ctx: Context,
    middle: bool,
    covered: &mut [usize],
) -> Result<LaidRow, PrintError> {
    let columns = edges.len() - 1;
    let mut col = 0;
    let mut cells = Vec::with_capacity(row.cells.len());
    let mut spans = Vec::new();
    let mut cell_iter = row.cells.iter();
    while col < columns {
        if covered[col] > 0 {
            covered[col] -= 1;
            col += 1;
            continue;
        }
        let Some(cell) = cell_iter.next() else {
            // A short row still gets its borders: empty cells fill the rest.
            cells.push(LaidCell {
                col,
                span: 1,
                lines: Vec::new(),
            });
            col += 1;
            continue;
        };
        let span = cell.colspan.max(1);
        if col + span > columns || covered[col..col + span].iter().any(|&c| c > 0) {
            return Err(PrintError::InvalidTable(format!(
                "в строке больше ячеек, чем столбцов ({columns})"
            )));
        }
        let width = (edges[col + span] - edges[col] - 2.0 * padding).max(1.0);
        let laid = layout_cell(env, cell, col, span, width, ctx);
        let rows = cell.rowspan.clamp(1, below.max(1));
        if rows > 1 {
            for c in &mut covered[col..col + span] {
                *c = rows - 1;
            }
            spans.push(SpanCell { cell: laid, rows });
        } else {
            cells.push(laid);
        }
        col += span;
    }
    if cell_iter.next().is_some() {
        return Err(PrintError::InvalidTable(format!(
            "в строке больше ячеек, чем столбцов ({columns})"
        )));
    }
    Ok(LaidRow {
        cells,
        spans,
        min_content: 0.0,
        middle,
        keep_with_next: row.keep_with_next,
    })
}

/// The body rows, laid out together because a cell may span rows. A cell
/// taller than the rows it spans stretches the last of them; the rows
/// under it are kept together until they are as tall as it is, so a label
/// is not cut after a one-line first row at the foot of a page.
fn layout_body(
    env: &mut Env,
    rows: &[Row],
    edges: &[f32],
    padding: f32,
    ctx: Context,
) -> Result<Vec<LaidRow>, PrintError> {
    let mut covered = vec![0usize; edges.len() - 1];
    let mut body = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        body.push(layout_body_row(
            env,
            row,
            rows.len() - r,
            edges,
            padding,
            ctx,
            false,
            &mut covered,
        )?);
    }
    for r in 0..body.len() {
        for k in 0..body[r].spans.len() {
            let (need, rows) = (
                body[r].spans[k].cell.content_height(),
                body[r].spans[k].rows,
            );
            let mut have = 0.0;
            for (j, row) in body[r..r + rows].iter_mut().enumerate() {
                if j > 0 {
                    have += 2.0 * padding;
                }
                have += row.content_height();
                if have + EPS < need && j + 1 < rows {
                    row.keep_with_next = true;
                }
            }
            if need > have + EPS {
                let last = &mut body[r + rows - 1];
                last.min_content = last.content_height() + need - have;
            }
        }
    }
    Ok(body)
}

fn layout_header(
    env: &mut Env,
    rows: &[Row],
    edges: &[f32],
    padding: f32,
    ctx: Context,
) -> Result<Option<LaidHeader>, PrintError> {
    if rows.is_empty() {
        return Ok(None);
    }
    let columns = edges.len() - 1;
    // Rows of the header still covered by a cell from above, per column.
    let mut covered = vec![0usize; columns];
    let mut cells = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut col = 0;
        let mut cell_iter = row.cells.iter();
        while col < columns {
            if covered[col] > 0 {
                covered[col] -= 1;
                col += 1;
                continue;
            }
            let Some(cell) = cell_iter.next() else {
                // A short row still gets its borders.
                cells.push(HeaderCell {
                    cell: LaidCell {
                        col,
                        span: 1,
                        lines: Vec::new(),
                    },
                    row: r,
                    rowspan: 1,
                });
                col += 1;
                continue;
            };
            let span = cell.colspan.max(1);
            if col + span > columns || covered[col..col + span].iter().any(|&c| c > 0) {
                return Err(PrintError::InvalidTable(format!(
                    "в шапке таблицы ячейки не укладываются в {columns} столбцов"
                )));
            }
            let rowspan = cell.rowspan.clamp(1, rows.len() - r);
            for c in &mut covered[col..col + span] {
                *c = rowspan - 1;
            }
            let width = (edges[col + span] - edges[col] - 2.0 * padding).max(1.0);
            cells.push(HeaderCell {
                cell: layout_cell(env, cell, col, span, width, ctx),
                row: r,
                rowspan,
            });
            col += span;
        }
        if cell_iter.next().is_some() {
            return Err(PrintError::InvalidTable(format!(
                "в шапке таблицы больше ячеек, чем столбцов ({columns})"
            )));
        }
    }
    let mut heights = vec![0.0f32; rows.len()];
    for c in cells.iter().filter(|c| c.rowspan == 1) {
        heights[c.row] = heights[c.row].max(c.cell.content_height() + 2.0 * padding);
    }
    // A merged cell taller than its rows stretches the last of them.
    for c in cells.iter().filter(|c| c.rowspan > 1) {
        let need = c.cell.content_height() + 2.0 * padding;
        let have: f32 = heights[c.row..c.row + c.rowspan].iter().sum();
        if need > have {
            heights[c.row + c.rowspan - 1] += need - have;
        }
    }
    Ok(Some(LaidHeader { cells, heights }))
}

pub(crate) fn layout_table(env: &mut Env, t: &Table, width: f32) -> Result<LaidTable, PrintError> {
    if t.columns.is_empty() || t.columns.iter().any(|w| !w.is_finite() || *w <= 0.0) {
        return Err(PrintError::InvalidTable(
            "ширины столбцов должны быть положительными".into(),
        ));
    }
    let total: f32 = t.columns.iter().sum();
    let mut edges = vec![0.0f32];
    let mut acc = 0.0;
    for w in &t.columns {
        acc += w;
        edges.push(width * acc / total);
    }
    let padding = mm(env.profile.cell_padding_mm);
    let ctx = cell_context(env, t.size_pt);
    let header = layout_header(env, &t.header, &edges, padding, ctx)?;
    let body = layout_body(env, &t.body, &edges, padding, ctx)?;
    let repeat = t.header_repeat.unwrap_or(env.profile.table_header_repeat);
    let numbers = if repeat == HeaderRepeat::ColumnNumbers {
        let row = Row::new(
            (1..=t.columns.len())
                .map(|i| Cell::centered(i.to_string()))
                .collect(),
        );
        Some(layout_row(env, &row, &edges, padding, ctx, true)?)
    } else {
        None
    };
    let continuation = if env.profile.table_continuation_label {
        let p = Paragraph {
            align: Align::Right,
            first_line: Indent::None,
            ..Paragraph::left("Продолжение таблицы")
        };
        let body_ctx = Context {
            size: env.profile.body_size,
            spacing: env.profile.line_spacing,
            indent: 0.0,
        };
        Some(layout(env, &p, body_ctx, width, None))
    } else {
        None
    };
    Ok(LaidTable {
        edges,
        header,
        numbers,
        body,
        repeat,
        continuation,
        padding,
        border: env.profile.border_width_pt,
        space_before: t.space_before_pt,
        space_after: t.space_after_pt,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(top: f32) -> CellLine {
        CellLine {
            top,
            height: 10.0,
            ascent: 8.0,
            x: 0.0,
            frags: Vec::new(),
        }
    }

    fn row(counts: &[usize]) -> LaidRow {
        LaidRow {
            cells: counts
                .iter()
                .enumerate()
                .map(|(i, &n)| LaidCell {
                    col: i,
                    span: 1,
                    lines: (0..n).map(|k| line(k as f32 * 10.0)).collect(),
                })
                .collect(),
            spans: Vec::new(),
            min_content: 0.0,
            middle: false,
            keep_with_next: false,
        }
    }

    fn table() -> LaidTable {
        LaidTable {
            edges: vec![0.0, 100.0, 200.0],
            header: None,
            numbers: None,
            body: Vec::new(),
            repeat: HeaderRepeat::Header,
            continuation: None,
            padding: 0.0,
            border: 0.5,
            space_before: 0.0,
            space_after: 0.0,
        }
    }

    fn parts(plan: &Plan) -> Option<(usize, usize)> {
        match plan {
            Plan::Split(a, b) => Some((a.max_lines(), b.max_lines())),
            _ => None,
        }
    }

    #[test]
    fn a_row_leaving_a_sliver_moves_whole_if_it_fits_on_the_next_page() {
        let t = table();
        // Lines are 10 pt: room for ten here, a page holds twenty.
        assert_eq!(t.plan_row(&row(&[12, 2]), 100.0, 200.0, true), Plan::Move);
        // Three lines at the foot of the page are a sliver too.
        assert_eq!(t.plan_row(&row(&[12]), 30.0, 200.0, true), Plan::Move);
        // A short row is never split while the next page can take it.
        assert_eq!(t.plan_row(&row(&[7, 3]), 50.0, 200.0, true), Plan::Move);
        // A long one splits with more than a sliver on each side.
        assert_eq!(
            parts(&t.plan_row(&row(&[20, 4]), 100.0, 300.0, true)),
            Some((10, 10))
        );
        assert_eq!(t.plan_row(&row(&[12]), 130.0, 200.0, true), Plan::Whole);
    }

    #[test]
    fn a_row_that_must_split_gives_the_next_page_more_than_a_sliver() {
        let t = table();
        // Under the header on its own page (nothing to gain by moving):
        // 10 + 2 would leave a sliver, so 8 + 4.
        assert_eq!(
            parts(&t.plan_row(&row(&[12]), 100.0, 100.0, false)),
            Some((8, 4))
        );
        // Taller than a page: split here, the rest still more than a sliver.
        assert_eq!(
            parts(&t.plan_row(&row(&[22]), 200.0, 200.0, true)),
            Some((18, 4))
        );
        // Too little room here for more than a sliver: start on the next
        // page, even though the row will split there.
        assert_eq!(t.plan_row(&row(&[40]), 30.0, 200.0, true), Plan::Move);
    }

    #[test]
    fn split_leaves_no_single_line_on_either_side() {
        assert!(row(&[4, 2]).split(30.0, false).is_none());
        let r = row(&[5, 3, 1]);
        // Room for 4 lines: the 5-line cell would leave one line behind, so
        // it gives three; the 3-line and 1-line cells fit whole.
        let (a, b) = r.split(40.0, false).unwrap();
        let counts = |r: &LaidRow| r.cells.iter().map(|c| c.lines.len()).collect::<Vec<_>>();
        assert_eq!(counts(&a), vec![3, 3, 1]);
        assert_eq!(counts(&b), vec![2, 0, 0]);
        assert_eq!(b.cells[0].lines[0].top, 0.0);
        // Room for one line: no orphan, so nothing splits unless forced.
        assert!(r.split(12.0, false).is_none());
        let (a, _) = r.split(12.0, true).unwrap();
        assert_eq!(counts(&a), vec![1, 1, 1]);
        // A row that fits is not split.
        assert!(r.split(100.0, false).is_none());
    }
}
