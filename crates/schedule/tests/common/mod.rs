//! Compact notation for expected schedules, shared by the test files.
//!
//! Months: "2021-09" or an inclusive range "2021-09..2022-05".
//! Due dates: "2021-12-31", or "ends:2021-01..2021-12" for the last day of
//! every month of a range.

#![allow(dead_code)]

use chrono::NaiveDate;
use metodist_schedule::{interpret, Period, Schedule, ScheduleKind, YearMonth};

pub use metodist_schedule::ScheduleKind::{Continuous, OnRequest, Once, Recurring, Unknown};

pub fn ym(s: &str) -> YearMonth {
    s.parse().unwrap_or_else(|e| panic!("bad month {s}: {e}"))
}

pub fn period(from: &str, to: &str) -> Period {
    Period::new(ym(from), ym(to)).expect("valid test period")
}

fn month_range(spec: &str) -> Vec<YearMonth> {
    match spec.split_once("..") {
        Some((a, b)) => Period::new(ym(a), ym(b)).expect("range").months().collect(),
        None => vec![ym(spec)],
    }
}

pub fn months(specs: &[&str]) -> Vec<YearMonth> {
    specs.iter().flat_map(|s| month_range(s)).collect()
}

pub fn dates(specs: &[&str]) -> Vec<NaiveDate> {
    specs
        .iter()
        .flat_map(|s| match s.strip_prefix("ends:") {
            Some(range) => month_range(range)
                .into_iter()
                .map(|m| m.last_day())
                .collect(),
            None => vec![NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .unwrap_or_else(|e| panic!("bad date {s}: {e}"))],
        })
        .collect()
}

/// One expected reading: phrase, kind, due dates, active months, outside flag.
pub struct Case {
    pub phrase: &'static str,
    pub kind: ScheduleKind,
    pub due: &'static [&'static str],
    pub active: &'static [&'static str],
    pub outside: bool,
}

pub const fn case(
    phrase: &'static str,
    kind: ScheduleKind,
    due: &'static [&'static str],
    active: &'static [&'static str],
    outside: bool,
) -> Case {
    Case {
        phrase,
        kind,
        due,
        active,
        outside,
    }
}

pub fn expected(c: &Case) -> Schedule {
    Schedule {
        recognized: c.kind != Unknown,
        kind: c.kind,
        due: dates(c.due),
        active: months(c.active),
        outside_period: c.outside,
    }
}

/// Checks every case and reports all mismatches at once.
pub fn check_all(p: Period, cases: &[Case]) {
    let mut failures = Vec::new();
    for c in cases {
        let got = interpret(c.phrase, p);
        let want = expected(c);
        if got != want {
            failures.push(format!(
                "«{}» in {}..{}\n   got: {}\n  want: {}",
                c.phrase,
                p.start,
                p.end,
                serde_json::to_string(&got).unwrap_or_default(),
                serde_json::to_string(&want).unwrap_or_default()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
