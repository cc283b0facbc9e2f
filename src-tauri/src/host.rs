//! The desktop side of `metodist_api::Host`: the system's file dialogs, the
//! PDF viewer and the computer's date, with the hooks the end-to-end tests
//! use in their place.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use metodist_api::{ApiError, FileFilter, Host};
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

/// End-to-end tests drive the window through WebDriver, which cannot click a
/// native dialog. The test harness (never the window) sets these variables
/// to the file the dialog would have returned.
const TEST_OPEN_FROM: &str = "METODIST_TEST_OPEN_FROM";
const TEST_SAVE_TO: &str = "METODIST_TEST_SAVE_TO";
/// The harness pins "today" so that what is overdue does not depend on the
/// day the tests run.
const TEST_TODAY: &str = "METODIST_TODAY";

pub struct TauriHost {
    app: AppHandle,
}

impl TauriHost {
    pub fn new(app: AppHandle) -> Self {
        Self { app }
    }
}

/// The computer's date, or the test harness's pinned one.
pub fn today() -> NaiveDate {
    pinned(std::env::var(TEST_TODAY).ok().as_deref())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The pinned date, if the variable holds one ("2025-05-20").
fn pinned(value: Option<&str>) -> Option<NaiveDate> {
    value.and_then(|s| s.trim().parse().ok())
}

fn dialog_path(path: Option<tauri_plugin_dialog::FilePath>) -> Result<Option<PathBuf>, ApiError> {
    path.map(|p| {
        p.into_path()
            .map_err(|_| ApiError::Invalid("выбранный файл недоступен как файл на диске".into()))
    })
    .transpose()
}

impl TauriHost {
    fn dialog(
        &self,
        title: &str,
        filters: &[FileFilter],
    ) -> tauri_plugin_dialog::FileDialogBuilder<tauri::Wry> {
        filters.iter().fold(
            self.app.dialog().file().set_title(title),
            |dialog, filter| dialog.add_filter(filter.name, filter.extensions),
        )
    }
}

impl Host for TauriHost {
    fn today(&self) -> NaiveDate {
        today()
    }

    fn pick_file_of(
        &self,
        title: &str,
        filters: &[FileFilter],
    ) -> Result<Option<PathBuf>, ApiError> {
        if let Some(path) = std::env::var_os(TEST_OPEN_FROM) {
            return Ok(Some(PathBuf::from(path)));
        }
        dialog_path(self.dialog(title, filters).blocking_pick_file())
    }

    fn save_file(
        &self,
        title: &str,
        name: &str,
        filter: FileFilter,
    ) -> Result<Option<PathBuf>, ApiError> {
        if let Some(path) = std::env::var_os(TEST_SAVE_TO) {
            return Ok(Some(PathBuf::from(path)));
        }
        dialog_path(
            self.dialog(title, &[filter])
                .set_file_name(name)
                .blocking_save_file(),
        )
    }

    fn show_file(&self, path: &Path) {
        // Under the e2e harness no viewer may pop up on Xvfb.
        if std::env::var_os(TEST_SAVE_TO).is_none() {
            let _ = self
                .app
                .opener()
                .open_path(path.to_string_lossy(), None::<&str>);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::pinned;

    #[test]
    fn only_a_real_date_pins_today() {
        assert_eq!(pinned(Some(" 2025-05-20 ")), "2025-05-20".parse().ok());
        assert_eq!(pinned(Some("2024-02-29")), "2024-02-29".parse().ok());
        assert_eq!(pinned(Some("2025-02-29")), None, "not a leap year");
        assert_eq!(pinned(Some("20.05.2025")), None);
        assert_eq!(pinned(Some("")), None);
        assert_eq!(pinned(None), None);
    }
}
