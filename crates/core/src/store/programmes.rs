//! Whole programmes: storing an imported one, reading one back, listing.
//! The roadmap's items and their records are written and read by `roadmap`.

use metodist_schedule::Period;
use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

use super::columns::{from_json, json, parse_enum, parse_month};
use super::{now, Store, TxError};
use crate::error::{CoreError, Result};
use crate::model::*;
use crate::validate::validate_sized;

/// A line of the programme list.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeSummary {
    pub id: i64,
    pub uid: String,
    pub title: String,
    pub period: Period,
    pub status: ProgrammeStatus,
    pub updated_at: String,
    pub items: usize,
}

impl Store {
    /// Stores a new programme and returns its id. The programme is checked
    /// first; when anything is wrong nothing is written. A programme whose
    /// uid is already in the database is stored as a copy with a new uid.
    pub fn import(&mut self, p: &Programme) -> Result<i64> {
        let (problems, file_bytes) = validate_sized(p, 0, super::edit::file_limit());
        if !problems.is_empty() {
            return Err(CoreError::InvalidProgramme(problems));
        }
        self.write(|tx| Ok(insert_new(tx, p, file_bytes)?.0))
    }

    /// The programme with its every part, in order.
    pub fn load(&self, id: i64) -> Result<Programme> {
        load_programme(self.conn(), id)
            .map_err(self.db_err())?
            .ok_or(CoreError::ProgrammeNotFound(id))
    }

    /// Programmes not deleted, most recently changed first.
    pub fn list_programmes(&self) -> Result<Vec<ProgrammeSummary>> {
        self.summaries("p.deleted_at IS NULL ORDER BY p.updated_at DESC, p.id DESC")
    }

    /// Deleted programmes that can still be restored, most recent first.
    pub fn list_deleted(&self) -> Result<Vec<ProgrammeSummary>> {
        self.summaries("p.deleted_at IS NOT NULL ORDER BY p.deleted_at DESC, p.id DESC")
    }

    fn summaries(&self, filter_and_order: &str) -> Result<Vec<ProgrammeSummary>> {
        let mut stmt = self
            .conn()
            .prepare(&format!(
                "SELECT p.id, p.uid, p.title, p.period_start, p.period_end, p.status,
                        coalesce(p.deleted_at, p.updated_at),
                        (SELECT count(*) FROM roadmap_item i WHERE i.programme_id = p.id)
                 FROM programme p WHERE {filter_and_order}"
            ))
            .map_err(self.db_err())?;
        let rows = stmt
            .query_map([], |r| {
                Ok(ProgrammeSummary {
                    id: r.get(0)?,
                    uid: r.get(1)?,
                    title: r.get(2)?,
                    period: Period {
                        start: parse_month("period_start", &r.get::<_, String>(3)?)?,
                        end: parse_month("period_end", &r.get::<_, String>(4)?)?,
                    },
                    status: parse_enum("status", &r.get::<_, String>(5)?, ProgrammeStatus::parse)?,
                    updated_at: r.get(6)?,
                    items: r.get::<_, i64>(7)? as usize,
                })
            })
            .map_err(self.db_err())?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(self.db_err())
    }

    /// Moves a programme to the deleted ones; it can be restored for
    /// `KEEP_DELETED_DAYS` days.
    pub fn delete_programme(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE programme SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
                params![id, now()],
            )?;
            if n == 0 {
                return Err(CoreError::ProgrammeNotFound(id).into());
            }
            Ok(())
        })
    }

    /// Brings a deleted programme back.
    pub fn restore_programme(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE programme SET deleted_at = NULL, updated_at = ?2
                 WHERE id = ?1 AND deleted_at IS NOT NULL",
                params![id, now()],
            )?;
            if n == 0 {
                return Err(CoreError::ProgrammeNotFound(id).into());
            }
            Ok(())
        })
    }

    /// Removes for good the programmes deleted more than `days` days ago;
    /// returns how many.
    pub fn purge_deleted(&mut self, days: i64) -> Result<usize> {
        let cutoff = (chrono::Utc::now() - chrono::Duration::days(days))
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        self.write(|tx| {
            Ok(tx.execute(
                "DELETE FROM programme WHERE deleted_at IS NOT NULL AND deleted_at < ?1",
                [cutoff],
            )?)
        })
    }

    /// Stores a copy of a programme to draft the next one from it: new
    /// uids, status draft, the act unsigned, no tracking and no facts, and
    /// the period that follows its own (2024-09 – 2027-05 becomes 2027-09 –
    /// 2030-05) with the years in its texts moved along, and the last fact of
    /// each indicator as its base. «(копия)» marks the title only when no
    /// year in it moved, so the two can be told apart.
    pub fn duplicate_programme(&mut self, id: i64) -> Result<i64> {
        let p = self.load(id)?;
        let mut copy = crate::copy::fresh_copy(&p);
        let (start, end) = (p.period.start, p.period.end);
        let years = end.year() - start.year() + i32::from(end.month() >= start.month());
        crate::copy::shift_years(&mut copy, years)?;
        // The next programme starts from what this one achieved: the last
        // fact of an indicator becomes its base value and year.
        for (old, new) in p.indicators.iter().zip(&mut copy.indicators) {
            if let Some((year, fact)) = old
                .values
                .iter()
                .filter_map(|v| v.fact.map(|f| (v.year, f)))
                .max_by_key(|(year, _)| *year)
            {
                new.base_year = Some(year);
                new.base_value = Some(fact);
            }
        }
        if copy.title == p.title {
            copy.title = format!("{} (копия)", p.title);
        }
        self.import(&copy)
    }
}

/// Stores `p` as a new programme, under a new uid when its own is taken;
/// its id and the uid it was stored under. `file_bytes` is its exchange
/// file's length as the check counted it (`validate_sized`).
pub(super) fn insert_new(
    tx: &Transaction<'_>,
    p: &Programme,
    file_bytes: u64,
) -> rusqlite::Result<(i64, String)> {
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM programme WHERE uid = ?1)",
        [&p.uid],
        |r| r.get(0),
    )?;
    let uid = if taken {
        crate::uid::new_uid()
    } else {
        p.uid.clone()
    };
    let id = insert_programme(tx, p, &uid)?;
    // Counted as it was checked; a new uid leaves it to the first edit.
    // It has no editions yet (an import adds them and their count).
    tx.execute(
        "UPDATE programme SET file_bytes = ?2, editions_bytes = 0 WHERE id = ?1",
        params![id, (!taken).then_some(file_bytes as i64)],
    )?;
    Ok((id, uid))
}

/// How long deleted programmes can be restored.
pub const KEEP_DELETED_DAYS: i64 = 30;

/// Marks the programme changed; fails when it does not exist.
pub(super) fn touch(tx: &Transaction<'_>, programme_id: i64) -> Result<(), TxError> {
    let n = tx.execute(
        "UPDATE programme SET updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        params![programme_id, now()],
    )?;
    if n == 0 {
        return Err(CoreError::ProgrammeNotFound(programme_id).into());
    }
    Ok(())
}

fn insert_programme(tx: &Transaction<'_>, p: &Programme, uid: &str) -> rusqlite::Result<i64> {
    let stamp = now();
    tx.execute(
        "INSERT INTO programme (uid, title, status, period_start, period_end, created_at, updated_at)
         VALUES (?1, '', 'draft', ?2, ?3, ?4, ?4)",
        params![uid, p.period.start.to_string(), p.period.end.to_string(), stamp],
    )?;
    let pid = tx.last_insert_rowid();
    write_contents(tx, pid, p)?;
    Ok(pid)
}

/// The period of programme `pid`, for changes that check dates against it.
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

/// Writes everything of `p` but its uid into the (empty) programme `pid`.
fn write_contents(tx: &Transaction<'_>, pid: i64, p: &Programme) -> rusqlite::Result<()> {
    write_head(tx, pid, &Head::of(p))?;
    write_act(tx, pid, p.act.as_ref())?;
    for (i, r) in p.passport.iter().enumerate() {
        upsert_passport_row(tx, pid, i, r)?;
    }
    for (i, t) in p.tasks.iter().enumerate() {
        upsert_task(tx, pid, i, t)?;
    }
    for (i, s) in p.sections.iter().enumerate() {
        upsert_section(tx, pid, i, s)?;
    }
    for (i, ind) in p.indicators.iter().enumerate() {
        upsert_indicator(tx, pid, i, ind)?;
    }
    for (b, block) in p.roadmap.blocks.iter().enumerate() {
        let bid = upsert_block(tx, pid, b, &block.uid, &block.title)?;
        for (i, item) in block.items.iter().enumerate() {
            super::roadmap::insert_item_row(tx, pid, bid, i, item, p.period)?;
        }
    }
    Ok(())
}

/// The programme's own fields (not its parts).
pub(super) fn write_head(tx: &Transaction<'_>, pid: i64, h: &Head) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "UPDATE programme SET title = ?2, status = ?3, period_start = ?4, period_end = ?5,
             mark_style = ?6, mark_number = ?7, mark_issuer = ?8, year_columns = ?9,
             layout = ?10, mark_approves = ?11, mark_participle = ?12
         WHERE id = ?1",
    )?
    .execute(params![
        pid,
        h.title,
        h.status.as_str(),
        h.period.start.to_string(),
        h.period.end.to_string(),
        h.appendix.style.as_str(),
        h.appendix.number,
        h.appendix.issuer_genitive,
        json(&h.year_columns),
        json(&h.layout),
        h.appendix.approves.as_str(),
        h.appendix.participle,
    ])?;
    Ok(())
}

pub(super) fn write_act(
    tx: &Transaction<'_>,
    pid: i64,
    act: Option<&ApprovingAct>,
) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM act WHERE programme_id = ?1", [pid])?;
    let Some(a) = act else { return Ok(()) };
    tx.execute(
        "INSERT INTO act (programme_id, kind, issuer, date, number, place, title, preamble,
             formula, points, signatory_position, signatory_name, executor, heading,
             issuer_caps, date_format)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        params![
            pid,
            a.kind.as_str(),
            json(&a.issuer),
            a.date.map(|d| d.to_string()),
            a.number,
            a.place,
            a.title,
            a.preamble,
            a.formula,
            json(&a.points),
            a.signatory_position,
            a.signatory_name,
            a.executor,
            a.heading.as_str(),
            a.issuer_caps,
            a.date_format.as_str(),
        ],
    )?;
    Ok(())
}

// The upserts below insert a new element at `position`, or update an
// existing one (same uid in the programme) in place, leaving its position.

pub(super) fn upsert_passport_row(
    tx: &Transaction<'_>,
    pid: i64,
    position: usize,
    r: &PassportRow,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO passport_row (programme_id, position, uid, key, label, content, from_data, subrows)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (programme_id, uid) DO UPDATE SET
             key = excluded.key, label = excluded.label, content = excluded.content,
             from_data = excluded.from_data, subrows = excluded.subrows",
    )?
    .execute(params![
        pid,
        position as i64,
        r.uid,
        r.key.as_str(),
        r.label,
        json(&r.content),
        r.from_data,
        json(&r.subrows)
    ])?;
    Ok(())
}

pub(super) fn upsert_task(
    tx: &Transaction<'_>,
    pid: i64,
    position: usize,
    t: &Task,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO task (programme_id, position, uid, text) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (programme_id, uid) DO UPDATE SET text = excluded.text",
    )?
    .execute(params![pid, position as i64, t.uid, t.text])?;
    Ok(())
}

pub(super) fn upsert_section(
    tx: &Transaction<'_>,
    pid: i64,
    position: usize,
    s: &Section,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO section (programme_id, position, uid, title, body, unnumbered, renumber)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (programme_id, uid) DO UPDATE SET title = excluded.title, body = excluded.body,
             unnumbered = excluded.unnumbered, renumber = excluded.renumber",
    )?
    .execute(params![
        pid,
        position as i64,
        s.uid,
        s.title,
        json(&s.body),
        s.unnumbered,
        s.renumber.as_ref().map(json)
    ])?;
    Ok(())
}

pub(super) fn upsert_indicator(
    tx: &Transaction<'_>,
    pid: i64,
    position: usize,
    ind: &Indicator,
) -> rusqlite::Result<()> {
    let iid: i64 = tx
        .prepare_cached(
            "INSERT INTO indicator (programme_id, position, uid, name, unit, direction, base_value,
                 base_year, task_uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (programme_id, uid) DO UPDATE SET
                 name = excluded.name, unit = excluded.unit, direction = excluded.direction,
                 base_value = excluded.base_value, base_year = excluded.base_year,
                 task_uid = excluded.task_uid
             RETURNING id",
        )?
        .query_row(
            params![
                pid,
                position as i64,
                ind.uid,
                ind.name,
                ind.unit,
                ind.direction.as_str(),
                ind.base_value,
                ind.base_year,
                ind.task,
            ],
            |r| r.get(0),
        )?;
    tx.execute("DELETE FROM indicator_value WHERE indicator_id = ?1", [iid])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO indicator_value (indicator_id, year, plan, fact) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for v in &ind.values {
        stmt.execute(params![iid, v.year, v.plan, v.fact])?;
    }
    Ok(())
}

/// Returns the block's row id.
pub(super) fn upsert_block(
    tx: &Transaction<'_>,
    pid: i64,
    position: usize,
    uid: &str,
    title: &str,
) -> rusqlite::Result<i64> {
    tx.prepare_cached(
        "INSERT INTO roadmap_block (programme_id, position, uid, title) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (programme_id, uid) DO UPDATE SET title = excluded.title
         RETURNING id",
    )?
    .query_row(params![pid, position as i64, uid, title], |r| r.get(0))
}

/// The programme's own fields, without its uid (which never changes) and
/// its parts: what the head edits change and the undo history restores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Head {
    pub title: String,
    pub status: ProgrammeStatus,
    pub period: Period,
    pub appendix: AppendixMark,
    pub year_columns: Vec<i32>,
    /// Undo steps written before the layout existed read as its default.
    #[serde(default)]
    pub layout: DocumentLayout,
}

impl Head {
    pub fn of(p: &Programme) -> Head {
        Head {
            title: p.title.clone(),
            status: p.status,
            period: p.period,
            appendix: p.appendix.clone(),
            year_columns: p.roadmap.year_columns.clone(),
            layout: p.layout.clone(),
        }
    }
}

/// The uid and head of a programme that is not deleted.
pub(super) fn read_head(
    conn: &rusqlite::Connection,
    id: i64,
) -> rusqlite::Result<Option<(String, Head)>> {
    conn.prepare_cached(
        "SELECT uid, title, status, period_start, period_end, mark_style, mark_number,
                mark_issuer, year_columns, layout, mark_approves, mark_participle
         FROM programme WHERE id = ?1 AND deleted_at IS NULL",
    )?
    .query_row([id], |r| {
        Ok((
            r.get::<_, String>("uid")?,
            Head {
                title: r.get("title")?,
                status: parse_enum(
                    "status",
                    &r.get::<_, String>("status")?,
                    ProgrammeStatus::parse,
                )?,
                period: Period {
                    start: parse_month("period_start", &r.get::<_, String>("period_start")?)?,
                    end: parse_month("period_end", &r.get::<_, String>("period_end")?)?,
                },
                appendix: AppendixMark {
                    style: parse_enum(
                        "mark_style",
                        &r.get::<_, String>("mark_style")?,
                        MarkStyle::parse,
                    )?,
                    number: r.get("mark_number")?,
                    issuer_genitive: r.get("mark_issuer")?,
                    approves: parse_enum(
                        "mark_approves",
                        &r.get::<_, String>("mark_approves")?,
                        Approves::parse,
                    )?,
                    participle: r.get("mark_participle")?,
                },
                year_columns: from_json::<Vec<i32>>(
                    "year_columns",
                    &r.get::<_, String>("year_columns")?,
                )?,
                layout: from_json::<DocumentLayout>("layout", &r.get::<_, String>("layout")?)?,
            },
        ))
    })
    .optional()
}

pub(super) fn read_act(
    conn: &rusqlite::Connection,
    pid: i64,
) -> rusqlite::Result<Option<ApprovingAct>> {
    conn.prepare_cached(
        "SELECT kind, issuer, date, number, place, title, preamble, formula, points,
                signatory_position, signatory_name, executor, heading, issuer_caps,
                date_format
         FROM act WHERE programme_id = ?1",
    )?
    .query_row([pid], |r| {
        let date: Option<String> = r.get("date")?;
        Ok(ApprovingAct {
            kind: parse_enum("kind", &r.get::<_, String>("kind")?, ActKind::parse)?,
            issuer: from_json("issuer", &r.get::<_, String>("issuer")?)?,
            date: date
                .map(|d| from_json("date", &format!("\"{d}\"")))
                .transpose()?,
            number: r.get("number")?,
            place: r.get("place")?,
            title: r.get("title")?,
            preamble: r.get("preamble")?,
            formula: r.get("formula")?,
            points: from_json("points", &r.get::<_, String>("points")?)?,
            signatory_position: r.get("signatory_position")?,
            signatory_name: r.get("signatory_name")?,
            executor: r.get("executor")?,
            heading: parse_enum(
                "heading",
                &r.get::<_, String>("heading")?,
                ActHeading::parse,
            )?,
            issuer_caps: r.get("issuer_caps")?,
            date_format: parse_enum(
                "date_format",
                &r.get::<_, String>("date_format")?,
                DateFormat::parse,
            )?,
        })
    })
    .optional()
}

// Each part is read by one mapper from the columns its constant names,
// whether the whole programme is loaded or one element by its row id.

const PASSPORT_COLUMNS: &str = "uid, key, label, content, from_data, subrows";

fn passport_row_from(r: &Row<'_>) -> rusqlite::Result<PassportRow> {
    Ok(PassportRow {
        uid: r.get("uid")?,
        key: parse_enum("key", &r.get::<_, String>("key")?, PassportKey::parse)?,
        label: r.get("label")?,
        content: from_json("content", &r.get::<_, String>("content")?)?,
        from_data: r.get("from_data")?,
        subrows: from_json("subrows", &r.get::<_, String>("subrows")?)?,
    })
}

const TASK_COLUMNS: &str = "uid, text";

fn task_from(r: &Row<'_>) -> rusqlite::Result<Task> {
    Ok(Task {
        uid: r.get("uid")?,
        text: r.get("text")?,
    })
}

const SECTION_COLUMNS: &str = "uid, title, body, unnumbered, renumber";

fn section_from(r: &Row<'_>) -> rusqlite::Result<Section> {
    Ok(Section {
        uid: r.get("uid")?,
        title: r.get("title")?,
        body: from_json("body", &r.get::<_, String>("body")?)?,
        unnumbered: r.get("unnumbered")?,
        renumber: r
            .get::<_, Option<String>>("renumber")?
            .map(|t| from_json("renumber", &t))
            .transpose()?,
    })
}

const INDICATOR_COLUMNS: &str = "id, uid, name, unit, direction, base_value, base_year, task_uid";

/// An indicator without its values, and its row id to read them by.
fn indicator_from(r: &Row<'_>) -> rusqlite::Result<(i64, Indicator)> {
    Ok((
        r.get("id")?,
        Indicator {
            uid: r.get("uid")?,
            name: r.get("name")?,
            unit: r.get("unit")?,
            direction: parse_enum(
                "direction",
                &r.get::<_, String>("direction")?,
                Direction::parse,
            )?,
            base_value: r.get("base_value")?,
            base_year: r.get("base_year")?,
            task: r.get("task_uid")?,
            values: Vec::new(),
        },
    ))
}

fn indicator_values(
    conn: &rusqlite::Connection,
    indicator_id: i64,
) -> rusqlite::Result<Vec<YearValue>> {
    conn.prepare_cached(
        "SELECT year, plan, fact FROM indicator_value WHERE indicator_id = ?1 ORDER BY rowid",
    )?
    .query_map([indicator_id], |r| {
        Ok(YearValue {
            year: r.get("year")?,
            plan: r.get("plan")?,
            fact: r.get("fact")?,
        })
    })?
    .collect()
}

const BLOCK_COLUMNS: &str = "id, uid, title";

/// A block without its items, and its row id to read them by.
fn block_from(r: &Row<'_>) -> rusqlite::Result<(i64, Block)> {
    Ok((
        r.get("id")?,
        Block {
            uid: r.get("uid")?,
            title: r.get("title")?,
            items: Vec::new(),
        },
    ))
}

pub(super) fn read_passport_row(
    conn: &rusqlite::Connection,
    id: i64,
) -> rusqlite::Result<PassportRow> {
    conn.prepare_cached(&format!(
        "SELECT {PASSPORT_COLUMNS} FROM passport_row WHERE id = ?1"
    ))?
    .query_row([id], passport_row_from)
}

pub(super) fn read_task(conn: &rusqlite::Connection, id: i64) -> rusqlite::Result<Task> {
    conn.prepare_cached(&format!("SELECT {TASK_COLUMNS} FROM task WHERE id = ?1"))?
        .query_row([id], task_from)
}

pub(super) fn read_section(conn: &rusqlite::Connection, id: i64) -> rusqlite::Result<Section> {
    conn.prepare_cached(&format!(
        "SELECT {SECTION_COLUMNS} FROM section WHERE id = ?1"
    ))?
    .query_row([id], section_from)
}

/// Every section of a programme, in order.
pub(super) fn read_sections(
    conn: &rusqlite::Connection,
    pid: i64,
) -> rusqlite::Result<Vec<Section>> {
    conn.prepare_cached(&format!(
        "SELECT {SECTION_COLUMNS} FROM section WHERE programme_id = ?1 ORDER BY position"
    ))?
    .query_map([pid], section_from)?
    .collect()
}

/// An indicator with its values.
pub(super) fn read_indicator(conn: &rusqlite::Connection, id: i64) -> rusqlite::Result<Indicator> {
    let (iid, mut ind) = conn
        .prepare_cached(&format!(
            "SELECT {INDICATOR_COLUMNS} FROM indicator WHERE id = ?1"
        ))?
        .query_row([id], indicator_from)?;
    ind.values = indicator_values(conn, iid)?;
    Ok(ind)
}

/// A block, with its items only when `with_items`.
pub(super) fn read_block(
    conn: &rusqlite::Connection,
    id: i64,
    with_items: bool,
) -> rusqlite::Result<Block> {
    let (bid, mut block) = conn
        .prepare_cached(&format!(
            "SELECT {BLOCK_COLUMNS} FROM roadmap_block WHERE id = ?1"
        ))?
        .query_row([id], block_from)?;
    if with_items {
        block.items = super::roadmap::read_block_items(conn, bid)?;
    }
    Ok(block)
}

pub(super) fn load_programme(
    conn: &rusqlite::Connection,
    id: i64,
) -> rusqlite::Result<Option<Programme>> {
    let Some((uid, head)) = read_head(conn, id)? else {
        return Ok(None);
    };
    let act = read_act(conn, id)?;
    let passport = conn
        .prepare(&format!(
            "SELECT {PASSPORT_COLUMNS} FROM passport_row WHERE programme_id = ?1 ORDER BY position"
        ))?
        .query_map([id], passport_row_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let tasks = conn
        .prepare(&format!(
            "SELECT {TASK_COLUMNS} FROM task WHERE programme_id = ?1 ORDER BY position"
        ))?
        .query_map([id], task_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let sections = read_sections(conn, id)?;
    let mut indicators = conn
        .prepare(&format!(
            "SELECT {INDICATOR_COLUMNS} FROM indicator WHERE programme_id = ?1 ORDER BY position"
        ))?
        .query_map([id], indicator_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (iid, ind) in &mut indicators {
        ind.values = indicator_values(conn, *iid)?;
    }
    let mut blocks = conn
        .prepare(&format!(
            "SELECT {BLOCK_COLUMNS} FROM roadmap_block WHERE programme_id = ?1 ORDER BY position"
        ))?
        .query_map([id], block_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (bid, block) in &mut blocks {
        block.items = super::roadmap::read_block_items(conn, *bid)?;
    }
    let Head {
        title,
        status,
        period,
        appendix,
        year_columns,
        layout,
    } = head;
    Ok(Some(Programme {
        uid,
        title,
        status,
        period,
        act,
        appendix,
        passport,
        tasks,
        sections,
        indicators: indicators.into_iter().map(|(_, i)| i).collect(),
        roadmap: Roadmap {
            year_columns,
            blocks: blocks.into_iter().map(|(_, b)| b).collect(),
        },
        layout,
    }))
}
