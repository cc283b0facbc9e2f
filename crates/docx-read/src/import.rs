//! From the read document to a programme (issue #16): the act, the appendix
//! mark, the title, the passport, the sections with their numbering, the
//! indicators and the roadmap, mapped onto the model with the document's own
//! shape (`DocumentLayout`, docs/design.md §2.7). Nothing is dropped in
//! silence: what cannot be placed goes to a section «Не распознано при
//! импорте» and into the warnings with its place in the document.

use chrono::NaiveDate;
use metodist_core::model::*;
use metodist_core::{Period, YearMonth};
use serde::Serialize;

use crate::act::{date_and_number, find_act, FoundAct, FoundKind, FoundLayout};
use crate::model::{Block as DocBlock, Document, NumFormat, Paragraph, Table};
use crate::passport::{find_passport, rich_text};
use crate::roadmap::{find_roadmap, FoundRoadmap, Role};

/// Something the import could not take as it is, with its place in the
/// document («стр. 3, таблица 2, строка 7»).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportWarning {
    pub place: String,
    pub message: String,
}

/// A roadmap deadline the deadline interpreter does not understand: kept as
/// typed, its schedule to be set by hand.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnclearDeadline {
    /// The item's number as the programme prints it, or its activity.
    pub item: String,
    pub deadline: String,
    pub place: String,
}

/// What was found, for the review before anything is stored.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct ImportSummary {
    /// The approving act was found at the head of the document.
    pub act: bool,
    #[ts(optional = nullable)]
    pub act_kind: Option<ActKind>,
    /// The appendix mark («Приложение …», «УТВЕРЖДЕНА …») was found.
    pub mark: bool,
    /// The programme's title was found above the passport.
    pub title: bool,
    pub passport_rows: usize,
    /// Sub-rows under merged or empty labels, over all passport rows.
    pub passport_subrows: usize,
    pub tasks: usize,
    pub sections: usize,
    pub indicators: usize,
    /// A roadmap table was found.
    pub roadmap: bool,
    /// The roadmap is one list without block rows.
    pub flat_roadmap: bool,
    pub blocks: usize,
    pub items: usize,
    pub year_columns: Vec<i32>,
    pub deadlines_not_understood: Vec<UnclearDeadline>,
    /// Parts of the document put into the section «Не распознано при
    /// импорте» (paragraphs, tables, columns).
    pub unplaced: usize,
    /// Pictures and drawings, which are not imported.
    pub pictures: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Recognised {
    pub programme: Programme,
    pub summary: ImportSummary,
    pub warnings: Vec<ImportWarning>,
}

/// The title of the section that keeps what could not be placed.
pub const UNPLACED_SECTION: &str = "Не распознано при импорте";

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower case, ё as е, spaces squeezed: for comparing headers and words.
fn norm(s: &str) -> String {
    squeeze(&s.to_lowercase().replace('ё', "е"))
}

/// Control characters other than line breaks and tabs are not text a
/// field may hold (validate.rs): a stray one from Word is dropped.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect::<String>()
        .trim()
        .to_string()
}

/// A number as a table writes it: «5», «12,5», «98.0», «−3», «5 %».
pub fn parse_number(s: &str) -> Option<f64> {
    let t: String = s
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .map(|c| match c {
            ',' => '.',
            '−' | '–' => '-',
            c => c,
        })
        .collect();
    if t.is_empty() || !t.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Years (2000–2100) written in a text, in order.
fn years_in(s: &str) -> Vec<i32> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4 {
                let y: i32 = chars[start..i]
                    .iter()
                    .collect::<String>()
                    .parse()
                    .unwrap_or(0);
                if (2000..=2100).contains(&y) {
                    out.push(y);
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

/// A header cell naming a year and nothing else: «2025», «2025 г.»,
/// «2025 год».
fn is_year_header(h: &str) -> bool {
    if years_in(h).len() != 1 || h.chars().filter(|c| c.is_ascii_digit()).count() != 4 {
        return false;
    }
    let rest: String = h
        .to_lowercase()
        .replace("года", "")
        .replace("год", "")
        .chars()
        .filter(|c| c.is_alphanumeric() && !c.is_ascii_digit() && *c != 'г')
        .collect();
    rest.is_empty()
}

/// «III.», «IV» as a number.
fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || !s.chars().all(|c| "IVXLCDM".contains(c)) {
        return None;
    }
    (1..=200).find(|&n| roman(n) == s)
}

/// A heading's number as typed: «Раздел 2.», «Раздел.1», «Раздел IV.»,
/// «III.», «2.»; the style, the number and the rest of the text.
fn heading_number(text: &str) -> Option<(SectionStyle, u32, String)> {
    let t = text.trim();
    let lower = t.to_lowercase();
    if let Some(rest) = lower.strip_prefix("раздел") {
        let skip = t.len() - rest.len();
        let rest = t[skip..].trim_start_matches(['.', ' ', '\u{a0}']);
        let token: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let after = rest[token.len()..]
            .trim_start_matches(['.', ':', ' ', '\u{a0}', '\t'])
            .to_string();
        if let Ok(n) = token.parse::<u32>() {
            return Some((SectionStyle::Razdel, n, after));
        }
        if let Some(n) = roman_value(&token) {
            return Some((SectionStyle::RazdelRoman, n, after));
        }
        return None;
    }
    let token: String = t
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let rest = &t[token.len()..];
    let after = rest.strip_prefix('.')?;
    // «1.1.» is a sub-item, not a section's number.
    if after.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if !(after.is_empty() || after.starts_with([' ', '\u{a0}', '\t'])) {
        return None;
    }
    let after = after.trim().to_string();
    if let Ok(n) = token.parse::<u32>() {
        if (1..=99).contains(&n) {
            return Some((SectionStyle::Arabic, n, after));
        }
    }
    roman_value(&token).map(|n| (SectionStyle::Roman, n, after))
}

#[derive(Debug, Clone)]
struct Heading {
    number: Option<(SectionStyle, u32)>,
    /// Without its number; line breaks between its lines.
    title: String,
    /// The number stood on a line of its own.
    number_alone: bool,
}

fn is_heading_style(p: &Paragraph) -> bool {
    p.style.as_deref().is_some_and(|s| {
        let s = s.to_lowercase();
        s.starts_with("heading") || s.starts_with("заголовок") || s == "title"
    })
}

/// A paragraph that heads a section: a heading style, or bold and either
/// centred or numbered as a section is, or «Раздел N» however it looks.
fn heading_of(p: &Paragraph) -> Option<Heading> {
    let text = p.text.trim();
    if text.is_empty() || text.chars().count() > 300 {
        return None;
    }
    let from_word = p.numbering.as_ref().and_then(|n| match n.format {
        NumFormat::Decimal | NumFormat::UpperRoman => {
            heading_number(&format!("{} ", n.label.trim())).map(|(s, k, _)| (s, k))
        }
        _ => None,
    });
    let typed = heading_number(text);
    let razdel = typed
        .as_ref()
        .is_some_and(|(s, _, _)| matches!(s, SectionStyle::Razdel | SectionStyle::RazdelRoman));
    let numbered = from_word.is_some() || typed.is_some();
    let heading = is_heading_style(p)
        || (p.bold && (p.align == crate::Align::Center || numbered))
        || (razdel && text.chars().count() <= 200);
    if !heading {
        return None;
    }
    Some(match (from_word, typed) {
        (Some(n), _) => Heading {
            number: Some(n),
            title: text.to_string(),
            number_alone: false,
        },
        (None, Some((s, n, rest))) => Heading {
            number: Some((s, n)),
            number_alone: rest.is_empty(),
            title: rest,
        },
        (None, None) => Heading {
            number: None,
            title: text.to_string(),
            number_alone: false,
        },
    })
}

fn is_passport_heading(title: &str) -> bool {
    let n = norm(title);
    n.starts_with("паспорт") && n.chars().count() <= 200
}

fn is_indicators_heading(title: &str) -> bool {
    let n = norm(title);
    n.contains("показател") || n.contains("индикатор")
}

/// Where a block stands, for the warnings.
struct Places {
    pages_known: bool,
    /// Per body block: its page and its number among tables or paragraphs.
    of: Vec<(u32, usize, bool)>,
}

impl Places {
    fn new(doc: &Document) -> Self {
        let (mut tables, mut paras) = (0, 0);
        let of = doc
            .blocks
            .iter()
            .map(|b| match b {
                DocBlock::Table(t) => {
                    tables += 1;
                    (t.page, tables, true)
                }
                DocBlock::Paragraph(p) => {
                    paras += 1;
                    (p.page, paras, false)
                }
            })
            .collect();
        Places {
            pages_known: doc.pages_known,
            of,
        }
    }

    fn block(&self, i: usize) -> String {
        let (page, n, table) = self.of[i];
        let what = if table {
            format!("таблица {n}")
        } else {
            format!("абзац {n}")
        };
        if self.pages_known {
            format!("стр. {page}, {what}")
        } else {
            what
        }
    }

    fn row(&self, i: usize, row: usize) -> String {
        format!("{}, строка {row}", self.block(i))
    }
}

struct Recogniser<'a> {
    doc: &'a Document,
    places: Places,
    warnings: Vec<ImportWarning>,
    unplaced: Vec<SectionBlock>,
    summary: ImportSummary,
}

impl Recogniser<'_> {
    fn warn(&mut self, place: String, message: impl Into<String>) {
        self.warnings.push(ImportWarning {
            place,
            message: message.into(),
        });
    }

    /// Keeps a paragraph that has no place, and says so.
    fn unplaced_paragraph(&mut self, i: usize, text: &str, why: &str) {
        let text = clean(text);
        if text.is_empty() {
            return;
        }
        let short: String = text.chars().take(60).collect();
        let more = if short.chars().count() < text.chars().count() {
            "…"
        } else {
            ""
        };
        self.warn(
            self.places.block(i),
            format!("{why}: «{short}{more}» перенесён в раздел «{UNPLACED_SECTION}»"),
        );
        self.summary.unplaced += 1;
        self.unplaced.push(SectionBlock::Paragraph { text });
    }

    fn pictures(&mut self, i: usize, p: &Paragraph) {
        if p.objects > 0 {
            self.summary.pictures += p.objects;
            self.warn(
                self.places.block(i),
                format!(
                    "рисунков и надписей: {}; они не импортируются — вставьте их заново при печати в Word",
                    p.objects
                ),
            );
        }
    }
}

fn date_of(d: Option<crate::act::FoundDate>) -> Option<NaiveDate> {
    d.and_then(|d| NaiveDate::from_ymd_opt(d.year, d.month, d.day))
}

fn kind_of(k: FoundKind) -> ActKind {
    match k {
        FoundKind::Decree => ActKind::Decree,
        FoundKind::Order => ActKind::Order,
        FoundKind::Directive => ActKind::Directive,
    }
}

/// How the act writes its date (`DateFormat`), from the date as written.
fn date_format_of(written: &str) -> DateFormat {
    let w = written.trim();
    if w.chars()
        .any(|c| c.is_alphabetic() && !matches!(c, 'г' | 'о' | 'д' | 'а'))
        || w.split_whitespace().count() >= 3
    {
        DateFormat::Words
    } else if w.ends_with(" г.") || w.ends_with(" г") || w.ends_with(" года") {
        DateFormat::NumericSpaceG
    } else if w.ends_with("г.") || w.ends_with('г') || w.ends_with("года") {
        DateFormat::NumericG
    } else {
        DateFormat::Numeric
    }
}

fn act_of(found: &FoundAct) -> ApprovingAct {
    let issuer: Vec<String> = found.issuer.iter().map(|l| clean(l)).collect();
    // Lines typed in capitals print the same either way; lines in mixed
    // case must print as typed.
    let issuer_caps = issuer.iter().all(|l| l.to_uppercase() == *l);
    ApprovingAct {
        kind: kind_of(found.kind),
        issuer,
        date: date_of(found.date),
        number: found.number.as_deref().map(clean).filter(|n| !is_blank(n)),
        place: clean(&found.place),
        title: clean(&found.title),
        preamble: clean(&found.preamble),
        formula: clean(&found.formula),
        points: found.points.iter().map(|p| clean(p)).collect(),
        signatory_position: clean(&found.signatory_position),
        signatory_name: clean(&found.signatory_name),
        executor: found.executor.as_deref().map(clean),
        heading: match found.layout {
            FoundLayout::Usual => ActHeading::Usual,
            FoundLayout::Institution => ActHeading::Institution,
        },
        issuer_caps,
        date_format: date_format_of(&found.date_text),
    }
}

/// «_____»: a number or date left blank for the signature.
fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c == '_' || c.is_whitespace())
}

fn is_mark_start(text: &str) -> bool {
    let l = norm(text);
    l.starts_with("приложение") || l.starts_with("утвержден")
}

/// The mark as found: its style, number, issuer, participle, and the kind,
/// date and number it names (for a document without the act itself).
struct FoundMark {
    mark: AppendixMark,
    kind: Option<ActKind>,
    date: Option<NaiveDate>,
    date_text: String,
    number: Option<String>,
    /// Body blocks it takes, from its first.
    used: usize,
}

const DATIVES: [(&str, ActKind); 3] = [
    ("постановлению", ActKind::Decree),
    ("приказу", ActKind::Order),
    ("распоряжению", ActKind::Directive),
];
const INSTRUMENTALS: [(&str, ActKind); 3] = [
    ("постановлением", ActKind::Decree),
    ("приказом", ActKind::Order),
    ("распоряжением", ActKind::Directive),
];

fn approves_of(participle: &str) -> Option<Approves> {
    match norm(participle).trim_end_matches(['.', ':']) {
        "утверждена" => Some(Approves::Feminine),
        "утвержден" => Some(Approves::Masculine),
        "утверждено" => Some(Approves::Neuter),
        "утверждены" => Some(Approves::Plural),
        _ => None,
    }
}

/// Reads the mark from its lines joined: «Приложение № 1 к постановлению
/// администрации … от 01.09.2024 № 12 УТВЕРЖДЕНА постановлением …».
fn parse_mark(lines: &[String]) -> FoundMark {
    let mut mark = AppendixMark::default();
    let mut kind = None;
    let (mut date, mut date_text, mut number) = (None, String::new(), None);
    let mut appendix = false;
    let mut approved = false;
    let mut issuer = String::new();
    // Split into the appendix part and the approved part.
    let mut parts: Vec<(bool, String)> = Vec::new();
    for line in lines {
        let l = line.trim();
        let starts_approved = norm(l).starts_with("утвержден");
        let starts_appendix = norm(l).starts_with("приложение");
        if starts_approved || starts_appendix || parts.is_empty() {
            parts.push((starts_approved, l.to_string()));
        } else if let Some(last) = parts.last_mut() {
            last.1.push(' ');
            last.1.push_str(l);
        }
    }
    for (is_approved, text) in &parts {
        let text = squeeze(text);
        let words: Vec<&str> = text.split(' ').collect();
        let (table, head_words) = if *is_approved {
            approved = true;
            let participle = words.first().copied().unwrap_or("");
            match approves_of(participle) {
                Some(a) => {
                    mark.approves = a;
                    if participle != a.participle() {
                        mark.participle = participle.to_string();
                    }
                }
                None => mark.participle = participle.to_string(),
            }
            (&INSTRUMENTALS, 1)
        } else {
            appendix = true;
            // «Приложение № 1» or «Приложение 1» or «Приложение».
            let mut n = 1;
            if words.get(1) == Some(&"№") {
                if let Some(v) = words.get(2) {
                    mark.number = v.to_string();
                    n = 3;
                }
            } else if let Some(v) = words
                .get(1)
                .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
            {
                mark.number = v.to_string();
                n = 2;
            }
            (&DATIVES, n)
        };
        let rest = words[head_words.min(words.len())..].join(" ");
        let rest_l = rest.to_lowercase();
        // «к постановлению администрации … от DATE № N».
        let after_kind = table.iter().find_map(|(w, k)| {
            rest_l.find(w).map(|at| {
                let end = at + w.len();
                (*k, rest[end..].trim().to_string())
            })
        });
        if let Some((k, tail)) = after_kind {
            kind = kind.or(Some(k));
            let (who, when) = match tail.rfind(" от ").or(tail.starts_with("от ").then_some(0))
            {
                Some(at) => (tail[..at].trim().to_string(), tail[at..].trim().to_string()),
                None => (tail.clone(), String::new()),
            };
            if issuer.is_empty() {
                issuer = who;
            }
            if !when.is_empty() {
                let (d, n, written) = date_and_number(&when);
                if date.is_none() {
                    date = date_of(d);
                    if date.is_some() {
                        date_text = written;
                    }
                }
                number = number.or(n).filter(|n| !is_blank(n));
            }
        }
    }
    mark.style = match (appendix, approved) {
        (true, true) => MarkStyle::Both,
        (false, true) => MarkStyle::Approved,
        _ => MarkStyle::Appendix,
    };
    mark.issuer_genitive = issuer;
    FoundMark {
        mark,
        kind,
        date,
        date_text,
        number,
        used: 0,
    }
}

/// The mark starting at block `from`, or None.
fn find_mark(blocks: &[DocBlock], from: usize) -> Option<FoundMark> {
    let DocBlock::Paragraph(first) = blocks.get(from)? else {
        return None;
    };
    if !is_mark_start(&first.text) || first.text.chars().count() > 300 {
        return None;
    }
    let mut lines = Vec::new();
    let mut i = from;
    // The line with «от DATE № N» closes a part of the mark; only another
    // part («УТВЕРЖДЕНА …» after «Приложение …») may follow it.
    let mut closed = false;
    while let Some(DocBlock::Paragraph(p)) = blocks.get(i) {
        let t = p.text.trim();
        if t.is_empty() {
            i += 1;
            continue;
        }
        if !lines.is_empty() {
            if heading_of(p).is_some() && !is_mark_start(t) {
                break;
            }
            if closed && !is_mark_start(t) {
                break;
            }
        }
        if lines.len() >= 12 {
            break;
        }
        for l in t.split('\n') {
            lines.push(l.to_string());
        }
        closed = t.contains('№') && t.to_lowercase().contains("от ");
        i += 1;
    }
    let mut m = parse_mark(&lines);
    m.used = i - from;
    Some(m)
}

/// The indicator table's columns.
#[derive(Debug, Clone, Copy, PartialEq)]
enum IndCol {
    Number,
    Name,
    Unit,
    Base(Option<i32>),
    Plan(i32),
    Fact(i32),
    Other,
}

struct FoundIndicators {
    indicators: Vec<Indicator>,
    warnings: Vec<(usize, String)>,
}

/// The indicator table: a name column, and units, a base value or years;
/// the years may sit under a merged «Плановое значение» cell, and each year
/// may have «план» and «факт» under it.
fn find_indicators(t: &Table) -> Option<FoundIndicators> {
    let text = |r: usize, c: usize| {
        t.shown_cell(r, c)
            .map(|cell| norm(&cell.text()))
            .unwrap_or_default()
    };
    if t.rows.len() < 2 {
        return None;
    }
    let name_col = (0..t.columns).find(|&c| {
        let h = text(0, c);
        (h.contains("показател") || h.contains("индикатор") || h.contains("наименование"))
            && !h.contains("значени")
    })?;
    // Header rows: the first, and those under it that hold years or
    // «план»/«факт».
    let mut header_rows = 1;
    while header_rows < t.rows.len().min(3) {
        let r = header_rows;
        let yearish = (0..t.columns).any(|c| {
            let h = text(r, c);
            let own = t.rows[r]
                .cells
                .iter()
                .any(|cell| cell.col == c && !cell.merged_above);
            own && (is_year_header(&h) || h.starts_with("план") || h.starts_with("факт"))
        });
        if yearish {
            header_rows += 1;
        } else {
            break;
        }
    }
    let mut cols = Vec::new();
    for c in 0..t.columns {
        let hs: Vec<String> = (0..header_rows).map(|r| text(r, c)).collect();
        let joined = hs.join(" ");
        let col = if c == name_col {
            IndCol::Name
        } else if joined.starts_with('№') || joined.contains("п/п") {
            IndCol::Number
        } else if joined.contains("ед") && (joined.contains("изм") || joined.starts_with("ед"))
        {
            IndCol::Unit
        } else if joined.contains("базов") || joined.contains("исходн") {
            IndCol::Base(years_in(&joined).first().copied())
        } else if let Some(&y) = hs
            .iter()
            .rev()
            .find_map(|h| years_in(h).first().copied())
            .as_ref()
        {
            if joined.contains("факт") && !hs.last().is_some_and(|h| h.starts_with("план"))
            {
                IndCol::Fact(y)
            } else {
                IndCol::Plan(y)
            }
        } else {
            IndCol::Other
        };
        cols.push(col);
    }
    let has_values = cols.iter().any(|c| {
        matches!(
            c,
            IndCol::Unit | IndCol::Base(_) | IndCol::Plan(_) | IndCol::Fact(_)
        )
    });
    if !has_values {
        return None;
    }
    let mut indicators = Vec::new();
    let mut warnings = Vec::new();
    for ri in header_rows..t.rows.len() {
        let cell = |c: usize| {
            t.shown_cell(ri, c)
                .map(|cell| clean(&cell.text()))
                .unwrap_or_default()
        };
        let cells: Vec<String> = (0..t.columns).map(cell).collect();
        // A row of column numbers «1 2 3 …».
        if cells
            .iter()
            .enumerate()
            .all(|(i, s)| s.is_empty() || *s == (i + 1).to_string())
        {
            continue;
        }
        let name = cells[name_col].clone();
        if name.is_empty() {
            if cells.iter().any(|s| !s.is_empty()) {
                warnings.push((ri + 1, "строка без наименования показателя пропущена; её значения перенесены в раздел «Не распознано при импорте»".into()));
            }
            continue;
        }
        let mut ind = Indicator {
            uid: String::new(),
            name,
            unit: String::new(),
            direction: Direction::Increase,
            base_value: None,
            base_year: None,
            task: None,
            values: Vec::new(),
        };
        for (c, col) in cols.iter().enumerate() {
            let v = &cells[c];
            if v.is_empty() || matches!(v.as_str(), "-" | "–" | "—") {
                continue;
            }
            let mut value = |year: i32, fact: bool, v: &str| match parse_number(v) {
                Some(x) => {
                    match ind.values.iter_mut().find(|e| e.year == year) {
                        Some(e) if fact => e.fact = Some(x),
                        Some(e) => e.plan = Some(x),
                        None => ind.values.push(YearValue {
                            year,
                            plan: (!fact).then_some(x),
                            fact: fact.then_some(x),
                        }),
                    }
                    None
                }
                None => Some(format!(
                    "значение «{v}» за {year} год не число; оставлено пустым"
                )),
            };
            let problem = match col {
                IndCol::Unit => {
                    ind.unit = v.clone();
                    None
                }
                IndCol::Base(year) => {
                    // «5 (2023 г.)»: the value and its year.
                    let (num, y) = match v.split_once('(') {
                        Some((a, b)) => (a.trim().to_string(), years_in(b).first().copied()),
                        None => (v.clone(), None),
                    };
                    ind.base_year = y.or(*year);
                    match parse_number(&num) {
                        Some(x) => {
                            ind.base_value = Some(x);
                            None
                        }
                        None => Some(format!("базовое значение «{v}» не число; оставлено пустым")),
                    }
                }
                IndCol::Plan(y) => value(*y, false, v),
                IndCol::Fact(y) => value(*y, true, v),
                IndCol::Number | IndCol::Name => None,
                IndCol::Other => Some(format!(
                    "ячейка «{v}» в столбце без понятного заголовка не перенесена в показатель"
                )),
            };
            if let Some(p) = problem {
                warnings.push((ri + 1, format!("показатель «{}»: {p}", short(&ind.name))));
            }
        }
        ind.values.sort_by_key(|v| v.year);
        indicators.push(ind);
    }
    if indicators.is_empty() {
        return None;
    }
    Some(FoundIndicators {
        indicators,
        warnings,
    })
}

fn short(s: &str) -> String {
    let c: String = s.chars().take(40).collect();
    if c.chars().count() < s.chars().count() {
        format!("{c}…")
    } else {
        c
    }
}

/// An indicator listed by name: «Доля выпускников, %» → the name and «%».
fn indicator_from_line(line: &str) -> (String, String) {
    let line = line.trim().trim_end_matches([';', '.']);
    if let Some((name, unit)) = line.rsplit_once(", ") {
        let u = unit.trim();
        let unit_like = u.chars().count() <= 12
            && u.split_whitespace().count() <= 2
            && (u.contains('%')
                || u.ends_with('.')
                || [
                    "чел",
                    "ед",
                    "шт",
                    "балл",
                    "раз",
                    "руб",
                    "человек",
                    "единиц",
                    "процент",
                ]
                .iter()
                .any(|w| u.to_lowercase().starts_with(w)));
        if unit_like {
            return (name.trim().to_string(), u.to_string());
        }
    }
    (line.to_string(), String::new())
}

/// Risk tables by their headers: «риск» and «минимиз»/«меры»; an «Этап»
/// column makes them by stage.
fn find_risks(t: &Table) -> Option<SectionBlock> {
    let header: Vec<String> = (0..t.columns)
        .map(|c| {
            t.shown_cell(0, c)
                .map(|x| norm(&x.text()))
                .unwrap_or_default()
        })
        .collect();
    let risk = header.iter().position(|h| h.contains("риск"))?;
    let mitigation = header.iter().position(|h| {
        h.contains("минимиз")
            || h.contains("меры")
            || h.contains("предотвращ")
            || h.contains("управлен")
    })?;
    if risk == mitigation {
        return None;
    }
    let stage = header.iter().position(|h| h.contains("этап"));
    let known = 2 + usize::from(stage.is_some());
    if t.columns != known {
        return None;
    }
    let rows = (1..t.rows.len())
        .map(|r| {
            let cell = |c: usize| {
                t.shown_cell(r, c)
                    .map(|x| clean(&x.text()))
                    .unwrap_or_default()
            };
            Risk {
                stage: stage.map(cell).unwrap_or_default(),
                risk: cell(risk),
                mitigation: cell(mitigation),
            }
        })
        .filter(|r| !(r.stage.is_empty() && r.risk.is_empty() && r.mitigation.is_empty()))
        .collect();
    Some(SectionBlock::Risks {
        by_stage: stage.is_some(),
        rows,
    })
}

/// The items of a cell as a list: its list items, or its lines.
fn cell_items(blocks: &[DocBlock]) -> Vec<String> {
    let mut out = Vec::new();
    for b in rich_text(blocks) {
        match b {
            TextBlock::Paragraph { text } => {
                out.extend(text.lines().map(clean).filter(|l| !l.is_empty()))
            }
            TextBlock::Numbered { items } | TextBlock::Bulleted { items } => {
                out.extend(items.iter().map(|i| clean(i)))
            }
        }
    }
    out
}

/// A SWOT table: two columns, the four quarters headed «Сильные стороны»,
/// «Слабые стороны», «Возможности», «Угрозы», each over its list.
fn find_swot(t: &Table) -> Option<SectionBlock> {
    if t.columns != 2 || t.rows.len() != 4 {
        return None;
    }
    let h = |r: usize, c: usize| {
        t.shown_cell(r, c)
            .map(|x| norm(&x.text()))
            .unwrap_or_default()
    };
    let ok = h(0, 0).starts_with("сильн")
        && h(0, 1).starts_with("слаб")
        && h(2, 0).starts_with("возможн")
        && h(2, 1).starts_with("угроз");
    if !ok {
        return None;
    }
    let items = |r: usize, c: usize| {
        t.shown_cell(r, c)
            .map(|x| cell_items(&x.blocks))
            .unwrap_or_default()
    };
    Some(SectionBlock::Swot {
        strengths: items(1, 0),
        weaknesses: items(1, 1),
        opportunities: items(3, 0),
        threats: items(3, 1),
    })
}

/// Any other table, kept as a simple table: the first row as its header
/// when it is marked as one or bold, merged cells repeated.
fn simple_table(t: &Table) -> SectionBlock {
    let row_texts = |r: usize| -> Vec<String> {
        (0..t.columns)
            .map(|c| {
                match t.shown_cell(r, c) {
                    // A cell spanning several columns is shown once.
                    Some(cell) if cell.col == c || t.rows[r].cells.iter().any(|x| x.col == c) => {
                        clean(&cell.text())
                    }
                    _ => String::new(),
                }
            })
            .collect()
    };
    let first_is_header = t.rows.first().is_some_and(|r| {
        r.header
            || r.cells.iter().all(|c| {
                c.blocks.iter().all(|b| match b {
                    DocBlock::Paragraph(p) => p.bold || p.text.trim().is_empty(),
                    DocBlock::Table(_) => false,
                })
            })
    });
    let (columns, from) = if first_is_header && t.rows.len() > 1 {
        (row_texts(0), 1)
    } else {
        (vec![String::new(); t.columns], 0)
    };
    SectionBlock::Table {
        columns,
        rows: (from..t.rows.len()).map(row_texts).collect(),
    }
}

/// The item numbering a roadmap's numbers show.
fn item_style(number: &str) -> Option<ItemNumbering> {
    let n = number.trim();
    if n.is_empty() {
        return Some(ItemNumbering::None);
    }
    let dot = n.ends_with('.');
    let core = n.trim_end_matches('.');
    let parts: Vec<&str> = core.split('.').collect();
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    Some(match (parts.len(), dot) {
        (1, false) => ItemNumbering::Flat,
        (1, true) => ItemNumbering::FlatDot,
        (_, false) => ItemNumbering::Nested,
        (_, true) => ItemNumbering::NestedDot,
    })
}

/// «1. Нормативное обеспечение» → the number style, the number and the
/// title; a title with no number keeps its text.
fn block_number(title: &str) -> (BlockNumbering, Option<u32>, String) {
    let t = title.trim();
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 3 {
        return (BlockNumbering::None, None, t.to_string());
    }
    let rest = &t[digits.len()..];
    let n = digits.parse().ok();
    if let Some(r) = rest.strip_prefix('.') {
        if r.is_empty() || r.starts_with([' ', '\u{a0}', '\t']) {
            return (BlockNumbering::Dot, n, r.trim().to_string());
        }
    }
    if rest.starts_with([' ', '\u{a0}', '\t']) {
        return (BlockNumbering::Plain, n, rest.trim().to_string());
    }
    (BlockNumbering::None, None, t.to_string())
}

fn column_kind(role: Role, header: &str) -> Option<ColumnKind> {
    Some(match role {
        Role::Number => ColumnKind::Number,
        Role::Name => ColumnKind::Activity,
        Role::Deadline => ColumnKind::Deadline,
        Role::Responsible => ColumnKind::Responsible,
        Role::Result => ColumnKind::ExpectedResult,
        Role::Other if norm(header).contains("значени") => ColumnKind::PlannedValue,
        Role::Other | Role::Year(_) => return None,
    })
}

/// The period from the passport's «Сроки» row, the title, and the years the
/// tables name; a programme with no year anywhere runs three years from
/// `fallback_year`.
fn period_of(
    terms: Option<&str>,
    title: &str,
    other_years: &[i32],
    fallback_year: i32,
) -> (Period, bool) {
    let from_text = |s: &str| {
        let y = years_in(s);
        match (y.iter().min(), y.iter().max()) {
            (Some(&a), Some(&b)) => Some((a, b)),
            _ => None,
        }
    };
    let found = terms
        .and_then(from_text)
        .or_else(|| from_text(title))
        .or_else(
            || match (other_years.iter().min(), other_years.iter().max()) {
                (Some(&a), Some(&b)) => Some((a, b)),
                _ => None,
            },
        );
    let (guessed, (a, b)) = match found {
        Some(r) => (false, r),
        None => (true, (fallback_year, fallback_year + 2)),
    };
    // The table years must fall inside it.
    let a = other_years.iter().copied().chain([a]).min().unwrap_or(a);
    let b = other_years.iter().copied().chain([b]).max().unwrap_or(b);
    let start = YearMonth::new(a, 1).expect("year in range");
    let end = YearMonth::new(b, 12).expect("year in range");
    (Period { start, end }, guessed)
}

#[derive(Default)]
struct SectionDraft {
    heading: Option<Heading>,
    body: Vec<SectionBlock>,
    /// The heading is still being read: the next heading paragraph may
    /// continue it.
    open: bool,
}

fn push_text(body: &mut Vec<SectionBlock>, p: &Paragraph) {
    let text = clean(&p.text);
    if text.is_empty() {
        return;
    }
    for b in rich_text(std::slice::from_ref(&DocBlock::Paragraph(Paragraph {
        text: text.clone(),
        ..p.clone()
    }))) {
        match (b, body.last_mut()) {
            (TextBlock::Numbered { items }, Some(SectionBlock::Numbered { items: prev })) => {
                prev.extend(items)
            }
            (TextBlock::Bulleted { items }, Some(SectionBlock::Bulleted { items: prev })) => {
                prev.extend(items)
            }
            (TextBlock::Numbered { items }, _) => body.push(SectionBlock::Numbered { items }),
            (TextBlock::Bulleted { items }, _) => body.push(SectionBlock::Bulleted { items }),
            (TextBlock::Paragraph { text }, _) => body.push(SectionBlock::Paragraph { text }),
        }
    }
}

/// Recognises the programme in `doc`. `uid` becomes the programme's uid;
/// `today_year` is the first year of a programme whose period the
/// document does not tell.
pub fn recognise(doc: &Document, uid: &str, today_year: i32) -> Recognised {
    let r = Recogniser {
        doc,
        places: Places::new(doc),
        warnings: Vec::new(),
        unplaced: Vec::new(),
        summary: ImportSummary::default(),
    };
    r.run(uid, today_year)
}

impl Recogniser<'_> {
    fn run(mut self, uid: &str, today_year: i32) -> Recognised {
        let blocks = &self.doc.blocks;
        let found_act = find_act(blocks);
        let mut i = found_act.as_ref().map(|a| a.blocks_used).unwrap_or(0);
        let mut act = found_act.as_ref().map(act_of);
        // Pictures inside the act's paragraphs.
        for (k, b) in blocks.iter().enumerate().take(i) {
            if let DocBlock::Paragraph(p) = b {
                self.pictures(k, p);
            }
        }
        // The mark, perhaps after a few lines the act did not take.
        let mut mark = None;
        let mut skipped = Vec::new();
        let mut j = i;
        while j < blocks.len() && skipped.len() <= 6 {
            match &blocks[j] {
                DocBlock::Paragraph(p) if p.text.trim().is_empty() => {}
                DocBlock::Paragraph(p) if is_mark_start(&p.text) => {
                    mark = find_mark(blocks, j);
                    break;
                }
                DocBlock::Paragraph(p) if heading_of(p).is_none() && found_act.is_some() => {
                    skipped.push(j)
                }
                _ => break,
            }
            j += 1;
        }
        if let Some(m) = &mark {
            for k in skipped {
                if let DocBlock::Paragraph(p) = &blocks[k] {
                    self.unplaced_paragraph(
                        k,
                        &p.text,
                        "строка между постановлением и приложением не распознана",
                    );
                }
            }
            i = j + m.used;
        }
        let mut appendix = AppendixMark {
            style: MarkStyle::None,
            ..AppendixMark::default()
        };
        if let Some(m) = mark {
            self.summary.mark = true;
            appendix = m.mark.clone();
            match &mut act {
                Some(a) => {
                    if m.kind.is_some_and(|k| k != a.kind) {
                        self.warn(
                            "отметка о приложении".into(),
                            "вид акта в отметке о приложении не совпадает с видом самого акта; в программе он один — вид акта",
                        );
                    }
                    if m.date.is_some() && a.date.is_some() && m.date != a.date
                        || m.number.is_some() && a.number.is_some() && m.number != a.number
                    {
                        self.warn(
                            "отметка о приложении".into(),
                            "дата или номер в отметке о приложении не совпадают с датой и номером акта; в программе они берутся из акта",
                        );
                    }
                }
                None => {
                    // An appendix without its act: the act is known by
                    // what the mark says of it.
                    if let Some(kind) = m.kind {
                        act = Some(ApprovingAct {
                            kind,
                            issuer: Vec::new(),
                            date: m.date,
                            number: m.number.clone(),
                            place: String::new(),
                            title: String::new(),
                            preamble: String::new(),
                            formula: String::new(),
                            points: Vec::new(),
                            signatory_position: String::new(),
                            signatory_name: String::new(),
                            executor: None,
                            heading: ActHeading::Usual,
                            issuer_caps: true,
                            date_format: date_format_of(&m.date_text),
                        });
                        self.warn(
                            "отметка о приложении".into(),
                            "самого постановления (приказа) в документе нет: вид, дата и номер акта взяты из отметки о приложении, остальное заполните во вкладке «Акт»",
                        );
                    }
                }
            }
        }
        self.summary.act = found_act.is_some();
        self.summary.act_kind = act.as_ref().map(|a| a.kind);

        let mut layout = DocumentLayout {
            title_shown: false,
            passport_heading: String::new(),
            indicators_heading: String::new(),
            ..DocumentLayout::default()
        };
        layout.roadmap.heading = String::new();
        // The title: the heading lines before the passport or the first
        // numbered heading.
        let mut title_lines: Vec<String> = Vec::new();
        while let Some(b) = blocks.get(i) {
            let DocBlock::Paragraph(p) = b else { break };
            if p.text.trim().is_empty() {
                i += 1;
                continue;
            }
            match heading_of(p) {
                Some(h) if h.number.is_none() && !is_passport_heading(&h.title) => {
                    self.pictures(i, p);
                    title_lines.push(squeeze(&h.title));
                    i += 1;
                }
                _ => break,
            }
        }
        let mut title = title_lines.join(" ");
        layout.title_shown = !title.is_empty();
        self.summary.title = layout.title_shown;

        let mut passport: Vec<PassportRow> = Vec::new();
        let mut passport_number: Option<(SectionStyle, u32)> = None;
        let mut passport_done = false;
        let mut indicators: Vec<Indicator> = Vec::new();
        let mut roadmap: Option<(FoundRoadmap, usize)> = None;
        let mut drafts: Vec<SectionDraft> = Vec::new();
        // While the passport heading has been read and its table not yet.
        let mut in_passport_heading = false;
        let mut prev_heading_open = false;

        while i < blocks.len() {
            match &blocks[i] {
                DocBlock::Paragraph(p) => {
                    self.pictures(i, p);
                    if p.text.trim().is_empty() {
                        i += 1;
                        continue;
                    }
                    if let Some(h) = heading_of(p) {
                        if !passport_done && !in_passport_heading && is_passport_heading(&h.title) {
                            layout.passport_heading = clean(&h.title);
                            passport_number = h.number;
                            in_passport_heading = true;
                            prev_heading_open = false;
                            i += 1;
                            continue;
                        }
                        // A heading line under a heading still open (the
                        // number on a line of its own, or a title in two
                        // paragraphs) continues it.
                        if prev_heading_open && h.number.is_none() {
                            if let Some(d) = drafts.last_mut() {
                                let hd = d.heading.as_mut().expect("open heading");
                                if hd.title.is_empty() {
                                    hd.title = format!("\n{}", clean(&h.title));
                                } else {
                                    hd.title.push('\n');
                                    hd.title.push_str(&clean(&h.title));
                                }
                                i += 1;
                                continue;
                            }
                        }
                        drafts.push(SectionDraft {
                            heading: Some(Heading {
                                title: clean(&h.title),
                                ..h
                            }),
                            body: Vec::new(),
                            open: true,
                        });
                        prev_heading_open = true;
                        i += 1;
                        continue;
                    }
                    prev_heading_open = false;
                    // «Паспорт программы» typed as a plain line above its
                    // table.
                    if !passport_done
                        && !in_passport_heading
                        && is_passport_heading(&p.text)
                        && matches!(next_table(blocks, i), Some(t) if find_passport(t).is_some())
                    {
                        layout.passport_heading = clean(&p.text);
                        passport_number = heading_number(&p.text).map(|(s, n, _)| (s, n));
                        if let Some((_, _, rest)) = heading_number(&p.text) {
                            layout.passport_heading = clean(&rest);
                        }
                        in_passport_heading = true;
                        i += 1;
                        continue;
                    }
                    if let Some(d) = drafts.last_mut() {
                        d.open = false;
                        push_text(&mut d.body, p);
                    } else {
                        self.unplaced_paragraph(i, &p.text, "текст вне разделов");
                    }
                    i += 1;
                }
                DocBlock::Table(t) => {
                    prev_heading_open = false;
                    if let Some(d) = drafts.last_mut() {
                        d.open = false;
                    }
                    if !passport_done {
                        if let Some(rows) = find_passport(t) {
                            passport_done = true;
                            in_passport_heading = false;
                            for (k, row) in rows.into_iter().enumerate() {
                                self.summary.passport_subrows += row.subrows.len();
                                passport.push(PassportRow {
                                    uid: format!("row{}", k + 1),
                                    key: row.key,
                                    label: clean(&row.label),
                                    content: row.content,
                                    from_data: false,
                                    subrows: row.subrows,
                                });
                            }
                            i += 1;
                            continue;
                        }
                    }
                    if roadmap.is_none() {
                        if let Some(found) = find_roadmap(t) {
                            roadmap = Some((found, i));
                            self.place_table(&mut drafts, SectionBlock::Roadmap);
                            i += 1;
                            continue;
                        }
                    }
                    if indicators.is_empty() {
                        if let Some(found) = find_indicators(t) {
                            for (row, w) in found.warnings {
                                self.warn(self.places.row(i, row), w);
                            }
                            indicators = found.indicators;
                            self.place_table(&mut drafts, SectionBlock::Indicators);
                            i += 1;
                            continue;
                        }
                    }
                    let block = find_risks(t)
                        .or_else(|| find_swot(t))
                        .unwrap_or_else(|| simple_table(t));
                    if matches!(block, SectionBlock::Table { .. }) && find_roadmap(t).is_some() {
                        self.warn(
                            self.places.block(i),
                            "вторая таблица мероприятий: в программе одна дорожная карта; таблица сохранена как простая таблица",
                        );
                    }
                    if let Some(d) = drafts.last_mut() {
                        d.body.push(block);
                    } else {
                        self.warn(
                            self.places.block(i),
                            format!(
                                "таблица вне разделов перенесена в раздел «{UNPLACED_SECTION}»"
                            ),
                        );
                        self.summary.unplaced += 1;
                        self.unplaced.push(block);
                    }
                    i += 1;
                }
            }
        }

        // Text-only indicators: a section on indicators holding one
        // numbered list, when no indicator table was found.
        if indicators.is_empty() {
            if let Some(d) = drafts.iter_mut().find(|d| {
                d.heading
                    .as_ref()
                    .is_some_and(|h| is_indicators_heading(&h.title))
                    && matches!(d.body.as_slice(), [SectionBlock::Numbered { .. }])
            }) {
                if let [SectionBlock::Numbered { items }] = d.body.as_slice() {
                    indicators = items
                        .iter()
                        .map(|line| {
                            let (name, unit) = indicator_from_line(line);
                            Indicator {
                                uid: String::new(),
                                name,
                                unit,
                                direction: Direction::Increase,
                                base_value: None,
                                base_year: None,
                                task: None,
                                values: Vec::new(),
                            }
                        })
                        .collect();
                }
                d.body = vec![SectionBlock::Indicators];
            }
        }
        for (k, ind) in indicators.iter_mut().enumerate() {
            ind.uid = format!("ind{}", k + 1);
        }

        // Tasks: the passport's «Задачи» row as one numbered list becomes
        // the programme's tasks, which the row then prints.
        let mut tasks = Vec::new();
        if let Some(row) = passport.iter_mut().find(|r| r.key == PassportKey::Tasks) {
            if let ([TextBlock::Numbered { items }], true) =
                (row.content.as_slice(), row.subrows.is_empty())
            {
                tasks = items
                    .iter()
                    .enumerate()
                    .map(|(k, t)| Task {
                        uid: format!("task{}", k + 1),
                        text: clean(t),
                    })
                    .collect();
                row.content.clear();
            }
        }

        // A section holding only the indicators or the roadmap at the end
        // of the document is the heading the layout prints above them.
        while let Some(last) = drafts.last() {
            let Some(h) = &last.heading else { break };
            if h.number.is_some() {
                break;
            }
            match last.body.as_slice() {
                [SectionBlock::Roadmap]
                    if layout.indicators_heading.is_empty()
                        && layout.roadmap.heading.is_empty() =>
                {
                    layout.roadmap.heading = h.title.clone();
                }
                [SectionBlock::Indicators] if layout.indicators_heading.is_empty() => {
                    layout.indicators_heading = h.title.clone();
                }
                _ => break,
            }
            drafts.pop();
        }
        // A table a section holds prints there, and the layout's heading
        // for it goes unused: the default keeps the version-1 look. A table
        // before any section keeps the empty heading: none printed.
        let held = |b: &SectionBlock| drafts.iter().any(|d| d.body.contains(b));
        if layout.indicators_heading.is_empty()
            && (indicators.is_empty() || held(&SectionBlock::Indicators))
        {
            layout.indicators_heading = DEFAULT_INDICATORS_HEADING.into();
        }
        if layout.roadmap.heading.is_empty() && (roadmap.is_none() || held(&SectionBlock::Roadmap))
        {
            layout.roadmap.heading = DEFAULT_ROADMAP_HEADING.into();
        }
        if passport.is_empty() && layout.passport_heading.is_empty() {
            layout.passport_heading = DEFAULT_PASSPORT_HEADING.into();
        }

        // Section numbering: the first numbered heading sets the style and
        // the start; a number out of step restarts it.
        let mut expected: Option<(SectionStyle, u32)> = None;
        if let Some((s, n)) = passport_number {
            layout.passport_numbered = true;
            layout.sections = SectionNumbering { style: s, start: n };
            expected = Some((s, n + 1));
        }
        let any_numbered = drafts
            .iter()
            .any(|d| d.heading.as_ref().is_some_and(|h| h.number.is_some()));
        if expected.is_none() && !any_numbered {
            layout.sections.style = SectionStyle::None;
        }
        let mut sections = Vec::new();
        for (k, d) in drafts.into_iter().enumerate() {
            let h = d.heading.expect("a section has its heading");
            let mut unnumbered = false;
            let mut renumber = None;
            match (h.number, expected) {
                (None, _) => unnumbered = any_numbered || passport_number.is_some(),
                (Some((s, n)), None) => {
                    layout.sections = SectionNumbering { style: s, start: n };
                    expected = Some((s, n + 1));
                }
                (Some((s, n)), Some(e)) => {
                    if (s, n) != e {
                        renumber = Some(SectionNumbering { style: s, start: n });
                    }
                    expected = Some((s, n + 1));
                }
            }
            let title = if h.number_alone && !h.title.starts_with('\n') && !h.title.is_empty() {
                format!("\n{}", h.title)
            } else {
                h.title
            };
            sections.push(Section {
                uid: format!("sec{}", k + 1),
                title,
                body: d.body,
                unnumbered,
                renumber,
            });
        }
        if !self.unplaced.is_empty() {
            sections.push(Section {
                uid: "unplaced".into(),
                title: UNPLACED_SECTION.into(),
                body: std::mem::take(&mut self.unplaced),
                unnumbered: true,
                renumber: None,
            });
        }

        // The title, when the document gives none above the passport.
        if title.is_empty() {
            title = passport
                .iter()
                .find(|r| r.key == PassportKey::Name)
                .map(|r| rich_plain(&r.content))
                .filter(|t| !t.is_empty())
                .or_else(|| {
                    act.as_ref()
                        .map(|a| squeeze(&a.title))
                        .filter(|t| !t.is_empty())
                })
                .unwrap_or_else(|| {
                    self.warn(
                        "документ".into(),
                        "название программы не найдено; укажите его во вкладке «Программа»",
                    );
                    "Программа из документа Word".into()
                });
        }

        // The period, then the roadmap against it.
        let terms = passport
            .iter()
            .find(|r| r.key == PassportKey::Terms)
            .map(|r| rich_plain(&r.content));
        let mut table_years: Vec<i32> = indicators
            .iter()
            .flat_map(|i| i.values.iter().map(|v| v.year))
            .collect();
        if let Some((rm, _)) = &roadmap {
            table_years.extend(rm.roles.iter().filter_map(|r| match r {
                Role::Year(y) => Some(*y),
                _ => None,
            }));
        }
        let (period, guessed) = period_of(terms.as_deref(), &title, &table_years, today_year);
        if guessed {
            self.warn(
                "паспорт программы".into(),
                format!(
                    "срок реализации не найден (ни в строке «Сроки», ни в названии); принят {}–{}: исправьте его во вкладке «Программа»",
                    period.start.year(),
                    period.end.year()
                ),
            );
        }
        // A base year after the period cannot be stored.
        for ind in &mut indicators {
            if ind
                .base_year
                .is_some_and(|y| y > period.end.year() || y < 1900)
            {
                self.warn(
                    "таблица показателей".into(),
                    format!(
                        "показатель «{}»: базовый год {} вне срока программы; оставлен пустым",
                        short(&ind.name),
                        ind.base_year.unwrap_or_default()
                    ),
                );
                ind.base_year = None;
            }
        }

        let mut programme = Programme {
            uid: uid.to_string(),
            title: clean(&title),
            status: ProgrammeStatus::Draft,
            period,
            act,
            appendix,
            passport,
            tasks,
            sections,
            indicators,
            roadmap: Roadmap::default(),
            layout,
        };
        if let Some((rm, at)) = roadmap {
            self.roadmap(&mut programme, rm, at);
        }
        self.summary.passport_rows = programme.passport.len();
        self.summary.tasks = programme.tasks.len();
        self.summary.sections = programme.sections.len();
        self.summary.indicators = programme.indicators.len();
        self.summary.blocks = if programme.layout.roadmap.shape == RoadmapShape::Flat {
            0
        } else {
            programme.roadmap.blocks.len()
        };
        self.summary.items = programme.item_count();
        self.summary.year_columns = programme.roadmap.year_columns.clone();
        Recognised {
            programme,
            summary: self.summary,
            warnings: self.warnings,
        }
    }

    /// Puts a table's placeholder into the section it stands in; before any
    /// section, no section holds it.
    fn place_table(&mut self, drafts: &mut [SectionDraft], block: SectionBlock) {
        if let Some(d) = drafts.last_mut() {
            d.body.push(block);
        }
    }

    fn roadmap(&mut self, p: &mut Programme, rm: FoundRoadmap, at: usize) {
        self.summary.roadmap = true;
        let layout = &mut p.layout.roadmap;
        layout.shape = if rm.flat {
            RoadmapShape::Flat
        } else {
            RoadmapShape::Blocks
        };
        self.summary.flat_roadmap = rm.flat;
        // Columns: the known ones with their headers as written; years as
        // year columns under the heading over them.
        let mut columns = Vec::new();
        let mut years = Vec::new();
        let mut others = Vec::new();
        for (c, role) in rm.roles.iter().enumerate() {
            let header = clean(&rm.header[c]);
            match role {
                Role::Year(y) => {
                    if !years.contains(y) {
                        years.push(*y);
                    }
                    if !header.is_empty() && years_in(&header).is_empty() {
                        layout.years_heading = squeeze(&header);
                    }
                }
                r => match column_kind(*r, &header) {
                    Some(kind) if !columns.iter().any(|x: &RoadmapColumn| x.kind == kind) => {
                        columns.push(RoadmapColumn {
                            kind,
                            header,
                            width: None,
                        })
                    }
                    _ => others.push((c, header)),
                },
            }
        }
        years.sort_unstable();
        p.roadmap.year_columns = years;
        // Items.
        let planned_col = rm
            .roles
            .iter()
            .enumerate()
            .find(|(c, r)| column_kind(**r, &rm.header[*c]) == Some(ColumnKind::PlannedValue))
            .map(|(c, _)| c);
        let t = match &self.doc.blocks[at] {
            DocBlock::Table(t) => t,
            DocBlock::Paragraph(_) => unreachable!("the roadmap is a table"),
        };
        let cell_text = |row: usize, c: usize| {
            t.shown_cell(row - 1, c)
                .map(|cell| clean(&cell.text()))
                .unwrap_or_default()
        };
        let mut first_numbers: Vec<String> = Vec::new();
        let mut styles = Vec::new();
        let mut block_styles = Vec::new();
        let mut block_start = None;
        let mut other_rows: Vec<Vec<String>> = Vec::new();
        for (b, fb) in rm.blocks.iter().enumerate() {
            let (bstyle, bnum, btitle) = if rm.flat {
                (BlockNumbering::Dot, None, String::new())
            } else {
                block_number(&fb.title)
            };
            if !rm.flat {
                block_styles.push(bstyle);
                if b == 0 {
                    block_start = bnum;
                }
            }
            let mut block = metodist_core::model::Block {
                uid: format!("block{}", b + 1),
                title: clean(&btitle),
                items: Vec::new(),
            };
            for (k, fi) in fb.items.iter().enumerate() {
                if let Some(s) = item_style(&fi.number) {
                    styles.push(s);
                }
                if first_numbers.is_empty() {
                    first_numbers.push(fi.number.clone());
                }
                let planned = planned_col
                    .map(|c| cell_text(fi.row, c))
                    .unwrap_or_default();
                let item = Item {
                    uid: format!("item{}-{}", b + 1, k + 1),
                    activity: clean(&fi.name),
                    deadline: clean(&fi.deadline),
                    manual_schedule: None,
                    responsible: clean(&fi.responsible),
                    expected_result: clean(&fi.result),
                    planned_value: planned,
                    per_year: fi
                        .years
                        .iter()
                        .filter(|(_, t)| !t.trim().is_empty())
                        .map(|(y, t)| YearText {
                            year: *y,
                            text: clean(t),
                        })
                        .collect(),
                    tracking: Vec::new(),
                };
                if item.activity.is_empty() {
                    self.warn(
                        self.places.row(at, fi.row),
                        "у мероприятия нет наименования; заполните его во вкладке «Дорожная карта»",
                    );
                }
                for (c, header) in &others {
                    let v = cell_text(fi.row, *c);
                    if !v.is_empty() {
                        other_rows.push(vec![fi.number.clone(), header.clone(), v]);
                    }
                }
                block.items.push(item);
            }
            p.roadmap.blocks.push(block);
        }
        // The numbering the items show: the most common style.
        let style = most_common(&styles).unwrap_or(ItemNumbering::Nested);
        layout.items = style;
        if !rm.flat {
            layout.blocks = most_common(&block_styles).unwrap_or(BlockNumbering::Dot);
        }
        let first_item_number = first_numbers
            .first()
            .and_then(|n| {
                n.trim_end_matches('.')
                    .split('.')
                    .next()
                    .map(str::to_string)
            })
            .and_then(|n| n.parse::<u32>().ok());
        layout.start = match (rm.flat, block_start, first_item_number) {
            (false, Some(n), _) => n,
            (_, _, Some(n)) => n,
            _ => 1,
        }
        .clamp(1, 9999);
        // Columns: none recorded when they are exactly version 1's.
        let planned = p
            .roadmap
            .blocks
            .iter()
            .flat_map(|b| &b.items)
            .any(|i| !i.planned_value.trim().is_empty());
        // Width shares from the table's grid: against the year columns'
        // (12 each, as the print gives them) when there are some, else out
        // of 100.
        let width_of = |c: usize| t.widths.get(c).copied().unwrap_or(0) as f32;
        let year_cols: Vec<usize> = rm
            .roles
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r, Role::Year(_)))
            .map(|(c, _)| c)
            .collect();
        let own_cols: Vec<usize> = rm
            .roles
            .iter()
            .enumerate()
            .filter(|(c, r)| {
                column_kind(**r, &rm.header[*c])
                    .is_some_and(|k| columns.iter().any(|x| x.kind == k))
            })
            .map(|(c, _)| c)
            .collect();
        let unit = if !year_cols.is_empty() {
            let mean = year_cols.iter().map(|&c| width_of(c)).sum::<f32>() / year_cols.len() as f32;
            (mean > 0.0).then(|| 12.0 / mean)
        } else {
            let total: f32 = own_cols.iter().map(|&c| width_of(c)).sum();
            (total > 0.0).then(|| 100.0 / total)
        };
        if let Some(unit) = unit.filter(|_| own_cols.iter().all(|&c| width_of(c) > 0.0)) {
            for col in columns.iter_mut() {
                if let Some(&c) = own_cols
                    .iter()
                    .find(|&&c| column_kind(rm.roles[c], &rm.header[c]) == Some(col.kind))
                {
                    let share = (width_of(c) * unit * 10.0).round() / 10.0;
                    // The kind's own share is left unsaid, as the editor
                    // leaves it.
                    col.width = ((share - col.kind.default_width()).abs() >= 0.5)
                        .then_some(share.clamp(0.1, 1000.0));
                }
            }
        }
        let default = layout.effective_columns_default(planned);
        let same = columns.len() == default.len()
            && columns.iter().zip(&default).all(|(a, b)| {
                a.kind == b.kind
                    && squeeze(a.header()) == b.header()
                    && (a.width() - b.width()).abs() < 0.5
            });
        layout.columns = if same { Vec::new() } else { columns };
        // Numbers are derived from the order: say where the document's
        // differ from what the programme will print.
        let mut out_of_step = 0;
        for (b, fb) in rm.blocks.iter().enumerate() {
            for (n, fi) in fb.items.iter().enumerate() {
                let printed = p.roadmap.item_number(&p.layout.roadmap, b, n);
                if squeeze(&fi.number) != printed && out_of_step < 10 {
                    out_of_step += 1;
                    self.warn(
                        self.places.row(at, fi.row),
                        format!(
                            "номер мероприятия «{}» в документе; по порядку оно будет «{}»",
                            fi.number, printed
                        ),
                    );
                }
            }
        }
        if !others.is_empty() {
            let names: Vec<String> = others.iter().map(|(_, h)| format!("«{h}»")).collect();
            self.warn(
                self.places.block(at),
                format!(
                    "столбцы {} таблицы мероприятий не соответствуют полям программы; их текст перенесён в раздел «{UNPLACED_SECTION}»",
                    names.join(", ")
                ),
            );
            if !other_rows.is_empty() {
                self.summary.unplaced += 1;
                self.unplaced_into(
                    p,
                    SectionBlock::Table {
                        columns: vec!["№ мероприятия".into(), "Столбец".into(), "Текст".into()],
                        rows: other_rows,
                    },
                );
            }
        }
        // Deadlines against the period.
        let mut unclear = Vec::new();
        for (b, block) in p.roadmap.blocks.iter().enumerate() {
            for (n, item) in block.items.iter().enumerate() {
                if item.deadline.trim().is_empty() {
                    continue;
                }
                let s = metodist_schedule::interpret(&item.deadline, p.period);
                if !s.recognized {
                    let row = rm.blocks[b].items[n].row;
                    unclear.push(UnclearDeadline {
                        item: p.item_ref(b, n),
                        deadline: item.deadline.clone(),
                        place: self.places.row(at, row),
                    });
                }
            }
        }
        for u in &unclear {
            self.warn(
                u.place.clone(),
                format!(
                    "срок «{}» мероприятия {} не понят: он сохранён как написан, даты контроля задайте вручную",
                    short(&u.deadline),
                    u.item
                ),
            );
        }
        self.summary.deadlines_not_understood = unclear;
    }

    fn unplaced_into(&mut self, p: &mut Programme, block: SectionBlock) {
        match p.sections.iter_mut().find(|s| s.uid == "unplaced") {
            Some(s) => s.body.push(block),
            None => p.sections.push(Section {
                uid: "unplaced".into(),
                title: UNPLACED_SECTION.into(),
                body: vec![block],
                unnumbered: true,
                renumber: None,
            }),
        }
    }
}

/// The next table after block `i`, past empty paragraphs only.
fn next_table(blocks: &[DocBlock], i: usize) -> Option<&Table> {
    blocks[i + 1..].iter().find_map(|b| match b {
        DocBlock::Paragraph(p) if p.text.trim().is_empty() => None,
        DocBlock::Paragraph(_) => Some(None),
        DocBlock::Table(t) => Some(Some(t)),
    })?
}

fn most_common<T: Copy + PartialEq>(xs: &[T]) -> Option<T> {
    let mut best: Option<(T, usize)> = None;
    for x in xs {
        let n = xs.iter().filter(|y| *y == x).count();
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((*x, n));
        }
    }
    best.map(|(x, _)| x)
}

/// A rich text's words on one line.
fn rich_plain(r: &RichText) -> String {
    let mut parts = Vec::new();
    for b in r {
        match b {
            TextBlock::Paragraph { text } => parts.push(text.clone()),
            TextBlock::Numbered { items } | TextBlock::Bulleted { items } => {
                parts.extend(items.iter().cloned())
            }
        }
    }
    squeeze(&parts.join(" "))
}

trait DefaultColumns {
    fn effective_columns_default(&self, planned: bool) -> Vec<RoadmapColumn>;
}

impl DefaultColumns for RoadmapLayout {
    /// Version 1's columns, whatever this layout records.
    fn effective_columns_default(&self, planned: bool) -> Vec<RoadmapColumn> {
        RoadmapLayout::default().effective_columns(planned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_numbers_in_each_style() {
        assert_eq!(
            heading_number("Раздел 2. Анализ"),
            Some((SectionStyle::Razdel, 2, "Анализ".into()))
        );
        assert_eq!(
            heading_number("Раздел.1 Паспорт Программы"),
            Some((SectionStyle::Razdel, 1, "Паспорт Программы".into()))
        );
        assert_eq!(
            heading_number("Раздел IV."),
            Some((SectionStyle::RazdelRoman, 4, String::new()))
        );
        assert_eq!(
            heading_number("III. Цели и задачи"),
            Some((SectionStyle::Roman, 3, "Цели и задачи".into()))
        );
        assert_eq!(
            heading_number("2. Ресурсы"),
            Some((SectionStyle::Arabic, 2, "Ресурсы".into()))
        );
        assert_eq!(heading_number("1.1. Подраздел"), None);
        assert_eq!(heading_number("Паспорт программы"), None);
        assert_eq!(heading_number("2025 год"), None);
    }

    #[test]
    fn numbers_units_styles_and_dates() {
        assert_eq!(parse_number("12,5"), Some(12.5));
        assert_eq!(parse_number("95 %"), Some(95.0));
        assert_eq!(parse_number("−3"), Some(-3.0));
        assert_eq!(parse_number("да"), None);
        assert_eq!(
            indicator_from_line("Доля выпускников, %"),
            ("Доля выпускников".into(), "%".into())
        );
        assert_eq!(
            indicator_from_line("Число школ, участвующих в проекте"),
            ("Число школ, участвующих в проекте".into(), String::new())
        );
        assert_eq!(item_style("1.1"), Some(ItemNumbering::Nested));
        assert_eq!(item_style("1.1."), Some(ItemNumbering::NestedDot));
        assert_eq!(item_style("3"), Some(ItemNumbering::Flat));
        assert_eq!(item_style("3."), Some(ItemNumbering::FlatDot));
        assert_eq!(item_style(""), Some(ItemNumbering::None));
        assert_eq!(
            block_number("2. Методическое обеспечение"),
            (
                BlockNumbering::Dot,
                Some(2),
                "Методическое обеспечение".into()
            )
        );
        assert_eq!(date_format_of("01.09.2024"), DateFormat::Numeric);
        assert_eq!(date_format_of("01.09.2024г."), DateFormat::NumericG);
        assert_eq!(date_format_of("01.09.2024 г."), DateFormat::NumericSpaceG);
        assert_eq!(date_format_of("1 сентября 2024 г."), DateFormat::Words);
        assert_eq!(years_in("2020 -2022 г.г."), vec![2020, 2022]);
        assert!(is_year_header("2025 г."));
        assert!(is_year_header("2025 год"));
        assert!(!is_year_header("21,43 (2023 г.)"));
        assert!(!is_year_header("Базовое значение 2023"));
    }

    fn para(text: &str, bold: bool, objects: usize) -> DocBlock {
        DocBlock::Paragraph(Paragraph {
            text: text.into(),
            bold,
            align: if bold {
                crate::Align::Center
            } else {
                crate::Align::Left
            },
            objects,
            page: 1,
            ..Paragraph::default()
        })
    }

    #[test]
    fn pictures_and_text_outside_sections_are_said_and_kept() {
        let doc = Document {
            blocks: vec![
                para("Программа «Проба» на 2025 год", true, 0),
                para("Строка без раздела", false, 0),
                para("I. Раздел", true, 0),
                para("Текст раздела", false, 2),
            ],
            pages_known: true,
        };
        let r = recognise(&doc, "p", 2030);
        assert_eq!(r.programme.title, "Программа «Проба» на 2025 год");
        assert_eq!(r.summary.pictures, 2);
        assert_eq!(r.summary.unplaced, 1);
        let places: Vec<&str> = r.warnings.iter().map(|w| w.place.as_str()).collect();
        assert_eq!(places, ["стр. 1, абзац 2", "стр. 1, абзац 4"]);
        assert!(
            r.warnings[1].message.contains("рисунков"),
            "{:?}",
            r.warnings
        );
        let last = r.programme.sections.last().unwrap();
        assert_eq!(last.title, UNPLACED_SECTION);
        assert!(last.unnumbered);
        assert_eq!(
            last.body,
            [SectionBlock::Paragraph {
                text: "Строка без раздела".into()
            }]
        );
        assert_eq!(r.programme.sections[0].title, "Раздел");
        assert_eq!(
            r.programme.period,
            Period::new(
                YearMonth::new(2025, 1).unwrap(),
                YearMonth::new(2025, 12).unwrap()
            )
            .unwrap()
        );
    }

    #[test]
    fn the_mark_in_each_style() {
        let m = parse_mark(&[
            "Приложение № 2".into(),
            "к постановлению администрации Озёрного района".into(),
            "от 14.03.2025 № 118".into(),
        ]);
        assert_eq!(m.mark.style, MarkStyle::Appendix);
        assert_eq!(m.mark.number, "2");
        assert_eq!(m.mark.issuer_genitive, "администрации Озёрного района");
        assert_eq!(m.kind, Some(ActKind::Decree));
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2025, 3, 14));
        assert_eq!(m.number.as_deref(), Some("118"));
        let m = parse_mark(&[
            "УТВЕРЖДЁН".into(),
            "приказом по МБОУ «Лесная СОШ» от 01.09.2024 г. № 45-01".into(),
        ]);
        assert_eq!(m.mark.style, MarkStyle::Approved);
        assert_eq!(m.mark.approves, Approves::Masculine);
        assert_eq!(m.mark.participle, "");
        assert_eq!(m.mark.issuer_genitive, "по МБОУ «Лесная СОШ»");
        assert_eq!(m.kind, Some(ActKind::Order));
    }
}
