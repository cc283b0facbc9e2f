//! «Импорт…» in the window (issue #16): the file she chose is imported at
//! once when it is an exchange file, as it always was, and only read for
//! the review when it is a Word document — told apart by its content
//! (`importing::is_word_input`), so an old .doc or a renamed .xlsx gets the
//! Word reader's refusal rather than the exchange file's.

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::importing::{self, ImportReview};
use crate::{programmes, Result, Session};

/// What opening the chosen file led to.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportStep {
    /// An exchange file, stored as a new programme.
    Imported { id: i64 },
    /// A Word document, read and recognised; nothing is stored until the
    /// window calls `commit_import` with this review's path and fingerprint.
    Review { review: Box<ImportReview> },
}

/// Opens the file at `path` for «Импорт…»; `today` as for `preview_import`.
pub fn open_import(session: &Session, path: &Path, today: NaiveDate) -> Result<ImportStep> {
    if importing::is_word_input(path) {
        let review = importing::preview_import(path, today)?;
        return Ok(ImportStep::Review {
            review: Box::new(review),
        });
    }
    programmes::import_file(session, path).map(|id| ImportStep::Imported { id })
}
