//! What changed between two editions of a programme (docs/design.md §4a):
//! element by element, matching elements by their uid, with the changed
//! words of every changed text marked, and each change told in Russian
//! in the programme's own numbering.
//!
//! Only what the approved text says is compared: tracking records, facts
//! and hand-set schedules are the record of the work, not the text an
//! amendment changes, and the approving act is the edition's own act.
//! The document's shape (`layout`) is reported only as "changed", since an
//! amendment act does not list it.

use serde::{Deserialize, Serialize};

use crate::model::{
    Block, Direction, Indicator, Item, PassportRow, Programme, RichText, Section, SectionBlock,
    TextBlock,
};
use crate::Period;

/// Whether a piece of a changed text is in both, only in the new or only
/// in the old text.
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentMark {
    Same,
    Added,
    Removed,
}

/// The name h-editions' tests were written against, before the rename
/// that keeps the generated TypeScript `SegmentMark` apart from the
/// appendix mark.
pub use SegmentMark as Mark;

/// A run of words with one mark. Line breaks are kept as `\n`.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub mark: SegmentMark,
    pub text: String,
}

/// A text before and after, with its words marked: the `same` and `added`
/// segments read in order give the new text, the `same` and `removed`
/// ones the old.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextChange {
    pub old: String,
    pub new: String,
    pub segments: Vec<Segment>,
}

/// Added, removed, or kept with something changed (a kept element that
/// only moved is `modified` with `moved` set and no fields).
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Modified,
}

/// Which field of an element changed.
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Field {
    /// A passport row's label.
    Label,
    /// A passport row's content (as printed), a task's text.
    Content,
    /// A section's or a roadmap block's title.
    Title,
    Activity,
    Deadline,
    Responsible,
    ExpectedResult,
    PlannedValue,
    /// The text of an item's per-year column.
    PerYear {
        year: i32,
    },
    Name,
    Unit,
    Direction,
    /// An indicator's base value with its year.
    Base,
    /// An indicator's planned value for a year.
    Plan {
        year: i32,
    },
    /// The task an indicator measures (by its number).
    Task,
}

impl Field {
    /// The field's name in a sentence: «срок», «план на 2025 г.».
    pub fn name(self) -> String {
        match self {
            Field::Label => "наименование позиции".into(),
            Field::Content => "содержание".into(),
            Field::Title => "наименование".into(),
            Field::Activity => "мероприятие".into(),
            Field::Deadline => "срок".into(),
            Field::Responsible => "ответственные".into(),
            Field::ExpectedResult => "ожидаемый результат".into(),
            Field::PlannedValue => "плановое значение".into(),
            Field::PerYear { year } => format!("{year} г."),
            Field::Name => "наименование".into(),
            Field::Unit => "единица измерения".into(),
            Field::Direction => "направление".into(),
            Field::Base => "базовое значение".into(),
            Field::Plan { year } => format!("план на {year} г."),
            Field::Task => "задача".into(),
        }
    }
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: Field,
    pub text: TextChange,
}

/// Where an element stands in one edition: its index and its number as
/// that edition prints it (empty when it prints unnumbered).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
// find::Place is exported as Place.ts too: without its own name one file
// overwrote the other and the window read the wrong type.
#[ts(rename = "ElementPlace")]
pub struct Place {
    pub index: u32,
    pub number: String,
}

/// A passport row. `new` is the row as the new edition prints it (a row
/// filled from the data carries the data as its content).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowChange {
    pub uid: String,
    pub kind: ChangeKind,
    /// The label in the old edition (the new one for an added row): the
    /// name the amendment act cites.
    pub label: String,
    pub old: Option<Place>,
    pub new: Option<Place>,
    pub moved: bool,
    pub fields: Vec<FieldChange>,
    pub row: Option<PassportRow>,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskChange {
    pub uid: String,
    pub kind: ChangeKind,
    pub text: String,
    pub old: Option<Place>,
    pub new: Option<Place>,
    pub moved: bool,
    pub fields: Vec<FieldChange>,
}

/// A block of a section's body (they have no uid: matched by content).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyChange {
    pub kind: ChangeKind,
    /// Index in the old body (removed, modified).
    pub old_index: Option<u32>,
    /// Index in the new body (added, modified).
    pub new_index: Option<u32>,
    /// «абзац», «таблица», …
    pub what: String,
    pub text: TextChange,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionChange {
    pub uid: String,
    pub kind: ChangeKind,
    /// The title in the old edition (the new one for an added section).
    pub title: String,
    pub old: Option<Place>,
    pub new: Option<Place>,
    pub moved: bool,
    pub fields: Vec<FieldChange>,
    pub body: Vec<BodyChange>,
    /// Whether the section holds the indicator table or the roadmap.
    pub holds_indicators: bool,
    pub holds_roadmap: bool,
    /// The section as the new edition has it (absent when removed).
    pub section: Option<Section>,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorChange {
    pub uid: String,
    pub kind: ChangeKind,
    pub name: String,
    pub old: Option<Place>,
    pub new: Option<Place>,
    pub moved: bool,
    pub fields: Vec<FieldChange>,
    pub indicator: Option<Indicator>,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockChange {
    pub uid: String,
    pub kind: ChangeKind,
    pub title: String,
    pub old: Option<Place>,
    pub new: Option<Place>,
    pub moved: bool,
    pub fields: Vec<FieldChange>,
    /// The block with its items as the new edition has it, tracking left
    /// out (absent when removed).
    pub block: Option<Block>,
}

/// Where an item stands: its block and its place in it.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemPlace {
    pub block_uid: String,
    pub block: u32,
    pub index: u32,
    /// The item's number as that edition prints it («2.3», «5.»; empty
    /// when unnumbered).
    pub number: String,
    /// The block's number («2»; empty when blocks print unnumbered).
    pub block_number: String,
    pub block_title: String,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemChange {
    pub uid: String,
    pub kind: ChangeKind,
    /// The activity in the old edition (the new one for an added item).
    pub activity: String,
    pub old: Option<ItemPlace>,
    pub new: Option<ItemPlace>,
    /// To another block, or to another place among the items that stayed.
    pub moved: bool,
    pub fields: Vec<FieldChange>,
    /// The item as the new edition has it, tracking left out.
    pub item: Option<Item>,
}

#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodChange {
    pub old: Period,
    pub new: Period,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearColumnsChange {
    pub old: Vec<i32>,
    pub new: Vec<i32>,
}

/// Everything that changed from `old` to `new`, part by part, each list
/// in the order of the new edition with removed elements where they
/// stood.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeDiff {
    pub title: Option<TextChange>,
    pub period: Option<PeriodChange>,
    pub passport: Vec<RowChange>,
    pub tasks: Vec<TaskChange>,
    pub sections: Vec<SectionChange>,
    pub indicators: Vec<IndicatorChange>,
    pub year_columns: Option<YearColumnsChange>,
    pub blocks: Vec<BlockChange>,
    pub items: Vec<ItemChange>,
    /// The document's shape (headings, numbering, columns) changed.
    pub layout_changed: bool,
}

// ---------------------------------------------------------------- texts

/// A text's words and line breaks; spacing is not a change (print trims
/// and joins spaces), a line break is (it starts a new paragraph).
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push("\n");
        }
        out.extend(line.split_whitespace());
    }
    out
}

/// Beyond this many cells of the comparison table, the middle of two
/// texts counts as replaced whole: marks stay useful, time stays short.
const MAX_CELLS: usize = 4_000_000;

/// The longest common subsequence of `a` and `b` as pairs of indices.
fn lcs<T: PartialEq>(a: &[T], b: &[T]) -> Vec<(usize, usize)> {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let mut pairs: Vec<(usize, usize)> = (0..pre).map(|i| (i, i)).collect();
    if !ma.is_empty() && !mb.is_empty() && ma.len() * mb.len() <= MAX_CELLS {
        let (n, m) = (ma.len(), mb.len());
        // table[i][j]: the LCS length of ma[i..] and mb[j..].
        let mut table = vec![0u32; (n + 1) * (m + 1)];
        let at = |i: usize, j: usize| i * (m + 1) + j;
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                table[at(i, j)] = if ma[i] == mb[j] {
                    table[at(i + 1, j + 1)] + 1
                } else {
                    table[at(i + 1, j)].max(table[at(i, j + 1)])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n && j < m {
            if ma[i] == mb[j] {
                pairs.push((pre + i, pre + j));
                i += 1;
                j += 1;
            } else if table[at(i + 1, j)] >= table[at(i, j + 1)] {
                i += 1;
            } else {
                j += 1;
            }
        }
    }
    pairs.extend((0..suf).map(|k| (a.len() - suf + k, b.len() - suf + k)));
    pairs
}

fn push_segment(out: &mut Vec<Segment>, mark: SegmentMark, text: &str) {
    match out.last_mut() {
        Some(last) if last.mark == mark => last.text.push_str(text),
        _ => out.push(Segment {
            mark,
            text: text.to_string(),
        }),
    }
}

/// The token with the space that precedes it in its own text.
fn spaced(tokens: &[&str], i: usize) -> String {
    let t = tokens[i];
    if i == 0 || t == "\n" || tokens[i - 1] == "\n" {
        t.to_string()
    } else {
        format!(" {t}")
    }
}

/// The words of `old` and `new` marked, removed words before the added
/// ones that replace them.
pub fn mark_words(old: &str, new: &str) -> Vec<Segment> {
    let (a, b) = (tokens(old), tokens(new));
    let pairs = lcs(&a, &b);
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    for (pi, pj) in pairs.into_iter().chain([(a.len(), b.len())]) {
        while i < pi {
            push_segment(&mut out, SegmentMark::Removed, &spaced(&a, i));
            i += 1;
        }
        while j < pj {
            push_segment(&mut out, SegmentMark::Added, &spaced(&b, j));
            j += 1;
        }
        if pi < a.len() {
            push_segment(&mut out, SegmentMark::Same, &spaced(&b, pj));
            i += 1;
            j += 1;
        }
    }
    out
}

impl TextChange {
    /// The change from `old` to `new`, or `None` when they print the same.
    pub fn between(old: &str, new: &str) -> Option<TextChange> {
        if tokens(old) == tokens(new) {
            return None;
        }
        Some(TextChange {
            old: old.trim().to_string(),
            new: new.trim().to_string(),
            segments: mark_words(old, new),
        })
    }

    /// The change in a few words: the whole texts when they are short,
    /// else each changed place with what it was and what it became.
    pub fn brief(&self) -> String {
        const SHORT: usize = 90;
        let one_line = |s: &str| s.replace('\n', " / ");
        if self.old.is_empty() {
            return format!("добавлено «{}»", clip(&one_line(&self.new)));
        }
        if self.new.is_empty() {
            return format!("удалено «{}»", clip(&one_line(&self.old)));
        }
        if self.old.chars().count() <= SHORT && self.new.chars().count() <= SHORT {
            return format!("«{}» → «{}»", one_line(&self.old), one_line(&self.new));
        }
        // A text mostly rewritten reads better as before and after than
        // as scattered pieces.
        let words = |s: &str| s.split_whitespace().count();
        let same: usize = self
            .segments
            .iter()
            .filter(|s| s.mark == SegmentMark::Same)
            .map(|s| words(&s.text))
            .sum();
        if same * 2 < words(&self.old).max(words(&self.new)) {
            return format!(
                "«{}» → «{}»",
                clip(&one_line(&self.old)),
                clip(&one_line(&self.new))
            );
        }
        let mut parts = Vec::new();
        let mut removed = String::new();
        let mut added = String::new();
        let flush = |removed: &mut String, added: &mut String, parts: &mut Vec<String>| {
            let (r, a) = (one_line(removed.trim()), one_line(added.trim()));
            match (r.is_empty(), a.is_empty()) {
                (true, true) => {}
                (false, true) => parts.push(format!("удалено «{}»", clip(&r))),
                (true, false) => parts.push(format!("добавлено «{}»", clip(&a))),
                (false, false) => parts.push(format!("«{}» → «{}»", clip(&r), clip(&a))),
            }
            removed.clear();
            added.clear();
        };
        for s in &self.segments {
            match s.mark {
                SegmentMark::Same => flush(&mut removed, &mut added, &mut parts),
                SegmentMark::Removed => removed.push_str(&s.text),
                SegmentMark::Added => added.push_str(&s.text),
            }
        }
        flush(&mut removed, &mut added, &mut parts);
        parts.join("; ")
    }
}

/// A text cut to a length a line of `metodist diff` can hold.
fn clip(s: &str) -> String {
    const MAX: usize = 80;
    let s = s.trim();
    if s.chars().count() <= MAX {
        return s.to_string();
    }
    let cut: String = s.chars().take(MAX).collect();
    format!("{}…", cut.trim_end())
}

/// A rich text as lines: paragraphs, then list items with their labels.
pub fn rich_lines(text: &RichText) -> String {
    let mut out = Vec::new();
    for b in text {
        match b {
            TextBlock::Paragraph { text } => out.push(text.trim().to_string()),
            TextBlock::Numbered { items } => out.extend(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, t)| format!("{}. {}", i + 1, t.trim())),
            ),
            TextBlock::Bulleted { items } => {
                out.extend(items.iter().map(|t| format!("– {}", t.trim())))
            }
        }
    }
    out.join("\n")
}

fn field(out: &mut Vec<FieldChange>, field: Field, old: &str, new: &str) {
    if let Some(text) = TextChange::between(old, new) {
        out.push(FieldChange { field, text });
    }
}

/// A number with a decimal comma, as the print writes it.
pub fn number_ru(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let rounded = (v * 1e6).round() / 1e6;
    let s = format!("{rounded}");
    let s = if s == "-0" { "0".to_string() } else { s };
    s.replace('.', ",")
}

fn opt_number(v: Option<f64>) -> String {
    v.map(number_ru).unwrap_or_default()
}

// ------------------------------------------------------------- matching

/// How two lists of elements with uids correspond: for every element of
/// either list, its index in the old and in the new list, in the order of
/// the new list with removed elements where they stood, and whether a
/// kept element moved among the kept ones.
struct Matched {
    old: Option<usize>,
    new: Option<usize>,
    moved: bool,
}

/// The elements of `new` (the same distinct elements as `old`, perhaps
/// reordered) that keep their order: the longest increasing run of their
/// old places, in O(n log n) so a long roadmap compares quickly whatever
/// moved.
fn in_order<T: Eq + std::hash::Hash + Copy>(old: &[T], new: &[T]) -> std::collections::HashSet<T> {
    let at: std::collections::HashMap<T, usize> =
        old.iter().enumerate().map(|(i, u)| (*u, i)).collect();
    let places: Vec<usize> = new.iter().filter_map(|u| at.get(u).copied()).collect();
    // tails[k]: index into `places` of the smallest tail of a run of k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; places.len()];
    for (i, &p) in places.iter().enumerate() {
        let k = tails.partition_point(|&t| places[t] < p);
        before[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut out = std::collections::HashSet::new();
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        out.insert(old[places[i]]);
        cur = before[i];
    }
    out
}

fn match_uids(old: &[&str], new: &[&str]) -> Vec<Matched> {
    let in_new: std::collections::HashMap<&str, usize> =
        new.iter().enumerate().map(|(i, u)| (*u, i)).collect();
    let in_old: std::collections::HashMap<&str, usize> =
        old.iter().enumerate().map(|(i, u)| (*u, i)).collect();
    // The kept elements in old order and in new order; those outside
    // their longest common subsequence are the ones that moved.
    let kept_old: Vec<&str> = old
        .iter()
        .copied()
        .filter(|u| in_new.contains_key(u))
        .collect();
    let kept_new: Vec<&str> = new
        .iter()
        .copied()
        .filter(|u| in_old.contains_key(u))
        .collect();
    let stayed = in_order(&kept_old, &kept_new);
    let mut out = Vec::new();
    let mut oi = 0;
    for (ni, u) in new.iter().enumerate() {
        // Removed elements that stood before this one's old place.
        if let Some(&o) = in_old.get(u) {
            while oi < o {
                if !in_new.contains_key(old[oi]) {
                    out.push(Matched {
                        old: Some(oi),
                        new: None,
                        moved: false,
                    });
                }
                oi += 1;
            }
            oi = oi.max(o + 1);
            out.push(Matched {
                old: Some(o),
                new: Some(ni),
                moved: !stayed.contains(u),
            });
        } else {
            out.push(Matched {
                old: None,
                new: Some(ni),
                moved: false,
            });
        }
    }
    while oi < old.len() {
        if !in_new.contains_key(old[oi]) {
            out.push(Matched {
                old: Some(oi),
                new: None,
                moved: false,
            });
        }
        oi += 1;
    }
    out
}

fn uids_of<T>(v: &[T], uid: fn(&T) -> &String) -> Vec<&str> {
    v.iter().map(|x| uid(x).as_str()).collect()
}

fn kind_of(m: &Matched) -> ChangeKind {
    match (m.old, m.new) {
        (None, _) => ChangeKind::Added,
        (_, None) => ChangeKind::Removed,
        _ => ChangeKind::Modified,
    }
}

fn place(index: usize, number: String) -> Place {
    Place {
        index: index as u32,
        number,
    }
}

// ---------------------------------------------------------------- parts

fn passport(old: &Programme, new: &Programme) -> Vec<RowChange> {
    let shown = |p: &Programme, r: &PassportRow| rich_lines(&crate::passport::shown(p, r));
    let mut out = Vec::new();
    for m in match_uids(
        &uids_of(&old.passport, |x| &x.uid),
        &uids_of(&new.passport, |x| &x.uid),
    ) {
        let o = m.old.map(|i| &old.passport[i]);
        let n = m.new.map(|i| &new.passport[i]);
        let mut fields = Vec::new();
        if let (Some(o), Some(n)) = (o, n) {
            field(&mut fields, Field::Label, &o.label, &n.label);
            // What prints: a row filled from the data changes with the data.
            let (os, ns) = (shown(old, o), shown(new, n));
            let sub = |p: &PassportRow| {
                p.subrows
                    .iter()
                    .map(rich_lines)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            let (os, ns) = (
                [os, sub(o)].join("\n").trim().to_string(),
                [ns, sub(n)].join("\n").trim().to_string(),
            );
            field(&mut fields, Field::Content, &os, &ns);
            if fields.is_empty() && !m.moved {
                continue;
            }
        }
        let row = n.map(|r| {
            let mut r = r.clone();
            r.content = crate::passport::shown(new, &r).into_owned();
            r.from_data = false;
            r
        });
        out.push(RowChange {
            uid: o.or(n).map(|r| r.uid.clone()).unwrap_or_default(),
            kind: kind_of(&m),
            label: o
                .or(n)
                .map(|r| r.label.trim().to_string())
                .unwrap_or_default(),
            old: m.old.map(|i| place(i, (i + 1).to_string())),
            new: m.new.map(|i| place(i, (i + 1).to_string())),
            moved: m.moved,
            fields,
            row,
        });
    }
    out
}

fn tasks(old: &Programme, new: &Programme) -> Vec<TaskChange> {
    let mut out = Vec::new();
    for m in match_uids(
        &uids_of(&old.tasks, |x| &x.uid),
        &uids_of(&new.tasks, |x| &x.uid),
    ) {
        let o = m.old.map(|i| &old.tasks[i]);
        let n = m.new.map(|i| &new.tasks[i]);
        let mut fields = Vec::new();
        if let (Some(o), Some(n)) = (o, n) {
            field(&mut fields, Field::Content, &o.text, &n.text);
            if fields.is_empty() && !m.moved {
                continue;
            }
        }
        let t = o.or(n).expect("one side exists");
        out.push(TaskChange {
            uid: t.uid.clone(),
            kind: kind_of(&m),
            text: t.text.trim().to_string(),
            old: m.old.map(|i| place(i, (i + 1).to_string())),
            new: m.new.map(|i| place(i, (i + 1).to_string())),
            moved: m.moved,
            fields,
        });
    }
    out
}

/// What a section body block is called and what it says, as lines.
fn body_text(b: &SectionBlock) -> (&'static str, String) {
    match b {
        SectionBlock::Paragraph { text } => ("абзац", text.trim().to_string()),
        SectionBlock::Numbered { items } => ("нумерованный список", items.join("\n")),
        SectionBlock::Bulleted { items } => ("список", items.join("\n")),
        SectionBlock::Table { columns, rows } => (
            "таблица",
            std::iter::once(columns)
                .chain(rows)
                .map(|r| r.join(" | "))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        SectionBlock::Risks { rows, .. } => (
            "таблица рисков",
            rows.iter()
                .map(|r| {
                    [r.stage.trim(), r.risk.trim(), r.mitigation.trim()]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" | ")
                })
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        SectionBlock::Swot {
            strengths,
            weaknesses,
            opportunities,
            threats,
        } => (
            "SWOT-анализ",
            [strengths, weaknesses, opportunities, threats]
                .iter()
                .map(|l| l.join("; "))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        SectionBlock::Indicators => ("таблица показателей", String::new()),
        SectionBlock::Roadmap => ("план мероприятий", String::new()),
    }
}

/// The body blocks that changed: the unchanged ones matched as a common
/// subsequence, and between two matched ones a removed block facing an
/// added one of the same kind counts as that block changed.
fn body(old: &[SectionBlock], new: &[SectionBlock]) -> Vec<BodyChange> {
    let pairs = lcs(old, new);
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    for (pi, pj) in pairs.into_iter().chain([(old.len(), new.len())]) {
        let removed: Vec<usize> = (i..pi).collect();
        let added: Vec<usize> = (j..pj).collect();
        let mut k = 0;
        while k < removed.len() || k < added.len() {
            match (removed.get(k), added.get(k)) {
                (Some(&r), Some(&a))
                    if std::mem::discriminant(&old[r]) == std::mem::discriminant(&new[a]) =>
                {
                    let (what, ot) = body_text(&old[r]);
                    let (_, nt) = body_text(&new[a]);
                    let text = TextChange::between(&ot, &nt).unwrap_or(TextChange {
                        old: ot,
                        new: nt,
                        segments: Vec::new(),
                    });
                    out.push(BodyChange {
                        kind: ChangeKind::Modified,
                        old_index: Some(r as u32),
                        new_index: Some(a as u32),
                        what: what.into(),
                        text,
                    });
                }
                (r, a) => {
                    if let Some(&r) = r {
                        let (what, ot) = body_text(&old[r]);
                        out.push(BodyChange {
                            kind: ChangeKind::Removed,
                            old_index: Some(r as u32),
                            new_index: None,
                            what: what.into(),
                            text: TextChange {
                                segments: mark_words(&ot, ""),
                                old: ot,
                                new: String::new(),
                            },
                        });
                    }
                    if let Some(&a) = a {
                        let (what, nt) = body_text(&new[a]);
                        out.push(BodyChange {
                            kind: ChangeKind::Added,
                            old_index: None,
                            new_index: Some(a as u32),
                            what: what.into(),
                            text: TextChange {
                                segments: mark_words("", &nt),
                                old: String::new(),
                                new: nt,
                            },
                        });
                    }
                }
            }
            k += 1;
        }
        i = pi + 1;
        j = pj + 1;
    }
    out
}

fn sections(old: &Programme, new: &Programme) -> Vec<SectionChange> {
    let (on, nn) = (old.heading_numbers(), new.heading_numbers());
    let mut out = Vec::new();
    for m in match_uids(
        &uids_of(&old.sections, |x| &x.uid),
        &uids_of(&new.sections, |x| &x.uid),
    ) {
        let o = m.old.map(|i| &old.sections[i]);
        let n = m.new.map(|i| &new.sections[i]);
        let mut fields = Vec::new();
        let mut changes = Vec::new();
        if let (Some(o), Some(n)) = (o, n) {
            field(&mut fields, Field::Title, &o.title, &n.title);
            changes = body(&o.body, &n.body);
            if fields.is_empty() && changes.is_empty() && !m.moved {
                continue;
            }
        }
        let s = o.or(n).expect("one side exists");
        let holds = |b: &SectionBlock| n.or(o).is_some_and(|s| s.body.contains(b));
        out.push(SectionChange {
            uid: s.uid.clone(),
            kind: kind_of(&m),
            title: s.title.trim().to_string(),
            old: m.old.map(|i| place(i, on.sections[i].clone())),
            new: m.new.map(|i| place(i, nn.sections[i].clone())),
            moved: m.moved,
            fields,
            body: changes,
            holds_indicators: holds(&SectionBlock::Indicators),
            holds_roadmap: holds(&SectionBlock::Roadmap),
            section: n.cloned(),
        });
    }
    out
}

fn base_text(i: &Indicator) -> String {
    match (i.base_value, i.base_year) {
        (Some(v), Some(y)) => format!("{} ({y} г.)", number_ru(v)),
        (Some(v), None) => number_ru(v),
        (None, Some(y)) => format!("({y} г.)"),
        (None, None) => String::new(),
    }
}

fn direction_text(d: Direction) -> &'static str {
    match d {
        Direction::Increase => "больше — лучше",
        Direction::Decrease => "меньше — лучше",
    }
}

fn indicators(old: &Programme, new: &Programme) -> Vec<IndicatorChange> {
    let task_number = |p: &Programme, uid: &Option<String>| {
        uid.as_ref()
            .and_then(|u| p.tasks.iter().position(|t| &t.uid == u))
            .map(|i| format!("задача {}", i + 1))
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for m in match_uids(
        &uids_of(&old.indicators, |x| &x.uid),
        &uids_of(&new.indicators, |x| &x.uid),
    ) {
        let o = m.old.map(|i| &old.indicators[i]);
        let n = m.new.map(|i| &new.indicators[i]);
        let mut fields = Vec::new();
        if let (Some(o), Some(n)) = (o, n) {
            field(&mut fields, Field::Name, &o.name, &n.name);
            field(&mut fields, Field::Unit, &o.unit, &n.unit);
            field(
                &mut fields,
                Field::Direction,
                direction_text(o.direction),
                direction_text(n.direction),
            );
            field(&mut fields, Field::Base, &base_text(o), &base_text(n));
            let mut years: Vec<i32> = o.values.iter().chain(&n.values).map(|v| v.year).collect();
            years.sort_unstable();
            years.dedup();
            let plan = |i: &Indicator, y: i32| {
                opt_number(i.values.iter().find(|v| v.year == y).and_then(|v| v.plan))
            };
            for y in years {
                field(
                    &mut fields,
                    Field::Plan { year: y },
                    &plan(o, y),
                    &plan(n, y),
                );
            }
            field(
                &mut fields,
                Field::Task,
                &task_number(old, &o.task),
                &task_number(new, &n.task),
            );
            if fields.is_empty() && !m.moved {
                continue;
            }
        }
        let ind = o.or(n).expect("one side exists");
        out.push(IndicatorChange {
            uid: ind.uid.clone(),
            kind: kind_of(&m),
            name: ind.name.trim().to_string(),
            old: m.old.map(|i| place(i, (i + 1).to_string())),
            new: m.new.map(|i| place(i, (i + 1).to_string())),
            moved: m.moved,
            fields,
            indicator: n.cloned(),
        });
    }
    out
}

fn untracked(item: &Item) -> Item {
    Item {
        tracking: Vec::new(),
        ..item.clone()
    }
}

fn blocks(old: &Programme, new: &Programme) -> Vec<BlockChange> {
    let mut out = Vec::new();
    for m in match_uids(
        &uids_of(&old.roadmap.blocks, |x| &x.uid),
        &uids_of(&new.roadmap.blocks, |x| &x.uid),
    ) {
        let o = m.old.map(|i| &old.roadmap.blocks[i]);
        let n = m.new.map(|i| &new.roadmap.blocks[i]);
        let mut fields = Vec::new();
        if let (Some(o), Some(n)) = (o, n) {
            field(&mut fields, Field::Title, &o.title, &n.title);
            if fields.is_empty() && !m.moved {
                continue;
            }
        }
        let b = o.or(n).expect("one side exists");
        out.push(BlockChange {
            uid: b.uid.clone(),
            kind: kind_of(&m),
            title: b.title.trim().to_string(),
            old: m.old.map(|i| place(i, old.block_number(i))),
            new: m.new.map(|i| place(i, new.block_number(i))),
            moved: m.moved,
            fields,
            block: n.map(|b| Block {
                items: b.items.iter().map(untracked).collect(),
                ..b.clone()
            }),
        });
    }
    out
}

/// Every item with its place, in printing order.
fn item_places(p: &Programme) -> Vec<(ItemPlace, &Item)> {
    p.roadmap
        .blocks
        .iter()
        .enumerate()
        .flat_map(|(b, block)| {
            block.items.iter().enumerate().map(move |(i, item)| {
                (
                    ItemPlace {
                        block_uid: block.uid.clone(),
                        block: b as u32,
                        index: i as u32,
                        number: p.item_number(b, i),
                        block_number: p.block_number(b),
                        block_title: block.title.trim().to_string(),
                    },
                    item,
                )
            })
        })
        .collect()
}

fn item_fields(o: &Item, n: &Item) -> Vec<FieldChange> {
    let mut fields = Vec::new();
    field(&mut fields, Field::Activity, &o.activity, &n.activity);
    field(&mut fields, Field::Deadline, &o.deadline, &n.deadline);
    field(
        &mut fields,
        Field::Responsible,
        &o.responsible,
        &n.responsible,
    );
    field(
        &mut fields,
        Field::ExpectedResult,
        &o.expected_result,
        &n.expected_result,
    );
    field(
        &mut fields,
        Field::PlannedValue,
        &o.planned_value,
        &n.planned_value,
    );
    let mut years: Vec<i32> = o
        .per_year
        .iter()
        .chain(&n.per_year)
        .map(|t| t.year)
        .collect();
    years.sort_unstable();
    years.dedup();
    let text = |i: &Item, y: i32| {
        i.per_year
            .iter()
            .find(|t| t.year == y)
            .map(|t| t.text.clone())
            .unwrap_or_default()
    };
    for y in years {
        field(
            &mut fields,
            Field::PerYear { year: y },
            &text(o, y),
            &text(n, y),
        );
    }
    fields
}

fn items(old: &Programme, new: &Programme) -> Vec<ItemChange> {
    let (op, np) = (item_places(old), item_places(new));
    let (ou, nu) = (uids_of(&op, |(_, i)| &i.uid), uids_of(&np, |(_, i)| &i.uid));
    // Moves are judged block by block: an item moved to another block
    // moved; within a block, an item outside the common order of the
    // items that stayed in it moved. Numbers shifting because an item was
    // added before it are not a move.
    let mut moved_within = std::collections::HashSet::new();
    for block in &new.roadmap.blocks {
        let in_block = |v: &[(ItemPlace, &Item)]| -> Vec<String> {
            v.iter()
                .filter(|(pl, _)| pl.block_uid == block.uid)
                .map(|(_, i)| i.uid.clone())
                .collect()
        };
        let (ob, nb) = (in_block(&op), in_block(&np));
        let kept_old: Vec<&String> = ob.iter().filter(|u| nb.contains(u)).collect();
        let kept_new: Vec<&String> = nb.iter().filter(|u| ob.contains(u)).collect();
        let stayed = in_order(&kept_old, &kept_new);
        moved_within.extend(
            kept_new
                .into_iter()
                .filter(|u| !stayed.contains(u))
                .cloned(),
        );
    }
    let mut out = Vec::new();
    for m in match_uids(&ou, &nu) {
        let o = m.old.map(|i| &op[i]);
        let n = m.new.map(|i| &np[i]);
        let mut fields = Vec::new();
        let mut moved = false;
        if let (Some((opl, oi)), Some((npl, ni))) = (o, n) {
            fields = item_fields(oi, ni);
            moved = opl.block_uid != npl.block_uid || moved_within.contains(&ni.uid);
            if fields.is_empty() && !moved {
                continue;
            }
        }
        let it = o.or(n).map(|(_, i)| *i).expect("one side exists");
        out.push(ItemChange {
            uid: it.uid.clone(),
            kind: kind_of(&m),
            activity: it.activity.trim().to_string(),
            old: o.map(|(pl, _)| pl.clone()),
            new: n.map(|(pl, _)| pl.clone()),
            moved,
            fields,
            item: n.map(|(_, i)| untracked(i)),
        });
    }
    out
}

/// What changed from `old` to `new`.
pub fn compare(old: &Programme, new: &Programme) -> ProgrammeDiff {
    ProgrammeDiff {
        title: TextChange::between(&old.title, &new.title),
        period: (old.period != new.period).then_some(PeriodChange {
            old: old.period,
            new: new.period,
        }),
        passport: passport(old, new),
        tasks: tasks(old, new),
        sections: sections(old, new),
        indicators: indicators(old, new),
        year_columns: (old.roadmap.year_columns != new.roadmap.year_columns).then(|| {
            YearColumnsChange {
                old: old.roadmap.year_columns.clone(),
                new: new.roadmap.year_columns.clone(),
            }
        }),
        blocks: blocks(old, new),
        items: items(old, new),
        layout_changed: old.layout != new.layout,
    }
}

// ------------------------------------------------------------ in words

/// «Раздел II «…»» from a heading number as the programme prints it
/// («II.», «Раздел 2.», «2.», or none).
pub fn section_name(number: &str, title: &str) -> String {
    let n = number.trim().trim_end_matches('.');
    let title = clip(&title.replace('\n', " "));
    let title = title.trim();
    match (n.is_empty(), n.starts_with("Раздел")) {
        (true, _) => format!("раздел «{title}»"),
        (false, true) => format!("{} «{title}»", lower_first(n)),
        (false, false) => format!("раздел {n} «{title}»"),
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

pub fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// «пункт 2.3 «…»», or «мероприятие «…»» when items print unnumbered.
pub fn item_name(number: &str, activity: &str) -> String {
    let n = number.trim().trim_end_matches('.');
    let a = clip(&activity.replace('\n', " "));
    if n.is_empty() {
        format!("мероприятие «{a}»")
    } else {
        format!("пункт {n} «{a}»")
    }
}

/// «блок 2 «…»» of the roadmap.
fn block_name(number: &str, title: &str) -> String {
    let t = clip(title);
    match number.trim() {
        "" => format!("блок плана «{t}»"),
        n => format!("блок плана {n} «{t}»"),
    }
}

fn fields_text(fields: &[FieldChange]) -> String {
    fields
        .iter()
        .map(|f| format!("{} {}", f.field.name(), f.text.brief()))
        .collect::<Vec<_>>()
        .join("; ")
}

fn period_text(p: &Period) -> String {
    format!(
        "{:02}.{} – {:02}.{}",
        p.start.month(),
        p.start.year(),
        p.end.month(),
        p.end.year()
    )
}

/// A change to an element of a numbered list (a passport row, a task, an
/// indicator, a block of the plan) as `describe` tells it: the element
/// added or removed, or kept and moved and/or with its fields changed.
/// What differs by the kind of element is only how it is named.
trait ListedChange {
    fn kind(&self) -> ChangeKind;
    fn old_place(&self) -> Option<&Place>;
    fn new_place(&self) -> Option<&Place>;
    fn moved(&self) -> bool;
    fn fields(&self) -> &[FieldChange];
    /// «Добавлена задача 3 «…»», from the new number.
    fn added(&self, number: &str) -> String;
    /// «Исключена задача 3 «…»», from the old number.
    fn removed(&self, number: &str) -> String;
    /// What a line about a kept element starts with («Задача 3»), from the
    /// old number.
    fn kept(&self, number: &str) -> String;
    /// «перемещена, теперь задача 1», from the new number.
    fn moved_to(&self, number: &str) -> String;
}

fn describe_element(c: &impl ListedChange) -> String {
    let number = |p: Option<&Place>| p.map(|p| p.number.clone()).unwrap_or_default();
    match (c.kind(), c.old_place(), c.new_place()) {
        (ChangeKind::Added, _, Some(n)) => c.added(&n.number),
        (ChangeKind::Removed, Some(o), _) => c.removed(&o.number),
        (_, o, n) => {
            let mut parts = Vec::new();
            if c.moved() {
                parts.push(c.moved_to(&number(n)));
            }
            if !c.fields().is_empty() {
                parts.push(fields_text(c.fields()));
            }
            format!("{}: {}", c.kept(&number(o)), parts.join("; "))
        }
    }
}

/// The accessors of a change struct with `kind`, `old`, `new`, `moved`
/// and `fields`.
macro_rules! listed_fields {
    () => {
        fn kind(&self) -> ChangeKind {
            self.kind
        }
        fn old_place(&self) -> Option<&Place> {
            self.old.as_ref()
        }
        fn new_place(&self) -> Option<&Place> {
            self.new.as_ref()
        }
        fn moved(&self) -> bool {
            self.moved
        }
        fn fields(&self) -> &[FieldChange] {
            &self.fields
        }
    };
}

impl RowChange {
    fn name(&self) -> String {
        format!("Позиция паспорта «{}»", clip(&self.label))
    }
}

impl ListedChange for RowChange {
    listed_fields!();
    fn added(&self, _: &str) -> String {
        format!("{} добавлена", self.name())
    }
    fn removed(&self, _: &str) -> String {
        format!("{} исключена", self.name())
    }
    fn kept(&self, _: &str) -> String {
        self.name()
    }
    fn moved_to(&self, number: &str) -> String {
        format!("перемещена на место {number}")
    }
}

impl ListedChange for TaskChange {
    listed_fields!();
    fn added(&self, number: &str) -> String {
        format!("Добавлена задача {number} «{}»", clip(&self.text))
    }
    fn removed(&self, number: &str) -> String {
        format!("Исключена задача {number} «{}»", clip(&self.text))
    }
    fn kept(&self, number: &str) -> String {
        format!("Задача {number}")
    }
    fn moved_to(&self, number: &str) -> String {
        format!("перемещена, теперь задача {number}")
    }
}

impl ListedChange for IndicatorChange {
    listed_fields!();
    fn added(&self, number: &str) -> String {
        format!("Добавлен показатель {number} «{}»", clip(&self.name))
    }
    fn removed(&self, number: &str) -> String {
        format!("Исключён показатель {number} «{}»", clip(&self.name))
    }
    fn kept(&self, number: &str) -> String {
        format!("Показатель {number} «{}»", clip(&self.name))
    }
    fn moved_to(&self, number: &str) -> String {
        format!("перемещён, теперь {number}")
    }
}

impl ListedChange for BlockChange {
    listed_fields!();
    fn added(&self, number: &str) -> String {
        format!("Добавлен {}", block_name(number, &self.title))
    }
    fn removed(&self, number: &str) -> String {
        format!("Исключён {}", block_name(number, &self.title))
    }
    fn kept(&self, number: &str) -> String {
        upper_first(&block_name(number, &self.title))
    }
    fn moved_to(&self, number: &str) -> String {
        format!("перемещён, теперь {number}")
    }
}

impl ProgrammeDiff {
    /// Nothing changed that the text of the programme says.
    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.period.is_none()
            && self.passport.is_empty()
            && self.tasks.is_empty()
            && self.sections.is_empty()
            && self.indicators.is_empty()
            && self.year_columns.is_none()
            && self.blocks.is_empty()
            && self.items.is_empty()
            && !self.layout_changed
    }

    /// Each change as one line in Russian, in the programme's own
    /// numbering: an element kept or removed by its number in the old
    /// edition, an added one by its number in the new.
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(t) = &self.title {
            out.push(format!("Наименование программы: {}", t.brief()));
        }
        if let Some(p) = &self.period {
            out.push(format!(
                "Период реализации: {} → {}",
                period_text(&p.old),
                period_text(&p.new)
            ));
        }
        out.extend(self.passport.iter().map(describe_element));
        out.extend(self.tasks.iter().map(describe_element));
        for s in &self.sections {
            match s.kind {
                ChangeKind::Added => {
                    let n = s.new.as_ref().map(|p| p.number.as_str()).unwrap_or("");
                    out.push(format!("Добавлен {}", section_name(n, &s.title)));
                }
                ChangeKind::Removed => {
                    let n = s.old.as_ref().map(|p| p.number.as_str()).unwrap_or("");
                    out.push(format!("Исключён {}", section_name(n, &s.title)));
                }
                ChangeKind::Modified => {
                    let n = s.old.as_ref().map(|p| p.number.as_str()).unwrap_or("");
                    let name = upper_first(&section_name(n, &s.title));
                    if s.moved {
                        let to = s.new.as_ref().map(|p| p.number.as_str()).unwrap_or("");
                        out.push(format!(
                            "{name}: перемещён, теперь {}",
                            to.trim_end_matches('.')
                        ));
                    }
                    if !s.fields.is_empty() {
                        out.push(format!("{name}: {}", fields_text(&s.fields)));
                    }
                    for b in &s.body {
                        let at = |i: Option<u32>| i.map(|i| i + 1).unwrap_or(0);
                        out.push(match b.kind {
                            ChangeKind::Added => format!(
                                "{name}: добавлен блок {} ({}) «{}»",
                                at(b.new_index),
                                b.what,
                                clip(&b.text.new.replace('\n', " / "))
                            ),
                            ChangeKind::Removed => format!(
                                "{name}: исключён блок {} ({}) «{}»",
                                at(b.old_index),
                                b.what,
                                clip(&b.text.old.replace('\n', " / "))
                            ),
                            ChangeKind::Modified => format!(
                                "{name}: блок {} ({}): {}",
                                at(b.old_index),
                                b.what,
                                b.text.brief()
                            ),
                        });
                    }
                }
            }
        }
        out.extend(self.indicators.iter().map(describe_element));
        if let Some(y) = &self.year_columns {
            let years = |v: &[i32]| {
                if v.is_empty() {
                    "нет".to_string()
                } else {
                    v.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")
                }
            };
            out.push(format!(
                "Столбцы плана мероприятий по годам: {} → {}",
                years(&y.old),
                years(&y.new)
            ));
        }
        out.extend(self.blocks.iter().map(describe_element));
        for it in &self.items {
            out.push(match (it.kind, &it.old, &it.new) {
                (ChangeKind::Added, _, Some(n)) => {
                    format!("Добавлен {}", item_name(&n.number, &it.activity))
                }
                (ChangeKind::Removed, Some(o), _) => {
                    format!("Исключён {}", item_name(&o.number, &it.activity))
                }
                (_, Some(o), Some(n)) => {
                    let mut parts = Vec::new();
                    if it.moved {
                        let to = if o.block_uid != n.block_uid {
                            format!(
                                "перенесён в {}",
                                block_name(&n.block_number, &n.block_title)
                            )
                        } else {
                            "перемещён".to_string()
                        };
                        match n.number.trim_end_matches('.') {
                            "" => parts.push(to),
                            num => parts.push(format!("{to}, теперь {num}")),
                        }
                    }
                    if !it.fields.is_empty() {
                        parts.push(fields_text(&it.fields));
                    }
                    format!(
                        "{}: {}",
                        upper_first(&item_name(&o.number, &it.activity)),
                        parts.join("; ")
                    )
                }
                _ => continue,
            });
        }
        if self.layout_changed {
            out.push("Изменено оформление документа (заголовки, нумерация, столбцы)".into());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PassportKey, YearValue};

    fn programme() -> Programme {
        crate::generate::programme(36, 3)
    }

    fn text_of(segments: &[Segment], keep: SegmentMark) -> String {
        segments
            .iter()
            .filter(|s| s.mark == SegmentMark::Same || s.mark == keep)
            .map(|s| s.text.as_str())
            .collect()
    }

    #[test]
    fn an_identical_programme_has_no_changes() {
        let p = programme();
        let d = compare(&p, &p.clone());
        assert!(d.is_empty(), "{d:?}");
        assert!(d.describe().is_empty());
        // Tracking records and facts are not the text of the programme.
        let mut q = p.clone();
        q.indicators[0].values[0].fact = Some(99.0);
        q.roadmap.blocks[0].items[0].tracking.clear();
        q.roadmap.blocks[0].items[0].activity = format!(
            "  {}  ",
            q.roadmap.blocks[0].items[0].activity.replace(' ', "  ")
        );
        assert!(compare(&p, &q).is_empty(), "{:?}", compare(&p, &q));
    }

    #[test]
    fn changed_words_are_marked_and_rebuild_both_texts() {
        let s = mark_words("до 01.03.2025 года", "до 01.06.2025 года");
        assert_eq!(
            s,
            vec![
                Segment {
                    mark: SegmentMark::Same,
                    text: "до".into()
                },
                Segment {
                    mark: SegmentMark::Removed,
                    text: " 01.03.2025".into()
                },
                Segment {
                    mark: SegmentMark::Added,
                    text: " 01.06.2025".into()
                },
                Segment {
                    mark: SegmentMark::Same,
                    text: " года".into()
                },
            ]
        );
        let (old, new) = (
            "Отдел образования,\nруководители ОО",
            "Отдел образования, ИМЦ,\nруководители ОО школ",
        );
        let s = mark_words(old, new);
        assert_eq!(text_of(&s, SegmentMark::Added), new);
        assert_eq!(text_of(&s, SegmentMark::Removed), old);
        assert_eq!(
            s.iter()
                .filter(|x| x.mark == SegmentMark::Added)
                .map(|x| x.text.trim())
                .collect::<Vec<_>>(),
            ["ИМЦ,", "школ"]
        );
        // «образования,» was rewritten as «образования, ИМЦ,»: the comma
        // word stays, the new word is added.
        assert!(TextChange::between("a  b", "a b").is_none());
        // A long text with one word changed is told by that word.
        let long = "Организация курсов повышения квалификации учителей русского языка и математики по вопросам формирующего оценивания";
        let c = TextChange::between(long, &long.replace("математики", "физики")).unwrap();
        assert_eq!(c.brief(), "«математики» → «физики»");
        let c = TextChange::between(long, "Совсем другой текст позиции, написанный заново от начала до конца без общих слов с прежним").unwrap();
        assert!(
            c.brief().starts_with("«Организация курсов"),
            "{}",
            c.brief()
        );
        assert!(TextChange::between("a b", "a\nb").is_some());
    }

    #[test]
    fn a_moved_deadline_is_told_with_the_programmes_number() {
        let p = programme();
        let mut q = p.clone();
        let item = &mut q.roadmap.blocks[1].items[2];
        let activity = item.activity.clone();
        let old_deadline = item.deadline.clone();
        item.deadline = "до 01.06.2025".into();
        let d = compare(&p, &q);
        assert_eq!(d.items.len(), 1);
        let c = &d.items[0];
        assert_eq!(c.kind, ChangeKind::Modified);
        assert!(!c.moved);
        assert_eq!(c.fields.len(), 1);
        assert_eq!(c.fields[0].field, Field::Deadline);
        assert_eq!(c.old.as_ref().unwrap().number, "2.3");
        assert_eq!(
            d.describe(),
            [format!(
                "Пункт 2.3 «{}»: срок «{old_deadline}» → «до 01.06.2025»",
                clip(&activity)
            )]
        );
        // The programme's own numbering, not a fixed style.
        let mut p2 = p.clone();
        let mut q2 = q.clone();
        for x in [&mut p2, &mut q2] {
            x.layout.roadmap.items = crate::model::ItemNumbering::FlatDot;
        }
        let d = compare(&p2, &q2);
        let n = p.roadmap.blocks[0].items.len() + 3;
        assert_eq!(d.items[0].old.as_ref().unwrap().number, format!("{n}."));
        assert!(d.describe()[0].starts_with(&format!("Пункт {n} «")));
    }

    #[test]
    fn added_removed_and_moved_items() {
        let p = programme();
        let mut q = p.clone();
        // Remove 1.2, add one at the end of block 2, move 3.1 to block 1.
        let removed = q.roadmap.blocks[0].items.remove(1);
        let mut added = q.roadmap.blocks[1].items[0].clone();
        added.uid = "new-item".into();
        added.activity = "Новое мероприятие".into();
        q.roadmap.blocks[1].items.push(added);
        let moved = q.roadmap.blocks[2].items.remove(0);
        q.roadmap.blocks[0].items.push(moved.clone());
        let d = compare(&p, &q);
        let by = |uid: &str| d.items.iter().find(|c| c.uid == uid).unwrap();
        assert_eq!(by(&removed.uid).kind, ChangeKind::Removed);
        assert_eq!(by(&removed.uid).old.as_ref().unwrap().number, "1.2");
        let a = by("new-item");
        assert_eq!(a.kind, ChangeKind::Added);
        assert_eq!(
            a.new.as_ref().unwrap().number,
            format!("2.{}", q.roadmap.blocks[1].items.len())
        );
        assert_eq!(a.item.as_ref().unwrap().activity, "Новое мероприятие");
        let m = by(&moved.uid);
        assert!(m.moved && m.fields.is_empty());
        assert_eq!(m.old.as_ref().unwrap().number, "3.1");
        // Items after the removed one are renumbered, not moved.
        assert_eq!(d.items.len(), 3, "{:#?}", d.describe());
        let lines = d.describe();
        assert!(lines.contains(&format!("Исключён пункт 1.2 «{}»", clip(&removed.activity))));
        assert!(lines.contains(&format!(
            "Добавлен пункт 2.{} «Новое мероприятие»",
            q.roadmap.blocks[1].items.len()
        )));
        let told = lines
            .iter()
            .find(|l| l.starts_with("Пункт 3.1"))
            .expect("the move");
        assert!(told.contains("перенесён в блок плана 1"), "{told}");
        assert!(
            told.ends_with(&format!("теперь 1.{}", q.roadmap.blocks[0].items.len())),
            "{told}"
        );
        // Within a block: swapping two items moves one of them.
        let mut r = p.clone();
        r.roadmap.blocks[0].items.swap(0, 1);
        let d = compare(&p, &r);
        assert_eq!(d.items.len(), 1);
        assert!(d.items[0].moved);
    }

    #[test]
    fn passport_rows_tasks_and_sections() {
        let p = programme();
        let mut q = p.clone();
        let goal = q
            .passport
            .iter()
            .position(|r| r.key == PassportKey::Goal)
            .unwrap();
        q.passport[goal].content = vec![TextBlock::Paragraph {
            text: "Повысить качество образования в школах района".into(),
        }];
        q.tasks[0].text.push_str(" и их родителей");
        q.sections[1].title = "Новое название раздела".into();
        q.sections[0].body.push(SectionBlock::Paragraph {
            text: "Дополнительный абзац".into(),
        });
        let d = compare(&p, &q);
        let r = d
            .passport
            .iter()
            .find(|c| c.uid == p.passport[goal].uid)
            .expect("the goal row");
        assert_eq!(r.label, p.passport[goal].label);
        assert_eq!(r.fields[0].field, Field::Content);
        assert_eq!(
            r.row.as_ref().unwrap().content,
            q.passport[goal].content,
            "the row as it now prints"
        );
        // The tasks row filled from the data changes with the tasks: it
        // prints them.
        let tasks_row = p
            .passport
            .iter()
            .find(|r| r.key == PassportKey::Tasks)
            .unwrap();
        assert!(tasks_row.fills_from_data());
        let t = d.passport.iter().find(|c| c.uid == tasks_row.uid).unwrap();
        assert!(t.fields[0].text.new.contains("и их родителей"));
        assert_eq!(d.passport.len(), 2);
        assert_eq!(d.tasks.len(), 1);
        assert_eq!(
            d.tasks[0].fields[0].text.segments.last().unwrap(),
            &Segment {
                mark: SegmentMark::Added,
                text: " и их родителей".into()
            }
        );
        assert_eq!(d.sections.len(), 2);
        let lines = d.describe();
        let numbers = p.heading_numbers();
        let second = format!(
            "Раздел {} «{}»: наименование «{}» → «Новое название раздела»",
            numbers.sections[1].trim_end_matches('.'),
            clip(&p.sections[1].title),
            p.sections[1].title
        );
        assert!(lines.contains(&second), "{lines:#?}");
        assert!(
            lines.iter().any(|l| l.starts_with(&format!(
                "Раздел {} «",
                numbers.sections[0].trim_end_matches('.')
            )) && l.contains("добавлен блок")
                && l.ends_with("«Дополнительный абзац»")),
            "{lines:#?}"
        );
        // Section numbers follow the programme's style.
        let (mut p2, mut q2) = (p.clone(), q.clone());
        for x in [&mut p2, &mut q2] {
            x.layout.sections.style = crate::model::SectionStyle::Razdel;
        }
        let lines = compare(&p2, &q2).describe();
        assert!(
            lines.iter().any(|l| l.starts_with("Раздел 2 «")),
            "{lines:#?}"
        );
    }

    #[test]
    fn indicators_plan_per_year_added_and_removed() {
        let p = programme();
        let mut q = p.clone();
        let year = q.indicators[1].values[0].year;
        let old_plan = q.indicators[1].values[0].plan;
        q.indicators[1].values[0].plan = Some(85.5);
        let gone = q.indicators.remove(2);
        let mut fresh = q.indicators[0].clone();
        fresh.uid = "ind-new".into();
        fresh.name = "Доля педагогов, прошедших курсы".into();
        fresh.values = vec![YearValue {
            year,
            plan: Some(40.0),
            fact: None,
        }];
        q.indicators.push(fresh);
        let d = compare(&p, &q);
        assert_eq!(d.indicators.len(), 3, "{:#?}", d.indicators);
        let plan = &d.indicators[0];
        assert_eq!(plan.kind, ChangeKind::Modified);
        assert_eq!(plan.fields.len(), 1);
        assert_eq!(plan.fields[0].field, Field::Plan { year });
        assert_eq!(plan.fields[0].text.new, "85,5");
        assert_eq!(d.indicators[1].kind, ChangeKind::Removed);
        assert_eq!(d.indicators[1].uid, gone.uid);
        assert_eq!(d.indicators[2].kind, ChangeKind::Added);
        let lines = d.describe();
        assert!(lines.contains(&format!(
            "Показатель 2 «{}»: план на {year} г. «{}» → «85,5»",
            clip(&p.indicators[1].name),
            opt_number(old_plan)
        )));
        assert!(lines.contains(&format!("Исключён показатель 3 «{}»", clip(&gone.name))));
        assert!(lines.contains(&format!(
            "Добавлен показатель {} «Доля педагогов, прошедших курсы»",
            q.indicators.len()
        )));
    }

    #[test]
    fn blocks_period_and_title() {
        let p = programme();
        let mut q = p.clone();
        q.title.push_str(" (новая редакция)");
        q.period.end =
            crate::YearMonth::new(q.period.end.year() + 1, q.period.end.month()).unwrap();
        q.roadmap.blocks[0].title = "Организационные мероприятия".into();
        let d = compare(&p, &q);
        assert!(d.title.is_some());
        assert_eq!(d.blocks.len(), 1);
        let lines = d.describe();
        assert!(lines[0].starts_with("Наименование программы: "));
        assert!(lines[1].starts_with("Период реализации: "), "{lines:?}");
        assert!(lines
            .iter()
            .any(|l| l.starts_with("Блок плана 1 «")
                && l.ends_with("→ «Организационные мероприятия»")));
    }

    #[test]
    fn a_long_roadmap_with_changes_at_both_ends_has_no_false_moves() {
        let p = crate::generate::programme(3000, 5);
        let mut q = p.clone();
        q.roadmap.blocks[0].items.remove(0);
        let last = q.roadmap.blocks.len() - 1;
        q.roadmap.blocks[last].items.pop();
        q.roadmap.blocks.swap(1, 2);
        let started = std::time::Instant::now();
        let d = compare(&p, &q);
        let took = started.elapsed();
        assert_eq!(
            d.items
                .iter()
                .filter(|i| i.kind == ChangeKind::Removed)
                .count(),
            2
        );
        assert!(d.items.iter().all(|i| !i.moved), "items kept their blocks");
        assert_eq!(d.blocks.iter().filter(|b| b.moved).count(), 1);
        // Debug build on a loaded machine; the release build is far faster.
        assert!(took.as_secs() < 20, "{took:?}");
    }

    #[test]
    fn the_diff_serialises_for_the_window() {
        let p = programme();
        let mut q = p.clone();
        q.roadmap.blocks[0].items[0].deadline = "Июнь 2026".into();
        let d = compare(&p, &q);
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["items"][0]["fields"][0]["field"]["kind"], "deadline");
        assert_eq!(json["items"][0]["kind"], "modified");
        let back: ProgrammeDiff = serde_json::from_value(json).unwrap();
        assert_eq!(back, d);
    }
}
