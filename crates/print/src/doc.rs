//! The document to typeset: a small model of what an administrative act and
//! its appendix are made of, independent of the programme model.
//!
//! Lengths in the model are millimetres (`_mm`) or points (`_pt`) as named;
//! a `None` size means "the profile's size for this context" (body text, or
//! table text inside a table).

/// Face of a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Style {
    #[default]
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Style {
    pub(crate) fn index(self) -> usize {
        match self {
            Style::Regular => 0,
            Style::Bold => 1,
            Style::Italic => 2,
            Style::BoldItalic => 3,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Run {
    pub text: String,
    pub style: Style,
}

impl Run {
    pub fn new(text: impl Into<String>, style: Style) -> Self {
        Run {
            text: text.into(),
            style,
        }
    }
    pub fn plain(text: impl Into<String>) -> Self {
        Run::new(text, Style::Regular)
    }
    pub fn bold(text: impl Into<String>) -> Self {
        Run::new(text, Style::Bold)
    }
    pub fn italic(text: impl Into<String>) -> Self {
        Run::new(text, Style::Italic)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Justify,
    Left,
    Center,
    Right,
}

/// First-line indent of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Indent {
    /// The profile's paragraph indent (1.25 cm by default).
    #[default]
    Profile,
    None,
    Mm(f32),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paragraph {
    pub runs: Vec<Run>,
    pub align: Align,
    pub first_line: Indent,
    pub left_mm: f32,
    pub right_mm: f32,
    pub space_before_pt: f32,
    pub space_after_pt: f32,
    /// Keep on the same page as the beginning of the next block (headings).
    pub keep_with_next: bool,
    pub size_pt: Option<f32>,
    /// Headings and titles are not hyphenated.
    pub no_hyphenation: bool,
}

impl Paragraph {
    /// A justified body paragraph with the profile's first-line indent.
    pub fn body(text: impl Into<String>) -> Self {
        Paragraph {
            runs: vec![Run::plain(text)],
            ..Default::default()
        }
    }

    pub fn from_runs(runs: Vec<Run>) -> Self {
        Paragraph {
            runs,
            ..Default::default()
        }
    }

    /// Text set flush left with no indent (table cells, marks).
    pub fn left(text: impl Into<String>) -> Self {
        Paragraph {
            runs: vec![Run::plain(text)],
            align: Align::Left,
            first_line: Indent::None,
            ..Default::default()
        }
    }

    pub fn centered(text: impl Into<String>) -> Self {
        Paragraph {
            align: Align::Center,
            first_line: Indent::None,
            ..Paragraph::left(text)
        }
    }

    /// A bold centred heading kept with what follows.
    pub fn heading(text: impl Into<String>) -> Self {
        Paragraph {
            runs: vec![Run::bold(text)],
            align: Align::Center,
            first_line: Indent::None,
            keep_with_next: true,
            no_hyphenation: true,
            ..Default::default()
        }
    }

    pub fn with_align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }
    pub fn with_indent(mut self, indent: Indent) -> Self {
        self.first_line = indent;
        self
    }
    pub fn with_space(mut self, before_pt: f32, after_pt: f32) -> Self {
        self.space_before_pt = before_pt;
        self.space_after_pt = after_pt;
        self
    }
    pub fn with_size(mut self, size_pt: f32) -> Self {
        self.size_pt = Some(size_pt);
        self
    }
    pub fn without_hyphenation(mut self) -> Self {
        self.no_hyphenation = true;
        self
    }
    pub fn keep_with_next(mut self) -> Self {
        self.keep_with_next = true;
        self
    }
    pub fn bold(mut self) -> Self {
        for r in &mut self.runs {
            r.style = match r.style {
                Style::Italic | Style::BoldItalic => Style::BoldItalic,
                _ => Style::Bold,
            };
        }
        self
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ListKind {
    /// Items numbered from `start`, each label followed by `suffix`
    /// ("1." or "1)").
    Numbered { start: u32, suffix: String },
    /// Every item marked with the same label ("–", "•").
    Bulleted { bullet: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// The first paragraph carries the label; following ones align with its
    /// text. Only runs and style of these paragraphs are used: alignment
    /// and indents come from the list.
    pub paragraphs: Vec<Paragraph>,
    pub sublist: Option<List>,
}

impl ListItem {
    pub fn text(text: impl Into<String>) -> Self {
        ListItem {
            paragraphs: vec![Paragraph::body(text)],
            sublist: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct List {
    pub kind: ListKind,
    pub items: Vec<ListItem>,
    /// Where the label starts, from the text's left edge.
    pub label_indent: Indent,
    pub align: Align,
    pub size_pt: Option<f32>,
    pub space_before_pt: f32,
    pub space_after_pt: f32,
    /// The points of an act: the label opens the item's first line at the
    /// label indent, followed by a space, and the following lines run back
    /// to the left edge instead of aligning after the label. Every
    /// paragraph of the item starts at the label indent.
    pub wrap_to_margin: bool,
}

impl List {
    /// Numbered points of an act («1. Утвердить ...»): justified, the
    /// number at the profile's paragraph indent, lines wrapping to the
    /// margin. Word writes them as a numbered list, not typed numbers.
    pub fn points(items: Vec<ListItem>) -> Self {
        List {
            wrap_to_margin: true,
            ..List::numbered(items)
        }
    }

    pub fn numbered(items: Vec<ListItem>) -> Self {
        List {
            kind: ListKind::Numbered {
                start: 1,
                suffix: ".".into(),
            },
            items,
            label_indent: Indent::Profile,
            align: Align::Justify,
            size_pt: None,
            space_before_pt: 0.0,
            space_after_pt: 0.0,
            wrap_to_margin: false,
        }
    }
    pub fn bulleted(items: Vec<ListItem>) -> Self {
        List {
            kind: ListKind::Bulleted {
                bullet: "–".into()
            },
            ..List::numbered(items)
        }
    }
}

/// Content of a table cell: paragraphs and lists.
#[derive(Debug, Clone, PartialEq)]
pub enum CellBlock {
    Paragraph(Paragraph),
    List(List),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    pub blocks: Vec<CellBlock>,
    /// Number of columns the cell spans (at least 1).
    pub colspan: usize,
    /// Number of rows the cell spans, in the header or in the body (at
    /// least 1). The cells of the rows below leave its columns out. In the
    /// body the cell is drawn over the rows it spans; split by a page
    /// break, its text continues on the next page and is not repeated, as
    /// Word does with a vertically merged cell.
    pub rowspan: usize,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Self {
        Cell {
            blocks: vec![CellBlock::Paragraph(Paragraph::left(text))],
            colspan: 1,
            rowspan: 1,
        }
    }
    pub fn centered(text: impl Into<String>) -> Self {
        Cell {
            blocks: vec![CellBlock::Paragraph(Paragraph::centered(text))],
            colspan: 1,
            rowspan: 1,
        }
    }
    pub fn bold_centered(text: impl Into<String>) -> Self {
        Cell {
            blocks: vec![CellBlock::Paragraph(Paragraph::centered(text).bold())],
            colspan: 1,
            rowspan: 1,
        }
    }
    pub fn paragraphs(paragraphs: Vec<Paragraph>) -> Self {
        Cell {
            blocks: paragraphs.into_iter().map(CellBlock::Paragraph).collect(),
            colspan: 1,
            rowspan: 1,
        }
    }
    pub fn span(mut self, columns: usize) -> Self {
        self.colspan = columns.max(1);
        self
    }
    pub fn span_rows(mut self, rows: usize) -> Self {
        self.rowspan = rows.max(1);
        self
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// Keep on the same page as the next row (a roadmap block's title row).
    pub keep_with_next: bool,
}

impl Row {
    pub fn new(cells: Vec<Cell>) -> Self {
        Row {
            cells,
            keep_with_next: false,
        }
    }
    pub fn keep_with_next(mut self) -> Self {
        self.keep_with_next = true;
        self
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Relative widths of the columns; the table fills the text width.
    pub columns: Vec<f32>,
    pub header: Vec<Row>,
    pub body: Vec<Row>,
    /// Overrides the profile's choice of what repeats on continuation pages.
    pub header_repeat: Option<crate::profile::HeaderRepeat>,
    pub size_pt: Option<f32>,
    pub space_before_pt: f32,
    pub space_after_pt: f32,
}

/// One line with text at the left and at the right, e.g. the date and
/// number of the act, or the signatory's position and name. The left part
/// may wrap; the right part sits on the level of its last line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TwoSided {
    pub left: Vec<Run>,
    pub right: Vec<Run>,
    /// Share of the text width the left part may take before it wraps.
    pub left_share: f32,
    pub size_pt: Option<f32>,
    pub space_before_pt: f32,
    pub space_after_pt: f32,
    /// The paragraph before it goes to the next page with it rather than
    /// leave it alone there: a signature never stands on a page without
    /// text (§3).
    pub keeps_previous: bool,
}

/// A block of fixed width set against the right margin (the appendix mark:
/// "Приложение к постановлению ...").
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Mark {
    pub paragraphs: Vec<Paragraph>,
    /// `None`: the profile's mark width.
    pub width_mm: Option<f32>,
    pub space_after_pt: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    List(List),
    Table(Table),
    TwoSided(TwoSided),
    Mark(Mark),
    /// A paragraph set at the foot of the current page (the executor's
    /// line of an act), or of the next page if there is no room.
    PageFoot(Paragraph),
    /// Vertical space, pt; dropped at the top of a page.
    Space(f32),
    PageBreak,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

/// A run of pages of one orientation. Each group after the first starts on
/// a new page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageGroup {
    pub orientation: Orientation,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub title: String,
    pub author: String,
    pub groups: Vec<PageGroup>,
}
