//! How well a programme is doing (docs/design.md §5). The widely used method is
//! one implementation of `Method`; districts that weight indicators
//! differently can add their own without touching the rest.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Direction, Programme, TrackStatus};
use crate::tracking::DueEntry;

/// The share of an item's due dates that must be done for it to count.
pub const ITEM_DONE_SHARE: f64 = 0.9;

#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    High,
    Medium,
    Satisfactory,
    Unsatisfactory,
}

impl Rating {
    pub fn of(score: f64) -> Self {
        if score >= 0.90 {
            Self::High
        } else if score >= 0.80 {
            Self::Medium
        } else if score >= 0.70 {
            Self::Satisfactory
        } else {
            Self::Unsatisfactory
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::High => "высокая",
            Self::Medium => "средняя",
            Self::Satisfactory => "удовлетворительная",
            Self::Unsatisfactory => "неудовлетворительная",
        }
    }
}

/// One indicator in one year.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorScore {
    pub indicator: String,
    pub name: String,
    pub unit: String,
    pub year: i32,
    pub plan: Option<f64>,
    pub fact: Option<f64>,
    /// Степень достижения, 0..=1; `None` until both plan and fact are known.
    pub degree: Option<f64>,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The day the evaluation is made: due dates after it are not yet owed
    /// and count nowhere; a due date before it with no record is overdue.
    pub as_of: NaiveDate,
    pub indicators: Vec<IndicatorScore>,
    /// Average degree of achievement of the goals (indicators).
    pub goals: Option<f64>,
    /// Items counted as done / items due in the range.
    pub items_done: usize,
    pub items_due: usize,
    /// Due dates in the range, owed by `as_of`, not done: «просрочено».
    pub overdue: usize,
    pub activities: Option<f64>,
    pub overall: Option<f64>,
    pub rating: Option<Rating>,
}

pub trait Method {
    /// The programme's effectiveness over the days `from ..= to`, as known
    /// on `as_of` (the report's date, or today).
    fn evaluate(
        &self,
        p: &Programme,
        entries: &[DueEntry],
        from: NaiveDate,
        to: NaiveDate,
        as_of: NaiveDate,
    ) -> Evaluation;
}

/// СД = fact / plan (plan / fact when lower is better), at most 1; goals
/// are the average СД; activities the share of items with at least 90 % of
/// their due dates in the range done; the overall score the average of the
/// two.
pub struct Standard;

/// The due dates of `entries` in `from ..= to` that are owed by `as_of`:
/// the report and «Исполнение» count these and nothing else.
pub fn owed_in(
    entries: &[DueEntry],
    from: NaiveDate,
    to: NaiveDate,
    as_of: NaiveDate,
) -> impl Iterator<Item = &DueEntry> + Clone {
    let last = to.min(as_of);
    entries
        .iter()
        .filter(move |e| e.due >= from && e.due <= last)
}

/// The degree of achievement of one value.
pub fn degree(direction: Direction, plan: f64, fact: f64) -> f64 {
    let (num, den) = match direction {
        Direction::Increase => (fact, plan),
        Direction::Decrease => (plan, fact),
    };
    let d = if den <= 0.0 {
        // Plan 0 (or a perfect 0 where lower is better): met when the
        // numerator is not below it.
        if num >= den {
            1.0
        } else {
            0.0
        }
    } else {
        num / den
    };
    d.clamp(0.0, 1.0)
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

impl Method for Standard {
    fn evaluate(
        &self,
        p: &Programme,
        entries: &[DueEntry],
        from: NaiveDate,
        to: NaiveDate,
        as_of: NaiveDate,
    ) -> Evaluation {
        use chrono::Datelike;
        let years = from.year()..=to.year();
        let mut indicators = Vec::new();
        for ind in &p.indicators {
            for year in years.clone() {
                let v = ind.values.iter().find(|v| v.year == year);
                let (plan, fact) = (v.and_then(|v| v.plan), v.and_then(|v| v.fact));
                if plan.is_none() && fact.is_none() {
                    continue;
                }
                indicators.push(IndicatorScore {
                    indicator: ind.uid.clone(),
                    name: ind.name.clone(),
                    unit: ind.unit.clone(),
                    year,
                    plan,
                    fact,
                    degree: plan.zip(fact).map(|(pl, f)| degree(ind.direction, pl, f)),
                });
            }
        }
        let goals = mean(indicators.iter().filter_map(|s| s.degree));

        // Per item: its due dates in the range that are owed by `as_of` (a
        // moved date counts at its new date only), and how many are done.
        let mut per_item: Vec<(&str, usize, usize)> = Vec::new();
        let owed = owed_in(entries, from, to, as_of);
        let overdue = owed.clone().filter(|e| e.is_overdue(as_of)).count();
        for e in owed {
            if e.status == TrackStatus::Moved {
                continue;
            }
            match per_item.iter_mut().find(|(uid, _, _)| *uid == e.item) {
                Some(entry) => {
                    entry.1 += 1;
                    entry.2 += usize::from(e.is_done());
                }
                None => per_item.push((&e.item, 1, usize::from(e.is_done()))),
            }
        }
        let items_due = per_item.len();
        let items_done = per_item
            .iter()
            .filter(|(_, due, done)| *done as f64 >= ITEM_DONE_SHARE * *due as f64)
            .count();
        let activities = (items_due > 0).then(|| items_done as f64 / items_due as f64);
        let overall = mean(goals.into_iter().chain(activities));
        Evaluation {
            from,
            to,
            as_of,
            indicators,
            goals,
            items_done,
            items_due,
            overdue,
            activities,
            overall,
            rating: overall.map(Rating::of),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degrees_follow_the_direction_and_are_capped() {
        assert_eq!(degree(Direction::Increase, 80.0, 60.0), 0.75);
        assert_eq!(degree(Direction::Increase, 80.0, 100.0), 1.0);
        assert_eq!(degree(Direction::Decrease, 5.0, 10.0), 0.5);
        assert_eq!(degree(Direction::Decrease, 5.0, 4.0), 1.0);
        assert_eq!(degree(Direction::Decrease, 0.0, 0.0), 1.0);
        assert_eq!(degree(Direction::Increase, 0.0, 3.0), 1.0);
    }

    #[test]
    fn ratings_have_their_thresholds() {
        assert_eq!(Rating::of(0.90), Rating::High);
        assert_eq!(Rating::of(0.8999), Rating::Medium);
        assert_eq!(Rating::of(0.80), Rating::Medium);
        assert_eq!(Rating::of(0.70), Rating::Satisfactory);
        assert_eq!(Rating::of(0.6999), Rating::Unsatisfactory);
    }
}
