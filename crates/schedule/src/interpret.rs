//! From the parsed structure of a deadline to due dates and active months
//! inside the programme period (docs/design.md §4).

use std::cell::RefCell;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::{Period, YearMonth};
use crate::lexer::{lex, strip_on_request, Tok};
use crate::parse::{max_days, month_index, parse, AbsRange, Element, Group, Periodic, Span, Years};

/// How a deadline recurs.
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScheduleKind {
    Once,
    Recurring,
    Continuous,
    OnRequest,
    Unknown,
}

/// The reading of one roadmap deadline against the programme period.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub recognized: bool,
    pub kind: ScheduleKind,
    /// Dates at which the item's status is due, ascending, inside the period.
    pub due: Vec<NaiveDate>,
    /// Months when the work is under way, ascending, inside the period.
    pub active: Vec<YearMonth>,
    /// The phrase names dates outside the period (they were dropped).
    pub outside_period: bool,
}

impl Schedule {
    /// The reading of a phrase that matches no rule: the user sets it by hand.
    pub fn unknown() -> Self {
        Self {
            recognized: false,
            kind: ScheduleKind::Unknown,
            due: Vec::new(),
            active: Vec::new(),
            outside_period: false,
        }
    }

    fn on_request() -> Self {
        Self {
            recognized: true,
            kind: ScheduleKind::OnRequest,
            ..Self::unknown()
        }
    }
}

/// Scratch buffers reused between calls: the editor interprets on every
/// keystroke, so the lexer should not allocate them each time.
#[derive(Default)]
struct Scratch {
    chars: Vec<char>,
    word: String,
    toks: Vec<Tok>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Interprets a deadline phrase ("Сроки") against the programme period.
/// Never panics; anything it cannot read with certainty is `unknown`.
pub fn interpret(phrase: &str, period: Period) -> Schedule {
    let elements = SCRATCH.with(|cell| {
        let mut guard = cell.try_borrow_mut();
        let mut local;
        let s: &mut Scratch = match guard.as_deref_mut() {
            Ok(s) => s,
            Err(_) => {
                local = Scratch::default();
                &mut local
            }
        };
        lex(phrase, &mut s.chars, &mut s.word, &mut s.toks);
        let on_request = strip_on_request(&mut s.toks);
        if s.toks.is_empty() {
            return Err(on_request);
        }
        parse(&s.toks).ok_or(false)
    });
    match elements {
        Ok(els) => evaluate(els, period).unwrap_or_else(Schedule::unknown),
        Err(true) => Schedule::on_request(),
        Err(false) => Schedule::unknown(),
    }
}

/// Collects due dates and active months, clipped to the period.
struct Acc {
    start: i32,
    end: i32,
    first_day: NaiveDate,
    last_day: NaiveDate,
    due: Vec<NaiveDate>,
    active: Vec<i32>,
    outside: bool,
    kind: Option<ScheduleKind>,
}

fn date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        m => max_days(m),
    }
}

fn last_day(mi: i32) -> Option<NaiveDate> {
    let (y, m) = split(mi);
    date(y, m, days_in_month(y, m))
}

fn split(mi: i32) -> (i32, u32) {
    (mi.div_euclid(12), mi.rem_euclid(12) as u32 + 1)
}

impl Acc {
    fn new(period: Period) -> Self {
        Self {
            start: month_index(period.start.year(), period.start.month()),
            end: month_index(period.end.year(), period.end.month()),
            first_day: period.first_day(),
            last_day: period.last_day(),
            due: Vec::new(),
            active: Vec::new(),
            outside: false,
            kind: None,
        }
    }

    fn years(&self) -> std::ops::RangeInclusive<i32> {
        split(self.start).0..=split(self.end).0
    }

    fn in_period(&self, mi: i32) -> bool {
        (self.start..=self.end).contains(&mi)
    }

    /// Every contribution must agree on the kind; a mix is not a reading.
    fn kind(&mut self, kind: ScheduleKind) -> Option<()> {
        match self.kind {
            Some(k) if k != kind => None,
            _ => {
                self.kind = Some(kind);
                Some(())
            }
        }
    }

    /// `explicit`: the date comes from a year the user typed, so losing it
    /// to the period is worth a warning; generated dates are clipped quietly.
    fn due(&mut self, d: NaiveDate, explicit: bool) {
        if self.first_day <= d && d <= self.last_day {
            self.due.push(d);
        } else if explicit {
            self.outside = true;
        }
    }

    fn active(&mut self, from: i32, to: i32) {
        let (a, b) = (from.max(self.start), to.min(self.end));
        if a <= b {
            self.active.extend(a..=b);
        }
    }

    /// A span in the year `year` (the year of its last month).
    fn span(&mut self, year: i32, s: Span, explicit: bool) -> Option<()> {
        let (from, to) = span_bounds(year, s);
        self.active(from, to);
        let dim = days_in_month(year, s.to);
        let day = match s.day {
            // 29 февраля 2023 does not exist; without a year it means the
            // end of February in the years that have no 29th.
            Some(d) if d > dim && explicit => return None,
            Some(d) => d.min(dim),
            None => dim,
        };
        self.due(date(year, s.to, day)?, explicit);
        Some(())
    }

    /// A whole calendar year, worked through (rules 5 and 10): due on
    /// 31 December, or on the last day of P when P ends inside that year.
    fn whole_year(&mut self, year: i32, explicit: bool) -> Option<()> {
        let (jan, dec) = (month_index(year, 1), month_index(year, 12));
        self.active(jan, dec);
        let overlaps = jan <= self.end && dec >= self.start;
        if overlaps && dec > self.end {
            self.due.push(self.last_day);
        } else {
            self.due(date(year, 12, 31)?, explicit);
        }
        Some(())
    }

    /// The school year ending in `end_year`: September to May (rule 11).
    fn school_year(&mut self, end_year: i32, explicit: bool) -> Option<()> {
        self.active(month_index(end_year - 1, 9), month_index(end_year, 5));
        self.due(date(end_year, 5, 31)?, explicit);
        Some(())
    }

    /// Point events in the given months of each year (rules 7 and 8).
    fn months_each_year(&mut self, years: &[i32], months: &[u32], explicit: bool) -> Option<()> {
        for &y in years {
            let overlaps = month_index(y, 1) <= self.end && month_index(y, 12) >= self.start;
            if explicit && !overlaps {
                self.outside = true;
            }
            for &m in months {
                let mi = month_index(y, m);
                if self.in_period(mi) {
                    self.active.push(mi);
                    self.due.push(last_day(mi)?);
                }
            }
        }
        Some(())
    }

    fn finish(mut self) -> Schedule {
        self.due.sort_unstable();
        self.due.dedup();
        self.active.sort_unstable();
        self.active.dedup();
        let active = self
            .active
            .iter()
            .filter_map(|&mi| {
                let (y, m) = split(mi);
                YearMonth::new(y, m).ok()
            })
            .collect();
        Schedule {
            recognized: true,
            kind: self.kind.unwrap_or(ScheduleKind::Unknown),
            due: self.due,
            active,
            outside_period: self.outside,
        }
    }
}

/// Spans of a month filter contain `month` (wrapping spans included).
fn spans_contain(spans: &[Span], month: u32) -> bool {
    spans.iter().any(|s| {
        if s.from <= s.to {
            (s.from..=s.to).contains(&month)
        } else {
            month >= s.from || month <= s.to
        }
    })
}

/// Binds month groups to the year lists written next to them (rules 1, 6).
fn bind_years(els: &mut Vec<Element>) {
    fn bindable(e: &Element) -> bool {
        matches!(e, Element::Group(g) if g.years.is_none() && !g.pinned)
    }
    fn plain(e: &Element) -> bool {
        matches!(e, Element::Years(Years::Plain(_)))
    }
    let mut k = 0;
    // Month first ("сентябрь 2021"), then year first ("2020 гг. январь").
    for month_first in [true, false] {
        while k + 1 < els.len() {
            let (a, b) = (&els[k], &els[k + 1]);
            let pair = if month_first {
                bindable(a) && plain(b)
            } else {
                plain(a) && bindable(b)
            };
            if pair {
                let years = if month_first {
                    els.remove(k + 1)
                } else {
                    els.remove(k)
                };
                if let (Element::Years(Years::Plain(ys)), Some(Element::Group(g))) =
                    (years, els.get_mut(k))
                {
                    g.years = Some(ys);
                }
            }
            k += 1;
        }
        k = 0;
    }
    // "2021-2022 гг., ежегодно, сентябрь": one year list for all months.
    let lists: Vec<usize> = (0..els.len()).filter(|&i| plain(&els[i])).collect();
    if let [only] = lists[..] {
        if els.iter().any(bindable) {
            if let Element::Years(Years::Plain(ys)) = els.remove(only) {
                for e in els.iter_mut() {
                    if let Element::Group(g) = e {
                        if g.years.is_none() && !g.pinned {
                            g.years = Some(ys.clone());
                        }
                    }
                }
            }
        }
    }
}

/// The parts of a phrase, once month groups have taken their years.
#[derive(Default)]
struct Reading {
    periodic: Option<Periodic>,
    groups: Vec<Group>,
    ranges: Vec<AbsRange>,
    /// Years written without months (rule 5), or restricting a periodicity.
    years: Vec<i32>,
    /// School years by the year they end in (rule 11).
    school_years: Vec<i32>,
}

impl Reading {
    fn new(mut els: Vec<Element>) -> Option<Self> {
        bind_years(&mut els);
        let mut r = Reading::default();
        for e in els {
            match e {
                Element::Periodic(p) => {
                    r.periodic = match r.periodic {
                        None => Some(p),
                        Some(q) if q == p => Some(q),
                        // "ежегодно в течение учебного года": every other
                        // periodicity already recurs each year.
                        Some(Periodic::Annual) => Some(p),
                        Some(q) if p == Periodic::Annual => Some(q),
                        Some(_) => return None,
                    }
                }
                Element::Group(mut g) => {
                    // "январь январь ..." must not multiply the work.
                    g.spans.sort_unstable_by_key(|s| (s.from, s.to, s.day));
                    g.spans.dedup();
                    r.groups.push(g);
                }
                Element::Range(range) => r.ranges.push(range),
                Element::Years(Years::Plain(ys)) => r.years.extend(ys),
                Element::Years(Years::School(ys)) => r.school_years.extend(ys),
            }
        }
        r.years.sort_unstable();
        r.years.dedup();
        r.school_years.sort_unstable();
        r.school_years.dedup();
        Some(r)
    }

    fn has_days(&self) -> bool {
        self.groups
            .iter()
            .flat_map(|g| &g.spans)
            .any(|s| s.day.is_some())
            || self.ranges.iter().any(|r| r.day.is_some())
    }

    /// Only plain years (or nothing) besides the periodicity word.
    fn nothing_but_years(&self) -> bool {
        self.groups.is_empty() && self.ranges.is_empty() && self.school_years.is_empty()
    }

    /// The named years, or every year of P when none is named.
    fn years_or_period(&self, acc: &Acc) -> (Vec<i32>, bool) {
        if self.years.is_empty() {
            (acc.years().collect(), false)
        } else {
            (self.years.clone(), true)
        }
    }
}

/// First and last month index of a span in the year of its last month.
fn span_bounds(year: i32, s: Span) -> (i32, i32) {
    let to = month_index(year, s.to);
    let from = if s.from <= s.to {
        month_index(year, s.from)
    } else {
        month_index(year - 1, s.from)
    };
    (from, to)
}

fn evaluate(els: Vec<Element>, period: Period) -> Option<Schedule> {
    let r = Reading::new(els)?;
    let mut acc = Acc::new(period);
    match r.periodic {
        Some(Periodic::Monthly) => monthly(&r, &mut acc)?,
        Some(p @ (Periodic::Quarterly | Periodic::HalfYearly)) => {
            if !r.nothing_but_years() {
                return None;
            }
            acc.kind(ScheduleKind::Recurring)?;
            let months: &[u32] = if p == Periodic::Quarterly {
                &[3, 6, 9, 12]
            } else {
                &[6, 12]
            };
            let (years, explicit) = r.years_or_period(&acc);
            acc.months_each_year(&years, months, explicit)?;
        }
        Some(Periodic::Continuous) => {
            if !r.nothing_but_years() {
                return None;
            }
            acc.kind(ScheduleKind::Continuous)?;
            let (years, explicit) = r.years_or_period(&acc);
            for y in years {
                acc.whole_year(y, explicit)?;
            }
        }
        Some(Periodic::SchoolYearly) => {
            if !r.nothing_but_years() || !r.years.is_empty() {
                return None;
            }
            acc.kind(ScheduleKind::Continuous)?;
            // The school year ending in the first year of P began before it.
            let (first, last) = (split(acc.start).0, split(acc.end).0 + 1);
            for e in first..=last {
                acc.school_year(e, false)?;
            }
        }
        Some(Periodic::Annual) if r.groups.is_empty() && r.ranges.is_empty() => {
            if !r.school_years.is_empty() {
                return None;
            }
            acc.kind(ScheduleKind::Recurring)?;
            let (years, explicit) = r.years_or_period(&acc);
            acc.months_each_year(&years, &[12], explicit)?;
        }
        Some(Periodic::SeveralPerYear) if r.groups.is_empty() => return None,
        Some(Periodic::Annual | Periodic::SeveralPerYear) => {
            // The listed months say when; "ежегодно" only confirms that
            // they recur, so a single explicit year contradicts it.
            let recurs = r
                .groups
                .iter()
                .all(|g| g.years.as_ref().is_none_or(|y| y.len() > 1));
            if !recurs || !r.ranges.is_empty() || !r.years.is_empty() {
                return None;
            }
            dated(&r, &mut acc)?;
        }
        None => dated(&r, &mut acc)?,
    }
    acc.kind?;
    Some(acc.finish())
}

/// "Ежемесячно", alone or within named months, ranges or years (rule 8).
fn monthly(r: &Reading, acc: &mut Acc) -> Option<()> {
    if r.has_days() || !r.school_years.is_empty() {
        return None;
    }
    acc.kind(ScheduleKind::Recurring)?;
    let bound = r.groups.iter().any(|g| g.years.is_some()) || !r.ranges.is_empty();
    // (month index, named explicitly)
    let mut months: Vec<(i32, bool)> = Vec::new();
    if bound {
        if !r.years.is_empty() || r.groups.iter().any(|g| g.years.is_none()) {
            return None;
        }
        for range in &r.ranges {
            months.extend((range.from..=range.to).map(|m| (m, true)));
        }
        for g in &r.groups {
            for &y in g.years.iter().flatten() {
                for &s in &g.spans {
                    let (from, to) = span_bounds(y, s);
                    months.extend((from..=to).map(|m| (m, true)));
                }
            }
        }
    } else {
        let filter: Vec<Span> = r.groups.iter().flat_map(|g| g.spans.clone()).collect();
        let (years, explicit) = r.years_or_period(acc);
        for y in years {
            if explicit && (month_index(y, 12) < acc.start || month_index(y, 1) > acc.end) {
                acc.outside = true;
            }
            for m in 1..=12 {
                if filter.is_empty() || spans_contain(&filter, m) {
                    months.push((month_index(y, m), false));
                }
            }
        }
    }
    for (mi, explicit) in months {
        acc.due(last_day(mi)?, explicit);
        if acc.in_period(mi) {
            acc.active.push(mi);
        }
    }
    Some(())
}

/// Month groups, ranges and years without a periodicity word (rules 1–6,
/// 9, 11); each part must agree on the kind.
fn dated(r: &Reading, acc: &mut Acc) -> Option<()> {
    for g in &r.groups {
        match &g.years {
            Some(years) => {
                let kind = if years.len() == 1 {
                    ScheduleKind::Once
                } else {
                    ScheduleKind::Recurring
                };
                acc.kind(kind)?;
                for &y in years {
                    for &s in &g.spans {
                        acc.span(y, s, true)?;
                    }
                }
            }
            None => {
                acc.kind(ScheduleKind::Recurring)?;
                // The year of a span is the year of its last month, so a
                // span wrapping New Year needs the year after P as well.
                let (first, last) = (split(acc.start).0, split(acc.end).0);
                for y in first..=last + 1 {
                    for &s in &g.spans {
                        acc.span(y, s, false)?;
                    }
                }
            }
        }
    }
    for range in &r.ranges {
        acc.kind(ScheduleKind::Once)?;
        acc.active(range.from, range.to);
        let (y, m) = split(range.to);
        let day = match range.day {
            Some(d) if d > days_in_month(y, m) => return None,
            Some(d) => d,
            None => days_in_month(y, m),
        };
        acc.due(date(y, m, day)?, true);
    }
    if !r.years.is_empty() {
        acc.kind(ScheduleKind::Continuous)?;
        for &y in &r.years {
            acc.whole_year(y, true)?;
        }
    }
    if !r.school_years.is_empty() {
        acc.kind(ScheduleKind::Continuous)?;
        for &e in &r.school_years {
            acc.school_year(e, true)?;
        }
    }
    Some(())
}
