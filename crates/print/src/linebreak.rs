//! Measuring styled text and breaking it into lines.
//!
//! Break opportunities come from the Unicode line breaking algorithm
//! (UAX #14), minus the places where Russian office practice forbids a
//! break: after "№", inside dates and year ranges, between initials and the
//! surname, after one-letter prepositions and common abbreviations. Lines
//! are filled greedily (as Word does, which the reader is used to), with
//! Russian hyphenation when the next word does not fit.

use std::collections::BTreeMap;

use unicode_linebreak::{linebreaks, BreakOpportunity};

use crate::doc::{Run, Style};
use crate::fonts::Fonts;
use crate::hyphenate;

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
        Prepared {
            text,
            spans,
            prefix,
            size,
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

const MONTH_STEMS: [&str; 12] = [
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
];

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
    MONTH_STEMS
        .iter()
        .filter(|s| s.len() > "ма".len())
        .any(|s| lower.starts_with(s))
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

/// Whether our rules allow a break before `text[pos..]`, given that Unicode
/// allows one.
fn allowed(text: &str, pos: usize) -> bool {
    let before = text[..pos].trim_end_matches([' ', '\u{A0}']);
    let after = &text[pos..];
    let had_space = before.len() < pos;
    let prev = before.rsplit([' ', '\u{A0}', '\n']).next().unwrap_or("");
    let next = after.split([' ', '\u{A0}', '\n']).next().unwrap_or("");
    if prev.is_empty() || next.is_empty() {
        return true;
    }
    // A dash never starts a line.
    if next.starts_with(is_dash) {
        return false;
    }
    if prev.ends_with('№') || prev.ends_with('§') {
        return false;
    }
    // Year and number ranges: "2021–2024", "2020 – 2024", "5-11".
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
            return false;
        }
    }
    // "п/п", "2023/2024": short tokens around a slash stay whole.
    if prev.ends_with('/') && prev.chars().count() <= 5 && next.chars().count() <= 5 {
        return false;
    }
    if !had_space {
        return true;
    }
    // The blank "от ____________" of a draft reads as one field.
    if prev.to_lowercase() == "от" && next.starts_with('_') {
        return false;
    }
    let prev_core = prev.trim_end_matches([',', ';', ':']);
    // Dates: "3 августа 2012 г.", "от 18 ноября 2013 года".
    if (1..=2).contains(&prev_core.len()) && all_digits(prev_core) && is_month(next) {
        return false;
    }
    if is_month(prev) && leading_digits(next) == 4 && prev_core == prev {
        return false;
    }
    // Digit groups of one number: "1 234 567".
    if prev_core == prev
        && (1..=3).contains(&prev.len())
        && all_digits(prev)
        && leading_digits(next) == 3
    {
        return false;
    }
    if prev.ends_with(|c: char| c.is_ascii_digit()) {
        let n = next.trim_end_matches([',', ';', ':', ')']);
        if matches!(
            n,
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
                | "час."
                | "ч."
        ) {
            return false;
        }
    }
    // Initials and surname: "Н. В. Тураев", "Н.И. Зубилина", "Артамонову Н. В.".
    if is_initial(prev) && starts_upper(next) {
        return false;
    }
    if is_initial(next)
        && starts_upper(prev)
        && prev.chars().count() > 1
        && prev.ends_with(char::is_alphabetic)
    {
        return false;
    }
    // One-letter prepositions and conjunctions stay with the next word.
    if prev.chars().count() == 1 && prev.chars().all(hyphenate::is_cyrillic_letter) {
        return false;
    }
    let lower = prev.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Allowed,
    Mandatory,
    /// Allowed by Unicode but refused by our rules: used only when the
    /// glued phrase is wider than a whole line.
    Weak,
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
            BreakOpportunity::Allowed if allowed(text, pos) => out.push((pos, Op::Allowed)),
            BreakOpportunity::Allowed => out.push((pos, Op::Weak)),
        }
    }
    out.push((text.len(), Op::Mandatory));
    out
}

/// The usable break positions: weak ones are kept only inside a phrase
/// that could not fit on a line of `line_width` anyway.
pub(crate) fn usable_breaks(p: &Prepared, line_width: f32) -> Vec<(usize, bool)> {
    let text = p.text.as_str();
    let ops = opportunities(text);
    let mut out = Vec::with_capacity(ops.len());
    let mut seg_start = 0;
    let mut weak: Vec<usize> = Vec::new();
    for (pos, op) in ops {
        if op == Op::Weak {
            weak.push(pos);
            continue;
        }
        if !weak.is_empty() && p.width(seg_start, content_end(text, seg_start, pos)) > line_width {
            out.extend(weak.iter().map(|&w| (w, false)));
        }
        weak.clear();
        out.push((pos, op == Op::Mandatory));
        seg_start = pos;
    }
    out
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
    if let Some(max) = hyphenation.max_stretch {
        if let Some(lines) = crate::justify::total_fit(p, fonts, hyphenation.enabled, max, &width) {
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
    hyphen_points(&p.text, seg, ce)
        .into_iter()
        .rev()
        .find(|&cut| p.width(line_start, cut) + p.hyphen_width(fonts, cut) <= avail + 0.01)
}

/// Where the word of `text[seg..ce]` may be hyphenated, as byte offsets in
/// `text`, ascending.
pub(crate) fn hyphen_points(text: &str, seg: usize, ce: usize) -> Vec<usize> {
    let segment = &text[seg..ce];
    // The longest run of letters in the segment is the word; punctuation
    // and quotes around it stay attached to their side.
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
    let Some((ws, we)) = best else {
        return Vec::new();
    };
    // A word joined to others by a hyphen ("материально-технической") is
    // hyphenated only inside its own part: the pattern sees that part alone.
    let word = &segment[ws..we];
    // Month names belong to dates, which are never broken.
    if is_month(word) {
        return Vec::new();
    }
    hyphenate::breaks(word)
        .into_iter()
        .map(|b| seg + ws + b)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HYPH: Hyphenation = Hyphenation {
        enabled: true,
        min_fill: 1.0,
        max_stretch: None,
    };

    fn fonts() -> Fonts {
        Fonts::bundled().unwrap()
    }

    fn lines_of(text: &str, width: f32) -> Vec<String> {
        let f = fonts();
        let mut m = Missing::default();
        let p = Prepared::new(&[Run::plain(text)], 14.0, &f, &mut m);
        break_lines(&p, &f, HYPH, |_| width, &mut m)
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
            let ok = op != Op::Weak;
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
        assert!(allowed("слово другое", "слово ".len()));
    }

    #[test]
    fn lines_fit_and_keep_phrases_together() {
        let text = "В соответствии с постановлением администрации Урицкого района от 18 ноября 2013 года № 571 «О муниципальной Программе развития образования Урицкого района» на 2021–2024 годы возложить на заместителя главы Н. В. Тураева.";
        let f = fonts();
        for w in [120.0f32, 160.0, 200.0, 260.0, 330.0, 480.0] {
            let mut m = Missing::default();
            let p = Prepared::new(&[Run::plain(text)], 14.0, &f, &mut m);
            let ls = break_lines(&p, &f, HYPH, |_| w, &mut m);
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
            let p = Prepared::new(&[Run::plain(text.as_str())], 12.0, &f, &mut m);
            for hyph in [
                HYPH,
                Hyphenation {
                    enabled: true,
                    min_fill: 0.8,
                    max_stretch: Some(1.5),
                },
            ] {
                let ls = break_lines(&p, &f, hyph, |_| width, &mut m);
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
            &f,
            &mut m,
        );
        let ls = break_lines(&p, &f, HYPH, |_| 60.0, &mut m);
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
        let p = Prepared::new(
            &[Run::plain("знак \u{1F600} и \u{1F600}")],
            14.0,
            &f,
            &mut m,
        );
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
            &f,
            &mut m,
        );
        let spans: Vec<_> = p.spans_in(0, p.text.len()).collect();
        assert_eq!(spans.len(), 3);
        assert_eq!(spans[1].2, Style::Bold);
        assert_eq!(&p.text[spans[1].0..spans[1].1], "жирный");
        assert!(p.width(spans[1].0, spans[1].1) > 0.0);
    }
}
