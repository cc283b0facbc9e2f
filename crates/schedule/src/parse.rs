//! Reads the token list into the structure of a deadline: month groups,
//! year lists, explicit ranges and a periodicity word. Anything that does
//! not fit the grammar yields `None`, which the caller reports as unknown.

use crate::calendar::{MAX_YEAR, MIN_YEAR};
use crate::lexer::Tok;

/// Months `from..=to` of one year (wrapping over New Year when `to < from`),
/// due on `day` of month `to` or, without a day, on its last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub from: u32,
    pub to: u32,
    pub day: Option<u32>,
}

/// Years named in the phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Years {
    Plain(Vec<i32>),
    /// School years, each given by the year it ends in (2023/2024 → 2024).
    School(Vec<i32>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Group {
    pub spans: Vec<Span>,
    /// Explicit years the spans belong to; `None` means every year of P.
    pub years: Option<Vec<i32>>,
    /// "текущего года": explicitly every year, never bound to a year list.
    pub pinned: bool,
}

/// A range with a year at both ends, as month indices (`year * 12 + month - 1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AbsRange {
    pub from: i32,
    pub to: i32,
    pub day: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Periodic {
    Annual,
    Monthly,
    Quarterly,
    HalfYearly,
    /// постоянно, в течение года, в течение всего периода
    Continuous,
    /// в течение учебного года
    SchoolYearly,
    /// "N раз в год" with N > 1: needs listed months to mean anything.
    SeveralPerYear,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Element {
    Group(Group),
    Years(Years),
    Range(AbsRange),
    Periodic(Periodic),
}

/// Months as plain integers rather than `YearMonth`: the rules step a year
/// beyond P (wrapping spans, school years), where `YearMonth` validation
/// would only get in the way; results are converted back at the end.
pub(crate) fn month_index(year: i32, month: u32) -> i32 {
    year * 12 + month as i32 - 1
}

/// Longest month of each number, February counted as leap.
pub(crate) fn max_days(month: u32) -> u32 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

struct Parser<'a> {
    t: &'a [Tok],
    i: usize,
}

/// A month, optionally with its day and (from `dd.mm.yyyy`) its year.
#[derive(Debug, Clone, Copy)]
struct Point {
    month: u32,
    day: Option<u32>,
    year: Option<i32>,
}

fn valid_year(value: u32, digits: u8) -> Option<i32> {
    let y = i32::try_from(value).ok()?;
    (digits == 4 && (MIN_YEAR..=MAX_YEAR).contains(&y)).then_some(y)
}

impl Parser<'_> {
    fn peek(&self, k: usize) -> Option<Tok> {
        self.t.get(self.i + k).copied()
    }

    fn year_at(&self, k: usize) -> Option<i32> {
        match self.peek(k)? {
            Tok::Num { value, digits } => valid_year(value, digits),
            _ => None,
        }
    }

    fn skip_year_words(&mut self) {
        while self.peek(0) == Some(Tok::YearWord) {
            self.i += 1;
        }
    }

    /// `dd.mm[.yyyy]`, `25 июня`, `июнь`.
    fn point(&mut self) -> Option<Point> {
        let p = match (self.peek(0)?, self.peek(1)) {
            (Tok::Date { day, month, year }, _) => {
                self.i += 1;
                if year.is_some() {
                    self.skip_year_words();
                }
                Point {
                    month,
                    day: Some(day),
                    year,
                }
            }
            (Tok::Num { value, digits }, Some(Tok::Month(month))) if digits <= 2 => {
                self.i += 2;
                Point {
                    month,
                    day: Some(value),
                    year: None,
                }
            }
            (Tok::Month(month), _) => {
                self.i += 1;
                Point {
                    month,
                    day: None,
                    year: None,
                }
            }
            _ => return None,
        };
        if let Some(d) = p.day {
            if d == 0 || d > max_days(p.month) {
                return None;
            }
        }
        if p.year.is_some_and(|y| !(MIN_YEAR..=MAX_YEAR).contains(&y)) {
            return None;
        }
        Some(p)
    }

    fn starts_point(&self, k: usize) -> bool {
        match (self.peek(k), self.peek(k + 1)) {
            (Some(Tok::Date { .. }) | Some(Tok::Month(_)), _) => true,
            (Some(Tok::Num { digits, .. }), Some(Tok::Month(_))) => digits <= 2,
            _ => false,
        }
    }

    fn is_range_sep(tok: Option<Tok>, after_from: bool) -> bool {
        match tok {
            Some(Tok::Dash) => true,
            Some(Tok::Upto) => after_from,
            _ => false,
        }
    }

    /// A single year written after a point, as in "сентябрь 2021 – май 2024".
    fn attached_year(&mut self) -> Option<i32> {
        let y = self.year_at(0)?;
        // "Сентябрь, 2021-2024" is a month with a year list, not a range end.
        if matches!(self.peek(1), Some(Tok::Slash))
            || (matches!(self.peek(1), Some(Tok::Dash)) && self.year_at(2).is_some())
        {
            return None;
        }
        self.i += 1;
        self.skip_year_words();
        Some(y)
    }

    /// One span of a month group, or a range with years at both ends.
    fn span(&mut self) -> Option<Element> {
        let after_from = self.peek(0) == Some(Tok::From);
        if after_from {
            self.i += 1;
        }
        // "1-15 сентября", "с 1 по 15 сентября"
        if let (
            Some(Tok::Num {
                value: d1,
                digits: 1..=2,
            }),
            Some(Tok::Num { digits: 1..=2, .. }),
        ) = (self.peek(0), self.peek(2))
        {
            if Self::is_range_sep(self.peek(1), after_from) && self.starts_point(2) {
                self.i += 2;
                let p = self.point()?;
                let d2 = p.day?;
                if d1 == 0 || d1 > d2 {
                    return None;
                }
                return self.finish_point(p);
            }
        }
        let start = self.point()?;
        let save = self.i;
        let start_year = match start.year {
            Some(y) => Some(y),
            None => self.attached_year(),
        };
        if Self::is_range_sep(self.peek(0), after_from) && self.starts_point(1) {
            self.i += 1;
            let end = self.point()?;
            if let Some(y1) = start_year {
                let y2 = match end.year {
                    Some(y) => y,
                    None => self.attached_year()?,
                };
                let from = month_index(y1, start.month);
                let to = month_index(y2, end.month);
                if to < from || (to == from && start.day > end.day) {
                    return None;
                }
                return Some(Element::Range(AbsRange {
                    from,
                    to,
                    day: end.day,
                }));
            }
            if end.year.is_some() {
                return None;
            }
            return Some(Element::Group(Group {
                spans: vec![Span {
                    from: start.month,
                    to: end.month,
                    day: end.day,
                }],
                years: None,
                pinned: false,
            }));
        }
        if after_from {
            return None;
        }
        // Not a range: leave any year to the year-list parser.
        self.i = save;
        self.finish_point(start)
    }

    fn finish_point(&mut self, p: Point) -> Option<Element> {
        let span = Span {
            from: p.month,
            to: p.month,
            day: p.day,
        };
        Some(Element::Group(Group {
            spans: vec![span],
            years: p.year.map(|y| vec![y]),
            pinned: false,
        }))
    }

    /// "I квартал", "1-2 квартал", "II полугодие", "I, III квартал".
    fn numeral_spans(&mut self) -> Option<Vec<Span>> {
        let mut nums: Vec<(u32, u32)> = Vec::new();
        loop {
            let n = match self.peek(0)? {
                Tok::Ordinal(n) => n,
                Tok::Num { value, digits } if digits <= 2 => value,
                _ => return None,
            };
            self.i += 1;
            if self.peek(0) == Some(Tok::Dash) {
                if let Some(Tok::Ordinal(m)) | Some(Tok::Num { value: m, .. }) = self.peek(1) {
                    self.i += 2;
                    nums.push((n, m));
                } else {
                    return None;
                }
            } else {
                nums.push((n, n));
            }
            match self.peek(0)? {
                Tok::QuarterWord | Tok::HalfWord => break,
                _ => continue,
            }
        }
        let (size, count) = match self.peek(0)? {
            Tok::QuarterWord => (3, 4),
            _ => (6, 2),
        };
        self.i += 1;
        nums.iter()
            .map(|&(a, b)| {
                // Lazily: with a = 0 the arithmetic would underflow.
                (1 <= a && a <= b && b <= count).then(|| Span {
                    from: (a - 1) * size + 1,
                    to: b * size,
                    day: None,
                })
            })
            .collect()
    }

    /// Years: "2021", "2020-2022 гг.", "2021, 2022", "2023/2024 учебный год".
    fn years(&mut self) -> Option<Years> {
        let mut plain: Vec<i32> = Vec::new();
        let mut ranges: Vec<(i32, i32)> = Vec::new();
        let mut slashed: Vec<i32> = Vec::new();
        while let Some(y1) = self.year_at(0) {
            self.i += 1;
            self.skip_year_words();
            match (self.peek(0), self.peek(1)) {
                (Some(Tok::Slash), Some(Tok::Num { value, digits })) => {
                    let end = y1 + 1;
                    let ok = match digits {
                        4 => i64::from(value) == i64::from(end),
                        2 => i64::from(value) == i64::from(end % 100),
                        _ => false,
                    };
                    if !ok {
                        return None;
                    }
                    self.i += 2;
                    slashed.push(end);
                }
                (Some(Tok::Dash), Some(Tok::Num { .. })) => {
                    let y2 = self.year_at(1)?;
                    if y2 < y1 {
                        return None;
                    }
                    self.i += 2;
                    ranges.push((y1, y2));
                }
                _ => plain.push(y1),
            }
            self.skip_year_words();
        }
        let school = self.peek(0) == Some(Tok::School);
        if school {
            self.i += 1;
            if self.peek(0) != Some(Tok::YearWord) {
                return None;
            }
            self.skip_year_words();
        }
        if school || !slashed.is_empty() {
            // A school year needs both of its calendar years named.
            if !plain.is_empty() {
                return None;
            }
            let mut ends = slashed;
            for (a, b) in ranges {
                if b == a {
                    return None;
                }
                ends.extend(a + 1..=b);
            }
            ends.sort_unstable();
            ends.dedup();
            return Some(Years::School(ends));
        }
        for (a, b) in ranges {
            plain.extend(a..=b);
        }
        // Repeated years would only repeat work ("2021 2021 ...").
        plain.sort_unstable();
        plain.dedup();
        (!plain.is_empty()).then_some(Years::Plain(plain))
    }

    /// "период реализации программы" after "весь"/"в течение".
    fn period_words(&mut self) -> bool {
        if self.peek(0) != Some(Tok::PeriodWord) {
            return false;
        }
        self.i += 1;
        while self.peek(0) == Some(Tok::PeriodTail) {
            self.i += 1;
        }
        true
    }

    /// What follows "каждый" / "в конце каждого".
    fn each_unit(&mut self) -> Option<Periodic> {
        let p = match self.peek(0)? {
            Tok::MonthUnit => Periodic::Monthly,
            Tok::QuarterWord => Periodic::Quarterly,
            Tok::HalfWord => Periodic::HalfYearly,
            Tok::YearWord => Periodic::Annual,
            _ => return None,
        };
        self.i += 1;
        self.skip_year_words();
        Some(p)
    }

    /// "N раз в год/месяц/квартал/полугодие" from the "раз" token.
    fn times_unit(&mut self, once: bool) -> Option<Periodic> {
        if self.peek(0) != Some(Tok::Times) {
            return None;
        }
        self.i += 1;
        let p = match self.each_unit()? {
            Periodic::Annual if !once => Periodic::SeveralPerYear,
            p => p,
        };
        Some(p)
    }

    fn element(&mut self) -> Option<Element> {
        let tok = self.peek(0)?;
        let periodic = |p| Some(Element::Periodic(p));
        match tok {
            Tok::Annual => {
                self.i += 1;
                periodic(Periodic::Annual)
            }
            Tok::Monthly => {
                self.i += 1;
                periodic(Periodic::Monthly)
            }
            Tok::Quarterly => {
                self.i += 1;
                periodic(Periodic::Quarterly)
            }
            Tok::Constantly => {
                self.i += 1;
                periodic(Periodic::Continuous)
            }
            Tok::Each => {
                self.i += 1;
                if self.peek(0) == Some(Tok::School) {
                    self.i += 1;
                    return (self.each_unit()? == Periodic::Annual)
                        .then_some(Element::Periodic(Periodic::SchoolYearly));
                }
                self.each_unit().map(Element::Periodic)
            }
            Tok::End => {
                self.i += 1;
                match self.peek(0)? {
                    Tok::Each => {
                        self.i += 1;
                        self.each_unit().map(Element::Periodic)
                    }
                    Tok::YearWord => {
                        self.skip_year_words();
                        periodic(Periodic::Annual)
                    }
                    Tok::Num { .. } if self.year_at(0).is_some() => match self.years()? {
                        Years::Plain(years) => Some(Element::Group(Group {
                            spans: vec![Span {
                                from: 12,
                                to: 12,
                                day: None,
                            }],
                            years: Some(years),
                            pinned: false,
                        })),
                        Years::School(_) => None,
                    },
                    // "в конце августа" is the month itself.
                    Tok::Month(_) => self.element(),
                    _ => None,
                }
            }
            Tok::During => {
                self.i += 1;
                match self.peek(0) {
                    Some(Tok::YearWord) => {
                        self.skip_year_words();
                        periodic(Periodic::Continuous)
                    }
                    Some(Tok::Current) if self.peek(1) == Some(Tok::YearWord) => {
                        self.i += 1;
                        self.skip_year_words();
                        periodic(Periodic::Continuous)
                    }
                    Some(Tok::All) => {
                        self.i += 1;
                        self.period_words()
                            .then_some(Element::Periodic(Periodic::Continuous))
                    }
                    Some(Tok::PeriodWord) => {
                        self.period_words();
                        periodic(Periodic::Continuous)
                    }
                    Some(Tok::School) if self.peek(1) == Some(Tok::YearWord) => {
                        self.i += 1;
                        self.skip_year_words();
                        periodic(Periodic::SchoolYearly)
                    }
                    // "в течение 2023 года", "в течение сентября".
                    Some(_) => self.element(),
                    None => None,
                }
            }
            // "в период с сентября по май"
            Tok::PeriodWord if self.peek(1) == Some(Tok::From) => {
                self.i += 1;
                self.element()
            }
            Tok::All => {
                self.i += 1;
                self.period_words()
                    .then_some(Element::Periodic(Periodic::Continuous))
            }
            Tok::School => {
                self.i += 1;
                if self.peek(0) != Some(Tok::YearWord) {
                    return None;
                }
                self.skip_year_words();
                periodic(Periodic::SchoolYearly)
            }
            Tok::Times => self.times_unit(true).map(Element::Periodic),
            Tok::Upto => {
                // "до 25 июня": a day must follow; "до мая" is ambiguous.
                let day_follows = matches!(
                    (self.peek(1), self.peek(2)),
                    (Some(Tok::Date { .. }), _)
                        | (Some(Tok::Num { digits: 1..=2, .. }), Some(Tok::Month(_)))
                );
                if !day_follows {
                    return None;
                }
                self.i += 1;
                self.span()
            }
            Tok::From => {
                if self.year_at(1).is_some() {
                    // "с 2021 по 2024 год"
                    self.i += 1;
                    let a = self.year_at(0)?;
                    self.i += 1;
                    self.skip_year_words();
                    if !matches!(self.peek(0), Some(Tok::Upto | Tok::Dash)) {
                        return None;
                    }
                    let b = self.year_at(1)?;
                    self.i += 2;
                    self.skip_year_words();
                    return (a <= b).then(|| Element::Years(Years::Plain((a..=b).collect())));
                }
                self.span()
            }
            Tok::Date { .. } | Tok::Month(_) => self.span(),
            Tok::Ordinal(_) => Some(Element::Group(Group {
                spans: self.numeral_spans()?,
                years: None,
                pinned: false,
            })),
            Tok::Num { value, digits } => {
                if valid_year(value, digits).is_some() {
                    return self.years().map(Element::Years);
                }
                match (self.peek(1), self.peek(2), self.peek(3)) {
                    (Some(Tok::Times), _, _) => {
                        self.i += 1;
                        self.times_unit(value == 1).map(Element::Periodic)
                    }
                    (Some(Tok::Dash), Some(Tok::Num { value: hi, .. }), Some(Tok::Times)) => {
                        if hi < value {
                            return None;
                        }
                        self.i += 2;
                        self.times_unit(hi == 1).map(Element::Periodic)
                    }
                    (Some(Tok::Month(_)), _, _) => self.span(),
                    (Some(Tok::Dash), Some(Tok::Num { .. }), Some(Tok::Month(_))) => self.span(),
                    _ => Some(Element::Group(Group {
                        spans: self.numeral_spans()?,
                        years: None,
                        pinned: false,
                    })),
                }
            }
            _ => None,
        }
    }
}

/// Parses the whole token list, or `None` when any part does not fit.
pub(crate) fn parse(toks: &[Tok]) -> Option<Vec<Element>> {
    let mut p = Parser { t: toks, i: 0 };
    let mut out: Vec<Element> = Vec::new();
    while p.i < toks.len() {
        let before = p.i;
        let el = p.element()?;
        // Consecutive month spans form one group ("ноябрь, март", "I, III").
        let merged = match (&el, out.last_mut()) {
            (Element::Group(g), Some(Element::Group(last)))
                if g.years.is_none() && last.years.is_none() && !last.pinned =>
            {
                last.spans.extend_from_slice(&g.spans);
                true
            }
            _ => false,
        };
        if !merged {
            out.push(el);
        }
        // "25 июня текущего года": explicitly every year.
        if p.peek(0) == Some(Tok::Current) && p.peek(1) == Some(Tok::YearWord) {
            match out.last_mut() {
                Some(Element::Group(g)) if g.years.is_none() => g.pinned = true,
                _ => return None,
            }
            p.i += 1;
            p.skip_year_words();
        }
        if p.i == before {
            // Defensive: the grammar always consumes, but never loop forever.
            return None;
        }
    }
    Some(out)
}
