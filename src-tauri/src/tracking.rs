//! Commands of the tracking screens that the editor module does not have:
//! the date the screens count from and the progress report PDF. The due
//! dates, Today, month and evaluation commands live in editor.rs.

use chrono::NaiveDate;
use metodist_core::effectiveness::{Method, Standard};
use metodist_print::Fonts;
use tauri::{AppHandle, State};

use crate::editor::{deliver_pdf, file_stem, profile_named, save_file, Printed};
use crate::{AppError, AppState};

/// End-to-end tests pin "today" so that what is overdue does not depend on
/// the day the tests run. Set by the test harness only, never by the window.
const TEST_TODAY: &str = "METODIST_TODAY";

/// The date the tracking screens count from and edits check a date of
/// completion against: the computer's date, or the test harness's pinned
/// one. The core reads no clock for "today": it is given this date.
pub fn today() -> NaiveDate {
    pinned(std::env::var(TEST_TODAY).ok().as_deref())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The pinned date, if the variable holds one ("2025-05-20").
fn pinned(value: Option<&str>) -> Option<NaiveDate> {
    value.and_then(|s| s.trim().parse().ok())
}

/// Today's date as the tracking screens see it (a done date defaults to it).
#[tauri::command]
pub async fn tracking_today() -> Result<NaiveDate, AppError> {
    Ok(today())
}

/// Asks where to save «Отчёт о ходе реализации программы» for the days
/// `from ..= to`, writes the PDF and opens it in the system viewer.
#[tauri::command]
pub async fn print_report(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    from: NaiveDate,
    to: NaiveDate,
    profile: String,
) -> Result<Option<Printed>, AppError> {
    if from > to {
        return Err(AppError::Invalid(format!(
            "начало отчётного периода ({}) позже его окончания ({})",
            from.format("%d.%m.%Y"),
            to.format("%d.%m.%Y")
        )));
    }
    let (p, entries) = state.with_store(|s| {
        let p = s.load(id)?;
        let entries = metodist_core::tracking::entries(&p, &s.item_schedules(id)?);
        Ok((p, entries))
    })?;
    let profile = profile_named(&state, &profile).await?;
    let name = format!(
        "Отчёт {} ({}–{}).pdf",
        file_stem(&p.title),
        from.format("%d.%m.%Y"),
        to.format("%d.%m.%Y")
    );
    let Some(path) = save_file(&app, "Сохранить отчёт в PDF", &name, ("PDF", &["pdf"]))?
    else {
        return Ok(None);
    };
    let evaluation = Standard.evaluate(&p, &entries, from, to);
    let fonts = Fonts::load(&profile.font)?;
    let rendered =
        metodist_print::render_report(&p, &entries, &evaluation, from, to, &profile, &fonts)?;
    deliver_pdf(&app, path, rendered).map(Some)
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
