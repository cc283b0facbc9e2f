//! Word in (issue #16): a .docx read and recognised for the review, with
//! nothing stored; then, when she confirms, the same file read again and
//! stored in one transaction.
//!
//! The review carries the file's fingerprint, and the import refuses a file
//! that changed since: what is stored is always what she saw. Keeping the
//! recognised programme in the session instead would hold state between two
//! commands for a window that may never confirm.

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use metodist_core::model::Programme;
use metodist_core::validate::validate;
use metodist_core::Problem;
pub use metodist_docx_read::{ImportSummary, ImportWarning, UnclearDeadline};
use metodist_docx_read::{Limits, ReadError};
use serde::Serialize;

use crate::host::{FileFilter, Host, EXCHANGE_FILES, WORD_FILES};
use crate::{ApiError, Result, Session};

/// What a .docx holds, as the import would store it.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize)]
pub struct ImportReview {
    /// The file read, as given.
    pub path: String,
    /// The file's content fingerprint: `commit_import` stores the file only
    /// while it is unchanged.
    pub fingerprint: String,
    pub programme: Programme,
    pub summary: ImportSummary,
    /// What could not be taken as it is, each with its place.
    pub warnings: Vec<ImportWarning>,
    /// What would stop it being stored (empty: it can be imported).
    pub problems: Vec<Problem>,
}

/// The result of an import from the command line: the new programme and
/// the warnings to print.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub id: i64,
    pub warnings: Vec<ImportWarning>,
}

/// The file types the open dialog offers for an import: Word documents,
/// and the exchange files the import also takes.
pub const IMPORT_FILES: FileFilter = FileFilter {
    name: "Документ Word или программа Методиста",
    extensions: &["docx", "json"],
};

/// FNV-1a over the bytes, with their length: stable across runs and
/// builds (the window may confirm after the app restarted).
fn fingerprint(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:x}-{h:016x}", bytes.len())
}

fn read_error(e: ReadError) -> ApiError {
    ApiError::DocxRead(e)
}

fn recognise_bytes(path: &Path, bytes: Vec<u8>, today: NaiveDate) -> Result<ImportReview> {
    let print = fingerprint(&bytes);
    let doc = metodist_docx_read::read_docx(bytes, &Limits::default()).map_err(read_error)?;
    let uid = format!("docx-{}", print.rsplit('-').next().unwrap_or("0"));
    let found = metodist_docx_read::recognise(&doc, &uid, today.year());
    let problems = validate(&found.programme);
    Ok(ImportReview {
        path: path.display().to_string(),
        fingerprint: print,
        programme: found.programme,
        summary: found.summary,
        warnings: found.warnings,
        problems,
    })
}

/// Reads and recognises the file at `path` — a Word document, or an
/// exchange file (told by `is_word_input`), so that the window's import
/// reviews both alike — and stores nothing. `today` gives the first year of
/// a programme whose document names no period.
pub fn preview_import(path: &Path, today: NaiveDate) -> Result<ImportReview> {
    if !is_word_input(path) {
        return review_exchange_file(path);
    }
    let bytes =
        metodist_docx_read::read_file_bytes(path, &Limits::default()).map_err(read_error)?;
    recognise_bytes(path, bytes, today)
}

/// An exchange file's review: the programme as it will be stored (the
/// file is checked whole, so there are no warnings), from the same bytes
/// its fingerprint is taken of.
fn review_exchange_file(path: &Path) -> Result<ImportReview> {
    use metodist_core::exchange::{from_json, MAX_FILE_BYTES};
    use metodist_core::CoreError;
    let meta = std::fs::metadata(path).map_err(|source| CoreError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(CoreError::FileTooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
        }
        .into());
    }
    let bytes = std::fs::read(path).map_err(|source| CoreError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let print = fingerprint(&bytes);
    let text = String::from_utf8(bytes).map_err(|e| {
        CoreError::NotExchangeFile(format!(
            "файл не в кодировке UTF-8 (неверный байт в позиции {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let programme = from_json(text.strip_prefix('\u{feff}').unwrap_or(&text))?;
    Ok(ImportReview {
        path: path.display().to_string(),
        fingerprint: print,
        summary: summary_of(&programme),
        problems: validate(&programme),
        programme,
        warnings: Vec::new(),
    })
}

/// What a programme holds, counted as the review of a document counts it.
fn summary_of(p: &Programme) -> ImportSummary {
    use metodist_core::model::{MarkStyle, RoadmapShape};
    let flat = p.layout.roadmap.shape == RoadmapShape::Flat;
    let mut unclear = Vec::new();
    for (b, block) in p.roadmap.blocks.iter().enumerate() {
        for (i, item) in block.items.iter().enumerate() {
            if item.deadline.trim().is_empty() || item.manual_schedule.is_some() {
                continue;
            }
            if !metodist_schedule::interpret(&item.deadline, p.period).recognized {
                unclear.push(UnclearDeadline {
                    item: p.item_ref(b, i),
                    deadline: item.deadline.clone(),
                    place: String::new(),
                });
            }
        }
    }
    ImportSummary {
        act: p.act.is_some(),
        act_kind: p.act.as_ref().map(|a| a.kind),
        mark: p.act.is_some() && p.appendix.style != MarkStyle::None,
        title: p.layout.title_shown,
        passport_rows: p.passport.len(),
        passport_subrows: p.passport.iter().map(|r| r.subrows.len()).sum(),
        tasks: p.tasks.len(),
        sections: p.sections.len(),
        indicators: p.indicators.len(),
        roadmap: !p.roadmap.blocks.is_empty(),
        flat_roadmap: flat,
        blocks: if flat { 0 } else { p.roadmap.blocks.len() },
        items: p.item_count(),
        year_columns: p.roadmap.year_columns.clone(),
        deadlines_not_understood: unclear,
        unplaced: 0,
        pictures: 0,
    }
}

/// Stores the file at `path` (a .docx or an exchange file) as a new
/// programme, in one transaction, when it is still the file with
/// `fingerprint` that the review showed; the new programme's id.
pub fn commit_import(
    session: &Session,
    path: &Path,
    fingerprint: &str,
    today: NaiveDate,
) -> Result<i64> {
    let review = preview_import(path, today)?;
    if review.fingerprint != fingerprint {
        return Err(ApiError::ImportChanged {
            path: path.to_path_buf(),
        });
    }
    session.with_store_mut(|s| s.import(&review.programme))
}

/// Imports the .docx at `path` at once (the command line): the new id and
/// the warnings.
pub fn import_docx(session: &Session, path: &Path, today: NaiveDate) -> Result<Imported> {
    let review = preview_import(path, today)?;
    let id = session.with_store_mut(|s| s.import(&review.programme))?;
    Ok(Imported {
        id,
        warnings: review.warnings,
    })
}

/// Whether the file at `path` goes to the Word import rather than the
/// exchange file's: by its content — a zip package, an old Office file, RTF
/// or PDF, whose refusals the Word reader words for her — and, for text
/// that is not JSON, by a Word extension. JSON is always an exchange file,
/// whatever its name.
pub fn is_word_input(path: &Path) -> bool {
    let mut head = [0u8; 16];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let head = &head[..n];
    let text = head
        .strip_prefix(&[0xEF, 0xBB, 0xBF][..])
        .unwrap_or(head)
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .copied()
        .collect::<Vec<u8>>();
    if text.starts_with(b"{") && !text.starts_with(b"{\\rtf") {
        return false;
    }
    const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let office = head.starts_with(b"PK")
        || head.starts_with(&OLE)
        || text.starts_with(b"{\\rtf")
        || text.starts_with(b"%PDF");
    let word_name = path.extension().is_some_and(|e| {
        let e = e.to_string_lossy().to_lowercase();
        matches!(e.as_str(), "docx" | "docm" | "dotx" | "doc" | "odt" | "rtf")
    });
    office || (word_name && path.exists())
}

/// Asks for a file to import (Word or exchange); its path, `None` when she
/// cancels. The window then asks for its review.
pub fn choose_import_file(host: &dyn Host) -> Result<Option<String>> {
    // Both kinds shown at first; each alone on its own filter.
    let filters = [IMPORT_FILES, WORD_FILES, EXCHANGE_FILES];
    let picked: Option<PathBuf> = host.pick_file_of("Импорт программы", &filters)?;
    Ok(picked.map(|p| p.display().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_tells_changed_content() {
        assert_eq!(fingerprint(b"abc"), fingerprint(b"abc"));
        assert_ne!(fingerprint(b"abc"), fingerprint(b"abd"));
        assert!(fingerprint(b"abc").starts_with("3-"));
    }
}
