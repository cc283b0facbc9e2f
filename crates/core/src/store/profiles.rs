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

    pub fn delete_layout_profile(&mut self, name: &str) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute("DELETE FROM layout_profile WHERE name = ?1", [name])?;
            if n == 0 {
                return Err(CoreError::ElementNotFound(format!("профиль «{name}»")).into());
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
        s.delete_layout_profile("Наш район").unwrap();
        assert!(s.layout_profiles().unwrap().is_empty());
        assert_eq!(
            s.delete_layout_profile("нет").unwrap_err().code(),
            "element_not_found"
        );
    }
}
