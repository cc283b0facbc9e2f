//! The ordered lists of a programme (passport rows, tasks, sections,
//! indicators, roadmap blocks, items of a block). Every list keeps its
//! `position` column contiguous — 0, 1, 2, ... — so the numbers a user sees
//! can be derived from it and never drift.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::TxError;
use crate::error::CoreError;

#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    Passport,
    Tasks,
    Sections,
    Indicators,
    Blocks,
    Items,
}

impl ListKind {
    pub(super) fn table(self) -> &'static str {
        match self {
            Self::Passport => "passport_row",
            Self::Tasks => "task",
            Self::Sections => "section",
            Self::Indicators => "indicator",
            Self::Blocks => "roadmap_block",
            Self::Items => "roadmap_item",
        }
    }

    /// The column that names the list an element belongs to: items are
    /// ordered within their block, everything else within the programme.
    fn parent_column(self) -> &'static str {
        match self {
            Self::Items => "block_id",
            _ => "programme_id",
        }
    }

    /// What the element is called in messages: «строка паспорта».
    pub fn noun(self) -> &'static str {
        match self {
            Self::Passport => "строка паспорта",
            Self::Tasks => "задача",
            Self::Sections => "раздел",
            Self::Indicators => "показатель",
            Self::Blocks => "блок дорожной карты",
            Self::Items => "мероприятие",
        }
    }

    /// The same in the genitive, after «удаление», «перемещение».
    pub fn noun_genitive(self) -> &'static str {
        match self {
            Self::Passport => "строки паспорта",
            Self::Tasks => "задачи",
            Self::Sections => "раздела",
            Self::Indicators => "показателя",
            Self::Blocks => "блока дорожной карты",
            Self::Items => "мероприятия",
        }
    }
}

/// Where an element stands: its row id, the id of its list's parent, and
/// its position in that list.
#[derive(Debug, Clone, Copy)]
pub(super) struct Slot {
    pub id: i64,
    pub parent: i64,
    pub position: usize,
}

pub(super) fn find(
    tx: &Transaction<'_>,
    kind: ListKind,
    programme_id: i64,
    uid: &str,
) -> Result<Option<Slot>, TxError> {
    let sql = format!(
        "SELECT id, {parent}, position FROM {table} WHERE programme_id = ?1 AND uid = ?2",
        parent = kind.parent_column(),
        table = kind.table()
    );
    Ok(tx
        .query_row(&sql, params![programme_id, uid], |r| {
            Ok(Slot {
                id: r.get(0)?,
                parent: r.get(1)?,
                position: r.get::<_, i64>(2)? as usize,
            })
        })
        .optional()?)
}

pub(super) fn require(
    tx: &Transaction<'_>,
    kind: ListKind,
    programme_id: i64,
    uid: &str,
) -> Result<Slot, TxError> {
    find(tx, kind, programme_id, uid)?
        // Never the uid: she knows neither it nor where it came from.
        .ok_or_else(|| {
            let this = match kind {
                ListKind::Passport => "Этой строки паспорта",
                ListKind::Tasks => "Этой задачи",
                ListKind::Sections => "Этого раздела",
                ListKind::Indicators => "Этого показателя",
                ListKind::Blocks => "Этого блока дорожной карты",
                ListKind::Items => "Этого мероприятия",
            };
            CoreError::ElementNotFound(format!(
                "{this} в программе уже нет: возможно, удаление уже сделано или добавление отменено. Откройте вкладку заново."
            ))
            .into()
        })
}

pub(super) fn len(tx: &Transaction<'_>, kind: ListKind, parent: i64) -> Result<usize, TxError> {
    let sql = format!(
        "SELECT count(*) FROM {} WHERE {} = ?1",
        kind.table(),
        kind.parent_column()
    );
    Ok(tx.query_row(&sql, [parent], |r| r.get::<_, i64>(0))? as usize)
}

/// `position` (0-based, as edits give it) is past `places`, the number of
/// places an element can take in the list; the message counts from 1.
fn out_of_range(kind: ListKind, position: usize, len: usize, places: usize) -> TxError {
    // `position` comes from the caller as is: `to = usize::MAX` has no
    // 1-based number in a usize, and must not wrap to «позиция 0».
    let shown = match position.checked_add(1) {
        Some(n) => format!("позиция {n}"),
        None => "позиция".to_string(),
    };
    CoreError::InvalidEdit(format!(
        "{shown} за пределами списка ({}: всего {len}); укажите позицию от 1 до {places}",
        kind.noun()
    ))
    .into()
}

/// Opens a gap at `at` (`None`: the end) and returns the position to
/// insert the new element at.
pub(super) fn open_slot(
    tx: &Transaction<'_>,
    kind: ListKind,
    parent: i64,
    at: Option<usize>,
) -> Result<usize, TxError> {
    let n = len(tx, kind, parent)?;
    let pos = match at {
        None => n,
        Some(i) if i <= n => i,
        Some(i) => return Err(out_of_range(kind, i, n, n.saturating_add(1))),
    };
    let sql = format!(
        "UPDATE {} SET position = position + 1 WHERE {} = ?1 AND position >= ?2",
        kind.table(),
        kind.parent_column()
    );
    tx.execute(&sql, params![parent, pos as i64])?;
    Ok(pos)
}

/// Deletes the element and closes the gap it leaves.
pub(super) fn remove(tx: &Transaction<'_>, kind: ListKind, slot: Slot) -> Result<(), TxError> {
    tx.execute(
        &format!("DELETE FROM {} WHERE id = ?1", kind.table()),
        [slot.id],
    )?;
    close_gap(tx, kind, slot)
}

fn close_gap(tx: &Transaction<'_>, kind: ListKind, slot: Slot) -> Result<(), TxError> {
    let sql = format!(
        "UPDATE {} SET position = position - 1 WHERE {} = ?1 AND position > ?2",
        kind.table(),
        kind.parent_column()
    );
    tx.execute(&sql, params![slot.parent, slot.position as i64])?;
    Ok(())
}

/// Moves an element to position `to` of the list under `new_parent` (its
/// own list, or — for items — another block's).
pub(super) fn move_to(
    tx: &Transaction<'_>,
    kind: ListKind,
    slot: Slot,
    new_parent: i64,
    to: usize,
) -> Result<(), TxError> {
    let table = kind.table();
    let parent_col = kind.parent_column();
    if new_parent == slot.parent {
        let n = len(tx, kind, new_parent)?;
        if to >= n {
            return Err(out_of_range(kind, to, n, n));
        }
        let sql = match to.cmp(&slot.position) {
            std::cmp::Ordering::Equal => return Ok(()),
            std::cmp::Ordering::Less => format!(
                "UPDATE {table} SET position = position + 1
                 WHERE {parent_col} = ?1 AND position >= ?2 AND position < ?3"
            ),
            std::cmp::Ordering::Greater => format!(
                "UPDATE {table} SET position = position - 1
                 WHERE {parent_col} = ?1 AND position > ?3 AND position <= ?2"
            ),
        };
        tx.execute(&sql, params![new_parent, to as i64, slot.position as i64])?;
    } else {
        let n = len(tx, kind, new_parent)?;
        if to > n {
            return Err(out_of_range(kind, to, n, n.saturating_add(1)));
        }
        close_gap(tx, kind, slot)?;
        open_slot(tx, kind, new_parent, Some(to))?;
    }
    tx.execute(
        &format!("UPDATE {table} SET {parent_col} = ?2, position = ?3 WHERE id = ?1"),
        params![slot.id, new_parent, to as i64],
    )?;
    Ok(())
}
