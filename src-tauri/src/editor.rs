//! Commands of the editor, tracking and printing screens. Like the rest of
//! the shell, each is a call into the core (or the print crate); files are
//! chosen by the user in the system's own dialog, opened from Rust, so the
//! window never names a path and nothing is written anywhere else.

use std::path::PathBuf;

use chrono::NaiveDate;
use metodist_core::model::Programme;
use metodist_core::store::TemplateSummary;
use metodist_core::tracking::{self, DueEntry, MonthScreen, TodayScreen};
use metodist_core::{
    effectiveness::{Evaluation, Method, Standard},
    exchange, Applied, Edit, Period, Problem, ProgrammeSummary, UndoState, YearMonth,
};
use metodist_print::{ComposeMode, Fonts, LayoutProfile};
use metodist_schedule::{describe, interpret, Schedule};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::{AppError, AppState};

/// An item's schedule as the roadmap editor shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ScheduleView {
    pub item: String,
    pub number: String,
    #[serde(flatten)]
    pub schedule: Schedule,
    pub manual: bool,
    /// «ежегодно: сентябрь 2025, 2026, 2027».
    pub description: String,
}

#[tauri::command]
pub async fn load_programme(state: State<'_, AppState>, id: i64) -> Result<Programme, AppError> {
    state.with_store(|s| s.load(id))
}

#[tauri::command]
pub async fn apply_edit(
    state: State<'_, AppState>,
    id: i64,
    edit: Edit,
) -> Result<Applied, AppError> {
    // The day a date of completion is checked against: the one the tracking
    // screens count from (pinned by the e2e tests).
    let today = crate::tracking::today();
    state.with_store_mut(|s| s.apply(id, &edit, today))
}

#[tauri::command]
pub async fn undo(state: State<'_, AppState>, id: i64) -> Result<UndoState, AppError> {
    state.with_store_mut(|s| s.undo(id))
}

#[tauri::command]
pub async fn redo(state: State<'_, AppState>, id: i64) -> Result<UndoState, AppError> {
    state.with_store_mut(|s| s.redo(id))
}

#[tauri::command]
pub async fn undo_state(state: State<'_, AppState>, id: i64) -> Result<UndoState, AppError> {
    state.with_store(|s| s.undo_state(id))
}

#[tauri::command]
pub async fn item_schedules(
    state: State<'_, AppState>,
    id: i64,
) -> Result<Vec<ScheduleView>, AppError> {
    let list = state.with_store(|s| s.item_schedules(id))?;
    Ok(list
        .into_iter()
        .map(|n| ScheduleView {
            description: describe(&n.schedule.schedule),
            item: n.item,
            number: n.number,
            manual: n.schedule.manual,
            schedule: n.schedule.schedule,
        })
        .collect())
}

/// How a deadline being typed will be read, for the hint next to the cell.
#[tauri::command]
pub async fn describe_deadline(period: Period, phrase: String) -> Result<ScheduleView, AppError> {
    let schedule = interpret(&phrase, period);
    Ok(ScheduleView {
        description: describe(&schedule),
        item: String::new(),
        number: String::new(),
        manual: false,
        schedule,
    })
}

#[tauri::command]
pub async fn readiness(state: State<'_, AppState>, id: i64) -> Result<Vec<Problem>, AppError> {
    let p = state.with_store(|s| s.load(id))?;
    Ok(metodist_core::readiness::check(&p))
}

#[tauri::command]
pub async fn list_templates(state: State<'_, AppState>) -> Result<Vec<TemplateSummary>, AppError> {
    state.with_store(|s| s.list_templates())
}

#[tauri::command]
pub async fn create_from_template(
    state: State<'_, AppState>,
    key: String,
) -> Result<i64, AppError> {
    let today = crate::tracking::today();
    state.with_store_mut(|s| s.create_from_template(&key, today))
}

#[tauri::command]
pub async fn save_as_template(
    state: State<'_, AppState>,
    id: i64,
    name: String,
) -> Result<String, AppError> {
    state.with_store_mut(|s| s.save_as_template(id, &name))
}

#[tauri::command]
pub async fn delete_template(state: State<'_, AppState>, key: String) -> Result<(), AppError> {
    state.with_store_mut(|s| s.delete_template(&key))
}

#[tauri::command]
pub async fn duplicate_programme(state: State<'_, AppState>, id: i64) -> Result<i64, AppError> {
    state.with_store_mut(|s| s.duplicate_programme(id))
}

#[tauri::command]
pub async fn delete_programme(state: State<'_, AppState>, id: i64) -> Result<(), AppError> {
    state.with_store_mut(|s| s.delete_programme(id))
}

#[tauri::command]
pub async fn restore_programme(state: State<'_, AppState>, id: i64) -> Result<(), AppError> {
    state.with_store_mut(|s| s.restore_programme(id))
}

#[tauri::command]
pub async fn list_deleted(state: State<'_, AppState>) -> Result<Vec<ProgrammeSummary>, AppError> {
    state.with_store(|s| s.list_deleted())
}

const EXCHANGE_FILTER: (&str, &[&str]) = ("Программа Методиста", &["json"]);

/// Asks for an exchange file and imports it; `None` when the user cancels.
#[tauri::command]
pub async fn import_programme(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<i64>, AppError> {
    let Some(path) = pick_file(&app, "Импорт программы", EXCHANGE_FILTER)? else {
        return Ok(None);
    };
    let programme = exchange::read_file(&path)?;
    state.with_store_mut(|s| s.import(&programme)).map(Some)
}

/// Asks where to save the programme's exchange file and writes it there.
#[tauri::command]
pub async fn export_programme(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
) -> Result<Option<String>, AppError> {
    let p = state.with_store(|s| s.load(id))?;
    let name = format!("{}.metodist.json", file_stem(&p.title));
    let Some(path) = save_file(&app, "Экспорт программы", &name, EXCHANGE_FILTER)?
    else {
        return Ok(None);
    };
    exchange::write_file(&path, &p)?;
    Ok(Some(path.display().to_string()))
}

#[derive(Debug, Clone, Copy, Deserialize)]
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

/// Built-in profiles, then the user's.
#[tauri::command]
pub async fn layout_profiles(state: State<'_, AppState>) -> Result<Vec<LayoutProfile>, AppError> {
    let stored = state.with_store(|s| s.layout_profiles())?;
    let mut out = LayoutProfile::builtin();
    for (name, body) in stored {
        // A profile the print crate no longer reads is skipped, not fatal:
        // printing with a built-in one must stay possible.
        if let Ok(mut p) = serde_json::from_str::<LayoutProfile>(&body) {
            p.name = name;
            out.push(p);
        }
    }
    Ok(out)
}

#[tauri::command]
pub async fn save_layout_profile(
    state: State<'_, AppState>,
    profile: LayoutProfile,
) -> Result<(), AppError> {
    profile.validate()?;
    if LayoutProfile::builtin()
        .iter()
        .any(|b| b.name == profile.name)
    {
        return Err(AppError::Invalid(
            "встроенный профиль изменить нельзя — сохраните копию под другим названием".into(),
        ));
    }
    let body = serde_json::to_string(&profile).expect("profiles serialise");
    state.with_store_mut(|s| s.save_layout_profile(&profile.name, &body))
}

pub(crate) async fn profile_named(
    state: &State<'_, AppState>,
    name: &str,
) -> Result<LayoutProfile, AppError> {
    layout_profiles(state.clone())
        .await?
        .into_iter()
        .find(|p| p.name == name)
        .ok_or_else(|| AppError::Invalid(format!("нет профиля печати «{name}»")))
}

/// What printing produced: where the PDF went and anything to know about it.
#[derive(Debug, Clone, Serialize)]
pub struct Printed {
    pub path: String,
    pub pages: usize,
    pub warnings: Vec<String>,
}

/// Asks where to save the PDF, writes it, and opens it in the system viewer.
#[tauri::command]
pub async fn print_programme(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    mode: PrintMode,
    profile: String,
) -> Result<Option<Printed>, AppError> {
    let p = state.with_store(|s| s.load(id))?;
    let profile = profile_named(&state, &profile).await?;
    let suffix = match mode {
        PrintMode::WholeAct => "",
        PrintMode::AppendixOnly => " (приложение)",
    };
    let name = format!("{}{suffix}.pdf", file_stem(&p.title));
    let Some(path) = save_file(&app, "Сохранить PDF", &name, ("PDF", &["pdf"]))? else {
        return Ok(None);
    };
    let fonts = Fonts::load(&profile.font)?;
    let rendered = metodist_print::render_programme(&p, mode.into(), &profile, &fonts)?;
    deliver_pdf(&app, path, rendered).map(Some)
}

/// Writes a rendered PDF where the user chose and opens it in the system
/// viewer; shared by the programme and the progress report.
pub(crate) fn deliver_pdf(
    app: &AppHandle,
    path: PathBuf,
    rendered: metodist_print::Rendered,
) -> Result<Printed, AppError> {
    metodist_core::fsutil::write_atomically(&path, &rendered.pdf)?;
    // Failing to open a viewer is not a failure to print: the file is saved.
    // Under the e2e harness (TEST_SAVE_TO) no viewer may pop up on Xvfb.
    if std::env::var_os(TEST_SAVE_TO).is_none() {
        let _ = app.opener().open_path(path.to_string_lossy(), None::<&str>);
    }
    Ok(Printed {
        path: path.display().to_string(),
        pages: rendered.pages,
        warnings: rendered.warnings.iter().map(|w| w.to_string()).collect(),
    })
}

/// Pages of the print preview as PNG data URLs, with the page count.
#[derive(Debug, Clone, Serialize)]
pub struct PreviewPages {
    pub page_count: usize,
    pub pages: Vec<PreviewImage>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
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
#[tauri::command]
pub async fn preview_pages(
    state: State<'_, AppState>,
    id: i64,
    mode: PrintMode,
    profile: String,
    dpi: f32,
    first: usize,
    count: usize,
) -> Result<PreviewPages, AppError> {
    use base64::Engine as _;
    let p = state.with_store(|s| s.load(id))?;
    let profile = profile_named(&state, &profile).await?;
    let fonts = Fonts::load(&profile.font)?;
    let doc = metodist_print::compose(&p, mode.into());
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

#[tauri::command]
pub async fn due_entries(state: State<'_, AppState>, id: i64) -> Result<Vec<DueEntry>, AppError> {
    state.with_store(|s| Ok(tracking::entries(&s.load(id)?, &s.item_schedules(id)?)))
}

/// The Today screen as of `today` (the computer's date when absent).
#[tauri::command]
pub async fn today_view(
    state: State<'_, AppState>,
    id: i64,
    today: Option<NaiveDate>,
) -> Result<TodayScreen, AppError> {
    let today = today.unwrap_or_else(crate::tracking::today);
    state.with_store(|s| {
        Ok(tracking::today_screen(
            &s.load(id)?,
            &s.item_schedules(id)?,
            today,
        ))
    })
}

#[tauri::command]
pub async fn month_view(
    state: State<'_, AppState>,
    id: i64,
    month: YearMonth,
) -> Result<MonthScreen, AppError> {
    state.with_store(|s| {
        Ok(tracking::month_screen(
            &s.load(id)?,
            &s.item_schedules(id)?,
            month,
        ))
    })
}

#[tauri::command]
pub async fn evaluation(
    state: State<'_, AppState>,
    id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Evaluation, AppError> {
    state.with_store(|s| {
        let p = s.load(id)?;
        let entries = tracking::entries(&p, &s.item_schedules(id)?);
        Ok(Standard.evaluate(&p, &entries, from, to))
    })
}

/// End-to-end tests drive the window through WebDriver, which cannot click a
/// native dialog. The test harness (never the window) sets these variables
/// to the file the dialog would have returned.
const TEST_OPEN_FROM: &str = "METODIST_TEST_OPEN_FROM";
const TEST_SAVE_TO: &str = "METODIST_TEST_SAVE_TO";

pub(crate) fn pick_file(
    app: &AppHandle,
    title: &str,
    filter: (&str, &[&str]),
) -> Result<Option<PathBuf>, AppError> {
    if let Some(path) = std::env::var_os(TEST_OPEN_FROM) {
        return Ok(Some(PathBuf::from(path)));
    }
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(filter.0, filter.1)
        .blocking_pick_file()
        .map(dialog_path)
        .transpose()
}

pub(crate) fn save_file(
    app: &AppHandle,
    title: &str,
    name: &str,
    filter: (&str, &[&str]),
) -> Result<Option<PathBuf>, AppError> {
    if let Some(path) = std::env::var_os(TEST_SAVE_TO) {
        return Ok(Some(PathBuf::from(path)));
    }
    app.dialog()
        .file()
        .set_title(title)
        .set_file_name(name)
        .add_filter(filter.0, filter.1)
        .blocking_save_file()
        .map(dialog_path)
        .transpose()
}

fn dialog_path(path: tauri_plugin_dialog::FilePath) -> Result<PathBuf, AppError> {
    path.into_path()
        .map_err(|_| AppError::Invalid("выбранный файл недоступен как файл на диске".into()))
}

/// A file name from a title: no characters Windows forbids, not too long.
pub(crate) fn file_stem(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let mut stem = String::new();
    for w in words {
        if stem.chars().count() + w.chars().count() > 80 {
            break;
        }
        if !stem.is_empty() {
            stem.push(' ');
        }
        stem.push_str(w);
    }
    if stem.is_empty() {
        "Программа".into()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn file_names_are_safe_on_windows() {
        assert_eq!(
            file_stem("Программа «А/Б»: 2024–2027?"),
            "Программа «А Б» 2024–2027"
        );
        assert_eq!(file_stem("  "), "Программа");
        assert!(file_stem(&"слово ".repeat(50)).chars().count() <= 80);
    }
}
