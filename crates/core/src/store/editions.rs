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
        self.approve_as(id, date, number, None, today)
    }

    /// `approve`, by an act of `kind` when given. The first approval is
    /// the programme's own act, so its kind is that act's (another kind is
    /// refused); an amendment act may be of another kind than the
    /// approving one (an order amending a decree), and the editions list,
    /// the «(в редакции …)» line and a later amendment act cite it so.
    pub fn approve_as(
        &mut self,
        id: i64,
        date: NaiveDate,
        number: &str,
        kind: Option<ActKind>,
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
            let kind = kind.unwrap_or(act.kind);
            if seq == 1 && kind != act.kind {
                return Err(refuse(format!(
                    "программу утверждает её собственный акт, а он — {}, не {}. Утвердите без выбора вида акта или смените вид на вкладке «Акт»; другой вид можно выбрать для акта об изменениях.",
                    act.kind.heading().to_lowercase(),
                    kind.heading().to_lowercase()
                )));
            }
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
                kind,
                date,
                number: number.clone(),
            };
            let recorded_at = now();
            // The exchange file carries every edition whole: one that would
            // make it larger than an import reads is not approved.
            let editions = counted_len(tx, id)?
                + exchange::edition_len(seq, &edition_act, Some(&recorded_at), &p);
            let programme_bytes = exchange::exported_len(&p);
            let file = programme_bytes + exchange::editions_field_len(editions);
            let limit = super::edit::file_limit();
            if file > limit {
                return Err(refuse(format!(
                    "с этой редакцией файл обмена программы занял бы {}, а допустимо не больше {}: в нём каждая утверждённая редакция записана целиком. Ничего не записано. Сократите тексты программы или разделите её на несколько.",
                    exchange::megabytes(file),
                    exchange::megabytes(limit)
                )));
            }
            insert_edition(tx, id, seq, &edition_act, &recorded_at, &p)?;
            set_counted(tx, id, Some(programme_bytes), editions)?;
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
            let editions = counted_len(tx, id)?.saturating_sub(exchange::edition_len(
                last.seq,
                &last.act,
                Some(&last.recorded_at),
                &last.programme,
            ));
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
                // Without editions nothing else is counted with it.
                let p = load_programme(tx, id)?.ok_or(CoreError::ProgrammeNotFound(id))?;
                set_counted(tx, id, Some(exchange::exported_len(&p)), 0)?;
            } else {
                // The programme is as it was; only the edition's part goes.
                set_counted(tx, id, None, editions)?;
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
    ///
    /// Refused when the file it exports to, editions included, would be
    /// larger than an import reads (a compact file that fits can be larger
    /// indented, and a copy's editions take its new uid).
    pub fn import_document(&mut self, doc: &exchange::Document) -> Result<i64> {
        let limit = super::edit::file_limit();
        let (problems, file_bytes) = crate::validate::validate_sized(&doc.programme, 0, limit);
        if !problems.is_empty() {
            return Err(CoreError::InvalidProgramme(problems));
        }
        self.write(|tx| {
            let (pid, uid) = super::programmes::insert_new(tx, &doc.programme, file_bytes)?;
            let stamp = now();
            let mut editions = 0;
            for e in &doc.editions {
                let mut p = e.programme.clone();
                p.uid = uid.clone();
                let recorded_at = e.recorded_at.as_deref().unwrap_or(&stamp);
                insert_edition(tx, pid, e.seq, &e.act, recorded_at, &p)?;
                editions += exchange::edition_len(e.seq, &e.act, Some(recorded_at), &p);
            }
            // The programme's own uid, when it took a new one, is all that
            // differs from what was counted above.
            let quoted = |uid: &str| serde_json::to_string(uid).map_or(0, |q| q.len() as u64);
            let programme_bytes = file_bytes + quoted(&uid) - quoted(&doc.programme.uid);
            let file = programme_bytes + exchange::editions_field_len(editions);
            if let Some(message) = crate::validate::too_large(file, editions > 0, limit) {
                return Err(CoreError::InvalidProgramme(vec![crate::error::Problem::new(
                    "", message,
                )])
                .into());
            }
            tx.execute(
                "UPDATE programme SET editions_bytes = ?2 WHERE id = ?1",
                params![pid, editions as i64],
            )?;
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

/// What programme `pid`'s approved editions add to its exchange file (the
/// sum of `exchange::edition_len`): as counted when they were stored, or,
/// when it was not (a database from before it was counted), counted from
/// the editions now.
pub(super) fn counted_len(tx: &Transaction<'_>, pid: i64) -> Result<u64, TxError> {
    let counted: Option<i64> = tx
        .prepare_cached("SELECT editions_bytes FROM programme WHERE id = ?1")?
        .query_row([pid], |r| r.get(0))
        .optional()?
        .flatten();
    if let Some(bytes) = counted {
        return Ok(bytes.max(0) as u64);
    }
    let seqs: Vec<i64> = tx
        .prepare_cached("SELECT seq FROM edition WHERE programme_id = ?1 ORDER BY seq")?
        .query_map([pid], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut total = 0;
    for seq in seqs {
        if let Some(e) = read_edition(tx, pid, seq)? {
            total += exchange::edition_len(e.seq, &e.act, Some(&e.recorded_at), &e.programme);
        }
    }
    Ok(total)
}

/// Records what was counted of the exchange file: the programme's own
/// part when given (the edits since start from it) and its editions'.
fn set_counted(
    tx: &Transaction<'_>,
    pid: i64,
    programme_bytes: Option<u64>,
    editions: u64,
) -> Result<(), TxError> {
    match programme_bytes {
        Some(bytes) => tx.execute(
            "UPDATE programme SET file_bytes = ?2, file_grown = 0, editions_bytes = ?3 WHERE id = ?1",
            params![pid, bytes as i64, editions as i64],
        )?,
        None => tx.execute(
            "UPDATE programme SET editions_bytes = ?2 WHERE id = ?1",
            params![pid, editions as i64],
        )?,
    };
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

#[cfg(test)]
mod tests {
    use super::super::edit::with_file_limit;
    use super::*;
    use crate::store::Edit;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// The exported file's length as the store counts it: the programme's
    /// part at its last count, the edits since (not multiplied), and what
    /// the editions add.
    fn counted(store: &Store, pid: i64) -> (Option<u64>, i64, Option<u64>) {
        store
            .conn()
            .query_row(
                "SELECT file_bytes, file_grown, editions_bytes FROM programme WHERE id = ?1",
                [pid],
                |r| {
                    Ok((
                        r.get::<_, Option<i64>>(0)?.map(|b| b as u64),
                        r.get(1)?,
                        r.get::<_, Option<i64>>(2)?.map(|b| b as u64),
                    ))
                },
            )
            .unwrap()
    }

    /// What export writes for programme `pid`, editions included.
    fn exported(store: &Store, pid: i64) -> u64 {
        let doc = store.export_document(pid).unwrap();
        exchange::document_to_json(&doc.programme, &doc.editions).len() as u64
    }

    /// The file as counted, when nothing was edited since the count.
    fn counted_file(store: &Store, pid: i64) -> u64 {
        match counted(store, pid) {
            (Some(bytes), 0, Some(editions)) => bytes + exchange::editions_field_len(editions),
            other => panic!("not counted: {other:?}"),
        }
    }

    fn retitle(store: &mut Store, pid: i64, title: &str) {
        let edit = Edit::SetTitle {
            title: title.into(),
        };
        store.apply(pid, &edit, d("2025-03-10")).unwrap();
    }

    fn stored(p: Programme) -> (Store, i64) {
        let mut store = Store::open_in_memory().unwrap();
        let pid = store.import(&p).unwrap();
        (store, pid)
    }

    /// The count is the exported file's length, editions included, after
    /// an import, each approval, a withdrawal and a recount.
    #[test]
    fn the_counted_file_is_the_exported_file_with_its_editions() {
        let (mut store, pid) = stored(crate::generate::programme(60, 2));
        let first_title = store.load(pid).unwrap().title;
        assert_eq!(counted_file(&store, pid), exported(&store, pid), "imported");
        store
            .approve(pid, d("2025-03-01"), "101", d("2025-03-10"))
            .unwrap();
        let one = exported(&store, pid);
        assert_eq!(counted_file(&store, pid), one, "approved");
        retitle(&mut store, pid, "Программа в новой редакции");
        store
            .approve(pid, d("2025-03-05"), "102", d("2025-03-10"))
            .unwrap();
        let two = exported(&store, pid);
        assert_eq!(counted_file(&store, pid), two, "amended");
        assert!(
            two > one + one / 2,
            "the second edition is counted: {one} → {two}"
        );

        store.withdraw_last_edition(pid).unwrap();
        assert_eq!(
            counted_file(&store, pid),
            exported(&store, pid),
            "withdrawn"
        );
        assert!(counted_file(&store, pid) < two);
        // Withdrawn, the amendment's change stays in the draft: once it is
        // taken back, the approval can go too.
        retitle(&mut store, pid, &first_title);
        store.withdraw_last_edition(pid).unwrap();
        assert_eq!(
            counted_file(&store, pid),
            exported(&store, pid),
            "back to a draft"
        );

        // The exported file imports with its count, under the same uid or,
        // as a copy, a new one.
        store
            .approve(pid, d("2025-03-01"), "101", d("2025-03-10"))
            .unwrap();
        let doc = store.export_document(pid).unwrap();
        let mut other = Store::open_in_memory().unwrap();
        let same = other.import_document(&doc).unwrap();
        assert_eq!(
            counted_file(&other, same),
            exported(&other, same),
            "imported"
        );
        let copy = other.import_document(&doc).unwrap();
        assert_eq!(counted(&other, copy).2.map(|e| e > 0), Some(true));
        // A database from before the editions were counted: the first
        // edit counts them from the stored editions.
        other
            .conn()
            .execute("UPDATE programme SET editions_bytes = NULL", [])
            .unwrap();
        retitle(&mut other, same, "Программа после обновления");
        assert_eq!(
            counted_file(&other, same),
            exported(&other, same),
            "recounted"
        );
    }

    /// An approval that would make the exported file larger than the limit
    /// is refused with the limit named, and nothing is stored; the
    /// programme alone is far within it.
    #[test]
    fn an_edition_that_would_outgrow_the_file_is_not_approved() {
        let (mut store, pid) = stored(crate::generate::programme(60, 2));
        store
            .approve(pid, d("2025-03-01"), "101", d("2025-03-10"))
            .unwrap();
        retitle(&mut store, pid, "Программа в новой редакции");
        let before = store.load(pid).unwrap();
        let one = exported(&store, pid);
        // Room for the programme and one edition, not for two.
        let limit = one + one / 4;
        let err = with_file_limit(limit, || {
            store.approve(pid, d("2025-03-05"), "102", d("2025-03-10"))
        })
        .unwrap_err();
        let message = err.to_string();
        assert_eq!(err.code(), "approve_refused");
        assert!(
            message.contains("Редакция не утверждена")
                && message.contains(&format!("не больше {}", exchange::megabytes(limit)))
                && message.contains("каждая утверждённая редакция записана целиком"),
            "{message}"
        );
        assert_eq!(store.editions(pid).unwrap().len(), 1, "no edition stored");
        assert_eq!(store.load(pid).unwrap(), before, "the draft is as it was");
        assert_eq!(exported(&store, pid), one);
        // With the room it is approved.
        with_file_limit(3 * one, || {
            store.approve(pid, d("2025-03-05"), "102", d("2025-03-10"))
        })
        .unwrap();
    }

    /// The first approval is refused as well when the file with the
    /// edition would pass the limit, and the programme stays a draft with
    /// its act unsigned.
    #[test]
    fn a_first_approval_that_would_outgrow_the_file_leaves_a_draft() {
        let (mut store, pid) = stored(crate::generate::programme(60, 2));
        let before = store.load(pid).unwrap();
        let alone = exported(&store, pid);
        let err = with_file_limit(alone + alone / 2, || {
            store.approve(pid, d("2025-03-01"), "101", d("2025-03-10"))
        })
        .unwrap_err();
        assert_eq!(err.code(), "approve_refused");
        assert!(store.editions(pid).unwrap().is_empty());
        assert_eq!(store.load(pid).unwrap(), before);
    }

    /// An edit of one part, valid alone, that would make the file with its
    /// editions pass the limit is refused, though the programme alone would
    /// fit: the editions are part of the count.
    #[test]
    fn an_edit_that_would_outgrow_the_file_with_its_editions_is_refused() {
        let (mut store, pid) = stored(crate::generate::programme(60, 2));
        let alone = exported(&store, pid);
        store
            .approve(pid, d("2025-03-01"), "101", d("2025-03-10"))
            .unwrap();
        let with_edition = exported(&store, pid);
        // Room for short edits, not for a title of 50 KB.
        let limit = with_edition + 20_000;
        assert!(alone + 60_000 < limit);
        let before = store.load(pid).unwrap();
        let long = "Долгое название программы ".repeat(1000);
        let err = with_file_limit(limit, || {
            store.apply(pid, &Edit::SetTitle { title: long }, d("2025-03-10"))
        })
        .unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("вместе с утверждёнными редакциями")
                && message.contains(&format!("не больше {}", exchange::megabytes(limit))),
            "{message}"
        );
        assert_eq!(store.load(pid).unwrap(), before, "nothing stored");
        // A short edit is within it, and the count stays cheap: its step
        // is added, the file not counted again.
        let (bytes, _, editions) = counted(&store, pid);
        with_file_limit(limit, || retitle(&mut store, pid, "Короче"));
        let (bytes_after, grown, editions_after) = counted(&store, pid);
        assert_eq!((bytes_after, editions_after), (bytes, editions));
        assert!(grown > 0);
    }

    /// An amendment act may be of another kind than the approving act; the
    /// first approval is the programme's own act and keeps its kind.
    #[test]
    fn an_amendment_is_approved_by_the_kind_of_act_chosen() {
        let (mut store, pid) = stored(crate::generate::programme(20, 2));
        let err = store
            .approve_as(
                pid,
                d("2025-03-01"),
                "101",
                Some(ActKind::Order),
                d("2025-03-10"),
            )
            .unwrap_err();
        assert_eq!(err.code(), "approve_refused");
        assert!(
            err.to_string().contains("а он — постановление, не приказ"),
            "{err}"
        );
        assert!(store.editions(pid).unwrap().is_empty());
        let first = store
            .approve_as(
                pid,
                d("2025-03-01"),
                "101",
                Some(ActKind::Decree),
                d("2025-03-10"),
            )
            .unwrap();
        assert_eq!(first.act.kind, ActKind::Decree);
        retitle(&mut store, pid, "Программа в новой редакции");
        let second = store
            .approve_as(
                pid,
                d("2025-03-05"),
                "17-од",
                Some(ActKind::Order),
                d("2025-03-10"),
            )
            .unwrap();
        assert_eq!(second.act.kind, ActKind::Order);
        let kinds: Vec<ActKind> = store
            .editions(pid)
            .unwrap()
            .iter()
            .map(|e| e.act.kind)
            .collect();
        assert_eq!(kinds, [ActKind::Decree, ActKind::Order]);
        assert_eq!(
            store.edition(pid, 2).unwrap().act.genitive(),
            "приказа от 05.03.2025 № 17-од"
        );
        // The programme's own act stays the decree that approved it.
        assert_eq!(store.load(pid).unwrap().act.unwrap().kind, ActKind::Decree);
        // Without a kind, as before: the approving act's.
        retitle(&mut store, pid, "Программа в третьей редакции");
        let third = store
            .approve(pid, d("2025-03-07"), "120", d("2025-03-10"))
            .unwrap();
        assert_eq!(third.act.kind, ActKind::Decree);
    }

    /// A file whose programme fits but whose editions take it past the
    /// limit is not imported, and nothing is stored.
    #[test]
    fn an_import_whose_editions_outgrow_the_file_is_refused() {
        let (mut store, pid) = stored(crate::generate::programme(60, 2));
        store
            .approve(pid, d("2025-03-01"), "101", d("2025-03-10"))
            .unwrap();
        retitle(&mut store, pid, "Программа в новой редакции");
        store
            .approve(pid, d("2025-03-05"), "102", d("2025-03-10"))
            .unwrap();
        let doc = store.export_document(pid).unwrap();
        let file = exported(&store, pid);
        let mut other = Store::open_in_memory().unwrap();
        let err = with_file_limit(file - 1, || other.import_document(&doc)).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("вместе с утверждёнными редакциями")
                && message.contains(&format!("занял бы {}", exchange::megabytes(file))),
            "{message}"
        );
        assert!(
            other.list_programmes().unwrap().is_empty(),
            "nothing stored"
        );
        let id = with_file_limit(file, || other.import_document(&doc)).unwrap();
        assert_eq!(other.editions(id).unwrap().len(), 2);
    }
}
