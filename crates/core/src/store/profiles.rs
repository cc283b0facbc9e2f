//! Print layout profiles the user made (copies of the built-in ones with
//! her district's values). The core keeps them as JSON: their shape belongs
//! to the printing crate, which reads and checks them.

use rusqlite::params;

use super::{now, Store};
use crate::error::{CoreError, Result};

impl Store {
    /// The user's profiles as (name, JSON body), by name.
    pub fn layout_profiles(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT name, body FROM layout_profile ORDER BY name")
            .map_err(self.db_err())?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(self.db_err())?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(self.db_err())
    }

    /// Stores (or replaces) a profile under `name`.
    pub fn save_layout_profile(&mut self, name: &str, body: &str) -> Result<()> {
        let name = name.trim();
        if name.is_empty() {
            return Err(CoreError::InvalidEdit("укажите название профиля".into()));
        }
        if let Some(msg) = crate::validate::validate_text(name) {
            return Err(CoreError::InvalidEdit(format!("название профиля: {msg}")));
        }
        if serde_json::from_str::<serde_json::Value>(body).is_err() {
            return Err(CoreError::InvalidEdit(
                "профиль должен быть записан в JSON".into(),
            ));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO layout_profile (name, body, builtin, updated_at) VALUES (?1, ?2, 0, ?3)
                 ON CONFLICT (name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                params![name, body, now()],
            )?;
            Ok(())
        })
    }

    /// Gives a profile another name, refusing a name already taken (the
    /// caller also keeps the built-in names free).
    pub fn rename_layout_profile(&mut self, from: &str, to: &str) -> Result<()> {
        let to = to.trim();
        if to.is_empty() {
            return Err(CoreError::InvalidEdit("укажите название профиля".into()));
        }
        if let Some(msg) = crate::validate::validate_text(to) {
            return Err(CoreError::InvalidEdit(format!("название профиля: {msg}")));
        }
        if from == to {
            return Ok(());
        }
        self.write(|tx| {
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM layout_profile WHERE name = ?1)",
                [to],
                |r| r.get(0),
            )?;
            if taken {
                return Err(CoreError::InvalidEdit(format!("профиль «{to}» уже есть")).into());
            }
            let n = tx.execute(
                "UPDATE layout_profile SET name = ?2, updated_at = ?3 WHERE name = ?1",
                params![from, to, now()],
            )?;
            if n == 0 {
                return Err(
                    CoreError::ElementNotFound(format!("Профиль «{from}» не найден.")).into(),
                );
            }
            Ok(())
        })
    }

    pub fn delete_layout_profile(&mut self, name: &str) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute("DELETE FROM layout_profile WHERE name = ?1", [name])?;
            if n == 0 {
                return Err(
                    CoreError::ElementNotFound(format!("Профиль «{name}» не найден.")).into(),
                );
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::Store;

    #[test]
    fn profiles_are_stored_replaced_and_deleted() {
        let mut s = Store::open_in_memory().unwrap();
        s.save_layout_profile("Наш район", r#"{"margin_left_mm": 30}"#)
            .unwrap();
        s.save_layout_profile("Наш район", r#"{"margin_left_mm": 25}"#)
            .unwrap();
        assert_eq!(
            s.layout_profiles().unwrap(),
            [(
                "Наш район".to_string(),
                r#"{"margin_left_mm": 25}"#.to_string()
            )]
        );
        assert_eq!(
            s.save_layout_profile("x", "не json").unwrap_err().code(),
            "invalid_edit"
        );
        assert_eq!(
            s.save_layout_profile(" ", "{}").unwrap_err().code(),
            "invalid_edit"
        );
        s.save_layout_profile("Соседи", "{}").unwrap();
        assert_eq!(
            s.rename_layout_profile("Наш район", "Соседи")
                .unwrap_err()
                .code(),
            "invalid_edit"
        );
        s.rename_layout_profile("Наш район", " Наш район, 2026 ")
            .unwrap();
        let names: Vec<String> = s
            .layout_profiles()
            .unwrap()
            .into_iter()
            .map(|p| p.0)
            .collect();
        assert_eq!(names, ["Наш район, 2026", "Соседи"]);
        assert_eq!(
            s.rename_layout_profile("нет", "да").unwrap_err().code(),
            "element_not_found"
        );
        s.delete_layout_profile("Соседи").unwrap();
        s.delete_layout_profile("Наш район, 2026").unwrap();
        assert!(s.layout_profiles().unwrap().is_empty());
        assert_eq!(
            s.delete_layout_profile("нет").unwrap_err().code(),
            "element_not_found"
        );
    }
}
