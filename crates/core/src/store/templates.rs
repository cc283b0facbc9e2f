//! Templates a new programme starts from: two built into the program (they
//! change with it) and any the user saves from her own programmes.

use chrono::NaiveDate;
use metodist_schedule::YearMonth;
use rusqlite::params;
use serde::Serialize;

use super::{now, Store};
use crate::copy::{fresh_copy, shift_years};
use crate::error::{CoreError, Result};
use crate::exchange;
use crate::model::Programme;

/// The built-in templates, as exchange files under assets/templates.
const BUILTIN: [(&str, &str); 2] = [
    (
        "shnor",
        include_str!("../../../../assets/templates/shnor.metodist.json"),
    ),
    (
        "network",
        include_str!("../../../../assets/templates/network.metodist.json"),
    ),
];

const USER_PREFIX: &str = "user-";

/// A line of the template list.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateSummary {
    /// "shnor", "network" for built-in ones, "user-N" for the user's.
    pub key: String,
    pub name: String,
    pub builtin: bool,
}

fn builtin(key: &str) -> Option<Programme> {
    BUILTIN.iter().find(|(k, _)| *k == key).map(|(_, text)| {
        exchange::from_json(text).expect("built-in templates are valid (a test checks them)")
    })
}

impl Store {
    /// Built-in templates first, then the user's, newest first.
    pub fn list_templates(&self) -> Result<Vec<TemplateSummary>> {
        let mut out: Vec<TemplateSummary> = BUILTIN
            .iter()
            .map(|(key, _)| TemplateSummary {
                key: key.to_string(),
                name: builtin(key).map(|p| p.title).unwrap_or_default(),
                builtin: true,
            })
            .collect();
        let mut stmt = self
            .conn()
            .prepare("SELECT id, name FROM template ORDER BY created_at DESC, id DESC")
            .map_err(self.db_err())?;
        let rows = stmt
            .query_map([], |r| {
                Ok(TemplateSummary {
                    key: format!("{USER_PREFIX}{}", r.get::<_, i64>(0)?),
                    name: r.get(1)?,
                    builtin: false,
                })
            })
            .map_err(self.db_err())?;
        for row in rows {
            out.push(row.map_err(self.db_err())?);
        }
        Ok(out)
    }

    fn template(&self, key: &str) -> Result<Programme> {
        if let Some(p) = builtin(key) {
            return Ok(p);
        }
        let not_found = || CoreError::ElementNotFound(format!("Шаблон «{key}» не найден."));
        let id: i64 = key
            .strip_prefix(USER_PREFIX)
            .and_then(|n| n.parse().ok())
            .ok_or_else(not_found)?;
        let body: String = rusqlite::OptionalExtension::optional(self.conn().query_row(
            "SELECT body FROM template WHERE id = ?1",
            [id],
            |r| r.get(0),
        ))
        .map_err(self.db_err())?
        .ok_or_else(not_found)?;
        exchange::from_json(&body)
    }

    /// A new draft programme from a template; returns its id. The period
    /// keeps its length and first month and begins at that month's next
    /// occurrence after `today` (a September template used in November
    /// starts next September), with the years in its texts moved along: a
    /// new draft has nothing overdue.
    pub fn create_from_template(&mut self, key: &str, today: NaiveDate) -> Result<i64> {
        let template = self.template(key)?;
        let mut p = fresh_copy(&template);
        let first = p.period.start;
        let now = YearMonth::of_date(today);
        let mut year = now.year();
        if YearMonth::new(year, first.month()).is_ok_and(|m| m <= now) {
            year += 1;
        }
        shift_years(&mut p, year - first.year())?;
        self.import(&p)
    }

    /// Saves a programme as a template of the user's: its text without
    /// tracking and facts. Returns the template's key.
    pub fn save_as_template(&mut self, programme_id: i64, name: &str) -> Result<String> {
        let name = name.trim();
        if name.is_empty() {
            return Err(CoreError::InvalidEdit("укажите название шаблона".into()));
        }
        if let Some(msg) = crate::validate::validate_text(name) {
            return Err(CoreError::InvalidEdit(format!("название шаблона: {msg}")));
        }
        let mut p = fresh_copy(&self.load(programme_id)?);
        p.title = name.to_string();
        let body = exchange::to_json(&p);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO template (name, body, builtin, created_at) VALUES (?1, ?2, 0, ?3)",
                params![name, body, now()],
            )?;
            Ok(format!("{USER_PREFIX}{}", tx.last_insert_rowid()))
        })
    }

    /// Deletes one of the user's templates (built-in ones stay).
    pub fn delete_template(&mut self, key: &str) -> Result<()> {
        if builtin(key).is_some() {
            return Err(CoreError::InvalidEdit(
                "встроенный шаблон удалить нельзя".into(),
            ));
        }
        let id: i64 = key
            .strip_prefix(USER_PREFIX)
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| CoreError::ElementNotFound(format!("Шаблон «{key}» не найден.")))?;
        self.write(|tx| {
            let n = tx.execute("DELETE FROM template WHERE id = ?1", [id])?;
            if n == 0 {
                return Err(
                    CoreError::ElementNotFound(format!("Шаблон «{key}» не найден.")).into(),
                );
            }
            Ok(())
        })
    }
}
