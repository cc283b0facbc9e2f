//! Checks a programme before anything of it is written: every problem is
//! reported at once, each with its place, so the user can fix the file in
//! one go.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};

use crate::error::Problem;
use crate::exchange::{megabytes, MAX_FILE_BYTES};
use crate::model::*;
use crate::Period;

/// The earliest year a programme may name (as for its months, calendar.rs).
const MIN_YEAR: i32 = 1900;

/// The longest text a single field may hold (characters). Far above any real
/// cell; it keeps a hostile file from filling the disk through one field.
pub const MAX_TEXT_CHARS: usize = 1_000_000;

/// The largest first number of sections or of the roadmap.
pub const MAX_START: u32 = 9999;

/// The largest share of the width a roadmap column may ask for (shares
/// are weighed against each other, so only their ratios matter).
pub const MAX_WIDTH_SHARE: f32 = 1000.0;

/// What is wrong with a piece of user text, if anything: control
/// characters other than line breaks and tabs, or absurd length.
pub fn validate_text(s: &str) -> Option<String> {
    if let Some((pos, c)) = s
        .chars()
        .enumerate()
        .find(|(_, c)| c.is_control() && *c != '\n' && *c != '\t')
    {
        return Some(format!(
            "недопустимый управляющий символ U+{:04X} (знак № {} в тексте)",
            c as u32,
            pos + 1
        ));
    }
    let len = s.chars().count();
    (len > MAX_TEXT_CHARS)
        .then(|| format!("текст слишком длинный: {len} знаков, допустимо до {MAX_TEXT_CHARS}"))
}

/// Every problem of `p`, in document order; empty when it may be stored.
/// Its size is judged as the exchange file of `p` without editions.
pub fn validate(p: &Programme) -> Vec<Problem> {
    validate_sized(p, 0, MAX_FILE_BYTES).0
}

/// `validate`, with the length in bytes of the programme's own part of its
/// exchange file (`exchange::exported_len`): what cannot be exported as a
/// file that imports again is not stored. The file holds the approved
/// editions too: `editions` is what they take (the sum of
/// `exchange::edition_len`, 0 for none), and the whole must be within
/// `limit` (`MAX_FILE_BYTES`; a test may pass less).
pub fn validate_sized(p: &Programme, editions: u64, limit: u64) -> (Vec<Problem>, u64) {
    let mut v = Validator::default();
    v.programme(p);
    let len = crate::exchange::exported_len(p);
    let file = len + crate::exchange::editions_field_len(editions);
    if let Some(msg) = too_large(file, editions > 0, limit) {
        v.push("", msg);
    }
    (v.problems, len)
}

/// What is wrong with a programme whose exchange file is `len` bytes long
/// (`with_editions`: approved editions are part of it).
pub(crate) fn too_large(len: u64, with_editions: bool, limit: u64) -> Option<String> {
    (len > limit).then(|| {
        let (file, advice) = if with_editions {
            (
                "её файл обмена вместе с утверждёнными редакциями",
                "в файле каждая редакция записана целиком; сократите тексты или разделите программу на несколько",
            )
        } else {
            (
                "её файл обмена",
                "сократите тексты или разделите программу на несколько",
            )
        };
        format!(
            "программа слишком большая: {file} занял бы {}, а допустимо не больше {}; {advice}",
            megabytes(len),
            megabytes(limit)
        )
    })
}

/// One part of a programme with what its checks need of the rest, for an
/// edit that changed only that part (see `store/edit.rs`).
pub(crate) enum Part<'a> {
    /// The title and the appendix mark (the status needs no check).
    Head {
        title: &'a str,
        appendix: &'a AppendixMark,
    },
    Act(&'a ApprovingAct),
    PassportRow(&'a PassportRow),
    Task(&'a Task),
    /// Every section of the programme: a placeholder may stand in one only.
    Sections(&'a [Section]),
    Indicator {
        indicator: &'a Indicator,
        period: Period,
        /// Whether the task it refers to, if any, is among the programme's.
        task_found: bool,
    },
    Block {
        uid: &'a str,
        title: &'a str,
    },
    Item {
        item: &'a Item,
        period: Period,
        year_columns: &'a [i32],
    },
}

/// Whether `part` passes every check `validate` makes of it, short of the
/// uniqueness of its uid among the other parts (the caller's to check).
/// Given a valid programme, an edit of this part alone leaves it valid
/// exactly when this holds. Only the answer counts, not the places: a
/// caller that gets `false` validates the whole programme to name them.
pub(crate) fn part_is_valid(part: Part<'_>) -> bool {
    let mut v = Validator::default();
    match part {
        Part::Head { title, appendix } => {
            v.text("title", title);
            v.text("appendix.number", &appendix.number);
            v.text("appendix.issuer_genitive", &appendix.issuer_genitive);
            v.text("appendix.participle", &appendix.participle);
        }
        Part::Act(act) => v.act(act),
        Part::PassportRow(row) => v.passport_row("passport[]", row),
        Part::Task(t) => v.task("tasks[]", t),
        Part::Sections(sections) => {
            for s in sections {
                v.section("sections[]", s);
            }
            v.placeholders_once(sections);
        }
        Part::Indicator {
            indicator,
            period,
            task_found,
        } => {
            let task: HashSet<&str> = indicator
                .task
                .as_deref()
                .filter(|_| task_found)
                .into_iter()
                .collect();
            v.indicator("indicators[]", indicator, period, &task);
        }
        Part::Block { uid, title } => {
            v.uid("roadmap.blocks[]", uid);
            v.text("roadmap.blocks[].title", title);
        }
        Part::Item {
            item,
            period,
            year_columns,
        } => {
            let columns = year_columns.iter().copied().collect();
            // Only whether it passes counts here, not the words.
            v.item("roadmap.blocks[].items[]", "", item, period, &columns);
        }
    }
    v.problems.is_empty()
}

#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
    /// uid → the first place it was seen.
    uids: HashMap<String, String>,
}

impl Validator {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem::new(path, message));
    }

    fn text(&mut self, path: &str, s: &str) {
        if let Some(msg) = validate_text(s) {
            self.push(path, msg);
        }
    }

    fn texts(&mut self, path: &str, items: &[String]) {
        for (i, s) in items.iter().enumerate() {
            self.text(&format!("{path}[{i}]"), s);
        }
    }

    fn uid(&mut self, path: &str, uid: &str) {
        let place = format!("{path}.uid");
        if uid.trim().is_empty() {
            self.push(place, "пустой идентификатор");
            return;
        }
        if uid.len() > 200 || uid.chars().any(|c| c.is_control() || c.is_whitespace()) {
            self.push(
                place,
                "идентификатор должен быть короче 200 знаков и без пробелов",
            );
            return;
        }
        if let Some(first) = self.uids.get(uid) {
            let msg = format!("идентификатор «{uid}» повторяется (уже встречался в {first})");
            self.push(place, msg);
        } else {
            self.uids.insert(uid.to_string(), path.to_string());
        }
    }

    fn year(&mut self, path: &str, year: i32, period: Period, what: &str) {
        let (first, last) = (period.start.year(), period.end.year());
        if year < first || year > last {
            self.push(
                path,
                format!("{what} {year} вне периода программы ({first}–{last})"),
            );
        }
    }

    fn date(&mut self, path: &str, d: NaiveDate) {
        if !(1900..=2200).contains(&d.year()) {
            self.push(
                path,
                format!("дата {} вне допустимого диапазона", d.format("%d.%m.%Y")),
            );
        }
    }

    fn programme(&mut self, p: &Programme) {
        self.uid("programme", &p.uid);
        // The programme's own uid names the file, not a part: it may repeat
        // a part's uid only by accident, which is harmless, so forget it.
        self.uids.remove(&p.uid);
        self.text("title", &p.title);
        if p.period.end < p.period.start {
            self.push(
                "period",
                format!(
                    "конец периода ({}) раньше его начала ({})",
                    p.period.end, p.period.start
                ),
            );
        }
        if let Some(act) = &p.act {
            self.act(act);
        }
        self.text("appendix.number", &p.appendix.number);
        self.text("appendix.issuer_genitive", &p.appendix.issuer_genitive);
        self.text("appendix.participle", &p.appendix.participle);
        self.layout(&p.layout);
        for (i, row) in p.passport.iter().enumerate() {
            self.passport_row(&format!("passport[{i}]"), row);
        }
        for (i, t) in p.tasks.iter().enumerate() {
            self.task(&format!("tasks[{i}]"), t);
        }
        for (i, s) in p.sections.iter().enumerate() {
            self.section(&format!("sections[{i}]"), s);
        }
        self.placeholders_once(&p.sections);
        let tasks: HashSet<&str> = p.tasks.iter().map(|t| t.uid.as_str()).collect();
        for (i, ind) in p.indicators.iter().enumerate() {
            self.indicator(&format!("indicators[{i}]"), ind, p.period, &tasks);
        }
        self.roadmap(p);
    }

    fn passport_row(&mut self, path: &str, row: &PassportRow) {
        self.uid(path, &row.uid);
        self.text(&format!("{path}.label"), &row.label);
        self.rich(&format!("{path}.content"), &row.content);
        if row.from_data && !crate::passport::derivable(row.key) {
            self.push(
                format!("{path}.from_data"),
                format!(
                    "строка паспорта «{}» не повторяет данных программы: её текст пишется вручную",
                    row.label.trim()
                ),
            );
        }
        for (i, sub) in row.subrows.iter().enumerate() {
            self.rich(&format!("{path}.subrows[{i}]"), sub);
        }
    }

    /// A first number from 1 to `MAX_START`: a number past it is a typo.
    fn start(&mut self, path: &str, n: u32) {
        if !(1..=MAX_START).contains(&n) {
            self.push(
                path,
                format!("начальный номер {n} вне допустимого: укажите число от 1 до {MAX_START}"),
            );
        }
    }

    fn layout(&mut self, l: &DocumentLayout) {
        self.text("layout.passport_heading", &l.passport_heading);
        self.text("layout.indicators_heading", &l.indicators_heading);
        self.start("layout.sections.start", l.sections.start);
        let r = &l.roadmap;
        self.start("layout.roadmap.start", r.start);
        self.text("layout.roadmap.heading", &r.heading);
        self.text("layout.roadmap.years_heading", &r.years_heading);
        let mut seen = HashSet::new();
        for (i, c) in r.columns.iter().enumerate() {
            let path = format!("layout.roadmap.columns[{i}]");
            self.text(&format!("{path}.header"), &c.header);
            if !seen.insert(c.kind) {
                self.push(
                    format!("{path}.kind"),
                    format!(
                        "столбец «{}» указан дважды; оставьте один",
                        c.kind.default_header()
                    ),
                );
            }
            if let Some(w) = c.width {
                if !(w.is_finite() && w > 0.0 && w <= MAX_WIDTH_SHARE) {
                    self.push(
                        format!("{path}.width"),
                        format!("доля ширины столбца должна быть числом больше 0 и не больше {MAX_WIDTH_SHARE}"),
                    );
                }
            }
        }
        if !r.columns.is_empty() && !seen.contains(&ColumnKind::Activity) {
            self.push(
                "layout.roadmap.columns",
                "в дорожной карте нет столбца мероприятий; добавьте его",
            );
        }
    }

    fn task(&mut self, path: &str, t: &Task) {
        self.uid(path, &t.uid);
        self.text(&format!("{path}.text"), &t.text);
    }

    /// The indicator table and the roadmap are printed once each.
    fn placeholders_once(&mut self, sections: &[Section]) {
        let mut seen: HashMap<&str, String> = HashMap::new();
        for (i, s) in sections.iter().enumerate() {
            for (j, b) in s.body.iter().enumerate() {
                let what = match b {
                    SectionBlock::Indicators => "таблица показателей",
                    SectionBlock::Roadmap => "дорожная карта",
                    _ => continue,
                };
                let path = format!("sections[{i}].body[{j}]");
                if let Some(first) = seen.get(what) {
                    let msg = format!("{what} уже размещена в {first}; она печатается один раз");
                    self.push(path, msg);
                } else {
                    seen.insert(what, path);
                }
            }
        }
    }

    fn act(&mut self, a: &ApprovingAct) {
        self.texts("act.issuer", &a.issuer);
        if let Some(d) = a.date {
            self.date("act.date", d);
        }
        if let Some(n) = &a.number {
            self.text("act.number", n);
        }
        for (path, s) in [
            ("act.place", &a.place),
            ("act.title", &a.title),
            ("act.preamble", &a.preamble),
            ("act.formula", &a.formula),
            ("act.signatory_position", &a.signatory_position),
            ("act.signatory_name", &a.signatory_name),
        ] {
            self.text(path, s);
        }
        self.texts("act.points", &a.points);
        if let Some(e) = &a.executor {
            self.text("act.executor", e);
        }
    }

    fn rich(&mut self, path: &str, blocks: &[TextBlock]) {
        for (i, b) in blocks.iter().enumerate() {
            let path = format!("{path}[{i}]");
            match b {
                TextBlock::Paragraph { text } => self.text(&format!("{path}.text"), text),
                TextBlock::Numbered { items } | TextBlock::Bulleted { items } => {
                    self.texts(&format!("{path}.items"), items)
                }
            }
        }
    }

    fn section(&mut self, path: &str, s: &Section) {
        self.uid(path, &s.uid);
        self.text(&format!("{path}.title"), &s.title);
        if let Some(r) = s.renumber {
            self.start(&format!("{path}.renumber.start"), r.start);
        }
        for (i, b) in s.body.iter().enumerate() {
            let path = format!("{path}.body[{i}]");
            match b {
                SectionBlock::Paragraph { text } => self.text(&format!("{path}.text"), text),
                SectionBlock::Numbered { items } | SectionBlock::Bulleted { items } => {
                    self.texts(&format!("{path}.items"), items)
                }
                SectionBlock::Table { columns, rows } => {
                    if columns.is_empty() {
                        self.push(format!("{path}.columns"), "у таблицы нет ни одного столбца");
                    }
                    self.texts(&format!("{path}.columns"), columns);
                    for (r, row) in rows.iter().enumerate() {
                        let rpath = format!("{path}.rows[{r}]");
                        if row.len() != columns.len() {
                            self.push(
                                rpath.clone(),
                                format!(
                                    "в строке {} ячеек, а столбцов {}",
                                    row.len(),
                                    columns.len()
                                ),
                            );
                        }
                        self.texts(&rpath, row);
                    }
                }
                SectionBlock::Risks { rows, .. } => {
                    for (r, risk) in rows.iter().enumerate() {
                        let rpath = format!("{path}.rows[{r}]");
                        self.text(&format!("{rpath}.stage"), &risk.stage);
                        self.text(&format!("{rpath}.risk"), &risk.risk);
                        self.text(&format!("{rpath}.mitigation"), &risk.mitigation);
                    }
                }
                SectionBlock::Swot {
                    strengths,
                    weaknesses,
                    opportunities,
                    threats,
                } => {
                    self.texts(&format!("{path}.strengths"), strengths);
                    self.texts(&format!("{path}.weaknesses"), weaknesses);
                    self.texts(&format!("{path}.opportunities"), opportunities);
                    self.texts(&format!("{path}.threats"), threats);
                }
                SectionBlock::Indicators | SectionBlock::Roadmap => {}
            }
        }
    }

    fn indicator(&mut self, path: &str, ind: &Indicator, period: Period, tasks: &HashSet<&str>) {
        self.uid(path, &ind.uid);
        self.text(&format!("{path}.name"), &ind.name);
        self.text(&format!("{path}.unit"), &ind.unit);
        if let Some(y) = ind.base_year {
            // The base year usually precedes the period; it must not follow
            // it, and a year before 1900 is a typo.
            let last = period.end.year();
            let why = if y < MIN_YEAR {
                Some(format!(
                    "базовый год {y} раньше {MIN_YEAR} года; укажите год от {MIN_YEAR} до {last}"
                ))
            } else if y > last {
                Some(format!(
                    "базовый год {y} позже окончания программы ({last}); укажите год не позже {last}"
                ))
            } else {
                None
            };
            if let Some(why) = why {
                self.push(format!("{path}.base_year"), why);
            }
        }
        if let Some(t) = &ind.task {
            if !tasks.contains(t.as_str()) {
                // Never the task's internal id: she knows it by its text.
                self.push(
                    format!("{path}.task"),
                    format!(
                        "показатель «{}» связан с задачей, которой нет в программе: сначала отвяжите показатель от задачи (вкладка «Показатели») или удалите его",
                        short_name(&ind.name)
                    ),
                );
            }
        }
        let mut seen = HashSet::new();
        for (i, v) in ind.values.iter().enumerate() {
            let vpath = format!("{path}.values[{i}].year");
            let what = format!("показатель «{}»: год", short_name(&ind.name));
            self.year(&vpath, v.year, period, &what);
            if !seen.insert(v.year) {
                self.push(vpath, format!("год {} указан дважды", v.year));
            }
        }
    }

    fn roadmap(&mut self, p: &Programme) {
        let mut columns = HashSet::new();
        for (i, &y) in p.roadmap.year_columns.iter().enumerate() {
            let path = format!("roadmap.year_columns[{i}]");
            self.year(&path, y, p.period, "столбец дорожной карты за");
            if !columns.insert(y) {
                self.push(path, format!("год {y} указан дважды"));
            }
        }
        for (b, block) in p.roadmap.blocks.iter().enumerate() {
            let bpath = format!("roadmap.blocks[{b}]");
            self.uid(&bpath, &block.uid);
            self.text(&format!("{bpath}.title"), &block.title);
            for (i, item) in block.items.iter().enumerate() {
                let number = p.item_ref(b, i);
                self.item(
                    &format!("{bpath}.items[{i}]"),
                    &number,
                    item,
                    p.period,
                    &columns,
                );
            }
        }
    }

    fn item(
        &mut self,
        path: &str,
        number: &str,
        item: &Item,
        period: Period,
        columns: &HashSet<i32>,
    ) {
        self.uid(path, &item.uid);
        for (field, s) in [
            ("activity", &item.activity),
            ("deadline", &item.deadline),
            ("responsible", &item.responsible),
            ("expected_result", &item.expected_result),
            ("planned_value", &item.planned_value),
        ] {
            self.text(&format!("{path}.{field}"), s);
        }
        let mut years = HashSet::new();
        for (i, cell) in item.per_year.iter().enumerate() {
            let cpath = format!("{path}.per_year[{i}]");
            if !years.insert(cell.year) {
                self.push(
                    format!("{cpath}.year"),
                    format!("год {} указан дважды", cell.year),
                );
            }
            if !columns.contains(&cell.year) {
                self.push(
                    format!("{cpath}.year"),
                    format!(
                        "мероприятие {number}: для {} года нет столбца в дорожной карте; добавьте его в «Колонки по годам»",
                        cell.year
                    ),
                );
            }
            self.text(&format!("{cpath}.text"), &cell.text);
        }
        let mut dues = HashSet::new();
        for (i, t) in item.tracking.iter().enumerate() {
            let tpath = format!("{path}.tracking[{i}]");
            if !period.contains_date(t.due) {
                self.push(
                    format!("{tpath}.due"),
                    format!(
                        "мероприятие {number}: отметка о выполнении за срок {} вне периода программы",
                        t.due.format("%d.%m.%Y")
                    ),
                );
            }
            if !dues.insert(t.due) {
                self.push(
                    format!("{tpath}.due"),
                    format!("срок {} отмечен дважды", t.due.format("%d.%m.%Y")),
                );
            }
            match (t.status, t.moved_to) {
                (TrackStatus::Moved, None) => self.push(
                    format!("{tpath}.moved_to"),
                    "для статуса «перенесено» нужна новая дата",
                ),
                (TrackStatus::Moved, Some(d)) => self.date(&format!("{tpath}.moved_to"), d),
                (_, Some(_)) => self.push(
                    format!("{tpath}.moved_to"),
                    "новая дата указывается только для статуса «перенесено»",
                ),
                _ => {}
            }
            match (t.status, t.done_on) {
                (TrackStatus::Done | TrackStatus::DoneLate, Some(d)) => {
                    self.date(&format!("{tpath}.done_on"), d)
                }
                (_, Some(_)) => self.push(
                    format!("{tpath}.done_on"),
                    "дата выполнения указывается только для выполненных мероприятий",
                ),
                _ => {}
            }
            self.text(&format!("{tpath}.comment"), &t.comment);
            self.text(&format!("{tpath}.evidence"), &t.evidence);
        }
    }
}

/// An element's name as a message quotes it: whole when short, else cut.
pub(crate) fn short_name(text: &str) -> String {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() > 50 {
        format!("{}…", t.chars().take(49).collect::<String>())
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_programme_too_large_to_export_names_the_limit() {
        assert_eq!(too_large(MAX_FILE_BYTES, false, MAX_FILE_BYTES), None);
        let msg = too_large(MAX_FILE_BYTES + 300 * 1024, false, MAX_FILE_BYTES).unwrap();
        assert!(
            msg.contains("её файл обмена занял бы 128,3 МБ") && msg.contains("не больше 128 МБ"),
            "{msg}"
        );
        let msg = too_large(3 << 20, true, 2 << 20).unwrap();
        assert!(
            msg.contains("вместе с утверждёнными редакциями занял бы 3 МБ")
                && msg.contains("не больше 2 МБ"),
            "{msg}"
        );
    }
}
