//! Roadmap items as stored, with their tracking records: every statement on
//! `roadmap_item` and `tracking` is here, so the column list and the row
//! mapping exist once. Next to each item its schedule is kept (see
//! `crate::schedule`): computed on insert, on every change of the deadline
//! text or the period, and read back for tracking and the editor.
//!
//! Rows are read by column name: a column added to a query cannot shift
//! what another one is read as.

use chrono::NaiveDate;
use metodist_schedule::Period;
use rusqlite::{params, CachedStatement, Connection, Row, Transaction};

use super::columns::{from_json, json, parse_enum};
use super::edit::ItemInput;
use super::{Store, TxError};
use crate::error::{CoreError, Result};
use crate::model::{DocumentLayout, Item, ManualSchedule, TrackStatus, TrackingRecord};
use crate::schedule::{effective, NumberedSchedule};

/// What `item_from_row` reads.
const ITEM_COLUMNS: &str =
    "uid, activity, deadline, manual_schedule, responsible, expected_result, planned_value, per_year";

/// What `record_from_row` reads.
const TRACKING_COLUMNS: &str = "due, status, done_on, moved_to, comment, evidence";

/// The item of a row selecting `ITEM_COLUMNS`, without its tracking records.
fn item_from_row(r: &Row<'_>) -> rusqlite::Result<Item> {
    let manual: Option<String> = r.get("manual_schedule")?;
    Ok(Item {
        uid: r.get("uid")?,
        activity: r.get("activity")?,
        deadline: r.get("deadline")?,
        manual_schedule: manual
            .map(|m| from_json("manual_schedule", &m))
            .transpose()?,
        responsible: r.get("responsible")?,
        expected_result: r.get("expected_result")?,
        planned_value: r.get("planned_value")?,
        per_year: from_json("per_year", &r.get::<_, String>("per_year")?)?,
        tracking: Vec::new(),
    })
}

/// The record of a row selecting `TRACKING_COLUMNS`.
fn record_from_row(r: &Row<'_>) -> rusqlite::Result<TrackingRecord> {
    let date = |col: &str| -> rusqlite::Result<Option<NaiveDate>> {
        r.get::<_, Option<String>>(col)?
            .map(|d| from_json(col, &format!("\"{d}\"")))
            .transpose()
    };
    Ok(TrackingRecord {
        due: date("due")?.unwrap_or_default(),
        status: parse_enum("status", &r.get::<_, String>("status")?, TrackStatus::parse)?,
        done_on: date("done_on")?,
        moved_to: date("moved_to")?,
        comment: r.get("comment")?,
        evidence: r.get("evidence")?,
    })
}

/// The items of a block in order, each with its tracking records.
pub(super) fn read_block_items(conn: &Connection, block_id: i64) -> rusqlite::Result<Vec<Item>> {
    let rows = conn
        .prepare_cached(&format!(
            "SELECT {ITEM_COLUMNS}, id FROM roadmap_item WHERE block_id = ?1 ORDER BY position"
        ))?
        .query_map([block_id], |r| {
            Ok((item_from_row(r)?, r.get::<_, i64>("id")?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut records = records_statement(conn)?;
    rows.into_iter()
        .map(|(mut item, item_id)| {
            item.tracking = records_of(&mut records, item_id)?;
            Ok(item)
        })
        .collect()
}

/// One item by its row id, with its tracking records.
pub(super) fn read_item(conn: &Connection, item_id: i64) -> rusqlite::Result<Item> {
    let mut item = conn
        .prepare_cached(&format!(
            "SELECT {ITEM_COLUMNS} FROM roadmap_item WHERE id = ?1"
        ))?
        .query_row([item_id], item_from_row)?;
    item.tracking = records_of(&mut records_statement(conn)?, item_id)?;
    Ok(item)
}

/// The query of `records_of`, prepared once for many items.
fn records_statement(conn: &Connection) -> rusqlite::Result<CachedStatement<'_>> {
    conn.prepare_cached(&format!(
        "SELECT {TRACKING_COLUMNS} FROM tracking WHERE item_id = ?1 ORDER BY id"
    ))
}

/// An item's records in the order they were made.
fn records_of(
    records: &mut CachedStatement<'_>,
    item_id: i64,
) -> rusqlite::Result<Vec<TrackingRecord>> {
    records.query_map([item_id], record_from_row)?.collect()
}

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
            item.manual_schedule.as_ref().map(json),
            item.responsible,
            item.expected_result,
            item.planned_value,
            json(&item.per_year),
            schedule_json(item, period),
        ],
    )?;
    let item_id = tx.last_insert_rowid();
    insert_records(tx, item_id, &item.tracking)?;
    Ok(item_id)
}

/// Adds an item's records in their order.
fn insert_records(
    tx: &Transaction<'_>,
    item_id: i64,
    records: &[TrackingRecord],
) -> rusqlite::Result<()> {
    // Validation allows one record per date; a plain INSERT (not
    // `upsert_record`) refuses a second one rather than keep only the last.
    let mut stmt = tx.prepare_cached(&format!(
        "INSERT INTO tracking (item_id, {TRACKING_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    ))?;
    for t in records {
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
    Ok(())
}

/// Makes the stored item `item_id` exactly `item` where it stands: every
/// field, the hand-set schedule, the records (in `item`'s order) and the
/// schedule computed from them. The undo history's way back to an item.
pub(super) fn rewrite_item_row(
    tx: &Transaction<'_>,
    item_id: i64,
    item: &Item,
    period: Period,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "UPDATE roadmap_item SET activity = ?2, deadline = ?3, manual_schedule = ?4,
             responsible = ?5, expected_result = ?6, planned_value = ?7, per_year = ?8,
             schedule = ?9
         WHERE id = ?1",
    )?
    .execute(params![
        item_id,
        item.activity,
        item.deadline,
        item.manual_schedule.as_ref().map(json),
        item.responsible,
        item.expected_result,
        item.planned_value,
        json(&item.per_year),
        schedule_json(item, period),
    ])?;
    if records_of(&mut records_statement(tx)?, item_id)? != item.tracking {
        tx.prepare_cached("DELETE FROM tracking WHERE item_id = ?1")?
            .execute([item_id])?;
        insert_records(tx, item_id, &item.tracking)?;
    }
    Ok(())
}

fn schedule_json(item: &Item, period: Period) -> String {
    json(&effective(item, period))
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
        .query_map([pid], |r| Ok((item_from_row(r)?, r.get::<_, i64>("id")?)))?
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
            json(&input.per_year),
        ],
    )?;
    refresh_item_schedule(tx, item_id, period)
}

/// Re-reads one item's deadline (or its hand-set schedule) against
/// `period` and stores the result.
pub(super) fn refresh_item_schedule(
    tx: &Transaction<'_>,
    item_id: i64,
    period: Period,
) -> Result<(), TxError> {
    let item = tx
        .prepare_cached(&format!(
            "SELECT {ITEM_COLUMNS} FROM roadmap_item WHERE id = ?1"
        ))?
        .query_row([item_id], item_from_row)?;
    tx.prepare_cached("UPDATE roadmap_item SET schedule = ?2 WHERE id = ?1")?
        .execute(params![item_id, schedule_json(&item, period)])?;
    Ok(())
}

/// Stores (or, with `None`, forgets) the schedule set by hand; the caller
/// refreshes the schedules after it.
pub(super) fn set_manual_schedule_row(
    tx: &Transaction<'_>,
    item_id: i64,
    schedule: Option<&ManualSchedule>,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE roadmap_item SET manual_schedule = ?2 WHERE id = ?1",
        params![item_id, schedule.map(json)],
    )?;
    Ok(())
}

/// Records the status of one due date of an item, replacing any record for
/// that date.
pub(super) fn upsert_record(
    tx: &Transaction<'_>,
    item_id: i64,
    record: &TrackingRecord,
) -> rusqlite::Result<()> {
    tx.execute(
        &format!(
            "INSERT INTO tracking (item_id, {TRACKING_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (item_id, due) DO UPDATE SET status = excluded.status,
                 done_on = excluded.done_on, moved_to = excluded.moved_to,
                 comment = excluded.comment, evidence = excluded.evidence"
        ),
        params![
            item_id,
            record.due.to_string(),
            record.status.as_str(),
            record.done_on.map(|d| d.to_string()),
            record.moved_to.map(|d| d.to_string()),
            record.comment,
            record.evidence,
        ],
    )?;
    Ok(())
}

/// Forgets the record of one due date: it is planned again.
pub(super) fn delete_record(
    tx: &Transaction<'_>,
    item_id: i64,
    due: NaiveDate,
) -> rusqlite::Result<()> {
    tx.execute(
        "DELETE FROM tracking WHERE item_id = ?1 AND due = ?2",
        params![item_id, due.to_string()],
    )?;
    Ok(())
}

impl Store {
    /// Every item's stored schedule with its derived number, in roadmap order.
    pub fn item_schedules(&self, programme_id: i64) -> Result<Vec<NumberedSchedule>> {
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT b.position AS block_position, i.position AS item_position,
                        i.uid AS uid, i.schedule AS schedule
                 FROM roadmap_item i JOIN roadmap_block b ON b.id = i.block_id
                 WHERE i.programme_id = ?1 ORDER BY b.position, i.position",
            )
            .map_err(self.db_err())?;
        let rows = stmt
            .query_map([programme_id], |r| {
                Ok((
                    r.get::<_, i64>("block_position")? as usize,
                    r.get::<_, i64>("item_position")? as usize,
                    r.get::<_, String>("uid")?,
                    r.get::<_, Option<String>>("schedule")?,
                ))
            })
            .map_err(self.db_err())?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(self.db_err())?;
        let layout: String = self
            .conn()
            .query_row(
                "SELECT layout FROM programme WHERE id = ?1",
                [programme_id],
                |r| r.get(0),
            )
            .map_err(self.db_err())?;
        let layout = from_json::<DocumentLayout>("layout", &layout)
            .map_err(self.db_err())?
            .roadmap;
        // Items in blocks before the current one, for numbers that count
        // through the whole roadmap.
        let (mut block, mut before, mut in_block) = (None, 0usize, 0usize);
        rows.into_iter()
            .map(|(b, i, uid, json)| {
                if block != Some(b) {
                    before += in_block;
                    in_block = 0;
                    block = Some(b);
                }
                in_block += 1;
                let json = json.ok_or_else(|| {
                    CoreError::Database(format!("у мероприятия «{uid}» не рассчитан график"))
                })?;
                let schedule = serde_json::from_str(&json).map_err(|e| {
                    CoreError::Corrupt(format!(
                        "сохранённый график мероприятия «{uid}» не читается: {}",
                        crate::exchange::translate_serde_message(&e.to_string())
                    ))
                })?;
                Ok(NumberedSchedule {
                    number: crate::model::item_number_with(&layout, b, i, before),
                    item: uid,
                    schedule,
                })
            })
            .collect()
    }
}
