//! What the reader yields: the body of a document in order.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// Whether the writer recorded where its pages broke (Word does, with
    /// `w:lastRenderedPageBreak`); only then is `page` a true page number,
    /// otherwise it counts explicit page breaks alone.
    pub pages_known: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
    Justify,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Paragraph {
    /// The style's name as Word shows it («heading 1», «List Paragraph»), or
    /// its id when styles.xml does not name it.
    pub style: Option<String>,
    pub align: Align,
    /// Every letter of the paragraph is bold (by its runs or its style).
    pub bold: bool,
    /// Word numbering (`w:numPr`, directly or through the style).
    pub numbering: Option<Numbering>,
    /// The text as shown: insertions kept, deletions dropped, fields by their
    /// result; a line break is `\n`, a tab `\t`.
    pub text: String,
    /// Pictures, drawings and text boxes in the paragraph: not read, counted
    /// so that the caller can say they were left out.
    pub objects: usize,
    /// The page the paragraph starts on (see `Document::pages_known`).
    pub page: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Numbering {
    pub num_id: u32,
    /// 0 for the outermost level.
    pub level: u8,
    pub format: NumFormat,
    /// The label Word shows, computed from the level's text and the counters
    /// («1.», «2.3.», «а)», «•»).
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NumFormat {
    Decimal,
    Bullet,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    RussianLower,
    RussianUpper,
    None,
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    /// Columns of the table's grid (`w:tblGrid`), at least as many as the
    /// widest row uses.
    pub columns: usize,
    /// The grid columns' widths as written (twentieths of a point; 0 when
    /// not given), for the roadmap's column widths.
    pub widths: Vec<u32>,
    pub rows: Vec<Row>,
    pub page: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// Marked to repeat at the top of each page (`w:tblHeader`).
    pub header: bool,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// The first grid column the cell covers.
    pub col: usize,
    /// Grid columns covered (`w:gridSpan`).
    pub col_span: usize,
    /// Rows covered: more than 1 on the first cell of a vertical merge.
    pub row_span: usize,
    /// The cell continues a vertical merge from the row above: its content
    /// belongs to that cell (Word does not show it).
    pub merged_above: bool,
    pub blocks: Vec<Block>,
}

impl Cell {
    /// The cell's paragraphs' text, one line per paragraph (nested tables
    /// row by row, cells separated by tabs).
    pub fn text(&self) -> String {
        blocks_text(&self.blocks)
    }
}

pub(crate) fn blocks_text(blocks: &[Block]) -> String {
    let mut lines = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph(p) => lines.push(p.text.clone()),
            Block::Table(t) => {
                for r in &t.rows {
                    let cells: Vec<String> = r.cells.iter().map(Cell::text).collect();
                    lines.push(cells.join("\t"));
                }
            }
        }
    }
    lines.join("\n")
}

impl Table {
    /// The cell covering grid column `col` of row `row`, following merges
    /// upwards: the cell whose content Word shows there.
    pub fn shown_cell(&self, row: usize, col: usize) -> Option<&Cell> {
        let r = self.rows.get(row)?;
        let c = r
            .cells
            .iter()
            .find(|c| c.col <= col && col < c.col + c.col_span)?;
        if c.merged_above {
            for up in (0..row).rev() {
                if let Some(top) = self.rows[up]
                    .cells
                    .iter()
                    .find(|t| t.col == c.col && !t.merged_above)
                {
                    if top.row_span > row - up {
                        return Some(top);
                    }
                }
            }
        }
        Some(c)
    }
}
