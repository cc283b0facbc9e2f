//! The roadmap month by month: every due date of every item with its
//! status, what is overdue as of a day, what falls in a month or in the next
//! 30 days. "Overdue" is derived from the date asked about, never stored.
//!
//! Everything here is a pure function of a programme and its items' stored
//! schedules (`Store::load` and `Store::item_schedules`): the caller reads
//! both once and computes as many screens from them as it needs, and the
//! store knows nothing of screens.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use metodist_schedule::{ScheduleKind, YearMonth};
use serde::Serialize;

use crate::model::{Block, Item, Programme, TrackStatus, TrackingRecord};
use crate::schedule::{ItemSchedule, NumberedSchedule};

/// One roadmap item in order, with its position and its stored schedule
/// (absent only when the store has none for it).
struct Scheduled<'a> {
    /// The item's number as the programme prints it.
    number: String,
    /// Its block's number as the programme counts it.
    block_number: String,
    block: &'a Block,
    item: &'a Item,
    schedule: Option<&'a ItemSchedule>,
}

impl Scheduled<'_> {
    fn number(&self) -> String {
        self.number.clone()
    }
}

/// Every item of `p` in roadmap order with its schedule from `schedules`.
fn scheduled<'a>(p: &'a Programme, schedules: &'a [NumberedSchedule]) -> Vec<Scheduled<'a>> {
    let by_uid: HashMap<&str, &ItemSchedule> = schedules
        .iter()
        .map(|s| (s.item.as_str(), &s.schedule))
        .collect();
    let mut out = Vec::with_capacity(schedules.len());
    let mut numbers = p.numbered_items().map(|(n, _, _)| n);
    for (b, block) in p.roadmap.blocks.iter().enumerate() {
        let block_number = p.block_number(b);
        for item in &block.items {
            out.push(Scheduled {
                number: numbers.next().unwrap_or_default(),
                block_number: block_number.clone(),
                block,
                item,
                schedule: by_uid.get(item.uid.as_str()).copied(),
            });
        }
    }
    out
}

/// One due date of one item.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueEntry {
    /// «2.3»
    pub number: String,
    pub item: String,
    /// Number and title of the block, «2» and «Кадры».
    pub block_number: String,
    pub block_title: String,
    pub activity: String,
    pub deadline: String,
    pub responsible: String,
    pub due: NaiveDate,
    pub status: TrackStatus,
    pub done_on: Option<NaiveDate>,
    pub moved_to: Option<NaiveDate>,
    pub comment: String,
    pub evidence: String,
}

impl DueEntry {
    /// Done, in time or late.
    pub fn is_done(&self) -> bool {
        matches!(self.status, TrackStatus::Done | TrackStatus::DoneLate)
    }

    /// Still owed as of `today`: its date has passed and it is neither done
    /// nor moved to another date (the new date is an entry of its own).
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.due < today && matches!(self.status, TrackStatus::Planned | TrackStatus::NotDone)
    }

    /// The status in words as of `as_of`, as the report and the
    /// spreadsheet give it: a past due date with no record is «просрочено»
    /// (derived, never stored), a later one «срок не наступил».
    pub fn status_on(&self, as_of: NaiveDate) -> String {
        match (self.status, self.moved_to) {
            (TrackStatus::Moved, Some(to)) => format!("перенесено на {}", crate::text::date_ru(to)),
            (TrackStatus::Planned, _) if self.due < as_of => "просрочено".to_string(),
            (TrackStatus::Planned, _) if self.due > as_of => "срок не наступил".to_string(),
            (s, _) => s.label().to_string(),
        }
    }
}

/// Every due date of the programme in roadmap order, then by date: the
/// schedule's dates, plus the new dates of moved ones.
pub fn entries(p: &Programme, schedules: &[NumberedSchedule]) -> Vec<DueEntry> {
    entries_of(&scheduled(p, schedules))
}

fn entries_of(items: &[Scheduled<'_>]) -> Vec<DueEntry> {
    let mut out = Vec::new();
    for s in items {
        let item = s.item;
        let mut dues: Vec<NaiveDate> = s
            .schedule
            .map(|x| x.schedule.due.clone())
            .unwrap_or_default();
        // Records for dates the schedule no longer has (the deadline was
        // edited) still show: what was done stays visible.
        dues.extend(item.tracking.iter().map(|t| t.due));
        dues.extend(item.tracking.iter().filter_map(|t| t.moved_to));
        dues.sort();
        dues.dedup();
        let records: HashMap<NaiveDate, &TrackingRecord> =
            item.tracking.iter().map(|t| (t.due, t)).collect();
        for due in dues {
            let rec = records.get(&due);
            out.push(DueEntry {
                number: s.number(),
                item: item.uid.clone(),
                block_number: s.block_number.clone(),
                block_title: s.block.title.clone(),
                activity: item.activity.clone(),
                deadline: item.deadline.clone(),
                responsible: item.responsible.clone(),
                due,
                status: rec.map(|r| r.status).unwrap_or(TrackStatus::Planned),
                done_on: rec.and_then(|r| r.done_on),
                moved_to: rec.and_then(|r| r.moved_to),
                comment: rec.map(|r| r.comment.clone()).unwrap_or_default(),
                evidence: rec.map(|r| r.evidence.clone()).unwrap_or_default(),
            });
        }
    }
    out
}

/// Why tracking cannot follow an item: its deadline gives no due date in the
/// period, so it would silently never appear in a month.
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UntrackedReason {
    /// The Сроки cell is empty.
    Missing,
    /// The deadline text was not understood (docs/design.md §4 rule 13).
    Unrecognized,
    /// Every date it names lies outside the period, most likely a typo in the year.
    OutsidePeriod,
    /// Understood, but none of its dates falls inside the period
    /// («август» in a programme running September to May).
    NoneInPeriod,
}

impl UntrackedReason {
    /// Why, in the words of a report: «срок не указан».
    pub fn label(self) -> &'static str {
        match self {
            Self::Missing => "срок не указан",
            Self::Unrecognized => "срок не распознан",
            Self::OutsidePeriod => "все даты вне периода программы",
            Self::NoneInPeriod => "в периоде программы сроков нет",
        }
    }
}

/// A roadmap item without a due date in the programme's period.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Untracked {
    pub number: String,
    pub item: String,
    pub activity: String,
    pub deadline: String,
    pub reason: UntrackedReason,
}

/// The items that tracking cannot follow, in roadmap order. A schedule set
/// by hand is the user's answer and is never listed, nor is an item "on
/// request", which has no dates on purpose (§4 rule 12).
pub fn untracked(p: &Programme, schedules: &[NumberedSchedule]) -> Vec<Untracked> {
    untracked_of(&scheduled(p, schedules))
}

fn untracked_of(items: &[Scheduled<'_>]) -> Vec<Untracked> {
    let mut out = Vec::new();
    for s in items {
        let Some(x) = s.schedule else { continue };
        let schedule = &x.schedule;
        if x.manual || !schedule.due.is_empty() {
            continue;
        }
        let reason = match schedule.kind {
            ScheduleKind::OnRequest => continue,
            ScheduleKind::Unknown if s.item.deadline.trim().is_empty() => UntrackedReason::Missing,
            ScheduleKind::Unknown => UntrackedReason::Unrecognized,
            _ if schedule.outside_period => UntrackedReason::OutsidePeriod,
            _ => UntrackedReason::NoneInPeriod,
        };
        out.push(Untracked {
            number: s.number(),
            item: s.item.uid.clone(),
            activity: s.item.activity.clone(),
            deadline: s.item.deadline.clone(),
            reason,
        });
    }
    out
}

/// The entries due in `month`.
pub fn in_month(entries: &[DueEntry], month: YearMonth) -> Vec<DueEntry> {
    entries
        .iter()
        .filter(|e| YearMonth::of_date(e.due) == month)
        .cloned()
        .collect()
}

/// An item whose work is under way in a month that holds none of its due
/// dates: «Январь – март 2025» in January, «в течение года» in any month.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnderWay {
    pub number: String,
    pub item: String,
    pub block_number: String,
    pub block_title: String,
    pub activity: String,
    pub deadline: String,
    pub responsible: String,
    /// Its first due date after the month, when there is one in the period.
    pub next_due: Option<NaiveDate>,
}

/// The «Месяц» screen: the due dates of the month, and the items under way
/// in it without a due date there (in roadmap order).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthScreen {
    pub due: Vec<DueEntry>,
    pub under_way: Vec<UnderWay>,
}

/// `MonthScreen` for `month` from one reading of the programme and its schedules.
pub fn month_screen(
    p: &Programme,
    schedules: &[NumberedSchedule],
    month: YearMonth,
) -> MonthScreen {
    let items = scheduled(p, schedules);
    let due = in_month(&entries_of(&items), month);
    let due_here: std::collections::HashSet<&str> = due.iter().map(|e| e.item.as_str()).collect();
    let mut under_way = Vec::new();
    for s in &items {
        let Some(x) = s.schedule else { continue };
        if due_here.contains(s.item.uid.as_str()) || !x.schedule.active.contains(&month) {
            continue;
        }
        under_way.push(UnderWay {
            number: s.number(),
            item: s.item.uid.clone(),
            block_number: s.block_number.clone(),
            block_title: s.block.title.clone(),
            activity: s.item.activity.clone(),
            deadline: s.item.deadline.clone(),
            responsible: s.item.responsible.clone(),
            next_due: x
                .schedule
                .due
                .iter()
                .copied()
                .find(|d| *d > month.last_day()),
        });
    }
    MonthScreen { due, under_way }
}

/// Entries before `before` that are still owed as of `today`, oldest first.
pub fn overdue(entries: &[DueEntry], before: NaiveDate, today: NaiveDate) -> Vec<DueEntry> {
    let mut out: Vec<DueEntry> = entries
        .iter()
        .filter(|e| e.due < before && e.is_overdue(today))
        .cloned()
        .collect();
    out.sort_by_key(|e| e.due);
    out
}

/// What the Today screen shows.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Today {
    pub today: NaiveDate,
    pub overdue: Vec<DueEntry>,
    /// Due in the current calendar month (not yet past, or done).
    pub this_month: Vec<DueEntry>,
    /// Due after this month and within 30 days of today.
    pub next_30_days: Vec<DueEntry>,
    pub blocks: Vec<BlockCounts>,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlockCounts {
    pub number: String,
    pub title: String,
    pub overdue: usize,
    pub this_month: usize,
    pub next_30_days: usize,
    pub done: usize,
    pub total: usize,
}

/// Which list of the Today screen an entry belongs to. The three are
/// disjoint: overdue dates are before today, so never in a later month, and
/// this month's list takes only the entries that are not overdue.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Overdue,
    ThisMonth,
    Next30Days,
}

/// The frame of one Today computation: the day, its month and the end of
/// the 30-day window, and the per-block counters filled entry by entry.
struct TodayFrame {
    today: NaiveDate,
    month: YearMonth,
    horizon: NaiveDate,
    blocks: Vec<BlockCounts>,
    /// The first block's number.
    start: usize,
}

impl TodayFrame {
    fn new(p: &Programme, today: NaiveDate) -> Self {
        TodayFrame {
            start: p.layout.roadmap.start as usize,
            today,
            month: YearMonth::of_date(today),
            horizon: today.checked_add_days(Days::new(30)).unwrap_or(today),
            blocks: p
                .roadmap
                .blocks
                .iter()
                .enumerate()
                .map(|(b, block)| BlockCounts {
                    number: p.block_number(b),
                    title: block.title.clone(),
                    overdue: 0,
                    this_month: 0,
                    next_30_days: 0,
                    done: 0,
                    total: 0,
                })
                .collect(),
        }
    }

    /// Counts `e` in its block and says which list it goes to.
    fn place(&mut self, e: &DueEntry) -> Option<Place> {
        let month_of = YearMonth::of_date(e.due);
        let overdue = e.is_overdue(self.today);
        let next = month_of > self.month && e.due <= self.horizon;
        // Block numbers count by position from the roadmap's start
        // (Roadmap::block_number): parsing the number finds the block
        // without comparing strings. Unnumbered blocks are found by their
        // number and title; an entry that names no block is counted
        // nowhere, as before.
        let index = match e.block_number.parse::<usize>() {
            Ok(n) => n.checked_sub(self.start),
            Err(_) => self
                .blocks
                .iter()
                .position(|c| c.number == e.block_number && c.title == e.block_title),
        };
        if let Some(counts) = index
            .and_then(|i| self.blocks.get_mut(i))
            .filter(|c| c.number == e.block_number)
        {
            counts.total += 1;
            counts.done += usize::from(e.is_done());
            if overdue {
                counts.overdue += 1;
            } else if month_of == self.month {
                counts.this_month += 1;
            }
            if next {
                counts.next_30_days += 1;
            }
        }
        if overdue {
            Some(Place::Overdue)
        } else if month_of == self.month {
            Some(Place::ThisMonth)
        } else if next {
            Some(Place::Next30Days)
        } else {
            None
        }
    }

    fn finish(
        self,
        mut overdue: Vec<DueEntry>,
        this_month: Vec<DueEntry>,
        next_30_days: Vec<DueEntry>,
    ) -> Today {
        // Stable: entries due the same day keep their roadmap order.
        overdue.sort_by_key(|e| e.due);
        Today {
            today: self.today,
            overdue,
            this_month,
            next_30_days,
            blocks: self.blocks,
        }
    }
}

/// The Today screen from the programme's due dates, which are copied into
/// the lists they belong to. `today_from` does the same with entries the
/// caller no longer needs, without copying.
pub fn today(p: &Programme, entries: &[DueEntry], today: NaiveDate) -> Today {
    let mut frame = TodayFrame::new(p, today);
    let (mut overdue, mut this_month, mut next) = (Vec::new(), Vec::new(), Vec::new());
    for e in entries {
        match frame.place(e) {
            Some(Place::Overdue) => overdue.push(e.clone()),
            Some(Place::ThisMonth) => this_month.push(e.clone()),
            Some(Place::Next30Days) => next.push(e.clone()),
            None => {}
        }
    }
    frame.finish(overdue, this_month, next)
}

/// The «Сегодня» screen as the app shows it: the lists and counts, and the
/// items no month will show.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TodayScreen {
    #[serde(flatten)]
    pub today: Today,
    pub untracked: Vec<Untracked>,
}

/// `TodayScreen` from one reading of the programme and its schedules.
pub fn today_screen(
    p: &Programme,
    schedules: &[NumberedSchedule],
    today: NaiveDate,
) -> TodayScreen {
    let items = scheduled(p, schedules);
    TodayScreen {
        today: today_from(p, entries_of(&items), today),
        untracked: untracked_of(&items),
    }
}

/// `today` for entries the caller owns (`today_screen`, which has just
/// computed them): each entry moves into its list, so thousands of due
/// dates cost no copies of their texts.
pub fn today_from(p: &Programme, entries: Vec<DueEntry>, today: NaiveDate) -> Today {
    let mut frame = TodayFrame::new(p, today);
    let (mut overdue, mut this_month, mut next) = (Vec::new(), Vec::new(), Vec::new());
    for e in entries {
        match frame.place(&e) {
            Some(Place::Overdue) => overdue.push(e),
            Some(Place::ThisMonth) => this_month.push(e),
            Some(Place::Next30Days) => next.push(e),
            None => {}
        }
    }
    frame.finish(overdue, this_month, next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::schedule::effective;
    use metodist_schedule::Period;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn programme(items: &[(&str, Vec<TrackingRecord>)]) -> (Programme, Vec<NumberedSchedule>) {
        let mut p = crate::generate::programme(0, 1);
        p.period = Period::new("2023-09".parse().unwrap(), "2025-05".parse().unwrap()).unwrap();
        p.roadmap.blocks[0].items = items
            .iter()
            .enumerate()
            .map(|(i, (deadline, tracking))| Item {
                uid: format!("i{i}"),
                activity: format!("Мероприятие {i}"),
                deadline: deadline.to_string(),
                manual_schedule: None,
                responsible: "ИМЦ".into(),
                expected_result: String::new(),
                planned_value: String::new(),
                per_year: vec![],
                tracking: tracking.clone(),
            })
            .collect();
        let schedules = p
            .numbered_items()
            .map(|(number, _, item)| NumberedSchedule {
                number,
                item: item.uid.clone(),
                schedule: effective(item, p.period),
            })
            .collect();
        (p, schedules)
    }

    fn rec(due: &str, status: TrackStatus) -> TrackingRecord {
        TrackingRecord {
            due: d(due),
            status,
            done_on: matches!(status, TrackStatus::Done | TrackStatus::DoneLate).then(|| d(due)),
            moved_to: None,
            comment: String::new(),
            evidence: String::new(),
        }
    }

    #[test]
    fn overdue_this_month_and_next_30_days_around_a_year_boundary() {
        let (p, s) = programme(&[
            ("Ежемесячно", vec![rec("2023-11-30", TrackStatus::Done)]),
            ("Январь 2024", vec![]),
            ("до 15 декабря 2023 г.", vec![]),
        ]);
        let e = entries(&p, &s);
        let t = today(&p, &e, d("2023-12-20"));
        // September and October are owed; November was done.
        let overdue: Vec<(String, NaiveDate)> = t
            .overdue
            .iter()
            .map(|e| (e.number.clone(), e.due))
            .collect();
        assert_eq!(
            overdue,
            [
                ("1.1".to_string(), d("2023-09-30")),
                ("1.1".to_string(), d("2023-10-31")),
                ("1.3".to_string(), d("2023-12-15")),
            ]
        );
        let this_month: Vec<NaiveDate> = t.this_month.iter().map(|e| e.due).collect();
        assert_eq!(this_month, [d("2023-12-31")]);
        // The per-block counts agree with the lists (one block here).
        assert_eq!(t.blocks[0].overdue, t.overdue.len());
        assert_eq!(t.blocks[0].this_month, t.this_month.len());
        assert_eq!(t.blocks[0].next_30_days, t.next_30_days.len());
        // 30 days from 20.12.2023 is 19.01.2024: the January monthly due
        // (31.01) and the January item (31.01) are beyond it.
        assert!(t.next_30_days.is_empty(), "{:?}", t.next_30_days);
        // On 31.01.2024 the window reaches 01.03.2024: leap February's last
        // day is in it, and January's dues are due today, not overdue.
        let t = today(&p, &e, d("2024-01-31"));
        let this_month: Vec<String> = t.this_month.iter().map(|e| e.number.clone()).collect();
        assert_eq!(this_month, ["1.1", "1.2"]);
        let next: Vec<(String, NaiveDate)> = t
            .next_30_days
            .iter()
            .map(|e| (e.number.clone(), e.due))
            .collect();
        assert_eq!(
            next,
            [("1.1".to_string(), d("2024-02-29"))],
            "leap February"
        );
        assert_eq!(t.blocks[0].total, e.len());
        assert_eq!(t.blocks[0].done, 1);
        // Moving the entries gives the same screen as copying them.
        for day in ["2023-09-01", "2023-12-20", "2024-01-31", "2025-06-01"] {
            assert_eq!(today_from(&p, e.clone(), d(day)), today(&p, &e, d(day)));
        }
    }

    #[test]
    fn moved_dates_become_due_and_are_not_overdue_themselves() {
        let mut moved = rec("2023-10-31", TrackStatus::Moved);
        moved.moved_to = Some(d("2024-03-15"));
        let (p, s) = programme(&[("Октябрь 2023", vec![moved])]);
        let e = entries(&p, &s);
        let dues: Vec<(NaiveDate, TrackStatus)> = e.iter().map(|e| (e.due, e.status)).collect();
        assert_eq!(
            dues,
            [
                (d("2023-10-31"), TrackStatus::Moved),
                (d("2024-03-15"), TrackStatus::Planned)
            ]
        );
        assert!(overdue(&e, d("2024-03-01"), d("2024-03-01")).is_empty());
        assert_eq!(overdue(&e, d("2024-03-16"), d("2024-03-16")).len(), 1);
        assert_eq!(in_month(&e, "2024-03".parse().unwrap()).len(), 1);
    }
}
