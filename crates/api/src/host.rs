//! What only a desktop does, behind a small trait: the system's file
//! dialogs, the PDF viewer and the date the screens count from. The Tauri
//! shell implements it with real dialogs; tests use [`TestHost`].

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::NaiveDate;

use crate::error::Result;

/// A file type offered in a dialog: «Программа Методиста» (*.json).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileFilter {
    pub name: &'static str,
    pub extensions: &'static [&'static str],
}

pub const EXCHANGE_FILES: FileFilter = FileFilter {
    name: "Программа Методиста",
    extensions: &["json"],
};
pub const PDF_FILES: FileFilter = FileFilter {
    name: "PDF",
    extensions: &["pdf"],
};
pub const XLSX_FILES: FileFilter = FileFilter {
    name: "Книга Excel",
    extensions: &["xlsx"],
};
pub const WORD_FILES: FileFilter = FileFilter {
    name: "Документ Word",
    extensions: &["docx"],
};
pub const DATABASE_FILES: FileFilter = FileFilter {
    name: "База данных Методиста",
    extensions: &["sqlite3", "sqlite", "db"],
};

pub trait Host: Send + Sync {
    /// The date "overdue" and "done today" count from.
    fn today(&self) -> NaiveDate;
    /// Asks the user for a file to read; `None` when she cancels.
    fn pick_file(&self, title: &str, filter: FileFilter) -> Result<Option<PathBuf>> {
        self.pick_file_of(title, &[filter])
    }
    /// The same with a choice of file types, `filters[0]` shown first.
    fn pick_file_of(&self, title: &str, filters: &[FileFilter]) -> Result<Option<PathBuf>>;
    /// Asks where to write a file, proposing `name`; `None` when she cancels.
    fn save_file(&self, title: &str, name: &str, filter: FileFilter) -> Result<Option<PathBuf>>;
    /// Shows a written file in the system's viewer. Failing to open one is
    /// not a failure of the operation: the file is written.
    fn show_file(&self, path: &Path);
}

/// A host for tests: a fixed today, dialogs answered in advance, and a
/// record of what would have been shown.
#[derive(Debug)]
pub struct TestHost {
    pub today: NaiveDate,
    /// What the open dialog returns (`None`: the user cancels).
    pub open_from: Option<PathBuf>,
    /// What the save dialog returns (`None`: the user cancels).
    pub save_to: Option<PathBuf>,
    /// Files passed to `show_file`, in order.
    pub shown: Mutex<Vec<PathBuf>>,
    /// The file names the save dialog suggested, in order.
    pub suggested: Mutex<Vec<String>>,
}

impl TestHost {
    pub fn new(today: NaiveDate) -> Self {
        Self {
            today,
            open_from: None,
            save_to: None,
            shown: Mutex::new(Vec::new()),
            suggested: Mutex::new(Vec::new()),
        }
    }
}

impl Host for TestHost {
    fn today(&self) -> NaiveDate {
        self.today
    }

    fn pick_file_of(&self, _title: &str, _filters: &[FileFilter]) -> Result<Option<PathBuf>> {
        Ok(self.open_from.clone())
    }

    fn save_file(&self, _title: &str, name: &str, _filter: FileFilter) -> Result<Option<PathBuf>> {
        self.suggested
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(name.to_string());
        Ok(self.save_to.clone())
    }

    fn show_file(&self, path: &Path) {
        self.shown
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(path.to_path_buf());
    }
}
