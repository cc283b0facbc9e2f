//! Commands of the layout profile editor in the Печать tab: checking a
//! profile field by field, renaming and deleting the user's profiles, and
//! the list of fonts installed on the computer. Printing and the preview
//! themselves are in editor.rs.

use metodist_print::{installed_families, LayoutProfile, ProfileProblem};
use serde::Serialize;
use tauri::State;

use crate::{AppError, AppState};

fn refuse_builtin(name: &str) -> Result<(), AppError> {
    if LayoutProfile::builtin()
        .iter()
        .any(|b| b.name == name.trim())
    {
        return Err(AppError::Invalid(format!(
            "«{}» — встроенный профиль; его нельзя изменить, переименовать или удалить, можно только скопировать",
            name.trim()
        )));
    }
    Ok(())
}

/// Every value of `profile` that cannot be used, by field, for the editor
/// to show next to that field. Empty when the profile can be saved.
#[tauri::command]
pub async fn check_layout_profile(profile: LayoutProfile) -> Vec<ProfileProblem> {
    profile.problems()
}

#[tauri::command]
pub async fn rename_layout_profile(
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> Result<(), AppError> {
    refuse_builtin(&from)?;
    refuse_builtin(&to)?;
    state.with_store_mut(|s| s.rename_layout_profile(&from, &to))
}

#[tauri::command]
pub async fn delete_layout_profile(
    state: State<'_, AppState>,
    name: String,
) -> Result<(), AppError> {
    refuse_builtin(&name)?;
    state.with_store_mut(|s| s.delete_layout_profile(&name))
}

/// An installed font family as the window sees it: which styles it has,
/// not where its files are.
#[derive(Debug, Clone, Serialize)]
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
#[tauri::command]
pub async fn installed_fonts(refresh: bool) -> Result<Vec<InstalledFont>, AppError> {
    // Reading a few hundred font files takes a moment: off the main thread.
    let families = tauri::async_runtime::spawn_blocking(move || installed_families(refresh))
        .await
        .map_err(|e| AppError::Invalid(format!("список шрифтов не получен: {e}")))?;
    Ok(families
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
