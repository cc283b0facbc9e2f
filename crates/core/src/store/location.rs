//! Where the database file is: chosen once by the user, remembered across
//! launches, overridable for one run.
//!
//! A user whose database was damaged opens or creates another one from the
//! window; the next launch must go to that file, not back to the damaged
//! one. The choice is a one-line text file beside the default database, so
//! it survives anything that happens to the database itself.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::error::{CoreError, Result};
use crate::fsutil::{create_private_dir_all, write_private};

const APP_DIR: &str = "Metodist";
pub(crate) const DEFAULT_FILE: &str = "metodist.sqlite3";
const CHOICE_FILE: &str = "database-location.txt";

/// Where the database lives: the `METODIST_DB` environment variable, else
/// the file the user last chose in the window, else
/// `<data dir>/Metodist/metodist.sqlite3` (`%APPDATA%` on Windows,
/// `~/.local/share` or `$XDG_DATA_HOME` on Linux).
pub fn default_db_path() -> Result<PathBuf> {
    resolve(std::env::var_os("METODIST_DB"), dirs::data_dir())
}

/// Remembers `path` as the database of the next launches. Does nothing when
/// `METODIST_DB` overrides the location for this run: that override is for
/// one run (tests, batch work), not a choice to keep.
pub fn remember_db_path(path: &Path) -> Result<()> {
    if env_override(std::env::var_os("METODIST_DB")).is_some() {
        return Ok(());
    }
    let data_dir = dirs::data_dir().ok_or(CoreError::NoDataDir)?;
    remember(&data_dir, path)
}

fn env_override(value: Option<OsString>) -> Option<PathBuf> {
    value.filter(|p| !p.is_empty()).map(PathBuf::from)
}

fn resolve(env: Option<OsString>, data_dir: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(path) = env_override(env) {
        return Ok(path);
    }
    let app_dir = data_dir.ok_or(CoreError::NoDataDir)?.join(APP_DIR);
    Ok(chosen(&app_dir).unwrap_or_else(|| app_dir.join(DEFAULT_FILE)))
}

/// The remembered choice; an unreadable or empty file means none, so a
/// damaged choice file can never keep the app from starting.
fn chosen(app_dir: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(app_dir.join(CHOICE_FILE)).ok()?;
    let line = text.lines().next()?.trim();
    (!line.is_empty()).then(|| PathBuf::from(line))
}

fn remember(data_dir: &Path, path: &Path) -> Result<()> {
    let app_dir = data_dir.join(APP_DIR);
    let choice = app_dir.join(CHOICE_FILE);
    if path == app_dir.join(DEFAULT_FILE) {
        return match std::fs::remove_file(&choice) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(CoreError::io(&choice, e)),
            _ => Ok(()),
        };
    }
    // Relative paths would change meaning with the working directory.
    let absolute = std::path::absolute(path).map_err(|e| CoreError::io(path, e))?;
    let text = absolute.to_str().ok_or_else(|| {
        CoreError::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "путь к файлу содержит символы, которые нельзя сохранить",
            ),
        )
    })?;
    create_private_dir_all(&app_dir).map_err(|e| CoreError::io(&app_dir, e))?;
    write_private(&choice, format!("{text}\n").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "metodist-location-{name}-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn without_a_choice_the_default_file_is_used() {
        let data = temp_dir("default");
        let path = resolve(None, Some(data.clone())).unwrap();
        assert_eq!(path, data.join("Metodist").join("metodist.sqlite3"));
        std::fs::remove_dir_all(data).unwrap();
    }

    #[test]
    fn a_remembered_choice_is_used_until_the_default_is_chosen_again() {
        let data = temp_dir("choice");
        let other = data.join("elsewhere").join("другая база.sqlite3");
        remember(&data, &other).unwrap();
        assert_eq!(resolve(None, Some(data.clone())).unwrap(), other);

        let default = data.join("Metodist").join("metodist.sqlite3");
        remember(&data, &default).unwrap();
        assert_eq!(resolve(None, Some(data.clone())).unwrap(), default);
        assert!(!data.join("Metodist").join(CHOICE_FILE).exists());
        std::fs::remove_dir_all(data).unwrap();
    }

    #[test]
    fn the_environment_wins_over_a_remembered_choice() {
        let data = temp_dir("env");
        remember(&data, &data.join("chosen.sqlite3")).unwrap();
        let env = Some(OsString::from("/explicit/db.sqlite3"));
        assert_eq!(
            resolve(env, Some(data.clone())).unwrap(),
            PathBuf::from("/explicit/db.sqlite3")
        );
        // An empty variable is no override.
        assert_eq!(
            resolve(Some(OsString::new()), Some(data.clone())).unwrap(),
            data.join("chosen.sqlite3")
        );
        std::fs::remove_dir_all(data).unwrap();
    }

    #[test]
    fn an_empty_or_blank_choice_file_means_the_default() {
        let data = temp_dir("blank");
        let app_dir = data.join("Metodist");
        std::fs::create_dir_all(&app_dir).unwrap();
        std::fs::write(app_dir.join(CHOICE_FILE), "  \n").unwrap();
        assert_eq!(
            resolve(None, Some(data.clone())).unwrap(),
            app_dir.join("metodist.sqlite3")
        );
        std::fs::remove_dir_all(data).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn the_remembered_choice_and_its_folder_are_the_owners_alone() {
        use std::os::unix::fs::PermissionsExt;
        let data = temp_dir("mode");
        remember(&data, &data.join("chosen.sqlite3")).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&data.join("Metodist")), 0o700);
        assert_eq!(mode(&data.join("Metodist").join(CHOICE_FILE)), 0o600);
        std::fs::remove_dir_all(data).unwrap();
    }

    #[test]
    fn no_data_directory_is_an_error_not_a_guess() {
        assert_eq!(resolve(None, None).unwrap_err().code(), "no_data_dir");
    }
}
