//! `word/document.xml` and `word/numbering.xml` from the blocks of a
//! `Document`: each page group a section, each block what Word has for it.
//!
//! Element order inside `w:pPr`, `w:rPr`, `w:tcPr` and `w:sectPr` follows
//! the schema (ECMA-376 part 1, §17): Word reports a file "damaged" over an
//! element out of order, where LibreOffice would not mind.

use metodist_print::{
    Align, Block, Cell, CellBlock, Document, Fonts, HeaderRepeat, Indent, LayoutProfile, List,
    ListKind, Mark, Orientation, Paragraph, Row, Run, Style, Table, TwoSided,
};

use crate::xml::{escape, run_text};

/// Rows with no more lines than this never split across pages, as in our
/// PDF (the print crate's table layout); longer rows may.
const SHORT_ROW_LINES: usize = 4;

/// Relationship ids of the page-number headers (word/_rels/document.xml.rels).
pub(crate) const HEADER_RID: &str = "rIdHeader";
pub(crate) const FIRST_HEADER_RID: &str = "rIdFirstHeader";

pub(crate) fn tw_mm(mm: f32) -> i64 {
    (mm * 1440.0 / 25.4).round() as i64
}

fn tw_pt(pt: f32) -> i64 {
    (pt * 20.0).round() as i64
}

fn half_points(pt: f32) -> i64 {
    (pt * 2.0).round().max(2.0) as i64
}

fn line_240(spacing: f32) -> i64 {
    (spacing * 240.0).round() as i64
}

/// One numbering definition: a list (with its sublists as deeper levels).
struct NumDef {
    levels: Vec<Level>,
}

struct Level {
    kind: ListKind,
    /// Left indent and first-line offset of the label's paragraph, twips
    /// (a negative offset hangs the label left of the text).
    left: i64,
    first_line: i64,
    /// The label is followed by a space (points of an act) or a tab up to
    /// the text (hanging lists).
    space: bool,
    size_pt: f32,
}

/// What one paragraph of the output looks like.
#[derive(Default)]
struct ParaOut<'r> {
    runs: &'r [Run],
    align: Align,
    left: i64,
    right: i64,
    /// Negative: hanging.
    first_line: i64,
    before: i64,
    after: i64,
    keep_next: bool,
    keep_lines: bool,
    no_hyphenation: bool,
    size_pt: f32,
    spacing: f32,
    num: Option<(usize, usize)>,
    /// Right-aligned tab stop, twips from the left indent.
    right_tab: Option<i64>,
    /// Runs after a tab (the right side of a two-sided line).
    after_tab: Option<&'r [Run]>,
    /// Exact line height, pt (spacer paragraphs).
    exact_pt: Option<f32>,
}

pub(crate) struct Body<'a> {
    profile: &'a LayoutProfile,
    fonts: &'a Fonts,
    pub(crate) xml: String,
    nums: Vec<NumDef>,
    /// Where the `</w:pPr>` of the last paragraph outside a table starts:
    /// a section's properties go there.
    last_ppr_end: Option<usize>,
    in_table: bool,
    page_break_pending: bool,
    /// Width of the text on the current section's pages, twips.
    text_width: i64,
}

impl<'a> Body<'a> {
    pub(crate) fn new(profile: &'a LayoutProfile, fonts: &'a Fonts) -> Self {
        Body {
            profile,
            fonts,
            xml: String::with_capacity(1 << 16),
            nums: Vec::new(),
            last_ppr_end: None,
            in_table: false,
            page_break_pending: false,
            text_width: 0,
        }
    }

    pub(crate) fn has_numbering(&self) -> bool {
        !self.nums.is_empty()
    }

    /// The whole `word/document.xml`.
    pub(crate) fn document(mut self, doc: &Document) -> (String, Option<String>) {
        self.xml.push_str(concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
            r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
            "<w:body>"
        ));
        let groups: Vec<_> = doc.groups.iter().filter(|g| !g.blocks.is_empty()).collect();
        if groups.is_empty() {
            self.text_width = self.width_of(Orientation::Portrait);
            self.spacer(1.0, false);
            let sect = self.section(Orientation::Portrait, true);
            self.xml.push_str(&sect);
        }
        for (i, group) in groups.iter().enumerate() {
            self.text_width = self.width_of(group.orientation);
            self.last_ppr_end = None;
            for block in &group.blocks {
                self.block(block);
            }
            // A page break before the end of a section is the section's own.
            self.page_break_pending = false;
            let sect = self.section(group.orientation, i == 0);
            if i + 1 == groups.len() {
                self.xml.push_str(&sect);
            } else {
                if self.last_ppr_end.is_none() {
                    self.spacer(1.0, false);
                }
                let at = self.last_ppr_end.expect("a paragraph was written");
                self.xml.insert_str(at, &sect);
            }
        }
        self.xml.push_str("</w:body></w:document>");
        let numbering = self.has_numbering().then(|| self.numbering());
        (self.xml, numbering)
    }

    fn page_size(&self, o: Orientation) -> (f32, f32) {
        let (w, h) = (self.profile.page_width_mm, self.profile.page_height_mm);
        let (short, long) = (w.min(h), w.max(h));
        match o {
            Orientation::Portrait => (short, long),
            Orientation::Landscape => (long, short),
        }
    }

    fn width_of(&self, o: Orientation) -> i64 {
        let (w, _) = self.page_size(o);
        tw_mm(w - self.profile.margin_left_mm - self.profile.margin_right_mm)
    }

    /// The section's properties. Every section names the page-number
    /// header; only the first has a different first page (`titlePg`) with
    /// an empty header, so the number starts on page 2 and continues
    /// through the landscape sections.
    fn section(&self, o: Orientation, first: bool) -> String {
        let p = self.profile;
        let (w, h) = self.page_size(o);
        // The number sits centred in the top margin, as in our PDF.
        let number_height_mm = p.page_number_size * 1.15 * 25.4 / 72.0;
        let header_mm = ((p.margin_top_mm - number_height_mm) / 2.0).max(0.0);
        let mut s = String::with_capacity(512);
        s.push_str("<w:sectPr>");
        s.push_str(&format!(
            r#"<w:headerReference w:type="default" r:id="{HEADER_RID}"/>"#
        ));
        if first {
            s.push_str(&format!(
                r#"<w:headerReference w:type="first" r:id="{FIRST_HEADER_RID}"/>"#
            ));
        }
        s.push_str(r#"<w:type w:val="nextPage"/>"#);
        s.push_str(&format!(
            r#"<w:pgSz w:w="{}" w:h="{}"{}/>"#,
            tw_mm(w),
            tw_mm(h),
            if o == Orientation::Landscape {
                r#" w:orient="landscape""#
            } else {
                ""
            }
        ));
        s.push_str(&format!(
            r#"<w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="{}" w:footer="{}" w:gutter="0"/>"#,
            tw_mm(p.margin_top_mm),
            tw_mm(p.margin_right_mm),
            tw_mm(p.margin_bottom_mm),
            tw_mm(p.margin_left_mm),
            tw_mm(header_mm),
            tw_mm(p.margin_bottom_mm / 2.0),
        ));
        s.push_str(r#"<w:cols w:space="708"/>"#);
        if first {
            s.push_str("<w:titlePg/>");
        }
        s.push_str("</w:sectPr>");
        s
    }

    fn block(&mut self, block: &Block) {
        let p = self.profile;
        match block {
            Block::Paragraph(par) => {
                let out = self.body_para(par, p.body_size, p.line_spacing, true);
                self.para(&out);
            }
            Block::List(list) => self.list(list, p.body_size, p.line_spacing, 0, true),
            Block::Table(t) => self.table(t),
            Block::TwoSided(t) => self.two_sided(t),
            Block::Mark(m) => self.mark(m),
            // Word has no "foot of this page" for body text; the line
            // follows the signature, with its space before.
            Block::PageFoot(par) => {
                let out = self.body_para(par, p.body_size, p.line_spacing, true);
                self.para(&out);
            }
            Block::Space(pt) => self.spacer(pt.max(1.0), false),
            Block::PageBreak => self.page_break_pending = true,
        }
    }

    /// A paragraph of the document with its own indents; `profile_indent`:
    /// whether `Indent::Profile` means the profile's indent (body) or none
    /// (table cells, as in our PDF).
    fn body_para<'r>(
        &self,
        par: &'r Paragraph,
        default_size: f32,
        spacing: f32,
        profile_indent: bool,
    ) -> ParaOut<'r> {
        ParaOut {
            runs: &par.runs,
            align: par.align,
            left: tw_mm(par.left_mm),
            right: tw_mm(par.right_mm),
            first_line: self.indent(par.first_line, profile_indent),
            before: tw_pt(par.space_before_pt),
            after: tw_pt(par.space_after_pt),
            keep_next: par.keep_with_next,
            no_hyphenation: par.no_hyphenation,
            size_pt: par.size_pt.unwrap_or(default_size),
            spacing,
            ..Default::default()
        }
    }

    fn indent(&self, indent: Indent, profile_indent: bool) -> i64 {
        match indent {
            Indent::Profile if profile_indent => tw_mm(self.profile.first_line_indent_mm),
            Indent::Profile | Indent::None => 0,
            Indent::Mm(v) => tw_mm(v),
        }
    }

    fn para(&mut self, p: &ParaOut) {
        let x = &mut self.xml;
        x.push_str("<w:p><w:pPr>");
        if p.keep_next {
            x.push_str("<w:keepNext/>");
        }
        if p.keep_lines {
            x.push_str("<w:keepLines/>");
        }
        if std::mem::take(&mut self.page_break_pending) && !self.in_table {
            x.push_str("<w:pageBreakBefore/>");
        }
        if let Some((num, level)) = p.num {
            x.push_str(&format!(
                r#"<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>"#
            ));
        }
        if let Some(pos) = p.right_tab {
            x.push_str(&format!(
                r#"<w:tabs><w:tab w:val="right" w:pos="{pos}"/></w:tabs>"#
            ));
        }
        if p.no_hyphenation {
            x.push_str("<w:suppressAutoHyphens/>");
        }
        match p.exact_pt {
            Some(h) => x.push_str(&format!(
                r#"<w:spacing w:before="0" w:after="0" w:line="{}" w:lineRule="exact"/>"#,
                tw_pt(h)
            )),
            None => x.push_str(&format!(
                r#"<w:spacing w:before="{}" w:after="{}" w:line="{}" w:lineRule="auto"/>"#,
                p.before,
                p.after,
                line_240(p.spacing)
            )),
        }
        let (first_attr, first_val) = if p.first_line < 0 {
            ("hanging", -p.first_line)
        } else {
            ("firstLine", p.first_line)
        };
        x.push_str(&format!(
            r#"<w:ind w:left="{}" w:right="{}" w:{first_attr}="{first_val}"/>"#,
            p.left, p.right
        ));
        x.push_str(&format!(
            r#"<w:jc w:val="{}"/>"#,
            match p.align {
                Align::Justify => "both",
                Align::Left => "left",
                Align::Center => "center",
                Align::Right => "right",
            }
        ));
        let size = match p.exact_pt {
            Some(h) => h.min(p.size_pt),
            None => p.size_pt,
        };
        x.push_str(&format!(
            r#"<w:rPr><w:sz w:val="{0}"/><w:szCs w:val="{0}"/></w:rPr>"#,
            half_points(size)
        ));
        if !self.in_table {
            self.last_ppr_end = Some(x.len());
        }
        x.push_str("</w:pPr>");
        for r in p.runs {
            run(x, r, size);
        }
        if let Some(right) = p.after_tab {
            x.push_str(&format!(
                r#"<w:r><w:rPr><w:sz w:val="{0}"/><w:szCs w:val="{0}"/></w:rPr><w:tab/></w:r>"#,
                half_points(size)
            ));
            for r in right {
                run(x, r, size);
            }
        }
        x.push_str("</w:p>");
    }

    /// An empty paragraph `height_pt` high: space around tables, and the
    /// paragraph Word needs between two tables so they do not merge.
    fn spacer(&mut self, height_pt: f32, keep_next: bool) {
        let p = ParaOut {
            exact_pt: Some(height_pt),
            size_pt: height_pt.min(self.profile.body_size),
            spacing: 1.0,
            keep_next,
            ..Default::default()
        };
        self.para(&p);
    }

    fn two_sided(&mut self, t: &TwoSided) {
        // As in the PDF: the paragraph before a signature goes with it to
        // the next page (written already, so its properties gain keepNext).
        if t.keeps_previous {
            if let Some(at) = self.xml.rfind("<w:p><w:pPr>") {
                let props = at + "<w:p><w:pPr>".len();
                if !self.xml[props..].starts_with("<w:keepNext/>") {
                    self.xml.insert_str(props, "<w:keepNext/>");
                }
            }
        }
        let p = ParaOut {
            runs: &t.left,
            after_tab: Some(&t.right),
            align: Align::Left,
            right_tab: Some(self.text_width),
            before: tw_pt(t.space_before_pt),
            after: tw_pt(t.space_after_pt),
            keep_lines: true,
            size_pt: t.size_pt.unwrap_or(self.profile.body_size),
            spacing: self.profile.line_spacing,
            ..Default::default()
        };
        self.para(&p);
    }

    fn mark(&mut self, m: &Mark) {
        let width = tw_mm(m.width_mm.unwrap_or(self.profile.mark_width_mm)).min(self.text_width);
        let shift = self.text_width - width;
        let last = m.paragraphs.len().saturating_sub(1);
        for (i, par) in m.paragraphs.iter().enumerate() {
            let mut out = self.body_para(
                par,
                self.profile.body_size,
                self.profile.line_spacing,
                false,
            );
            out.left += shift;
            out.keep_next = true;
            out.keep_lines = true;
            if i == last {
                out.after += tw_pt(m.space_after_pt);
            }
            self.para(&out);
        }
    }

    /// A list as Word numbering: one definition per list, so each starts
    /// from its own first number; sublists are its deeper levels.
    fn list(&mut self, list: &List, size: f32, spacing: f32, base_left: i64, profile_indent: bool) {
        let id = self.nums.len();
        self.nums.push(NumDef { levels: Vec::new() });
        self.list_level(id, 0, list, size, spacing, base_left, profile_indent);
    }

    #[allow(clippy::too_many_arguments)]
    fn list_level(
        &mut self,
        id: usize,
        depth: usize,
        list: &List,
        size: f32,
        spacing: f32,
        base_left: i64,
        profile_indent: bool,
    ) {
        let size = list.size_pt.unwrap_or(size);
        let label_x = base_left + self.indent(list.label_indent, profile_indent);
        let (left, first_line, text_left) = if list.wrap_to_margin {
            (base_left, label_x - base_left, base_left)
        } else {
            // The text aligns after the widest label, as in our PDF.
            let widest = (0..list.items.len())
                .map(|i| self.width_pt(&label(&list.kind, i), Style::Regular, size))
                .fold(0.0, f32::max);
            let text_left = label_x + tw_pt(widest + size * 0.4);
            (text_left, label_x - text_left, text_left)
        };
        if self.nums[id].levels.len() == depth {
            self.nums[id].levels.push(Level {
                kind: list.kind.clone(),
                left,
                first_line,
                space: list.wrap_to_margin,
                size_pt: size,
            });
        }
        let last = list.items.len().saturating_sub(1);
        for (i, item) in list.items.iter().enumerate() {
            let n = item.paragraphs.len();
            for (j, par) in item.paragraphs.iter().enumerate() {
                let mut out = ParaOut {
                    runs: &par.runs,
                    align: list.align,
                    left,
                    first_line: if list.wrap_to_margin { first_line } else { 0 },
                    before: if i == 0 && j == 0 {
                        tw_pt(list.space_before_pt)
                    } else {
                        0
                    },
                    after: if i == last && j + 1 == n && item.sublist.is_none() {
                        tw_pt(list.space_after_pt)
                    } else {
                        0
                    },
                    no_hyphenation: par.no_hyphenation,
                    size_pt: par.size_pt.unwrap_or(size),
                    spacing,
                    ..Default::default()
                };
                if j == 0 {
                    out.num = Some((id + 1, depth));
                    out.first_line = first_line;
                }
                self.para(&out);
            }
            if let Some(sub) = &item.sublist {
                self.list_level(id, depth + 1, sub, size, spacing, text_left, profile_indent);
            }
        }
    }

    fn numbering(&self) -> String {
        let mut s = String::with_capacity(1024 * self.nums.len());
        s.push_str(concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
        ));
        for (id, def) in self.nums.iter().enumerate() {
            s.push_str(&format!(
                r#"<w:abstractNum w:abstractNumId="{id}"><w:multiLevelType w:val="{}"/>"#,
                if def.levels.len() > 1 {
                    "multilevel"
                } else {
                    "singleLevel"
                }
            ));
            for (ilvl, l) in def.levels.iter().enumerate() {
                let (start, fmt, text) = match &l.kind {
                    ListKind::Numbered { start, suffix } => (
                        *start,
                        "decimal",
                        format!("%{}{}", ilvl + 1, suffix.replace('%', "")),
                    ),
                    ListKind::Bulleted { bullet } => (1, "bullet", bullet.clone()),
                };
                let (first_attr, first_val) = if l.first_line < 0 {
                    ("hanging", -l.first_line)
                } else {
                    ("firstLine", l.first_line)
                };
                s.push_str(&format!(
                    concat!(
                        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>"#,
                        r#"<w:suff w:val="{suff}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>"#,
                        r#"<w:pPr>{tabs}<w:ind w:left="{left}" w:{first_attr}="{first_val}"/></w:pPr>"#,
                        r#"<w:rPr><w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/></w:rPr></w:lvl>"#
                    ),
                    ilvl = ilvl,
                    start = start,
                    fmt = fmt,
                    suff = if l.space { "space" } else { "tab" },
                    text = escape(&text),
                    tabs = if l.space {
                        String::new()
                    } else {
                        format!(r#"<w:tabs><w:tab w:val="num" w:pos="{}"/></w:tabs>"#, l.left)
                    },
                    left = l.left,
                    first_attr = first_attr,
                    first_val = first_val,
                    hp = half_points(l.size_pt),
                ));
            }
            s.push_str("</w:abstractNum>");
        }
        for id in 0..self.nums.len() {
            s.push_str(&format!(
                r#"<w:num w:numId="{}"><w:abstractNumId w:val="{id}"/></w:num>"#,
                id + 1
            ));
        }
        s.push_str("</w:numbering>");
        s
    }

    fn width_pt(&self, text: &str, style: Style, size: f32) -> f32 {
        let face = self.fonts.face(style);
        text.chars()
            .map(|c| face.width(c).unwrap_or(500) as f32)
            .sum::<f32>()
            * size
            / 1000.0
    }

    fn table(&mut self, t: &Table) {
        let p = self.profile;
        let size = t.size_pt.unwrap_or(p.table_size);
        let spacing = p.table_line_spacing;
        let ncols = t.columns.len().max(1);
        let grid = grid(&t.columns, ncols, self.text_width);
        if t.space_before_pt > 0.0 {
            self.spacer(t.space_before_pt, true);
        } else if self.page_break_pending {
            self.spacer(1.0, true);
        }
        let border = (p.border_width_pt * 8.0).round().clamp(2.0, 96.0) as i64;
        let pad = tw_mm(p.cell_padding_mm);
        let x = &mut self.xml;
        x.push_str("<w:tbl><w:tblPr>");
        x.push_str(&format!(
            r#"<w:tblW w:w="{}" w:type="dxa"/><w:tblInd w:w="0" w:type="dxa"/>"#,
            self.text_width
        ));
        x.push_str("<w:tblBorders>");
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            x.push_str(&format!(
                r#"<w:{side} w:val="single" w:sz="{border}" w:space="0" w:color="000000"/>"#
            ));
        }
        x.push_str("</w:tblBorders>");
        x.push_str(&format!(
            concat!(
                r#"<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="{0}" w:type="dxa"/>"#,
                r#"<w:left w:w="{0}" w:type="dxa"/><w:bottom w:w="{0}" w:type="dxa"/>"#,
                r#"<w:right w:w="{0}" w:type="dxa"/></w:tblCellMar>"#,
                r#"<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>"#
            ),
            pad
        ));
        x.push_str("</w:tblPr><w:tblGrid>");
        for w in &grid {
            x.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
        }
        x.push_str("</w:tblGrid>");
        self.in_table = true;
        let repeat = t.header_repeat.unwrap_or(p.table_header_repeat);
        let numbers = (repeat == HeaderRepeat::ColumnNumbers)
            .then(|| Row::new((1..=ncols).map(|i| Cell::centered(i.to_string())).collect()));
        // Word repeats only rows at the very top of a table, so with the
        // row of column numbers the whole header repeats with it.
        let repeated = repeat != HeaderRepeat::None;
        let mut merges = vec![(0usize, 1usize); ncols];
        let header_rows = t.header.iter().chain(numbers.iter());
        for row in header_rows {
            self.row(row, &grid, pad, size, spacing, true, repeated, &mut merges);
        }
        let mut merges = vec![(0usize, 1usize); ncols];
        for row in &t.body {
            self.row(row, &grid, pad, size, spacing, false, false, &mut merges);
        }
        self.in_table = false;
        self.xml.push_str("</w:tbl>");
        self.spacer(t.space_after_pt.max(1.0), false);
    }

    /// One row. `merges[c]`: how many more rows the cell starting at
    /// column `c` spans downwards (its columns are left out of those rows'
    /// cells, which the Document leaves to us to fill with `vMerge`).
    #[allow(clippy::too_many_arguments)]
    fn row(
        &mut self,
        row: &Row,
        grid: &[i64],
        pad: i64,
        size: f32,
        spacing: f32,
        header: bool,
        repeated: bool,
        merges: &mut [(usize, usize)],
    ) {
        let ncols = grid.len();
        // Lay the cells on the grid first: (column, span, the cell or
        // `None` for a continuation of a merge above or an empty filler,
        // whether a vertical merge starts or continues here).
        let mut placed: Vec<(usize, usize, Option<&Cell>, Merge)> = Vec::new();
        let mut cells = row.cells.iter();
        let mut col = 0;
        while col < ncols {
            if merges[col].0 > 0 {
                merges[col].0 -= 1;
                let span = merges[col].1.clamp(1, ncols - col);
                placed.push((col, span, None, Merge::Continue));
                col += span;
                continue;
            }
            let Some(cell) = cells.next() else {
                // A short row: the rest of it as one empty cell.
                placed.push((col, ncols - col, None, Merge::None));
                break;
            };
            let span = cell.colspan.clamp(1, ncols - col);
            let merge = if cell.rowspan > 1 {
                merges[col] = (cell.rowspan - 1, span);
                Merge::Restart
            } else {
                Merge::None
            };
            placed.push((col, span, Some(cell), merge));
            col += span;
        }
        let width = |col: usize, span: usize| grid[col..col + span].iter().sum::<i64>();
        let lines = placed
            .iter()
            .filter_map(|(c, s, cell, _)| cell.map(|cell| (width(*c, *s), cell)))
            .map(|(w, cell)| self.cell_lines(cell, ((w - 2 * pad) as f32 / 20.0).max(1.0), size))
            .max()
            .unwrap_or(1);
        let cant_split = header || row.keep_with_next || lines <= SHORT_ROW_LINES;
        self.xml.push_str("<w:tr>");
        if cant_split || repeated {
            self.xml.push_str("<w:trPr>");
            if cant_split {
                self.xml.push_str("<w:cantSplit/>");
            }
            if repeated {
                self.xml.push_str("<w:tblHeader/>");
            }
            self.xml.push_str("</w:trPr>");
        }
        for (col, span, cell, merge) in placed {
            self.xml.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/>"#,
                width(col, span)
            ));
            if span > 1 {
                self.xml
                    .push_str(&format!(r#"<w:gridSpan w:val="{span}"/>"#));
            }
            match merge {
                Merge::Restart => self.xml.push_str(r#"<w:vMerge w:val="restart"/>"#),
                Merge::Continue => self.xml.push_str("<w:vMerge/>"),
                Merge::None => {}
            }
            if header {
                self.xml.push_str(r#"<w:vAlign w:val="center"/>"#);
            }
            self.xml.push_str("</w:tcPr>");
            let mut wrote = false;
            if let Some(cell) = cell {
                for b in &cell.blocks {
                    match b {
                        CellBlock::Paragraph(par) => {
                            let mut out = self.body_para(par, size, spacing, false);
                            out.keep_next |= row.keep_with_next;
                            self.para(&out);
                        }
                        CellBlock::List(list) => self.list(list, size, spacing, 0, false),
                    }
                    wrote = true;
                }
            }
            if !wrote {
                let out = ParaOut {
                    size_pt: size,
                    spacing,
                    keep_next: row.keep_with_next,
                    ..Default::default()
                };
                self.para(&out);
            }
            self.xml.push_str("</w:tc>");
        }
        self.xml.push_str("</w:tr>");
    }

    /// Lines a cell takes at `width_pt`, by a greedy line fill with the
    /// profile's font widths: enough to tell a short row from a long one.
    fn cell_lines(&self, cell: &Cell, width_pt: f32, size: f32) -> usize {
        let mut lines = 0;
        let hyphenate = self.profile.hyphenate;
        let mut para = |runs: &[Run], size: f32, width: f32| {
            let space = self.width_pt(" ", Style::Regular, size);
            let mut n = 1;
            let mut x = 0.0f32;
            for r in runs {
                for word in r.text.split_whitespace() {
                    let w = self.width_pt(word, r.style, size);
                    if x > 0.0 && x + space + w > width {
                        // With hyphenation the line takes the word's head
                        // when there is room for a good part of it.
                        let room = width - x - space;
                        n += 1;
                        x = if hyphenate && word.chars().count() >= 5 && room > 0.3 * w {
                            w - room * 0.9
                        } else {
                            w
                        };
                        while x > width {
                            n += 1;
                            x -= width;
                        }
                    } else {
                        x += if x > 0.0 { space + w } else { w };
                    }
                }
            }
            lines += n;
        };
        for b in &cell.blocks {
            match b {
                CellBlock::Paragraph(p) => para(&p.runs, p.size_pt.unwrap_or(size), width_pt),
                CellBlock::List(l) => {
                    let size = l.size_pt.unwrap_or(size);
                    for item in &l.items {
                        for p in &item.paragraphs {
                            para(&p.runs, p.size_pt.unwrap_or(size), width_pt - size * 1.5);
                        }
                    }
                }
            }
        }
        lines.max(1)
    }
}

#[derive(Clone, Copy)]
enum Merge {
    None,
    Restart,
    Continue,
}

fn label(kind: &ListKind, i: usize) -> String {
    match kind {
        ListKind::Numbered { start, suffix } => format!("{}{}", *start as usize + i, suffix),
        ListKind::Bulleted { bullet } => bullet.clone(),
    }
}

/// Column widths in twips from the relative widths, summing exactly to the
/// text width.
fn grid(columns: &[f32], n: usize, total: i64) -> Vec<i64> {
    let weights: Vec<f32> = (0..n)
        .map(|i| {
            columns
                .get(i)
                .copied()
                .filter(|w| w.is_finite() && *w > 0.0)
                .unwrap_or(1.0)
        })
        .collect();
    let sum: f32 = weights.iter().sum();
    let mut out: Vec<i64> = weights
        .iter()
        .map(|w| ((w / sum) * total as f32).floor() as i64)
        .collect();
    let rest = total - out.iter().sum::<i64>();
    if let Some(last) = out.last_mut() {
        *last += rest;
    }
    out
}

fn run(x: &mut String, r: &Run, size: f32) {
    if r.text.is_empty() {
        return;
    }
    x.push_str("<w:r><w:rPr>");
    if matches!(r.style, Style::Bold | Style::BoldItalic) {
        x.push_str("<w:b/><w:bCs/>");
    }
    if matches!(r.style, Style::Italic | Style::BoldItalic) {
        x.push_str("<w:i/><w:iCs/>");
    }
    x.push_str(&format!(
        r#"<w:sz w:val="{0}"/><w:szCs w:val="{0}"/></w:rPr>"#,
        half_points(size)
    ));
    run_text(x, &r.text);
    x.push_str("</w:r>");
}
