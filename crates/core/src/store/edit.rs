//! Every change a user makes to a programme, as one value: the app sends an
//! `Edit`, the store applies it in one transaction, checks that the
//! programme is still valid (or stores nothing), and records what changed
//! in the undo history (`history.rs`) so it can be undone and redone.
//!
//! Each edit names what it can change (its `Scope`): the programme's head,
//! its act, one element — or, for a new period, everything. That part is
//! read before and after the edit, and the two are the history's step.
//! The part is also all that needs checking: the stored programme was
//! valid, so it still is when the changed part passes the checks
//! `validate` makes of it and its uid, if new, is unique. When that check
//! fails, or cannot be made from the part alone (a new period, new year
//! columns), the whole programme is validated — which also names every
//! problem of a refused edit exactly as before.

use chrono::NaiveDate;
use metodist_schedule::Period;
use rusqlite::{params, Transaction};
use serde::{Deserialize, Serialize};

use super::history::{self, Both, Change, Element, ElementChange, Placed, Side};
use super::lists::{self, ListKind};
use super::programmes::{
    load_programme, programme_period, read_act, read_head, read_sections, touch, upsert_block,
    upsert_indicator, upsert_passport_row, upsert_section, upsert_task, write_act, write_head,
    Head,
};
use super::roadmap::{
    delete_record, insert_item_row, refresh_item_schedule, set_manual_schedule_row,
    update_item_row, upsert_record,
};
use super::{Store, TxError};
use crate::error::{CoreError, Result};
use crate::model::*;
use crate::text::plural;
use crate::uid::new_uid;
use crate::validate::{part_is_valid, validate, validate_sized, Part};

pub use super::history::{UNDO_DEPTH, UNDO_MAX_BYTES};

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
    /// The document's shape: headings, section and roadmap numbering,
    /// roadmap columns (docs/design.md §2.7).
    SetLayout {
        layout: DocumentLayout,
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
    /// Several edits as one: applied in order in one transaction, undone and
    /// redone as one step (a replace-all, marking several rows, dropping
    /// the years a shorter period leaves out). `label` names the step in
    /// «Отменить: …»; empty gives «N изменений». A batch holds no batch.
    Batch {
        #[serde(default)]
        #[ts(as = "Option<String>", optional)]
        label: String,
        edits: Vec<Edit>,
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
            Self::SetLayout { .. } => "оформление документа".into(),
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
            Self::Batch { label, edits } if label.trim().is_empty() => {
                let n = edits.len();
                format!("{n} {}", plural(n, ["изменение", "изменения", "изменений"]))
            }
            Self::Batch { label, .. } => label.trim().to_string(),
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

/// How much undo history a programme keeps (see `UNDO_DEPTH` and
/// `UNDO_MAX_BYTES`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HistorySize {
    pub steps: i64,
    /// The stored steps together, in bytes.
    pub bytes: i64,
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
    /// stored, not in the history either. `today` is the caller's date (a
    /// date of completion after it is refused): the core never reads the
    /// clock for it, so the app, the CLI and the tests can each pin the day.
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
            let (uid, change) = match edit {
                Edit::Batch { edits, .. } => {
                    if edits.is_empty() {
                        return Err(CoreError::InvalidEdit(
                            "в наборе нет ни одного изменения".into(),
                        )
                        .into());
                    }
                    let mut all = Change::default();
                    for one in edits {
                        if matches!(one, Edit::Batch { .. }) {
                            return Err(CoreError::InvalidEdit(
                                "набор изменений не может содержать другой набор".into(),
                            )
                            .into());
                        }
                        all.absorb(apply_one(tx, programme_id, one, today)?.1);
                    }
                    (None, all)
                }
                _ => apply_one(tx, programme_id, edit, today)?,
            };
            let step_bytes = history::push(tx, programme_id, &edit.label(), &change)?;
            check_growth(tx, programme_id, step_bytes)?;
            Ok(Applied {
                uid,
                undo: undo_state(tx, programme_id)?,
            })
        })
    }

    /// Returns the programme to the state before its last edit.
    pub fn undo(&mut self, programme_id: i64) -> Result<UndoState> {
        self.step(programme_id, Side::Before)
    }

    /// Re-applies the last undone edit.
    pub fn redo(&mut self, programme_id: i64) -> Result<UndoState> {
        self.step(programme_id, Side::After)
    }

    /// The undo history kept for a programme.
    pub fn undo_history_size(&self, programme_id: i64) -> Result<HistorySize> {
        self.read_tx(|tx| {
            let (steps, bytes) = history::size(tx, programme_id)?;
            Ok(HistorySize { steps, bytes })
        })
    }

    pub fn undo_state(&self, programme_id: i64) -> Result<UndoState> {
        self.read_tx(|tx| undo_state(tx, programme_id))
    }

    /// Runs a read in a deferred transaction that never writes (the
    /// helpers want one only for its type).
    fn read_tx<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T, TxError>) -> Result<T> {
        let tx = self.conn().unchecked_transaction().map_err(self.db_err())?;
        f(&tx).map_err(|e| match e {
            TxError::Sql(e) => CoreError::sqlite(self.path(), e),
            TxError::Core(e) => e,
        })
    }

    fn step(&mut self, programme_id: i64, to: Side) -> Result<UndoState> {
        self.write(|tx| {
            touch(tx, programme_id)?;
            history::step(tx, programme_id, to)?;
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
                "Мероприятие не найдено: у него нет идентификатора.".into(),
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

/// Applies one edit (not a batch) and returns the uid it concerns with
/// the history's step for it.
fn apply_one(
    tx: &Transaction<'_>,
    pid: i64,
    edit: &Edit,
    today: Option<NaiveDate>,
) -> Result<(Option<String>, Change), TxError> {
    let scope = Scope::of(edit);
    Ok(match (scope.read(tx, pid)?, edit) {
        // `apply_in` would do the same, but the change is wanted.
        (Before::Whole(before), Edit::SetPeriod { period }) => {
            (None, set_period(tx, pid, *before, *period)?)
        }
        (before, _) => {
            let uid = apply_in(tx, pid, edit, today)?;
            let change = scope.finish(tx, pid, edit, before, uid.as_deref())?;
            (uid, change)
        }
    })
}

/// Applies the edit's own change; returns the uid it concerns.
fn apply_in(
    tx: &Transaction<'_>,
    pid: i64,
    edit: &Edit,
    today: Option<NaiveDate>,
) -> Result<Option<String>, TxError> {
    let head = |tx: &Transaction<'_>, f: &dyn Fn(&mut Head)| -> Result<(), TxError> {
        let (_, mut h) = read_head(tx, pid)?.ok_or(CoreError::ProgrammeNotFound(pid))?;
        f(&mut h);
        write_head(tx, pid, &h)?;
        Ok(())
    };
    match edit {
        Edit::Batch { .. } => unreachable!("a batch is applied edit by edit"),
        Edit::SetTitle { title } => head(tx, &|h| h.title = title.clone())?,
        Edit::SetStatus { status } => head(tx, &|h| h.status = *status)?,
        Edit::SetAppendix { appendix } => head(tx, &|h| h.appendix = appendix.clone())?,
        Edit::SetYearColumns { years } => head(tx, &|h| h.year_columns = years.clone())?,
        Edit::SetLayout { layout } => head(tx, &|h| h.layout = layout.clone())?,
        Edit::SetPeriod { period } => {
            set_period(tx, pid, whole(tx, pid)?, *period)?;
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
            if *list == ListKind::Tasks {
                refuse_linked_task(tx, pid, uid, slot.position)?;
            }
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
                    return Err(CoreError::InvalidEdit(format!(
                        "месяц {} вне периода программы",
                        month_ru(*a)
                    ))
                    .into());
                }
            }
            set_manual_schedule_row(tx, slot.id, schedule.as_ref())?;
            refresh_item_schedule(tx, slot.id, programme_period(tx, pid)?)?;
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

/// Gives programme `pid`, which is `before`, a new period; returns what
/// changed. A new period may drop empty years from every item and
/// indicator, so the whole programme is validated — before anything is
/// written; then only what changed is, and every schedule is re-read
/// against the new period.
fn set_period(
    tx: &Transaction<'_>,
    pid: i64,
    before: Programme,
    period: Period,
) -> Result<Change, TxError> {
    if period.end < period.start {
        return Err(CoreError::InvalidEdit(format!(
            "конец периода ({}) раньше его начала ({})",
            month_ru(period.end),
            month_ru(period.start)
        ))
        .into());
    }
    let mut after = before.clone();
    after.period = period;
    drop_empty_years(&mut after);
    let problems = validate(&after);
    if !problems.is_empty() {
        return Err(CoreError::EditRejected(problems).into());
    }
    let change = history::diff_in_place(&before, &after)
        .expect("a new period leaves every element in its place");
    history::write(tx, pid, &change, Side::After)?;
    Ok(change)
}

/// A month as she types it in the editor: «05.2029», not "2029-05".
fn month_ru(m: metodist_schedule::YearMonth) -> String {
    format!("{:02}.{}", m.month(), m.year())
}

/// A task an indicator is linked to is not deleted: the refusal names the
/// task by number and the indicators by number and name (#13, item 3), and
/// says the two ways out (the interface offers both as one batch).
fn refuse_linked_task(
    tx: &Transaction<'_>,
    pid: i64,
    uid: &str,
    position: usize,
) -> Result<(), TxError> {
    let linked: Vec<(i64, String)> = tx
        .prepare_cached(
            // Positions are contiguous from 0: the number she sees is position + 1.
            "SELECT position + 1, name FROM indicator
              WHERE programme_id = ?1 AND task_uid = ?2 ORDER BY position",
        )?
        .query_map(params![pid, uid], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if linked.is_empty() {
        return Ok(());
    }
    let named: Vec<String> = linked
        .iter()
        .map(|(n, name)| format!("{n} «{}»", crate::validate::short_name(name)))
        .collect();
    let (whom, them) = match named.as_slice() {
        [one] => (format!("показателем {one}"), "его"),
        [rest @ .., last] => (format!("показателями {} и {last}", rest.join(", ")), "их"),
        [] => unreachable!("checked above"),
    };
    Err(CoreError::InvalidEdit(format!(
        "задача {} связана с {whom}: сначала отвяжите {them} от задачи или удалите вместе с ней",
        position + 1
    ))
    .into())
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

/// What an edit can change: only that is read before and after it, kept
/// in the history and checked.
enum Scope<'a> {
    /// The programme's own fields.
    Head,
    Act,
    /// A new period may change every item's years and schedule: the
    /// whole programme is read (see `set_period`).
    Whole,
    /// One element; a deleted block is read with its items.
    Element {
        list: ListKind,
        uid: &'a str,
        removes: bool,
    },
}

/// The scope's part as it was before the edit.
enum Before {
    Head(Head),
    Act(Option<ApprovingAct>),
    Whole(Box<Programme>),
    Element(Option<Placed>),
}

impl<'a> Scope<'a> {
    fn of(edit: &'a Edit) -> Scope<'a> {
        let element = |list, uid: &'a str| Scope::Element {
            list,
            uid,
            removes: false,
        };
        match edit {
            Edit::SetTitle { .. }
            | Edit::SetStatus { .. }
            | Edit::SetAppendix { .. }
            | Edit::SetYearColumns { .. }
            | Edit::SetLayout { .. } => Scope::Head,
            Edit::SetPeriod { .. } => Scope::Whole,
            Edit::SetAct { .. } => Scope::Act,
            Edit::PutPassportRow { row, .. } => element(ListKind::Passport, &row.uid),
            Edit::PutTask { task, .. } => element(ListKind::Tasks, &task.uid),
            Edit::PutSection { section, .. } => element(ListKind::Sections, &section.uid),
            Edit::PutIndicator { indicator, .. } => element(ListKind::Indicators, &indicator.uid),
            Edit::PutBlock { uid, .. } => element(ListKind::Blocks, uid),
            Edit::PutItem { uid, .. } => element(ListKind::Items, uid),
            Edit::Move { list, uid, .. } => element(*list, uid),
            Edit::Delete { list, uid } => Scope::Element {
                list: *list,
                uid,
                removes: true,
            },
            Edit::SetManualSchedule { item, .. }
            | Edit::SetTracking { item, .. }
            | Edit::ClearTracking { item, .. } => element(ListKind::Items, item),
            Edit::SetFact { indicator, .. } => element(ListKind::Indicators, indicator),
            Edit::Batch { .. } => unreachable!("a batch is applied edit by edit"),
        }
    }

    fn read(&self, tx: &Transaction<'_>, pid: i64) -> Result<Before, TxError> {
        Ok(match *self {
            Scope::Head => Before::Head(head_of(tx, pid)?),
            Scope::Act => Before::Act(read_act(tx, pid)?),
            Scope::Whole => Before::Whole(Box::new(whole(tx, pid)?)),
            // An empty uid asks for a new element: there was none.
            Scope::Element { uid, .. } if uid.trim().is_empty() => Before::Element(None),
            Scope::Element { list, uid, removes } => {
                Before::Element(history::read_element(tx, pid, list, uid, removes)?)
            }
        })
    }

    /// Reads the scope's part after `edit` was applied, checks it (or the
    /// whole programme) and returns the history's step: before and after.
    /// `uid` is the element the edit created or changed, as `apply_in`
    /// returned it.
    fn finish(
        &self,
        tx: &Transaction<'_>,
        pid: i64,
        edit: &Edit,
        before: Before,
        uid: Option<&str>,
    ) -> Result<Change, TxError> {
        let mut change = Change::default();
        match (self, before) {
            (Scope::Head, Before::Head(before)) => {
                let after = head_of(tx, pid)?;
                let part = Part::Head {
                    title: &after.title,
                    appendix: &after.appendix,
                };
                // New year columns must hold every item's years: a check
                // of the whole roadmap; a layout is checked with it.
                if matches!(edit, Edit::SetYearColumns { .. } | Edit::SetLayout { .. })
                    || !part_is_valid(part)
                {
                    validate_whole(tx, pid)?;
                }
                change.head = Some(Both { before, after });
            }
            (Scope::Act, Before::Act(before)) => {
                let after = read_act(tx, pid)?;
                if after.as_ref().is_some_and(|a| !part_is_valid(Part::Act(a))) {
                    validate_whole(tx, pid)?;
                }
                change.act = Some(Both { before, after });
            }
            (
                &Scope::Element {
                    list, uid: asked, ..
                },
                Before::Element(before),
            ) => {
                let uid = uid.unwrap_or(asked);
                // A new element is read whole (a new block with its items),
                // so that redo can put it back.
                let after = history::read_element(tx, pid, list, uid, before.is_none())?;
                if !element_is_valid(tx, pid, list, uid, before.as_ref(), after.as_ref())? {
                    validate_whole(tx, pid)?;
                }
                change.elements.push(ElementChange {
                    list,
                    uid: uid.to_string(),
                    before,
                    after,
                });
            }
            _ => unreachable!("a scope reads its own kind of part"),
        }
        Ok(change)
    }
}

fn head_of(tx: &Transaction<'_>, pid: i64) -> Result<Head, TxError> {
    Ok(read_head(tx, pid)?
        .ok_or(CoreError::ProgrammeNotFound(pid))?
        .1)
}

fn whole(tx: &Transaction<'_>, pid: i64) -> Result<Programme, TxError> {
    Ok(load_programme(tx, pid)?.ok_or(CoreError::ProgrammeNotFound(pid))?)
}

/// Refuses the edit, with every problem named, when the programme as it
/// now stands in the transaction is invalid, or its exchange file with the
/// editions would pass the limit.
fn validate_whole(tx: &Transaction<'_>, pid: i64) -> Result<(), TxError> {
    let editions = super::editions::counted_len(tx, pid)?;
    let (problems, file_bytes) = validate_sized(&whole(tx, pid)?, editions, file_limit());
    if !problems.is_empty() {
        return Err(CoreError::EditRejected(problems).into());
    }
    tx.prepare_cached(
        "UPDATE programme SET file_bytes = ?2, file_grown = 0, editions_bytes = ?3 WHERE id = ?1",
    )?
    .execute(params![pid, file_bytes as i64, editions as i64])?;
    Ok(())
}

/// Keeps the programme's exchange file within `MAX_FILE_BYTES` without
/// counting it on every edit: a part checked alone says nothing of the
/// whole. The file's size is known from the last check of the whole
/// programme (`file_bytes`) and what its approved editions add to it
/// (`editions_bytes`, counted when they are approved or imported, since
/// an edition never changes); each later edit or undo step can add at most
/// `GROWTH_FACTOR` times the bytes of its history step (its part before
/// and after, compact, against the indented file), so the whole is counted
/// again only when that sum could pass the limit, or when a size is not
/// known yet (a programme imported, copied or restored, a database from
/// before the editions were counted).
pub(super) fn check_growth(
    tx: &Transaction<'_>,
    pid: i64,
    step_bytes: usize,
) -> Result<(), TxError> {
    const GROWTH_FACTOR: u64 = 8;
    let (checked, grown, editions): (Option<i64>, i64, Option<i64>) = tx
        .prepare_cached(
            "UPDATE programme SET file_grown = file_grown + ?2 WHERE id = ?1
             RETURNING file_bytes, file_grown, editions_bytes",
        )?
        .query_row(params![pid, step_bytes as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    let may_pass = match (checked, editions) {
        (Some(bytes), Some(editions)) => {
            bytes.max(0) as u64
                + crate::exchange::editions_field_len(editions.max(0) as u64)
                + grown.max(0) as u64 * GROWTH_FACTOR
                > file_limit()
        }
        _ => true,
    };
    if may_pass {
        validate_whole(tx, pid)?;
    }
    Ok(())
}

#[cfg(test)]
thread_local! {
    static FILE_LIMIT: std::cell::Cell<u64> =
        const { std::cell::Cell::new(crate::exchange::MAX_FILE_BYTES) };
}

/// The largest exchange file a stored programme may export to:
/// `MAX_FILE_BYTES`, which a unit test lowers for its own thread
/// (`with_file_limit`) to show the checks on a small programme.
#[cfg(not(test))]
pub(super) fn file_limit() -> u64 {
    crate::exchange::MAX_FILE_BYTES
}

#[cfg(test)]
pub(super) fn file_limit() -> u64 {
    FILE_LIMIT.with(|l| l.get())
}

/// Runs `f` with the limit of the exchange file lowered to `limit` (at
/// most `MAX_FILE_BYTES`) on this thread.
#[cfg(test)]
pub(crate) fn with_file_limit<T>(limit: u64, f: impl FnOnce() -> T) -> T {
    let limit = limit.min(crate::exchange::MAX_FILE_BYTES);
    let before = FILE_LIMIT.with(|l| l.replace(limit));
    let out = f();
    FILE_LIMIT.with(|l| l.set(before));
    out
}

/// Whether a programme that was valid is still valid after element `uid`
/// went from `before` to `after`, judged from the element alone; `false`
/// means "validate the whole programme", not "refuse".
fn element_is_valid(
    tx: &Transaction<'_>,
    pid: i64,
    list: ListKind,
    uid: &str,
    before: Option<&Placed>,
    after: Option<&Placed>,
) -> Result<bool, TxError> {
    let Some(after) = after else {
        // Deleted. Only an indicator refers to another element: its task.
        let referred = list == ListKind::Tasks
            && tx
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM indicator WHERE programme_id = ?1 AND task_uid = ?2)",
                )?
                .query_row(params![pid, uid], |r| r.get::<_, bool>(0))?;
        return Ok(!referred);
    };
    match before {
        None if !uid_is_unique(tx, pid, uid)? => return Ok(false),
        // Moved, or stored as it was: nothing that is checked changed.
        Some(b) if b.value == after.value => return Ok(true),
        _ => {}
    }
    Ok(match &after.value {
        Element::Passport(row) => part_is_valid(Part::PassportRow(row)),
        Element::Task(task) => part_is_valid(Part::Task(task)),
        Element::Section(_) => part_is_valid(Part::Sections(&read_sections(tx, pid)?)),
        Element::Indicator(indicator) => {
            let task_found = match &indicator.task {
                Some(task) => lists::find(tx, ListKind::Tasks, pid, task)?.is_some(),
                None => true,
            };
            part_is_valid(Part::Indicator {
                indicator,
                period: programme_period(tx, pid)?,
                task_found,
            })
        }
        Element::Block { title, .. } => part_is_valid(Part::Block { uid, title }),
        Element::Item(item) => {
            let head = head_of(tx, pid)?;
            part_is_valid(Part::Item {
                item,
                period: head.period,
                year_columns: &head.year_columns,
            })
        }
    })
}

/// Whether no other part of the programme has the uid of a new element.
fn uid_is_unique(tx: &Transaction<'_>, pid: i64, uid: &str) -> Result<bool, TxError> {
    let n: i64 = tx
        .prepare_cached(
            "SELECT (SELECT count(*) FROM passport_row WHERE programme_id = ?1 AND uid = ?2)
                  + (SELECT count(*) FROM task WHERE programme_id = ?1 AND uid = ?2)
                  + (SELECT count(*) FROM section WHERE programme_id = ?1 AND uid = ?2)
                  + (SELECT count(*) FROM indicator WHERE programme_id = ?1 AND uid = ?2)
                  + (SELECT count(*) FROM roadmap_block WHERE programme_id = ?1 AND uid = ?2)
                  + (SELECT count(*) FROM roadmap_item WHERE programme_id = ?1 AND uid = ?2)",
        )?
        .query_row(params![pid, uid], |r| r.get(0))?;
    Ok(n == 1)
}

fn undo_state(tx: &Transaction<'_>, pid: i64) -> Result<UndoState, TxError> {
    let seq = history::current_seq(tx, pid)?;
    Ok(UndoState {
        can_undo: history::label(tx, pid, seq)?,
        can_redo: history::label(tx, pid, seq + 1)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_counts(store: &Store, pid: i64) -> (Option<i64>, i64) {
        store
            .conn()
            .query_row(
                "SELECT file_bytes, file_grown FROM programme WHERE id = ?1",
                [pid],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    }

    /// The whole exchange file is counted once, when it is imported or at
    /// the first edit after; later edits only add the bytes of their
    /// history step.
    #[test]
    fn the_file_is_counted_once_and_then_each_edit_adds_its_step() {
        let mut store = Store::open_in_memory().unwrap();
        let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/sample-programme.metodist.json");
        let pid = store
            .import(&crate::exchange::read_file(&file).unwrap())
            .unwrap();
        let imported = crate::exchange::exported_len(&store.load(pid).unwrap()) as i64;
        assert_eq!(
            file_counts(&store, pid),
            (Some(imported), 0),
            "counted at import"
        );
        // A copy of it (a new uid) is counted at its first edit.
        let copy = store.import(&store.load(pid).unwrap()).unwrap();
        assert_eq!(file_counts(&store, copy), (None, 0));
        let rename = |title: &str| Edit::SetTitle {
            title: title.into(),
        };
        store
            .apply(copy, &rename("Первое"), d("2025-03-10"))
            .unwrap();
        let counted = crate::exchange::exported_len(&store.load(copy).unwrap()) as i64;
        assert_eq!(file_counts(&store, copy), (Some(counted), 0));
        let pid = copy;
        store
            .apply(pid, &rename("Второе"), d("2025-03-10"))
            .unwrap();
        let step: i64 = store
            .conn()
            .query_row(
                "SELECT bytes FROM undo_step WHERE programme_id = ?1 ORDER BY seq DESC",
                [pid],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(file_counts(&store, pid), (Some(counted), step));
        store.undo(pid).unwrap();
        assert_eq!(file_counts(&store, pid), (Some(counted), 2 * step));
    }

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
