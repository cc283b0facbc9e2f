//! Measuring styled text and breaking it into lines.
//!
//! Break opportunities come from the Unicode line breaking algorithm
//! (UAX #14); where Russian office practice forbids a break (after "№",
//! inside dates and year ranges, between initials and the surname, after
//! one-letter prepositions and common abbreviations) it puts glue of a
//! strength instead, opened only when the glued phrase is wider than the
//! line (design.md §3). Justified and flush-left text choose all breaks of
//! a paragraph together (`justify::total_fit`); greedy filling, as Word
//! does, is the fallback, with Russian hyphenation when the next word does
//! not fit. Names (capitalised or quoted words) are hyphenated only when
//! wider than the line.

use std::collections::BTreeMap;

use metodist_schedule::MONTH_NAMES;
use unicode_linebreak::{linebreaks, BreakOpportunity};

use crate::doc::{Run, Style};
use crate::fonts::Fonts;
use crate::hyphenate;
use crate::justify::Fit;

/// The soft hyphen is drawn by the font as a hyphen, and text extraction
/// treats it as a hyphenation mark rather than as part of the word.
pub(crate) const HYPHEN: char = '\u{00AD}';

/// Characters the font lacked, collected over a whole render.
#[derive(Default)]
pub(crate) struct Missing {
    pub chars: BTreeMap<char, (usize, char)>,
    pub too_wide: Vec<String>,
}

/// Paragraph text joined from its runs, cleaned and measured.
pub(crate) struct Prepared {
    pub text: String,
    /// (byte start, style), sorted, first at 0.
    spans: Vec<(usize, Style)>,
    /// Width of `text[..i]` in points, at every char boundary `i`.
    prefix: Vec<f32>,
    pub(crate) size: f32,
    /// Byte ranges inside quotes («…», „…“, "…"), sorted by start.
    quoted: Vec<(usize, usize)>,
}

impl Prepared {
    pub fn new(runs: &[Run], size: f32, fonts: &Fonts, missing: &mut Missing) -> Prepared {
        let mut text = String::new();
        let mut spans: Vec<(usize, Style)> = Vec::new();
        for run in runs {
            let start = text.len();
            let face = fonts.face(run.style);
            for c in run.text.chars() {
                let c = match c {
                    '\t' | '\u{2028}' => ' ',
                    '\r' | HYPHEN | '\u{200B}' | '\u{FEFF}' => continue,
                    c if c.is_control() && c != '\n' => continue,
                    c => c,
                };
                // Collapse runs of spaces: typed double spaces would show
                // as holes in justified text.
                if c == ' ' && (text.is_empty() || text.ends_with([' ', '\n'])) {
                    continue;
                }
                if c == '\n' || c == ' ' || face.has(c) {
                    text.push(c);
                } else {
                    let repl = if face.has('\u{FFFD}') {
                        '\u{FFFD}'
                    } else {
                        '?'
                    };
                    missing.chars.entry(c).or_insert((0, repl)).0 += 1;
                    text.push(repl);
                }
            }
            if text.len() > start && spans.last().map(|s| s.1) != Some(run.style) {
                spans.push((start, run.style));
            }
        }
        while text.ends_with([' ', '\n']) {
            text.pop();
        }
        if spans.is_empty() {
            spans.push((0, Style::Regular));
        }
        let mut prefix = vec![0.0f32; text.len() + 1];
        let mut acc = 0.0f32;
        let mut span_i = 0;
        for (i, c) in text.char_indices() {
            while span_i + 1 < spans.len() && spans[span_i + 1].0 <= i {
                span_i += 1;
            }
            let face = fonts.face(spans[span_i].1);
            let w = match c {
                '\n' => 0,
                '\u{A0}' | ' ' => face.width(' ').unwrap_or(250),
                c => face.width(c).unwrap_or(500),
            };
            prefix[i] = acc;
            acc += w as f32 * size / 1000.0;
        }
        prefix[text.len()] = acc;
        let quoted = quoted_ranges(&text);
        Prepared {
            text,
            spans,
            prefix,
            size,
            quoted,
        }
    }

    pub fn width(&self, a: usize, b: usize) -> f32 {
        self.prefix[b] - self.prefix[a]
    }

    pub fn style_at(&self, i: usize) -> Style {
        let k = self.spans.partition_point(|s| s.0 <= i);
        self.spans[k.saturating_sub(1)].1
    }

    pub(crate) fn hyphen_width(&self, fonts: &Fonts, at: usize) -> f32 {
        let face = fonts.face(self.style_at(at.saturating_sub(1)));
        let w = face
            .width(HYPHEN)
            .or_else(|| face.width('-'))
            .unwrap_or(333);
        w as f32 * self.size / 1000.0
    }

    /// Style spans intersecting `a..b`, as (start, end, style).
    pub fn spans_in(&self, a: usize, b: usize) -> impl Iterator<Item = (usize, usize, Style)> + '_ {
        let first = self.spans.partition_point(|s| s.0 <= a).saturating_sub(1);
        self.spans[first..]
            .iter()
            .enumerate()
            .map(move |(k, &(s, st))| {
                let e = self
                    .spans
                    .get(first + k + 1)
                    .map(|n| n.0)
                    .unwrap_or(self.text.len());
                (s.max(a), e.min(b), st)
            })
            .take_while(move |&(s, _, _)| s < b)
            .filter(|&(s, e, _)| s < e)
    }
}

/// One line of a paragraph: `text[start..end]`, optionally followed by a
/// hyphen.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LineSpec {
    pub start: usize,
    pub end: usize,
    pub hyphen: bool,
    /// Natural width including the hyphen, pt.
    pub width: f32,
    /// The paragraph's last line, or a line ended by a typed line break:
    /// never stretched.
    pub last: bool,
}

const ABBREVIATIONS: [&str; 17] = [
    "г.",
    "гг.",
    "п.",
    "пп.",
    "ст.",
    "ч.",
    "с.",
    "д.",
    "ул.",
    "им.",
    "р.",
    "пгт.",
    "п.г.т.",
    "т.",
    "см.",
    "рис.",
    "табл.",
];

fn is_dash(c: char) -> bool {
    matches!(c, '–' | '—' | '-' | '\u{2212}')
}

fn is_month(word: &str) -> bool {
    let lower = word.to_lowercase();
    let lower = lower.trim_end_matches([',', '.', ';']);
    if lower == "май" || lower == "мая" || lower == "мае" {
        return true;
    }
    MONTH_NAMES
        .iter()
        .filter(|n| n.stem.len() > "ма".len())
        .any(|n| lower.starts_with(n.stem))
}

fn is_initial(token: &str) -> bool {
    // "Н.", "Н.В.", "Н.И."
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    token.ends_with('.')
        && (1..=3).contains(&letters)
        && token.chars().all(|c| c == '.' || c.is_uppercase())
        && !token.contains("..")
}

fn starts_upper(token: &str) -> bool {
    token.chars().next().is_some_and(|c| c.is_uppercase())
}

fn leading_digits(token: &str) -> usize {
    token.bytes().take_while(u8::is_ascii_digit).count()
}

fn all_digits(token: &str) -> bool {
    !token.is_empty() && token.chars().all(|c| c.is_ascii_digit())
}

/// How firmly two neighbouring words hold together where Unicode would
/// allow a line break between them. A phrase held by glue is set on one
/// line; only when the whole phrase is wider than a line does it open, at
/// its loosest glue first, and each piece is looked at again. So
/// «20 ноября 2024 г.» in a column too narrow for it becomes «20 ноября» /
/// «2024 г.», never «20» / «ноября 2024» / «г.».
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Glue {
    /// «от» and «до» and the date or number they govern («от 28.08.2024»,
    /// «до 20 ноября»): the first to give way.
    Preposition,
    /// Between the parts of a longer phrase: the month and the year of a
    /// date («ноября 2024»).
    Loose,
    /// A word and what names or counts it: day and month, a number and its
    /// unit («2024 г.», «5 %», «10 чел.»), initials and the surname in
    /// either order, a one-letter preposition or an abbreviation and the
    /// next word.
    Firm,
    /// Pieces that mean nothing apart: «№ 45», «2021–2024», the digit
    /// groups of one number, initials among themselves («И. И.»), a dash
    /// and the word before it.
    Tight,
}

/// The glue our rules put before `text[pos..]`, where Unicode allows a
/// break; `None` when the break is allowed.
fn glue(text: &str, pos: usize) -> Option<Glue> {
    let before = text[..pos].trim_end_matches([' ', '\u{A0}']);
    let after = &text[pos..];
    let had_space = before.len() < pos;
    let prev = before.rsplit([' ', '\u{A0}', '\n']).next().unwrap_or("");
    let next = after.split([' ', '\u{A0}', '\n']).next().unwrap_or("");
    if prev.is_empty() || next.is_empty() {
        return None;
    }
    // A dash never starts a line.
    if next.starts_with(is_dash) {
        return Some(Glue::Tight);
    }
    if prev.ends_with('№') || prev.ends_with('§') {
        return Some(Glue::Tight);
    }
    // Year and number ranges: "2021–2024", "2020 – 2024", "5-11", "45-01".
    if prev.ends_with(is_dash) && next.starts_with(|c: char| c.is_ascii_digit()) {
        let body = prev.trim_end_matches(is_dash);
        let digit_before = if body.is_empty() {
            // A dash standing alone: look at the token before it.
            before
                .trim_end_matches(is_dash)
                .trim_end()
                .ends_with(|c: char| c.is_ascii_digit())
        } else {
            body.ends_with(|c: char| c.is_ascii_digit())
        };
        if digit_before {
            return Some(Glue::Tight);
        }
    }
    // "п/п", "2023/2024": short tokens around a slash stay whole.
    if prev.ends_with('/') && prev.chars().count() <= 5 && next.chars().count() <= 5 {
        return Some(Glue::Tight);
    }
    if !had_space {
        return None;
    }
    // The blank "от ____________" of a draft reads as one field.
    if prev.to_lowercase() == "от" && next.starts_with('_') {
        return Some(Glue::Tight);
    }
    let prev_core = prev.trim_end_matches([',', ';', ':']);
    if next.starts_with(|c: char| c.is_ascii_digit())
        && matches!(prev.to_lowercase().as_str(), "от" | "до")
    {
        return Some(Glue::Preposition);
    }
    // Digit groups of one number: "1 234 567".
    if prev_core == prev
        && (1..=3).contains(&prev.len())
        && all_digits(prev)
        && leading_digits(next) == 3
    {
        return Some(Glue::Tight);
    }
    // Dates: "3 августа 2012 г.", "от 18 ноября 2013 года".
    if (1..=2).contains(&prev_core.len()) && all_digits(prev_core) && is_month(next) {
        return Some(Glue::Firm);
    }
    if is_month(prev) && leading_digits(next) == 4 && prev_core == prev {
        return Some(Glue::Loose);
    }
    // A number and its unit: "2024 г.", "2022–2024 гг.", "5 %", "10 чел.".
    if prev.ends_with(|c: char| c.is_ascii_digit()) && is_unit(next) {
        return Some(Glue::Firm);
    }
    // Initials and surname: "Н. В. Тураев", "Н.И. Зубилина", "Артамонову Н. В.".
    if is_initial(prev) && is_initial(next) {
        return Some(Glue::Tight);
    }
    if is_initial(prev) && starts_upper(next) {
        return Some(Glue::Firm);
    }
    if is_initial(next)
        && starts_upper(prev)
        && prev.chars().count() > 1
        && prev.ends_with(char::is_alphabetic)
    {
        return Some(Glue::Firm);
    }
    // One-letter prepositions and conjunctions stay with the next word.
    if prev.chars().count() == 1 && prev.chars().all(hyphenate::is_cyrillic_letter) {
        return Some(Glue::Firm);
    }
    // "г. Орёл", "ул. Ленина", "п. 5"; but after a number the same "г."
    // is the unit that ends the phrase ("2024 г. и далее").
    let lower = prev.to_lowercase();
    let after_number = before[..before.len() - prev.len()]
        .trim_end_matches([' ', '\u{A0}'])
        .ends_with(|c: char| c.is_ascii_digit());
    if ABBREVIATIONS.contains(&lower.as_str()) && !after_number {
        return Some(Glue::Firm);
    }
    None
}

/// Words that count or measure the number before them.
fn is_unit(word: &str) -> bool {
    let w = word.trim_end_matches([',', ';', ':', ')']);
    matches!(
        w,
        "г." | "гг."
            | "г"
            | "год"
            | "года"
            | "годы"
            | "годов"
            | "году"
            | "%"
            | "тыс."
            | "млн"
            | "млн."
            | "руб."
            | "рублей"
            | "чел."
            | "человек"
            | "час."
            | "ч."
            | "ед."
            | "шт."
            | "мес."
            | "дн."
            | "дней"
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Allowed,
    Mandatory,
    /// Allowed by Unicode but held by our rules: opened only when the
    /// glued phrase is wider than a whole line.
    Glued(Glue),
}

/// Break positions: (byte index where the next segment starts, kind).
fn opportunities(text: &str) -> Vec<(usize, Op)> {
    let mut out = Vec::new();
    for (pos, op) in linebreaks(text) {
        if pos >= text.len() {
            break;
        }
        match op {
            BreakOpportunity::Mandatory => out.push((pos, Op::Mandatory)),
            BreakOpportunity::Allowed => match glue(text, pos) {
                None => out.push((pos, Op::Allowed)),
                Some(g) => out.push((pos, Op::Glued(g))),
            },
        }
    }
    out.push((text.len(), Op::Mandatory));
    out
}

/// The usable break positions, as (position, mandatory): glue holds unless
/// the phrase it holds could not fit on a line of `line_width` anyway.
pub(crate) fn usable_breaks(p: &Prepared, line_width: f32) -> Vec<(usize, bool)> {
    let ops = opportunities(&p.text);
    let mut out = Vec::with_capacity(ops.len());
    let mut seg_start = 0;
    let mut glued: Vec<(usize, Glue)> = Vec::new();
    for (pos, op) in ops {
        if let Op::Glued(g) = op {
            glued.push((pos, g));
            continue;
        }
        open_wide(p, line_width, seg_start, pos, &glued, &mut out);
        glued.clear();
        out.push((pos, op == Op::Mandatory));
        seg_start = pos;
    }
    out
}

/// Opens the loosest glue of the phrase `text[start..end]` when the phrase
/// is wider than the line, then treats each piece the same way.
fn open_wide(
    p: &Prepared,
    line_width: f32,
    start: usize,
    end: usize,
    glued: &[(usize, Glue)],
    out: &mut Vec<(usize, bool)>,
) {
    let Some(loosest) = glued.iter().map(|g| g.1).min() else {
        return;
    };
    if p.width(start, content_end(&p.text, start, end)) <= line_width + 0.01 {
        return;
    }
    let mut piece = start;
    let mut inner = Vec::new();
    for &(pos, g) in glued {
        if g == loosest {
            open_wide(p, line_width, piece, pos, &inner, out);
            inner.clear();
            out.push((pos, false));
            piece = pos;
        } else {
            inner.push((pos, g));
        }
    }
    open_wide(p, line_width, piece, end, &inner, out);
}

pub(crate) fn content_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end_matches([' ', '\n']).len()
}

/// Breaks `p` into lines. `width(i)` is the width available to line `i`.
/// How full a line must already be for the next word to go to the next
/// line whole rather than be hyphenated: justified text hyphenates more
/// eagerly (gaps show), ragged text only when the line would be short.
#[derive(Clone, Copy)]
pub(crate) struct Hyphenation {
    pub enabled: bool,
    /// Ragged text: the share of the width a line must fill.
    pub min_fill: f32,
    /// Justified text: the most extra space per word gap, in points, that
    /// is accepted rather than hyphenating the next word.
    pub max_stretch: Option<f32>,
    /// Flush-left text: choose all breaks together for an even right edge
    /// and as few hyphens as read well (see `justify::Fit::Ragged`).
    pub ragged_fit: bool,
}

pub(crate) fn break_lines(
    p: &Prepared,
    fonts: &Fonts,
    hyphenation: Hyphenation,
    width: impl Fn(usize) -> f32,
    missing: &mut Missing,
) -> Vec<LineSpec> {
    let text = p.text.as_str();
    let mut lines = Vec::new();
    if text.is_empty() {
        lines.push(LineSpec {
            start: 0,
            end: 0,
            hyphen: false,
            width: 0.0,
            last: true,
        });
        return lines;
    }
    // Most table cells fit on one line: nothing to choose.
    if !text.contains('\n') && p.width(0, text.len()) <= width(0) + 0.01 {
        return vec![LineSpec {
            start: 0,
            end: text.len(),
            hyphen: false,
            width: p.width(0, text.len()),
            last: true,
        }];
    }
    let fit = match hyphenation.max_stretch {
        Some(max) => Some(Fit::Justified {
            stretch_per_gap: max,
        }),
        None if hyphenation.ragged_fit => Some(Fit::Ragged),
        None => None,
    };
    if let Some(fit) = fit {
        if let Some(lines) = crate::justify::total_fit(p, fonts, hyphenation.enabled, fit, &width) {
            return lines;
        }
    }
    let ops = usable_breaks(p, width(1));
    // Line state: where it starts and where its content currently ends.
    let mut line_start = 0usize;
    let mut line_end: Option<usize> = None;
    let mut seg_start = 0usize;
    let mut k = 0usize;
    // Tolerance for rounding: a line that matches the width exactly fits.
    const EPS: f32 = 0.01;
    while k < ops.len() {
        let (seg_end, mandatory) = ops[k];
        let avail = width(lines.len());
        let ce = content_end(text, seg_start, seg_end);
        let fits = p.width(line_start, ce) <= avail + EPS;
        if fits {
            line_end = Some(ce);
            seg_start = seg_end;
            k += 1;
            if mandatory {
                lines.push(LineSpec {
                    start: line_start,
                    end: ce,
                    hyphen: false,
                    width: p.width(line_start, ce),
                    last: true,
                });
                line_start = seg_end;
                line_end = None;
            }
            continue;
        }
        // The segment overflows: try to hyphenate it, counting from where
        // the segment starts on this line.
        let full_enough = line_end.is_some_and(|end| {
            let used = p.width(line_start, end);
            match hyphenation.max_stretch {
                Some(max) => {
                    let gaps = text[line_start..end]
                        .chars()
                        .filter(|&c| c == ' ' || c == '\u{A0}')
                        .count();
                    gaps > 0 && (avail - used) / gaps as f32 <= max
                }
                None => used >= hyphenation.min_fill * avail,
            }
        });
        if hyphenation.enabled && !full_enough {
            if let Some(cut) = hyphen_cut(p, fonts, line_start, seg_start, ce, avail) {
                lines.push(LineSpec {
                    start: line_start,
                    end: cut,
                    hyphen: true,
                    width: p.width(line_start, cut) + p.hyphen_width(fonts, cut),
                    last: false,
                });
                line_start = cut;
                seg_start = cut;
                line_end = None;
                continue;
            }
        }
        if let Some(end) = line_end {
            lines.push(LineSpec {
                start: line_start,
                end,
                hyphen: false,
                width: p.width(line_start, end),
                last: false,
            });
            line_start = seg_start;
            line_end = None;
            continue;
        }
        // A single segment wider than the line: cut it between characters.
        let mut cut = seg_start;
        for (i, _) in text[seg_start..ce].char_indices().skip(1) {
            if p.width(line_start, seg_start + i) > avail + EPS {
                break;
            }
            cut = seg_start + i;
        }
        if cut == seg_start {
            // Not even one character fits: take one anyway to progress.
            cut = seg_start + text[seg_start..].chars().next().map_or(1, char::len_utf8);
        }
        let word = text[seg_start..ce].to_string();
        if !missing.too_wide.contains(&word) {
            missing.too_wide.push(word);
        }
        lines.push(LineSpec {
            start: line_start,
            end: cut,
            hyphen: false,
            width: p.width(line_start, cut),
            last: false,
        });
        line_start = cut;
        seg_start = cut;
    }
    if let Some(end) = line_end {
        lines.push(LineSpec {
            start: line_start,
            end,
            hyphen: false,
            width: p.width(line_start, end),
            last: true,
        });
    }
    if let Some(l) = lines.last_mut() {
        l.last = true;
    }
    lines
}

/// The latest hyphenation point in the word of `text[seg..ce]` at which the
/// line `line_start..point` plus a hyphen fits in `avail`.
fn hyphen_cut(
    p: &Prepared,
    fonts: &Fonts,
    line_start: usize,
    seg: usize,
    ce: usize,
    avail: f32,
) -> Option<usize> {
    p.hyphen_points(seg, ce, avail)
        .into_iter()
        .rev()
        .find(|&cut| p.width(line_start, cut) + p.hyphen_width(fonts, cut) <= avail + 0.01)
}

/// The word of `text[seg..ce]` to hyphenate: the longest run of letters
/// (punctuation and quotes around it stay attached to their side), as a
/// byte range of `text`.
fn word_of(text: &str, seg: usize, ce: usize) -> Option<(usize, usize)> {
    let segment = &text[seg..ce];
    let mut best: Option<(usize, usize)> = None;
    let mut cur: Option<usize> = None;
    for (i, c) in segment
        .char_indices()
        .chain(std::iter::once((segment.len(), ' ')))
    {
        if c.is_alphabetic() {
            cur.get_or_insert(i);
        } else if let Some(s) = cur.take() {
            if best.is_none_or(|(bs, be)| i - s > be - bs) {
                best = Some((s, i));
            }
        }
    }
    best.map(|(s, e)| (seg + s, seg + e))
}

/// Where the word of `text[seg..ce]` may be hyphenated, as byte offsets in
/// `text`, ascending.
pub(crate) fn hyphen_points(text: &str, seg: usize, ce: usize) -> Vec<usize> {
    let Some((ws, we)) = word_of(text, seg, ce) else {
        return Vec::new();
    };
    // A word joined to others by a hyphen ("материально-технической") is
    // hyphenated only inside its own part: the pattern sees that part alone.
    let word = &text[ws..we];
    // Month names belong to dates, which are never broken.
    if is_month(word) {
        return Vec::new();
    }
    hyphenate::breaks(word)
        .into_iter()
        .map(|b| ws + b)
        .collect()
}

impl Prepared {
    /// Where the segment `seg..ce` may be hyphenated on a line of
    /// `line_width`. Names are left whole: a capitalised word (a place, an
    /// institution, a person: «Северогорский», «Управление», «Кузнецова»)
    /// and any word inside quotes («Точка роста») are hyphenated only when
    /// the segment is wider than the line, so it cannot be set otherwise.
    pub(crate) fn hyphen_points(&self, seg: usize, ce: usize, line_width: f32) -> Vec<usize> {
        let text = self.text.as_str();
        let Some((ws, we)) = word_of(text, seg, ce) else {
            return Vec::new();
        };
        if self.is_name(ws, we) && self.width(seg, ce) <= line_width + 0.01 {
            return Vec::new();
        }
        hyphen_points(text, seg, ce)
    }

    /// Whether the word `ws..we` is capitalised (its whole token starts
    /// with a capital and is not all capitals, which is an abbreviation or
    /// Caps Lock) or stands inside quotes.
    fn is_name(&self, ws: usize, we: usize) -> bool {
        let text = self.text.as_str();
        let token_start = text[..ws].rfind([' ', '\u{A0}', '\n']).map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
        let token_end = text[we..]
            .find([' ', '\u{A0}', '\n'])
            .map_or(text.len(), |i| we + i);
        let token = &text[token_start..token_end];
        let capitalised = token
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
            && token.chars().any(char::is_lowercase);
        capitalised || self.quoted.iter().any(|&(a, b)| a < ws && we <= b)
    }
}

/// Byte ranges between matching quotes. «…» and „…“ nest; a straight
/// double quote opens and closes in turn. A quote left open protects
/// nothing: it is more likely a typo than a name running to the end.
fn quoted_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Vec<(char, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        let closes = match c {
            '»' => Some('«'),
            '“' => Some('„'),
            '"' if open.iter().any(|o| o.0 == '"') => Some('"'),
            _ => None,
        };
        if let Some(opener) = closes {
            if let Some(k) = open.iter().rposition(|o| o.0 == opener) {
                out.push((open[k].1, i));
                open.truncate(k);
            }
            continue;
        }
        if matches!(c, '«' | '„' | '"') {
            open.push((c, i));
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HYPH: Hyphenation = Hyphenation {
        enabled: true,
        min_fill: 1.0,
        max_stretch: None,
        ragged_fit: false,
    };

    /// Parsed once: the tests measure many short texts.
    fn fonts() -> &'static Fonts {
        static FONTS: std::sync::OnceLock<Fonts> = std::sync::OnceLock::new();
        FONTS.get_or_init(|| Fonts::bundled().unwrap())
    }

    fn lines_of(text: &str, width: f32) -> Vec<String> {
        let f = fonts();
        let mut m = Missing::default();
        let p = Prepared::new(&[Run::plain(text)], 14.0, f, &mut m);
        break_lines(&p, f, HYPH, |_| width, &mut m)
            .iter()
            .map(|l| {
                let mut s = p.text[l.start..l.end].to_string();
                if l.hyphen {
                    s.push('-');
                }
                s
            })
            .collect()
    }

    #[test]
    fn forbidden_breaks() {
        let t = "от 18 ноября 2013 года № 571, на 2021–2024 годы, 2020 – 2024 гг., Н. В. Тураев и Артамонову Н. В. в г. Орле, 1 234 567 рублей";
        for (pos, op) in opportunities(t) {
            let ok = !matches!(op, Op::Glued(_));
            let (b, a) = (&t[..pos], &t[pos..]);
            for glued in [
                "18 ноября",
                "ноября 2013",
                "2013 года",
                "№ 571",
                "2021–2024",
                "2020 – 2024",
                "Н. В. Тураев",
                "Артамонову Н. В.",
                "в г. Орле",
                "2024 гг.",
                "1 234 567",
            ] {
                // A break strictly inside a glued phrase must be refused.
                for (start, _) in t.match_indices(glued) {
                    if pos > start && pos < start + glued.len() {
                        assert!(!ok, "break allowed inside «{glued}»: «{b}|{a}»");
                    }
                }
            }
        }
        assert_eq!(glue("слово другое", "слово ".len()), None);
    }

    #[test]
    fn lines_fit_and_keep_phrases_together() {
        let text = "В соответствии с постановлением администрации Урицкого района от 18 ноября 2013 года № 571 «О муниципальной Программе развития образования Урицкого района» на 2021–2024 годы возложить на заместителя главы Н. В. Тураева.";
        let f = fonts();
        for w in [120.0f32, 160.0, 200.0, 260.0, 330.0, 480.0] {
            let mut m = Missing::default();
            let p = Prepared::new(&[Run::plain(text)], 14.0, f, &mut m);
            let ls = break_lines(&p, f, HYPH, |_| w, &mut m);
            let mut rebuilt = String::new();
            for l in &ls {
                assert!(l.width <= w + 0.02, "line too wide at {w}: {l:?}");
                let s = &p.text[l.start..l.end];
                assert!(!s.ends_with('№') && !s.starts_with('–'), "{s}");
                assert!(!s.ends_with(" Н.") && !s.ends_with(" В."), "{s}");
                if !rebuilt.is_empty() && !rebuilt.ends_with('-') {
                    rebuilt.push(' ');
                }
                rebuilt.push_str(s);
            }
            assert_eq!(rebuilt.replace(' ', ""), text.replace(' ', ""));
            assert!(m.too_wide.is_empty());
        }
    }

    #[test]
    fn hyphenates_when_the_word_does_not_fit() {
        let ls = lines_of("Муниципальная программа образования", 110.0);
        assert!(ls.iter().any(|l| l.ends_with('-')), "{ls:?}");
        for l in &ls {
            assert!(!l.starts_with(' '));
        }
    }

    #[test]
    fn arbitrary_text_never_panics_and_lines_fit() {
        let f = fonts();
        let alphabet: Vec<char> = "аб вгдеёжзий клмн АБВГ ЙЬЪ abc 0123456789 .,;:!?()«»\"'/-–—№§%\u{A0}\n\t\u{301}\u{1F600}ﬁ_"
            .chars()
            .collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..300 {
            let len = (next() % 120) as usize;
            let text: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let width = 10.0 + (next() % 400) as f32;
            let mut m = Missing::default();
            let p = Prepared::new(&[Run::plain(text.as_str())], 12.0, f, &mut m);
            for hyph in [
                HYPH,
                Hyphenation {
                    enabled: true,
                    min_fill: 0.8,
                    max_stretch: Some(1.5),
                    ragged_fit: false,
                },
                Hyphenation {
                    enabled: true,
                    min_fill: 0.8,
                    max_stretch: None,
                    ragged_fit: true,
                },
            ] {
                let ls = break_lines(&p, f, hyph, |_| width, &mut m);
                for l in &ls {
                    assert!(l.start <= l.end && l.end <= p.text.len(), "{text:?}");
                    let single_char = p.text[l.start..l.end].chars().count() <= 1;
                    assert!(
                        l.width <= width + 0.02 || single_char,
                        "{text:?} at {width}: {l:?}"
                    );
                }
            }
        }
    }

    /// Lines of a flush-left table cell (12 pt, as the profiles set
    /// tables), the way `paragraph::layout` breaks them.
    fn cell_lines(text: &str, width: f32) -> Vec<String> {
        let f = fonts();
        let mut m = Missing::default();
        let p = Prepared::new(&[Run::plain(text)], 12.0, f, &mut m);
        let ragged = Hyphenation {
            enabled: true,
            min_fill: 0.8,
            max_stretch: None,
            ragged_fit: true,
        };
        break_lines(&p, f, ragged, |_| width, &mut m)
            .iter()
            .map(|l| {
                let mut s = p.text[l.start..l.end].to_string();
                if l.hyphen {
                    s.push('-');
                }
                s
            })
            .collect()
    }

    fn width12(text: &str) -> f32 {
        let p = Prepared::new(&[Run::plain(text)], 12.0, fonts(), &mut Missing::default());
        p.width(0, p.text.len())
    }

    /// The roadmap's deadline column (15 % of the text width, less the
    /// padding) on a portrait and on a landscape page, and narrower ones.
    const COLUMNS: [f32; 5] = [45.0, 55.0, 68.0, 90.0, 105.0];

    #[test]
    fn glued_phrases_stay_on_one_line_when_they_fit() {
        let phrases = [
            "20 ноября 2024 г.",
            "01.09.2024г.",
            "до 20 ноября 2024 года",
            "№ 45-01",
            "И. И. Кузнецова",
            "Кузнецова И.И.",
            "И.И. Кузнецова",
            "Кузнецова И. И.",
            "2022–2024 гг.",
            "2022 – 2024 гг.",
            "2024 г.",
            "5 %",
            "10 чел.",
            "1 234 567 руб.",
        ];
        for phrase in phrases {
            let f = fonts();
            let mut m = Missing::default();
            // With the comma that follows it in the second text.
            let wide = Prepared::new(&[Run::plain(format!("{phrase},"))], 12.0, f, &mut m);
            let need = wide.width(0, wide.text.len());
            for text in [
                format!("Срок исполнения {phrase} и далее по плану"),
                format!("{phrase}, ответственный Северогорский отдел"),
            ] {
                for w in COLUMNS.iter().copied().filter(|&w| w >= need) {
                    let ls = cell_lines(&text, w);
                    assert!(
                        ls.iter().any(|l| l.contains(phrase)),
                        "«{phrase}» broken at {w} pt: {ls:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_phrase_wider_than_the_line_opens_at_its_loosest_glue() {
        // 12 pt «20 ноября 2024 г.» is about 90 pt wide.
        assert_eq!(
            cell_lines("20 ноября 2024 г.", 60.0),
            vec!["20 ноября", "2024 г."]
        );
        assert_eq!(
            cell_lines("до 20 ноября 2024 года", 70.0),
            vec!["до 20 ноября", "2024 года"]
        );
        // The preposition goes first, then the year.
        assert_eq!(
            cell_lines("Заречного района от 28.08.2024 № 412", 130.0),
            vec!["Заречного района", "от 28.08.2024 № 412"]
        );
        // Initials hold together even when the surname must go.
        assert_eq!(
            cell_lines("И. И. Кузнецова", 60.0),
            vec!["И. И.", "Кузнецова"]
        );
        assert_eq!(cell_lines("2022–2024 гг.", 60.0), vec!["2022–2024", "гг."]);
    }

    #[test]
    fn names_are_not_hyphenated_when_the_line_can_break_elsewhere() {
        let texts = [
            "Управление образования администрации МО «Северогорский район»",
            "Методист Кузнецова Ирина Ивановна, специалист Управления",
            "Конкурс «Педагогический дебют» проводится ежегодно",
        ];
        for text in texts {
            for w in COLUMNS {
                let ls = cell_lines(text, w);
                for (k, l) in ls.iter().enumerate() {
                    if let Some(head) = l.strip_suffix('-') {
                        let word = head.rsplit(' ').next().unwrap();
                        let word = word.trim_start_matches(['«', '(']);
                        let tail = ls[k + 1].split(' ').next().unwrap();
                        let whole = format!("{word}{tail}");
                        if width12(whole.trim_end_matches(['»', ','])) > w {
                            // Wider than the column: it has to be broken.
                            continue;
                        }
                        assert!(
                            !word.starts_with(char::is_uppercase),
                            "capitalised word hyphenated at {w} pt: {l}"
                        );
                        assert!(
                            !["Педаго", "Педа", "деб", "Северо", "Се"]
                                .iter()
                                .any(|p| word.starts_with(p))
                                && !head.contains('«'),
                            "quoted word hyphenated at {w} pt: {l}"
                        );
                    }
                }
            }
        }
        // A name wider than the column is hyphenated rather than cut.
        let ls = cell_lines("Северогорский", 45.0);
        assert!(ls[0].ends_with('-'), "{ls:?}");
        assert_eq!(ls.concat().replace('-', ""), "Северогорский");
    }

    #[test]
    fn a_common_deadline_is_not_hyphenated_where_a_plain_break_reads_well() {
        for w in &COLUMNS[2..] {
            let w = *w;
            for text in [
                "В течение всего периода",
                "В течение всего периода реализации программы",
                "Ежегодно, в течение учебного года",
                "По мере необходимости",
            ] {
                if text.split(' ').any(|word| width12(word) > w) {
                    // A word wider than the column has to be hyphenated.
                    continue;
                }
                let ls = cell_lines(text, w);
                assert!(
                    ls.iter().all(|l| !l.ends_with('-')),
                    "«{text}» at {w} pt: {ls:?}"
                );
            }
        }
        // Hyphenation still helps where a plain break would leave a line
        // nearly empty.
        let ls = cell_lines("до общеобразовательных организаций", 90.0);
        assert!(ls[0].ends_with('-') && ls[0].starts_with("до "), "{ls:?}");
    }

    #[test]
    fn ragged_cells_keep_typed_line_breaks() {
        assert_eq!(
            cell_lines("2025 г.\n2026 г.\n\nежегодно", 200.0),
            vec!["2025 г.", "2026 г.", "", "ежегодно"]
        );
    }

    #[test]
    fn quotes_are_found_in_pairs() {
        let t = "МО «Северогорский «Малый» район» и \"Солнышко\" «открыта";
        let q = quoted_ranges(t);
        let inside = |w: &str| {
            let s = t.find(w).unwrap();
            q.iter().any(|&(a, b)| a < s && s + w.len() <= b)
        };
        assert!(inside("Северогорский") && inside("Малый") && inside("район"));
        assert!(inside("Солнышко"));
        assert!(!inside("МО") && !inside("открыта"));
    }

    #[test]
    fn typed_line_breaks_are_kept() {
        let ls = lines_of("Первая строка\nвторая", 400.0);
        assert_eq!(ls, vec!["Первая строка", "вторая"]);
    }

    #[test]
    fn too_wide_word_is_cut_and_reported() {
        let f = fonts();
        let mut m = Missing::default();
        let p = Prepared::new(
            &[Run::plain("https://example.invalid/very/long/path")],
            14.0,
            f,
            &mut m,
        );
        let ls = break_lines(&p, f, HYPH, |_| 60.0, &mut m);
        assert!(ls.len() > 2);
        assert_eq!(m.too_wide.len(), 1);
        for l in &ls {
            assert!(l.width <= 60.02);
        }
    }

    #[test]
    fn missing_glyphs_are_replaced_and_counted() {
        let f = fonts();
        let mut m = Missing::default();
        let p = Prepared::new(&[Run::plain("знак \u{1F600} и \u{1F600}")], 14.0, f, &mut m);
        // Liberation Serif has no U+FFFD, so the replacement is "?".
        let repl = if f.face(Style::Regular).has('\u{FFFD}') {
            '\u{FFFD}'
        } else {
            '?'
        };
        assert_eq!(p.text, format!("знак {repl} и {repl}"));
        assert_eq!(m.chars.get(&'\u{1F600}'), Some(&(2, repl)));
    }

    #[test]
    fn styles_are_tracked_across_runs() {
        let f = fonts();
        let mut m = Missing::default();
        let p = Prepared::new(
            &[
                Run::plain("обычный "),
                Run::bold("жирный"),
                Run::plain(" снова"),
            ],
            14.0,
            f,
            &mut m,
        );
        let spans: Vec<_> = p.spans_in(0, p.text.len()).collect();
        assert_eq!(spans.len(), 3);
        assert_eq!(spans[1].2, Style::Bold);
        assert_eq!(&p.text[spans[1].0..spans[1].1], "жирный");
        assert!(p.width(spans[1].0, spans[1].1) > 0.0);
    }
}
