//! A programme as the start of a new one (from a template, or duplicated to
//! draft the next period's): the same text with new identities and none of
//! the old one's history.

use std::collections::HashMap;

use chrono::Months;
use metodist_schedule::{Period, YearMonth};

use crate::error::{CoreError, Result};
use crate::model::*;
use crate::uid::new_uid;

/// `p` with new uids everywhere (references between parts follow), status
/// draft, the act's date and number cleared, no tracking, no facts.
pub fn fresh_copy(p: &Programme) -> Programme {
    let mut c = p.clone();
    c.uid = new_uid();
    c.status = ProgrammeStatus::Draft;
    if let Some(act) = &mut c.act {
        act.date = None;
        act.number = None;
    }
    for row in &mut c.passport {
        row.uid = new_uid();
    }
    let mut task_uids = HashMap::new();
    for t in &mut c.tasks {
        let new = new_uid();
        task_uids.insert(std::mem::replace(&mut t.uid, new.clone()), new);
    }
    for s in &mut c.sections {
        s.uid = new_uid();
    }
    for ind in &mut c.indicators {
        ind.uid = new_uid();
        ind.task = ind.task.as_ref().and_then(|t| task_uids.get(t).cloned());
        for v in &mut ind.values {
            v.fact = None;
        }
    }
    for b in &mut c.roadmap.blocks {
        b.uid = new_uid();
        for i in &mut b.items {
            i.uid = new_uid();
            i.tracking.clear();
        }
    }
    c
}

/// `p` moved `years` later: the period, the indicators' years, the
/// roadmap's year columns and per-year texts, months set by hand, and every
/// year of the programme's own span written in its texts («Сентябрь 2025»,
/// «2025–2028 гг.», «до 01.02.2026», «на 2025–2028 годы»). The span runs
/// from the earliest base year (or the year before the period) to the last
/// year; other years, such as the law of 29.12.2012, are left as written.
/// Meant for a `fresh_copy`: what was tracked belongs to the old dates and
/// is not moved.
pub fn shift_years(p: &mut Programme, years: i32) -> Result<()> {
    if years == 0 {
        return Ok(());
    }
    let out_of_range = || {
        CoreError::InvalidEdit(format!(
            "период программы нельзя сдвинуть на {years} г.: годы выходят за пределы 1900–2200"
        ))
    };
    let month = |m: YearMonth| YearMonth::new(m.year() + years, m.month());
    let first = p
        .indicators
        .iter()
        .filter_map(|i| i.base_year)
        .fold(p.period.start.year() - 1, i32::min);
    let span = first..=p.period.end.year();
    p.period = Period::new(
        month(p.period.start).map_err(|_| out_of_range())?,
        month(p.period.end).map_err(|_| out_of_range())?,
    )
    .map_err(|_| out_of_range())?;
    let shift = |text: &mut String| {
        if let Some(shifted) = shift_years_in_text(text, &span, years) {
            *text = shifted;
        }
    };
    for_each_text(p, shift);
    for ind in &mut p.indicators {
        if let Some(y) = &mut ind.base_year {
            *y += years;
        }
        for v in &mut ind.values {
            v.year += years;
        }
    }
    for y in &mut p.roadmap.year_columns {
        *y += years;
    }
    let step = Months::new(12 * years.unsigned_abs());
    for b in &mut p.roadmap.blocks {
        for i in &mut b.items {
            for t in &mut i.per_year {
                t.year += years;
            }
            if let Some(m) = &mut i.manual_schedule {
                for d in &mut m.due {
                    // 29 February becomes 28 February in a common year.
                    let moved = if years > 0 {
                        d.checked_add_months(step)
                    } else {
                        d.checked_sub_months(step)
                    };
                    *d = moved.ok_or_else(out_of_range)?;
                }
                for a in &mut m.active {
                    *a = month(*a).map_err(|_| out_of_range())?;
                }
            }
        }
    }
    Ok(())
}

/// `text` with every four-digit year inside `span` moved by `years`, or
/// None when it names none. A year is four digits with no digit on either
/// side, so «2025» in «01.09.2025» or «2025–2028» counts and «120250» does not.
fn shift_years_in_text(
    text: &str,
    span: &std::ops::RangeInclusive<i32>,
    years: i32,
) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut changed = false;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i - start != 4 {
            continue;
        }
        let year: i32 = text[start..i].parse().expect("four ASCII digits");
        if span.contains(&year) {
            out.push_str(&text[last..start]);
            out.push_str(&(year + years).to_string());
            last = i;
            changed = true;
        }
    }
    if !changed {
        return None;
    }
    out.push_str(&text[last..]);
    Some(out)
}

/// Calls `f` on every text of the programme a user wrote (not on uids).
fn for_each_text(p: &mut Programme, mut f: impl FnMut(&mut String)) {
    f(&mut p.title);
    if let Some(act) = &mut p.act {
        act.issuer.iter_mut().for_each(&mut f);
        if let Some(n) = &mut act.number {
            f(n);
        }
        f(&mut act.place);
        f(&mut act.title);
        f(&mut act.preamble);
        f(&mut act.formula);
        act.points.iter_mut().for_each(&mut f);
        f(&mut act.signatory_position);
        f(&mut act.signatory_name);
        if let Some(e) = &mut act.executor {
            f(e);
        }
    }
    f(&mut p.appendix.number);
    f(&mut p.appendix.issuer_genitive);
    for row in &mut p.passport {
        f(&mut row.label);
        for block in &mut row.content {
            match block {
                TextBlock::Paragraph { text } => f(text),
                TextBlock::Numbered { items } | TextBlock::Bulleted { items } => {
                    items.iter_mut().for_each(&mut f)
                }
            }
        }
    }
    for t in &mut p.tasks {
        f(&mut t.text);
    }
    for s in &mut p.sections {
        f(&mut s.title);
        for block in &mut s.body {
            match block {
                SectionBlock::Paragraph { text } => f(text),
                SectionBlock::Numbered { items } | SectionBlock::Bulleted { items } => {
                    items.iter_mut().for_each(&mut f)
                }
                SectionBlock::Table { columns, rows } => {
                    columns.iter_mut().for_each(&mut f);
                    rows.iter_mut().flatten().for_each(&mut f);
                }
                SectionBlock::Risks { rows, .. } => {
                    for r in rows {
                        f(&mut r.stage);
                        f(&mut r.risk);
                        f(&mut r.mitigation);
                    }
                }
                SectionBlock::Swot {
                    strengths,
                    weaknesses,
                    opportunities,
                    threats,
                } => {
                    for list in [strengths, weaknesses, opportunities, threats] {
                        list.iter_mut().for_each(&mut f);
                    }
                }
                SectionBlock::Indicators | SectionBlock::Roadmap => {}
            }
        }
    }
    for ind in &mut p.indicators {
        f(&mut ind.name);
        f(&mut ind.unit);
    }
    for b in &mut p.roadmap.blocks {
        f(&mut b.title);
        for i in &mut b.items {
            f(&mut i.activity);
            f(&mut i.deadline);
            f(&mut i.responsible);
            f(&mut i.expected_result);
            f(&mut i.planned_value);
            for t in &mut i.per_year {
                f(&mut t.text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_in_the_span_move_and_others_stay() {
        let span = 2024..=2028;
        let shift = |t: &str| shift_years_in_text(t, &span, 2);
        assert_eq!(shift("Сентябрь 2025").as_deref(), Some("Сентябрь 2027"));
        assert_eq!(shift("2025–2028 гг.").as_deref(), Some("2027–2030 гг."));
        assert_eq!(shift("до 01.09.2025").as_deref(), Some("до 01.09.2027"));
        assert_eq!(
            shift("2024/2025 учебный год").as_deref(),
            Some("2026/2027 учебный год")
        );
        // Outside the span, or not a four-digit number: left as written.
        assert_eq!(shift("от 29.12.2012 № 273-ФЗ"), None);
        assert_eq!(shift("2029 год, 120250 рублей, 20251"), None);
        assert_eq!(shift("Ежегодно"), None);
        assert_eq!(
            shift_years_in_text("в 2027 г.", &(2026..=2027), -3).as_deref(),
            Some("в 2024 г.")
        );
    }

    #[test]
    fn a_shift_moves_every_dated_part_and_keeps_the_programme_valid() {
        // The generated programme runs 09.2024 – 05.2027; 29.02.2024 is
        // before it, so the hand-set date is the leap day of the shifted year.
        let mut p = fresh_copy(&crate::generate::programme(40, 1));
        let first = p.numbered_items().next().unwrap().2.uid.clone();
        for b in &mut p.roadmap.blocks {
            for i in &mut b.items {
                if i.uid == first {
                    i.manual_schedule = Some(ManualSchedule {
                        due: vec!["2026-02-28".parse().unwrap()],
                        active: vec!["2026-02".parse().unwrap()],
                    });
                }
            }
        }
        assert!(crate::validate::validate(&p).is_empty());
        let before = p.clone();
        shift_years(&mut p, 2).unwrap();
        assert!(
            crate::validate::validate(&p).is_empty(),
            "{:?}",
            crate::validate::validate(&p)
        );
        assert_eq!(p.period.start.to_string(), "2026-09");
        assert_eq!(p.period.end.to_string(), "2029-05");
        let manual = p
            .numbered_items()
            .find_map(|(_, _, i)| i.manual_schedule.clone())
            .unwrap();
        assert_eq!(manual.due, vec!["2028-02-28".parse().unwrap()]);
        assert_eq!(manual.active, vec!["2028-02".parse().unwrap()]);
        for (a, b) in before.indicators.iter().zip(&p.indicators) {
            for (x, y) in a.values.iter().zip(&b.values) {
                assert_eq!(y.year, x.year + 2);
            }
        }
        // 29 February has no counterpart in a common year: the last day of February.
        let mut leap = ManualSchedule {
            due: vec!["2028-02-29".parse().unwrap()],
            active: vec![],
        };
        p.roadmap.blocks[0].items[0].manual_schedule = Some(leap.clone());
        shift_years(&mut p, 1).unwrap();
        leap = p.roadmap.blocks[0].items[0]
            .manual_schedule
            .clone()
            .unwrap();
        assert_eq!(leap.due, vec!["2029-02-28".parse().unwrap()]);
        assert!(
            shift_years(&mut p, 400).is_err(),
            "years past 2200 are refused"
        );
    }

    #[test]
    fn a_fresh_copy_shares_no_uid_and_keeps_task_links() {
        let p = crate::generate::programme(30, 2);
        let c = fresh_copy(&p);
        assert!(crate::validate::validate(&c).is_empty());
        assert_ne!(c.uid, p.uid);
        assert_eq!(c.item_count(), 30);
        for (a, b) in p.numbered_items().zip(c.numbered_items()) {
            assert_ne!(a.2.uid, b.2.uid);
            assert_eq!(a.2.activity, b.2.activity);
            assert!(b.2.tracking.is_empty());
        }
        for (a, b) in p.indicators.iter().zip(&c.indicators) {
            let ta = p.tasks.iter().position(|t| Some(&t.uid) == a.task.as_ref());
            let tb = c.tasks.iter().position(|t| Some(&t.uid) == b.task.as_ref());
            assert_eq!(ta, tb, "the indicator points at the same task");
            assert!(b.values.iter().all(|v| v.fact.is_none()));
        }
        assert_eq!(c.status, ProgrammeStatus::Draft);
        assert_eq!(c.act.as_ref().unwrap().number, None);
    }
}
