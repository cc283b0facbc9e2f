//! Distributing laid-out items over pages: orphan and widow control,
//! headings kept with what follows, tables continued with their header.

use crate::doc::Style;
use crate::flow::Item;
use crate::paragraph::{Frag, Laid};
use crate::profile::HeaderRepeat;
use crate::table::{CellLine, LaidCell, LaidHeader, LaidRow, LaidTable, Plan};

const EPS: f32 = 0.01;

/// Something drawn on a page; coordinates in points from the top left.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Draw {
    Text {
        x: f32,
        baseline: f32,
        frag: Frag,
    },
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PageOut {
    pub width: f32,
    pub height: f32,
    pub draws: Vec<Draw>,
}

pub(crate) struct Margins {
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

pub(crate) struct Pager {
    pub pages: Vec<PageOut>,
    margins: Margins,
    y: f32,
    /// Nothing has been placed on the current page yet.
    empty: bool,
    /// Body cells spanning rows that are still being placed.
    spans: Vec<OpenSpan>,
}

/// A cell spanning body rows, drawn once its rows on a page are placed:
/// the lines not yet drawn, how many of its rows are still to come, and
/// where its part on the current page begins.
struct OpenSpan {
    cell: LaidCell,
    rows_left: usize,
    top: f32,
}

impl Pager {
    pub fn new(margins: Margins) -> Pager {
        Pager {
            pages: Vec::new(),
            margins,
            y: 0.0,
            empty: true,
            spans: Vec::new(),
        }
    }

    pub fn start_page(&mut self, width: f32, height: f32) {
        self.pages.push(PageOut {
            width,
            height,
            draws: Vec::new(),
        });
        self.y = self.margins.top;
        self.empty = true;
    }

    fn new_page(&mut self) {
        let (w, h) = self
            .pages
            .last()
            .map(|p| (p.width, p.height))
            .unwrap_or((595.0, 842.0));
        self.start_page(w, h);
    }

    fn page(&mut self) -> &mut PageOut {
        self.pages
            .last_mut()
            .expect("a page is started before placing")
    }

    fn bottom(&self) -> f32 {
        self.pages.last().map(|p| p.height).unwrap_or(842.0) - self.margins.bottom
    }

    fn remaining(&self) -> f32 {
        self.bottom() - self.y
    }

    fn full_height(&self) -> f32 {
        self.bottom() - self.margins.top
    }

    pub fn place_all(&mut self, items: &[Item]) {
        for (i, item) in items.iter().enumerate() {
            match item {
                Item::Para(l) => {
                    if l.keep_with_next && !self.empty {
                        let need = self.chain_height(&items[i..]);
                        if need > self.remaining() + EPS && need <= self.full_height() {
                            self.new_page();
                        }
                    }
                    self.place_para(l);
                }
                Item::Table(t) => self.place_table(t),
                Item::Space(s) => {
                    if !self.empty {
                        self.y += s;
                    }
                }
                Item::PageBreak => {
                    if !self.empty {
                        self.new_page();
                    }
                }
                Item::PageFoot(l) => self.place_at_foot(l),
            }
        }
    }

    fn place_at_foot(&mut self, l: &Laid) {
        let h = l.height();
        if self.y + l.space_before + h > self.bottom() + EPS {
            self.new_page();
        }
        self.y = (self.bottom() - h).max(self.y);
        for line in &l.lines {
            self.draw_line(line, l.x);
            self.y += line.height;
        }
        self.empty = false;
    }

    /// Height from the start of `items[0]` (a paragraph kept with the
    /// next) to the least part of the first following item that may end a
    /// page.
    fn chain_height(&self, items: &[Item]) -> f32 {
        let mut need = 0.0;
        for (k, item) in items.iter().enumerate() {
            match item {
                Item::Para(l) if l.keep_with_next => {
                    if k > 0 || !self.empty {
                        need += l.space_before;
                    }
                    need += l.height() + l.space_after;
                }
                Item::Para(l) => {
                    need += l.space_before;
                    let head = if l.keep_together { l.lines.len() } else { 2 };
                    need += l.lines.iter().take(head).map(|x| x.height).sum::<f32>();
                    return need;
                }
                Item::Space(s) => need += s,
                Item::Table(t) => {
                    need += t.space_before + t.min_start_height(self.fresh_room(t));
                    return need;
                }
                Item::PageBreak | Item::PageFoot(_) => return need,
            }
        }
        need
    }

    fn draw_line(&mut self, line: &crate::paragraph::Line, x: f32) {
        let baseline = self.y + line.ascent;
        let x = self.margins.left + x;
        let page = self.page();
        for f in &line.frags {
            page.draws.push(Draw::Text {
                x: x + f.x,
                baseline,
                frag: f.clone(),
            });
        }
    }

    fn place_para(&mut self, l: &Laid) {
        if !self.empty {
            self.y += l.space_before;
        }
        let n = l.lines.len();
        let mut i = 0;
        let mut moved = false;
        while i < n {
            let rem = self.remaining();
            let mut k = 0;
            let mut h = 0.0;
            while i + k < n && h + l.lines[i + k].height <= rem + EPS {
                h += l.lines[i + k].height;
                k += 1;
            }
            if i + k < n {
                let rest = n - i - k;
                if !self.empty && !moved {
                    let too_few = k == 0 || (k < 2 && n - i >= 2);
                    let widow = rest == 1 && k < 3;
                    if l.keep_together || too_few || widow {
                        self.new_page();
                        moved = true;
                        continue;
                    }
                }
                // A single last line is not left alone on the next page.
                if rest == 1 && k >= 3 {
                    k -= 1;
                }
            }
            // On a fresh page that cannot hold the rest, take what fits;
            // at least one line, so the layout always progresses.
            k = k.max(1);
            for line in &l.lines[i..i + k] {
                self.draw_line(line, l.x);
                self.y += line.height;
            }
            self.empty = false;
            i += k;
            if i < n {
                self.new_page();
                moved = true;
            }
        }
        self.y += l.space_after;
    }

    fn draw_row(&mut self, t: &LaidTable, row: &LaidRow) {
        let height = t.row_height(row);
        let top = self.y;
        let left = self.margins.left;
        let content = row.content_height();
        for cell in &row.cells {
            let x0 = left + t.edges[cell.col] + t.padding;
            let mut y0 = top + t.padding;
            if row.middle {
                y0 += (content - cell.content_height()) / 2.0;
            }
            for line in &cell.lines {
                let baseline = y0 + line.top + line.ascent;
                for f in &line.frags {
                    self.page().draws.push(Draw::Text {
                        x: x0 + line.x + f.x,
                        baseline,
                        frag: f.clone(),
                    });
                }
            }
        }
        let w = t.border;
        let xr = left + *t.edges.last().unwrap_or(&0.0);
        let bottom = top + height;
        let page = self.page();
        // Each cell rules its own width: the columns under a cell spanning
        // rows get no rule between its rows (merge_rules joins the rest).
        for cell in &row.cells {
            let (x0, x1) = (
                left + t.edges[cell.col],
                left + t.edges[cell.col + cell.span],
            );
            for y in [top, bottom] {
                page.draws.push(Draw::Rule {
                    x1: x0,
                    y1: y,
                    x2: x1,
                    y2: y,
                    width: w,
                });
            }
            page.draws.push(Draw::Rule {
                x1: x0,
                y1: top,
                x2: x0,
                y2: bottom,
                width: w,
            });
        }
        page.draws.push(Draw::Rule {
            x1: xr,
            y1: top,
            x2: xr,
            y2: bottom,
            width: w,
        });
        self.y = bottom;
        self.empty = false;
    }

    fn rule(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        self.page().draws.push(Draw::Rule {
            x1,
            y1,
            x2,
            y2,
            width,
        });
    }

    /// Draws the header: each cell boxed on its own, since cells may span
    /// rows and columns; text centred in its box.
    fn draw_header(&mut self, t: &LaidTable, h: &LaidHeader) {
        let top = self.y;
        let left = self.margins.left;
        let mut row_tops = vec![top];
        for height in &h.heights {
            row_tops.push(row_tops.last().copied().unwrap_or(top) + height);
        }
        for hc in &h.cells {
            let (y0, y1) = (row_tops[hc.row], row_tops[hc.row + hc.rowspan]);
            let (x0, x1) = (
                left + t.edges[hc.cell.col],
                left + t.edges[hc.cell.col + hc.cell.span],
            );
            let content = hc.cell.content_height();
            let ty = y0 + ((y1 - y0) - content) / 2.0;
            for line in &hc.cell.lines {
                let baseline = ty + line.top + line.ascent;
                for f in &line.frags {
                    self.page().draws.push(Draw::Text {
                        x: x0 + t.padding + line.x + f.x,
                        baseline,
                        frag: f.clone(),
                    });
                }
            }
            let w = t.border;
            self.rule(x0, y0, x1, y0, w);
            self.rule(x0, y1, x1, y1, w);
            self.rule(x0, y0, x0, y1, w);
            self.rule(x1, y0, x1, y1, w);
        }
        self.y = row_tops.last().copied().unwrap_or(top);
        self.empty = false;
    }

    /// Opens the cells of `row` that span the rows below it, from here.
    fn open_spans(&mut self, row: &LaidRow) {
        for s in &row.spans {
            self.spans.push(OpenSpan {
                cell: s.cell.clone(),
                rows_left: s.rows,
                top: self.y,
            });
        }
    }

    /// A row under the open spans is placed whole: those whose last row it
    /// was are drawn and closed.
    fn row_done(&mut self, t: &LaidTable) {
        for s in &mut self.spans {
            s.rows_left = s.rows_left.saturating_sub(1);
        }
        if self.spans.iter().any(|s| s.rows_left == 0) {
            self.draw_spans(t);
        }
    }

    /// Draws every open span over the rows placed under it on this page:
    /// a closed one whole, an open one (the page ends inside its rows) as
    /// far as its lines fit, keeping the rest for the next page.
    fn draw_spans(&mut self, t: &LaidTable) {
        let bottom = self.y;
        let left = self.margins.left;
        let mut keep = Vec::new();
        for mut s in std::mem::take(&mut self.spans) {
            let closed = s.rows_left == 0;
            if bottom > s.top + EPS {
                let room = bottom - s.top - 2.0 * t.padding;
                let k = if closed {
                    s.cell.lines.len()
                } else {
                    s.cell
                        .lines
                        .iter()
                        .take_while(|l| l.top + l.height <= room + EPS)
                        .count()
                };
                let (x0, x1) = (
                    left + t.edges[s.cell.col],
                    left + t.edges[s.cell.col + s.cell.span],
                );
                for line in &s.cell.lines[..k] {
                    let baseline = s.top + t.padding + line.top + line.ascent;
                    for f in &line.frags {
                        self.page().draws.push(Draw::Text {
                            x: x0 + t.padding + line.x + f.x,
                            baseline,
                            frag: f.clone(),
                        });
                    }
                }
                let w = t.border;
                self.rule(x0, s.top, x1, s.top, w);
                self.rule(x0, bottom, x1, bottom, w);
                self.rule(x0, s.top, x0, bottom, w);
                self.rule(x1, s.top, x1, bottom, w);
                let shift = s.cell.lines.get(k).map_or(0.0, |l| l.top);
                s.cell.lines = s.cell.lines[k..]
                    .iter()
                    .map(|l| CellLine {
                        top: l.top - shift,
                        ..l.clone()
                    })
                    .collect();
            }
            if !closed {
                keep.push(s);
            }
        }
        self.spans = keep;
    }

    fn continue_table(&mut self, t: &LaidTable) {
        // A cell spanning rows ends its part on this page with the page.
        self.draw_spans(t);
        self.new_page();
        if let Some(label) = &t.continuation {
            for line in &label.lines {
                self.draw_line(line, label.x);
                self.y += line.height;
            }
        }
        match t.repeat {
            HeaderRepeat::Header => {
                if let Some(h) = &t.header {
                    self.draw_header(t, h);
                }
            }
            HeaderRepeat::ColumnNumbers => {
                if let Some(n) = &t.numbers {
                    self.draw_row(t, n);
                }
            }
            HeaderRepeat::None => {}
        }
        for s in &mut self.spans {
            s.top = self.y;
        }
    }

    /// Content room for a body row on a continuation page of `t`: the page
    /// less the label, the repeated header and the cell padding.
    fn fresh_room(&self, t: &LaidTable) -> f32 {
        let label = t.continuation.as_ref().map_or(0.0, Laid::height);
        let header = match t.repeat {
            HeaderRepeat::Header => t.header.as_ref().map_or(0.0, LaidHeader::height),
            HeaderRepeat::ColumnNumbers => t.numbers.as_ref().map_or(0.0, |n| t.row_height(n)),
            HeaderRepeat::None => 0.0,
        };
        self.full_height() - label - header - 2.0 * t.padding
    }

    fn place_table(&mut self, t: &LaidTable) {
        if !self.empty {
            self.y += t.space_before;
        }
        let fresh = self.fresh_room(t);
        if !self.empty && t.min_start_height(fresh) > self.remaining() + EPS {
            self.new_page();
        }
        if let Some(h) = &t.header {
            self.draw_header(t, h);
        }
        if let Some(n) = &t.numbers {
            self.draw_row(t, n);
        }
        let mut rows_here = 0usize;
        for (i, row) in t.body.iter().enumerate() {
            if row.keep_with_next && rows_here > 0 {
                // The title row and the start of what it heads stay
                // together.
                let after = self.remaining() - t.row_height(row);
                let next_here = t.body.get(i + 1).is_none_or(|n| {
                    !matches!(
                        t.plan_row(n, after - 2.0 * t.padding, fresh, true),
                        Plan::Move
                    )
                });
                if after < -EPS || !next_here {
                    self.continue_table(t);
                    rows_here = 0;
                }
            }
            let mut cur = row.clone();
            loop {
                let room = self.remaining() - 2.0 * t.padding;
                match t.plan_row(&cur, room, fresh, rows_here > 0) {
                    Plan::Whole => {
                        self.open_spans(&cur);
                        self.draw_row(t, &cur);
                        self.row_done(t);
                        rows_here += 1;
                        break;
                    }
                    Plan::Move => {
                        self.continue_table(t);
                        rows_here = 0;
                    }
                    Plan::Split(a, b) => {
                        self.open_spans(&a);
                        self.draw_row(t, &a);
                        self.continue_table(t);
                        rows_here = 0;
                        cur = b;
                    }
                }
            }
        }
        // A table whose spans claim more rows than it has still closes them.
        if !self.spans.is_empty() {
            for s in &mut self.spans {
                s.rows_left = 0;
            }
            self.draw_spans(t);
        }
        self.y += t.space_after;
    }

    /// Joins table rules that continue one another: adjacent rows share
    /// their borders, so the same line would otherwise be stroked twice and
    /// every column edge drawn once per row. Fewer, longer strokes make a
    /// smaller file and look the same.
    pub fn merge_rules(&mut self) {
        for page in &mut self.pages {
            let mut rules: Vec<(bool, f32, f32, f32, f32)> = Vec::new();
            page.draws.retain(|d| match *d {
                Draw::Rule {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                } if x1 == x2 => {
                    rules.push((true, x1, y1.min(y2), y1.max(y2), width));
                    false
                }
                Draw::Rule {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                } if y1 == y2 => {
                    rules.push((false, y1, x1.min(x2), x1.max(x2), width));
                    false
                }
                _ => true,
            });
            rules.sort_by(|a, b| {
                (a.0, a.4.to_bits(), a.1.to_bits(), a.2.to_bits()).cmp(&(
                    b.0,
                    b.4.to_bits(),
                    b.1.to_bits(),
                    b.2.to_bits(),
                ))
            });
            let mut merged: Vec<(bool, f32, f32, f32, f32)> = Vec::with_capacity(rules.len());
            for r in rules {
                if let Some(m) = merged.last_mut() {
                    let same_line = m.0 == r.0 && m.4 == r.4 && (m.1 - r.1).abs() < 0.01;
                    if same_line && r.2 <= m.3 + 0.01 {
                        m.3 = m.3.max(r.3);
                        continue;
                    }
                }
                merged.push(r);
            }
            page.draws
                .extend(merged.into_iter().map(|(vertical, at, a, b, width)| {
                    if vertical {
                        Draw::Rule {
                            x1: at,
                            y1: a,
                            x2: at,
                            y2: b,
                            width,
                        }
                    } else {
                        Draw::Rule {
                            x1: a,
                            y1: at,
                            x2: b,
                            y2: at,
                            width,
                        }
                    }
                }));
        }
    }

    /// Numbers every page from the second, centred in the top margin.
    pub fn number_pages(&mut self, size: f32, width_of: impl Fn(&str) -> f32) {
        let m = &self.margins;
        for (i, page) in self.pages.iter_mut().enumerate().skip(1) {
            let text = (i + 1).to_string();
            let w = width_of(&text);
            let centre = m.left + (page.width - m.left - m.right) / 2.0;
            // Centre the digits' height in the margin: digits stand about
            // 0.66 em above the baseline.
            let baseline = m.top / 2.0 + 0.33 * size;
            page.draws.push(Draw::Text {
                x: centre - w / 2.0,
                baseline,
                frag: Frag {
                    x: 0.0,
                    style: Style::Regular,
                    size,
                    text,
                    word_extra: 0.0,
                },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Block, Paragraph};
    use crate::flow::build;
    use crate::fonts::Fonts;
    use crate::paragraph::{mm, Env};
    use crate::profile::LayoutProfile;

    /// Places `blocks` on A4 pages; returns, for every draw of text, the
    /// page index and the text.
    fn place(blocks: &[Block]) -> Vec<(usize, f32, String)> {
        let fonts = Fonts::bundled().unwrap();
        let profile = LayoutProfile::default();
        let mut env = Env {
            fonts: &fonts,
            profile: &profile,
            missing: Default::default(),
        };
        let items = build(&mut env, blocks, mm(180.0)).unwrap();
        let mut pager = Pager::new(Margins {
            left: mm(20.0),
            right: mm(10.0),
            top: mm(20.0),
            bottom: mm(20.0),
        });
        pager.start_page(mm(210.0), mm(297.0));
        pager.place_all(&items);
        let mut out = Vec::new();
        for (i, p) in pager.pages.iter().enumerate() {
            for d in &p.draws {
                if let Draw::Text { baseline, frag, .. } = d {
                    out.push((i, *baseline, frag.text.clone()));
                }
            }
        }
        out
    }

    fn short_lines(n: usize) -> Vec<Block> {
        (0..n)
            .map(|i| Block::Paragraph(Paragraph::left(format!("строка {i}"))))
            .collect()
    }

    /// Lines of 14 pt body text that fit on an A4 page with these margins.
    fn lines_per_page() -> usize {
        let placed = place(&short_lines(200));
        placed.iter().filter(|(p, _, _)| *p == 0).count()
    }

    fn long_paragraph(lines: usize) -> Block {
        Block::Paragraph(Paragraph::left(
            (0..lines)
                .map(|i| format!("абзац{i}"))
                .collect::<Vec<_>>()
                .join("\n"),
        ))
    }

    #[test]
    fn a_heading_is_not_left_at_the_bottom_of_a_page() {
        let per_page = lines_per_page();
        let mut blocks = short_lines(per_page - 2);
        blocks.push(Block::Paragraph(Paragraph::heading("Заголовок раздела")));
        blocks.push(long_paragraph(5));
        let placed = place(&blocks);
        let heading_page = placed
            .iter()
            .find(|(_, _, t)| t == "Заголовок раздела")
            .unwrap()
            .0;
        assert_eq!(heading_page, 1);
        // Without the heading the paragraph would start on page 1.
        let mut blocks = short_lines(per_page - 2);
        blocks.push(long_paragraph(5));
        let placed = place(&blocks);
        assert_eq!(placed.iter().find(|(_, _, t)| t == "абзац0").unwrap().0, 0);
    }

    #[test]
    fn a_table_does_not_open_with_its_header_and_a_title_row_alone() {
        use crate::doc::{Cell, Row, Table};
        let per_page = lines_per_page();
        let table = Block::Table(Table {
            columns: vec![1.0, 3.0],
            header: vec![Row::new(vec![Cell::text("№"), Cell::text("Мероприятие")])],
            body: vec![
                Row::new(vec![Cell::text("1. Блок").span(2)]).keep_with_next(),
                Row::new(vec![Cell::text("1.1"), Cell::text("первое")]),
            ],
            ..Default::default()
        });
        // Room for the header and the title row, not for the first item.
        let mut blocks = short_lines(per_page - 3);
        blocks.push(table);
        let placed = place(&blocks);
        let page_of = |w: &str| placed.iter().find(|(_, _, t)| t == w).unwrap().0;
        assert_eq!(page_of("Мероприятие"), 1);
        assert_eq!(page_of("1. Блок"), 1);
        assert_eq!(page_of("первое"), 1);
    }

    #[test]
    fn touching_rules_are_joined_and_duplicates_dropped() {
        let mut pager = Pager::new(Margins {
            left: 0.0,
            right: 0.0,
            top: 0.0,
            bottom: 0.0,
        });
        pager.start_page(100.0, 100.0);
        let rule = |x1, y1, x2, y2| Draw::Rule {
            x1,
            y1,
            x2,
            y2,
            width: 0.5,
        };
        pager.pages[0].draws = vec![
            rule(10.0, 0.0, 10.0, 20.0),
            rule(10.0, 20.0, 10.0, 35.0),
            rule(10.0, 40.0, 10.0, 50.0),
            rule(0.0, 20.0, 50.0, 20.0),
            rule(0.0, 20.0, 50.0, 20.0),
            rule(30.0, 0.0, 30.0, 10.0),
        ];
        pager.merge_rules();
        let mut got = pager.pages[0].draws.clone();
        got.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
        let mut want = vec![
            rule(10.0, 0.0, 10.0, 35.0),
            rule(10.0, 40.0, 10.0, 50.0),
            rule(0.0, 20.0, 50.0, 20.0),
            rule(30.0, 0.0, 30.0, 10.0),
        ];
        want.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
        assert_eq!(got, want);
    }

    #[test]
    fn no_orphan_and_no_widow_lines() {
        let per_page = lines_per_page();
        // One line of room: the paragraph moves whole.
        let mut blocks = short_lines(per_page - 1);
        blocks.push(long_paragraph(6));
        let placed = place(&blocks);
        assert_eq!(placed.iter().find(|(_, _, t)| t == "абзац0").unwrap().0, 1);
        // Room for five of six lines: four stay, two go.
        let mut blocks = short_lines(per_page - 5);
        blocks.push(long_paragraph(6));
        let placed = place(&blocks);
        let page_of = |w: &str| placed.iter().find(|(_, _, t)| t == w).unwrap().0;
        assert_eq!(page_of("абзац3"), 0);
        assert_eq!(page_of("абзац4"), 1);
        assert_eq!(page_of("абзац5"), 1);
    }
}
