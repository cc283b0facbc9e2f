//! The editor: a programme, its edits with undo and redo, the schedules the
//! roadmap shows, and what must be filled in before printing.

use metodist_core::find::{self, Found, Query, ReplaceTarget};
use metodist_core::model::{Programme, RichText};
use metodist_core::{Applied, Edit, Period, Problem, UndoState};
use metodist_schedule::{describe, interpret, Schedule};
use serde::Serialize;

use crate::{Result, Session};
use chrono::NaiveDate;

/// An item's schedule as the roadmap editor shows it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ScheduleView {
    pub item: String,
    pub number: String,
    #[serde(flatten)]
    pub schedule: Schedule,
    pub manual: bool,
    /// «ежегодно: сентябрь 2025, 2026, 2027».
    pub description: String,
}

pub fn load_programme(session: &Session, id: i64) -> Result<Programme> {
    session.with_store(|s| s.load(id))
}

/// Stores one edit (one transaction); refused with code `edit_invalid` and
/// every problem named when the programme would become invalid. `today`
/// bounds the dates a record may say work was done.
pub fn apply_edit(session: &Session, id: i64, edit: Edit, today: NaiveDate) -> Result<Applied> {
    session.with_store_mut(|s| s.apply(id, &edit, today))
}

pub fn undo(session: &Session, id: i64) -> Result<UndoState> {
    session.with_store_mut(|s| s.undo(id))
}

pub fn redo(session: &Session, id: i64) -> Result<UndoState> {
    session.with_store_mut(|s| s.redo(id))
}

pub fn undo_state(session: &Session, id: i64) -> Result<UndoState> {
    session.with_store(|s| s.undo_state(id))
}

pub fn item_schedules(session: &Session, id: i64) -> Result<Vec<ScheduleView>> {
    let list = session.with_store(|s| s.item_schedules(id))?;
    Ok(list
        .into_iter()
        .map(|n| ScheduleView {
            description: describe(&n.schedule.schedule),
            item: n.item,
            number: n.number,
            manual: n.schedule.manual,
            schedule: n.schedule.schedule,
        })
        .collect())
}

/// How a deadline being typed will be read, for the hint next to the cell.
pub fn describe_deadline(period: Period, phrase: String) -> Result<ScheduleView> {
    let schedule = interpret(&phrase, period);
    Ok(ScheduleView {
        description: describe(&schedule),
        item: String::new(),
        number: String::new(),
        manual: false,
        schedule,
    })
}

/// What a passport row that repeats the data says when it is filled from
/// it (metodist_core::passport): shown by the editor in place of the row's
/// text, and copied into the row when she chooses to type it herself.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct DerivedRow {
    pub uid: String,
    /// Whether the row prints this now (`PassportRow::fills_from_data`);
    /// otherwise it prints what she typed.
    pub filled: bool,
    pub content: RichText,
}

/// Every passport row that can be filled from the data, with what the data
/// gives it now (whether or not the row is filled from it).
pub fn derived_passport(session: &Session, id: i64) -> Result<Vec<DerivedRow>> {
    let p = session.with_store(|s| s.load(id))?;
    Ok(p.passport
        .iter()
        .filter_map(|row| {
            metodist_core::passport::derived(&p, row.key).map(|content| DerivedRow {
                uid: row.uid.clone(),
                filled: row.fills_from_data(),
                content,
            })
        })
        .collect())
}

/// What must be filled in before printing a final version.
pub fn readiness(session: &Session, id: i64) -> Result<Vec<Problem>> {
    let p = session.with_store(|s| s.load(id))?;
    Ok(metodist_core::readiness::check(&p))
}

/// What a search of the whole programme finds (find.rs in the core).
pub fn find_text(session: &Session, id: i64, query: Query) -> Result<Found> {
    let p = session.with_store(|s| s.load(id))?;
    Ok(find::find(&p, &query)?)
}

/// What a replacement did: how many matches it changed, and the undo it
/// leaves («Отменить: замена «…» на «…»»).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Replaced {
    pub count: usize,
    pub undo: UndoState,
}

/// Replaces the matches of `from` chosen by `target` with `to`, as one edit
/// (one undo step). Refused with `replace_nothing` when there is nothing
/// to replace, and with `edit_invalid` (nothing changed) when the result
/// would not be a valid programme.
pub fn replace_text(
    session: &Session,
    id: i64,
    from: String,
    to: String,
    target: ReplaceTarget,
    today: NaiveDate,
) -> Result<Replaced> {
    session.with_store_mut(|s| {
        let p = s.load(id)?;
        let plan = find::replace(&p, &from, &to, &target)?;
        let applied = s.apply(id, &plan.edit, today)?;
        Ok(Replaced {
            count: plan.count,
            undo: applied.undo,
        })
    })
}
