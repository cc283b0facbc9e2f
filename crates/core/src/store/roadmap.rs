//! Edits of the roadmap. Blocks and items are addressed by uid; their
//! numbers follow from `position`, which these edits keep contiguous
//! (0, 1, 2, ...) inside each programme or block.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::programmes::{item_from_row, touch, ITEM_COLUMNS};
use super::{Store, TxError};
use crate::error::{CoreError, Result};
use crate::model::{Item, ManualSchedule};
use crate::schedule::{effective, ItemSchedule};
use crate::uid::new_uid;
use crate::validate::validate_text;
use metodist_schedule::Period;

/// The fields of an item a user types.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ItemInput {
    pub activity: String,
    pub deadline: String,
    pub responsible: String,
    pub expected_result: String,
    pub planned_value: String,
}

impl ItemInput {
    fn check(&self) -> Result<()> {
        for (what, s) in [
            ("Мероприятие", &self.activity),
            ("Сроки", &self.deadline),
            ("Ответственные", &self.responsible),
            ("Ожидаемый результат", &self.expected_result),
            ("Планируемое значение", &self.planned_value),
        ] {
            if let Some(msg) = validate_text(s) {
                return Err(CoreError::InvalidEdit(format!("{what}: {msg}")));
            }
        }
        Ok(())
    }
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

/// (row id, position) of a block of the programme.
fn find_block(tx: &Transaction<'_>, pid: i64, uid: &str) -> Result<(i64, usize), TxError> {
    tx.query_row(
        "SELECT id, position FROM roadmap_block WHERE programme_id = ?1 AND uid = ?2",
        params![pid, uid],
        |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)),
    )
    .optional()?
    .ok_or_else(|| CoreError::ElementNotFound(uid.to_string()).into())
}

/// (row id, block row id, position) of an item of the programme.
fn find_item(tx: &Transaction<'_>, pid: i64, uid: &str) -> Result<(i64, i64, usize), TxError> {
    tx.query_row(
        "SELECT id, block_id, position FROM roadmap_item WHERE programme_id = ?1 AND uid = ?2",
        params![pid, uid],
        |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as usize)),
    )
    .optional()?
    .ok_or_else(|| CoreError::ElementNotFound(uid.to_string()).into())
}

fn count(tx: &Transaction<'_>, sql: &str, parent: i64) -> Result<usize, TxError> {
    Ok(tx.query_row(sql, [parent], |r| r.get::<_, i64>(0))? as usize)
}

/// The place to insert at: `None` is the end; past the end is an error.
fn insertion_point(at: Option<usize>, len: usize) -> Result<usize, TxError> {
    match at {
        None => Ok(len),
        Some(i) if i <= len => Ok(i),
        Some(i) => Err(CoreError::InvalidEdit(format!(
            "позиция {} за пределами списка из {len} элементов",
            i + 1
        ))
        .into()),
    }
}

const BLOCK_COUNT: &str = "SELECT count(*) FROM roadmap_block WHERE programme_id = ?1";
const ITEM_COUNT: &str = "SELECT count(*) FROM roadmap_item WHERE block_id = ?1";

impl Store {
    /// Adds an empty block at `at` (0-based; `None` appends) and returns its uid.
    pub fn add_block(
        &mut self,
        programme_id: i64,
        at: Option<usize>,
        title: &str,
    ) -> Result<String> {
        if let Some(msg) = validate_text(title) {
            return Err(CoreError::InvalidEdit(format!("Название блока: {msg}")));
        }
        self.write(|tx| {
            touch(tx, programme_id)?;
            let pos = insertion_point(at, count(tx, BLOCK_COUNT, programme_id)?)?;
            tx.execute(
                "UPDATE roadmap_block SET position = position + 1
                 WHERE programme_id = ?1 AND position >= ?2",
                params![programme_id, pos as i64],
            )?;
            let uid = new_uid();
            tx.execute(
                "INSERT INTO roadmap_block (programme_id, position, uid, title) VALUES (?1, ?2, ?3, ?4)",
                params![programme_id, pos as i64, uid, title],
            )?;
            Ok(uid)
        })
    }

    pub fn rename_block(&mut self, programme_id: i64, block: &str, title: &str) -> Result<()> {
        if let Some(msg) = validate_text(title) {
            return Err(CoreError::InvalidEdit(format!("Название блока: {msg}")));
        }
        self.write(|tx| {
            touch(tx, programme_id)?;
            let (bid, _) = find_block(tx, programme_id, block)?;
            tx.execute(
                "UPDATE roadmap_block SET title = ?2 WHERE id = ?1",
                params![bid, title],
            )?;
            Ok(())
        })
    }

    /// Moves a block to position `to` (0-based) among the blocks.
    pub fn move_block(&mut self, programme_id: i64, block: &str, to: usize) -> Result<()> {
        self.write(|tx| {
            touch(tx, programme_id)?;
            let (bid, from) = find_block(tx, programme_id, block)?;
            let len = count(tx, BLOCK_COUNT, programme_id)?;
            if to >= len {
                return Err(CoreError::InvalidEdit(format!(
                    "позиция {} за пределами списка из {len} блоков",
                    to + 1
                ))
                .into());
            }
            shift_for_move(tx, "roadmap_block", "programme_id", programme_id, from, to)?;
            tx.execute(
                "UPDATE roadmap_block SET position = ?2 WHERE id = ?1",
                params![bid, to as i64],
            )?;
            Ok(())
        })
    }

    /// Deletes a block with all its items and their tracking.
    pub fn delete_block(&mut self, programme_id: i64, block: &str) -> Result<()> {
        self.write(|tx| {
            touch(tx, programme_id)?;
            let (bid, pos) = find_block(tx, programme_id, block)?;
            tx.execute("DELETE FROM roadmap_block WHERE id = ?1", [bid])?;
            tx.execute(
                "UPDATE roadmap_block SET position = position - 1
                 WHERE programme_id = ?1 AND position > ?2",
                params![programme_id, pos as i64],
            )?;
            Ok(())
        })
    }

    /// Adds an item to a block at `at` (0-based; `None` appends); returns its uid.
    pub fn add_item(
        &mut self,
        programme_id: i64,
        block: &str,
        at: Option<usize>,
        input: &ItemInput,
    ) -> Result<String> {
        input.check()?;
        self.write(|tx| {
            touch(tx, programme_id)?;
            let (bid, _) = find_block(tx, programme_id, block)?;
            let pos = insertion_point(at, count(tx, ITEM_COUNT, bid)?)?;
            tx.execute(
                "UPDATE roadmap_item SET position = position + 1 WHERE block_id = ?1 AND position >= ?2",
                params![bid, pos as i64],
            )?;
            let item = Item {
                uid: new_uid(),
                activity: input.activity.clone(),
                deadline: input.deadline.clone(),
                manual_schedule: None,
                responsible: input.responsible.clone(),
                expected_result: input.expected_result.clone(),
                planned_value: input.planned_value.clone(),
                per_year: Vec::new(),
                tracking: Vec::new(),
            };
            let period = programme_period(tx, programme_id)?;
            insert_item_row(tx, programme_id, bid, pos, &item, period)?;
            Ok(item.uid)
        })
    }

    /// Replaces the typed fields of an item.
    pub fn update_item(&mut self, programme_id: i64, item: &str, input: &ItemInput) -> Result<()> {
        input.check()?;
        self.write(|tx| {
            touch(tx, programme_id)?;
            let (iid, _, _) = find_item(tx, programme_id, item)?;
            tx.execute(
                "UPDATE roadmap_item SET activity = ?2, deadline = ?3, responsible = ?4,
                     expected_result = ?5, planned_value = ?6
                 WHERE id = ?1",
                params![
                    iid,
                    input.activity,
                    input.deadline,
                    input.responsible,
                    input.expected_result,
                    input.planned_value
                ],
            )?;
            let period = programme_period(tx, programme_id)?;
            let item = tx.query_row(
                &format!("SELECT {ITEM_COLUMNS} FROM roadmap_item WHERE id = ?1"),
                [iid],
                item_from_row,
            )?;
            tx.execute(
                "UPDATE roadmap_item SET schedule = ?2 WHERE id = ?1",
                params![iid, schedule_json(&item, period)],
            )?;
            Ok(())
        })
    }

    /// Moves an item to position `to` (0-based) of block `to_block`, which
    /// may be its own block or another.
    pub fn move_item(
        &mut self,
        programme_id: i64,
        item: &str,
        to_block: &str,
        to: usize,
    ) -> Result<()> {
        self.write(|tx| {
            touch(tx, programme_id)?;
            let (iid, from_bid, from) = find_item(tx, programme_id, item)?;
            let (to_bid, _) = find_block(tx, programme_id, to_block)?;
            if from_bid == to_bid {
                let len = count(tx, ITEM_COUNT, to_bid)?;
                if to >= len {
                    return Err(CoreError::InvalidEdit(format!(
                        "позиция {} за пределами блока из {len} мероприятий",
                        to + 1
                    ))
                    .into());
                }
                shift_for_move(tx, "roadmap_item", "block_id", to_bid, from, to)?;
            } else {
                let len = count(tx, ITEM_COUNT, to_bid)?;
                let to = insertion_point(Some(to), len)?;
                tx.execute(
                    "UPDATE roadmap_item SET position = position - 1 WHERE block_id = ?1 AND position > ?2",
                    params![from_bid, from as i64],
                )?;
                tx.execute(
                    "UPDATE roadmap_item SET position = position + 1 WHERE block_id = ?1 AND position >= ?2",
                    params![to_bid, to as i64],
                )?;
            }
            tx.execute(
                "UPDATE roadmap_item SET block_id = ?2, position = ?3 WHERE id = ?1",
                params![iid, to_bid, to as i64],
            )?;
            Ok(())
        })
    }

    pub fn delete_item(&mut self, programme_id: i64, item: &str) -> Result<()> {
        self.write(|tx| {
            touch(tx, programme_id)?;
            let (iid, bid, pos) = find_item(tx, programme_id, item)?;
            tx.execute("DELETE FROM roadmap_item WHERE id = ?1", [iid])?;
            tx.execute(
                "UPDATE roadmap_item SET position = position - 1 WHERE block_id = ?1 AND position > ?2",
                params![bid, pos as i64],
            )?;
            Ok(())
        })
    }
}

impl Store {
    /// Sets an item's schedule by hand (`Some`) or returns it to the
    /// interpretation of its deadline text (`None`).
    pub fn set_manual_schedule(
        &mut self,
        programme_id: i64,
        item: &str,
        manual: Option<&ManualSchedule>,
    ) -> Result<ItemSchedule> {
        self.write(|tx| {
            touch(tx, programme_id)?;
            let (iid, _, _) = find_item(tx, programme_id, item)?;
            let period = programme_period(tx, programme_id)?;
            if let Some(m) = manual {
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
            tx.execute(
                "UPDATE roadmap_item SET manual_schedule = ?2 WHERE id = ?1",
                params![
                    iid,
                    manual.map(|m| serde_json::to_string(m).expect("serialises"))
                ],
            )?;
            let item = tx.query_row(
                &format!("SELECT {ITEM_COLUMNS} FROM roadmap_item WHERE id = ?1"),
                [iid],
                item_from_row,
            )?;
            let schedule = effective(&item, period);
            tx.execute(
                "UPDATE roadmap_item SET schedule = ?2 WHERE id = ?1",
                params![iid, serde_json::to_string(&schedule).expect("serialises")],
            )?;
            Ok(schedule)
        })
    }

    /// Changes the programme's period; every deadline is read again against it.
    pub fn set_period(&mut self, programme_id: i64, period: Period) -> Result<()> {
        if period.end < period.start {
            return Err(CoreError::InvalidEdit(format!(
                "конец периода ({}) раньше его начала ({})",
                period.end, period.start
            )));
        }
        self.write(|tx| {
            touch(tx, programme_id)?;
            tx.execute(
                "UPDATE programme SET period_start = ?2, period_end = ?3 WHERE id = ?1",
                params![
                    programme_id,
                    period.start.to_string(),
                    period.end.to_string()
                ],
            )?;
            refresh_schedules(tx, programme_id, period)
        })
    }

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

/// An item's schedule with the item's number and uid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NumberedSchedule {
    pub number: String,
    pub item: String,
    #[serde(flatten)]
    pub schedule: ItemSchedule,
}

/// Makes room for a row moving from `from` to `to` within one parent: the
/// rows in between slide one place towards `from`.
fn shift_for_move(
    tx: &Transaction<'_>,
    table: &str,
    parent_col: &str,
    parent: i64,
    from: usize,
    to: usize,
) -> rusqlite::Result<()> {
    use std::cmp::Ordering::*;
    let sql = match to.cmp(&from) {
        Equal => return Ok(()),
        Less => format!(
            "UPDATE {table} SET position = position + 1
             WHERE {parent_col} = ?1 AND position >= ?2 AND position < ?3"
        ),
        Greater => format!(
            "UPDATE {table} SET position = position - 1
             WHERE {parent_col} = ?1 AND position > ?3 AND position <= ?2"
        ),
    };
    tx.execute(&sql, params![parent, to as i64, from as i64])?;
    Ok(())
}
