//! Every change a user makes to a programme, as one value: the app sends an
//! `Edit`, the store applies it in one transaction, checks that the whole
//! programme is still valid (or stores nothing), and keeps a snapshot so the
//! change can be undone and redone.

use chrono::NaiveDate;
use metodist_schedule::Period;
use rusqlite::{params, Transaction};
use serde::{Deserialize, Serialize};

use super::lists::{self, ListKind};
use super::programmes::{
    load_programme, programme_period, replace_programme, touch, upsert_block, upsert_indicator,
    upsert_passport_row, upsert_section, upsert_task, write_act, write_head,
};
use super::roadmap::{
    delete_record, insert_item_row, refresh_schedules, set_manual_schedule_row, update_item_row,
    upsert_record,
};
use super::{Store, TxError};
use crate::error::{CoreError, Result};
use crate::model::*;
use crate::uid::new_uid;
use crate::validate::validate;

/// How many changes of a programme can be undone.
pub const UNDO_DEPTH: i64 = 100;

/// The fields of an item a user types (tracking and a hand-set schedule
/// have edits of their own).
#[derive(ts_rs::TS, Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ItemInput {
    pub activity: String,
    pub deadline: String,
    pub responsible: String,
    pub expected_result: String,
    pub planned_value: String,
    pub per_year: Vec<YearText>,
}

/// One change to a programme. `Put*` inserts an element when its uid is
/// empty or unknown (at `at`, or at the end) and updates it otherwise
/// (where it stands; `at` applies to new elements only).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Edit {
    SetTitle {
        title: String,
    },
    SetStatus {
        status: ProgrammeStatus,
    },
    SetPeriod {
        period: Period,
    },
    SetAct {
        act: Option<ApprovingAct>,
    },
    SetAppendix {
        appendix: AppendixMark,
    },
    SetYearColumns {
        years: Vec<i32>,
    },
    PutPassportRow {
        #[serde(default)]
        #[ts(optional = nullable)]
        at: Option<usize>,
        row: PassportRow,
    },
    PutTask {
        #[serde(default)]
        #[ts(optional = nullable)]
        at: Option<usize>,
        task: Task,
    },
    PutSection {
        #[serde(default)]
        #[ts(optional = nullable)]
        at: Option<usize>,
        section: Section,
    },
    PutIndicator {
        #[serde(default)]
        #[ts(optional = nullable)]
        at: Option<usize>,
        indicator: Indicator,
    },
    PutBlock {
        #[serde(default)]
        #[ts(optional = nullable)]
        at: Option<usize>,
        #[serde(default)]
        #[ts(as = "Option<String>", optional)]
        uid: String,
        title: String,
    },
    PutItem {
        block: String,
        #[serde(default)]
        #[ts(optional = nullable)]
        at: Option<usize>,
        #[serde(default)]
        #[ts(as = "Option<String>", optional)]
        uid: String,
        item: ItemInput,
    },
    /// Moves an element to position `to`; an item may move to another `block`.
    Move {
        list: ListKind,
        uid: String,
        to: usize,
        #[serde(default)]
        #[ts(optional = nullable)]
        block: Option<String>,
    },
    Delete {
        list: ListKind,
        uid: String,
    },
    SetManualSchedule {
        item: String,
        schedule: Option<ManualSchedule>,
    },
    /// Records the status of one due date of an item (replacing any record
    /// for that date).
    SetTracking {
        item: String,
        record: TrackingRecord,
    },
    /// Forgets the record of a due date: it is planned again.
    ClearTracking {
        item: String,
        due: NaiveDate,
    },
    /// The actual value of an indicator in a year (`None` clears it).
    SetFact {
        indicator: String,
        year: i32,
        fact: Option<f64>,
    },
}

impl Edit {
    /// What the change was, for «Отменить: …».
    pub fn label(&self) -> String {
        match self {
            Self::SetTitle { .. } => "название программы".into(),
            Self::SetStatus { .. } => "статус программы".into(),
            Self::SetPeriod { .. } => "период программы".into(),
            Self::SetAct { .. } => "утверждающий акт".into(),
            Self::SetAppendix { .. } => "отметка о приложении".into(),
            Self::SetYearColumns { .. } => "столбцы по годам".into(),
            Self::PutPassportRow { .. } => "строка паспорта".into(),
            Self::PutTask { .. } => "задача".into(),
            Self::PutSection { .. } => "раздел".into(),
            Self::PutIndicator { .. } => "показатель".into(),
            Self::PutBlock { .. } => "блок дорожной карты".into(),
            Self::PutItem { .. } => "мероприятие".into(),
            // «Отменить: удаление мероприятия», not «удаление: мероприятие».
            Self::Move { list, .. } => format!("перемещение {}", list.noun_genitive()),
            Self::Delete { list, .. } => format!("удаление {}", list.noun_genitive()),
            Self::SetManualSchedule { .. } => "график мероприятия".into(),
            Self::SetTracking { .. } | Self::ClearTracking { .. } => "отметка о выполнении".into(),
            Self::SetFact { .. } => "фактическое значение показателя".into(),
        }
    }
}

/// What an applied edit tells the interface.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Applied {
    /// The uid of the element the edit created or changed, if any.
    pub uid: Option<String>,
    pub undo: UndoState,
}

/// Whether undo and redo are possible, and of what.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct UndoState {
    pub can_undo: Option<String>,
    pub can_redo: Option<String>,
}

fn fresh(uid: &str) -> String {
    if uid.trim().is_empty() {
        new_uid()
    } else {
        uid.to_string()
    }
}

impl Store {
    /// Applies one edit in one transaction. When the programme would become
    /// invalid the edit is refused with every problem named, and nothing is
    /// stored. `today` is the caller's date (a date of completion after it
    /// is refused): the core never reads the clock for it, so the app, the
    /// CLI and the tests can each pin the day.
    pub fn apply(&mut self, programme_id: i64, edit: &Edit, today: NaiveDate) -> Result<Applied> {
        self.apply_as_of(programme_id, edit, Some(today))
    }

    /// `apply` without a date, for the convenience forms below: none of
    /// their edits records a date of completion.
    fn apply_undated(&mut self, programme_id: i64, edit: &Edit) -> Result<Applied> {
        self.apply_as_of(programme_id, edit, None)
    }

    fn apply_as_of(
        &mut self,
        programme_id: i64,
        edit: &Edit,
        today: Option<NaiveDate>,
    ) -> Result<Applied> {
        self.write(|tx| {
            touch(tx, programme_id)?;
            ensure_base_snapshot(tx, programme_id)?;
            let uid = apply_in(tx, programme_id, edit, today)?;
            let p = load_programme(tx, programme_id)?
                .ok_or(CoreError::ProgrammeNotFound(programme_id))?;
            let problems = validate(&p);
            if !problems.is_empty() {
                return Err(CoreError::EditRejected(problems).into());
            }
            push_snapshot(tx, programme_id, &edit.label(), &p)?;
            Ok(Applied {
                uid,
                undo: undo_state(tx, programme_id)?,
            })
        })
    }

    /// Returns the programme to the state before its last edit.
    pub fn undo(&mut self, programme_id: i64) -> Result<UndoState> {
        self.step(programme_id, -1)
    }

    /// Re-applies the last undone edit.
    pub fn redo(&mut self, programme_id: i64) -> Result<UndoState> {
        self.step(programme_id, 1)
    }

    pub fn undo_state(&self, programme_id: i64) -> Result<UndoState> {
        // A read needs no transaction of its own; the helper wants one only
        // for its type, so open a deferred one that never writes.
        let tx = self.conn().unchecked_transaction().map_err(self.db_err())?;
        undo_state(&tx, programme_id).map_err(|e| match e {
            TxError::Sql(e) => CoreError::sqlite(self.path(), e),
            TxError::Core(e) => e,
        })
    }

    fn step(&mut self, programme_id: i64, delta: i64) -> Result<UndoState> {
        self.write(|tx| {
            touch(tx, programme_id)?;
            let seq = current_seq(tx, programme_id)?;
            let target = seq + delta;
            let body: Option<String> = rusqlite::OptionalExtension::optional(tx.query_row(
                "SELECT body FROM undo_snapshot WHERE programme_id = ?1 AND seq = ?2",
                params![programme_id, target],
                |r| r.get(0),
            ))?;
            let Some(body) = body.filter(|_| target >= 1) else {
                let what = if delta < 0 {
                    "отменить"
                } else {
                    "повторить"
                };
                return Err(CoreError::InvalidEdit(format!("нечего {what}")).into());
            };
            let p = crate::exchange::from_json(&body)?;
            replace_programme(tx, programme_id, &p)?;
            tx.execute(
                "UPDATE programme SET undo_seq = ?2 WHERE id = ?1",
                params![programme_id, target],
            )?;
            undo_state(tx, programme_id)
        })
    }

    // Convenience forms of common edits, used by tests.

    pub fn add_block(
        &mut self,
        programme_id: i64,
        at: Option<usize>,
        title: &str,
    ) -> Result<String> {
        let edit = Edit::PutBlock {
            at,
            uid: String::new(),
            title: title.into(),
        };
        Ok(self
            .apply_undated(programme_id, &edit)?
            .uid
            .unwrap_or_default())
    }

    pub fn add_item(
        &mut self,
        programme_id: i64,
        block: &str,
        at: Option<usize>,
        item: &ItemInput,
    ) -> Result<String> {
        let edit = Edit::PutItem {
            block: block.into(),
            at,
            uid: String::new(),
            item: item.clone(),
        };
        Ok(self
            .apply_undated(programme_id, &edit)?
            .uid
            .unwrap_or_default())
    }

    /// Replaces the typed fields of an existing item.
    pub fn update_item(&mut self, programme_id: i64, uid: &str, item: &ItemInput) -> Result<()> {
        if uid.trim().is_empty() {
            return Err(CoreError::ElementNotFound(
                "мероприятие без идентификатора".into(),
            ));
        }
        let edit = Edit::PutItem {
            block: String::new(),
            at: None,
            uid: uid.into(),
            item: item.clone(),
        };
        self.apply_undated(programme_id, &edit).map(|_| ())
    }

    pub fn move_block(&mut self, programme_id: i64, uid: &str, to: usize) -> Result<()> {
        let edit = Edit::Move {
            list: ListKind::Blocks,
            uid: uid.into(),
            to,
            block: None,
        };
        self.apply_undated(programme_id, &edit).map(|_| ())
    }

    pub fn move_item(
        &mut self,
        programme_id: i64,
        uid: &str,
        block: &str,
        to: usize,
    ) -> Result<()> {
        let edit = Edit::Move {
            list: ListKind::Items,
            uid: uid.into(),
            to,
            block: Some(block.into()),
        };
        self.apply_undated(programme_id, &edit).map(|_| ())
    }

    pub fn delete_block(&mut self, programme_id: i64, uid: &str) -> Result<()> {
        let edit = Edit::Delete {
            list: ListKind::Blocks,
            uid: uid.into(),
        };
        self.apply_undated(programme_id, &edit).map(|_| ())
    }

    pub fn delete_item(&mut self, programme_id: i64, uid: &str) -> Result<()> {
        let edit = Edit::Delete {
            list: ListKind::Items,
            uid: uid.into(),
        };
        self.apply_undated(programme_id, &edit).map(|_| ())
    }

    pub fn set_period(&mut self, programme_id: i64, period: Period) -> Result<()> {
        self.apply_undated(programme_id, &Edit::SetPeriod { period })
            .map(|_| ())
    }

    pub fn set_manual_schedule(
        &mut self,
        programme_id: i64,
        item: &str,
        schedule: Option<&ManualSchedule>,
    ) -> Result<()> {
        let edit = Edit::SetManualSchedule {
            item: item.into(),
            schedule: schedule.cloned(),
        };
        self.apply_undated(programme_id, &edit).map(|_| ())
    }
}

/// Applies the edit's own change; returns the uid it concerns.
fn apply_in(
    tx: &Transaction<'_>,
    pid: i64,
    edit: &Edit,
    today: Option<NaiveDate>,
) -> Result<Option<String>, TxError> {
    let head = |tx: &Transaction<'_>, f: &dyn Fn(&mut Programme)| -> Result<(), TxError> {
        let mut p = load_programme(tx, pid)?.ok_or(CoreError::ProgrammeNotFound(pid))?;
        f(&mut p);
        write_head(tx, pid, &p)?;
        Ok(())
    };
    match edit {
        Edit::SetTitle { title } => head(tx, &|p| p.title = title.clone())?,
        Edit::SetStatus { status } => head(tx, &|p| p.status = *status)?,
        Edit::SetAppendix { appendix } => head(tx, &|p| p.appendix = appendix.clone())?,
        Edit::SetYearColumns { years } => head(tx, &|p| p.roadmap.year_columns = years.clone())?,
        Edit::SetPeriod { period } => {
            if period.end < period.start {
                return Err(CoreError::InvalidEdit(format!(
                    "конец периода ({}) раньше его начала ({})",
                    period.end, period.start
                ))
                .into());
            }
            let mut p = load_programme(tx, pid)?.ok_or(CoreError::ProgrammeNotFound(pid))?;
            p.period = *period;
            drop_empty_years(&mut p);
            // Rewriting the whole programme re-reads every deadline against
            // the new period in the same transaction.
            replace_programme(tx, pid, &p)?;
        }
        Edit::SetAct { act } => write_act(tx, pid, act.as_ref())?,
        Edit::PutPassportRow { at, row } => {
            let row = PassportRow {
                uid: fresh(&row.uid),
                ..row.clone()
            };
            let pos = slot_for_put(tx, ListKind::Passport, pid, pid, &row.uid, *at)?;
            upsert_passport_row(tx, pid, pos, &row)?;
            return Ok(Some(row.uid));
        }
        Edit::PutTask { at, task } => {
            let task = Task {
                uid: fresh(&task.uid),
                ..task.clone()
            };
            let pos = slot_for_put(tx, ListKind::Tasks, pid, pid, &task.uid, *at)?;
            upsert_task(tx, pid, pos, &task)?;
            return Ok(Some(task.uid));
        }
        Edit::PutSection { at, section } => {
            let section = Section {
                uid: fresh(&section.uid),
                ..section.clone()
            };
            let pos = slot_for_put(tx, ListKind::Sections, pid, pid, &section.uid, *at)?;
            upsert_section(tx, pid, pos, &section)?;
            return Ok(Some(section.uid));
        }
        Edit::PutIndicator { at, indicator } => {
            let indicator = Indicator {
                uid: fresh(&indicator.uid),
                ..indicator.clone()
            };
            let pos = slot_for_put(tx, ListKind::Indicators, pid, pid, &indicator.uid, *at)?;
            upsert_indicator(tx, pid, pos, &indicator)?;
            return Ok(Some(indicator.uid));
        }
        Edit::PutBlock { at, uid, title } => {
            let uid = fresh(uid);
            let pos = slot_for_put(tx, ListKind::Blocks, pid, pid, &uid, *at)?;
            upsert_block(tx, pid, pos, &uid, title)?;
            return Ok(Some(uid));
        }
        Edit::PutItem {
            block,
            at,
            uid,
            item,
        } => {
            let period = programme_period(tx, pid)?;
            let uid = fresh(uid);
            if let Some(slot) = lists::find(tx, ListKind::Items, pid, &uid)? {
                update_item_row(tx, slot.id, item, period)?;
            } else {
                let b = lists::require(tx, ListKind::Blocks, pid, block)?;
                let pos = lists::open_slot(tx, ListKind::Items, b.id, *at)?;
                let new = Item {
                    uid: uid.clone(),
                    activity: item.activity.clone(),
                    deadline: item.deadline.clone(),
                    manual_schedule: None,
                    responsible: item.responsible.clone(),
                    expected_result: item.expected_result.clone(),
                    planned_value: item.planned_value.clone(),
                    per_year: item.per_year.clone(),
                    tracking: Vec::new(),
                };
                insert_item_row(tx, pid, b.id, pos, &new, period)?;
            }
            return Ok(Some(uid));
        }
        Edit::Move {
            list,
            uid,
            to,
            block,
        } => {
            let slot = lists::require(tx, *list, pid, uid)?;
            let parent = match (list, block) {
                (ListKind::Items, Some(b)) => lists::require(tx, ListKind::Blocks, pid, b)?.id,
                (ListKind::Items, None) => slot.parent,
                (_, Some(_)) => {
                    return Err(CoreError::InvalidEdit(
                        "в другой блок можно переместить только мероприятие".into(),
                    )
                    .into())
                }
                (_, None) => slot.parent,
            };
            lists::move_to(tx, *list, slot, parent, *to)?;
            return Ok(Some(uid.clone()));
        }
        Edit::Delete { list, uid } => {
            let slot = lists::require(tx, *list, pid, uid)?;
            lists::remove(tx, *list, slot)?;
        }
        Edit::SetManualSchedule { item, schedule } => {
            let slot = lists::require(tx, ListKind::Items, pid, item)?;
            if let Some(m) = schedule {
                // A date typed by hand outside the period is a typo: say so
                // now. (Dates that fall outside later, when the period
                // shrinks, are kept and only left out of the schedule.)
                let period = programme_period(tx, pid)?;
                if let Some(d) = m.due.iter().find(|d| !period.contains_date(**d)) {
                    return Err(CoreError::InvalidEdit(format!(
                        "дата {} вне периода программы",
                        crate::text::date_ru(*d)
                    ))
                    .into());
                }
                if let Some(a) = m.active.iter().find(|a| !period.contains_month(**a)) {
                    return Err(
                        CoreError::InvalidEdit(format!("месяц {a} вне периода программы")).into(),
                    );
                }
            }
            set_manual_schedule_row(tx, slot.id, schedule.as_ref())?;
            refresh_schedules(tx, pid, programme_period(tx, pid)?)?;
            return Ok(Some(item.clone()));
        }
        Edit::SetTracking { item, record } => {
            let slot = lists::require(tx, ListKind::Items, pid, item)?;
            // Only `apply_undated` passes no date, and its edits record no
            // tracking; refusing here keeps a future caller from skipping
            // the check by accident.
            let today = today.ok_or_else(|| {
                CoreError::InvalidEdit("отметка о выполнении требует текущей даты".into())
            })?;
            check_done_on(record, programme_period(tx, pid)?, today)?;
            upsert_record(tx, slot.id, record)?;
            return Ok(Some(item.clone()));
        }
        Edit::ClearTracking { item, due } => {
            let slot = lists::require(tx, ListKind::Items, pid, item)?;
            delete_record(tx, slot.id, *due)?;
            return Ok(Some(item.clone()));
        }
        Edit::SetFact {
            indicator,
            year,
            fact,
        } => {
            if fact.is_some_and(|f| !f.is_finite()) {
                return Err(CoreError::InvalidEdit("значение должно быть числом".into()).into());
            }
            let slot = lists::require(tx, ListKind::Indicators, pid, indicator)?;
            tx.execute(
                "INSERT INTO indicator_value (indicator_id, year, plan, fact) VALUES (?1, ?2, NULL, ?3)
                 ON CONFLICT (indicator_id, year) DO UPDATE SET fact = excluded.fact",
                params![slot.id, year, fact],
            )?;
            return Ok(Some(indicator.clone()));
        }
    }
    Ok(None)
}

/// A date of completion cannot lie after `today` or before the programme.
fn check_done_on(record: &TrackingRecord, period: Period, today: NaiveDate) -> Result<(), TxError> {
    let Some(done) = record.done_on else {
        return Ok(());
    };
    if done > today {
        return Err(CoreError::InvalidEdit(format!(
            "дата выполнения {} ещё не наступила",
            crate::text::date_ru(done)
        ))
        .into());
    }
    if done < period.first_day() {
        return Err(CoreError::InvalidEdit(format!(
            "дата выполнения {} раньше начала программы ({})",
            crate::text::date_ru(done),
            crate::text::date_ru(period.first_day())
        ))
        .into());
    }
    Ok(())
}

/// Years outside the period that hold nothing (no plan, no fact, no text)
/// go with a period change; years that hold something stay, and then
/// validation refuses the change rather than lose them.
fn drop_empty_years(p: &mut Programme) {
    let (first, last) = (p.period.start.year(), p.period.end.year());
    let inside = |y: i32| (first..=last).contains(&y);
    for ind in &mut p.indicators {
        ind.values
            .retain(|v| inside(v.year) || v.plan.is_some() || v.fact.is_some());
    }
    let mut used = std::collections::HashSet::new();
    for b in &mut p.roadmap.blocks {
        for item in &mut b.items {
            item.per_year
                .retain(|c| inside(c.year) || !c.text.trim().is_empty());
            used.extend(item.per_year.iter().map(|c| c.year));
        }
    }
    let mut columns: Vec<i32> = p
        .roadmap
        .year_columns
        .iter()
        .copied()
        .filter(|y| inside(*y) || used.contains(y))
        .collect();
    // A per-year roadmap gets columns for years the period gained.
    if !columns.is_empty() {
        for y in first..=last {
            if !columns.contains(&y) {
                columns.push(y);
            }
        }
        columns.sort();
    }
    p.roadmap.year_columns = columns;
}

/// The position for a `Put`: a new element gets a gap opened for it; an
/// existing one keeps its place.
fn slot_for_put(
    tx: &Transaction<'_>,
    kind: ListKind,
    pid: i64,
    parent: i64,
    uid: &str,
    at: Option<usize>,
) -> Result<usize, TxError> {
    match lists::find(tx, kind, pid, uid)? {
        Some(slot) => Ok(slot.position),
        None => lists::open_slot(tx, kind, parent, at),
    }
}

fn current_seq(tx: &Transaction<'_>, pid: i64) -> Result<i64, TxError> {
    Ok(
        tx.query_row("SELECT undo_seq FROM programme WHERE id = ?1", [pid], |r| {
            r.get(0)
        })?,
    )
}

/// The first edit of a programme first records how it was, so that edit,
/// too, can be undone.
fn ensure_base_snapshot(tx: &Transaction<'_>, pid: i64) -> Result<(), TxError> {
    if current_seq(tx, pid)? > 0 {
        return Ok(());
    }
    let p = load_programme(tx, pid)?.ok_or(CoreError::ProgrammeNotFound(pid))?;
    push_snapshot(tx, pid, "исходное состояние", &p)
}

/// Records the programme as it is after an edit; any redo branch is gone.
fn push_snapshot(
    tx: &Transaction<'_>,
    pid: i64,
    label: &str,
    p: &Programme,
) -> Result<(), TxError> {
    let seq = current_seq(tx, pid)? + 1;
    tx.execute(
        "DELETE FROM undo_snapshot WHERE programme_id = ?1 AND (seq >= ?2 OR seq <= ?3)",
        params![pid, seq, seq - UNDO_DEPTH - 1],
    )?;
    tx.execute(
        "INSERT INTO undo_snapshot (programme_id, seq, label, body) VALUES (?1, ?2, ?3, ?4)",
        params![pid, seq, label, crate::exchange::to_json(p)],
    )?;
    tx.execute(
        "UPDATE programme SET undo_seq = ?2 WHERE id = ?1",
        params![pid, seq],
    )?;
    Ok(())
}

fn undo_state(tx: &Transaction<'_>, pid: i64) -> Result<UndoState, TxError> {
    let seq = current_seq(tx, pid)?;
    let label = |s: i64| -> Result<Option<String>, TxError> {
        Ok(rusqlite::OptionalExtension::optional(tx.query_row(
            "SELECT label FROM undo_snapshot WHERE programme_id = ?1 AND seq = ?2",
            params![pid, s],
            |r| r.get(0),
        ))?)
    };
    // Undoing step `seq` needs the snapshot before it to return to.
    let can_undo = if label(seq - 1)?.is_some() {
        label(seq)?
    } else {
        None
    };
    Ok(UndoState {
        can_undo,
        can_redo: label(seq + 1)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn done_on(day: &str) -> TrackingRecord {
        TrackingRecord {
            due: d(day),
            status: TrackStatus::Done,
            done_on: Some(d(day)),
            moved_to: None,
            comment: String::new(),
            evidence: String::new(),
        }
    }

    fn refusal(r: Result<(), TxError>) -> Option<String> {
        match r {
            Ok(()) => None,
            Err(TxError::Core(CoreError::InvalidEdit(m))) => Some(m),
            Err(TxError::Core(e)) => panic!("unexpected error: {e}"),
            Err(TxError::Sql(e)) => panic!("unexpected error: {e}"),
        }
    }

    #[test]
    fn a_done_date_is_checked_against_the_given_today_not_the_clock() {
        // Days long past and far ahead: by the computer's clock the first
        // would be accepted and the second refused, so only the `today`
        // passed in can give these answers.
        let past = Period::new("2020-01".parse().unwrap(), "2020-12".parse().unwrap()).unwrap();
        let today = d("2020-06-15");
        let m = refusal(check_done_on(&done_on("2020-06-16"), past, today));
        assert_eq!(
            m.as_deref(),
            Some("дата выполнения 16.06.2020 ещё не наступила")
        );
        assert_eq!(
            refusal(check_done_on(&done_on("2020-06-15"), past, today)),
            None
        );

        let ahead = Period::new("2199-01".parse().unwrap(), "2199-12".parse().unwrap()).unwrap();
        let today = d("2199-03-01");
        assert_eq!(
            refusal(check_done_on(&done_on("2199-03-01"), ahead, today)),
            None
        );
        assert!(refusal(check_done_on(&done_on("2199-03-02"), ahead, today)).is_some());
    }
}
