//! The programme list: programmes, the deleted ones, templates, and the
//! exchange file in and out.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use metodist_core::store::TemplateSummary;
use metodist_core::{exchange, ProgrammeSummary};

use crate::files::file_stem;
use crate::host::{Host, EXCHANGE_FILES};
use crate::{Result, Session};

pub fn list_programmes(session: &Session) -> Result<Vec<ProgrammeSummary>> {
    session.with_store(|s| s.list_programmes())
}

/// Programmes moved to the deleted ones in the last 30 days.
pub fn list_deleted(session: &Session) -> Result<Vec<ProgrammeSummary>> {
    session.with_store(|s| s.list_deleted())
}

pub fn duplicate_programme(session: &Session, id: i64) -> Result<i64> {
    session.with_store_mut(|s| s.duplicate_programme(id))
}

/// Moves a programme to the deleted ones (restorable for 30 days).
pub fn delete_programme(session: &Session, id: i64) -> Result<()> {
    session.with_store_mut(|s| s.delete_programme(id))
}

pub fn restore_programme(session: &Session, id: i64) -> Result<()> {
    session.with_store_mut(|s| s.restore_programme(id))
}

pub fn list_templates(session: &Session) -> Result<Vec<TemplateSummary>> {
    session.with_store(|s| s.list_templates())
}

/// A new draft from a template, its period starting after `today`.
pub fn create_from_template(session: &Session, key: String, today: NaiveDate) -> Result<i64> {
    session.with_store_mut(|s| s.create_from_template(&key, today))
}

/// Stores the programme as a template of the user's; its key.
pub fn save_as_template(session: &Session, id: i64, name: String) -> Result<String> {
    session.with_store_mut(|s| s.save_as_template(id, &name))
}

pub fn delete_template(session: &Session, key: String) -> Result<()> {
    session.with_store_mut(|s| s.delete_template(&key))
}

/// Imports the file at `path` — an exchange file, or a Word document (by
/// its content, `importing::is_word_input`) — as a new programme; its id.
pub fn import_file(session: &Session, path: &Path) -> Result<i64> {
    if crate::importing::is_word_input(path) {
        let today = chrono::Local::now().date_naive();
        return crate::importing::import_docx(session, path, today).map(|i| i.id);
    }
    let document = exchange::read_document_file(path)?;
    session.with_store_mut(|s| s.import_document(&document))
}

/// Writes programme `id` as an exchange file at `path`; never over the
/// database or one of its files.
pub fn export_file(session: &Session, id: i64, path: &Path) -> Result<()> {
    session.check_output(path)?;
    let document = session.with_store(|s| s.export_document(id))?;
    exchange::write_document_file(path, &document.programme, &document.editions)?;
    Ok(())
}

/// Programme `id` with its editions as the text of an exchange file.
pub fn export_text(session: &Session, id: i64) -> Result<String> {
    let document = session.with_store(|s| s.export_document(id))?;
    Ok(exchange::document_to_json(
        &document.programme,
        &document.editions,
    ))
}

/// Asks for an exchange file and imports it; `None` when the user cancels.
pub fn import_programme(session: &Session, host: &dyn Host) -> Result<Option<i64>> {
    let Some(path) = host.pick_file("Импорт программы", EXCHANGE_FILES)? else {
        return Ok(None);
    };
    import_file(session, &path).map(Some)
}

/// Asks where to save the programme's exchange file and writes it there;
/// the path written, `None` when the user cancels.
pub fn export_programme(session: &Session, host: &dyn Host, id: i64) -> Result<Option<String>> {
    let title = session.with_store(|s| s.load(id))?.title;
    let name = format!("{}.metodist.json", file_stem(&title));
    let Some(path): Option<PathBuf> = host.save_file("Экспорт программы", &name, EXCHANGE_FILES)?
    else {
        return Ok(None);
    };
    export_file(session, id, &path)?;
    Ok(Some(path.display().to_string()))
}
