//! Approved editions of a programme (issue #17, docs/design.md §4a).
//!
//! Approving freezes the programme's whole state as an edition: the
//! exchange file's text of the programme (with its format version), the
//! act that approved it (kind, date, number) and its place in the order
//! (1 for the approval, 2, 3 … for the amendments). What the store holds
//! as the programme is then the draft on top of the last approved edition;
//! an edition is never changed (a trigger refuses any UPDATE), and it is
//! read back through `exchange::from_json`, the reading of an import, so
//! an edition approved by this version still reads after the model grows.
//!
//! **Decided:** an approval is not a step of the undo history. «Отменить»
//! reaches back only to the approval: the history is cleared by it, since
//! a step from before it would rewrite the state the edition froze (and
//! its act's date and number) and then show as a change of the draft. An
//! approval recorded with a wrong date or number is withdrawn by
//! [`Store::withdraw_last_edition`] while nothing has changed since it.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::programmes::{load_programme, read_head, write_act, write_head};
use super::{now, Store, TxError};
use crate::error::{CoreError, Result};
use crate::exchange;
use crate::model::{ActKind, Programme, ProgrammeStatus};
use crate::text::date_ru;

/// The act that approved an edition: the approving act for the first, an
/// amendment act («О внесении изменений …») for each later one.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionAct {
    pub kind: ActKind,
    pub date: NaiveDate,
    pub number: String,
}

impl EditionAct {
    /// «постановлением от 12.09.2024 № 412».
    pub fn instrumental(&self) -> String {
        format!(
            "{} от {} № {}",
            self.kind.instrumental(),
            date_ru(self.date),
            self.number
        )
    }

    /// «постановления от 12.09.2024 № 412», as in «в редакции …».
    pub fn genitive(&self) -> String {
        let noun = match self.kind {
            ActKind::Decree => "постановления",
            ActKind::Order => "приказа",
            ActKind::Directive => "распоряжения",
        };
        format!("{noun} от {} № {}", date_ru(self.date), self.number)
    }
}

/// A line of the list of editions.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EditionSummary {
    /// 1 for the approval, 2, 3 … for each amendment.
    pub seq: i64,
    pub act: EditionAct,
    /// When it was recorded in this database (RFC 3339, UTC).
    pub recorded_at: String,
    /// The last approved edition: the one in force («действующая»).
    pub in_force: bool,
}

/// An approved edition, read back whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Edition {
    pub seq: i64,
    pub act: EditionAct,
    pub recorded_at: String,
    pub programme: Programme,
}

/// What an approval compares: the programme's text, not its execution.
/// Tracking records, indicator facts and the status change without any
/// amendment, so they neither count as a change nor block one.
pub fn amendable_content(p: &Programme) -> Programme {
    let mut p = p.clone();
    p.status = ProgrammeStatus::Approved;
    for ind in &mut p.indicators {
        for v in &mut ind.values {
            v.fact = None;
        }
        ind.values.retain(|v| v.plan.is_some());
    }
    for block in &mut p.roadmap.blocks {
        for item in &mut block.items {
            item.tracking.clear();
        }
    }
    p
}

impl Store {
    /// Approves programme `id` by an act of `date` and `number` (its kind
    /// is the kind of the programme's act), freezing its whole state as the
    /// next edition, in one transaction. The first approval writes the date
    /// and number into the approving act and marks the programme approved;
    /// a later one (an amendment) records its own act and leaves the
    /// approving act as it is. Refused, with nothing written, when the
    /// programme has no act, the number is empty, the date is after `today`
    /// or before the last edition's, or nothing but its execution changed
    /// since the last edition.
    pub fn approve(
        &mut self,
        id: i64,
        date: NaiveDate,
        number: &str,
        today: NaiveDate,
    ) -> Result<EditionSummary> {
        let number = number.trim().to_string();
        self.write(|tx| {
            let mut p = load_programme(tx, id)?.ok_or(CoreError::ProgrammeNotFound(id))?;
            let refuse = |m: String| -> TxError { CoreError::ApprovalRefused(m).into() };
            let Some(act) = p.act.clone() else {
                return Err(refuse(
                    "у программы нет утверждающего акта. Заполните его на вкладке «Акт» и утвердите снова.".into(),
                ));
            };
            if number.is_empty() {
                return Err(refuse("не указан номер акта. Укажите номер, под которым акт подписан.".into()));
            }
            if date > today {
                return Err(refuse(format!(
                    "дата акта {} ещё не наступила. Утверждайте редакцию после подписания акта, с его датой.",
                    date_ru(date)
                )));
            }
            let last = last_edition(tx, id)?;
            if let Some(last) = &last {
                if date < last.act.date {
                    return Err(refuse(format!(
                        "дата акта {} раньше даты действующей редакции ({}). Проверьте дату.",
                        date_ru(date),
                        last.act.instrumental()
                    )));
                }
                if amendable_content(&p) == amendable_content(&last.programme) {
                    return Err(refuse(format!(
                        "с утверждения редакции № {} ({}) программа не менялась, утверждать нечего.",
                        last.seq,
                        last.act.instrumental()
                    )));
                }
            }
            let seq = last.as_ref().map_or(1, |l| l.seq + 1);
            if seq == 1 {
                let mut act = act.clone();
                act.date = Some(date);
                act.number = Some(number.clone());
                write_act(tx, id, Some(&act))?;
                let (_, mut head) = read_head(tx, id)?.ok_or(CoreError::ProgrammeNotFound(id))?;
                head.status = ProgrammeStatus::Approved;
                write_head(tx, id, &head)?;
                // The act's date and number lengthen the exported file.
                super::edit::check_growth(tx, id, 64 + number.len())?;
                p = load_programme(tx, id)?.ok_or(CoreError::ProgrammeNotFound(id))?;
            }
            let edition_act = EditionAct {
                kind: act.kind,
                date,
                number: number.clone(),
            };
            let recorded_at = now();
            insert_edition(tx, id, seq, &edition_act, &recorded_at, &p)?;
            clear_history(tx, id)?;
            tx.execute(
                "UPDATE programme SET updated_at = ?2 WHERE id = ?1",
                params![id, recorded_at],
            )?;
            Ok(EditionSummary {
                seq,
                act: edition_act,
                recorded_at,
                in_force: true,
            })
        })
    }

    /// The approved editions of programme `id`, oldest first.
    pub fn editions(&self, id: i64) -> Result<Vec<EditionSummary>> {
        self.load(id).map(|_| ())?;
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT seq, act_kind, act_date, act_number, recorded_at FROM edition
                  WHERE programme_id = ?1 ORDER BY seq",
            )
            .map_err(self.db_err())?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })
            .map_err(self.db_err())?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(self.db_err())?;
        let n = rows.len();
        rows.into_iter()
            .enumerate()
            .map(|(i, (seq, kind, date, number, recorded_at))| {
                Ok(EditionSummary {
                    seq,
                    act: edition_act(seq, &kind, &date, number)?,
                    recorded_at,
                    in_force: i + 1 == n,
                })
            })
            .collect()
    }

    /// Edition `seq` of programme `id` exactly as it was approved.
    pub fn edition(&self, id: i64, seq: i64) -> Result<Edition> {
        let tx = self.conn().unchecked_transaction().map_err(self.db_err())?;
        read_edition(&tx, id, seq)
            .map_err(|e| match e {
                TxError::Sql(e) => CoreError::sqlite(self.path(), e),
                TxError::Core(e) => e,
            })?
            .ok_or(CoreError::EditionNotFound { programme: id, seq })
    }

    /// The edition in force (the last approved one), if any.
    pub fn last_edition(&self, id: i64) -> Result<Option<Edition>> {
        let tx = self.conn().unchecked_transaction().map_err(self.db_err())?;
        last_edition(&tx, id).map_err(|e| match e {
            TxError::Sql(e) => CoreError::sqlite(self.path(), e),
            TxError::Core(e) => e,
        })
    }

    /// Whether the programme's text differs from its edition in force
    /// (`false` when it has none: then it is all a draft, «проект»).
    pub fn changed_since_approval(&self, id: i64) -> Result<bool> {
        let current = self.load(id)?;
        Ok(match self.last_edition(id)? {
            Some(last) => amendable_content(&current) != amendable_content(&last.programme),
            None => false,
        })
    }

    /// Withdraws the edition in force when it was recorded by mistake (a
    /// wrong date or number) and nothing changed since: the edition goes,
    /// and withdrawing the first approval returns the programme to a draft
    /// with its act unsigned. Refused once the draft differs from it, so no
    /// work is lost and no change slips in unapproved.
    pub fn withdraw_last_edition(&mut self, id: i64) -> Result<EditionSummary> {
        self.write(|tx| {
            let current = load_programme(tx, id)?.ok_or(CoreError::ProgrammeNotFound(id))?;
            let Some(last) = last_edition(tx, id)? else {
                return Err(CoreError::ApprovalRefused(
                    "у программы нет утверждённых редакций, отзывать нечего.".into(),
                )
                .into());
            };
            if amendable_content(&current) != amendable_content(&last.programme) {
                return Err(CoreError::ApprovalRefused(format!(
                    "после утверждения редакции № {} программа уже изменена; отозвать можно только редакцию, после которой ничего не менялось. Отмените изменения или утвердите их новой редакцией.",
                    last.seq
                ))
                .into());
            }
            tx.execute(
                "DELETE FROM edition WHERE programme_id = ?1 AND seq = ?2",
                params![id, last.seq],
            )?;
            if last.seq == 1 {
                if let Some(mut act) = current.act.clone() {
                    act.date = None;
                    act.number = None;
                    write_act(tx, id, Some(&act))?;
                }
                let (_, mut head) = read_head(tx, id)?.ok_or(CoreError::ProgrammeNotFound(id))?;
                head.status = ProgrammeStatus::Draft;
                write_head(tx, id, &head)?;
            }
            clear_history(tx, id)?;
            tx.execute(
                "UPDATE programme SET updated_at = ?2 WHERE id = ?1",
                params![id, now()],
            )?;
            Ok(EditionSummary {
                seq: last.seq,
                act: last.act,
                recorded_at: last.recorded_at,
                in_force: false,
            })
        })
    }
}

impl Store {
    /// Stores an exchange file's programme with its approved editions, in
    /// one transaction; the new programme's id. Stored as a copy with a new
    /// uid when its uid is taken (docs/exchange-format.md §4): its editions
    /// then carry the new uid as well, so they stay the same programme's.
    pub fn import_document(&mut self, doc: &exchange::Document) -> Result<i64> {
        let (problems, file_bytes) = crate::validate::validate_sized(&doc.programme);
        if !problems.is_empty() {
            return Err(CoreError::InvalidProgramme(problems));
        }
        self.write(|tx| {
            let (pid, uid) = super::programmes::insert_new(tx, &doc.programme, file_bytes)?;
            let stamp = now();
            for e in &doc.editions {
                let mut p = e.programme.clone();
                p.uid = uid.clone();
                let recorded_at = e.recorded_at.as_deref().unwrap_or(&stamp);
                insert_edition(tx, pid, e.seq, &e.act, recorded_at, &p)?;
            }
            Ok(pid)
        })
    }

    /// Programme `id` with its editions, as an export writes them.
    pub fn export_document(&self, id: i64) -> Result<exchange::Document> {
        let programme = self.load(id)?;
        let editions = self
            .editions(id)?
            .into_iter()
            .map(|s| {
                let e = self.edition(id, s.seq)?;
                Ok(exchange::ExchangeEdition {
                    seq: e.seq,
                    act: e.act,
                    recorded_at: Some(e.recorded_at),
                    programme: e.programme,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(exchange::Document {
            programme,
            editions,
        })
    }
}

/// Stores edition `seq` of programme `pid` as it is in `p`.
pub(super) fn insert_edition(
    tx: &Transaction<'_>,
    pid: i64,
    seq: i64,
    act: &EditionAct,
    recorded_at: &str,
    p: &Programme,
) -> Result<(), TxError> {
    tx.execute(
        "INSERT INTO edition (programme_id, seq, act_kind, act_date, act_number, recorded_at, snapshot)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            pid,
            seq,
            act.kind.as_str(),
            act.date.to_string(),
            act.number,
            recorded_at,
            exchange::to_json(p)
        ],
    )?;
    Ok(())
}

/// The undo history of a programme goes at an approval (see the module).
fn clear_history(tx: &Transaction<'_>, pid: i64) -> Result<(), TxError> {
    tx.execute("DELETE FROM undo_step WHERE programme_id = ?1", [pid])?;
    tx.execute("UPDATE programme SET undo_seq = 0 WHERE id = ?1", [pid])?;
    Ok(())
}

fn edition_act(
    seq: i64,
    kind: &str,
    date: &str,
    number: String,
) -> std::result::Result<EditionAct, CoreError> {
    let unreadable = |reason: String| CoreError::EditionUnreadable { seq, reason };
    Ok(EditionAct {
        kind: ActKind::parse(kind).ok_or_else(|| unreadable(format!("вид акта «{kind}»")))?,
        date: date
            .parse()
            .map_err(|_| unreadable(format!("дата акта «{date}»")))?,
        number,
    })
}

fn read_edition(tx: &Transaction<'_>, pid: i64, seq: i64) -> Result<Option<Edition>, TxError> {
    let row = tx
        .prepare_cached(
            "SELECT act_kind, act_date, act_number, recorded_at, snapshot FROM edition
              WHERE programme_id = ?1 AND seq = ?2",
        )?
        .query_row(params![pid, seq], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })
        .optional()?;
    let Some((kind, date, number, recorded_at, snapshot)) = row else {
        return Ok(None);
    };
    let act = edition_act(seq, &kind, &date, number)?;
    // The reading of an import: whatever version wrote the edition, this
    // build reads it as it reads that version's files.
    let programme = exchange::from_json(&snapshot).map_err(|e| CoreError::EditionUnreadable {
        seq,
        reason: e.to_string(),
    })?;
    Ok(Some(Edition {
        seq,
        act,
        recorded_at,
        programme,
    }))
}

pub(super) fn last_edition(tx: &Transaction<'_>, pid: i64) -> Result<Option<Edition>, TxError> {
    let seq: Option<i64> = tx
        .prepare_cached("SELECT max(seq) FROM edition WHERE programme_id = ?1")?
        .query_row([pid], |r| r.get(0))?;
    match seq {
        Some(seq) => read_edition(tx, pid, seq),
        None => Ok(None),
    }
}
