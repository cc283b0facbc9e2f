//! Printing: the layout profiles (built-in and the user's), the programme
//! as a PDF and its preview, the fonts installed on the computer.

use std::path::{Path, PathBuf};

use metodist_core::model::Programme;
use metodist_core::Store;
use metodist_print::{installed_families, ComposeMode, Fonts, LayoutProfile, ProfileProblem};
use serde::{Deserialize, Serialize};

use crate::files::file_stem;
use crate::host::{Host, PDF_FILES, WORD_FILES};
use crate::{ApiError, Result, Session};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PrintMode {
    WholeAct,
    AppendixOnly,
}

impl From<PrintMode> for ComposeMode {
    fn from(m: PrintMode) -> Self {
        match m {
            PrintMode::WholeAct => ComposeMode::WholeAct,
            PrintMode::AppendixOnly => ComposeMode::AppendixOnly,
        }
    }
}

/// A profile stored by the user, or why it cannot be used.
fn stored_profile(name: String, body: &str) -> Result<LayoutProfile> {
    let mut profile: LayoutProfile = serde_json::from_str(body).map_err(|e| {
        ApiError::Invalid(format!(
            "профиль печати «{name}» повреждён и не может быть использован: {}; удалите его и создайте заново",
            metodist_core::exchange::translate_serde_message(&e.to_string())
        ))
    })?;
    profile.name = name;
    Ok(profile)
}

/// The built-in profiles, then the user's. A stored profile the print crate
/// no longer reads is left out of the list (and named on stderr), so that
/// printing with the others stays possible; asked for by name it is an
/// error that says so ([`profile_named`]).
pub fn profiles_in(store: &Store) -> Result<Vec<LayoutProfile>> {
    let mut out = LayoutProfile::builtin();
    for (name, body) in store.layout_profiles()? {
        match stored_profile(name, &body) {
            Ok(p) => out.push(p),
            Err(error) => eprintln!("[{}] {error}", error.code()),
        }
    }
    Ok(out)
}

fn builtin_named(name: &str) -> Option<LayoutProfile> {
    LayoutProfile::builtin()
        .into_iter()
        .find(|p| p.name == name)
}

/// The profile called `name`: a built-in one or one the user stored.
pub fn profile_named(store: &Store, name: &str) -> Result<LayoutProfile> {
    if let Some(p) = builtin_named(name) {
        return Ok(p);
    }
    match store
        .layout_profiles()?
        .into_iter()
        .find(|(n, _)| n == name)
    {
        Some((name, body)) => stored_profile(name, &body),
        None => {
            let builtin: Vec<String> = LayoutProfile::builtin()
                .into_iter()
                .map(|p| p.name)
                .collect();
            Err(ApiError::Invalid(format!(
                "нет профиля «{name}»; встроенные: {}",
                builtin.join(", ")
            )))
        }
    }
}

/// The named profile, or the default one when no name is given; the
/// database is read only for a profile that is not built in.
pub fn chosen_profile(session: &Session, name: Option<&str>) -> Result<LayoutProfile> {
    match name {
        None => Ok(LayoutProfile::default()),
        Some(name) => match builtin_named(name) {
            Some(p) => Ok(p),
            None => session.with_store(|s| Ok(profile_named(s, name)))?,
        },
    }
}

fn refuse_builtin(name: &str) -> Result<()> {
    if LayoutProfile::builtin()
        .iter()
        .any(|b| b.name == name.trim())
    {
        return Err(ApiError::Invalid(format!(
            "«{}» — встроенный профиль; его нельзя изменить, переименовать или удалить, можно только скопировать",
            name.trim()
        )));
    }
    Ok(())
}

pub fn layout_profiles(session: &Session) -> Result<Vec<LayoutProfile>> {
    session.with_store(|s| Ok(profiles_in(s)))?
}

pub fn save_layout_profile(session: &Session, profile: LayoutProfile) -> Result<()> {
    profile.validate()?;
    refuse_builtin(&profile.name)?;
    let body = serde_json::to_string(&profile).expect("profiles serialise");
    session.with_store_mut(|s| s.save_layout_profile(&profile.name, &body))
}

/// Every value of `profile` that cannot be used, by field, for the editor
/// to show next to that field. Empty when the profile can be saved.
pub fn check_layout_profile(profile: LayoutProfile) -> Result<Vec<ProfileProblem>> {
    Ok(profile.problems())
}

pub fn rename_layout_profile(session: &Session, from: String, to: String) -> Result<()> {
    refuse_builtin(&from)?;
    refuse_builtin(&to)?;
    session.with_store_mut(|s| s.rename_layout_profile(&from, &to))
}

pub fn delete_layout_profile(session: &Session, name: String) -> Result<()> {
    refuse_builtin(&name)?;
    session.with_store_mut(|s| s.delete_layout_profile(&name))
}

/// An installed font family as the window sees it: which styles it has,
/// not where its files are.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct InstalledFont {
    pub name: String,
    pub serif: Option<bool>,
    pub regular: bool,
    pub bold: bool,
    pub italic: bool,
    pub bold_italic: bool,
}

/// The font families installed on this computer that can set Russian
/// text; `refresh` looks at the font folders again.
pub fn installed_fonts(refresh: bool) -> Result<Vec<InstalledFont>> {
    Ok(installed_families(refresh)
        .iter()
        .map(|f| InstalledFont {
            name: f.name.clone(),
            serif: f.serif,
            regular: f.regular.is_some(),
            bold: f.bold.is_some(),
            italic: f.italic.is_some(),
            bold_italic: f.bold_italic.is_some(),
        })
        .collect())
}

/// What printing produced: where the PDF went and anything to know about it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Printed {
    pub path: String,
    pub pages: usize,
    pub warnings: Vec<String>,
}

/// Writes a rendered PDF at `path` (all or nothing) and reports it; never
/// over the session's database or one of its files.
pub fn write_pdf(
    session: &Session,
    path: &Path,
    rendered: metodist_print::Rendered,
) -> Result<Printed> {
    session.check_output(path)?;
    metodist_core::fsutil::write_atomically(path, &rendered.pdf)?;
    Ok(Printed {
        path: path.display().to_string(),
        pages: rendered.pages,
        warnings: rendered.warnings.iter().map(|w| w.to_string()).collect(),
    })
}

/// Writes the PDF where the user chose and shows it in the system viewer;
/// shared by the programme and the progress report.
pub(crate) fn deliver_pdf(
    session: &Session,
    host: &dyn Host,
    path: PathBuf,
    rendered: metodist_print::Rendered,
) -> Result<Printed> {
    let printed = write_pdf(session, &path, rendered)?;
    host.show_file(&path);
    Ok(printed)
}

/// The programme as a PDF in `profile`.
pub fn render_programme(
    programme: &Programme,
    mode: PrintMode,
    profile: &LayoutProfile,
) -> Result<metodist_print::Rendered> {
    let fonts = Fonts::load(&profile.font)?;
    Ok(metodist_print::render_programme(
        programme,
        mode.into(),
        profile,
        &fonts,
    )?)
}

/// The programme as it is now, with the acts of its editions: printed
/// with «(в редакции …)» once amended (docs/design.md §4a).
fn current(store: &Store, id: i64) -> Result<crate::editions::State> {
    crate::editions::state_in(store, id, crate::editions::EditionRef::Draft)
}

/// Asks where to save the PDF, writes it, and shows it in the viewer;
/// `None` when the user cancels.
pub fn print_programme(
    session: &Session,
    host: &dyn Host,
    id: i64,
    mode: PrintMode,
    profile: String,
) -> Result<Option<Printed>> {
    let (state, profile) =
        session.with_store(|s| Ok((current(s, id), profile_named(s, &profile))))?;
    let (state, profile) = (state?, profile?);
    let name = format!(
        "{}{}.pdf",
        file_stem(&state.programme.title),
        mode_suffix(mode)
    );
    save_pdf_as(session, host, "Сохранить PDF", &name, || {
        crate::editions::render_state(&state, mode, &profile)
    })
}

/// The end of a file name that says the appendix alone was printed.
pub(crate) fn mode_suffix(mode: PrintMode) -> &'static str {
    match mode {
        PrintMode::WholeAct => "",
        PrintMode::AppendixOnly => " (приложение)",
    }
}

/// Asks where to save a PDF (`dialog` is the dialog's title, `name` the
/// suggested file name), makes it only once she has chosen, writes it
/// whole and shows it; `None` when she cancels. Every PDF the window saves
/// goes through here.
pub(crate) fn save_pdf_as(
    session: &Session,
    host: &dyn Host,
    dialog: &str,
    name: &str,
    make: impl FnOnce() -> Result<metodist_print::Rendered>,
) -> Result<Option<Printed>> {
    let Some(path) = host.save_file(dialog, name, PDF_FILES)? else {
        return Ok(None);
    };
    deliver_pdf(session, host, path, make()?).map(Some)
}

/// `save_pdf_as` for a Word document: written whole, then opened in the
/// system's program for .docx.
pub(crate) fn save_docx_as(
    session: &Session,
    host: &dyn Host,
    dialog: &str,
    name: &str,
    make: impl FnOnce() -> Result<Vec<u8>>,
) -> Result<Option<SavedDocx>> {
    let Some(path) = host.save_file(dialog, name, WORD_FILES)? else {
        return Ok(None);
    };
    let saved = write_docx(session, &path, &make()?)?;
    host.show_file(&path);
    Ok(Some(saved))
}

/// Where the Word document went.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct SavedDocx {
    pub path: String,
}

/// The programme as a Word document (.docx) in `profile`: the same
/// document as its PDF (docs/design.md §3), written by metodist-docx.
/// The CLI and the window both call this.
pub fn docx_programme(
    programme: &Programme,
    mode: PrintMode,
    profile: &LayoutProfile,
) -> Result<Vec<u8>> {
    let fonts = Fonts::load(&profile.font)?;
    let doc = metodist_print::compose(programme, mode.into());
    Ok(metodist_docx::write(&doc, profile, &fonts)?)
}

/// Writes a .docx at `path` (all or nothing); never over the session's
/// database or one of its files.
pub fn write_docx(session: &Session, path: &Path, bytes: &[u8]) -> Result<SavedDocx> {
    session.check_output(path)?;
    metodist_core::fsutil::write_atomically(path, bytes)?;
    Ok(SavedDocx {
        path: path.display().to_string(),
    })
}

/// Asks where to save the Word document, writes it, and opens it in the
/// system's program for .docx; `None` when the user cancels.
pub fn save_docx(
    session: &Session,
    host: &dyn Host,
    id: i64,
    mode: PrintMode,
    profile: String,
) -> Result<Option<SavedDocx>> {
    let (state, profile) =
        session.with_store(|s| Ok((current(s, id), profile_named(s, &profile))))?;
    let (state, profile) = (state?, profile?);
    let name = format!(
        "{}{}.docx",
        file_stem(&state.programme.title),
        mode_suffix(mode)
    );
    save_docx_as(session, host, "Сохранить в Word", &name, || {
        crate::editions::docx_state(&state, mode, &profile)
    })
}

/// Pages of the print preview as PNG data URLs, with the page count.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PreviewPages {
    pub page_count: usize,
    pub pages: Vec<PreviewImage>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PreviewImage {
    pub index: usize,
    pub width_px: u32,
    pub height_px: u32,
    /// `data:image/png;base64,...`, shown in an <img> (the CSP allows
    /// `data:` images and nothing remote).
    pub src: String,
}

/// Lays the programme out exactly as `print_programme` would and draws
/// pages `first .. first + count` at `dpi`.
/// `edition`: an approved edition's pages instead of the draft's (the
/// editor's «Редакции»).
#[allow(clippy::too_many_arguments)]
pub fn preview_pages(
    session: &Session,
    id: i64,
    mode: PrintMode,
    profile: String,
    dpi: f32,
    first: usize,
    count: usize,
    edition: Option<i64>,
) -> Result<PreviewPages> {
    use base64::Engine as _;
    let which = edition.map_or(
        crate::editions::EditionRef::Draft,
        crate::editions::EditionRef::Edition,
    );
    let (state, profile) = session.with_store(|s| {
        Ok((
            crate::editions::state_in(s, id, which),
            profile_named(s, &profile),
        ))
    })?;
    let (state, profile) = (state?, profile?);
    let fonts = Fonts::load(&profile.font)?;
    let doc = metodist_print::compose_with(
        &state.programme,
        mode.into(),
        &crate::editions::extras_of(&state),
    );
    let preview = metodist_print::render_preview(
        &doc,
        &profile,
        &fonts,
        dpi,
        first..first.saturating_add(count),
    )?;
    Ok(PreviewPages {
        page_count: preview.page_count,
        pages: preview
            .pages
            .into_iter()
            .map(|pg| PreviewImage {
                index: pg.index,
                width_px: pg.width_px,
                height_px: pg.height_px,
                src: format!(
                    "data:image/png;base64,{}",
                    base64::engine::general_purpose::STANDARD.encode(&pg.png)
                ),
            })
            .collect(),
        warnings: preview.warnings.iter().map(|w| w.to_string()).collect(),
    })
}
