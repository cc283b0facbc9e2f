//! A short Russian summary of a schedule for the roadmap editor.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};

use crate::calendar::YearMonth;
use crate::interpret::{Schedule, ScheduleKind};
use crate::months::month_names;

fn month_name(m: u32) -> &'static str {
    month_names(m).map_or("?", |n| n.nominative)
}

fn month_genitive(m: u32) -> &'static str {
    month_names(m).map_or("?", |n| n.genitive)
}

fn ym(m: YearMonth) -> String {
    format!("{} {}", month_name(m.month()), m.year())
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn is_month_end(d: NaiveDate) -> bool {
    d.succ_opt().is_none_or(|n| n.month() != d.month())
}

/// "январь – март 2022" or "сентябрь 2021 – май 2024".
fn month_range(a: YearMonth, b: YearMonth) -> String {
    if a == b {
        ym(a)
    } else if a.year() == b.year() {
        format!("{} – {}", month_name(a.month()), ym(b))
    } else {
        format!("{} – {}", ym(a), ym(b))
    }
}

/// Consecutive runs of months.
fn runs(active: &[YearMonth]) -> Vec<(YearMonth, YearMonth)> {
    let mut out: Vec<(YearMonth, YearMonth)> = Vec::new();
    for &m in active {
        match out.last_mut() {
            Some((_, end)) if end.next() == m => *end = m,
            _ => out.push((m, m)),
        }
    }
    out
}

fn years_text(years: &BTreeSet<i32>) -> String {
    let (Some(&first), Some(&last)) = (years.first(), years.last()) else {
        return String::new();
    };
    let consecutive = i64::from(last) - i64::from(first) + 1 == years.len() as i64;
    if years.len() > 3 && consecutive {
        format!("{first}–{last}")
    } else {
        years
            .iter()
            .map(|y| y.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// "март, ноябрь – декабрь" from a set of month numbers.
fn month_runs(months: &BTreeSet<u32>) -> String {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &m in months {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == m => *end = m,
            _ => runs.push((m, m)),
        }
    }
    runs.iter()
        .map(|&(a, b)| match b - a {
            0 => month_name(a).to_string(),
            1 => format!("{}, {}", month_name(a), month_name(b)),
            _ => format!("{} – {}", month_name(a), month_name(b)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn recurring(s: &Schedule) -> String {
    let monthly = s.due.len() >= 3
        && s.due.len() == s.active.len()
        && s.due.iter().all(|&d| is_month_end(d))
        && runs(&s.active).len() == 1;
    if monthly {
        if let (Some(&a), Some(&b)) = (s.active.first(), s.active.last()) {
            return format!("ежемесячно: {}", month_range(a, b));
        }
    }
    let years: BTreeSet<i32> = s.due.iter().map(|d| d.year()).collect();
    let all_month_ends = s.due.iter().all(|&d| is_month_end(d));
    let due_months: BTreeSet<u32> = s.due.iter().map(|d| d.month()).collect();
    let due_months: Vec<u32> = due_months.into_iter().collect();
    let head = if all_month_ends && due_months == [3, 6, 9, 12] {
        "ежеквартально:".to_string()
    } else if all_month_ends && due_months == [6, 12] {
        "каждое полугодие:".to_string()
    } else if all_month_ends {
        // Active months show spans ("ноябрь – декабрь"), not only the ends.
        let active: BTreeSet<u32> = s.active.iter().map(|m| m.month()).collect();
        format!("ежегодно: {}", month_runs(&active))
    } else {
        let days: BTreeSet<(u32, u32)> = s.due.iter().map(|d| (d.month(), d.day())).collect();
        let dates: Vec<String> = days
            .iter()
            .map(|&(m, d)| format!("{d} {}", month_genitive(m)))
            .collect();
        format!("ежегодно: {}", dates.join(", "))
    };
    format!("{head} {}", years_text(&years))
}

fn continuous(s: &Schedule) -> String {
    let r = runs(&s.active);
    match r.as_slice() {
        [] => "постоянно".to_string(),
        [(a, b)] => format!("постоянно: {}", month_range(*a, *b)),
        [(a, b), (c, d)] => format!(
            "постоянно: {}, {}",
            month_range(*a, *b),
            month_range(*c, *d)
        ),
        [(a, _), .., (_, b)] => {
            let school = r.iter().skip(1).all(|(start, _)| start.month() == 9);
            if school {
                format!("в течение учебного года: {} – {}", ym(*a), ym(*b))
            } else {
                format!("с перерывами: {} – {}", ym(*a), ym(*b))
            }
        }
    }
}

fn once(s: &Schedule) -> String {
    match (s.due.as_slice(), s.active.as_slice()) {
        ([d], [a, .., b]) if runs(&s.active).len() == 1 => {
            format!("однократно: {}, срок {}", month_range(*a, *b), dmy(*d))
        }
        // The due date fell outside the period, the work did not.
        ([], [a, .., b]) if runs(&s.active).len() == 1 => {
            format!("однократно: {}", month_range(*a, *b))
        }
        ([], [a]) => format!("однократно: {}", ym(*a)),
        _ => {
            let dates: Vec<String> = s.due.iter().map(|&d| dmy(d)).collect();
            format!("однократно: {}", dates.join(", "))
        }
    }
}

/// A short Russian description of `schedule` for the roadmap editor.
pub fn describe(schedule: &Schedule) -> String {
    let text = match schedule.kind {
        ScheduleKind::Unknown => return "не распознано — укажите месяцы вручную".to_string(),
        ScheduleKind::OnRequest => return "по запросу, без срока".to_string(),
        _ if schedule.due.is_empty() && schedule.active.is_empty() => {
            return if schedule.outside_period {
                "все даты вне периода программы — проверьте год".to_string()
            } else {
                "в периоде программы сроков нет".to_string()
            };
        }
        ScheduleKind::Once => once(schedule),
        ScheduleKind::Recurring => recurring(schedule),
        ScheduleKind::Continuous => continuous(schedule),
    };
    if schedule.outside_period {
        format!("{text} (часть дат вне периода программы)")
    } else {
        text
    }
}
