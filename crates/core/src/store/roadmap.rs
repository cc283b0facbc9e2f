//! Roadmap items as stored, and the schedule kept next to each (see
//! `crate::schedule`): computed on insert, on every change of the deadline
//! text or the period, and read back for tracking and the editor.

use rusqlite::{params, OptionalExtension, Transaction};

use super::edit::ItemInput;
use super::programmes::{item_from_row, ITEM_COLUMNS};
use super::{Store, TxError};
use crate::error::{CoreError, Result};
use crate::model::Item;
use crate::schedule::{effective, NumberedSchedule};
use metodist_schedule::Period;

pub(super) fn insert_item_row(
    tx: &Transaction<'_>,
    programme_id: i64,
    block_id: i64,
    position: usize,
    item: &Item,
    period: Period,
) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO roadmap_item (programme_id, block_id, position, uid, activity, deadline,
             manual_schedule, responsible, expected_result, planned_value, per_year, schedule)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            programme_id,
            block_id,
            position as i64,
            item.uid,
            item.activity,
            item.deadline,
            item.manual_schedule
                .as_ref()
                .map(|m| serde_json::to_string(m).expect("serialises")),
            item.responsible,
            item.expected_result,
            item.planned_value,
            serde_json::to_string(&item.per_year).expect("serialises"),
            schedule_json(item, period),
        ],
    )?;
    let item_id = tx.last_insert_rowid();
    let mut stmt = tx.prepare_cached(
        "INSERT INTO tracking (item_id, due, status, done_on, moved_to, comment, evidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for t in &item.tracking {
        stmt.execute(params![
            item_id,
            t.due.to_string(),
            t.status.as_str(),
            t.done_on.map(|d| d.to_string()),
            t.moved_to.map(|d| d.to_string()),
            t.comment,
            t.evidence,
        ])?;
    }
    Ok(item_id)
}

fn schedule_json(item: &Item, period: Period) -> String {
    serde_json::to_string(&effective(item, period)).expect("serialises")
}

pub(super) fn programme_period(tx: &Transaction<'_>, pid: i64) -> Result<Period, TxError> {
    let (start, end): (String, String) = tx
        .query_row(
            "SELECT period_start, period_end FROM programme WHERE id = ?1",
            [pid],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or(CoreError::ProgrammeNotFound(pid))?;
    let parse = |s: &str| {
        s.parse()
            .map_err(|e: metodist_schedule::CalendarError| CoreError::Database(e.to_string()))
    };
    Ok(Period {
        start: parse(&start)?,
        end: parse(&end)?,
    })
}

/// Re-reads every item's deadline of the programme against `period` and
/// stores the result (hand-set schedules are kept, only re-clipped).
pub(super) fn refresh_schedules(
    tx: &Transaction<'_>,
    pid: i64,
    period: Period,
) -> Result<(), TxError> {
    let rows = tx
        .prepare(&format!(
            "SELECT {ITEM_COLUMNS}, id FROM roadmap_item WHERE programme_id = ?1"
        ))?
        .query_map([pid], |r| Ok((item_from_row(r)?, r.get::<_, i64>(8)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut update = tx.prepare("UPDATE roadmap_item SET schedule = ?2 WHERE id = ?1")?;
    for (item, id) in rows {
        update.execute(params![id, schedule_json(&item, period)])?;
    }
    Ok(())
}

/// Replaces the typed fields of an item and recomputes its schedule.
pub(super) fn update_item_row(
    tx: &Transaction<'_>,
    item_id: i64,
    input: &ItemInput,
    period: Period,
) -> Result<(), TxError> {
    tx.execute(
        "UPDATE roadmap_item SET activity = ?2, deadline = ?3, responsible = ?4,
             expected_result = ?5, planned_value = ?6, per_year = ?7
         WHERE id = ?1",
        params![
            item_id,
            input.activity,
            input.deadline,
            input.responsible,
            input.expected_result,
            input.planned_value,
            serde_json::to_string(&input.per_year).expect("serialises"),
        ],
    )?;
    let item = tx.query_row(
        &format!("SELECT {ITEM_COLUMNS} FROM roadmap_item WHERE id = ?1"),
        [item_id],
        item_from_row,
    )?;
    tx.execute(
        "UPDATE roadmap_item SET schedule = ?2 WHERE id = ?1",
        params![item_id, schedule_json(&item, period)],
    )?;
    Ok(())
}

impl Store {
    /// Every item's stored schedule with its derived number, in roadmap order.
    pub fn item_schedules(&self, programme_id: i64) -> Result<Vec<NumberedSchedule>> {
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT b.position, i.position, i.uid, i.schedule
                 FROM roadmap_item i JOIN roadmap_block b ON b.id = i.block_id
                 WHERE i.programme_id = ?1 ORDER BY b.position, i.position",
            )
            .map_err(self.db_err())?;
        let rows = stmt
            .query_map([programme_id], |r| {
                Ok((
                    r.get::<_, i64>(0)? as usize,
                    r.get::<_, i64>(1)? as usize,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            })
            .map_err(self.db_err())?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(self.db_err())?;
        rows.into_iter()
            .map(|(b, i, uid, json)| {
                let json = json.ok_or_else(|| {
                    CoreError::Database(format!("у мероприятия «{uid}» не рассчитан график"))
                })?;
                let schedule = serde_json::from_str(&json)
                    .map_err(|e| CoreError::Database(format!("график мероприятия «{uid}»: {e}")))?;
                Ok(NumberedSchedule {
                    number: crate::model::item_number(b, i),
                    item: uid,
                    schedule,
                })
            })
            .collect()
    }
}
