//! The tracking screens: due dates, Сегодня and Месяц, the evaluation of
//! effectiveness, and the progress report. Each reads the programme and its
//! schedules once; "today" comes from the host.

use chrono::NaiveDate;
use metodist_core::effectiveness::{Evaluation, Method, Standard};
use metodist_core::model::Programme;
use metodist_core::tracking::{self, DueEntry, MonthScreen, TodayScreen, Untracked};
use metodist_core::YearMonth;
use metodist_print::{LayoutProfile, ReportInput};

use crate::files::file_stem;
use crate::host::{Host, PDF_FILES};
use crate::printing::{deliver_pdf, profile_named, Printed};
use crate::{ApiError, Result, Session};

/// What the progress report and the evaluation need, from one reading:
/// the programme, every due date of its items, and the items no month
/// tracks.
pub struct Tracked {
    pub programme: Programme,
    pub entries: Vec<DueEntry>,
    pub untracked: Vec<Untracked>,
}

pub fn tracked(session: &Session, id: i64) -> Result<Tracked> {
    session.with_store(|s| {
        let programme = s.load(id)?;
        let schedules = s.item_schedules(id)?;
        Ok(Tracked {
            entries: tracking::entries(&programme, &schedules),
            untracked: tracking::untracked(&programme, &schedules),
            programme,
        })
    })
}

pub fn due_entries(session: &Session, id: i64) -> Result<Vec<DueEntry>> {
    Ok(tracked(session, id)?.entries)
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
/// (docs/design.md §5), as known on `as_of`: the same count the report
/// makes on that day.
pub fn evaluation(
    session: &Session,
    id: i64,
    from: NaiveDate,
    to: NaiveDate,
    as_of: NaiveDate,
) -> Result<Evaluation> {
    let t = tracked(session, id)?;
    Ok(Standard.evaluate(&t.programme, &t.entries, from, to, as_of))
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

/// «Отчёт о ходе реализации программы» for the days `from ..= to`, made
/// on `as_of`.
pub fn render_report(
    t: &Tracked,
    from: NaiveDate,
    to: NaiveDate,
    as_of: NaiveDate,
    profile: &LayoutProfile,
) -> Result<metodist_print::Rendered> {
    check_report_days(from, to)?;
    let evaluation = Standard.evaluate(&t.programme, &t.entries, from, to, as_of);
    let fonts = metodist_print::Fonts::load(&profile.font)?;
    let input = ReportInput {
        programme: &t.programme,
        entries: &t.entries,
        untracked: &t.untracked,
        evaluation: &evaluation,
    };
    Ok(metodist_print::render_report(&input, profile, &fonts)?)
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
    let t = tracked(session, id)?;
    let profile = session.with_store(|s| Ok(profile_named(s, &profile)))??;
    let name = format!(
        "Отчёт {} ({}–{}).pdf",
        file_stem(&t.programme.title),
        from.format("%d.%m.%Y"),
        to.format("%d.%m.%Y")
    );
    let Some(path) = host.save_file("Сохранить отчёт в PDF", &name, PDF_FILES)?
    else {
        return Ok(None);
    };
    let rendered = render_report(&t, from, to, host.today(), &profile)?;
    deliver_pdf(session, host, path, rendered).map(Some)
}
