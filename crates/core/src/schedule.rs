//! The monthly schedule of roadmap items: what the deadline text means
//! (interpreted by `metodist-schedule`), unless the user set it by hand.

use metodist_schedule::{interpret, Period, Schedule, ScheduleKind};
use serde::{Deserialize, Serialize};

use crate::model::{Item, ManualSchedule};

/// An item's schedule as stored next to it and shown in the editor.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemSchedule {
    #[serde(flatten)]
    pub schedule: Schedule,
    /// Set by the user; kept when the deadline text or the period changes.
    pub manual: bool,
}

/// An item's schedule with the item's number and uid, as the store reads
/// them back in roadmap order; what tracking and the editor work from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NumberedSchedule {
    pub number: String,
    pub item: String,
    #[serde(flatten)]
    pub schedule: ItemSchedule,
}

/// The schedule that counts for `item` in a programme running over `period`.
pub fn effective(item: &Item, period: Period) -> ItemSchedule {
    match &item.manual_schedule {
        Some(m) => ItemSchedule {
            schedule: from_manual(m, period),
            manual: true,
        },
        None => ItemSchedule {
            schedule: interpret(&item.deadline, period),
            manual: false,
        },
    }
}

/// A hand-set schedule in the shape of an interpreted one: sorted, without
/// repeats, and only what lies inside the period.
pub fn from_manual(m: &ManualSchedule, period: Period) -> Schedule {
    let mut due: Vec<_> = m
        .due
        .iter()
        .copied()
        .filter(|d| period.contains_date(*d))
        .collect();
    due.sort();
    due.dedup();
    let mut active: Vec<_> = m
        .active
        .iter()
        .copied()
        .filter(|a| period.contains_month(*a))
        .collect();
    active.sort();
    active.dedup();
    let outside_period = due.len() != m.due.len() || active.len() != m.active.len();
    let kind = match due.len() {
        0 => ScheduleKind::OnRequest,
        1 => ScheduleKind::Once,
        _ => ScheduleKind::Recurring,
    };
    Schedule {
        recognized: true,
        kind,
        due,
        active,
        outside_period,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn period() -> Period {
        Period::new("2024-09".parse().unwrap(), "2026-05".parse().unwrap()).unwrap()
    }

    fn item(deadline: &str, manual: Option<ManualSchedule>) -> Item {
        Item {
            uid: "x".into(),
            activity: "Мероприятие".into(),
            deadline: deadline.into(),
            manual_schedule: manual,
            responsible: String::new(),
            expected_result: String::new(),
            planned_value: String::new(),
            per_year: Vec::new(),
            tracking: Vec::new(),
        }
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_deadline_text_is_interpreted_when_nothing_was_set_by_hand() {
        let s = effective(&item("Ежегодно, сентябрь", None), period());
        assert!(!s.manual);
        assert_eq!(s.schedule.kind, ScheduleKind::Recurring);
        assert_eq!(s.schedule.due, [d("2024-09-30"), d("2025-09-30")]);
    }

    #[test]
    fn a_hand_set_schedule_wins_and_is_cleaned() {
        let m = ManualSchedule {
            due: vec![
                d("2025-06-30"),
                d("2024-12-31"),
                d("2025-06-30"),
                d("2030-01-01"),
            ],
            active: vec!["2025-05".parse().unwrap()],
        };
        let s = effective(&item("в дни проведения ГИА", Some(m)), period());
        assert!(s.manual);
        assert_eq!(s.schedule.due, [d("2024-12-31"), d("2025-06-30")]);
        assert!(s.schedule.outside_period, "2030 was dropped and flagged");
        assert_eq!(s.schedule.kind, ScheduleKind::Recurring);
    }
}
