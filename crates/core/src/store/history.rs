//! The undo history of a programme. Each edit is kept as one step: what it
//! changed, as it was before and after — the programme's head, its act, or
//! single elements (a passport row, a task, a section, an indicator, a
//! block, an item) with their place in their list, addressed by uid. Undo
//! writes the "before" side back, redo the "after" side; a step costs the
//! size of what the edit changed, not of the programme.
//!
//! Steps are in `undo_step` (schema.rs, migration 3) numbered by `seq`;
//! `programme.undo_seq` is the last step applied, and the steps after it
//! are what can be redone. The history keeps the newest `UNDO_DEPTH`
//! steps and at most `UNDO_MAX_BYTES` of them, dropping the oldest first;
//! the newest step is always kept, however large.
//!
//! Before a side is written back, the programme is checked to be exactly
//! what the other side says: the history can then never write a change
//! over a programme it does not describe.

use metodist_schedule::Period;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::lists::{self, ListKind};
use super::programmes::{
    programme_period, read_act, read_block, read_head, read_indicator, read_passport_row,
    read_section, read_task, upsert_block, upsert_indicator, upsert_passport_row, upsert_section,
    upsert_task, write_act, write_head, Head,
};
use super::roadmap::{insert_item_row, read_item, refresh_schedules, rewrite_item_row};
use super::TxError;
use crate::error::CoreError;
use crate::model::*;

/// How many changes of a programme can be undone.
pub const UNDO_DEPTH: i64 = 100;

/// How many bytes of undo history a programme keeps at most (the newest
/// step is kept even when it alone is larger).
pub const UNDO_MAX_BYTES: i64 = 4 * 1024 * 1024;

/// A value as it was before an edit and after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Both<T> {
    pub before: T,
    pub after: T,
}

/// What one edit changed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub(super) struct Change {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<Both<Head>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub act: Option<Both<Option<ApprovingAct>>>,
    /// Undone in reverse order, redone in this order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elements: Vec<ElementChange>,
}

impl Change {
    /// Adds the step of an edit made after this one: the pair becomes one
    /// step that undoes both (the first "before", the last "after").
    pub(super) fn absorb(&mut self, next: Change) {
        if let Some(head) = next.head {
            match &mut self.head {
                Some(mine) => mine.after = head.after,
                None => self.head = Some(head),
            }
        }
        if let Some(act) = next.act {
            match &mut self.act {
                Some(mine) => mine.after = act.after,
                None => self.act = Some(act),
            }
        }
        self.elements.extend(next.elements);
    }
}

/// One element before and after: `None` where it did not exist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct ElementChange {
    pub list: ListKind,
    pub uid: String,
    pub before: Option<Placed>,
    pub after: Option<Placed>,
}

/// Where an element stands and what it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Placed {
    /// The uid of an item's block; `None` in the other lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<String>,
    pub position: usize,
    pub value: Element,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Element {
    Passport(PassportRow),
    Task(Task),
    Section(Section),
    /// With its values.
    Indicator(Indicator),
    /// A block's title, with its items only where the block appears or
    /// disappears (a renamed block does not carry them).
    Block {
        title: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        items: Option<Vec<Item>>,
    },
    /// With its tracking records, in their order.
    Item(Item),
}

impl Placed {
    fn has_items(&self) -> bool {
        matches!(self.value, Element::Block { items: Some(_), .. })
    }
}

/// Which side of the steps to write: undo goes back to `Before`, redo
/// forward to `After`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Before,
    After,
}

impl Side {
    /// What the programme must be now, and what it is to become.
    fn pick<T>(self, both: &Both<T>) -> (&T, &T) {
        match self {
            Side::Before => (&both.after, &both.before),
            Side::After => (&both.before, &both.after),
        }
    }

    fn pick_element(self, e: &ElementChange) -> (Option<&Placed>, Option<&Placed>) {
        match self {
            Side::Before => (e.after.as_ref(), e.before.as_ref()),
            Side::After => (e.before.as_ref(), e.after.as_ref()),
        }
    }

    fn verb(self) -> &'static str {
        match self {
            Side::Before => "отменить",
            Side::After => "повторить",
        }
    }
}

/// The element `uid` of `list` as it is now; a block's items only when
/// `with_items`.
pub(super) fn read_element(
    tx: &Transaction<'_>,
    pid: i64,
    list: ListKind,
    uid: &str,
    with_items: bool,
) -> Result<Option<Placed>, TxError> {
    let Some(slot) = lists::find(tx, list, pid, uid)? else {
        return Ok(None);
    };
    let block = match list {
        ListKind::Items => Some(
            tx.prepare_cached("SELECT uid FROM roadmap_block WHERE id = ?1")?
                .query_row([slot.parent], |r| r.get(0))?,
        ),
        _ => None,
    };
    let value = match list {
        ListKind::Passport => Element::Passport(read_passport_row(tx, slot.id)?),
        ListKind::Tasks => Element::Task(read_task(tx, slot.id)?),
        ListKind::Sections => Element::Section(read_section(tx, slot.id)?),
        ListKind::Indicators => Element::Indicator(read_indicator(tx, slot.id)?),
        ListKind::Blocks => {
            let b = read_block(tx, slot.id, with_items)?;
            Element::Block {
                title: b.title,
                items: with_items.then_some(b.items),
            }
        }
        ListKind::Items => Element::Item(read_item(tx, slot.id)?),
    };
    Ok(Some(Placed {
        block,
        position: slot.position,
        value,
    }))
}

/// What changed between two states of a programme with the same elements
/// in the same places (a change of period: it may alter values, never the
/// lists). `None` when the lists differ.
pub(super) fn diff_in_place(before: &Programme, after: &Programme) -> Option<Change> {
    let mut change = Change::default();
    let (h0, h1) = (Head::of(before), Head::of(after));
    if h0 != h1 {
        change.head = Some(Both {
            before: h0,
            after: h1,
        });
    }
    if before.act != after.act {
        change.act = Some(Both {
            before: before.act.clone(),
            after: after.act.clone(),
        });
    }
    let out = &mut change.elements;
    same_places(
        out,
        ListKind::Passport,
        None,
        &before.passport,
        &after.passport,
        |r| (r.uid.as_str(), Element::Passport(r.clone())),
    )?;
    same_places(
        out,
        ListKind::Tasks,
        None,
        &before.tasks,
        &after.tasks,
        |t| (t.uid.as_str(), Element::Task(t.clone())),
    )?;
    same_places(
        out,
        ListKind::Sections,
        None,
        &before.sections,
        &after.sections,
        |s| (s.uid.as_str(), Element::Section(s.clone())),
    )?;
    same_places(
        out,
        ListKind::Indicators,
        None,
        &before.indicators,
        &after.indicators,
        |i| (i.uid.as_str(), Element::Indicator(i.clone())),
    )?;
    let (b0, b1) = (&before.roadmap.blocks, &after.roadmap.blocks);
    same_places(out, ListKind::Blocks, None, b0, b1, |b| {
        let title = b.title.clone();
        (b.uid.as_str(), Element::Block { title, items: None })
    })?;
    for (x, y) in b0.iter().zip(b1) {
        same_places(
            out,
            ListKind::Items,
            Some(&x.uid),
            &x.items,
            &y.items,
            |i| (i.uid.as_str(), Element::Item(i.clone())),
        )?;
    }
    Some(change)
}

/// Adds to `out` the elements of a list whose value differs, where both
/// lists hold the same uids in the same order; `None` otherwise.
fn same_places<T>(
    out: &mut Vec<ElementChange>,
    list: ListKind,
    block: Option<&str>,
    before: &[T],
    after: &[T],
    element: impl Fn(&T) -> (&str, Element),
) -> Option<()> {
    if before.len() != after.len() {
        return None;
    }
    for (position, (x, y)) in before.iter().zip(after).enumerate() {
        let ((uid, old), (uid_after, new)) = (element(x), element(y));
        if uid != uid_after {
            return None;
        }
        if old != new {
            let placed = |value| Placed {
                block: block.map(str::to_string),
                position,
                value,
            };
            out.push(ElementChange {
                list,
                uid: uid.to_string(),
                before: Some(placed(old)),
                after: Some(placed(new)),
            });
        }
    }
    Some(())
}

/// Makes programme `pid` what `change` says it was on side `to`, after
/// checking that it is now what the other side says.
pub(super) fn write(
    tx: &Transaction<'_>,
    pid: i64,
    change: &Change,
    to: Side,
) -> Result<(), TxError> {
    let mismatch = || -> TxError {
        CoreError::InvalidEdit(format!(
            "нельзя {}: программа изменилась в обход истории правок",
            to.verb()
        ))
        .into()
    };
    let mut period_changed = false;
    if let Some(head) = &change.head {
        let (expected, target) = to.pick(head);
        let (_, current) = read_head(tx, pid)?.ok_or(CoreError::ProgrammeNotFound(pid))?;
        if current != *expected {
            return Err(mismatch());
        }
        write_head(tx, pid, target)?;
        period_changed = expected.period != target.period;
    }
    if let Some(act) = &change.act {
        let (expected, target) = to.pick(act);
        if read_act(tx, pid)? != *expected {
            return Err(mismatch());
        }
        write_act(tx, pid, target.as_ref())?;
    }
    let period = programme_period(tx, pid)?;
    let mut elements: Vec<&ElementChange> = change.elements.iter().collect();
    if to == Side::Before {
        elements.reverse();
    }
    for e in elements {
        let (expected, target) = to.pick_element(e);
        let with_items = expected.is_some_and(Placed::has_items);
        let current = read_element(tx, pid, e.list, &e.uid, with_items)?;
        if current.as_ref() != expected {
            return Err(mismatch());
        }
        write_element(tx, pid, e.list, &e.uid, current, target, period)?;
    }
    if period_changed {
        refresh_schedules(tx, pid, period)?;
    }
    Ok(())
}

/// Turns element `uid` from `current` into `target`: removes it, puts it
/// in its place, moves it and rewrites its value, as the two differ.
fn write_element(
    tx: &Transaction<'_>,
    pid: i64,
    list: ListKind,
    uid: &str,
    current: Option<Placed>,
    target: Option<&Placed>,
    period: Period,
) -> Result<(), TxError> {
    match (current, target) {
        (None, None) => {}
        (Some(_), None) => {
            let slot = lists::require(tx, list, pid, uid)?;
            lists::remove(tx, list, slot)?;
        }
        (None, Some(t)) => {
            let parent = parent_id(tx, pid, list, t)?;
            let position = lists::open_slot(tx, list, parent, Some(t.position))?;
            write_value(tx, pid, parent, position, uid, &t.value, period)?;
        }
        (Some(c), Some(t)) => {
            if (&c.block, c.position) != (&t.block, t.position) {
                let slot = lists::require(tx, list, pid, uid)?;
                let parent = parent_id(tx, pid, list, t)?;
                lists::move_to(tx, list, slot, parent, t.position)?;
            }
            if c.value != t.value {
                let parent = parent_id(tx, pid, list, t)?;
                write_value(tx, pid, parent, t.position, uid, &t.value, period)?;
            }
        }
    }
    Ok(())
}

/// The row id of the list `target` stands in: its block's for an item,
/// the programme's for everything else.
fn parent_id(
    tx: &Transaction<'_>,
    pid: i64,
    list: ListKind,
    target: &Placed,
) -> Result<i64, TxError> {
    match (list, &target.block) {
        (ListKind::Items, Some(block)) => Ok(lists::require(tx, ListKind::Blocks, pid, block)?.id),
        (ListKind::Items, None) => {
            Err(CoreError::Database("в истории правок у мероприятия не указан блок".into()).into())
        }
        _ => Ok(pid),
    }
}

/// Stores `value` as element `uid` at `position` of the list under
/// `parent`: inserted when it is not there (its gap already open), updated
/// in place when it is.
fn write_value(
    tx: &Transaction<'_>,
    pid: i64,
    parent: i64,
    position: usize,
    uid: &str,
    value: &Element,
    period: Period,
) -> Result<(), TxError> {
    match value {
        Element::Passport(row) => upsert_passport_row(tx, pid, position, row)?,
        Element::Task(task) => upsert_task(tx, pid, position, task)?,
        Element::Section(section) => upsert_section(tx, pid, position, section)?,
        Element::Indicator(ind) => upsert_indicator(tx, pid, position, ind)?,
        Element::Block { title, items } => {
            let bid = upsert_block(tx, pid, position, uid, title)?;
            if let Some(items) = items {
                tx.execute("DELETE FROM roadmap_item WHERE block_id = ?1", [bid])?;
                for (i, item) in items.iter().enumerate() {
                    insert_item_row(tx, pid, bid, i, item, period)?;
                }
            }
        }
        Element::Item(item) => match lists::find(tx, ListKind::Items, pid, uid)? {
            Some(slot) => rewrite_item_row(tx, slot.id, item, period)?,
            None => {
                insert_item_row(tx, pid, parent, position, item, period)?;
            }
        },
    }
    Ok(())
}

pub(super) fn current_seq(tx: &Transaction<'_>, pid: i64) -> Result<i64, TxError> {
    Ok(tx
        .prepare_cached("SELECT undo_seq FROM programme WHERE id = ?1")?
        .query_row([pid], |r| r.get(0))?)
}

fn set_seq(tx: &Transaction<'_>, pid: i64, seq: i64) -> Result<(), TxError> {
    tx.prepare_cached("UPDATE programme SET undo_seq = ?2 WHERE id = ?1")?
        .execute(params![pid, seq])?;
    Ok(())
}

/// Records an applied edit as the newest step; any redo branch is gone,
/// and the oldest steps go while the history is over its bounds. Returns
/// the step's size in bytes.
pub(super) fn push(
    tx: &Transaction<'_>,
    pid: i64,
    label: &str,
    change: &Change,
) -> Result<usize, TxError> {
    let seq = current_seq(tx, pid)? + 1;
    let body = serde_json::to_string(change).expect("a change always serialises");
    tx.prepare_cached("DELETE FROM undo_step WHERE programme_id = ?1 AND seq >= ?2")?
        .execute(params![pid, seq])?;
    tx.prepare_cached(
        "INSERT INTO undo_step (programme_id, seq, label, change, bytes) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![pid, seq, label, body, body.len() as i64])?;
    set_seq(tx, pid, seq)?;
    // Newest first: the first step over either bound goes, with all older.
    let sizes = tx
        .prepare_cached(
            "SELECT seq, bytes FROM undo_step WHERE programme_id = ?1 ORDER BY seq DESC",
        )?
        .query_map([pid], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut total = 0;
    for (kept, (s, bytes)) in sizes.into_iter().enumerate() {
        total += bytes;
        if kept > 0 && (kept as i64 >= UNDO_DEPTH || total > UNDO_MAX_BYTES) {
            tx.prepare_cached("DELETE FROM undo_step WHERE programme_id = ?1 AND seq <= ?2")?
                .execute(params![pid, s])?;
            break;
        }
    }
    Ok(body.len())
}

/// Undoes the last applied step (`Side::Before`) or redoes the next one
/// (`Side::After`).
pub(super) fn step(tx: &Transaction<'_>, pid: i64, to: Side) -> Result<(), TxError> {
    let seq = current_seq(tx, pid)?;
    let (step, after) = match to {
        Side::Before => (seq, seq - 1),
        Side::After => (seq + 1, seq + 1),
    };
    let body: Option<String> = tx
        .prepare_cached("SELECT change FROM undo_step WHERE programme_id = ?1 AND seq = ?2")?
        .query_row(params![pid, step], |r| r.get(0))
        .optional()?;
    let Some(body) = body else {
        return Err(CoreError::InvalidEdit(format!("нечего {}", to.verb())).into());
    };
    let change: Change = serde_json::from_str(&body)
        .map_err(|e| CoreError::Database(format!("шаг истории правок не читается: {e}")))?;
    write(tx, pid, &change, to)?;
    set_seq(tx, pid, after)?;
    super::edit::check_growth(tx, pid, body.len())
}

/// The label of step `seq`, if it is kept.
pub(super) fn label(tx: &Transaction<'_>, pid: i64, seq: i64) -> Result<Option<String>, TxError> {
    Ok(tx
        .prepare_cached("SELECT label FROM undo_step WHERE programme_id = ?1 AND seq = ?2")?
        .query_row(params![pid, seq], |r| r.get(0))
        .optional()?)
}

/// The steps kept for programme `pid` and their bytes together.
pub(super) fn size(tx: &Transaction<'_>, pid: i64) -> Result<(i64, i64), TxError> {
    Ok(tx
        .prepare_cached(
            "SELECT count(*), coalesce(sum(bytes), 0) FROM undo_step WHERE programme_id = ?1",
        )?
        .query_row([pid], |r| Ok((r.get(0)?, r.get(1)?)))?)
}
