//! From the parts' element trees to the body in order.

use std::collections::HashMap;
use std::time::Instant;

use crate::error::ReadError;
use crate::model::{Align, Block, Cell, Document, NumFormat, Numbering, Paragraph, Row, Table};
use crate::xml::{on_off, Element};

/// How far `w:basedOn` chains are followed: a cycle in a hostile styles.xml
/// must end.
const MAX_STYLE_CHAIN: usize = 32;

#[derive(Default, Clone)]
struct Style {
    name: Option<String>,
    based_on: Option<String>,
    align: Option<Align>,
    bold: Option<bool>,
    num: Option<(u32, Option<u8>)>,
}

#[derive(Default)]
pub struct Styles {
    by_id: HashMap<String, Style>,
    default_paragraph: Option<String>,
}

fn align_of(val: &str) -> Option<Align> {
    match val {
        "left" | "start" => Some(Align::Left),
        "center" => Some(Align::Center),
        "right" | "end" => Some(Align::Right),
        "both" | "distribute" | "justify" | "lowKashida" | "mediumKashida" | "highKashida"
        | "thaiDistribute" => Some(Align::Justify),
        _ => None,
    }
}

fn num_pr(ppr: &Element) -> Option<(u32, Option<u8>)> {
    let np = ppr.child("numPr")?;
    let id = np.child_val("numId")?.trim().parse().ok()?;
    let level = np
        .child_val("ilvl")
        .and_then(|v| v.trim().parse::<u8>().ok())
        .map(|l| l.min(8));
    Some((id, level))
}

impl Styles {
    pub fn parse(root: Option<&Element>) -> Self {
        let mut styles = Styles::default();
        let Some(root) = root else { return styles };
        for s in root.children_named("style") {
            let Some(id) = s.attr("styleId") else {
                continue;
            };
            let ppr = s.child("pPr");
            let style = Style {
                name: s.child_val("name").map(str::to_string),
                based_on: s.child_val("basedOn").map(str::to_string),
                align: ppr.and_then(|p| p.child_val("jc")).and_then(align_of),
                bold: s.child("rPr").and_then(|r| r.child("b")).map(on_off),
                num: ppr.and_then(num_pr),
            };
            if s.attr("type") == Some("paragraph")
                && s.attr("default").is_some_and(|d| d == "1" || d == "true")
            {
                styles.default_paragraph = Some(id.to_string());
            }
            styles.by_id.insert(id.to_string(), style);
        }
        styles
    }

    /// The first value `get` finds along the style's `basedOn` chain.
    fn inherited<T>(&self, id: Option<&str>, get: impl Fn(&Style) -> Option<T>) -> Option<T> {
        let mut cur = id
            .map(str::to_string)
            .or_else(|| self.default_paragraph.clone());
        for _ in 0..MAX_STYLE_CHAIN {
            let s = self.by_id.get(cur.as_deref()?)?;
            if let Some(v) = get(s) {
                return Some(v);
            }
            cur = s.based_on.clone();
        }
        None
    }

    fn name(&self, id: &str) -> String {
        self.by_id
            .get(id)
            .and_then(|s| s.name.clone())
            .unwrap_or_else(|| id.to_string())
    }
}

#[derive(Clone)]
struct Level {
    start: u32,
    format: NumFormat,
    text: String,
}

#[derive(Default)]
pub struct Numberings {
    abstracts: HashMap<u32, Vec<Option<Level>>>,
    /// numId → (abstractNumId, start overrides by level)
    nums: HashMap<u32, (u32, HashMap<u8, u32>)>,
    counters: HashMap<(bool, u32), [u32; 9]>,
    /// Levels counted since their last reset, so that the first paragraph of
    /// a level starts at its `start` value.
    seen: HashMap<(bool, u32), [bool; 9]>,
}

fn format_of(val: &str) -> NumFormat {
    match val {
        "decimal" | "decimalZero" => NumFormat::Decimal,
        "bullet" => NumFormat::Bullet,
        "lowerLetter" => NumFormat::LowerLetter,
        "upperLetter" => NumFormat::UpperLetter,
        "lowerRoman" => NumFormat::LowerRoman,
        "upperRoman" => NumFormat::UpperRoman,
        "russianLower" => NumFormat::RussianLower,
        "russianUpper" => NumFormat::RussianUpper,
        "none" => NumFormat::None,
        other => NumFormat::Other(other.to_string()),
    }
}

/// Word's Roman numbering, as the core writes section numbers; past 4000
/// (no Roman numeral Word shows) the number itself.
fn roman(n: u32) -> String {
    if n > 4000 {
        return n.to_string();
    }
    metodist_core::model::roman(n)
}

fn letters(n: u32, alphabet: &[char]) -> String {
    if n == 0 {
        return "0".into();
    }
    // Word repeats the letter past the alphabet's end: a, b, … z, aa, bb.
    let len = alphabet.len() as u32;
    let ch = alphabet[((n - 1) % len) as usize];
    std::iter::repeat_n(ch, ((n - 1) / len + 1).min(8) as usize).collect()
}

const LATIN: [char; 26] = [
    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's',
    't', 'u', 'v', 'w', 'x', 'y', 'z',
];
// Word's russianLower skips ё, й, ъ, ы, ь.
const CYRILLIC: [char; 28] = [
    'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з', 'и', 'к', 'л', 'м', 'н', 'о', 'п', 'р', 'с', 'т', 'у',
    'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'э', 'ю', 'я',
];

fn show(n: u32, f: &NumFormat) -> String {
    match f {
        NumFormat::Decimal | NumFormat::Other(_) => n.to_string(),
        NumFormat::Bullet | NumFormat::None => String::new(),
        NumFormat::LowerLetter => letters(n, &LATIN),
        NumFormat::UpperLetter => letters(n, &LATIN).to_uppercase(),
        NumFormat::LowerRoman => roman(n).to_lowercase(),
        NumFormat::UpperRoman => roman(n),
        NumFormat::RussianLower => letters(n, &CYRILLIC),
        NumFormat::RussianUpper => letters(n, &CYRILLIC).to_uppercase(),
    }
}

impl Numberings {
    pub fn parse(root: Option<&Element>) -> Self {
        let mut n = Numberings::default();
        let Some(root) = root else { return n };
        for a in root.children_named("abstractNum") {
            let Some(id) = a.attr("abstractNumId").and_then(|v| v.parse().ok()) else {
                continue;
            };
            let mut levels: Vec<Option<Level>> = vec![None; 9];
            for l in a.children_named("lvl") {
                let Some(i) = l.attr("ilvl").and_then(|v| v.parse::<usize>().ok()) else {
                    continue;
                };
                if i < 9 {
                    levels[i] = Some(Level {
                        start: l
                            .child_val("start")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1),
                        format: format_of(l.child_val("numFmt").unwrap_or("decimal")),
                        text: l.child_val("lvlText").unwrap_or("").to_string(),
                    });
                }
            }
            n.abstracts.insert(id, levels);
        }
        for num in root.children_named("num") {
            let (Some(id), Some(abs)) = (
                num.attr("numId").and_then(|v| v.parse().ok()),
                num.child_val("abstractNumId").and_then(|v| v.parse().ok()),
            ) else {
                continue;
            };
            let mut overrides = HashMap::new();
            for o in num.children_named("lvlOverride") {
                if let (Some(l), Some(s)) = (
                    o.attr("ilvl").and_then(|v| v.parse::<u8>().ok()),
                    o.child("startOverride")
                        .and_then(|s| s.attr("val"))
                        .and_then(|v| v.parse().ok()),
                ) {
                    overrides.insert(l.min(8), s);
                }
            }
            n.nums.insert(id, (abs, overrides));
        }
        n
    }

    /// Counts one paragraph of list `num_id` at `level` and returns its label.
    fn next(&mut self, num_id: u32, level: u8) -> Option<Numbering> {
        let (abs, overrides) = self.nums.get(&num_id)?.clone();
        let levels = self.abstracts.get(&abs)?.clone();
        let lvl = level.min(8) as usize;
        let this = levels[lvl].clone()?;
        // Lists sharing one abstract definition continue each other's
        // numbering, unless a list restarts it with its own start values.
        let key = if overrides.is_empty() {
            (true, abs)
        } else {
            (false, num_id)
        };
        let start_of = |l: usize| {
            overrides
                .get(&(l as u8))
                .copied()
                .or_else(|| levels[l].as_ref().map(|x| x.start))
                .unwrap_or(1)
        };
        let counters = self.counters.entry(key).or_insert([0; 9]);
        let seen = self.seen.entry(key).or_insert([false; 9]);
        if seen[lvl] {
            counters[lvl] = counters[lvl].saturating_add(1);
        } else {
            counters[lvl] = start_of(lvl);
            seen[lvl] = true;
        }
        for deeper in seen.iter_mut().skip(lvl + 1) {
            *deeper = false;
        }
        // A label that names an outer level never counted shows its start.
        for (outer, was_seen) in seen.iter_mut().enumerate().take(lvl) {
            if !*was_seen {
                counters[outer] = start_of(outer);
                *was_seen = true;
            }
        }
        let mut label = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let i = (d as usize).saturating_sub(1).min(8);
                    let f = levels[i]
                        .as_ref()
                        .map(|l| l.format.clone())
                        .unwrap_or(NumFormat::Decimal);
                    label.push_str(&show(counters[i], &f));
                    continue;
                }
            }
            label.push(c);
        }
        if this.format == NumFormat::Bullet
            && label
                .chars()
                .all(|c| ('\u{F000}'..='\u{F0FF}').contains(&c))
        {
            // Symbol-font bullets are private-use code points; show a bullet.
            label = "•".into();
        }
        Some(Numbering {
            num_id,
            level: lvl as u8,
            format: this.format,
            label,
        })
    }
}

/// The state of walking the body in order.
pub struct Walker<'a> {
    pub styles: &'a Styles,
    pub numbering: Numberings,
    pub page: u32,
    pub rendered_breaks: bool,
    pub deadline: Instant,
    pub seconds: u64,
    pub steps: usize,
    pub max_depth: usize,
}

#[derive(Default)]
struct RunState {
    /// Open complex fields: true once past `separate` (showing the result).
    fields: Vec<bool>,
}

impl RunState {
    fn shown(&self) -> bool {
        self.fields.iter().all(|&r| r)
    }
}

struct ParaAcc {
    text: String,
    /// The page when the first letter came: a paragraph whose page breaks
    /// before any of its text starts on the new page.
    first_text_page: Option<u32>,
    bold_letters: usize,
    letters: usize,
    objects: usize,
}

impl Walker<'_> {
    fn tick(&mut self) -> Result<(), ReadError> {
        self.steps += 1;
        if self.steps.is_multiple_of(1024) && Instant::now() > self.deadline {
            return Err(ReadError::Timeout {
                seconds: self.seconds,
            });
        }
        Ok(())
    }

    pub fn document(&mut self, doc: &Element) -> Result<Document, ReadError> {
        let body = doc.child("body").ok_or_else(|| ReadError::Damaged {
            detail: "в документе нет тела (w:body)".into(),
        })?;
        let blocks = self.blocks(body, 0)?;
        Ok(Document {
            blocks,
            pages_known: self.rendered_breaks,
        })
    }

    /// Block-level content of a container (the body, a cell, a content control).
    fn blocks(&mut self, container: &Element, depth: usize) -> Result<Vec<Block>, ReadError> {
        if depth > self.max_depth {
            return Err(ReadError::TooComplex {
                what: "таблицы вложены слишком глубоко".into(),
            });
        }
        let mut out = Vec::new();
        // A paragraph whose mark was deleted in tracked changes joins the next.
        let mut carry: Option<Paragraph> = None;
        for e in container.elements() {
            self.tick()?;
            match e.name.as_str() {
                "p" => {
                    let (mut p, mark_deleted) = self.paragraph(e)?;
                    if let Some(prev) = carry.take() {
                        let mut joined = prev;
                        joined.text.push_str(&p.text);
                        joined.objects += p.objects;
                        joined.bold = joined.bold && (p.bold || p.text.trim().is_empty());
                        p = joined;
                    }
                    if mark_deleted {
                        carry = Some(p);
                    } else {
                        out.push(Block::Paragraph(p));
                    }
                }
                "tbl" => {
                    if let Some(prev) = carry.take() {
                        out.push(Block::Paragraph(prev));
                    }
                    out.push(Block::Table(self.table(e, depth + 1)?));
                }
                // Content controls, custom XML and inserted or moved-in blocks
                // hold ordinary content.
                "sdt" => {
                    if let Some(c) = e.child("sdtContent") {
                        out.extend(self.blocks(c, depth + 1)?);
                    }
                }
                "customXml" | "ins" | "moveTo" | "sdtContent" => {
                    out.extend(self.blocks(e, depth + 1)?)
                }
                // Deleted or moved-away blocks are not shown.
                _ => {}
            }
        }
        if let Some(prev) = carry {
            out.push(Block::Paragraph(prev));
        }
        Ok(out)
    }

    fn paragraph(&mut self, p: &Element) -> Result<(Paragraph, bool), ReadError> {
        let ppr = p.child("pPr");
        let style_id = ppr.and_then(|x| x.child_val("pStyle")).map(str::to_string);
        let sid = style_id.as_deref();
        let align = ppr
            .and_then(|x| x.child_val("jc"))
            .and_then(align_of)
            .or_else(|| self.styles.inherited(sid, |s| s.align))
            .unwrap_or_default();
        let style_bold = self.styles.inherited(sid, |s| s.bold).unwrap_or(false);
        let mark_deleted = ppr
            .and_then(|x| x.child("rPr"))
            .is_some_and(|r| r.child("del").is_some() || r.child("moveFrom").is_some());
        if ppr.is_some_and(|x| x.child("pageBreakBefore").is_some_and(on_off)) {
            self.page += 1;
        }
        let page = self.page;
        let direct = ppr.and_then(num_pr);
        let from_style = self.styles.inherited(sid, |s| s.num);
        let numbering = match (direct, from_style) {
            (Some((id, lvl)), style) => Some((id, lvl.or(style.and_then(|s| s.1)).unwrap_or(0))),
            (None, Some((id, lvl))) => Some((id, lvl.unwrap_or(0))),
            (None, None) => None,
        };
        let mut acc = ParaAcc {
            text: String::new(),
            first_text_page: None,
            bold_letters: 0,
            letters: 0,
            objects: 0,
        };
        let mut rs = RunState::default();
        self.inline(p, style_bold, &mut acc, &mut rs, 0)?;
        let numbering = match numbering {
            Some((0, _)) | None => None,
            Some((id, lvl)) => self.numbering.next(id, lvl),
        };
        let para = Paragraph {
            style: style_id.as_deref().map(|id| self.styles.name(id)),
            align,
            bold: acc.letters > 0 && acc.bold_letters == acc.letters,
            numbering,
            text: acc.text,
            objects: acc.objects,
            page: acc.first_text_page.unwrap_or(page),
        };
        Ok((para, mark_deleted))
    }

    /// Inline content of a paragraph, in order.
    fn inline(
        &mut self,
        e: &Element,
        style_bold: bool,
        acc: &mut ParaAcc,
        rs: &mut RunState,
        depth: usize,
    ) -> Result<(), ReadError> {
        if depth > self.max_depth {
            return Err(ReadError::TooComplex {
                what: "вложенность внутри абзаца слишком глубока".into(),
            });
        }
        for c in e.elements() {
            self.tick()?;
            match c.name.as_str() {
                "r" => self.run(c, style_bold, acc, rs)?,
                // Deleted text, moved-away text and the comment machinery
                // are not part of what the document shows.
                "del" | "moveFrom" | "pPr" | "commentRangeStart" | "commentRangeEnd"
                | "bookmarkStart" | "bookmarkEnd" | "proofErr" | "permStart" | "permEnd" => {}
                "sdt" => {
                    if let Some(content) = c.child("sdtContent") {
                        self.inline(content, style_bold, acc, rs, depth + 1)?;
                    }
                }
                // Insertions, simple fields (their runs are the result),
                // hyperlinks, smart tags and the like wrap ordinary runs.
                _ => self.inline(c, style_bold, acc, rs, depth + 1)?,
            }
        }
        Ok(())
    }

    fn run(
        &mut self,
        r: &Element,
        style_bold: bool,
        acc: &mut ParaAcc,
        rs: &mut RunState,
    ) -> Result<(), ReadError> {
        let bold = r
            .child("rPr")
            .and_then(|p| {
                p.child("b").map(on_off).or_else(|| {
                    p.child_val("rStyle")
                        .and_then(|id| self.styles.inherited(Some(id), |s| s.bold))
                })
            })
            .unwrap_or(style_bold);
        let push = |acc: &mut ParaAcc, s: &str, page: u32| {
            if acc.first_text_page.is_none() && !s.trim().is_empty() {
                acc.first_text_page = Some(page);
            }
            let letters = s.chars().filter(|c| c.is_alphanumeric()).count();
            acc.letters += letters;
            if bold {
                acc.bold_letters += letters;
            }
            acc.text.push_str(s);
        };
        for c in r.elements() {
            match c.name.as_str() {
                "fldChar" => match c.attr("fldCharType") {
                    Some("begin") => rs.fields.push(false),
                    Some("separate") => {
                        if let Some(last) = rs.fields.last_mut() {
                            *last = true;
                        }
                    }
                    Some("end") => {
                        rs.fields.pop();
                    }
                    _ => {}
                },
                _ if !rs.shown() => {}
                "t" => push(acc, &c.text(), self.page),
                "tab" | "ptab" => push(acc, "\t", self.page),
                "br" => match c.attr("type") {
                    Some("page") => self.page += 1,
                    Some("column") => push(acc, "\n", self.page),
                    _ => push(acc, "\n", self.page),
                },
                "cr" => push(acc, "\n", self.page),
                "noBreakHyphen" => push(acc, "-", self.page),
                "sym" => {
                    if let Some(ch) = c
                        .attr("char")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .map(|v| {
                            if (0xF000..=0xF0FF).contains(&v) {
                                v - 0xF000
                            } else {
                                v
                            }
                        })
                        .and_then(char::from_u32)
                    {
                        push(acc, &ch.to_string(), self.page);
                    }
                }
                "lastRenderedPageBreak" => {
                    self.rendered_breaks = true;
                    self.page += 1;
                }
                "drawing" | "pict" | "object" | "AlternateContent" | "embedded" => acc.objects += 1,
                // instrText, delText, footnote and comment references.
                _ => {}
            }
        }
        Ok(())
    }

    fn table(&mut self, t: &Element, depth: usize) -> Result<Table, ReadError> {
        let page = self.page;
        let widths: Vec<u32> = t
            .child("tblGrid")
            .map(|g| {
                g.children_named("gridCol")
                    .map(|c| c.attr("w").and_then(|w| w.parse().ok()).unwrap_or(0))
                    .collect()
            })
            .unwrap_or_default();
        let grid = widths.len();
        // Per row: the cells with their grid column and the vMerge state.
        let mut rows: Vec<(bool, Vec<PendingCell>)> = Vec::new();
        for tr in row_elements(t) {
            self.tick()?;
            let trpr = tr.child("trPr");
            let header = trpr.and_then(|p| p.child("tblHeader")).is_some_and(on_off);
            let mut col = trpr
                .and_then(|p| p.child_val("gridBefore"))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0)
                .min(1000);
            let mut cells = Vec::new();
            for tc in cell_elements(tr) {
                let tcpr = tc.child("tcPr");
                let span = tcpr
                    .and_then(|p| p.child_val("gridSpan"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 1000);
                // Some(true): starts a vertical merge; Some(false): continues one.
                let vmerge = tcpr
                    .and_then(|p| p.child("vMerge"))
                    .map(|v| v.attr("val") == Some("restart"));
                let blocks = self.blocks(tc, depth + 1)?;
                cells.push((
                    Cell {
                        col,
                        col_span: span,
                        row_span: 1,
                        merged_above: false,
                        blocks,
                    },
                    vmerge,
                ));
                col += span;
            }
            rows.push((header, cells));
        }
        // Resolve vertical merges: each continuation joins the cell above
        // that starts at the same grid column.
        let mut out: Vec<Row> = Vec::with_capacity(rows.len());
        // grid column → (row index, cell index) of the open merge
        let mut open: HashMap<usize, (usize, usize)> = HashMap::new();
        for (ri, (header, cells)) in rows.into_iter().enumerate() {
            let mut row_cells = Vec::with_capacity(cells.len());
            let mut continued = Vec::new();
            for (ci, (mut cell, vmerge)) in cells.into_iter().enumerate() {
                match vmerge {
                    Some(false) => {
                        if let Some(&(orow, ocell)) = open.get(&cell.col) {
                            let top: &mut Cell = &mut out[orow].cells[ocell];
                            if top.col_span == cell.col_span {
                                top.row_span += 1;
                                cell.merged_above = true;
                                continued.push(cell.col);
                            }
                        }
                    }
                    Some(true) => {
                        open.insert(cell.col, (ri, ci));
                        continued.push(cell.col);
                    }
                    None => {}
                }
                row_cells.push(cell);
            }
            open.retain(|col, _| continued.contains(col));
            out.push(Row {
                header,
                cells: row_cells,
            });
        }
        let widest = out
            .iter()
            .filter_map(|r| r.cells.last().map(|c| c.col + c.col_span))
            .max()
            .unwrap_or(0);
        Ok(Table {
            columns: grid.max(widest),
            widths,
            rows: out,
            page,
        })
    }
}

/// A cell before vertical merges are resolved, with its `w:vMerge`:
/// Some(true) starts a merge, Some(false) continues one.
type PendingCell = (Cell, Option<bool>);

/// Rows of a table, also those wrapped in content controls or tracked
/// insertions; deleted rows (`w:trPr/w:del`) are left out.
fn row_elements(t: &Element) -> Vec<&Element> {
    let mut out = Vec::new();
    collect(t, "tr", &mut out, 0);
    out.retain(|tr| tr.child("trPr").is_none_or(|p| p.child("del").is_none()));
    out
}

fn cell_elements(tr: &Element) -> Vec<&Element> {
    let mut out = Vec::new();
    collect(tr, "tc", &mut out, 0);
    out
}

fn collect<'a>(e: &'a Element, name: &str, out: &mut Vec<&'a Element>, depth: usize) {
    if depth > 8 {
        return;
    }
    for c in e.elements() {
        if c.name == name {
            out.push(c);
        } else if matches!(
            c.name.as_str(),
            "sdt" | "sdtContent" | "customXml" | "ins" | "moveTo"
        ) {
            collect(c, name, out, depth + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_each_format() {
        assert_eq!(show(1994, &NumFormat::UpperRoman), "MCMXCIV");
        assert_eq!(show(4, &NumFormat::LowerRoman), "iv");
        assert_eq!(show(27, &NumFormat::LowerLetter), "aa");
        assert_eq!(show(3, &NumFormat::UpperLetter), "C");
        // Word's Russian letters skip й: the tenth is «к».
        assert_eq!(show(10, &NumFormat::RussianLower), "к");
        assert_eq!(show(29, &NumFormat::RussianUpper), "АА");
        assert_eq!(show(5, &NumFormat::Bullet), "");
    }
}
