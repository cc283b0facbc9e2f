//! The tracking screens: due dates, Сегодня and Месяц, the evaluation of
//! effectiveness, and the progress report. Each reads the programme and its
//! schedules once; "today" comes from the host.

use chrono::NaiveDate;
use metodist_core::effectiveness::{Evaluation, Method, Standard};
use metodist_core::model::Programme;
use metodist_core::tracking::{self, DueEntry, MonthScreen, TodayScreen};
use metodist_core::YearMonth;
use metodist_print::LayoutProfile;

use crate::files::file_stem;
use crate::host::{Host, PDF_FILES};
use crate::printing::{deliver_pdf, profile_named, Printed};
use crate::{ApiError, Result, Session};

/// The programme and every due date of its items, from one reading.
pub fn programme_and_entries(session: &Session, id: i64) -> Result<(Programme, Vec<DueEntry>)> {
    session.with_store(|s| {
        let p = s.load(id)?;
        let schedules = s.item_schedules(id)?;
        let entries = tracking::entries(&p, &schedules);
        Ok((p, entries))
    })
}

pub fn due_entries(session: &Session, id: i64) -> Result<Vec<DueEntry>> {
    Ok(programme_and_entries(session, id)?.1)
}

/// The date the tracking screens count from.
pub fn tracking_today(host: &dyn Host) -> Result<NaiveDate> {
    Ok(host.today())
}

/// The Today screen as of `today`.
pub fn today_view(session: &Session, id: i64, today: NaiveDate) -> Result<TodayScreen> {
    session.with_store(|s| {
        let (p, schedules) = (s.load(id)?, s.item_schedules(id)?);
        Ok(tracking::today_screen(&p, &schedules, today))
    })
}

pub fn month_view(session: &Session, id: i64, month: YearMonth) -> Result<MonthScreen> {
    session.with_store(|s| {
        let (p, schedules) = (s.load(id)?, s.item_schedules(id)?);
        Ok(tracking::month_screen(&p, &schedules, month))
    })
}

/// Effectiveness of the days `from ..= to` by the standard method
/// (docs/design.md §5).
pub fn evaluation(
    session: &Session,
    id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Evaluation> {
    let (p, entries) = programme_and_entries(session, id)?;
    Ok(Standard.evaluate(&p, &entries, from, to))
}

fn check_report_days(from: NaiveDate, to: NaiveDate) -> Result<()> {
    if from > to {
        return Err(ApiError::Invalid(format!(
            "начало отчётного периода ({}) позже его окончания ({})",
            from.format("%d.%m.%Y"),
            to.format("%d.%m.%Y")
        )));
    }
    Ok(())
}

/// «Отчёт о ходе реализации программы» for the days `from ..= to`.
pub fn render_report(
    programme: &Programme,
    entries: &[DueEntry],
    from: NaiveDate,
    to: NaiveDate,
    profile: &LayoutProfile,
) -> Result<metodist_print::Rendered> {
    check_report_days(from, to)?;
    let evaluation = Standard.evaluate(programme, entries, from, to);
    let fonts = metodist_print::Fonts::load(&profile.font)?;
    Ok(metodist_print::render_report(
        programme,
        entries,
        &evaluation,
        from,
        to,
        profile,
        &fonts,
    )?)
}

/// Asks where to save the progress report for the days `from ..= to`,
/// writes the PDF and shows it; `None` when the user cancels.
pub fn print_report(
    session: &Session,
    host: &dyn Host,
    id: i64,
    from: NaiveDate,
    to: NaiveDate,
    profile: String,
) -> Result<Option<Printed>> {
    check_report_days(from, to)?;
    let (p, entries) = programme_and_entries(session, id)?;
    let profile = session.with_store(|s| Ok(profile_named(s, &profile)))??;
    let name = format!(
        "Отчёт {} ({}–{}).pdf",
        file_stem(&p.title),
        from.format("%d.%m.%Y"),
        to.format("%d.%m.%Y")
    );
    let Some(path) = host.save_file("Сохранить отчёт в PDF", &name, PDF_FILES)?
    else {
        return Ok(None);
    };
    let rendered = render_report(&p, &entries, from, to, &profile)?;
    deliver_pdf(session, host, path, rendered).map(Some)
}
